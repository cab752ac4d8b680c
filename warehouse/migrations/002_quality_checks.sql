-- Schema v2: results of the data-quality checks (warehouse/checks/*.sql), one row per check per
-- ingest run, so a regression can be dated ("offsets_findings first failed in run X").

CREATE TABLE quality_results (
    run_id       VARCHAR NOT NULL,             -- ingest_runs.run_id the checks ran at the end of
    check_name   VARCHAR NOT NULL,             -- file stem of warehouse/checks/<name>.sql
    failing_rows BIGINT NOT NULL,              -- 0 means the check passed
    checked_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, check_name)
);
