"""Parallel map for the stages' pure per-article work.  No Dagster and no DuckDB here.

Workers compute (parse files, segment, extract, check claims) and hand back Arrow tables; the
calling process is the only one that writes to DuckDB, which allows a single writer per file.

    with worker_pool(n_workers) as pool:           # None: run in this process
        for result in ordered_map(pool, fn, tasks):  # results in task order
            ...

- Workers: ``PIPELINE_WORKERS`` (default: the CPUs this process may use).  A job smaller than
  ``MIN_PARALLEL_ITEMS`` runs in process: starting the workers costs about a second of imports,
  more than a few hundred articles take (an incremental run of one story never starts them).
- Start method ``forkserver``, with the pipeline modules preloaded once: workers start without
  imports, and never inherit the caller's threads or open DuckDB handles (``fork`` would).
- Memory stays flat: at most ``IN_FLIGHT_PER_WORKER`` tasks per worker are submitted at any
  time, so neither the inputs nor the results of a whole corpus are ever held at once.
"""
from __future__ import annotations

import ctypes
import gc
import math
import multiprocessing
import os
import select
import threading
import time
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL_ITEMS = 400  # articles
MIN_PARALLEL_FILES = 32  # files to read (a daily xwlb file holds 10-25 stories)
IN_FLIGHT_PER_WORKER = 2
# Imported once by the fork server; each worker is a fork of it (nothing left to import per task).
PRELOAD = ["pipelines.stages", "pipelines.core.ingest", "pipelines.core.extract", "pipelines.core.claims",
           "pipelines.core.taxonomy"]


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def configured_workers() -> int:
    """PIPELINE_WORKERS, else the CPUs this process may use (at least 1)."""
    value = os.environ.get("PIPELINE_WORKERS", "").strip()
    return max(1, int(value)) if value else available_cpus()


def workers_for(n_items: int, workers: int | None = None, minimum: int = MIN_PARALLEL_ITEMS) -> int:
    """Workers for a job of n_items: `workers` if given, else 1 (in process) below `minimum`."""
    if workers is not None:
        return max(1, workers)
    return configured_workers() if n_items >= minimum else 1


def task_size(n_items: int, workers: int, most: int) -> int:
    """Items per task: at most `most`, and small enough to give every worker several tasks."""
    if workers <= 1:
        return max(1, n_items)
    return max(1, min(most, math.ceil(n_items / (workers * 4))))


def release_memory(collect: bool = True) -> None:
    """Hand freed heap back to the operating system.  glibc keeps what a batch of Python objects
    freed (arenas fragment), so without this the process grows with every batch it has processed.
    collect=False skips the garbage collection (a tenth of a second in a big process)."""
    if collect:
        gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


@contextmanager
def long_lived_objects_frozen() -> Iterator[None]:
    """Keep the objects that exist now (Dagster, Great Expectations, pandas: millions of them in a
    run's process) out of the cyclic garbage collector while a stage runs.  The stage allocates
    rows by the hundred thousand, which triggers full collections that would walk all of those
    objects again and again (the claims stage ran 25% faster inside a Dagster run).  Objects made
    during the stage are collected as usual, and everything is handed back to the collector after."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


@contextmanager
def worker_pool(workers: int) -> Iterator[Executor | None]:
    """A process pool of `workers` processes, or None for 1 (the caller then runs tasks itself)."""
    if workers <= 1:
        yield None
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)  # no effect once this process's fork server runs
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=exit_with_parent, initargs=(os.getpid(),))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def exit_with_parent(parent_pid: int) -> None:
    """Worker initializer: end this worker as soon as the process that made the pool is gone.
    A pool's workers are children of the fork server, and each holds both ends of its call
    queue, so when the run is killed (kill -9) nothing ever tells them: they would wait forever,
    keeping the resource tracker alive with them."""
    def watch() -> None:
        try:
            pidfd = os.pidfd_open(parent_pid)  # readable once the process has exited (Linux >= 5.3)
        except (AttributeError, OSError):
            pidfd = None
        while True:
            if pidfd is not None:
                if select.select([pidfd], [], [], 5.0)[0]:
                    os._exit(1)
            else:
                time.sleep(0.5)
                try:
                    os.kill(parent_pid, 0)
                except ProcessLookupError:
                    os._exit(1)
                except PermissionError:  # alive, someone else's
                    pass

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def ordered_map(pool: Executor | None, fn: Callable[[T], R], tasks: Iterable[T],
                in_flight: int | None = None) -> Iterator[R]:
    """fn over tasks, results in task order; at most `in_flight` tasks submitted but not yet consumed.
    Tasks are drawn lazily, so a generator of tasks may read its inputs batch by batch."""
    if pool is None:
        for task in tasks:
            yield fn(task)
        return
    limit = in_flight or IN_FLIGHT_PER_WORKER * getattr(pool, "_max_workers", 2)
    pending: deque = deque()
    try:
        for task in tasks:
            pending.append(pool.submit(fn, task))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:  # an error or an abandoned iteration: drop what has not started
            future.cancel()
