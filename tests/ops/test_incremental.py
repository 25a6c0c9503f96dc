"""Incremental runs: only new or changed articles are processed; no change means no work; a new
extractor version re-extracts everything; a removed file is marked, nothing else rebuilt.
Progress of the stages shows in the run log."""
from __future__ import annotations

import re
import shutil

import dagster as dg
import pytest

from pipelines import stages
from pipelines.definitions import defs
from tests.conftest import FIXTURES
from tests.ops.support import checksums, materialize, processed, query

N_FIXTURE_ARTICLES = 4
LOG = "SELECT stage, article_id, version, processed_at FROM processing_log ORDER BY ALL"


@pytest.fixture()
def raw(tmp_path):
    target = tmp_path / "raw"
    shutil.copytree(FIXTURES / "pipeline", target)
    return target


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """The fixtures materialised once per module: (raw folder, warehouse folder)."""
    root = tmp_path_factory.mktemp("first_run")
    shutil.copytree(FIXTURES / "pipeline", root / "raw")
    result = materialize(root / "raw", root / "wh" / "warehouse.duckdb")
    assert result.success
    assert processed(result) == {"segment": N_FIXTURE_ARTICLES, "extract": N_FIXTURE_ARTICLES,
                                 "claims": N_FIXTURE_ARTICLES}
    return root / "raw", root / "wh"


@pytest.fixture()
def built(first_run, tmp_path):
    """A copy of the first run's raw folder (mtimes kept) and warehouse: (raw folder, warehouse)."""
    raw, folder = shutil.copytree(first_run[0], tmp_path / "raw"), shutil.copytree(first_run[1], tmp_path / "wh")
    return raw, folder / "warehouse.duckdb"


def _refuse(*_args, **_kwargs):
    raise AssertionError("a run with no change must not read, segment, extract or check anything")


def test_run_without_change_does_no_work(built, monkeypatch):
    raw, warehouse = built
    before, log = checksums(warehouse), query(warehouse, LOG)
    from pipelines.core import claims, extract, ingest, text

    for module, name in ((ingest, "read_source"), (text, "paragraph_spans"), (extract, "extract_quantities"),
                         (claims, "check_claims")):
        monkeypatch.setattr(module, name, _refuse)
    result = materialize(raw, warehouse)
    assert result.success
    assert processed(result) == {"segment": 0, "extract": 0, "claims": 0}
    assert query(warehouse, LOG) == log  # not even re-stamped
    assert checksums(warehouse) == before


def test_new_file_processes_only_its_article(built):
    raw, warehouse = built
    log = query(warehouse, LOG)
    (raw / "nested" / "new.txt").write_text("全县新增就业岗位1200个,其中返乡创业带动300个,占25%。", encoding="utf-8")
    result = materialize(raw, warehouse)
    assert processed(result) == {"segment": 1, "extract": 1, "claims": 1}
    assert set(log) < set(query(warehouse, LOG))  # the old rows untouched, timestamps included
    new = query(warehouse, "SELECT count(*) FROM quantities JOIN articles USING (article_id) WHERE source_file = ?",
                ["nested/new.txt"])
    assert new[0][0] >= 3


def test_changed_file_processes_only_the_changed_article(built):
    raw, warehouse = built
    report = raw / "county-report.txt"
    report.write_text(report.read_text(encoding="utf-8").replace("86个", "87个"), encoding="utf-8")
    result = materialize(raw, warehouse)
    assert processed(result) == {"segment": 1, "extract": 1, "claims": 1}
    current = query(warehouse, "SELECT is_current, count(*) FROM articles WHERE source_file = 'county-report.txt' GROUP BY 1")
    assert sorted(current) == [(False, 1), (True, 1)]


def test_new_extractor_version_reextracts_every_article_and_rechecks_claims(built, monkeypatch):
    raw, warehouse = built
    monkeypatch.setattr(stages, "extractor_version", lambda: "test-bump")
    result = materialize(raw, warehouse)
    assert processed(result) == {"segment": 0, "extract": N_FIXTURE_ARTICLES, "claims": N_FIXTURE_ARTICLES}
    versions = query(warehouse, "SELECT DISTINCT version FROM processing_log WHERE stage = 'extract'")
    assert versions == [("test-bump",)]


def test_extractor_version_is_the_code_version_dagster_shows():
    """So the UI flags `quantities` (and what is downstream) as changed code when the extractor changes."""
    graph = defs.get_repository_def().asset_graph
    assert graph.get(dg.AssetKey("quantities")).code_version == stages.extractor_version()
    assert graph.get(dg.AssetKey("claim_checks")).code_version == stages.claims_version()


def test_removed_file_is_marked_without_rebuilding_anything(built):
    raw, warehouse = built
    log = query(warehouse, LOG)
    (raw / "front-matter.md").unlink()
    result = materialize(raw, warehouse)
    assert processed(result) == {"segment": 0, "extract": 0, "claims": 0}
    assert query(warehouse, "SELECT is_current, removed_at IS NOT NULL FROM articles WHERE source_file = 'front-matter.md'") \
        == [(False, True)]
    assert query(warehouse, "SELECT count(*) FROM articles WHERE is_current")[0][0] == N_FIXTURE_ARTICLES - 1
    assert query(warehouse, LOG) == log
    snapshot = warehouse.with_name("warehouse.read.duckdb")
    assert query(snapshot, "SELECT count(*) FROM articles WHERE is_current")[0][0] == N_FIXTURE_ARTICLES - 1


PROGRESS = re.compile(r"^(segment|extract|claims): (\d+)/(\d+) articles, [\d,]+ articles/s(?:, ETA [\d,]+ s)?$")


def test_run_log_reports_progress_of_each_stage(raw, tmp_path):
    with dg.DagsterInstance.ephemeral() as instance:
        result = materialize(raw, tmp_path / "w.duckdb", instance=instance)
        messages = [e.user_message for e in instance.all_logs(result.run_id) if e.dagster_event is None]
    lines = [m.groups() for m in map(PROGRESS.match, messages) if m]
    assert {stage for stage, _, _ in lines} == {"segment", "extract", "claims"}
    assert all(done == total == str(N_FIXTURE_ARTICLES) for _, done, total in lines)
