"""All 2,712 daily files of the xwlb corpus (../shared/corpus/xwlb, see its SOURCE.md):
every item lands or is a precise error, and the per-item path stays fast."""
from __future__ import annotations

import time
from collections import Counter

import pytest

from pipelines import settings
from pipelines.core.ingest import discover_files, read_source

pytestmark = pytest.mark.slow

ITEMS = 41_088  # SOURCE.md
WITHOUT_TEXT = 30  # 19 items without video_detail, 11 with an empty content


@pytest.fixture(scope="module")
def xwlb():
    folder = settings.shared_dir() / "corpus" / "xwlb"
    if not (folder / "assets").is_dir():
        pytest.skip(f"xwlb corpus not found at {folder} (set PIPELINE_SHARED_DIR to the shared folder to run this test)")
    files = [p for p in discover_files(folder) if p.suffix == ".json"]
    started = time.perf_counter()
    records, errors = [], []
    for path in files:
        r, e = read_source(path, folder)
        records += r
        errors += e
    seconds = time.perf_counter() - started
    print(f"\nxwlb: {len(files)} files, {len(records)} articles, {len(errors)} errors in {seconds:.1f} s "
          f"({seconds / len(files) * 1000:.2f} ms per file, {seconds / max(1, len(records)) * 1e6:.0f} µs per article)")
    return files, records, errors, seconds


def test_every_item_lands_or_is_a_no_text_error(xwlb):
    files, records, errors, seconds = xwlb
    assert len(files) == 2712
    assert len(records) + len(errors) == ITEMS
    assert Counter(e.reason for e in errors) == {"no_text": WITHOUT_TEXT}
    assert all(e.record_key.startswith("videoList[") for e in errors)
    assert seconds < 60, "the per-item path got slow (a few seconds expected)"


def test_records_carry_the_listing_metadata(xwlb):
    _, records, _, _ = xwlb
    assert all(r.published_date is not None and r.url and r.source == "央视网" for r in records)
    assert all(r.title and not r.title.startswith("[视频]") for r in records)
    assert all("<p>" not in r.text and "&nbsp;" not in r.text and "\r" not in r.text for r in records)
    assert len({(r.source_file, r.record_key) for r in records}) == len(records)
    # SOURCE.md counts 20,543,344 characters after the same cleaning (tags -> newlines, unescape, trim)
    assert abs(sum(len(r.text) for r in records) - 20_543_344) < 20_543_344 * 0.001


def test_regions_are_valid_and_mostly_absent_for_national_news(xwlb):
    _, records, _, _ = xwlb
    with_region = [r for r in records if r.region_code]
    assert all(len(r.region_code) == 6 and r.region_level in ("province", "prefecture", "county") for r in with_region)
    assert 0.05 < len(with_region) / len(records) < 0.3  # most 新闻联播 items are national or foreign news
