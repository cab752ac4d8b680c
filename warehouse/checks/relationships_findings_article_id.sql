-- check: relationships_findings_article_id
-- asserts: every findings.article_id exists in articles (no orphans).
-- new_rows: findings.article_id
SELECT x.finding_id, x.article_id
FROM findings AS x
LEFT JOIN articles AS a ON a.article_id = x.article_id
WHERE x.article_id IS NOT NULL AND a.article_id IS NULL
