-- Every (file, record) an article was read from: the same text in two files is one article with two sources.
CREATE TABLE IF NOT EXISTS article_sources (
    article_id   VARCHAR NOT NULL,
    source_file  VARCHAR NOT NULL,
    record_key   VARCHAR NOT NULL,
    file_sha256  VARCHAR NOT NULL,
    seen_at      TIMESTAMP NOT NULL
)
