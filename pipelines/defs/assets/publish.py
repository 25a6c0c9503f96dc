"""The last asset of every run: publish the read snapshot of the warehouse (pipelines/publish.py)."""
from pathlib import Path
from typing import Iterable

import dagster as dg

from pipelines import publish
from pipelines.defs.resources import WarehouseResource


# Also direct parents, though upstream of a sink: the ends of the core chain and of the quality
# chain, so that a run of only the core tables (or only the quality docs) publishes after them too.
ALSO_AFTER = ("claim_checks", "data_docs")


def snapshot_deps(assets: Iterable) -> list[dg.AssetKey]:
    """The sinks of the graph (nothing depends on them: after them is after everything) and ALSO_AFTER.
    Depending on every asset directly would order any selection too, but would bury the lineage under edges."""
    keys, parents = set(), set()
    for a in assets:
        if isinstance(a, dg.AssetsDefinition):
            for spec in a.specs:
                keys.add(spec.key)
                parents.update(d.asset_key for d in spec.deps)
    deps = (keys - parents) | (keys & {dg.AssetKey(k) for k in ALSO_AFTER})
    return sorted(deps, key=lambda k: k.to_user_string())


def warehouse_snapshot_asset(upstream: Iterable) -> dg.AssetsDefinition:
    """`warehouse_snapshot`, downstream of every asset in `upstream`, so it runs last and is published
    only when no blocking check upstream failed: readers never see data that failed an integrity check."""

    @dg.asset(deps=snapshot_deps(upstream), group_name="publish", kinds={"duckdb"},
              description="Read-only copy of the warehouse, replaced atomically at the end of each run: "
                          "`make sql` and other readers open it while the next run writes.")
    def warehouse_snapshot(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.connect() as con:
            snap = publish.publish_snapshot(con, Path(warehouse.path))
        context.log.info(f"published {snap.path} ({snap.bytes / 1e6:,.1f} MB) in {snap.seconds:.1f} s")
        return dg.MaterializeResult(metadata={
            "path": dg.MetadataValue.path(str(snap.path)), "bytes": snap.bytes, "seconds": round(snap.seconds, 2),
            "rows": dg.MetadataValue.json(snap.tables)})

    return warehouse_snapshot
