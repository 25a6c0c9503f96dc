"""sentences -> quantities: every numeric mention, with value, unit, kind, qualifier and subject.
Also the job `sharded_stages` (below): the per-article stages as shards, for any Dagster executor."""

import shutil
from pathlib import Path

import dagster as dg

from pipelines import stages
from pipelines.defs.checks import run_suite
from pipelines.defs.progress import ProgressLog
from pipelines.defs.resources import WarehouseResource, warehouse_resource


@dg.asset(deps=["articles", "sentences"], group_name="normalised", kinds={"duckdb", "python"},
          code_version=stages.extractor_version(),
          description="One row per numeric mention, with its span in articles.text and its sentence.")
def quantities(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        n = stages.extract(con, progress=ProgressLog(context.log))
        rows = stages.table_counts(con, ["quantities"])["quantities"]
    return dg.MaterializeResult(metadata={"rows": rows, "articles_processed": n})


# --------------------------------------------------------------------------- the stages as shards
#
# `sharded_stages`: the per-article stages (segment -> extract -> claims) as Dagster ops over
# Parquet shards, for a corpus that outgrows one process or one machine (docs/scaling.md).  Per
# stage: plan (the one writer exports the pending articles as input shards) -> one op per shard
# (pure: reads and writes files only, so it runs in any process, pod or Celery worker) -> merge
# (the one writer loads the row shards, a transaction per shard).  The integrity suites gate it as
# in the asset graph: articles before segmenting, quantities before checking claims.  Same rows
# as the assets; not part of the default job (run it with any executor, e.g. `make bench-dagster`).


class ShardConfig(dg.Config):
    shard_articles: int = stages.SHARD_ARTICLES


def shard_folder(warehouse: WarehouseResource, run_id: str, stage: str) -> Path:
    return warehouse.output_dir / "shards" / run_id / stage


@dg.op(out=dg.Out(dg.Nothing))
def ingest_files(context: dg.OpExecutionContext, warehouse: WarehouseResource) -> None:
    with warehouse.connect() as con:
        s = stages.ingest(con, Path(warehouse.raw_dir), warehouse.ingest_limits(), ProgressLog(context.log))
    context.log.info(f"ingest: {s.files_read} files read, {s.articles_new} new articles")


def _validate_op(table: str) -> dg.OpDefinition:
    @dg.op(name=f"validate_{table}", ins={"after": dg.In(dg.Nothing)}, out=dg.Out(dg.Nothing))
    def _validate(context: dg.OpExecutionContext, warehouse: WarehouseResource) -> None:
        r = run_suite(table, warehouse, context.run_id)
        if not r["success"]:  # as the blocking asset checks do: nothing downstream runs on corrupted data
            raise dg.Failure(f"{table}: integrity expectations failed: {r['failed_integrity']}")
        context.log.info(f"{table}: {r['rows']} rows validated ({r['buckets_validated']} of {r['buckets']} buckets)")

    return _validate


def _stage_ops(stage: str) -> tuple[dg.OpDefinition, dg.OpDefinition, dg.OpDefinition]:
    @dg.op(name=f"plan_{stage}_shards", ins={"after": dg.In(dg.Nothing)}, out=dg.DynamicOut(str))
    def plan(context: dg.OpExecutionContext, config: ShardConfig, warehouse: WarehouseResource):
        folder = shard_folder(warehouse, context.run_id, stage)
        with warehouse.connect() as con:  # one empty shard when nothing is pending: a fan-out needs a branch
            paths = stages.write_input_shards(con, stage, folder, config.shard_articles, at_least_one=True)
        context.log.info(f"{stage}: {len(paths)} shard(s) of up to {config.shard_articles} articles in {folder}")
        for n, path in enumerate(paths):
            yield dg.DynamicOutput(str(path), mapping_key=f"shard_{n:05d}")

    @dg.op(name=f"{stage}_shard")
    def work(in_path: str) -> str:
        stages.run_shard(stage, Path(in_path))
        return in_path

    @dg.op(name=f"merge_{stage}_shards", out=dg.Out(dg.Nothing))
    def merge(context: dg.OpExecutionContext, warehouse: WarehouseResource, in_paths: list[str]) -> None:
        paths = sorted(Path(p) for p in in_paths)
        with warehouse.connect() as con:
            n = stages.merge_shards(con, stage, paths, ProgressLog(context.log))
        shutil.rmtree(paths[0].parent, ignore_errors=True)
        context.log.info(f"{stage}: {n} articles merged from {len(paths)} shard(s)")

    return plan, work, merge


@dg.job(resource_defs={"warehouse": warehouse_resource()},
        description="segment -> extract -> claims as Parquet shards computed by parallel ops and merged by one "
                    "writer (docs/scaling.md); choose the executor in the run config.")
def sharded_stages():
    plan_segment, segment_shard, merge_segment = _stage_ops("segment")
    plan_extract, extract_shard, merge_extract = _stage_ops("extract")
    plan_claims, claims_shard, merge_claims = _stage_ops("claims")
    articles_ok = _validate_op("articles")(after=ingest_files())
    segmented = merge_segment(plan_segment(after=articles_ok).map(segment_shard).collect())
    extracted = merge_extract(plan_extract(after=segmented).map(extract_shard).collect())
    quantities_ok = _validate_op("quantities")(after=extracted)
    checked = merge_claims(plan_claims(after=quantities_ok).map(claims_shard).collect())
    _validate_op("claim_checks")(after=checked)
