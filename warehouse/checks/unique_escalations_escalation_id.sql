-- check: unique_escalations_escalation_id
-- asserts: escalations.escalation_id is unique; returns one row per duplicated value.
-- new_rows: escalations.escalation_id
-- constraint: escalations.escalation_id
SELECT escalation_id, count(*) AS occurrences
FROM escalations
GROUP BY escalation_id
HAVING count(*) > 1
