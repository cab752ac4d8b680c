-- check: not_null_timings
-- asserts: timings key columns (timing_id, article_id, subject, unit, text, start, end) are
-- never NULL; returns the offending rows and which columns are NULL.
-- scope: run
SELECT timing_id, article_id, subject,
       concat_ws(', ',
           CASE WHEN timing_id  IS NULL THEN 'timing_id' END,
           CASE WHEN article_id IS NULL THEN 'article_id' END,
           CASE WHEN subject    IS NULL THEN 'subject' END,
           CASE WHEN unit       IS NULL THEN 'unit' END,
           CASE WHEN text       IS NULL THEN 'text' END,
           CASE WHEN start      IS NULL THEN 'start' END,
           CASE WHEN "end"      IS NULL THEN 'end' END) AS null_columns
FROM timings
WHERE timing_id IS NULL OR article_id IS NULL OR subject IS NULL OR unit IS NULL
   OR text IS NULL OR start IS NULL OR "end" IS NULL
