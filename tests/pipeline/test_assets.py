"""Assets materialised with Dagster on a temporary warehouse built from the pipeline fixtures."""
from __future__ import annotations

import shutil

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import defs
from pipelines.defs.resources import WarehouseResource
from tests.conftest import FIXTURES

CORE_TABLES = ["articles", "paragraphs", "sentences", "quantities", "claim_checks", "ingest_errors"]


def materialize_all(raw_dir, warehouse_file, instance=None):
    job = defs.resolve_implicit_global_asset_job_def()
    resources = {"warehouse": WarehouseResource(path=str(warehouse_file), raw_dir=str(raw_dir))}
    return dg.materialize(
        assets=list(defs.assets) + list(defs.asset_checks or []),
        resources=resources, instance=instance or dg.DagsterInstance.ephemeral(), raise_on_error=False,
        selection=job.asset_selection if hasattr(job, "asset_selection") else None,
    )


def snapshot(warehouse_file):
    con = duckdb.connect(str(warehouse_file), read_only=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CORE_TABLES}
        ids = {
            "articles": con.execute("SELECT list(article_id ORDER BY article_id) FROM articles").fetchone()[0],
            "quantities": con.execute("SELECT list(quantity_id ORDER BY quantity_id) FROM quantities").fetchone()[0],
            "checks": con.execute("SELECT list(check_id || verdict ORDER BY check_id) FROM claim_checks").fetchone()[0],
        }
    finally:
        con.close()
    return counts, ids


@pytest.fixture()
def raw_dir(tmp_path):
    target = tmp_path / "raw"
    shutil.copytree(FIXTURES / "pipeline", target)
    return target


def test_materialize_builds_every_table(raw_dir, tmp_path):
    warehouse = tmp_path / "wh" / "warehouse.duckdb"
    result = materialize_all(raw_dir, warehouse)
    assert result.success
    counts, _ = snapshot(warehouse)
    # 3 good files (one JSONL with 2 good records) -> 4 articles; a PNG and a record without text -> 2 errors
    assert counts["articles"] == 4
    assert counts["ingest_errors"] == 2
    assert counts["sentences"] >= counts["paragraphs"] >= 4
    assert counts["quantities"] > 20
    assert counts["claim_checks"] > 0


def test_rerun_on_unchanged_input_changes_nothing(raw_dir, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    assert materialize_all(raw_dir, warehouse).success
    first = snapshot(warehouse)
    assert materialize_all(raw_dir, warehouse).success
    assert snapshot(warehouse) == first


def test_changed_and_removed_files(raw_dir, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    assert materialize_all(raw_dir, warehouse).success
    (raw_dir / "county-report.txt").write_text("全省共有干部120名,其中女干部30名,占25%。", encoding="utf-8")
    (raw_dir / "front-matter.md").unlink()
    shutil.copyfile(FIXTURES / "pipeline" / "front-matter.md", raw_dir / "nested" / "copy-of-front-matter.md")
    assert materialize_all(raw_dir, warehouse).success
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        # the old county report is marked (is_current = false, removed_at set), its replacement is current
        marked = con.execute("SELECT source_file, removed_at IS NOT NULL FROM articles WHERE NOT is_current").fetchall()
        assert marked == [("county-report.txt", True)]
        rows = con.execute("SELECT count(*) FILTER (WHERE is_current), count(*) FILTER (WHERE NOT is_current)"
                           " FROM articles").fetchone()
        assert rows == (4, 1)
        # the moved Markdown article is the same article (same content hash), now from its new file
        moved = con.execute("SELECT source_file FROM articles WHERE source_format = 'md'").fetchall()
        assert moved == [("nested/copy-of-front-matter.md",)]
        replaced = con.execute("SELECT count(*) FROM quantities q JOIN articles a USING (article_id)"
                               " WHERE a.is_current AND a.source_file = 'county-report.txt'").fetchone()[0]
        assert replaced == 3
    finally:
        con.close()


def test_same_article_in_two_files_is_stored_once(raw_dir, tmp_path):
    shutil.copyfile(raw_dir / "county-report.txt", raw_dir / "nested" / "duplicate.txt")
    warehouse = tmp_path / "warehouse.duckdb"
    assert materialize_all(raw_dir, warehouse).success
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        sources = con.execute("SELECT a.source_file, list(s.source_file ORDER BY s.source_file) FROM articles a"
                              " JOIN article_sources s USING (article_id) WHERE a.source_format = 'txt' GROUP BY ALL").fetchall()
    finally:
        con.close()
    assert sources == [("county-report.txt", ["county-report.txt", "nested/duplicate.txt"])]


def test_one_view_can_be_materialised_alone(raw_dir, tmp_path):
    """The views share one multi-asset step; a selection of one view creates that view only."""
    warehouse = tmp_path / "wh" / "warehouse.duckdb"
    assert materialize_all(raw_dir, warehouse).success
    con = duckdb.connect(str(warehouse))
    con.execute("DROP VIEW region_metrics")
    con.execute("DROP VIEW corpus_stats")
    con.close()
    resources = {"warehouse": WarehouseResource(path=str(warehouse), raw_dir=str(raw_dir))}
    result = dg.materialize(assets=list(defs.assets), resources=resources, selection=["region_metrics"],
                            instance=dg.DagsterInstance.ephemeral())
    assert result.success
    assert [e.asset_key.to_user_string() for e in result.get_asset_materialization_events()
            if e.asset_key] == ["region_metrics"]
    con = duckdb.connect(str(warehouse), read_only=True)
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    con.close()
    assert "region_metrics" in views and "corpus_stats" not in views
