"""DuckDB access for the pipeline: schema, SQL by name, idempotent writes.  No Dagster here.

Every statement that carries data binds it as a parameter or as a registered DataFrame / Arrow
table; no value is ever formatted into SQL text.  The stages write Arrow tables built with explicit
types (no per-row type inference, no pandas object columns): for 400k rows that is seconds saved.
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

import duckdb
import pandas as pd
import pyarrow as pa

from pipelines.settings import SQL_DIR, duckdb_memory_limit

# Files written here stay readable by the DuckDB CLI that `make sql` installs (duckdb-cli 1.5.x).
STORAGE_COMPATIBILITY = "v1.5.0"


@functools.cache
def sql(name: str) -> str:
    """The statement in sql/<name>.sql (name may include a sub-folder, e.g. 'queries/summary')."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def schema_statements() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((SQL_DIR / "schema").glob("*.sql"))]


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    config = {"memory_limit": duckdb_memory_limit()}
    if read_only:
        return duckdb.connect(str(path), read_only=True, config=config)
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), config={**config, "storage_compatibility_version": STORAGE_COMPATIBILITY})


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for statement in schema_statements():
        con.execute(statement)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All-or-nothing: a run killed inside leaves the previous state (DuckDB's WAL replays or drops it)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


Frame = pd.DataFrame | pa.Table


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: Frame) -> int:
    """Append a DataFrame or Arrow table whose columns are a subset of the table's (missing ones become NULL)."""
    if not len(frame):
        return 0
    names = frame.column_names if isinstance(frame, pa.Table) else frame.columns
    columns = [c for c in table_columns(con, table) if c in names]
    con.register("_frame", frame)
    try:
        cols = ", ".join(f'"{c}"' for c in columns)
        con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM _frame')
    finally:
        con.unregister("_frame")
    return len(frame)


def delete_keys(con: duckdb.DuckDBPyConnection, table: str, key: str, values: Sequence[str]) -> None:
    """DELETE FROM table WHERE key IN values (values bound as a registered frame)."""
    if not len(values):
        return
    con.register("_keys", pa.table({"k": pa.array(list(values), pa.string())}))
    try:
        con.execute(f'DELETE FROM "{table}" WHERE "{key}" IN (SELECT k FROM _keys)')
    finally:
        con.unregister("_keys")


def replace_for_keys(con: duckdb.DuckDBPyConnection, table: str, key: str, values: Sequence[str], frame: Frame) -> int:
    """Idempotent write: delete every row of these keys, then insert the new rows."""
    delete_keys(con, table, key, values)
    return insert_frame(con, table, frame)
