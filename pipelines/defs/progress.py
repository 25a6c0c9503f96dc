"""Progress of long stages in the Dagster run log (and so on the console of `make run`)."""
from __future__ import annotations

import time


class ProgressLog:
    """Logs '<stage>: done/total articles, N/s, ETA' at most every `every` seconds."""

    def __init__(self, log, every: float = 2.0):
        self.log = log
        self.every = every
        self.started: dict[str, float] = {}
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        start = self.started.setdefault(stage, now)
        if done < total and now - self.last < self.every:
            return
        self.last = now
        rate = done / (now - start) if now > start else 0.0
        eta = (total - done) / rate if rate else 0.0
        self.log.info(f"{stage}: {done}/{total} articles, {rate:,.0f} articles/s, ETA {eta:,.0f} s")
