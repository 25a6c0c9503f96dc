"""articles -> paragraphs and sentences (character spans into articles.text)."""

import dagster as dg

from pipelines import stages
from pipelines.defs.progress import ProgressLog
from pipelines.defs.resources import WarehouseResource


@dg.multi_asset(
    specs=[
        dg.AssetSpec("paragraphs", deps=["articles"], group_name="normalised", kinds={"duckdb"},
                     code_version=stages.SEGMENT_VERSION, description="Paragraph spans of every article."),
        dg.AssetSpec("sentences", deps=["articles"], group_name="normalised", kinds={"duckdb"},
                     code_version=stages.SEGMENT_VERSION, description="Sentence spans (and text) of every article."),
    ],
    name="segment",
)
def segment(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    with warehouse.connect() as con:
        n = stages.segment(con, progress=ProgressLog(context.log))
        counts = stages.table_counts(con, ["paragraphs", "sentences"])
    yield dg.MaterializeResult(asset_key="paragraphs", metadata={"rows": counts["paragraphs"], "articles_processed": n})
    yield dg.MaterializeResult(asset_key="sentences", metadata={"rows": counts["sentences"], "articles_processed": n})
