-- depends_on: articles, dq_results, claim_checks, pipeline_runs
-- Pass/fail counts per run, suite and check type: the Great Expectations results of every run, and
-- the claim checks of the current articles (a state, not a run's output: shown under the latest run).
CREATE OR REPLACE VIEW quality_summary AS
WITH
expectation_results AS (
    SELECT run_id,
           min(run_time)                              AS run_time,
           suite,
           expectation                                AS check_type,
           severity,
           count(*)                                   AS n_checks,
           count(*) FILTER (WHERE success)            AS n_passed,
           count(*) FILTER (WHERE NOT success)        AS n_failed,
           0::BIGINT                                  AS n_unverifiable,
           sum(unexpected_count)::BIGINT              AS unexpected_count,
           sum(element_count)::BIGINT                 AS element_count
    FROM dq_results
    GROUP BY run_id, suite, expectation, severity
),

latest_run AS (
    SELECT run_id, started_at
    FROM pipeline_runs
    ORDER BY started_at DESC
    LIMIT 1
),

claim_results AS (
    SELECT r.run_id,
           r.started_at                                        AS run_time,
           'claim_checks'                                      AS suite,
           c.check_type,
           'finding'                                           AS severity,
           count(*)                                            AS n_checks,
           count(*) FILTER (WHERE c.verdict = 'consistent')    AS n_passed,
           count(*) FILTER (WHERE c.verdict = 'inconsistent')  AS n_failed,
           count(*) FILTER (WHERE c.verdict = 'unverifiable')  AS n_unverifiable,
           NULL::BIGINT                                        AS unexpected_count,
           NULL::BIGINT                                        AS element_count
    FROM claim_checks AS c
    JOIN articles AS a ON a.article_id = c.article_id AND a.is_current
    LEFT JOIN latest_run AS r ON TRUE
    GROUP BY r.run_id, r.started_at, c.check_type
),

final AS (
    SELECT *,
           n_passed / nullif(n_passed + n_failed, 0) AS pass_rate
    FROM (
        SELECT * FROM expectation_results
        UNION ALL BY NAME
        SELECT * FROM claim_results
    )
)

SELECT * FROM final
ORDER BY run_time DESC NULLS LAST, suite, check_type, severity
