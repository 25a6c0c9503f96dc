-- Content fingerprint of articles (changes whenever a row is added, removed or altered).
SELECT count(*) || ':' || coalesce(sum(hash(article_id, chars, is_current, region_code, source_file)), 0) FROM articles
