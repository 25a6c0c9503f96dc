-- Which article each stage has processed, with which code version: incremental runs skip the rest.
CREATE TABLE IF NOT EXISTS processing_log (
    stage         VARCHAR NOT NULL,
    article_id    VARCHAR NOT NULL,
    version       VARCHAR NOT NULL,
    processed_at  TIMESTAMP NOT NULL
)
