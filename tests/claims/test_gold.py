"""The checker against the gold annotations, scored by the official scorer (eval/score.py):
seed articles from the shared folder, and the project's own gold articles (tests/gold), on
gold-derived quantities and end to end with the extractor."""
from __future__ import annotations

import pytest

from pipelines.core.claims import check_claims
from tests.claims.gold_quantities import load
from tests.claims.scoring import ROOT, gold_files, score, shared_dir

SHARED = shared_dir()
pytestmark = pytest.mark.shared


def need_shared():
    if not (SHARED / "gold" / "seed-000.json").exists() or not (SHARED / "eval" / "score.py").exists():
        pytest.skip(f"shared folder not found at {SHARED} (set PIPELINE_SHARED_DIR)")


def relations_found(path):
    """{(type, part, whole, percent, parts): verdict} of our checks, keyed like the gold relations."""
    text, qs, gold = load(path)
    got = {}
    for c in check_claims(text, qs):
        got[(c.check_type, c.part_quantity_id, c.whole_quantity_id, c.percent_quantity_id,
             frozenset(c.part_quantity_ids) if c.check_type == "sum" else frozenset())] = c.verdict
    return gold, got


def gold_key(r):
    return (r["type"], r.get("part"), r.get("whole"), r.get("percent"), frozenset(r.get("parts", ())))


def test_seed_all_relations_found_and_no_alarm():
    need_shared()
    gold, got = relations_found(SHARED / "gold" / "seed-000.json")
    scored = [r for r in gold["relations"] if r["type"] in ("percent_of", "part_of", "percent_bound", "sum")]
    assert len(scored) == 7
    for r in scored:
        assert got.get(gold_key(r)) == r["verdict"], r
    assert "inconsistent" not in got.values()


def test_seed_with_errors_exactly_the_two_injected():
    need_shared()
    gold, got = relations_found(SHARED / "gold" / "seed-001-errors.json")
    flagged = {k for k, v in got.items() if v == "inconsistent"}
    expected = {gold_key(r) for r in gold["relations"] if r["verdict"] == "inconsistent"}
    assert len(expected) == 2 and flagged == expected


@pytest.mark.parametrize("source", ["gold", "extract"])
def test_scorer_on_all_gold_articles(source):
    need_shared()
    if source == "extract":
        pytest.importorskip("pipelines.core.extract", reason="the extractor is not there yet")
    files = gold_files(SHARED / "gold", ROOT / "tests" / "gold")
    summary = score(files, source)["summary"]
    assert summary["false_alarms"] == 0, summary
    assert summary["relation_recall"] >= 0.9, summary
    found, total = summary["inconsistent_found"].split("/")
    assert found == total, summary
