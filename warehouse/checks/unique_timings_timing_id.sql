-- check: unique_timings_timing_id
-- asserts: timings.timing_id is unique; returns one row per duplicated value.
-- new_rows: timings.timing_id
-- constraint: timings.timing_id
SELECT timing_id, count(*) AS occurrences
FROM timings
GROUP BY timing_id
HAVING count(*) > 1
