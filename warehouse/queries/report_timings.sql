-- Timing claims grouped by subject, for comparing "ice within 24-48 hours" across sources.
SELECT
    subject, subject_label, relation, source, article_title, min_value, max_value, unit,
    min_days, max_days, text, sentence, section, start, "end"
FROM v_timings
ORDER BY subject, relation, min_days, source;
