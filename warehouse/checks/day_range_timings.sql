-- check: day_range_timings
-- asserts: timing ranges are non-negative and ordered: min_days <= max_days and
-- min_value <= max_value (NULL bounds are open-ended and allowed).
-- scope: run
SELECT timing_id, article_id, subject, min_value, max_value, unit, min_days, max_days
FROM timings
WHERE min_days < 0 OR max_days < 0 OR min_days > max_days
   OR min_value < 0 OR max_value < 0 OR min_value > max_value
