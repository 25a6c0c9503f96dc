-- Content fingerprint of quantities.
SELECT count(*) || ':' || coalesce(sum(hash(quantity_id, value, unit, kind, qualifier, subject)), 0) FROM quantities
