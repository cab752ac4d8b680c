-- check: relationships_escalations_article_id
-- asserts: every escalations.article_id exists in articles (no orphans).
-- new_rows: escalations.article_id
SELECT x.escalation_id, x.article_id
FROM escalations AS x
LEFT JOIN articles AS a ON a.article_id = x.article_id
WHERE x.article_id IS NOT NULL AND a.article_id IS NULL
