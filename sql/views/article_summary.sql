-- depends_on: articles, quantities, claim_checks
-- One row per current article: where and when it is from, and how many figures and claim checks
-- of each verdict it holds.
CREATE OR REPLACE VIEW article_summary AS
WITH
current_articles AS (
    SELECT article_id, region, region_level, published_date, title, source, source_file, url, chars
    FROM articles
    WHERE is_current
),

quantity_counts AS (
    SELECT article_id,
           count(*)      AS n_quantities,
           count(metric) AS n_quantities_with_metric
    FROM quantities
    GROUP BY article_id
),

check_counts AS (
    SELECT article_id,
           count(*)                                          AS n_checks,
           count(*) FILTER (WHERE verdict = 'consistent')    AS n_consistent,
           count(*) FILTER (WHERE verdict = 'inconsistent')  AS n_inconsistent,
           count(*) FILTER (WHERE verdict = 'unverifiable')  AS n_unverifiable
    FROM claim_checks
    GROUP BY article_id
),

final AS (
    SELECT a.article_id,
           a.region,
           a.region_level,
           a.published_date,
           a.title,
           a.source,
           a.source_file,
           a.url,
           a.chars,
           coalesce(q.n_quantities, 0)             AS n_quantities,
           coalesce(q.n_quantities_with_metric, 0) AS n_quantities_with_metric,
           coalesce(c.n_checks, 0)                 AS n_checks,
           coalesce(c.n_consistent, 0)             AS n_consistent,
           coalesce(c.n_inconsistent, 0)           AS n_inconsistent,
           coalesce(c.n_unverifiable, 0)           AS n_unverifiable
    FROM current_articles AS a
    LEFT JOIN quantity_counts AS q USING (article_id)
    LEFT JOIN check_counts AS c USING (article_id)
)

SELECT * FROM final
