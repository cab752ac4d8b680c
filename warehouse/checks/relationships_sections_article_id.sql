-- check: relationships_sections_article_id
-- asserts: every sections.article_id exists in articles (no orphans).
-- new_rows: sections.article_id
SELECT x.ordinal, x.article_id
FROM sections AS x
LEFT JOIN articles AS a ON a.article_id = x.article_id
WHERE x.article_id IS NOT NULL AND a.article_id IS NULL
