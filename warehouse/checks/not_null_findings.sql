-- check: not_null_findings
-- asserts: findings key columns (finding_id, article_id, kind, concept, text, start, end) are
-- never NULL; returns the offending rows and which columns are NULL.
-- scope: run
SELECT finding_id, article_id, kind, concept,
       concat_ws(', ',
           CASE WHEN finding_id IS NULL THEN 'finding_id' END,
           CASE WHEN article_id IS NULL THEN 'article_id' END,
           CASE WHEN kind       IS NULL THEN 'kind' END,
           CASE WHEN concept    IS NULL THEN 'concept' END,
           CASE WHEN text       IS NULL THEN 'text' END,
           CASE WHEN start      IS NULL THEN 'start' END,
           CASE WHEN "end"      IS NULL THEN 'end' END) AS null_columns
FROM findings
WHERE finding_id IS NULL OR article_id IS NULL OR kind IS NULL OR concept IS NULL
   OR text IS NULL OR start IS NULL OR "end" IS NULL
