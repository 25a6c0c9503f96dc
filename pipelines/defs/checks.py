"""Asset checks.  Two kinds, kept apart:

- pipeline integrity (Great Expectations suites on articles, quantities, claim_checks):
  blocking ERROR checks, so corrupted data never reaches downstream assets; advisory
  expectations of the same suites are WARN checks;
- the articles' own arithmetic: the number of inconsistent claims is a WARN check on
  claim_checks, with the list in its metadata: findings about the sources, never a failure.

Incremental validation (docs/scaling.md).  A suite table's rows fall into buckets by article (the
part of the table's unique key before ':', so duplicates of a key always meet in one bucket and
uniqueness stays exact); each bucket has a fingerprint computed in SQL over every column (for
quantities also the text of their articles) and the validation code.  Only buckets whose
fingerprint has not passed before are validated, in Great Expectations calls of at most GROUP_ROWS
rows: one new story revalidates one bucket per table, and memory does not grow with the corpus.
Any change to a row, a corrupted one included, changes its bucket's fingerprint, so blocking on
corrupted data works as before.
"""
import functools
import hashlib
import json
import math
import os
import sys
import threading
from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines import parallel
from pipelines import warehouse as wh
from pipelines.defs.resources import WarehouseResource
from pipelines.quality.suites import SUITES

SUITE_TABLES = ("articles", "quantities", "claim_checks")
MAX_LISTED = 50  # failures / claims listed in check metadata
BUCKET_ROWS = 20_000  # rows per fingerprinted bucket: what one new article costs to revalidate
GROUP_ROWS = 120_000  # rows per Great Expectations call, which copies its frame for every metric
# an article row carries the article's text (about 1.5 KB): in groups of 120,000 rows, the doubled
# corpus's articles were one frame twice the size of the whole corpus's, and memory grew with it
GROUP_ROWS_BY_TABLE = {"articles": 20_000}


_gx_import: threading.Thread | None = None


def prewarm_validation() -> None:
    """Import Great Expectations (about 5 s) in a background thread, so that it overlaps the
    stages' work (this process mostly waits for its worker pool then) instead of delaying the
    first suite, which blocks every downstream asset.  Called by ingest when files changed."""
    global _gx_import
    if _gx_import is not None or "great_expectations" in sys.modules:
        return
    # SQLAlchemy first, here in the calling thread: Dagster imports parts of it lazily while a step
    # runs, and two threads importing the same package at once can meet a partially initialised
    # module ("cannot import name … from partially initialized module 'sqlalchemy.orm.exc'").
    # These are the SQLAlchemy modules GX imports; about 1.4 s when Dagster has not loaded them.
    import sqlalchemy.dialects.postgresql  # noqa: F401
    import sqlalchemy.dialects.sqlite  # noqa: F401
    import sqlalchemy.engine.reflection  # noqa: F401
    import sqlalchemy.ext.declarative  # noqa: F401
    import sqlalchemy.orm  # noqa: F401

    def _import() -> None:
        os.environ["GX_ANALYTICS_ENABLED"] = "false"  # as pipelines.quality.validate does before importing
        try:
            import great_expectations  # noqa: F401
        except Exception:  # the validation imports it again, and reports what went wrong
            pass

    _gx_import = threading.Thread(target=_import, name="import-great-expectations", daemon=True)
    _gx_import.start()


def quality_context_dir(warehouse: WarehouseResource):
    return warehouse.output_dir / "quality" / "gx"


def unique_key(table: str) -> str:
    """The column the table's suite holds unique (article_id, quantity_id, check_id)."""
    return next(s.kwargs["column"] for s in SUITES[table] if s.expectation == "expect_column_values_to_be_unique")


