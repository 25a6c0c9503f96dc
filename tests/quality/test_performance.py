"""A million quantities validate in seconds (run with -m slow)."""
from __future__ import annotations

import time

import pandas as pd
import pytest

from pipelines.quality import validate_table
from tests.quality.frames import good_frames

ROWS, ARTICLES = 1_000_000, 20_000


@pytest.mark.slow
def test_million_quantities(tmp_path):
    frames = good_frames()
    articles = pd.concat([frames["articles"].iloc[[0]]] * ARTICLES, ignore_index=True)
    articles["article_id"] = [f"a{i}" for i in range(ARTICLES)]
    one = frames["quantities"]
    quantities = pd.concat([one] * (ROWS // len(one) + 1), ignore_index=True).iloc[:ROWS].copy()
    quantities["quantity_id"] = [f"q{i}" for i in range(ROWS)]
    quantities["article_id"] = [f"a{i % ARTICLES}" for i in range(ROWS)]
    validate_table("claim_checks", frames["claim_checks"], context_dir=tmp_path)  # import GX, scaffold context

    started = time.perf_counter()
    outcome = validate_table("quantities", quantities, context_dir=tmp_path, articles_text=articles)
    seconds = time.perf_counter() - started
    print(f"validated {ROWS:,} quantities in {seconds:.1f} s")
    assert outcome.success and outcome.row("quantity_id_unique")["element_count"] == ROWS
    assert seconds < 60
