"""Marts: the metric taxonomy table, one Dagster asset per SQL view in sql/views/ (so the lineage
shows each of them, all created in one step), the Parquet/CSV exports and the HTML report."""
import hashlib
import json

import dagster as dg

from pipelines import stages
from pipelines import warehouse as wh
from pipelines.core.taxonomy import TAXONOMY_CSV
from pipelines.defs.resources import WarehouseResource
from pipelines.report import views as viewsmod

# Tables that no asset is named after, mapped to the asset that writes them.
TABLE_OWNERS = {"article_sources": "articles", "pipeline_runs": "articles", "dq_results": "data_docs",
                "dq_fingerprints": "data_docs", "processing_log": "quantities"}
VIEW_NAMES = viewsmod.view_names()


@dg.asset(group_name="marts", kinds={"duckdb", "csv"}, code_version=hashlib.sha1(TAXONOMY_CSV.read_bytes()).hexdigest()[:12],
          description="The editable metric taxonomy (sql/metric_taxonomy.csv) as a table.")
def metric_taxonomy(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        n = viewsmod.write_metric_taxonomy(con)
    return dg.MaterializeResult(metadata={"rows": n})


def _view_spec(name: str) -> dg.AssetSpec:
    statement = wh.sql(f"views/{name}")
    return dg.AssetSpec(name, deps=sorted({TABLE_OWNERS.get(d, d) for d in viewsmod.view_dependencies(name)}),
                        group_name="marts", kinds={"duckdb", "sql"},
                        code_version=hashlib.sha1(statement.encode()).hexdigest()[:12],
                        description=f"View `{name}` (sql/views/{name}.sql).")


# One asset per view, so that the lineage shows each with its own inputs, but one step for all of
# them: creating a view takes milliseconds, a Dagster step about 0.15 s (a seventh of what a run
# with one new story spent on its views).  Subsettable: any view can be materialised alone.
@dg.multi_asset(specs=[_view_spec(name) for name in VIEW_NAMES], can_subset=True, name="views")
def views(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    with warehouse.connect() as con:
        for key in sorted(context.selected_asset_keys, key=lambda k: k.to_user_string()):
            name = key.to_user_string()
            con.execute(wh.sql(f"views/{name}"))
            rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            yield dg.MaterializeResult(asset_key=key, metadata={"rows": rows})


@dg.asset(deps=VIEW_NAMES, group_name="publish", kinds={"parquet", "csv"},
          description="Every view as Parquet and CSV (UTF-8 with BOM) in <warehouse folder>/exports/.")
def exports(warehouse: WarehouseResource) -> dg.MaterializeResult:
    from pipelines.report import export_views

    with warehouse.connect() as con:
        paths = export_views(con, warehouse.output_dir / "exports", VIEW_NAMES)
    return dg.MaterializeResult(metadata={"files": len(paths),
                                          "folder": dg.MetadataValue.path(str(warehouse.output_dir / "exports"))})


@dg.asset(deps=[*VIEW_NAMES, "data_docs"], group_name="publish", kinds={"html"},
          description="Static HTML report in <warehouse folder>/report/index.html: corpus, metrics by region and "
                      "time, every inconsistent claim with its sentence, link to the Data Docs.")
def report(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    from pipelines.report import build_report

    with warehouse.connect() as con:
        path = build_report(con, warehouse.output_dir / "report", data_docs_href="../quality/index.html")
        counts = stages.table_counts(con, ["articles", "quantities", "claim_checks"])
        con.execute("UPDATE pipeline_runs SET finished_at = ?, status = 'completed', summary = ? WHERE run_id = ?",
                    [stages.utcnow(), json.dumps(counts), context.run.run_id])
    return dg.MaterializeResult(metadata={"index": dg.MetadataValue.path(str(path))})
