-- Inconsistent claims of current articles with the sentence they stand in (for the WARN check's metadata).
WITH checks AS (
    SELECT c.article_id, c.check_id, c.explanation, coalesce(c.percent_quantity_id, c.part_quantity_id, c.whole_quantity_id) AS anchor
    FROM claim_checks AS c
    WHERE c.verdict = 'inconsistent'
)
SELECT a.source_file, k.check_id, k.explanation, s.text AS sentence
FROM checks AS k
JOIN articles AS a ON a.article_id = k.article_id AND a.is_current
LEFT JOIN quantities AS q ON q.quantity_id = k.anchor
LEFT JOIN sentences AS s ON s.sentence_id = q.sentence_id
ORDER BY a.source_file, k.check_id
