"""Marts: one Dagster asset per SQL view in sql/views/, so the lineage shows each of them.

Each file holds one CREATE OR REPLACE VIEW statement whose first line declares what it
reads: `-- depends_on: quantities, articles`.
"""

import hashlib
import re
from pathlib import Path

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.settings import SQL_DIR

VIEWS_DIR = SQL_DIR / "views"
_DEPENDS = re.compile(r"^--\s*depends_on:\s*(.+)$", re.MULTILINE)


def view_files() -> list[Path]:
    return sorted(VIEWS_DIR.glob("*.sql"))


def view_deps(sql_text: str) -> list[str]:
    m = _DEPENDS.search(sql_text)
    return [d.strip() for d in m.group(1).split(",") if d.strip()] if m else []


def _view_asset(path: Path) -> dg.AssetsDefinition:
    name = path.stem
    statement = path.read_text(encoding="utf-8")

    @dg.asset(name=name, deps=view_deps(statement), group_name="marts", kinds={"duckdb", "sql"},
              description=f"View `{name}` (sql/views/{path.name}).", code_version=hashlib.sha1(statement.encode()).hexdigest()[:12])
    def _view(warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.connect() as con:
            con.execute(statement)
            rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        return dg.MaterializeResult(metadata={"rows": rows})

    return _view


VIEW_NAMES = [p.stem for p in view_files()]
view_assets = [_view_asset(p) for p in view_files()]
