"""The warehouse resource, configured from PIPELINE_WAREHOUSE / PIPELINE_RAW_DIR."""
from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import duckdb

from pipelines import settings
from pipelines import warehouse as wh


class WarehouseResource(dg.ConfigurableResource):
    """A DuckDB warehouse file and the raw folder it is built from."""

    path: str
    raw_dir: str
    max_file_bytes: int = 50_000_000
    max_article_chars: int = 2_000_000

    def connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        con = wh.connect(self.path, read_only=read_only)
        if not read_only:
            wh.ensure_schema(con)
        return con

    @property
    def output_dir(self) -> Path:
        return settings.output_dir(Path(self.path))

    def ingest_limits(self):
        from pipelines.core.ingest import IngestLimits

        return IngestLimits(max_file_bytes=self.max_file_bytes, max_article_chars=self.max_article_chars)


def _from_env(var: str, default) -> dg.EnvVar | str:
    """EnvVar when the variable is set (the UI then shows where the value comes from), else the default."""
    return dg.EnvVar(var) if os.environ.get(var) else str(default)


def _int_from_env(var: str, default: int) -> dg.EnvVar | int:
    return dg.EnvVar.int(var) if os.environ.get(var) else default


def warehouse_resource() -> WarehouseResource:
    return WarehouseResource(
        path=_from_env("PIPELINE_WAREHOUSE", settings.DEFAULT_WAREHOUSE),
        raw_dir=_from_env("PIPELINE_RAW_DIR", settings.DEFAULT_RAW_DIR),
        max_file_bytes=_int_from_env("PIPELINE_MAX_FILE_BYTES", 50_000_000),
        max_article_chars=_int_from_env("PIPELINE_MAX_ARTICLE_CHARS", 2_000_000),
    )
