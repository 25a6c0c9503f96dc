-- After ingestion: an article is current while a raw file holds it; its source_file is its first source.
-- Parameter: the run time (recorded as removed_at for articles that just lost their last source).
UPDATE articles AS a
SET is_current  = s.article_id IS NOT NULL,
    removed_at  = CASE WHEN s.article_id IS NULL THEN coalesce(a.removed_at, ?::TIMESTAMP) ELSE NULL END,
    source_file = coalesce(s.source_file, a.source_file),
    record_key  = coalesce(s.record_key, a.record_key)
FROM articles AS b
LEFT JOIN (
    SELECT article_id, arg_min(source_file, source_file || chr(0) || record_key) AS source_file,
           arg_min(record_key, source_file || chr(0) || record_key) AS record_key
    FROM article_sources
    GROUP BY article_id
) AS s ON s.article_id = b.article_id
WHERE a.article_id = b.article_id
