-- v_topic_articles: which topics each latest article belongs to (several are allowed), and
-- whether it is a reference source for editors.
CREATE OR REPLACE VIEW v_topic_articles AS
SELECT
    t.topic,
    t.topic_label,
    t.score        AS topic_score,
    t.assigned_by,
    a.article_id,
    a.source,
    a.title,
    a.publisher,
    a.published,
    r.article_id IS NOT NULL AS is_reference
FROM article_topics AS t
JOIN v_articles AS a USING (article_id)
LEFT JOIN reference_sources AS r USING (article_id);

-- v_topic_findings: findings in their topics (a finding appears once per topic of its article).
CREATE OR REPLACE VIEW v_topic_findings AS
SELECT ta.topic, ta.topic_label, ta.is_reference, f.*
FROM v_findings AS f
JOIN v_topic_articles AS ta USING (article_id);

CREATE OR REPLACE VIEW v_topic_escalations AS
SELECT ta.topic, ta.topic_label, ta.is_reference, concord_action_group(e.action) AS action_group, e.*
FROM v_escalations AS e
JOIN v_topic_articles AS ta USING (article_id);

CREATE OR REPLACE VIEW v_topic_timings AS
SELECT ta.topic, ta.topic_label, ta.is_reference, t.*
FROM v_timings AS t
JOIN v_topic_articles AS ta USING (article_id);
