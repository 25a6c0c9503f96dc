"""The daily schedule and the raw-folder sensor, evaluated the way the Dagster daemon evaluates them."""
from __future__ import annotations

import os
import shutil
from datetime import datetime

import dagster as dg
import pytest

from pipelines.definitions import defs
from pipelines.defs.resources import WarehouseResource
from pipelines.defs.schedules import daily_refresh
from pipelines.defs.sensors import raw_files_sensor
from tests.conftest import FIXTURES


class Folder:
    """A raw folder watched by the sensor; `tick()` evaluates it with the cursor the daemon would keep."""

    def __init__(self, raw, warehouse):
        self.raw = raw
        self.resource = WarehouseResource(path=str(warehouse), raw_dir=str(raw))
        self.cursor = None

    def evaluate(self, cursor):
        with dg.build_sensor_context(cursor=cursor, resources={"warehouse": self.resource}) as context:
            return raw_files_sensor.evaluate_tick(context)

    def tick(self):
        data = self.evaluate(self.cursor)
        self.cursor = data.cursor
        return data


@pytest.fixture()
def folder(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "pipeline", raw)
    return Folder(raw, tmp_path / "w.duckdb")


def one_run(data) -> str:
    assert len(data.run_requests) == 1 and not data.skip_message
    return data.run_requests[0].run_key


def skipped(data) -> bool:
    return not data.run_requests and bool(data.skip_message)


def test_first_tick_requests_one_run_then_the_same_state_skips(folder):
    first = one_run(folder.tick())
    assert skipped(folder.tick()) and skipped(folder.tick())
    assert first


def test_new_changed_and_removed_files_each_request_exactly_one_run(folder):
    keys = [one_run(folder.tick())]
    (folder.raw / "nested" / "new.txt").write_text("全县新增就业岗位1200个。", encoding="utf-8")
    keys.append(one_run(folder.tick()))
    assert skipped(folder.tick())
    report = folder.raw / "county-report.txt"
    report.write_text(report.read_text(encoding="utf-8") + "\n新增一段。", encoding="utf-8")
    keys.append(one_run(folder.tick()))
    assert skipped(folder.tick())
    (folder.raw / "front-matter.md").unlink()
    keys.append(one_run(folder.tick()))
    assert skipped(folder.tick())
    assert len(set(keys)) == 4


def test_a_tick_evaluated_twice_asks_for_the_same_run(folder):
    """If the daemon evaluates a tick again (its cursor was not saved), the run_key is the same, so
    Dagster starts the run once."""
    one_run(folder.tick())
    (folder.raw / "new.txt").write_text("全县新增就业岗位1200个。", encoding="utf-8")
    again = [one_run(folder.evaluate(folder.cursor)) for _ in range(2)]
    assert again[0] == again[1]


def test_a_file_moved_out_and_back_is_two_changes(folder):
    """The folder returns to an earlier state: that state's first run_key must not be reused, or
    Dagster would skip the run and the warehouse would keep the file as removed."""
    first = one_run(folder.tick())
    moved = folder.raw.parent / "front-matter.md"
    shutil.move(folder.raw / "front-matter.md", moved)  # keeps size and mtime
    removed = one_run(folder.tick())
    shutil.move(moved, folder.raw / "front-matter.md")
    restored = one_run(folder.tick())
    assert len({first, removed, restored}) == 3


def test_files_ingestion_ignores_do_not_trigger(folder):
    one_run(folder.tick())
    (folder.raw / ".partial.txt").write_text("下载中", encoding="utf-8")
    (folder.raw / "notes.docx").write_bytes(b"PK\x03\x04")
    assert skipped(folder.tick())


def test_touching_a_file_without_changing_it_is_a_change_for_the_sensor(folder):
    """The sensor only stats files (cheap every 30 s); ingestion then finds the content unchanged."""
    one_run(folder.tick())
    path = folder.raw / "county-report.txt"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    one_run(folder.tick())


def test_missing_raw_folder_skips(tmp_path):
    folder = Folder(tmp_path / "absent", tmp_path / "w.duckdb")
    one_run(folder.tick())  # the empty state is a state: the first tick brings the warehouse in line
    assert skipped(folder.tick())


def test_schedule_and_sensor_run_the_job_that_materialises_everything():
    every_asset = defs.get_repository_def().asset_graph.get_all_asset_keys()
    job = defs.resolve_job_def(daily_refresh.job_name)
    assert raw_files_sensor.job_name == daily_refresh.job_name
    assert set(job.asset_layer.selected_asset_keys) == set(every_asset)
    assert dg.AssetKey("warehouse_snapshot") in job.asset_layer.selected_asset_keys


def test_daily_schedule_fires_once_a_day_at_six_beijing_time():
    assert daily_refresh.cron_schedule == "0 6 * * *"
    assert daily_refresh.execution_timezone == "Asia/Shanghai"
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 3, 2, 6, 0))
    data = daily_refresh.evaluate_tick(context)
    assert len(data.run_requests) == 1


def test_the_instance_runs_one_run_at_a_time_without_telemetry(tmp_path, monkeypatch):
    """Runs the daemon launches (sensor, schedule, UI) queue behind each other: DuckDB has one writer."""
    from tests.conftest import PROJECT_ROOT

    shutil.copyfile(PROJECT_ROOT / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    with dg.DagsterInstance.get() as instance:
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 1
        assert instance.telemetry_enabled is False
