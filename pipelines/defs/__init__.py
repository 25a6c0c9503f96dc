"""Dagster definitions: thin assets over pipelines.stages, one file per concept."""
