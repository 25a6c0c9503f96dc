"""The fast path of the engine is an optimisation only: with it switched off the extractor must
return exactly the same quantities."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from pipelines.core.extract import engine, extract_quantities

from .test_examples import DIMENSIONS, EXAMPLES
from .test_gold import TEAM_GOLD
from .test_properties import TEXT


def _both(text: str, monkeypatch) -> tuple[list, list]:
    monkeypatch.setattr(engine, "FAST_PATH", True)
    fast = extract_quantities(text)
    monkeypatch.setattr(engine, "FAST_PATH", False)
    slow = extract_quantities(text)
    monkeypatch.setattr(engine, "FAST_PATH", True)
    return fast, slow


def _texts() -> list[str]:
    out = []
    for name in DIMENSIONS:
        corpus = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
        out += [ex["text"] for ex in corpus["examples"]]
    out += [p.read_text(encoding="utf-8") for p in sorted(TEAM_GOLD.glob("*.txt"))]
    return out


def test_same_on_examples_and_gold_texts(monkeypatch):
    for text in _texts():
        fast, slow = _both(text, monkeypatch)
        assert fast == slow, text[:80]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_same_on_arbitrary_text(monkeypatch, text):
    fast, slow = _both(text, monkeypatch)
    assert fast == slow


@pytest.mark.shared
def test_same_on_corpus_sample(shared_dir, monkeypatch):
    files = sorted((shared_dir / "corpus" / "xwlb" / "assets").glob("*/*.json"))
    if not files:
        pytest.skip("no xwlb corpus under the shared folder")
    from benchmarks.bench_extract import clean  # the corpus cleaning of SOURCE.md
    rng = random.Random(3)
    for path in rng.sample(files, 40):
        for item in json.loads(Path(path).read_text(encoding="utf-8")).get("videoList", []):
            text = clean((item.get("video_detail") or {}).get("content") or "")
            fast, slow = _both(text, monkeypatch)
            assert fast == slow, text[:80]
