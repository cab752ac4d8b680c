-- check: day_range_escalations
-- asserts: escalation windows are non-negative and min_days <= max_days (max_days NULL means
-- open-ended and is allowed).
-- scope: run
SELECT escalation_id, article_id, action, min_days, max_days
FROM escalations
WHERE min_days < 0 OR max_days < 0 OR min_days > max_days
