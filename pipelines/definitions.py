"""The code location: every asset, check, schedule and sensor of the pipeline."""
from __future__ import annotations

import dagster as dg

from pipelines.defs import checks
from pipelines.defs.assets import claims, extract, ingest, normalise, quality, views
from pipelines.defs.assets.publish import warehouse_snapshot_asset
from pipelines.defs.jobs import refresh_job
from pipelines.defs.resources import warehouse_resource
from pipelines.defs.schedules import daily_refresh
from pipelines.defs.sensors import raw_files_sensor

ASSET_MODULES = [ingest, normalise, extract, claims, quality, views]
ASSETS = dg.load_assets_from_modules(ASSET_MODULES)

defs = dg.Definitions(
    assets=[*ASSETS, warehouse_snapshot_asset(ASSETS)],  # the snapshot is downstream of everything
    asset_checks=checks.all_checks,
    jobs=[refresh_job],
    schedules=[daily_refresh],
    sensors=[raw_files_sensor],
    resources={"warehouse": warehouse_resource()},
    executor=dg.in_process_executor,
)
