-- v_escalations: escalation windows ("see a GP if it lasts more than a week") of the latest
-- article versions; max_days NULL means open-ended.
CREATE OR REPLACE VIEW v_escalations AS
SELECT
    e.escalation_id,
    e.article_id,
    a.source,
    a.title AS article_title,
    a.publisher,
    e.action,
    e.trigger,
    e.min_days,
    e.max_days,
    e.text,
    e.sentence,
    e.section,
    e.start,
    e."end",
    e.sentence_start,
    e.rule_id
FROM escalations AS e
JOIN v_articles AS a USING (article_id);

-- v_timings: typed timing claims that are not escalation windows (DOMS peaks 24-72 hours,
-- ice within the first 24-48 hours).
CREATE OR REPLACE VIEW v_timings AS
SELECT
    t.timing_id,
    t.article_id,
    a.source,
    a.title AS article_title,
    t.subject,
    c.label AS subject_label,
    t.relation,
    t.min_value,
    t.max_value,
    t.unit,
    t.min_days,
    t.max_days,
    t.text,
    t.sentence,
    t.section,
    t.start,
    t."end",
    t.sentence_start,
    t.rule_id
FROM timings AS t
JOIN v_articles AS a USING (article_id)
LEFT JOIN concepts AS c ON c.concept_id = t.subject;
