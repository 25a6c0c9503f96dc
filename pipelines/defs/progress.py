"""Progress of long stages in the Dagster run log (and so on the console of `make run`)."""
from __future__ import annotations

import time


class ProgressLog:
    """Logs '<stage>: done/total articles (files for ingest), N/s, ETA' at most every `every` seconds,
    and always when a stage finishes.  A stage's first call (done = 0 when the stage announces its
    start) only starts its clock, so the rate is never a meaningless 0/s."""

    def __init__(self, log, every: float = 2.0):
        self.log = log
        self.every = every
        self.started: dict[str, tuple[float, int]] = {}  # stage -> (clock, done) at its first call
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage not in self.started:
            self.started[stage] = (now, done)
            self.last = now
            if done < total:
                return
        if done < total and now - self.last < self.every:
            return
        self.last = now
        start, done_at_start = self.started[stage]
        rate = (done - done_at_start) / (now - start) if now > start else 0.0
        eta = f", ETA {(total - done) / rate:,.0f} s" if rate and done < total else ""
        what = "files" if stage == "ingest" else "articles"
        self.log.info(f"{stage}: {done}/{total} {what}, {rate:,.0f} {what}/s{eta}")
