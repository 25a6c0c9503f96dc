"""The read snapshot: a copy of the warehouse that readers open while a run writes.  No Dagster here.

DuckDB lets one process write a database file and no other process read it meanwhile.  So every
run ends by publishing ``<warehouse stem>.read.duckdb`` beside the warehouse, and readers (`make
sql`, notebooks, dashboards) open that file read-only:

1. with the warehouse open for writing (its lock keeps any other writer out), CHECKPOINT, so the
   database file alone holds every committed row;
2. copy it to a temporary file beside the snapshot.  The copy runs in a child process: a process
   that closes *any* descriptor of a file loses its POSIX locks on it, which would silently drop
   DuckDB's lock on the warehouse;
3. open the copy read-only and compare its row counts with the warehouse, fsync it;
4. ``os.replace`` it onto the snapshot (atomic on POSIX).

A reader that already has the snapshot open keeps reading the old file (its inode lives until
closed); new connections see the new one; a run killed at any point leaves the old snapshot or
the new one, never a torn file (a left-over temporary file is removed by the next publish).
The copy keeps the warehouse's storage version, so the DuckDB 1.5 CLI reads it.
"""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

SNAPSHOT_SUFFIX = ".read.duckdb"


@dataclass(frozen=True)
class Snapshot:
    path: Path
    bytes: int
    seconds: float
    tables: dict[str, int]  # row count per table, equal in warehouse and snapshot


def snapshot_path(warehouse: Path | str) -> Path:
    """warehouse.duckdb -> warehouse.read.duckdb, in the same folder."""
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.stem + SNAPSHOT_SUFFIX)


def read_path(warehouse: Path | str) -> Path:
    """What a reader should open: the snapshot, or the warehouse itself before the first publish."""
    snapshot = snapshot_path(warehouse)
    return snapshot if snapshot.exists() else Path(warehouse)


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    names = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary"
        " ORDER BY table_name").fetchall()]
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in names}


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_leftovers(snapshot: Path) -> None:
    """Temporary copies of runs killed while publishing."""
    for stale in snapshot.parent.glob(f".{snapshot.name}.*.tmp"):
        stale.unlink(missing_ok=True)


def publish_snapshot(con: duckdb.DuckDBPyConnection, warehouse: Path | str) -> Snapshot:
    """Publish the snapshot of `warehouse`; `con` is this process's open writable connection to it."""
    started = time.perf_counter()
    warehouse = Path(warehouse)
    snapshot = snapshot_path(warehouse)
    remove_leftovers(snapshot)
    tmp = snapshot.with_name(f".{snapshot.name}.{os.getpid()}.tmp")
    try:
        con.execute("CHECKPOINT")
        expected = table_counts(con)
        # cp in a child process: see the module docstring (POSIX locks are per process).
        subprocess.run(["cp", "--", str(warehouse), str(tmp)], check=True, capture_output=True)
        copy = duckdb.connect(str(tmp), read_only=True)
        try:
            found = table_counts(copy)
        finally:
            copy.close()
        if found != expected:
            raise RuntimeError(f"snapshot copy differs from the warehouse: {found} != {expected}")
        _fsync(tmp)
        # A WAL beside the snapshot could only come from someone writing to it; it must not be replayed onto the new file.
        snapshot.with_name(snapshot.name + ".wal").unlink(missing_ok=True)
        os.replace(tmp, snapshot)
        _fsync(snapshot.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return Snapshot(snapshot, snapshot.stat().st_size, time.perf_counter() - started, expected)


if __name__ == "__main__":  # `make sql`: print the file a reader should open
    from pipelines import settings

    print(read_path(settings.warehouse_path()))
