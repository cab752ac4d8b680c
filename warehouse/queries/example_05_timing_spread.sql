-- question: For which timing subjects do sources give different numbers, and how far apart are
-- they (in days)?
SELECT subject, any_value(subject_label) AS subject_label, relation,
       count(DISTINCT source) AS sources,
       min(min_days) AS lowest_days,
       max(coalesce(max_days, min_days)) AS highest_days,
       string_agg(DISTINCT text, ' | ') AS as_written
FROM v_timings
GROUP BY subject, relation
HAVING count(DISTINCT (min_days, max_days)) > 1
ORDER BY highest_days - lowest_days DESC, subject;
