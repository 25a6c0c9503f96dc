CREATE TABLE IF NOT EXISTS paragraphs (
    paragraph_id    VARCHAR NOT NULL,   -- '<article_id>:p<index>'
    article_id      VARCHAR NOT NULL,
    paragraph_index INTEGER NOT NULL,   -- 0-based
    char_start      INTEGER NOT NULL,   -- 0-based, end-exclusive code points into articles.text
    char_end        INTEGER NOT NULL
)
