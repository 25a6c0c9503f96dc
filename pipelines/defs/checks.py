"""Asset checks.  Two kinds, kept apart:

- pipeline integrity (Great Expectations suites on articles, quantities, claim_checks):
  blocking ERROR checks, so corrupted data never reaches downstream assets; advisory
  expectations of the same suites are WARN checks;
- the articles' own arithmetic: the number of inconsistent claims is a WARN check on
  claim_checks, with the list in its metadata: findings about the sources, never a failure.
"""
import dagster as dg
import pandas as pd

from pipelines import warehouse as wh
from pipelines.defs.resources import WarehouseResource

SUITE_TABLES = ("articles", "quantities", "claim_checks")
MAX_LISTED = 50  # failures / claims listed in check metadata


def quality_context_dir(warehouse: WarehouseResource):
    return warehouse.output_dir / "quality" / "gx"


def run_suite(table: str, warehouse: WarehouseResource, run_id: str) -> dict:
    """Validate one table (unless unchanged since its last validation) and record dq_results rows.

    Returns {'success', 'failed_integrity', 'failed_advisory', 'rows', 'reused'}."""
    from pipelines.quality import ADVISORY, INTEGRITY, validate_table

    with warehouse.connect() as con:
        fingerprint = con.execute(wh.sql(f"queries/fingerprint_{table}")).fetchone()[0]
        previous = con.execute(
            "SELECT success FROM dq_fingerprints WHERE suite = ? AND fingerprint = ?", [table, fingerprint]).fetchone()
        if previous is not None and previous[0]:
            return {"success": True, "failed_integrity": [], "failed_advisory": [], "rows": 0, "reused": True}
        frame = con.execute(f'SELECT * FROM "{table}"').df()
        articles_text = con.execute("SELECT article_id, text FROM articles").df() if table == "quantities" else None
    outcome = validate_table(table, frame, context_dir=quality_context_dir(warehouse), articles_text=articles_text)
    rows = pd.DataFrame(outcome.rows).rename(columns={"column": "column_name"})
    rows["run_id"] = run_id
    with warehouse.connect() as con, wh.transaction(con):
        con.execute("DELETE FROM dq_results WHERE run_id = ? AND suite = ?", [run_id, table])
        wh.insert_frame(con, "dq_results", rows)
        con.execute("DELETE FROM dq_fingerprints WHERE suite = ?", [table])
        con.execute("INSERT INTO dq_fingerprints VALUES (?, ?, ?, ?, ?)",
                    [table, fingerprint, outcome.success, run_id, outcome.run_time])
    return {"success": outcome.success, "failed_integrity": outcome.failed(INTEGRITY),
            "failed_advisory": outcome.failed(ADVISORY), "rows": len(frame), "reused": False}


def _suite_check(table: str) -> dg.AssetChecksDefinition:
    integrity, advisory = f"{table}_integrity", f"{table}_advisory"

    @dg.multi_asset_check(
        name=f"{table}_quality",
        specs=[
            dg.AssetCheckSpec(integrity, asset=table, blocking=True,
                              description=f"Great Expectations integrity suite on {table} (blocks downstream)."),
            dg.AssetCheckSpec(advisory, asset=table,
                              description=f"Advisory expectations on {table} (warn only)."),
        ],
    )
    def _check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource):
        r = run_suite(table, warehouse, context.run.run_id)
        meta = {"rows_validated": r["rows"], "reused_unchanged_result": r["reused"]}
        yield dg.AssetCheckResult(
            asset_key=table, check_name=integrity, passed=r["success"], severity=dg.AssetCheckSeverity.ERROR,
            metadata={**meta, "failed_expectations": dg.MetadataValue.json(r["failed_integrity"][:MAX_LISTED])})
        yield dg.AssetCheckResult(
            asset_key=table, check_name=advisory, passed=not r["failed_advisory"], severity=dg.AssetCheckSeverity.WARN,
            metadata={**meta, "failed_expectations": dg.MetadataValue.json(r["failed_advisory"][:MAX_LISTED])})

    return _check


suite_checks = [_suite_check(t) for t in SUITE_TABLES]


@dg.asset_check(asset="claim_checks", name="source_arithmetic",
                description="Claims whose own arithmetic does not hold (findings about the source: WARN, never blocks).")
def source_arithmetic(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=False) as con:
        rows = con.execute(wh.sql("queries/inconsistent_claims")).fetchall()
    listed = [{"article": r[0], "check": r[1], "explanation": r[2], "sentence": r[3]} for r in rows[:MAX_LISTED]]
    return dg.AssetCheckResult(
        passed=not rows, severity=dg.AssetCheckSeverity.WARN,
        metadata={"inconsistent_claims": len(rows), "claims": dg.MetadataValue.json(listed)})


all_checks = [*suite_checks, source_arithmetic]
