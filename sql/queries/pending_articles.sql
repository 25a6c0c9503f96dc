-- Current articles a stage has not processed at its present version.  Parameters: stage, version.
WITH done AS (
    SELECT article_id FROM processing_log WHERE stage = ? AND version = ?
)
SELECT a.article_id
FROM articles AS a
WHERE a.is_current AND a.article_id NOT IN (SELECT article_id FROM done)
ORDER BY a.article_id
