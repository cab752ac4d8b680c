-- Escalation windows side by side, with their evidence.
SELECT
    source, article_title, action, trigger, min_days, max_days, text, sentence, section,
    start, "end"
FROM v_escalations
ORDER BY
    CASE action WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 WHEN 'gp' THEN 2
                WHEN 'specialist' THEN 3 ELSE 4 END,
    min_days, source, start;
