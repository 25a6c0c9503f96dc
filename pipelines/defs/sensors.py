"""New, changed or removed files under PIPELINE_RAW_DIR trigger a refresh.

The cursor is a digest of (path, size, mtime) of every supported file: a run is requested
only when it changes, and the run_key is that digest, so one state of the folder never
starts two runs.
"""

import hashlib
from pathlib import Path

import dagster as dg

from pipelines.defs.jobs import refresh_job
from pipelines.defs.resources import WarehouseResource

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}


def raw_folder_digest(raw_dir: Path) -> tuple[str, int]:
    """Digest of the folder's supported files and their count (no file is opened)."""
    digest = hashlib.sha256()
    n = 0
    if raw_dir.is_dir():
        for path in sorted(raw_dir.rglob("*")):
            if path.suffix.lower() not in SUPPORTED:
                continue
            try:
                st = path.lstat()
            except OSError:
                continue
            n += 1
            digest.update(f"{path.relative_to(raw_dir).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32], n


@dg.sensor(job=refresh_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.STOPPED,
           description="Watches PIPELINE_RAW_DIR for new, changed or removed files.")
def raw_files_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    digest, n = raw_folder_digest(Path(warehouse.raw_dir))
    if digest == context.cursor:
        return dg.SkipReason(f"no change in {n} raw files")
    context.update_cursor(digest)
    return dg.RunRequest(run_key=digest, tags={"trigger": "raw_files_sensor", "raw_files": str(n)})
