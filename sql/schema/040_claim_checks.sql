-- The articles' own arithmetic: findings about the source, never pipeline failures.
CREATE TABLE IF NOT EXISTS claim_checks (
    check_id            VARCHAR NOT NULL,
    article_id          VARCHAR NOT NULL,
    check_type          VARCHAR NOT NULL,
    part_quantity_id    VARCHAR,
    whole_quantity_id   VARCHAR,
    percent_quantity_id VARCHAR,
    part_quantity_ids   VARCHAR[],
    stated              DOUBLE,
    recomputed          DOUBLE,
    tolerance           DOUBLE,
    verdict             VARCHAR NOT NULL,
    rule                VARCHAR NOT NULL,
    explanation         VARCHAR NOT NULL
)
