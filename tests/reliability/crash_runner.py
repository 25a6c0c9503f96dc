"""Runs the stages (ingest -> segment -> extract -> claims) in a process of its own that kills itself
with SIGKILL right after its N-th warehouse write, i.e. inside a transaction at a chosen point.

A write is a call of warehouse.insert_frame or warehouse.delete_keys (the stages write through
nothing else).  N = 0 runs to the end.  The stages run serially unless WORKERS is given.  The tests
start it from a forkserver that has imported everything once (PRELOAD), so a kill costs the run,
not the imports; by hand (with "pause" it waits at write N to be killed from outside):

    python -m tests.reliability.crash_runner RAW WAREHOUSE N BATCH_SIZE [WORKERS [pause]]
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

from pipelines import warehouse as wh
from tests.reliability.runs import run_stages

PRELOAD = ["tests.reliability.crash_runner", "pipelines.stages", "pipelines.core.ingest", "pipelines.core.extract",
           "pipelines.core.claims", "pipelines.core.taxonomy", "trafilatura", "charset_normalizer"]


def crash_run(raw: Path, warehouse: Path, crash_at: int, batch_size: int, workers: int = 1, pause: bool = False) -> int:
    """Run the stages, SIGKILL after write number crash_at (0: never), or with ``pause`` print
    'paused' there and wait to be killed from outside; returns the number of writes."""
    writes = 0

    def counted(write):
        def wrapper(*args, **kwargs):
            nonlocal writes
            result = write(*args, **kwargs)
            writes += 1
            if writes == crash_at:
                if pause:
                    print("paused", flush=True)
                    time.sleep(3600)
                os.kill(os.getpid(), signal.SIGKILL)
            return result
        return wrapper

    # replace_for_keys looks both up in the module at call time, so it goes through the wrappers too
    wh.insert_frame, wh.delete_keys = counted(wh.insert_frame), counted(wh.delete_keys)
    run_stages(warehouse, raw, batch_size=batch_size, workers=workers)
    return writes


def _child(raw: Path, warehouse: Path, crash_at: int, batch_size: int, count_file: Path) -> None:
    count_file.write_text(str(crash_run(raw, warehouse, crash_at, batch_size)))


def run_in_child(raw: Path, warehouse: Path, crash_at: int, batch_size: int, timeout: float = 300) -> tuple[int, int | None]:
    """(exit code, writes) of crash_run in a forked child: exit code -9 when it killed itself."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    count_file = warehouse.with_name(warehouse.name + ".writes")
    child = context.Process(target=_child, args=(raw, warehouse, crash_at, batch_size, count_file))
    child.start()
    child.join(timeout)
    if child.exitcode is None:
        child.kill()
        child.join()
        raise TimeoutError(f"crash_run did not finish in {timeout} s")
    return child.exitcode, int(count_file.read_text()) if count_file.exists() else None


if __name__ == "__main__":  # RAW WAREHOUSE N BATCH_SIZE [WORKERS [pause]]
    raw_, warehouse_, n, batch, *more = sys.argv[1:]
    print(f"writes={crash_run(Path(raw_), Path(warehouse_), int(n), int(batch), int(more[0]) if more else 1, 'pause' in more)}")
