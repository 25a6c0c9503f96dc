"""The code location loads, and its graph never changes by accident (snapshot of keys and edges)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import dagster as dg

from pipelines.definitions import defs

SNAPSHOT = Path(__file__).with_name("asset_graph.snapshot.json")


def current_graph() -> dict:
    repo = defs.get_repository_def()
    graph = repo.asset_graph
    assets = {key.to_user_string(): sorted(p.to_user_string() for p in graph.get(key).parent_keys)
              for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string())}
    checks = sorted(f"{k.asset_key.to_user_string()}:{k.name}" for k in graph.asset_check_keys)
    return {"assets": assets, "asset_checks": checks,
            "schedules": sorted(s.name for s in repo.schedule_defs),
            "sensors": sorted(s.name for s in repo.sensor_defs),
            "jobs": sorted(j.name for j in repo.get_all_jobs() if not j.name.startswith("__"))}


def test_definitions_load():
    dg.Definitions.validate_loadable(defs)


def test_graph_matches_snapshot():
    graph = current_graph()
    if os.environ.get("UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(graph, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert graph == expected, "asset graph changed: review, then rerun with UPDATE_SNAPSHOT=1"


def test_in_process_executor_is_default():
    assert defs.executor is dg.in_process_executor
