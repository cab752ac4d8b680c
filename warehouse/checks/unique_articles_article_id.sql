-- check: unique_articles_article_id
-- asserts: articles.article_id is unique; returns one row per duplicated value.
-- new_rows: articles.article_id
-- constraint: articles.article_id
SELECT article_id, count(*) AS occurrences
FROM articles
GROUP BY article_id
HAVING count(*) > 1
