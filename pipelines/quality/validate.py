"""Run the suites with Great Expectations on pandas frames; keep results in a File context.

GX validates pandas DataFrames read from DuckDB, not DuckDB itself: over SQLAlchemy
(duckdb_engine) GX 1.x gets empty results once it has closed its connection.

Great Expectations is imported lazily (~10 s): importing this module is cheap.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import functools
import json
import operator
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from pipelines.quality.derive import derive
from pipelines.quality.suites import ADVISORY, INTEGRITY, SUITES, ExpectationSpec

DATASOURCE = "warehouse"
BATCH_DEFINITION = "whole_frame"
KEEP_RESULTS_PER_SUITE = 20  # history lives in dq_results; GX keeps recent runs for the docs
RESULT_FORMAT = {"result_format": "BASIC", "partial_unexpected_count": 10}
GX_SEVERITY = {INTEGRITY: "critical", ADVISORY: "warning"}


@dataclass(frozen=True)
class ValidationOutcome:
    """The result of one suite run.  ``success`` is False only when an integrity
    (blocking) expectation failed; advisory failures show in ``rows``/``failed()``."""

    suite: str
    success: bool
    rows: list[dict[str, Any]]
    run_time: dt.datetime

    def failed(self, severity: str | None = None) -> list[str]:
        return [r["expectation"] for r in self.rows
                if not r["success"] and severity in (None, r["severity"])]

    def row(self, expectation: str) -> dict[str, Any]:
        return next(r for r in self.rows if r["expectation"] == expectation)


def validate_table(table: str, df: pd.DataFrame, *, context_dir: Path,
                   articles_text: pd.DataFrame | None = None) -> ValidationOutcome:
    """Validate ``df`` (the warehouse table ``table``) against its suite.

    ``articles_text`` (article_id, text) is needed for quantities: span checks.
    The GX validation result is stored in the File context at ``context_dir``.
    Rows: suite, expectation, column, success, unexpected_count, element_count,
    run_time (naive UTC, like the warehouse TIMESTAMPs), details (JSON), severity
    ("integrity" | "advisory").
    """
    if table not in SUITES:
        raise ValueError(f"no suite for table {table!r}; suites: {sorted(SUITES)}")
    specs = SUITES[table]
    frame = derive(table, df, articles_text)
    gx = _import_gx()
    from great_expectations.core.run_identifier import RunIdentifier

    run_time = dt.datetime.now(dt.timezone.utc)
    # Several Dagster processes may share the context: one at a time writes its config and
    # stores (validation itself takes seconds, so holding the lock throughout is simplest).
    with context_lock(context_dir):
        context = open_context(context_dir)
        suite = _stored_suite(context, gx.ExpectationSuite(
            name=table, expectations=[_to_gx(spec) for spec in specs],
            meta={"notes": {"format": "markdown", "content": [
                "Severity **integrity** blocks (Dagster ERROR), **advisory** warns (WARN). "
                "Suite defined in `pipelines/quality/suites.py`."]}}))
        definition = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=table, data=_batch_definition(context, table), suite=suite))
        result = definition.run(batch_parameters={"dataframe": frame}, result_format=RESULT_FORMAT,
                                run_id=RunIdentifier(run_time=run_time))
        _prune_results(context, table)
        _drop_cached_batches(context)

    by_name = {spec.name: spec for spec in specs}
    run_time = run_time.replace(tzinfo=None)
    rows = [_row(table, by_name[r.expectation_config.meta["name"]], r, run_time) for r in result.results]
    rows.sort(key=lambda row: list(by_name).index(row["expectation"]))
    success = all(row["success"] for row in rows if row["severity"] == INTEGRITY)
    return ValidationOutcome(table, success, rows, run_time)


def _import_gx():
    os.environ["GX_ANALYTICS_ENABLED"] = "false"  # read by GX at import; the context setting follows
    import great_expectations as gx

    return gx


@contextmanager
def context_lock(context_dir: Path) -> Iterator[None]:
    Path(context_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(context_dir) / ".quality.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def open_context(context_dir: Path):
    """The File context at context_dir (scaffolded on first use), analytics and progress bars off."""
    gx = _import_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="file", context_root_dir=str(context_dir))
    bars = context.variables.progress_bars or {}
    bars = bars if isinstance(bars, dict) else vars(bars)  # a dict once read back from the yml
    bars_on = any(bars.get(k) is not False for k in ("globally", "metric_calculations"))
    if context.config.analytics_enabled is not False or bars_on:
        context.config.analytics_enabled = False
        context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        context.variables.save()
    return context


def _stored_suite(context, suite):
    """The stored suite, rewritten only when its definition changed.  (GX's add_or_update
    compares expectations including their ids, so it would re-id every one on each run.)"""
    from great_expectations.exceptions import DataContextError

    def definition(s):
        return sorted(json.dumps({k: v for k, v in e.configuration.to_json_dict().items() if k != "id"},
                                 sort_keys=True, default=str) for e in s.expectations), s.meta

    try:
        stored = context.suites.get(suite.name)
    except DataContextError:
        return context.suites.add(suite)
    return stored if definition(stored) == definition(suite) else context.suites.add_or_update(suite)


def _batch_definition(context, table: str):
    """The whole-dataframe batch definition of the table's asset, created once."""
    sources = context.data_sources.all()
    source = sources[DATASOURCE] if DATASOURCE in sources else context.data_sources.add_pandas(DATASOURCE)
    asset = source.get_asset(table) if table in source.get_asset_names() else source.add_dataframe_asset(table)
    if BATCH_DEFINITION in {b.name for b in asset.batch_definitions}:
        return asset.get_batch_definition(BATCH_DEFINITION)
    return asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION)


