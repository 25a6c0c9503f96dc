"""Content fingerprints of every warehouse table, for "two runs leave identical tables".

A table's fingerprint is (row count, sum of a hash of each whole row): independent of row order,
sensitive to any changed, missing or duplicated row.  Only columns that record *when* (or in which
run) a row was written are neutralised, and only down to whether they are set:

- articles.ingested_at / removed_at, article_sources.seen_at, source_files.read_at,
  ingest_errors.error_at, processing_log.processed_at: the wall-clock time of the run that wrote
  the row (a rerun that rewrites a row stamps it again);
- dq_results.run_id / run_time, dq_fingerprints.run_id / run_time: the Dagster run that validated;
- dq_fingerprints.fingerprint: a hash over whole rows of the validated table, articles.ingested_at
  included, so it follows that stamp (which rows passed, and how many, is still compared).

Everything else — ids, spans, values, texts, file sizes and mtimes, reasons and details, code
versions in processing_log, validation outcomes — must be identical.  pipeline_runs is a log of
runs (a killed run is one more row, by design) and is left out.  A table not named here is
compared on every column, so a new table is covered as soon as it exists.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

RUN_STAMPS: dict[str, tuple[str, ...]] = {
    "articles": ("ingested_at", "removed_at"),
    "article_sources": ("seen_at",),
    "source_files": ("read_at",),
    "ingest_errors": ("error_at",),
    "processing_log": ("processed_at",),
    "dq_results": ("run_id", "run_time"),
    "dq_fingerprints": ("fingerprint", "run_id", "run_time"),
}
RUN_LOGS = {"pipeline_runs"}


def _rows_sql(table: str) -> str:
    # Identifiers come from information_schema and the fixed RUN_STAMPS above.
    stamps = RUN_STAMPS.get(table, ())
    replace = ", ".join(f'"{c}" IS NULL AS "{c}"' for c in stamps)
    return f'SELECT *{f" REPLACE ({replace})" if replace else ""} FROM "{table}"'


def base_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                       "ORDER BY table_name").fetchall()
    return [r[0] for r in rows if r[0] not in RUN_LOGS]


def fingerprints(warehouse: Path, tables: list[str] | None = None) -> dict[str, tuple[int, int]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: tuple(con.execute(f"SELECT count(*), coalesce(sum(hash(r)), 0) FROM ({_rows_sql(t)}) AS r").fetchone())
                for t in (tables or base_tables(con))}
    finally:
        con.close()


def rows(warehouse: Path, table: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(_rows_sql(table)).fetchall()
    finally:
        con.close()


def differences(expected: Path, actual: Path, tables: list[str] | None = None, limit: int = 5) -> dict[str, str]:
    """Per differing table, a readable account of the rows only one side has (empty when identical)."""
    want, got = fingerprints(expected, tables), fingerprints(actual, tables)
    out = {}
    for table in sorted(set(want) | set(got)):
        if want.get(table) == got.get(table):
            continue
        if table not in want or table not in got:
            out[table] = f"only in {'actual' if table in got else 'expected'}"
            continue
        a, b = rows(expected, table), rows(actual, table)
        missing = [r for r in a if r not in b][:limit]
        extra = [r for r in b if r not in a][:limit]
        out[table] = f"{len(a)} rows expected, {len(b)} found; missing {missing!r:.1500}; unexpected {extra!r:.1500}"
    return out
