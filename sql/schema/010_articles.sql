-- One row per distinct article text (article_id = content hash).  Offsets everywhere refer to `text`.
CREATE TABLE IF NOT EXISTS articles (
    article_id       VARCHAR NOT NULL,   -- first 16 hex digits of sha256(text)
    source_file      VARCHAR NOT NULL,   -- first source (path relative to the raw folder); all sources in article_sources
    record_key       VARCHAR NOT NULL,   -- '' for one-article files, e.g. 'videoList[3]' inside JSON
    source_format    VARCHAR,
    encoding         VARCHAR,
    title            VARCHAR,
    published_date   DATE,
    region           VARCHAR,
    region_code      VARCHAR,
    region_level     VARCHAR,
    author           VARCHAR,
    editor           VARCHAR,
    source           VARCHAR,
    url              VARCHAR,
    reporting_period VARCHAR,
    text             VARCHAR NOT NULL,
    chars            INTEGER NOT NULL,
    is_current       BOOLEAN NOT NULL,   -- false once no raw file holds the article any more
    ingested_at      TIMESTAMP NOT NULL,
    removed_at       TIMESTAMP
)
