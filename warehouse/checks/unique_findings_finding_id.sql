-- check: unique_findings_finding_id
-- asserts: findings.finding_id is unique; returns one row per duplicated value.
-- new_rows: findings.finding_id
-- constraint: findings.finding_id
SELECT finding_id, count(*) AS occurrences
FROM findings
GROUP BY finding_id
HAVING count(*) > 1
