"""The views of sql/views/ (one CREATE OR REPLACE VIEW per file, first line `-- depends_on: …`)."""
from __future__ import annotations

import functools
import re

import duckdb

from pipelines import warehouse as wh
from pipelines.core.taxonomy import load_taxonomy
from pipelines.settings import SQL_DIR

VIEWS_DIR = SQL_DIR / "views"
_DEPENDS_ON = re.compile(r"--\s*depends_on:\s*(.*)")


@functools.cache
def view_dependencies(name: str) -> tuple[str, ...]:
    """The tables and views a view reads, from its first line."""
    first_line = (VIEWS_DIR / f"{name}.sql").read_text(encoding="utf-8").splitlines()[0]
    match = _DEPENDS_ON.fullmatch(first_line.strip())
    if not match:
        raise ValueError(f"sql/views/{name}.sql: the first line must be '-- depends_on: <tables/views>'")
    return tuple(d.strip() for d in match.group(1).split(",") if d.strip())


def view_names() -> list[str]:
    """Every view, each after the views it depends on."""
    names = sorted(p.stem for p in VIEWS_DIR.glob("*.sql"))
    ordered: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in ordered:
            return
        if name in path:
            raise ValueError(f"views depend on each other in a cycle: {' -> '.join(path + (name,))}")
        for dep in view_dependencies(name):
            if dep in names:
                visit(dep, path + (name,))
        ordered.append(name)

    for name in names:
        visit(name, ())
    return ordered


def create_views(con: duckdb.DuckDBPyConnection, names: list[str] | None = None) -> list[str]:
    """CREATE OR REPLACE the given views (default all), dependencies first; returns what was created."""
    wanted = set(names) if names is not None else None
    created = []
    for name in view_names():
        if wanted is None or name in wanted:
            con.execute(wh.sql(f"views/{name}"))
            created.append(name)
    return created


def write_metric_taxonomy(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)write the table metric_taxonomy from sql/metric_taxonomy.csv; the views join it."""
    frame = load_taxonomy()
    con.register("_taxonomy", frame)
    try:
        con.execute("CREATE OR REPLACE TABLE metric_taxonomy AS SELECT * FROM _taxonomy")
    finally:
        con.unregister("_taxonomy")
    return len(frame)
