"""Ways to run the pipeline in the reliability tests: Dagster in process, the stages alone, a subprocess."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from tests.conftest import PROJECT_ROOT

# ----------------------------------------------------------------------------- what the process touches

_active: list[list[str]] = []


def _audit(event: str, args: tuple) -> None:
    if _active and event in ("open", "os.scandir", "os.listdir") and args and isinstance(args[0], (str, bytes)):
        path = os.fsdecode(args[0])
        for paths in _active:
            paths.append(path)


sys.addaudithook(_audit)  # audit hooks cannot be removed: this one records only inside files_touched()


@contextmanager
def files_touched() -> Iterator[list[str]]:
    """Every path this process opens or lists (any thread) while inside the block."""
    paths: list[str] = []
    _active.append(paths)
    try:
        yield paths
    finally:
        _active.remove(paths)


# ----------------------------------------------------------------------------- Dagster in process


@dataclass
class Run:
    success: bool
    checks: dict[str, bool]  # check name -> passed
    warnings: list[str] = field(default_factory=list)  # WARNING (and worse) log messages of the run


def materialise(raw_dir: Path, warehouse: Path, resource=None) -> Run:
    """Every asset and check of the code location, like `make run`, on a temporary instance."""
    import logging

    import dagster as dg

    from pipelines.definitions import defs
    from pipelines.defs.resources import WarehouseResource

    resource = resource or WarehouseResource(path=str(warehouse), raw_dir=str(raw_dir))
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize(assets=list(defs.assets) + list(defs.asset_checks or []),
                                resources={"warehouse": resource}, instance=instance, raise_on_error=False)
        warnings = [e.user_message for e in instance.all_logs(result.run_id)
                    if e.dagster_event is None and e.level >= logging.WARNING]
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    return Run(result.success, checks, warnings)


# ----------------------------------------------------------------------------- subprocesses


def pipeline_env(raw_dir: Path, warehouse: Path, **extra: str) -> dict[str, str]:
    """Environment of `python -m pipelines.run` / `make run` on raw_dir -> warehouse, with its own
    DAGSTER_HOME beside the warehouse (python -m pipelines.run honours it; make sets its own)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "PIPELINE_RAW_DIR": str(raw_dir),
           "PIPELINE_WAREHOUSE": str(warehouse), "DAGSTER_HOME": str(warehouse.parent / "dagster_home"),
           "GX_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
    env.update(extra)
    return env


PYTHON = str(PROJECT_ROOT / ".venv" / "bin" / "python") if (PROJECT_ROOT / ".venv" / "bin" / "python").exists() else sys.executable


# ----------------------------------------------------------------------------- the stages alone


def run_stages(warehouse: Path, raw_dir: Path, limits=None, batch_size: int | None = None, workers: int | None = 1) -> None:
    """ingest -> segment -> extract -> claims on one warehouse file, without Dagster (no GX, no views).
    Serial by default (workers=1: no process pool to start, or to orphan when the process is killed);
    the Dagster runs use the pipeline's own default."""
    from pipelines import stages
    from pipelines import warehouse as wh

    options = {"workers": workers, **({"batch_size": batch_size} if batch_size else {})}
    con = wh.connect(warehouse)
    try:
        wh.ensure_schema(con)
        stages.ingest(con, raw_dir, limits, workers=workers)
        stages.segment(con, **options)
        stages.extract(con, **options)
        stages.check(con, **options)
    finally:
        con.close()


def session_processes(session: int) -> dict[int, int]:
    """Live processes (pid -> parent pid) of a session: a run started with start_new_session=True
    has its pid as session id, and its fork server and workers stay in that session."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()  # state ppid pgrp session ...
            except OSError:
                continue
            if int(fields[3]) == session and fields[0] != "Z":
                found[int(entry.name)] = int(fields[1])
    return found


def kill_processes(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
