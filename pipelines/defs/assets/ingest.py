"""Raw files -> articles (with their sources) and ingest_errors."""

from pathlib import Path

import dagster as dg

from pipelines import stages
from pipelines.defs.checks import prewarm_validation
from pipelines.defs.progress import ProgressLog
from pipelines.defs.resources import WarehouseResource


@dg.multi_asset(
    specs=[
        dg.AssetSpec("articles", group_name="ingest", kinds={"duckdb"},
                     description="One row per distinct article text (content hash), with metadata and provenance; "
                                 "article_sources lists every file it came from."),
        dg.AssetSpec("ingest_errors", group_name="ingest", kinds={"duckdb"},
                     description="Files and records that could not be read, with a precise reason."),
    ],
    name="ingest",
)
def ingest(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    with warehouse.connect() as con:
        con.execute("DELETE FROM pipeline_runs WHERE run_id = ?", [context.run.run_id])
        con.execute("INSERT INTO pipeline_runs (run_id, started_at, raw_dir, status) VALUES (?, ?, ?, 'started')",
                    [context.run.run_id, stages.utcnow(), str(warehouse.raw_dir)])
        s = stages.ingest(con, Path(warehouse.raw_dir), warehouse.ingest_limits(), ProgressLog(context.log),
                          when_changed=prewarm_validation)  # its suites will run: import GX meanwhile
        counts = stages.table_counts(con, ["articles", "article_sources", "ingest_errors"])
        current = con.execute("SELECT count(*) FROM articles WHERE is_current").fetchone()[0]
    if s.errors:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(s.error_reasons.items()))
        context.log.warning(f"{s.errors} file(s)/record(s) could not be read ({reasons}); see table ingest_errors")
    context.log.info(f"ingest: {s.files_seen} files, {s.files_read} read, {s.files_unchanged} unchanged, "
                     f"{s.files_removed} removed; {s.articles_new} new articles, {s.articles_removed} no longer current")
    yield dg.MaterializeResult(asset_key="articles", metadata={
        "current_articles": current, "rows": counts["articles"], "sources": counts["article_sources"],
        "new_articles": s.articles_new, "removed_articles": s.articles_removed, "files_read": s.files_read,
        "files_unchanged": s.files_unchanged})
    yield dg.MaterializeResult(asset_key="ingest_errors", metadata={
        "rows": counts["ingest_errors"], "new_errors": s.errors,
        "reasons": dg.MetadataValue.json(s.error_reasons)})
