"""Run every example corpus of the extractor (pipelines/core/extract/examples/*.yaml).

Each example lists every mention the extractor must return for its text, in order; an empty list is
a negative.  surface/value/unit/kind/qualifier are always compared, low/high/subject where given.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from pipelines.core.extract import extract_quantities

EXAMPLES = Path(__file__).resolve().parents[2] / "pipelines" / "core" / "extract" / "examples"
DIMENSIONS = ("counts", "percents", "ages", "dates", "numerals", "filters", "subject")


def _load():
    cases = []
    for name in DIMENSIONS:
        data = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
        for i, ex in enumerate(data["examples"]):
            cases.append(pytest.param(ex, id=f"{name}-{i:03d}"))
    return cases


CASES = _load()


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def test_every_dimension_has_a_corpus():
    assert {f.stem for f in EXAMPLES.glob("*.yaml")} == set(DIMENSIONS)
    assert len(CASES) >= 250


@pytest.mark.parametrize("example", CASES)
def test_example(example):
    text = example["text"]
    got = extract_quantities(text)
    want = example["expect"] or []
    got_rows = [(q.surface, q.value, q.unit, q.kind, q.qualifier) for q in got]
    want_rows = [(w["surface"], w["value"], w["unit"], w["kind"], w["qualifier"]) for w in want]
    assert len(got) == len(want), f"{text}\n got:  {got_rows}\n want: {want_rows}"
    for q, w in zip(got, want):
        assert q.surface == w["surface"], (text, got_rows, want_rows)
        assert _same(q.value, w["value"]), (text, q.surface, q.value, w["value"])
        assert (q.unit, q.kind, q.qualifier) == (w["unit"], w["kind"], w["qualifier"]), (text, got_rows, want_rows)
        for extra in ("low", "high"):
            if extra in w:
                assert _same(getattr(q, extra), w[extra]), (text, q.surface, extra, getattr(q, extra), w[extra])
        if "subject" in w:
            assert q.subject == w["subject"], (text, q.surface, q.subject, w["subject"])
