"""`make run`: materialise every asset on PIPELINE_RAW_DIR into PIPELINE_WAREHOUSE, then print a summary."""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

from pipelines import settings


def prepare_dagster_home() -> Path:
    """DAGSTER_HOME inside the project (git-ignored), with telemetry off."""
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(settings.PROJECT_ROOT / ".dagster_home")))
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        shutil.copyfile(settings.PROJECT_ROOT / "dagster.yaml", config)
    return home


def summarise(warehouse: Path, failed_checks: list[str], warned_checks: list[str], seconds: float, ok: bool) -> str:
    from pipelines import warehouse as wh

    con = wh.connect(warehouse, read_only=True)
    try:
        row = con.execute(wh.sql("queries/run_summary")).fetchone()
    finally:
        con.close()
    names = ["articles", "paragraphs", "sentences", "quantities", "claim checks", "inconsistent claims", "ingest errors"]
    lines = [f"Pipeline {'finished' if ok else 'FAILED'} in {seconds:.1f} s  (raw: {settings.raw_dir()}, warehouse: {warehouse})"]
    lines += [f"  {name:<20} {value:>10,}" for name, value in zip(names, row)]
    lines.append(f"  {'failed checks':<20} {len(failed_checks):>10,}" + (f"  ({', '.join(failed_checks)})" if failed_checks else ""))
    if warned_checks:
        lines.append(f"  {'warnings':<20} {len(warned_checks):>10,}  ({', '.join(warned_checks)})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    prepare_dagster_home()
    import dagster as dg

    from pipelines.definitions import defs

    job = defs.resolve_implicit_global_asset_job_def()
    run_config = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
    with dg.DagsterInstance.get() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config)
    failed, warned = [], []
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
            (failed if evaluation.severity == dg.AssetCheckSeverity.ERROR else warned).append(name)
    print(summarise(settings.warehouse_path(), failed, warned, time.perf_counter() - started, result.success), flush=True)
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
