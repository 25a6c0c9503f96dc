"""The whole pipeline on ../shared/gold: the official scorer's thresholds, and the report shows the
two injected errors of seed-001-errors.  Skipped (with a message) where ../shared is absent."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.pipeline.test_checks import run

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def gold_warehouse(shared_dir, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gold")
    raw = tmp / "raw"
    raw.mkdir()
    for txt in (shared_dir / "gold").glob("*.txt"):
        shutil.copyfile(txt, raw / txt.name)
    warehouse = tmp / "wh" / "warehouse.duckdb"
    result = run(raw, warehouse)
    assert result.success
    return warehouse


def test_scorer_thresholds(gold_warehouse, shared_dir):
    proc = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), "--warehouse", str(gold_warehouse),
                           "--gold", str(shared_dir / "gold"), "--min-f1", "0.98", "--min-relation-recall", "0.9",
                           "--max-false-alarms", "0"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    scores = dict(re.findall(r"(\w+)=(\S+)", proc.stdout.strip().splitlines()[-1]))
    assert scores["slogan_false_positives"] == "0"
    assert scores["inconsistent_found"] == "2/2"
    for key in ("unit_acc", "kind_acc", "qualifier_acc"):
        assert float(scores[key]) >= 0.95


def test_report_lists_the_injected_errors(gold_warehouse):
    html = (gold_warehouse.parent / "report" / "index.html").read_text(encoding="utf-8")
    assert "76.1" in html and "71.57" in html  # 73/102 = 71.57%, stated 76.1%
    assert "312" in html and "221" in html  # 312 verified leads of 221 received
    assert "../quality/index.html" in html
