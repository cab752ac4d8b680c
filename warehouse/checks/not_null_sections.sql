-- check: not_null_sections
-- asserts: sections key columns (article_id, ordinal, start, end) are never NULL.
-- scope: run
SELECT article_id, ordinal, start, "end"
FROM sections
WHERE article_id IS NULL OR ordinal IS NULL OR start IS NULL OR "end" IS NULL
