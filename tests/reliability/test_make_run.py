"""`make run` on the hostile folder, pointed there by PIPELINE_RAW_DIR / PIPELINE_WAREHOUSE, with a file
size limit from PIPELINE_MAX_FILE_BYTES: exit 0, a summary with the ingest errors, a warning naming
their reasons, and the same articles, spans, quantities and checks as the in-process run."""
from __future__ import annotations

import re
import subprocess
from collections import Counter

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT
from tests.reliability.hostile import EXPECTED_ERRORS
from tests.reliability.runs import pipeline_env
from tests.reliability.tables import differences

pytestmark = pytest.mark.slow


def test_make_run_on_the_hostile_folder(reference, tmp_path):
    warehouse = tmp_path / "out" / "warehouse.duckdb"
    env = pipeline_env(reference.hostile.raw, warehouse, PIPELINE_MAX_FILE_BYTES="10000000")
    proc = subprocess.run(["make", "--no-print-directory", "run"], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert re.search(r"Pipeline finished in [\d.]+ s", proc.stdout)
    figures = {k: int(v.replace(",", "")) for k, v in re.findall(r"^\s+([a-z ]+?)\s{2,}([\d,]+)", proc.stdout, re.M)}
    assert figures["ingest errors"] == len(EXPECTED_ERRORS) and figures["failed checks"] == 0

    # the 20 MB file is now refused by size (the limit came from the environment), not by length
    reasons = Counter(reason for reason, _ in EXPECTED_ERRORS.values())
    reasons["article_too_long"] -= 1
    reasons["too_large"] += 1
    (warning,) = [line for line in proc.stderr.splitlines() if "could not be read" in line]
    assert " - WARNING - " in warning
    assert all(f"{reason}: {n}" in warning for reason, n in reasons.items() if n)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("SELECT reason, detail FROM ingest_errors WHERE source_file = 'big_20mb.txt'").fetchall() == [
            ("too_large", f"{(reference.hostile.raw / 'big_20mb.txt').stat().st_size:,} bytes is over the limit of "
                          "10,000,000 bytes (max_file_bytes)")]
    finally:
        con.close()
    assert differences(reference.warehouse, warehouse, ["articles", "article_sources", "paragraphs", "sentences",
                                                        "quantities", "claim_checks", "processing_log"]) == {}
