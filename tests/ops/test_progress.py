"""ProgressLog: the lines long stages write to the run log (and the console of `make run`)."""
from __future__ import annotations

from pipelines.defs import progress as progress_module
from pipelines.defs.progress import ProgressLog


class Lines:
    def __init__(self):
        self.lines = []

    def info(self, message):
        self.lines.append(message)


def test_rate_and_eta_count_from_the_start_of_the_stage(monkeypatch):
    clock = iter([100.0, 104.0, 105.0, 110.0, 200.0, 201.0])
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: next(clock))
    log = Lines()
    report = ProgressLog(log, every=2.0)
    report("extract", 0, 1000)     # t=100: starts the clock, says nothing
    report("extract", 400, 1000)   # t=104: 100 articles/s, 6 s to go
    report("extract", 450, 1000)   # t=105: less than 2 s since the last line: silent
    report("extract", 1000, 1000)  # t=110: finished: always said
    report("ingest", 0, 20)        # t=200
    report("ingest", 20, 20)       # t=201
    assert log.lines == ["extract: 400/1000 articles, 100 articles/s, ETA 6 s",
                         "extract: 1000/1000 articles, 100 articles/s",
                         "ingest: 20/20 files, 20 files/s"]


def test_a_stage_done_in_one_step_is_reported_once(monkeypatch):
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: 5.0)
    log = Lines()
    ProgressLog(log)("claims", 3, 3)
    assert log.lines == ["claims: 3/3 articles, 0 articles/s"]
