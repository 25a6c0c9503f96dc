"""Views -> files: each view to Parquet (typed, for tools) and CSV (UTF-8 with BOM, for spreadsheets)."""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _relation_columns(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str]]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [name],
    ).fetchall()
    if not rows:
        raise ValueError(f"no view or table named {name!r} in the warehouse")
    return rows


def _replace_atomically(path: Path, write) -> None:
    """Write next to path, then rename: a failed export never leaves half a file in place."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_csv_with_bom(table: pa.Table, path: Path) -> None:
    # The BOM tells Excel the file is UTF-8; without it Chinese text opens as mojibake.
    with open(path, "wb") as fh:
        fh.write(codecs.BOM_UTF8)
        pacsv.write_csv(table, fh)


def export_views(con: duckdb.DuckDBPyConnection, out_dir: Path, views: list[str]) -> list[Path]:
    """Write <view>.parquet and <view>.csv for each view into out_dir; returns the files written.

    In the CSV, list and struct columns (claim_ledger.figures) are JSON text, so a spreadsheet
    shows them as one readable cell; the Parquet keeps their types.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in views:
        if not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"not a view name: {name!r}")
        columns = _relation_columns(con, name)
        table = con.sql(f'SELECT * FROM "{name}"').to_arrow_table()
        parquet_path = out_dir / f"{name}.parquet"
        _replace_atomically(parquet_path, lambda p: pq.write_table(table, p))

        nested = [c for c, t in columns if t.endswith("[]") or t.startswith(("STRUCT", "MAP", "UNION"))]
        as_json = ", ".join(f'to_json("{c}")::VARCHAR AS "{c}"' for c in nested)
        replace = f" REPLACE ({as_json})" if nested else ""
        flat = con.sql(f'SELECT *{replace} FROM "{name}"').to_arrow_table()
        csv_path = out_dir / f"{name}.csv"
        _replace_atomically(csv_path, lambda p: _write_csv_with_bom(flat, p))
        written += [parquet_path, csv_path]
    return written
