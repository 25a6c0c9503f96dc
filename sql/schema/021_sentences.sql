CREATE TABLE IF NOT EXISTS sentences (
    sentence_id     VARCHAR NOT NULL,   -- '<article_id>:s<index>'
    article_id      VARCHAR NOT NULL,
    paragraph_id    VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,   -- 0-based within the article
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    text            VARCHAR NOT NULL    -- = articles.text[char_start:char_end], kept for ad hoc SQL
)
