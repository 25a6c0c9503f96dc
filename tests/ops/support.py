"""Shared by the operations tests: runs on a temporary warehouse, table checksums, process trees."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.definitions import defs
from pipelines.defs.resources import WarehouseResource
from pipelines.settings import PROJECT_ROOT

# What most tests materialise: the incremental core and the snapshot.  The Great Expectations checks,
# views, exports and report cost seconds per run and are tested elsewhere.
CORE_ASSETS = ["articles", "ingest_errors", "paragraphs", "sentences", "quantities", "claim_checks"]
STAGE_ASSETS = {"paragraphs": "segment", "quantities": "extract", "claim_checks": "claims"}
CORE_TABLES = ["articles", "article_sources", "source_files", "ingest_errors", "paragraphs", "sentences",
               "quantities", "claim_checks", "processing_log"]
# Columns that say when (or in which run) a row was written: compared only on whether they are set.
RUN_STAMPS = {"ingested_at", "removed_at", "seen_at", "read_at", "error_at", "processed_at", "run_id", "run_time"}


def materialize(raw_dir: Path, warehouse: Path, selection=(*CORE_ASSETS, "warehouse_snapshot"),
                instance: dg.DagsterInstance | None = None) -> dg.ExecuteInProcessResult:
    """Materialise the assets in `selection` without their checks (None: everything, checks included)."""
    if instance is None:
        with dg.DagsterInstance.ephemeral() as instance:
            return materialize(raw_dir, warehouse, selection, instance)
    return dg.materialize(assets=list(defs.assets) + list(defs.asset_checks), raise_on_error=False,
                          resources={"warehouse": WarehouseResource(path=str(warehouse), raw_dir=str(raw_dir))},
                          instance=instance,
                          selection=dg.AssetSelection.assets(*selection).without_checks() if selection else None)


def processed(result: dg.ExecuteInProcessResult) -> dict[str, int]:
    """Articles each stage processed in this run: {'segment': n, 'extract': n, 'claims': n}."""
    out = {}
    for event in result.get_asset_materialization_events():
        key = event.asset_key.to_user_string()
        if key in STAGE_ASSETS:
            out[STAGE_ASSETS[key]] = event.materialization.metadata["articles_processed"].value
    return out


def query(path: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def checksums(path: Path, tables=CORE_TABLES) -> dict[str, tuple[int, int]]:
    """(row count, sum of a hash of every row) per table: blind to row order, sensitive to any
    missing, duplicated or changed row; run timestamps only count as set or not."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for table in tables:
            columns = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table]).fetchall()]
            row = ", ".join(f'"{c}" IS NULL' if c in RUN_STAMPS else f'"{c}"' for c in columns)
            out[table] = con.execute(f'SELECT count(*), coalesce(sum(hash({row})), 0) FROM "{table}"').fetchone()
        return out
    finally:
        con.close()


def write_articles(folder: Path, n: int, per_file: int = 50, seed: int = 0) -> None:
    """n distinct generated articles (JSONL, `per_file` per file) full of counts and percentages."""
    import random

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    places = ["东", "西", "南", "北", "中"]
    for f in range(0, n, per_file):
        with open(folder / f"generated-{f // per_file:04d}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(f, min(f + per_file, n)):
                whole = rng.randint(50, 900)
                part = rng.randint(1, whole)
                text = (f"第{i}号通报:{rng.choice(places)}部地区{rng.randint(2, 40)}个县(市、区)完成换届。"
                        f"新任领导干部{whole}名,其中女干部{part}名,占{100 * part / whole:.1f}%。"
                        f"全年立案{rng.randint(10, 5000)}件,处分{rng.randint(1, 900)}人,同比增长{rng.randint(1, 30)}%。")
                fh.write(json.dumps({"title": f"通报{i}", "date": "2024-03-01", "text": text}, ensure_ascii=False) + "\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ----------------------------------------------------------------------------- process trees


def _stat(pid: int, process: int | None = None) -> tuple[str, int, int] | None:
    """(state, ppid, session id) of a process (or of thread `pid` of `process`), None when it is gone."""
    try:
        text = Path(f"/proc/{process}/task/{pid}/stat" if process else f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return fields[0], int(fields[1]), int(fields[3])


def _running(pid: int) -> bool:
    """Some thread of the process still runs.  A killed multi-threaded process shows its main thread
    as a zombie while other threads are still exiting, and it holds its files (and locks) until the last one is gone."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return False
    return any((st := _stat(int(t), pid)) and st[0] not in "ZX" for t in tasks)


def live_processes(session: int, known: set[int] = frozenset()) -> set[int]:
    """Processes in `session`, or among `known` pids, still running."""
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _stat(int(entry))) and (st[2] == session or int(entry) in known):
            if _running(int(entry)):
                out.add(int(entry))
    return out


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _stat(int(entry))):
            children.setdefault(st[1], []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def stop_tree(proc, timeout: float = 5.0) -> set[int]:
    """Stop a process started with start_new_session=True and everything it started: SIGTERM to its
    process group, then SIGKILL to the group and to any descendant that left it.  Returns the pids
    still running afterwards (empty when all is well)."""
    tree = {proc.pid} | descendants(proc.pid)
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, timeout)):
        tree |= descendants(proc.pid)
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        if sig == signal.SIGKILL:
            for pid in live_processes(proc.pid, tree):
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            proc.poll()  # reaps our direct child; orphans are reaped by init
            if not live_processes(proc.pid, tree):
                return set()
            time.sleep(0.2)
    return live_processes(proc.pid, tree)


# ----------------------------------------------------------------------------- the Dagster UI


class UiServer:
    """`dagster-webserver -h 127.0.0.1 -p <free port> -m pipelines.definitions` in its own session,
    with a DAGSTER_HOME under `root` holding the project's dagster.yaml (telemetry off)."""

    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        home = root / "dagster_home"
        home.mkdir(parents=True)
        shutil.copyfile(PROJECT_ROOT / "dagster.yaml", home / "dagster.yaml")
        env = {**os.environ, "DAGSTER_HOME": str(home), "PYTHONPATH": str(PROJECT_ROOT),
               "PIPELINE_RAW_DIR": str(root / "raw"), "PIPELINE_WAREHOUSE": str(root / "wh" / "warehouse.duckdb")}
        self.log = open(root / "webserver.log", "w+")
        self.proc = subprocess.Popen(
            [str(PROJECT_ROOT / ".venv" / "bin" / "dagster-webserver"), "-h", "127.0.0.1", "-p", str(self.port),
             "-m", "pipelines.definitions"],
            cwd=PROJECT_ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_until_up(self, timeout: float = 300) -> "UiServer":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"webserver exited:\n{self.log_tail()}"
            try:
                with urllib.request.urlopen(self.url + "/server_info", timeout=5) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise AssertionError(f"webserver not up after {timeout} s:\n{self.log_tail()}")

    def graphql(self, query: str) -> dict:
        request = urllib.request.Request(self.url + "/graphql", data=json.dumps({"query": query}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as r:
            body = json.load(r)
        assert "errors" not in body, body["errors"]
        return body["data"]

    def log_tail(self) -> str:
        self.log.seek(0)
        return self.log.read()[-3000:]

    def close(self) -> None:
        stop_tree(self.proc)
        self.log.close()
        shutil.rmtree(self.root, ignore_errors=True)
