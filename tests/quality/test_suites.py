"""The suite definitions and derived columns, without running Great Expectations."""
from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipelines.core.model import CHECK_TYPES, KINDS, QUALIFIERS, VERDICTS
from pipelines.quality import ADVISORY, INTEGRITY, SUITES
from pipelines.quality.derive import derive
from tests.quality.network_guard import NETWORK_ATTEMPTS

ROOT = Path(__file__).resolve().parents[2]


def spec(table, name):
    return next(s for s in SUITES[table] if s.name == name)


def test_one_suite_per_table_every_expectation_has_a_severity():
    assert set(SUITES) == {"articles", "quantities", "claim_checks"}
    for table, specs in SUITES.items():
        names = [s.name for s in specs]
        assert len(names) == len(set(names)), table
        assert {s.severity for s in specs} == {INTEGRITY, ADVISORY}, table
        assert specs[0].name == "columns_present"


def test_vocabularies_come_from_the_model():
    assert spec("quantities", "kind_allowed").kwargs["value_set"] == list(KINDS)
    assert spec("quantities", "qualifier_allowed").kwargs["value_set"] == [q for q in QUALIFIERS if q]
    assert spec("claim_checks", "check_type_allowed").kwargs["value_set"] == list(CHECK_TYPES)
    assert spec("claim_checks", "verdict_allowed").kwargs["value_set"] == list(VERDICTS)


def test_percent_range_is_advisory_mostly_and_skips_changes():
    s = spec("quantities", "percent_share_in_range")
    assert s.severity == ADVISORY and 0 < s.kwargs["mostly"] < 1
    assert ("percent_is_change", "==", False) in s.where


def test_package_imports_neither_gx_nor_dagster():
    code = ("import sys, pipelines.quality; "
            "assert 'great_expectations' not in sys.modules and 'dagster' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    for path in (ROOT / "pipelines" / "quality").glob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+dagster", path.read_text(), re.M), path


def test_socket_guard_blocks_and_records():
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80), timeout=1)
    assert NETWORK_ATTEMPTS and "example.org" in NETWORK_ATTEMPTS[-1]
    NETWORK_ATTEMPTS.pop()


def quantity_frame(text, mentions):
    rows, pos = [], 0
    for i, (surface, kind) in enumerate(mentions):
        start = text.index(surface, pos)
        pos = start + len(surface)
        rows.append({"quantity_id": f"q{i}", "article_id": "a", "char_start": start, "char_end": pos,
                     "surface": surface, "value": 0.0, "unit": None, "kind": kind, "qualifier": None,
                     "low": None, "high": None})
    return derive("quantities", pd.DataFrame(rows), pd.DataFrame({"article_id": ["a"], "text": [text]}))


def test_percent_is_change_looks_back_within_the_clause():
    text = ("营业收入同比增长120%，女干部占12.5%；比上年提高3.2%。"
            "降幅收窄，覆盖率达到98%，较去年下降了5个百分点，增速为7%。")
    out = quantity_frame(text, [("120%", "percent"), ("12.5%", "percent"), ("3.2%", "percent"),
                                ("98%", "percent"), ("5个百分点", "percentage_points"), ("7%", "percent")])
    assert out["percent_is_change"].tolist() == [True, False, True, False, False, True]


def test_text_slice_only_for_valid_spans():
    out = quantity_frame("共有73人参加", [("73人", "count")])
    assert out["text_slice"].tolist() == ["73人"] and out["article_chars"].tolist() == [7]
    bad = out.assign(char_end=[99])
    again = derive("quantities", bad, pd.DataFrame({"article_id": ["a"], "text": ["共有73人参加"]}))
    assert again["text_slice"].tolist() == [None]


def test_references_complete_per_check_type():
    df = pd.DataFrame({
        "check_id": ["c1", "c2", "c3", "c4"], "article_id": "a",
        "check_type": ["percent_of", "percent_of", "sum", "change"],
        "part_quantity_id": ["q1", None, None, None], "whole_quantity_id": ["q2", "q2", "q9", None],
        "percent_quantity_id": ["q3", "q3", None, None],
        "part_quantity_ids": [[], [], ["q4", "q5"], []], "tolerance": 0.05, "verdict": "consistent",
    })
    assert derive("claim_checks", df, None)["has_required_references"].tolist() == [True, False, True, True]


def test_quantities_need_the_article_text():
    with pytest.raises(ValueError, match="articles_text"):
        derive("quantities", pd.DataFrame({"quantity_id": ["q"]}), None)
