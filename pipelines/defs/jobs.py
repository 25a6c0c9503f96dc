"""The one job: materialise the whole graph (each stage skips what it already has)."""
import dagster as dg

refresh_job = dg.define_asset_job(
    "refresh_warehouse", selection=dg.AssetSelection.all(),
    description="Ingest new/changed/removed raw files and bring every table, view, export and report up to date.",
)
