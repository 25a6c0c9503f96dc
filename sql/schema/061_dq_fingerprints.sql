-- The content fingerprint of each table when its suite last ran: an unchanged table is not validated again.
CREATE TABLE IF NOT EXISTS dq_fingerprints (
    suite        VARCHAR NOT NULL,
    fingerprint  VARCHAR NOT NULL,
    success      BOOLEAN NOT NULL,
    run_id       VARCHAR NOT NULL,
    run_time     TIMESTAMP NOT NULL
)
