"""New, changed or removed files under PIPELINE_RAW_DIR trigger a refresh.

The cursor is a digest of (path, size, mtime) of every file ingestion would read: a run is
requested only when it changes.  The run_key is that digest numbered by change, so one change
never starts two runs (even if a tick is evaluated again), while returning to an earlier state
(a file moved out and back) is a change like any other.
"""

import hashlib
import os
from pathlib import Path

import dagster as dg

from pipelines.defs.jobs import refresh_job
from pipelines.defs.resources import WarehouseResource


def raw_folder_digest(raw_dir: Path) -> tuple[str, int]:
    """Digest of the files ingestion would read and their count (no file is opened)."""
    from pipelines.core.ingest import discover_files

    digest = hashlib.sha256()
    n = 0
    if raw_dir.is_dir():
        for path in discover_files(raw_dir):
            try:
                st = path.lstat()
            except OSError:
                continue
            n += 1
            # the name's bytes as the file system has them: a name that is not UTF-8 is a name too
            digest.update(os.fsencode(path.relative_to(raw_dir)) + f"\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32], n


@dg.sensor(job=refresh_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.STOPPED,
           description="Watches PIPELINE_RAW_DIR for new, changed or removed files.")
def raw_files_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    digest, n = raw_folder_digest(Path(warehouse.raw_dir))
    change, _, previous = (context.cursor or "").rpartition(":")
    if digest == previous:
        return dg.SkipReason(f"no change in {n} raw files")
    run_key = f"{int(change or 0) + 1}:{digest}"
    context.update_cursor(run_key)
    return dg.RunRequest(run_key=run_key, tags={"trigger": "raw_files_sensor", "raw_files": str(n)})
