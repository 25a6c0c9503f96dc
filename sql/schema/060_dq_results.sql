-- Pipeline-integrity and advisory expectations (Great Expectations), one row per expectation per run.
CREATE TABLE IF NOT EXISTS dq_results (
    run_id            VARCHAR NOT NULL,
    suite             VARCHAR NOT NULL,
    expectation       VARCHAR NOT NULL,
    column_name       VARCHAR,
    severity          VARCHAR NOT NULL,   -- 'integrity' (blocking) or 'advisory'
    success           BOOLEAN NOT NULL,
    unexpected_count  BIGINT,
    element_count     BIGINT,
    run_time          TIMESTAMP NOT NULL,
    details           VARCHAR
)
