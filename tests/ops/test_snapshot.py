"""Concurrent use: readers open the read snapshot that each run publishes atomically; they keep
working while a run writes the warehouse."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from pipelines import publish
from pipelines import warehouse as wh
from tests.conftest import FIXTURES, PROJECT_ROOT
from tests.ops.support import checksums, materialize, query, write_articles

DUCKDB_CLI = PROJECT_ROOT / ".venv" / "bin" / "duckdb"
ARTICLES = "SELECT count(*) FROM articles"


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("first_run")
    shutil.copytree(FIXTURES / "pipeline", root / "raw")
    assert materialize(root / "raw", root / "wh" / "warehouse.duckdb").success
    return root / "raw", root / "wh"


@pytest.fixture()
def built(first_run, tmp_path):
    """A copy of the first run's raw folder (mtimes kept) and warehouse: (raw folder, warehouse)."""
    raw, folder = shutil.copytree(first_run[0], tmp_path / "raw"), shutil.copytree(first_run[1], tmp_path / "wh")
    return raw, folder / "warehouse.duckdb"


def test_snapshot_path_and_what_readers_open(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    assert publish.snapshot_path(warehouse) == tmp_path / "warehouse.read.duckdb"
    assert publish.snapshot_path(tmp_path / "w") == tmp_path / "w.read.duckdb"
    assert publish.read_path(warehouse) == warehouse  # nothing published yet
    publish.snapshot_path(warehouse).touch()
    assert publish.read_path(warehouse) == publish.snapshot_path(warehouse)


def test_run_publishes_a_snapshot_equal_to_the_warehouse_readable_by_the_cli(built):
    _, warehouse = built
    snapshot = publish.snapshot_path(warehouse)
    assert checksums(snapshot) == checksums(warehouse)
    cli = subprocess.run([str(DUCKDB_CLI), "-readonly", str(snapshot), "-csv", "-noheader", "-c", ARTICLES],
                         capture_output=True, text=True, timeout=60)
    assert cli.returncode == 0, cli.stderr
    assert int(cli.stdout.strip()) == query(warehouse, ARTICLES)[0][0]
    assert not list(warehouse.parent.glob(".*.tmp"))


def test_publishing_keeps_the_warehouse_locked_against_other_writers(tmp_path):
    """Copying the file in this process would release DuckDB's POSIX lock on it (closing any
    descriptor of a file drops the process's locks): the copy must not let a second writer in."""
    warehouse = tmp_path / "warehouse.duckdb"
    con = wh.connect(warehouse)
    try:
        wh.ensure_schema(con)
        publish.publish_snapshot(con, warehouse)
        probe = subprocess.run([sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1])", str(warehouse)],
                               capture_output=True, text=True, timeout=60)
    finally:
        con.close()
    assert probe.returncode != 0 and "lock" in probe.stderr.lower(), probe.stderr


def test_leftover_of_a_killed_publish_is_removed_and_never_read(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    leftover = tmp_path / ".warehouse.read.duckdb.12345.tmp"
    leftover.write_bytes(b"half a copy")
    con = wh.connect(warehouse)
    try:
        wh.ensure_schema(con)
        snap = publish.publish_snapshot(con, warehouse)
    finally:
        con.close()
    assert not leftover.exists()
    assert snap.tables["articles"] == 0 and query(snap.path, ARTICLES) == [(0,)]


def test_make_sql_opens_the_snapshot_and_falls_back_to_the_warehouse(built):
    raw, warehouse = built
    con = duckdb.connect(str(warehouse))
    try:  # the warehouse moves on without publishing: `make sql` must still show the snapshot
        con.execute("UPDATE articles SET is_current = false")
    finally:
        con.close()
    sql = "SELECT count(*) FILTER (WHERE is_current) FROM articles;"

    def make_sql():
        proc = subprocess.run(["make", "--no-print-directory", "-s", "sql"], cwd=PROJECT_ROOT, input=sql, text=True,
                              capture_output=True, timeout=120,
                              env={**os.environ, "PIPELINE_WAREHOUSE": str(warehouse), "PIPELINE_RAW_DIR": str(raw)})
        assert proc.returncode == 0, proc.stderr
        return [int(w) for w in proc.stdout.split() if w.isdigit()]

    assert make_sql()[-1] == 4
    publish.snapshot_path(warehouse).unlink()
    assert make_sql()[-1] == 0


def test_readers_on_the_snapshot_keep_working_while_a_run_writes(built):
    """A Python read-only connection and a `duckdb -readonly` CLI process hold the snapshot open,
    and query it again and again while a run ingests new articles and republishes the snapshot."""
    raw, warehouse = built
    snapshot = publish.snapshot_path(warehouse)
    before = query(snapshot, ARTICLES)[0][0]
    write_articles(raw / "more", 300)
    reader = duckdb.connect(str(snapshot), read_only=True)
    cli = subprocess.Popen([str(DUCKDB_CLI), "-readonly", "-csv", "-noheader", str(snapshot)], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outcome = {}
    run = threading.Thread(target=lambda: outcome.setdefault("result", materialize(raw, warehouse)))
    seen, cli_queries = [], 0
    try:
        run.start()
        while run.is_alive():
            seen.append(reader.execute(ARTICLES).fetchone()[0])
            cli.stdin.write(ARTICLES + ";\n")
            cli.stdin.flush()
            cli_queries += 1
            time.sleep(0.05)
        run.join()
        out, err = cli.communicate(ARTICLES + ";\n", timeout=60)
    finally:
        reader.close()
        if cli.poll() is None:
            cli.kill()
            cli.wait()
    assert outcome["result"].success
    assert len(seen) >= 3 and set(seen) == {before}  # the open connection reads its (old) snapshot throughout
    assert cli.returncode == 0 and not err, err
    assert [int(x) for x in out.split()] == [before] * (cli_queries + 1)
    assert query(snapshot, ARTICLES)[0][0] == before + 300  # a new connection sees the new snapshot
