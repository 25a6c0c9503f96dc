"""sentences -> quantities: every numeric mention, with value, unit, kind, qualifier and subject."""

import dagster as dg

from pipelines import stages
from pipelines.defs.progress import ProgressLog
from pipelines.defs.resources import WarehouseResource


@dg.asset(deps=["articles", "sentences"], group_name="normalised", kinds={"duckdb", "python"},
          code_version=stages.extractor_version(),
          description="One row per numeric mention, with its span in articles.text and its sentence.")
def quantities(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        n = stages.extract(con, progress=ProgressLog(context.log))
        rows = stages.table_counts(con, ["quantities"])["quantities"]
    return dg.MaterializeResult(metadata={"rows": rows, "articles_processed": n})
