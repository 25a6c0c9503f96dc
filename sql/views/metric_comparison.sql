-- depends_on: articles, sentences, quantities, metric_taxonomy
-- One metric across regions side by side: per metric and region the figure of the most recent article
-- (its first mention there), ranked by value within the metric, with its source article and sentence.
-- `n_figures` counts every figure of that region and metric, so a reader sees when there are more.
-- Same figures as region_metrics, read from the tables so that only the winners' sentences are joined.
CREATE OR REPLACE VIEW metric_comparison AS
WITH
regional_articles AS (
    SELECT article_id, region, region_level, published_date, title
    FROM articles
    WHERE is_current AND region IS NOT NULL
),

metric_figures AS (
    SELECT q.quantity_id, q.article_id, q.sentence_id, q.char_start, q.value, q.unit, q.qualifier, q.metric,
           a.region, a.region_level, a.published_date, a.title
    FROM quantities AS q
    JOIN regional_articles AS a USING (article_id)
    WHERE q.metric IS NOT NULL
),

latest_per_region AS (
    SELECT *
    FROM metric_figures
    QUALIFY row_number() OVER (PARTITION BY metric, region
                               ORDER BY published_date DESC NULLS LAST, article_id, char_start) = 1
),

figure_counts AS (
    -- a figure repeated in one article counts once, as in region_metrics
    SELECT metric, region, count(*) AS n_figures
    FROM (SELECT DISTINCT metric, region, article_id, value, qualifier FROM metric_figures)
    GROUP BY metric, region
),

taxonomy AS (
    SELECT metric, metric_group, label_en, label_zh, sort_order
    FROM metric_taxonomy
),

final AS (
    SELECT l.metric,
           t.metric_group,
           t.label_en,
           t.label_zh,
           l.region,
           l.region_level,
           l.value,
           l.unit,
           l.qualifier,
           strftime(l.published_date, '%Y-%m')                                    AS period,
           l.published_date,
           c.n_figures,
           count(*) OVER (PARTITION BY l.metric)                                  AS n_regions,
           rank() OVER (PARTITION BY l.metric ORDER BY l.value DESC NULLS LAST)    AS value_rank,
           l.article_id,
           l.title,
           l.quantity_id,
           s.text                                                                 AS sentence_text,
           t.sort_order
    FROM latest_per_region AS l
    JOIN figure_counts AS c USING (metric, region)
    LEFT JOIN taxonomy AS t USING (metric)
    LEFT JOIN sentences AS s ON s.sentence_id = l.sentence_id
)

SELECT * FROM final
ORDER BY sort_order NULLS LAST, metric, value_rank, region