def _to_gx(spec: ExpectationSpec):
    from great_expectations.expectations.registry import get_expectation_impl

    return get_expectation_impl(spec.expectation)(
        **spec.kwargs,
        **({"row_condition": _condition(spec.where)} if spec.where else {}),
        severity=GX_SEVERITY[spec.severity],
        description=f"{spec.description} [{spec.severity}]",
        meta={"name": spec.name, "severity": spec.severity},
    )


def _condition(where):
    from great_expectations.expectations.row_conditions import Column

    ops = {"==": lambda c, v: c == v, "!=": lambda c, v: c != v, "in": lambda c, v: c.is_in(v),
           "not_null": lambda c, v: c.is_not_null()}
    return functools.reduce(operator.and_, (ops[op](Column(col), value) for col, op, value in where))


def _drop_cached_batches(context) -> None:
    """GX keeps the last frame it validated in its execution engine's batch cache for as long as the
    context lives, and GX's project manager keeps the context for the whole process: after the
    articles suite that was every article's text, held through the stages that followed (the main
    reason memory grew with the corpus)."""
    manager = context.data_sources.get(DATASOURCE).get_execution_engine().batch_manager
    manager.reset_batch_cache()
    manager.batch_data_cache.clear()


def _prune_results(context, table: str) -> None:
    store = context.validation_results_store
    keys = sorted((k for k in store.list_keys() if k.expectation_suite_identifier.name == table),
                  key=lambda k: k.run_id.run_time)
    for key in keys[:-KEEP_RESULTS_PER_SUITE]:
        store.remove_key(key)


def _exception_message(info: dict) -> str | None:
    """GX reports an expectation's own error flat, a failed metric's keyed by metric id."""
    if info.get("raised_exception"):
        return info.get("exception_message")
    return next((v["exception_message"] for v in info.values()
                 if isinstance(v, dict) and v.get("exception_message")), None)


def _row(table: str, spec: ExpectationSpec, result, run_time: dt.datetime) -> dict[str, Any]:
    res = result.result or {}
    details = {
        "gx_expectation": spec.expectation,
        "kwargs": spec.kwargs,
        "where": [list(w) for w in spec.where],
        "description": spec.description,
        "observed_value": res.get("observed_value"),
        "unexpected_percent": res.get("unexpected_percent"),
        "partial_unexpected_list": res.get("partial_unexpected_list"),
        "details": res.get("details"),
    }
    if message := _exception_message(result.exception_info or {}):
        details["exception"] = message
    return {
        "suite": table,
        "expectation": spec.name,
        "column": ",".join(spec.columns) or None,
        "success": bool(result.success),
        "unexpected_count": res.get("unexpected_count"),
        "element_count": res.get("element_count"),
        "run_time": run_time,
        "details": json.dumps({k: v for k, v in details.items() if v not in (None, [], {})},
                              ensure_ascii=False, default=str),
        "severity": spec.severity,
    }
