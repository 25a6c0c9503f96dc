-- depends_on: articles, sentences, quantities, claim_checks
-- Every claim check of a current article: verdict, stated against recomputed value, explanation, and
-- the sentence the claim stands in (the sentence of its percent figure, else of its part, else of its
-- whole).  The figures of each check, with their spans, are in claim_figures.
CREATE OR REPLACE VIEW claim_ledger AS
WITH
current_articles AS (
    SELECT article_id, region, published_date, title
    FROM articles
    WHERE is_current
),

checks AS (
    SELECT *,
           coalesce(percent_quantity_id, part_quantity_id, whole_quantity_id, part_quantity_ids[1]) AS anchor_quantity_id
    FROM claim_checks
),

final AS (
    SELECT c.check_id,
           c.article_id,
           a.region,
           a.published_date,
           a.title,
           c.check_type,
           c.verdict,
           c.stated,
           c.recomputed,
           c.tolerance,
           round(c.stated - c.recomputed, 6) AS difference,
           c.rule,
           c.explanation,
           q.sentence_id,
           s.text                  AS sentence_text,
           c.part_quantity_id,
           c.whole_quantity_id,
           c.percent_quantity_id,
           c.part_quantity_ids
    FROM checks AS c
    JOIN current_articles AS a USING (article_id)
    LEFT JOIN quantities AS q ON q.quantity_id = c.anchor_quantity_id
    LEFT JOIN sentences AS s ON s.sentence_id = q.sentence_id
)

SELECT * FROM final
