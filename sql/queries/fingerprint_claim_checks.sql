-- Content fingerprint of claim_checks.
SELECT count(*) || ':' || coalesce(sum(hash(check_id, verdict, stated, recomputed)), 0) FROM claim_checks
