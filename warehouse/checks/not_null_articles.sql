-- check: not_null_articles
-- asserts: articles key columns (article_id, source, version, format, text, content_hash,
-- run_id) are never NULL; returns the offending rows and which columns are NULL.
-- scope: run
SELECT article_id, source, version,
       concat_ws(', ',
           CASE WHEN article_id   IS NULL THEN 'article_id' END,
           CASE WHEN source       IS NULL THEN 'source' END,
           CASE WHEN version      IS NULL THEN 'version' END,
           CASE WHEN format       IS NULL THEN 'format' END,
           CASE WHEN text         IS NULL THEN 'text' END,
           CASE WHEN content_hash IS NULL THEN 'content_hash' END,
           CASE WHEN run_id       IS NULL THEN 'run_id' END) AS null_columns
FROM articles
WHERE article_id IS NULL OR source IS NULL OR version IS NULL OR format IS NULL
   OR text IS NULL OR content_hash IS NULL OR run_id IS NULL
