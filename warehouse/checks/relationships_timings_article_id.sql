-- check: relationships_timings_article_id
-- asserts: every timings.article_id exists in articles (no orphans).
-- new_rows: timings.article_id
SELECT x.timing_id, x.article_id
FROM timings AS x
LEFT JOIN articles AS a ON a.article_id = x.article_id
WHERE x.article_id IS NOT NULL AND a.article_id IS NULL
