"""Where things are: every path the pipeline uses comes from here.

Two environment variables are a public contract (other tools set them):
  PIPELINE_RAW_DIR    folder of raw articles          (default data/raw)
  PIPELINE_WAREHOUSE  DuckDB warehouse file           (default data/warehouse/warehouse.duckdb)
Optional:
  PIPELINE_SHARED_DIR the read-only ../shared folder   (tests and benchmarks only)
  PIPELINE_MAX_FILE_BYTES, PIPELINE_MAX_ARTICLE_CHARS  ingestion limits
  PIPELINE_WORKERS    processes for the per-article stages (pipelines/parallel.py)
  PIPELINE_DUCKDB_MEMORY  memory limit of the pipeline's DuckDB connections (default 256MB)
Relative values are taken relative to the current directory, defaults to the project root.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"

DEFAULT_RAW_DIR = PROJECT_ROOT / "data" / "raw"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "data" / "warehouse" / "warehouse.duckdb"


def _path(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    return Path(value).expanduser().resolve() if value else default


def raw_dir() -> Path:
    return _path("PIPELINE_RAW_DIR", DEFAULT_RAW_DIR)


def warehouse_path() -> Path:
    return _path("PIPELINE_WAREHOUSE", DEFAULT_WAREHOUSE)


def shared_dir() -> Path:
    return _path("PIPELINE_SHARED_DIR", PROJECT_ROOT.parent / "shared")


def output_dir(warehouse: Path) -> Path:
    """Exports, report and Data Docs live beside the warehouse file."""
    return warehouse.parent


def duckdb_memory_limit() -> str:
    """DuckDB's memory limit for the pipeline's connections.  DuckDB's own default (80% of RAM)
    lets its page cache grow with the warehouse, so a run's memory would grow with the corpus;
    bounded, DuckDB evicts pages and spills large operations to disk instead.  256MB: the whole
    corpus already fills it (so the doubled corpus needs no more), and the run is as fast as with
    500MB, which the whole corpus did not fill (peak PSS of a run, 1x / 2x corpus: 867 / 999 MB
    with 500MB, 832 / 902 MB with 256MB)."""
    return os.environ.get("PIPELINE_DUCKDB_MEMORY", "").strip() or "256MB"
