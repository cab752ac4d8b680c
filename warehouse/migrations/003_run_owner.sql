-- Who is writing a run: the process id and host of the `concord ingest` that started it.
-- A run left 'running' whose process is gone from this host was killed (SIGKILL, power loss);
-- `Warehouse.mark_interrupted_runs` marks it 'interrupted' when the next run starts.

ALTER TABLE ingest_runs ADD COLUMN pid INTEGER;
ALTER TABLE ingest_runs ADD COLUMN host VARCHAR;
