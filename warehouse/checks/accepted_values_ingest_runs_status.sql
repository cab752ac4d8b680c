-- check: accepted_values_ingest_runs_status
-- asserts: ingest_runs.status is one of running, succeeded, partial, failed, interrupted
-- (interrupted: the writer died, migration 003).
SELECT run_id, started_at, status
FROM ingest_runs
WHERE status NOT IN ('running', 'succeeded', 'partial', 'failed', 'interrupted')
