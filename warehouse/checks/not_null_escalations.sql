-- check: not_null_escalations
-- asserts: escalations key columns (escalation_id, article_id, action, text, start, end) are
-- never NULL; returns the offending rows and which columns are NULL.
-- scope: run
SELECT escalation_id, article_id, action,
       concat_ws(', ',
           CASE WHEN escalation_id IS NULL THEN 'escalation_id' END,
           CASE WHEN article_id    IS NULL THEN 'article_id' END,
           CASE WHEN action        IS NULL THEN 'action' END,
           CASE WHEN text          IS NULL THEN 'text' END,
           CASE WHEN start         IS NULL THEN 'start' END,
           CASE WHEN "end"         IS NULL THEN 'end' END) AS null_columns
FROM escalations
WHERE escalation_id IS NULL OR article_id IS NULL OR action IS NULL OR text IS NULL
   OR start IS NULL OR "end" IS NULL
