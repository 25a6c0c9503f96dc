CREATE TABLE IF NOT EXISTS pipeline_runs (
    run_id       VARCHAR NOT NULL,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    raw_dir      VARCHAR,
    status       VARCHAR NOT NULL,
    summary      VARCHAR
)
