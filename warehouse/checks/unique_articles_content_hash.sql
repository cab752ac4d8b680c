-- check: unique_articles_content_hash
-- asserts: articles.content_hash is unique; returns one row per duplicated value.
-- new_rows: articles.content_hash
-- constraint: articles.content_hash
SELECT content_hash, count(*) AS occurrences
FROM articles
GROUP BY content_hash
HAVING count(*) > 1
