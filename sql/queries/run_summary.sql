-- The figures `make run` prints.
SELECT
    (SELECT count(*) FROM articles WHERE is_current)                     AS articles,
    (SELECT count(*) FROM paragraphs)                                    AS paragraphs,
    (SELECT count(*) FROM sentences)                                     AS sentences,
    (SELECT count(*) FROM quantities)                                    AS quantities,
    (SELECT count(*) FROM claim_checks)                                  AS claim_checks,
    (SELECT count(*) FROM claim_checks WHERE verdict = 'inconsistent')   AS inconsistent_claims,
    (SELECT count(*) FROM ingest_errors)                                 AS ingest_errors
