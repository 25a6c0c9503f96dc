"""Great Expectations Data Docs, rebuilt after the suites have run (readable offline)."""
import dagster as dg

from pipelines.defs.checks import quality_context_dir
from pipelines.defs.resources import WarehouseResource


@dg.asset(deps=["claim_checks"], group_name="quality", kinds={"html"},
          description="Static GX Data Docs in <warehouse folder>/quality/index.html.")
def data_docs(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    from pipelines.quality import build_data_docs

    context_dir = quality_context_dir(warehouse)
    if not context_dir.exists():  # no suite has run yet (e.g. a subset run)
        return dg.MaterializeResult(metadata={"built": False})
    index = warehouse.output_dir / "quality" / "index.html"
    with warehouse.connect() as con:
        validated_now = con.execute("SELECT count(*) FROM dq_fingerprints WHERE run_id = ?", [context.run.run_id]).fetchone()[0]
    if index.exists() and not validated_now:  # every suite reused an unchanged result: the docs are current
        return dg.MaterializeResult(metadata={"built": False, "index": dg.MetadataValue.path(str(index))})
    index = build_data_docs(context_dir, warehouse.output_dir / "quality")
    return dg.MaterializeResult(metadata={"built": True, "index": dg.MetadataValue.path(str(index))})
