-- The raw files as last read: lets a run skip unchanged files and notice removed ones.
CREATE TABLE IF NOT EXISTS source_files (
    source_file  VARCHAR NOT NULL,
    file_sha256  VARCHAR,
    size_bytes   BIGINT,
    mtime_ns     BIGINT,
    n_articles   INTEGER NOT NULL,
    n_errors     INTEGER NOT NULL,
    read_at      TIMESTAMP NOT NULL
)
