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

-- v_sentence_topics: the topics a sentence is about, from the conditions it names (symptom and
-- cause concepts), and the topics of its article.
CREATE OR REPLACE VIEW v_sentence_topics AS
SELECT f.article_id, f.sentence_start, list_distinct(flatten(list(c.topics))) AS topics,
       any_value(al.topics) AS article_topics
FROM v_findings AS f
JOIN concepts AS c ON c.concept_id = f.concept
JOIN (SELECT article_id, list(topic) AS topics FROM article_topics GROUP BY article_id) AS al
    USING (article_id)
WHERE len(c.topics) > 0 AND f.kind IN ('symptom', 'cause')
GROUP BY f.article_id, f.sentence_start;

-- A window or timing belongs to a topic of its article unless its own sentence names only
-- conditions (symptom and cause concepts) of the article's other topics: in an article on both
-- back pain and muscle strain, "if your back pain persists for more than a week or two" is not a
-- muscle-strain window.
-- Sentences that name no condition ("if your symptoms don't improve") count for every topic.
CREATE OR REPLACE VIEW v_topic_escalations AS
SELECT ta.topic, ta.topic_label, ta.is_reference, concord_action_group(e.action) AS action_group, e.*
FROM v_escalations AS e
JOIN v_topic_articles AS ta USING (article_id)
LEFT JOIN v_sentence_topics AS st ON st.article_id = e.article_id AND st.sentence_start = e.sentence_start
WHERE st.topics IS NULL OR list_contains(st.topics, ta.topic) OR NOT list_has_any(st.topics, st.article_topics);

CREATE OR REPLACE VIEW v_topic_timings AS
SELECT ta.topic, ta.topic_label, ta.is_reference, t.*
FROM v_timings AS t
JOIN v_topic_articles AS ta USING (article_id)
LEFT JOIN v_sentence_topics AS st ON st.article_id = t.article_id AND st.sentence_start = t.sentence_start
WHERE st.topics IS NULL OR list_contains(st.topics, ta.topic) OR NOT list_has_any(st.topics, st.article_topics);
