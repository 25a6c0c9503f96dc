-- depends_on: articles, sentences, quantities, metric_taxonomy
-- Region x metric x period: every classified figure of a current article, with the sentence it
-- comes from.  A figure repeated in one article ("102名 … 102人中") is one data point (its first
-- mention; `mentions` says how often it is repeated).  period = month of publication (YYYY-MM);
-- reporting_period is the article's own wording of the period, where the ingester found one.
CREATE OR REPLACE VIEW region_metrics AS
WITH
current_articles AS (
    SELECT article_id, region, region_level, published_date, reporting_period, title
    FROM articles
    WHERE is_current
),

metric_figures AS (
    SELECT quantity_id, article_id, sentence_id, char_start, char_end, surface, value, unit, kind,
           qualifier, low, high, subject, metric,
           count(*) OVER same_figure AS mentions
    FROM quantities
    WHERE metric IS NOT NULL
    -- 名 and 人 are the same figure: within one metric the value and qualifier identify it
    WINDOW same_figure AS (PARTITION BY article_id, metric, value, qualifier)
    QUALIFY row_number() OVER (PARTITION BY article_id, metric, value, qualifier ORDER BY char_start) = 1
),

taxonomy AS (
    SELECT metric, metric_group, label_en, label_zh, sort_order
    FROM metric_taxonomy
),

final AS (
    SELECT a.region,
           a.region_level,
           f.metric,
           t.metric_group,
           t.label_en,
           t.label_zh,
           strftime(a.published_date, '%Y-%m') AS period,
           year(a.published_date)              AS year,
           a.published_date,
           a.reporting_period,
           f.value,
           f.unit,
           f.kind,
           f.qualifier,
           f.low,
           f.high,
           f.surface,
           f.subject,
           f.mentions,
           f.article_id,
           a.title,
           f.quantity_id,
           f.sentence_id,
           s.text       AS sentence_text,
           f.char_start,
           f.char_end,
           t.sort_order
    FROM metric_figures AS f
    JOIN current_articles AS a USING (article_id)
    LEFT JOIN taxonomy AS t USING (metric)
    LEFT JOIN sentences AS s ON s.sentence_id = f.sentence_id
)

SELECT * FROM final
