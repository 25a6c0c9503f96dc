"""Blocking integrity checks stop downstream assets on corrupted data; the WARN check on the
articles' own arithmetic never does."""
from __future__ import annotations

import shutil

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import defs
from pipelines.defs.resources import WarehouseResource
from tests.conftest import FIXTURES

INCONSISTENT = "本次共选派干部120名,其中女干部30名,占35%。"  # 30/120 = 25%, not 35%


def run(raw_dir, warehouse, selection=None):
    resources = {"warehouse": WarehouseResource(path=str(warehouse), raw_dir=str(raw_dir))}
    return dg.materialize(assets=list(defs.assets) + list(defs.asset_checks), resources=resources,
                          instance=dg.DagsterInstance.ephemeral(), raise_on_error=False, selection=selection)


def materialized(result) -> set[str]:
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}


def evaluations(result) -> dict[str, object]:
    return {e.check_name: e for e in result.get_asset_check_evaluations()}


@pytest.fixture()
def raw_dir(tmp_path):
    target = tmp_path / "raw"
    shutil.copytree(FIXTURES / "pipeline", target)
    (target / "inconsistent.txt").write_text(INCONSISTENT, encoding="utf-8")
    return target


def test_warn_check_reports_inconsistent_claims_without_stopping(raw_dir, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    result = run(raw_dir, warehouse)
    assert result.success
    checks = evaluations(result)
    arithmetic = checks["source_arithmetic"]
    assert not arithmetic.passed and arithmetic.severity == dg.AssetCheckSeverity.WARN
    assert arithmetic.metadata["inconsistent_claims"].value >= 1
    assert all(checks[f"{t}_integrity"].passed for t in ("articles", "quantities", "claim_checks"))
    assert {"claim_checks", "data_docs"} <= materialized(result)  # downstream of the WARN check still ran
    assert (tmp_path / "quality" / "index.html").exists()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        suites = {r[0] for r in con.execute("SELECT DISTINCT suite FROM dq_results").fetchall()}
    finally:
        con.close()
    assert suites == {"articles", "quantities", "claim_checks"}


def test_blocking_check_stops_downstream_on_corrupted_quantities(raw_dir, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    assert run(raw_dir, warehouse).success
    con = duckdb.connect(str(warehouse))
    try:  # corrupt our own data: a span past the end of its article and a duplicated id
        con.execute("UPDATE quantities SET char_end = char_end + 100000 WHERE quantity_id = (SELECT min(quantity_id) FROM quantities)")
        con.execute("INSERT INTO quantities SELECT * FROM quantities LIMIT 1")
    finally:
        con.close()
    result = run(raw_dir, warehouse)
    integrity = evaluations(result)["quantities_integrity"]
    assert not integrity.passed and integrity.severity == dg.AssetCheckSeverity.ERROR
    failed = integrity.metadata["failed_expectations"].value
    assert failed, "the failing expectations are listed"
    done = materialized(result)
    assert "quantities" in done
    assert "claim_checks" not in done and "data_docs" not in done  # blocked downstream
    assert not result.success
