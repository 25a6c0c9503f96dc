-- One row per numeric mention.
CREATE TABLE IF NOT EXISTS quantities (
    quantity_id  VARCHAR NOT NULL,      -- '<article_id>:q<char_start>-<char_end>'
    article_id   VARCHAR NOT NULL,
    sentence_id  VARCHAR,
    char_start   INTEGER NOT NULL,
    char_end     INTEGER NOT NULL,
    surface      VARCHAR NOT NULL,
    value        DOUBLE,
    unit         VARCHAR,
    kind         VARCHAR NOT NULL,
    qualifier    VARCHAR,
    low          DOUBLE,
    high         DOUBLE,
    subject      VARCHAR,
    metric       VARCHAR
)
