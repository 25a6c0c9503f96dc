-- Anything that could not be read, with a precise reason; the rest of the run goes on.
CREATE TABLE IF NOT EXISTS ingest_errors (
    source_file  VARCHAR NOT NULL,
    record_key   VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    detail       VARCHAR NOT NULL,
    error_at     TIMESTAMP NOT NULL
)
