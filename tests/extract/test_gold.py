"""Score the extractor against the gold annotations, with the official scorer's matching rule
(tests/extract/scoring.py mirrors /work/shared/eval/score.py for quantities).

* ../shared/gold (PIPELINE_SHARED_DIR): acceptance - F1 >= 0.98, unit/kind/qualifier accuracy >= 0.95,
  no prediction on a not_quantities span.
* tests/gold (the team's own gold articles, whatever is present): the same figures, with a looser bar
  because those annotations are still being written.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.core.extract import extract_quantities

from .scoring import gold_articles, score_folder

TEAM_GOLD = Path(__file__).resolve().parents[1] / "gold"


def _report(name: str, score) -> None:
    print(f"\n{name}: {score.summary()}")
    for row in score.misses[:20]:
        print("  miss ", *row)
    for row in score.extras[:20]:
        print("  extra", *row)
    for row in score.wrong[:20]:
        print("  wrong", *row)


@pytest.mark.shared
def test_shared_gold(shared_dir, record_property):
    score = score_folder(shared_dir / "gold", extract_quantities)
    _report("shared gold", score)
    record_property("shared_gold", score.summary())
    assert score.articles >= 1 and score.gold > 0
    assert score.f1 >= 0.98
    assert min(score.acc("unit"), score.acc("kind"), score.acc("qual")) >= 0.95
    assert score.slogan_fp == 0, score.slogans


def test_team_gold(record_property):
    if not any(gold_articles(TEAM_GOLD)):
        pytest.skip(f"no gold articles in {TEAM_GOLD} yet")
    score = score_folder(TEAM_GOLD, extract_quantities)
    _report("tests/gold", score)
    record_property("team_gold", score.summary())
    assert score.f1 >= 0.95
    assert min(score.acc("unit"), score.acc("kind"), score.acc("qual")) >= 0.9
    assert score.slogan_fp <= 2, score.slogans