@functools.cache
def validation_digest() -> str:
    """Digest of the validation code (suites, derived columns, GX glue): a change revalidates everything."""
    digest = hashlib.sha256()
    for path in sorted((Path(__file__).parents[1] / "quality").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def bucket_count(rows: int) -> int:
    """A power of two giving buckets of about BUCKET_ROWS rows (it changes, and everything is
    validated again, only when the table doubles)."""
    return 1 << max(0, math.ceil(math.log2(max(rows, 1) / BUCKET_ROWS)))


def bucket_groups(sizes: dict[int, int], most: int = GROUP_ROWS) -> list[list[int]]:
    """Buckets (bucket -> rows) in groups of at most `most` rows (a bigger bucket alone)."""
    groups, rows = [[]], 0
    for bucket, n in sorted(sizes.items()):
        if groups[-1] and rows + n > most:
            groups.append([])
            rows = 0
        groups[-1].append(bucket)
        rows += n
    return groups


def merge_outcomes(outcomes: list) -> tuple[bool, list[dict]]:
    """One dq_results row per expectation from the validations of several groups of rows: passed when
    every group passed, counts summed, the details of the first group that failed (else the first)
    with each group's figures under 'parts'.  (A `mostly` expectation must so hold in every group.)"""
    if len(outcomes) == 1:
        return outcomes[0].success, outcomes[0].rows
    merged = []
    for parts in zip(*(o.rows for o in outcomes)):  # the same expectations, in the suite's order
        shown = next((p for p in parts if not p["success"]), parts[0])
        details = json.loads(shown["details"])
        details["parts"] = [{"success": p["success"], "element_count": p["element_count"],
                             "unexpected_count": p["unexpected_count"],
                             "unexpected_percent": json.loads(p["details"]).get("unexpected_percent")} for p in parts]
        details.pop("unexpected_percent", None)
        counts = {c: None if all(p[c] is None for p in parts) else sum(p[c] or 0 for p in parts)
                  for c in ("unexpected_count", "element_count")}
        merged.append({**shown, **counts, "success": all(p["success"] for p in parts), "run_time": parts[0]["run_time"],
                       "details": json.dumps(details, ensure_ascii=False, default=str)})
    return all(o.success for o in outcomes), merged


def run_suite(table: str, warehouse: WarehouseResource, run_id: str) -> dict:
    """Validate the rows of one table that changed since they last passed; record dq_results rows.

    Returns {'success', 'failed_integrity', 'failed_advisory', 'rows', 'reused', 'buckets', 'buckets_validated'}."""
    from pipelines.quality import ADVISORY, INTEGRITY, validate_table

    if _gx_import is not None:  # one importer at a time
        _gx_import.join()
    key, digest = unique_key(table), validation_digest()
    with warehouse.connect() as con:
        n_buckets = bucket_count(con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        if table == "quantities":  # its span checks read the article text
            rows = con.execute(
                "SELECT hash(split_part(struct_extract(t, ?), ':', 1)) % ? AS bucket, count(*), sum(hash(t, a.text_hash))"
                f' FROM "{table}" AS t LEFT JOIN (SELECT article_id, hash(text) AS text_hash FROM articles) AS a'
                " USING (article_id) GROUP BY bucket", [key, n_buckets]).fetchall()
        else:
            rows = con.execute(
                "SELECT hash(split_part(struct_extract(t, ?), ':', 1)) % ? AS bucket, count(*), sum(hash(t))"
                f' FROM "{table}" AS t GROUP BY bucket', [key, n_buckets]).fetchall()
        fingerprints = {b: f"{digest}/{n_buckets}/{b}:{n}:{h}" for b, n, h in rows} or {0: f"{digest}/empty"}
        sizes = {b: n for b, n, _ in rows} or {0: 0}
        passed = {r[0] for r in con.execute(
            "SELECT fingerprint FROM dq_fingerprints WHERE suite = ? AND success", [table]).fetchall()}
    changed = {b: sizes[b] for b, fingerprint in fingerprints.items() if fingerprint not in passed}
    if not changed:
        return {"success": True, "failed_integrity": [], "failed_advisory": [], "rows": 0, "reused": True,
                "buckets": len(fingerprints), "buckets_validated": 0}

    outcomes, validated = [], []  # validated: (bucket, passed)
    with parallel.long_lived_objects_frozen():  # GX makes objects by the million (see parallel.py)
        for group in bucket_groups(changed, GROUP_ROWS_BY_TABLE.get(table, GROUP_ROWS)):
            with warehouse.connect() as con:  # not held while GX runs
                # the key column by name (a name from the suite, not data): through the row as a
                # struct, as the fingerprints read it, this selection took 7x longer
                frame = con.execute(
                    f'SELECT * FROM "{table}" WHERE list_contains(?, hash(split_part("{key}", \':\', 1)) % ?)',
                    [group, n_buckets]).df()
                articles_text = con.execute(
                    "SELECT article_id, text FROM articles WHERE list_contains(?, article_id)",
                    [frame["article_id"].dropna().unique().tolist()]).df() if table == "quantities" else None
            outcome = validate_table(table, frame, context_dir=quality_context_dir(warehouse), articles_text=articles_text)
            outcomes.append(outcome)
            validated += [(b, outcome.success) for b in group]
            del frame, articles_text
            # GX leaves each group's frames in reference cycles (its batch cache), which only the cyclic
            # collector frees; with millions of long-lived objects it rarely runs a full collection, so
            # without this the garbage of every group stays (+420 MB per pass over the corpus).  The
            # long-lived heap is frozen here, so this collection walks only what the group made.
            parallel.release_memory(collect=True)
    success, merged = merge_outcomes(outcomes)
    result_rows = pd.DataFrame(merged).rename(columns={"column": "column_name"})
    result_rows["run_id"] = run_id
    run_time = outcomes[0].run_time
    with warehouse.connect() as con, wh.transaction(con):
        con.execute("DELETE FROM dq_results WHERE run_id = ? AND suite = ?", [run_id, table])
        wh.insert_frame(con, "dq_results", result_rows)
        # keep the fingerprints of unchanged buckets; replace those just validated, drop those of past layouts
        con.execute("DELETE FROM dq_fingerprints WHERE suite = ? AND NOT list_contains(?, fingerprint)",
                    [table, [fingerprints[b] for b in fingerprints if b not in changed]])
        wh.insert_frame(con, "dq_fingerprints", pd.DataFrame(
            {"suite": table, "fingerprint": [fingerprints[b] for b, _ in validated],
             "success": [ok for _, ok in validated], "run_id": run_id, "run_time": run_time}))
    return {"success": success, "failed_integrity": sorted({e for o in outcomes for e in o.failed(INTEGRITY)}),
            "failed_advisory": sorted({e for o in outcomes for e in o.failed(ADVISORY)}),
            "rows": sum(changed.values()), "reused": False, "buckets": len(fingerprints), "buckets_validated": len(changed)}


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
        meta = {"rows_validated": r["rows"], "reused_unchanged_result": r["reused"],
                "buckets_validated": f"{r['buckets_validated']} of {r['buckets']}"}
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
