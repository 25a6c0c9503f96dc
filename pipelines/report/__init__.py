"""Outputs for people: the warehouse's views exported to Parquet/CSV and a static HTML report.

No Dagster here; the assets in pipelines/defs call these functions.
views  -- the SQL views of sql/views/, created in dependency order; the metric_taxonomy table
export -- export_views(con, out_dir, views): each view to Parquet and CSV (UTF-8 with BOM)
html   -- build_report(con, out_dir, data_docs_href): one self-contained, offline index.html
"""
from pipelines.report.export import export_views
from pipelines.report.html import build_report
from pipelines.report.views import create_views, view_dependencies, view_names, write_metric_taxonomy

__all__ = ["build_report", "create_views", "export_views", "view_dependencies", "view_names", "write_metric_taxonomy"]
