"""Reliability tests: the hostile folder through the whole pipeline, SQL safety, idempotence, crashes,
fuzzing and limits.

Markers: ``fuzz`` (10,000+ generated inputs per target; run by `make fuzz`, deselected unless the
-m expression names it) and the project's ``slow`` (subprocess runs of the whole pipeline; `make
test-slow`).  Hypothesis profiles: ``reliability`` (the default suite's few hundred examples) and
``fuzz`` (FUZZ_EXAMPLES, default 10,000).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.reliability.hostile import build_raw
from tests.reliability.runs import Run, files_touched, materialise

settings.register_profile("reliability", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "10000")), deadline=None,
                          suppress_health_check=list(HealthCheck))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: 10,000+ generated inputs per target (make fuzz)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "fuzz" in (config.option.markexpr or ""):
        return
    fuzz = [item for item in items if item.get_closest_marker("fuzz")]
    if fuzz:
        config.hook.pytest_deselected(items=fuzz)
        items[:] = [item for item in items if not item.get_closest_marker("fuzz")]


@dataclass
class Hostile:
    root: Path
    raw: Path
    outside: Path


@dataclass
class Reference:
    """The hostile folder materialised once, uninterrupted, with Dagster in this process."""
    hostile: Hostile
    warehouse: Path
    run: Run
    touched: list[str]  # every path the process opened or listed during the run


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> Hostile:
    root = tmp_path_factory.mktemp("hostile")
    raw = build_raw(root)
    return Hostile(root, raw, root / "outside")


@pytest.fixture(scope="session")
def reference(hostile: Hostile) -> Reference:
    """Serial (PIPELINE_WORKERS=1), so that every file the run opens is opened in this process,
    where files_touched() sees it; the pool path gives the same rows (the slow tests run it)."""
    warehouse = hostile.root / "reference" / "warehouse.duckdb"
    with pytest.MonkeyPatch.context() as mp, files_touched() as touched:
        mp.setenv("PIPELINE_WORKERS", "1")
        run = materialise(hostile.raw, warehouse)
    return Reference(hostile, warehouse, run, touched)
