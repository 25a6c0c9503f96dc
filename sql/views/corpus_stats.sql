-- depends_on: articles, quantities, claim_checks
-- The corpus by source and month of publication: articles, characters, figures and claim checks.
CREATE OR REPLACE VIEW corpus_stats AS
WITH
current_articles AS (
    SELECT article_id, source, date_trunc('month', published_date)::DATE AS month, chars
    FROM articles
    WHERE is_current
),

quantity_counts AS (
    SELECT article_id, count(*) AS n_quantities, count(metric) AS n_quantities_with_metric
    FROM quantities
    GROUP BY article_id
),

check_counts AS (
    SELECT article_id,
           count(*)                                         AS n_checks,
           count(*) FILTER (WHERE verdict = 'inconsistent') AS n_inconsistent
    FROM claim_checks
    GROUP BY article_id
),

final AS (
    SELECT a.source,
           a.month,
           count(*)                                          AS articles,
           sum(a.chars)::BIGINT                                   AS chars,
           coalesce(sum(q.n_quantities), 0)::BIGINT               AS quantities,
           coalesce(sum(q.n_quantities_with_metric), 0)::BIGINT   AS quantities_with_metric,
           coalesce(sum(c.n_checks), 0)::BIGINT                   AS claim_checks,
           coalesce(sum(c.n_inconsistent), 0)::BIGINT             AS inconsistent_claims
    FROM current_articles AS a
    LEFT JOIN quantity_counts AS q USING (article_id)
    LEFT JOIN check_counts AS c USING (article_id)
    GROUP BY a.source, a.month
)

SELECT * FROM final
ORDER BY month NULLS LAST, source NULLS LAST
