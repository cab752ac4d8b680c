-- check: not_null_ingest_runs
-- asserts: ingest_runs.run_id, started_at and status are never NULL.
SELECT run_id, started_at, status
FROM ingest_runs
WHERE run_id IS NULL OR started_at IS NULL OR status IS NULL
