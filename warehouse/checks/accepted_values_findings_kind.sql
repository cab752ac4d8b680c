-- check: accepted_values_findings_kind
-- asserts: findings.kind is one of cause, symptom, advice, red_flag (NULLs are not_null's job).
-- scope: run
SELECT finding_id, article_id, kind
FROM findings
WHERE kind NOT IN ('cause', 'symptom', 'advice', 'red_flag')
