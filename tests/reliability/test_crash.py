"""A run killed with SIGKILL part-way, then run again, leaves the same tables as an uninterrupted run.

Two ways to kill:
- deterministic (default suite): the stages run serially in a child process (crash_runner) that
  SIGKILLs itself right after its N-th warehouse write, i.e. inside a transaction, at points spread
  over the whole run (every write in the slow suite); right after the kill the warehouse holds whole
  articles or nothing, and a rerun finishes the work;
- from outside (slow): `python -m pipelines.run` killed with kill -9 when its warehouse file appears
  (mid-ingest of a 20 MB file) or when a stage's log line appears, then run again to exit 0;
  processes of the killed run that outlive it are killed afterwards.  Whether any do is the last
  test (slow): the worker pool's processes end with a SIGKILLed run (parallel.exit_with_parent).
"""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT
from tests.reliability.crash_runner import run_in_child
from tests.reliability.hostile import build_raw
from tests.reliability.runs import PYTHON, kill_processes, pipeline_env, run_stages, session_processes
from tests.reliability.tables import differences, fingerprints

BATCH = 4  # small batches: each stage commits several times, so kills fall between and inside batches
STAGE_TABLES = {"segment": ("paragraphs", "sentences"), "extract": ("quantities",), "claims": ("claim_checks",)}
INGEST_TABLES = ["articles", "article_sources", "source_files", "ingest_errors"]


@pytest.fixture(scope="module")
def crash_raw(tmp_path_factory) -> Path:
    """The hostile folder without its 20 MB file (every kill reruns the ingest)."""
    raw = build_raw(tmp_path_factory.mktemp("crash"))
    (raw / "big_20mb.txt").unlink()
    return raw


@pytest.fixture(scope="module")
def uninterrupted(crash_raw, tmp_path_factory) -> tuple[Path, int]:
    warehouse = tmp_path_factory.mktemp("uninterrupted") / "w.duckdb"
    exitcode, writes = run_in_child(crash_raw, warehouse, 0, BATCH)
    assert exitcode == 0 and writes
    return warehouse, writes


def _article_rows(warehouse: Path, table: str, ids: list[str]) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return sorted(con.execute(f'SELECT * FROM "{table}" WHERE list_contains(?, article_id)', [ids]).fetchall())
    finally:
        con.close()


def assert_whole_articles_or_nothing(warehouse: Path, expected: Path) -> None:
    """What a killed run left: ingestion entirely or not at all, and per stage, exactly the rows of
    the articles it logged as processed, equal to the uninterrupted run's rows for them."""
    got = fingerprints(warehouse, INGEST_TABLES)
    if got["source_files"][0]:
        assert got == fingerprints(expected, INGEST_TABLES)
    else:
        assert all(n == 0 for n, _ in got.values())
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        done = {stage: sorted(r[0] for r in con.execute("SELECT article_id FROM processing_log WHERE stage = ?", [stage]).fetchall())
                for stage in STAGE_TABLES}
        present = {t: {r[0] for r in con.execute(f'SELECT DISTINCT article_id FROM "{t}"').fetchall()}
                   for tables in STAGE_TABLES.values() for t in tables}
    finally:
        con.close()
    for stage, tables in STAGE_TABLES.items():
        for table in tables:
            assert present[table] <= set(done[stage]), f"{table} holds articles {stage} did not finish"
            assert _article_rows(warehouse, table, done[stage]) == _article_rows(expected, table, done[stage]), table


def test_uninterrupted_runs_agree_across_processes(crash_raw, uninterrupted, tmp_path):
    expected, writes = uninterrupted
    assert writes > 20
    run_stages(tmp_path / "w.duckdb", crash_raw, batch_size=BATCH)  # this process: another hash seed
    assert differences(expected, tmp_path / "w.duckdb") == {}


def _crash_then_resume(crash_raw: Path, expected: Path, crash_at: int, warehouse: Path) -> None:
    exitcode, _ = run_in_child(crash_raw, warehouse, crash_at, BATCH)
    assert exitcode == -signal.SIGKILL, crash_at
    assert_whole_articles_or_nothing(warehouse, expected)
    run_stages(warehouse, crash_raw)
    assert differences(expected, warehouse) == {}, crash_at


