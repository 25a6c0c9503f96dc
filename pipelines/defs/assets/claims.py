"""quantities -> claim_checks: does the article's own arithmetic hold?"""

import dagster as dg

from pipelines import stages
from pipelines.defs.progress import ProgressLog
from pipelines.defs.resources import WarehouseResource


@dg.asset(deps=["quantities"], group_name="checks", kinds={"duckdb", "python"},
          code_version=stages.claims_version(),
          description="Percentages against counts, parts against wholes, sums, GRIM-style possibility: "
                      "findings about the source articles, never pipeline failures.")
def claim_checks(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        n = stages.check(con, progress=ProgressLog(context.log))
        verdicts = dict(con.execute("SELECT verdict, count(*) FROM claim_checks GROUP BY ALL").fetchall())
    return dg.MaterializeResult(metadata={"rows": sum(verdicts.values()), "articles_processed": n,
                                          **{f"verdict_{k}": v for k, v in verdicts.items()}})
