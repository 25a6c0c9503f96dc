-- depends_on: articles, quantities, claim_checks
-- The figures of every claim check of a current article, one row per figure and role (part, whole,
-- percent; the parts of a sum are role 'part'), with the figure's span in the article and its sentence.
-- The report marks these spans in the claim's passage.
CREATE OR REPLACE VIEW claim_figures AS
WITH
current_checks AS (
    SELECT c.*
    FROM claim_checks AS c
    WHERE c.article_id IN (SELECT article_id FROM articles WHERE is_current)
),

check_roles AS (
    SELECT check_id, 'percent' AS role, percent_quantity_id AS quantity_id
    FROM current_checks WHERE percent_quantity_id IS NOT NULL
    UNION ALL
    SELECT check_id, 'part', part_quantity_id
    FROM current_checks WHERE part_quantity_id IS NOT NULL
    UNION ALL
    SELECT check_id, 'whole', whole_quantity_id
    FROM current_checks WHERE whole_quantity_id IS NOT NULL
    UNION ALL
    -- the parts of a sum, unless one of them is already listed above
    SELECT check_id, 'part', quantity_id
    FROM (SELECT check_id, unnest(part_quantity_ids) AS quantity_id, part_quantity_id, whole_quantity_id,
                 percent_quantity_id
          FROM current_checks WHERE len(part_quantity_ids) > 0)
    WHERE quantity_id IS DISTINCT FROM part_quantity_id AND quantity_id IS DISTINCT FROM whole_quantity_id
      AND quantity_id IS DISTINCT FROM percent_quantity_id
),

final AS (
    SELECT r.check_id,
           q.article_id,
           r.role,
           q.quantity_id,
           q.surface,
           q.value,
           q.unit,
           q.kind,
           q.char_start,
           q.char_end,
           q.sentence_id
    FROM check_roles AS r
    JOIN quantities AS q USING (quantity_id)
)

SELECT * FROM final