@pytest.mark.parametrize("fraction", [0.1, 0.45, 0.8])  # in ingest, segment, extract/claims
def test_killed_inside_a_write_then_rerun(crash_raw, uninterrupted, tmp_path, fraction):
    expected, writes = uninterrupted
    _crash_then_resume(crash_raw, expected, max(1, round(fraction * writes)), tmp_path / "w.duckdb")


@pytest.mark.slow
def test_killed_after_every_single_write_then_rerun(crash_raw, uninterrupted, tmp_path):
    expected, writes = uninterrupted
    for crash_at in range(1, writes + 1):
        _crash_then_resume(crash_raw, expected, crash_at, tmp_path / f"w{crash_at}.duckdb")


# ----------------------------------------------------------------------------- kill -9 from outside


def _lines(stream, out: queue.Queue) -> None:
    for line in stream:
        out.put(line)
    out.put(None)


def kill_when(proc: subprocess.Popen, ready, timeout: float = 600) -> list[str]:
    """SIGKILL proc as soon as ready(lines so far) is true; returns the lines it printed."""
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, lines), daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.05)
        except queue.Empty:
            line = ""
        if line is None:
            break
        if line:
            seen.append(line)
        if ready(seen):
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    return seen


def _kill_9_then_rerun(reference, tmp_path: Path, ready) -> list[int]:
    """Start `python -m pipelines.run` on the hostile folder in a session of its own, kill -9 it when
    ready(lines, session) holds, rerun it to exit 0 and compare every table with the reference run.
    Returns the processes of the killed run that outlived it (killed here, after the fact)."""
    warehouse = tmp_path / "w.duckdb"
    env = pipeline_env(reference.hostile.raw, warehouse)
    proc = subprocess.Popen([PYTHON, "-m", "pipelines.run"], cwd=PROJECT_ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    seen = kill_when(proc, lambda lines: ready(lines, proc.pid))
    assert proc.returncode == -signal.SIGKILL, "".join(seen)[-3000:]
    assert not any("Pipeline finished" in line for line in seen)
    time.sleep(2)  # what survives its parent by this long is orphaned
    survivors = sorted(session_processes(proc.pid))
    kill_processes(survivors)
    rerun = subprocess.run([PYTHON, "-m", "pipelines.run"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                           timeout=900)
    assert rerun.returncode == 0, rerun.stdout[-2000:] + rerun.stderr[-3000:]
    assert "Pipeline finished" in rerun.stdout
    assert differences(reference.warehouse, warehouse) == {}
    return survivors


def _after_file_appears(path: Path, delay: float):
    appeared: list[float] = []

    def ready(_lines, _session) -> bool:
        if not appeared and path.exists():
            appeared.append(time.monotonic())
        return bool(appeared) and time.monotonic() - appeared[0] >= delay
    return ready


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["warehouse file appears", "ingest: ", "extract: "])
def test_kill_9_of_python_m_pipelines_run_then_rerun(reference, tmp_path, moment):
    if moment == "warehouse file appears":  # mid-ingest: the 20 MB file is being read
        ready = _after_file_appears(tmp_path / "w.duckdb", 0.5)
    else:  # just after that stage logged its progress, while the next step runs
        def ready(lines, _session):
            return any(moment in line for line in lines)
    _kill_9_then_rerun(reference, tmp_path, ready)


@pytest.mark.slow
def test_kill_9_with_a_worker_pool_up_leaves_no_process_behind(crash_raw, tmp_path):
    """Kill -9 a run at its first write, inside the ingest transaction while its worker pool is up:
    nothing of it may outlive it (whatever is left is killed here after the fact)."""
    proc = subprocess.Popen([PYTHON, "-m", "tests.reliability.crash_runner", str(crash_raw), str(tmp_path / "w.duckdb"),
                             "1", str(BATCH), "2", "pause"], cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    seen = kill_when(proc, lambda lines: any("paused" in line for line in lines), timeout=120)
    assert proc.returncode == -signal.SIGKILL, "".join(seen)[-3000:]
    deadline = time.monotonic() + 10  # workers see their parent gone at once; the rest follow them
    while (survivors := session_processes(proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.2)
    kill_processes(sorted(survivors))
    assert survivors == {}, f"{len(survivors)} processes of the killed run were left running"
