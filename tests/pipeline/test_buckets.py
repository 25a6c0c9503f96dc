"""Grouping of fingerprinted buckets into Great Expectations calls (pipelines/defs/checks.py)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipelines.defs import checks


def test_bucket_count_is_a_power_of_two_of_about_bucket_rows():
    assert checks.bucket_count(0) == checks.bucket_count(1) == 1
    assert checks.bucket_count(checks.BUCKET_ROWS) == 1
    assert checks.bucket_count(checks.BUCKET_ROWS + 1) == 2
    assert checks.bucket_count(16 * checks.BUCKET_ROWS) == 16


@given(st.dictionaries(st.integers(0, 63), st.integers(0, 50_000), max_size=64), st.integers(1, 120_000))
def test_groups_hold_every_bucket_once_within_the_limit(sizes, most):
    groups = checks.bucket_groups(sizes, most) if sizes else []
    assert sorted(b for g in groups for b in g) == sorted(sizes)
    for group in groups:
        assert len(group) == 1 or sum(sizes[b] for b in group) <= most  # a bigger bucket goes alone


def test_article_groups_are_smaller_since_each_row_carries_a_text():
    """Memory per call stays that of 20,000 articles whatever the corpus size (2x corpus: more calls)."""
    buckets = {b: 10_000 for b in range(8)}  # 80,000 articles
    most = checks.GROUP_ROWS_BY_TABLE["articles"]
    groups = checks.bucket_groups(buckets, most)
    assert len(groups) == 4 and all(sum(buckets[b] for b in g) <= most for g in groups)
    assert len(checks.bucket_groups(buckets)) == 1  # other tables: up to GROUP_ROWS rows a call
