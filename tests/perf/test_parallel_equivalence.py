"""The parallel paths give exactly the rows of the serial one: the stages with a worker pool, and the
stages as Parquet shards (the path beyond one machine), on the pipeline fixtures and the gold set.
No timings here: speed and memory are measured by `make bench` / `make bench-dagster`."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines import parallel, stages
from pipelines import warehouse as wh
from tests.conftest import FIXTURES

TABLES = ["articles", "article_sources", "source_files", "ingest_errors", "paragraphs", "sentences", "quantities",
          "claim_checks", "processing_log"]
# When a row was written differs from run to run: compared only on whether it is set.
STAMPS = {"ingested_at", "removed_at", "seen_at", "read_at", "error_at", "processed_at"}


def build(raw: Path, warehouse: Path, mode: str) -> dict[str, list[tuple]]:
    """Run ingest -> segment -> extract -> claims in one of three ways; every row of every table."""
    con = wh.connect(warehouse)
    try:
        wh.ensure_schema(con)
        workers = 1 if mode == "serial" else 2  # forced: the fixtures are far below the size that starts a pool
        stages.ingest(con, raw, workers=workers)
        if mode == "shards":
            for stage in ("segment", "extract", "claims"):
                paths = stages.write_input_shards(con, stage, warehouse.parent / "shards", shard_articles=2)
                for path in paths:
                    stages.run_shard(stage, path)
                stages.merge_shards(con, stage, paths)
        else:
            stages.segment(con, workers=workers)
            stages.extract(con, workers=workers, batch_size=3)  # batches of 3: several tasks and transactions
            stages.check(con, workers=workers, batch_size=3)
        out = {}
        for table in TABLES:
            columns = ", ".join(f'"{c}" IS NULL' if c in STAMPS else f'"{c}"' for c in wh.table_columns(con, table))
            out[table] = con.execute(f'SELECT {columns} FROM "{table}" ORDER BY ALL').fetchall()
        return out
    finally:
        con.close()


def assert_same_rows(raw: Path, tmp_path: Path) -> dict[str, list[tuple]]:
    serial = build(raw, tmp_path / "serial" / "w.duckdb", "serial")
    for mode in ("parallel", "shards"):
        other = build(raw, tmp_path / mode / "w.duckdb", mode)
        for table in TABLES:
            assert other[table] == serial[table], f"{mode}: table {table} differs from the serial path"
    return serial


def test_pool_and_shards_equal_serial_on_fixtures(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "pipeline", raw)
    rows = assert_same_rows(raw, tmp_path)
    assert len(rows["articles"]) == 4 and len(rows["quantities"]) > 20 and rows["claim_checks"]


@pytest.mark.shared
def test_pool_and_shards_equal_serial_on_gold(shared_dir, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for txt in (shared_dir / "gold").glob("*.txt"):
        shutil.copyfile(txt, raw / txt.name)
    rows = assert_same_rows(raw, tmp_path)
    assert rows["quantities"] and rows["claim_checks"]


def square(n: int) -> int:
    if n < 0:
        raise ValueError(f"negative: {n}")
    return n * n


def test_ordered_map_keeps_order_and_bounds_work_in_flight():
    drawn = []

    def tasks():
        for n in range(20):
            drawn.append(n)
            yield n

    with parallel.worker_pool(2) as pool:
        results = parallel.ordered_map(pool, square, tasks(), in_flight=3)
        first = next(results)
        assert first == 0 and len(drawn) == 3  # tasks are drawn lazily: never more than in_flight ahead
        assert [first, *results] == [n * n for n in range(20)]
        with pytest.raises(ValueError, match="negative: -1"):
            list(parallel.ordered_map(pool, square, [1, -1, 2]))


def test_small_jobs_stay_in_process(monkeypatch):
    monkeypatch.setenv("PIPELINE_WORKERS", "2")
    assert parallel.workers_for(parallel.MIN_PARALLEL_ITEMS - 1) == 1
    assert parallel.workers_for(parallel.MIN_PARALLEL_ITEMS) == 2
    assert parallel.workers_for(5, workers=2) == 2
    monkeypatch.setenv("PIPELINE_WORKERS", "1")
    assert parallel.workers_for(10 ** 6) == 1
    with parallel.worker_pool(1) as pool:
        assert pool is None and list(parallel.ordered_map(pool, square, [2, 3])) == [4, 9]


def test_long_lived_objects_are_frozen_only_while_a_stage_runs():
    import gc

    from pipelines import parallel

    before = gc.get_freeze_count()
    with parallel.long_lived_objects_frozen():
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == 0
    try:
        with parallel.long_lived_objects_frozen():
            raise RuntimeError("a failing stage")
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0, "the collector gets every object back, even after a failure"
