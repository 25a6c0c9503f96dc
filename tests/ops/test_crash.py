"""Crash safety: `kill -9` of `python -m pipelines.run` at any moment, then a normal run, leaves the
same tables as one uninterrupted run (row counts and per-table checksums), no duplicate row, no
partial article and no broken or temporary file.

The fast variant (default suite) kills a run over the pipeline fixtures once its extraction has
committed.  The slow ones kill in the middle of an extraction (a batch committed, the next in
flight), kill the same warehouse again and again at successive moments of a run over a slice of
the xwlb corpus (generated articles where ../shared is absent), and kill after fixed delays.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipelines import publish, settings
from tests.conftest import FIXTURES, PROJECT_ROOT
from tests.ops.support import checksums, materialize, processed, query, stop_tree, write_articles

BATCH = 2000  # stages.extract's batch: one transaction per batch


def start_run(raw: Path, warehouse: Path, dagster_home: Path) -> subprocess.Popen:
    dagster_home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PROJECT_ROOT / "dagster.yaml", dagster_home / "dagster.yaml")
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "DAGSTER_HOME": str(dagster_home),
           "PIPELINE_RAW_DIR": str(raw), "PIPELINE_WAREHOUSE": str(warehouse), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "pipelines.run"], cwd=PROJECT_ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def kill_when(proc: subprocess.Popen, pattern: str, after: float = 0.0, timeout: float = 600) -> str:
    """SIGKILL the run (its whole process group) `after` seconds after a log line matches `pattern`."""
    watchdog = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))  # ends the readline below
    watchdog.start()
    log = []
    try:
        for line in proc.stdout:
            log.append(line)
            if re.search(pattern, line):
                time.sleep(after)
                assert proc.poll() is None, f"the run ended before it could be killed at {pattern!r}"
                os.killpg(proc.pid, signal.SIGKILL)
                assert not stop_tree(proc)
                return line.strip()
    finally:
        watchdog.cancel()
    stop_tree(proc)
    raise AssertionError(f"no line matched {pattern!r} (run ended or timed out):\n" + "".join(log[-30:]))


def finish(proc: subprocess.Popen, timeout: float = 1800) -> str:
    out, _ = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, out[-4000:]
    return out


def assert_intact(warehouse: Path) -> None:
    """No duplicate key, no partial article, no temporary file; the snapshot opens and equals the warehouse."""
    duplicates = {t: query(warehouse, f"SELECT count(*) - count(DISTINCT {k}) FROM {t}")[0][0]
                  for t, k in [("articles", "article_id"), ("paragraphs", "paragraph_id"), ("sentences", "sentence_id"),
                               ("quantities", "quantity_id"), ("claim_checks", "check_id"),
                               ("processing_log", "(stage, article_id)")]}
    assert not any(duplicates.values()), duplicates
    # every current article went through every stage (a partial article would lack one)
    unfinished = query(warehouse, "SELECT s.stage, count(*) FROM (SELECT unnest(['segment', 'extract', 'claims']) AS stage) s"
                                  " CROSS JOIN articles a WHERE a.is_current AND NOT EXISTS (SELECT 1 FROM processing_log p"
                                  " WHERE p.stage = s.stage AND p.article_id = a.article_id) GROUP BY ALL")
    assert not unfinished, unfinished
    assert not list(warehouse.parent.glob(".*.tmp")), "temporary file left behind"
    snapshot = publish.snapshot_path(warehouse)
    assert checksums(snapshot) == checksums(warehouse)


def test_killed_after_extraction_then_rerun_equals_an_uninterrupted_run(tmp_path):
    """The fast variant: the pipeline fixtures, killed as soon as the extraction has committed."""
    raw = shutil.copytree(FIXTURES / "pipeline", tmp_path / "raw")
    reference = tmp_path / "reference" / "warehouse.duckdb"
    assert materialize(raw, reference).success

    warehouse = tmp_path / "crashed" / "warehouse.duckdb"
    kill_when(start_run(raw, warehouse, tmp_path / "dagster_home"), r"extract: \d+/\d+ articles")
    assert query(warehouse, "SELECT count(*) FROM processing_log WHERE stage = 'extract'")[0][0] == 4
    assert materialize(raw, warehouse).success
    assert checksums(warehouse) == checksums(reference)
    assert_intact(warehouse)


@pytest.mark.slow
def test_kill_mid_extraction_then_rerun_equals_an_uninterrupted_run(tmp_path):
    raw = tmp_path / "raw"
    write_articles(raw, 2 * BATCH, per_file=100)
    reference = tmp_path / "reference" / "warehouse.duckdb"
    assert materialize(raw, reference).success

    warehouse = tmp_path / "crashed" / "warehouse.duckdb"
    kill_when(start_run(raw, warehouse, tmp_path / "dagster_home"), rf"extract: {BATCH}/{2 * BATCH} articles")
    # the first batch was committed, the second one was in flight and left nothing
    assert query(warehouse, "SELECT count(DISTINCT article_id) FROM quantities")[0][0] == BATCH

    again = materialize(raw, warehouse)
    assert again.success
    assert processed(again) == {"segment": 0, "extract": BATCH, "claims": 2 * BATCH}
    assert checksums(warehouse) == checksums(reference)
    assert_intact(warehouse)


# ----------------------------------------------------------------------------- slow: many moments, real corpus

XWLB_FILES = 400  # daily files, about 6,000 stories: several batches in every stage


@pytest.fixture(scope="module")
def big_raw(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("big") / "raw"
    corpus = settings.shared_dir() / "corpus" / "xwlb" / "assets"
    files = sorted(corpus.glob("*/*.json"))[-XWLB_FILES:]
    if files:  # copies: the ingester refuses links that lead outside the raw folder
        for path in files:
            (raw / path.parent.name).mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, raw / path.parent.name / path.name)
    else:
        write_articles(raw, 6000, per_file=20)
    return raw


# Successive moments, each further into the work (what was committed stays, so every run has
# something left to do at the next moment).
MOMENTS = [
    (r"ingest: 200/", 0.0),  # reading files, before the ingest transaction
    (r"segment: \d+/", 0.0),  # segmentation: one batch committed, the next in flight
    (r"extract: \d+/", 0.0),  # mid-extraction
    (r"claims: \d+/", 0.0),  # mid-claims
    (r"claims: (\d+)/\1 ", 1.0),  # the rest of the claims done: Great Expectations checks, views, exports...
]


@pytest.mark.slow
def test_killed_again_and_again_then_finished_equals_an_uninterrupted_run(big_raw, tmp_path):
    reference = tmp_path / "reference" / "warehouse.duckdb"
    finish(start_run(big_raw, reference, tmp_path / "dagster_home"))

    warehouse = tmp_path / "crashed" / "warehouse.duckdb"
    for pattern, after in MOMENTS:
        kill_when(start_run(big_raw, warehouse, tmp_path / "dagster_home"), pattern, after)
    finish(start_run(big_raw, warehouse, tmp_path / "dagster_home"))
    assert checksums(warehouse) == checksums(reference)
    assert_intact(warehouse)
    # the last validation of every suite passed
    assert query(warehouse, "SELECT DISTINCT suite, success FROM dq_fingerprints ORDER BY 1") == \
        [("articles", True), ("claim_checks", True), ("quantities", True)]


@pytest.mark.slow
@pytest.mark.parametrize("seconds", [3, 8, 15, 25])
def test_killed_after_a_delay_then_finished_equals_an_uninterrupted_run(big_raw, tmp_path, seconds):
    """Kills at arbitrary moments (counted from the first line of the run's log), each on a fresh warehouse."""
    reference = tmp_path / "reference" / "warehouse.duckdb"
    assert materialize(big_raw, reference, selection=None).success
    warehouse = tmp_path / "crashed" / "warehouse.duckdb"
    kill_when(start_run(big_raw, warehouse, tmp_path / "dagster_home"), r"ingest", after=seconds)
    assert materialize(big_raw, warehouse, selection=None).success
    assert checksums(warehouse) == checksums(reference)
    assert_intact(warehouse)
