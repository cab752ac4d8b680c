-- question: Which articles tell readers to wait longer than the median before seeing someone
-- (their escalation window starts later than the median window)?
WITH windows AS (
    SELECT source, article_title, action, trigger, min_days, max_days, text
    FROM v_escalations
    WHERE min_days IS NOT NULL
)
SELECT source, article_title, action, trigger, min_days, max_days, text,
       (SELECT median(min_days) FROM windows) AS median_min_days
FROM windows
WHERE min_days > (SELECT median(min_days) FROM windows)
ORDER BY min_days DESC, source;
