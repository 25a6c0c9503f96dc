"""`make bench`: the whole pipeline on the whole xwlb corpus, against a bare baseline.

    .venv/bin/python benchmarks/bench_pipeline.py [--files N] [--skip-double] [--keep] [--profile]

Reads ../shared/corpus/xwlb (PIPELINE_SHARED_DIR, default <project root>/../shared; exits 0 with a
message when absent).  Everything it writes goes to a temporary folder (TMPDIR, default /tmp),
never into the project, and is removed at the end (--keep keeps it).  Figures, each a fresh
process of `python -m pipelines.run` (what `make run` runs) unless said otherwise:

1. baseline: read the same JSON files, strip the HTML, scan with one regex for Arabic numbers,
   bulk-insert the matches into DuckDB (a process of its own, imports included);
2. full pipeline, 1x corpus, fresh warehouse: wall time, articles/s, characters/s, quantities,
   CPU seconds and peak memory of the whole process tree (see TreeSampler), ratio to the baseline;
3. Dagster start-up alone (import the code location, resolve the job, open the instance), measured
   before the runs (the first start of a DAGSTER_HOME also creates its storage: shown apart);
4. incremental: one new story dropped on top of the loaded corpus, and a run with no change;
5. each view over the full corpus, SELECT count(*) and SELECT * five times each, medians;
6. the same pipeline on a doubled corpus (a second copy of every file with each story altered,
   so that every article is new): peak memory of 1x and 2x side by side (flat = about equal).
The raw folder is a tree of hard links to the corpus (copies across file systems): the ingester
refuses symlinks leading outside its raw folder.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
TARGET_RATIO, TARGET_RSS_MB, TARGET_VIEW_MS = 4.0, 1500, 200


def shared_dir() -> Path:
    value = os.environ.get("PIPELINE_SHARED_DIR")
    return Path(value).expanduser().resolve() if value else PROJECT_ROOT.parent / "shared"


# ----------------------------------------------------------------------------- the bare baseline

BASELINE = r'''
import html, json, re, sys, duckdb, pyarrow as pa
from pathlib import Path
TAG, NUMBER = re.compile(r"<[^>]+>"), re.compile(r"\d+(?:\.\d+)?")
keys, starts, ends, surfaces = [], [], [], []
for path in sorted(Path(sys.argv[1]).rglob("*.json")):
    for i, item in enumerate(json.loads(path.read_bytes()).get("videoList", [])):
        text = html.unescape(TAG.sub("\n", (item.get("video_detail") or {}).get("content") or ""))
        key = f"{path.name}:{i}"
        for m in NUMBER.finditer(text):
            keys.append(key); starts.append(m.start()); ends.append(m.end()); surfaces.append(m.group())
con = duckdb.connect(sys.argv[2])
numbers = pa.table({"article": pa.array(keys, pa.string()), "char_start": pa.array(starts, pa.int32()),
                    "char_end": pa.array(ends, pa.int32()), "surface": pa.array(surfaces, pa.string())})
con.execute("CREATE TABLE numbers AS SELECT * FROM numbers")
con.close()
print(len(starts))
'''


# ----------------------------------------------------------------------------- measuring a process tree


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    return children


def _tree(root: int) -> list[int]:
    children, out, todo = _children_map(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _sample(pid: int) -> tuple[int, int, float] | None:
    """(RSS bytes, PSS bytes, CPU seconds) of one process."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            rss = int(fh.read().split()[1]) * PAGE
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime
        pss = rss
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                pss = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
        return rss, pss, cpu
    except (OSError, IndexError, ValueError):
        return None


class TreeSampler:
    """Polls a process and all its descendants (fork server and worker pool included) every
    `interval` s: peak of the summed RSS, of the summed PSS (shared pages counted once), largest
    single process, CPU seconds of the whole tree (each process's last sample)."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = self.peak_single = 0
        self.peak_at = 0.0  # seconds after the start when the summed PSS peaked
        self.started = time.time()
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total_rss = total_pss = 0
            for pid in _tree(self.pid):
                sample = _sample(pid)
                if sample:
                    rss, pss, cpu = sample
                    total_rss, total_pss = total_rss + rss, total_pss + pss
                    self.peak_single = max(self.peak_single, rss)
                    self.cpu[pid] = cpu
            if total_pss > self.peak_pss:
                self.peak_at = time.time() - self.started
            self.peak_rss, self.peak_pss = max(self.peak_rss, total_rss), max(self.peak_pss, total_pss)
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())


@dataclass
class Measured:
    label: str
    seconds: float
    cpu: float
    peak_rss: int
    peak_pss: int
    peak_single: int
    returncode: int
    output: str = ""
    figures: dict = field(default_factory=dict)
    started: float = 0.0  # wall-clock start (epoch seconds)
    peak_at: float = 0.0  # seconds after the start when the memory peaked

    def step_at(self, seconds: float) -> str:
        """The Dagster step that last logged before `seconds` into the run (from the console log)."""
        step = "start-up"
        for m in _LOG_LINE.finditer(self.output):
            stamp = time.mktime(time.strptime(m["stamp"], "%Y-%m-%d %H:%M:%S")) - time.timezone
            if stamp > self.started + seconds:
                break
            step = m["step"]
        return step

    @property
    def mb(self) -> str:
        return f"{self.peak_rss / 2**20:,.0f} MB RSS / {self.peak_pss / 2**20:,.0f} MB PSS"


_LOG_LINE = re.compile(r"^(?P<stamp>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \+0000 - dagster - \w+ - \S+ - [0-9a-f-]{36} - "
                       r"(?:\d+ - )?(?P<step>[\w.\[\]]+) - ", re.MULTILINE)


def measure(label: str, argv: list[str], env: dict | None = None) -> Measured:
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=PROJECT_ROOT, env={**os.environ, **(env or {})}, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sampler = TreeSampler(proc.pid)
    output, _ = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    return Measured(label, seconds, sampler.cpu_seconds, sampler.peak_rss, sampler.peak_pss, sampler.peak_single,
                    proc.returncode, output, started=sampler.started, peak_at=sampler.peak_at)


# ----------------------------------------------------------------------------- raw folders


def link_tree(source: Path, target: Path, limit: int | None = None) -> list[Path]:
    """Hard links (copies across file systems) of the corpus's JSON files, same layout."""
    files = sorted(source.rglob("*.json"))[:limit]
    for path in files:
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            shutil.copy2(path, dest)
    return files


def altered_copy(files: list[Path], source: Path, target: Path, marker: str) -> None:
    """Every file again, each story's content with one more paragraph: new texts, new article ids,
    the same figures (what a second corpus of the same kind would give)."""
    for path in files:
        data = json.loads(path.read_bytes())
        for item in data.get("videoList", []) if isinstance(data, dict) else []:
            detail = item.get("video_detail")
            if isinstance(detail, dict) and detail.get("content"):
                detail["content"] = f"<p>{marker}</p>{detail['content']}"
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def one_new_story(files: list[Path], target: Path) -> None:
    """A daily file holding one story nobody has seen (an existing one, reworded in its first line)."""
    data = json.loads(files[-1].read_bytes())
    story = next(i for i in data["videoList"] if (i.get("video_detail") or {}).get("content"))
    story["video_detail"]["content"] = "<p>（基准测试新增稿件）</p>" + story["video_detail"]["content"]
    target.mkdir(parents=True, exist_ok=True)
    (target / "one-story.json").write_text(json.dumps({"total": 1, "videoList": [story]}, ensure_ascii=False),
                                           encoding="utf-8")


# ----------------------------------------------------------------------------- runs


def pipeline_env(raw: Path, warehouse: Path, extra: dict | None = None) -> dict:
    return {"PYTHONPATH": str(PROJECT_ROOT), "PIPELINE_RAW_DIR": str(raw), "PIPELINE_WAREHOUSE": str(warehouse),
            "DAGSTER_HOME": str(warehouse.parent / "dagster_home"), "GX_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1", **(extra or {})}


def run_pipeline(label: str, raw: Path, warehouse: Path, profile: Path | None = None) -> Measured:
    argv = [PYTHON, "-m", "pipelines.run"]
    if profile:
        argv = [PYTHON, "-m", "pyinstrument", "--no-color", "-r", "text", "-o", str(profile), "-m", "pipelines.run"]
    m = measure(label, argv, pipeline_env(raw, warehouse))
    figures = dict(re.findall(r"^\s+([a-z ]+?)\s{2,}([\d,]+)", m.output, flags=re.MULTILINE))
    m.figures = {k: int(v.replace(",", "")) for k, v in figures.items()}
    if m.returncode != 0 or "Pipeline finished" not in m.output:
        print(f"  !! {label}: the run did not succeed (exit {m.returncode}); its figures are those of a failed run:")
        print("     " + "\n     ".join(line for line in m.output.splitlines()[-12:]))
    return m


DAGSTER_STARTUP = """
from pipelines.run import prepare_dagster_home
prepare_dagster_home()
import dagster as dg
from pipelines.definitions import defs
defs.resolve_implicit_global_asset_job_def()
with dg.DagsterInstance.get():
    pass
"""


# Durations of the steps of the last run of a DAGSTER_HOME, from Dagster's own run records.
STEP_TIMES = """
import dagster as dg
with dg.DagsterInstance.get() as instance:
    run = instance.get_runs(limit=1)[0]
    for s in sorted(instance.get_run_step_stats(run.run_id), key=lambda s: s.start_time or 0):
        if s.start_time and s.end_time:
            print(f"{s.step_key} {s.end_time - s.start_time:.1f}")
"""


def step_times(env: dict) -> str:
    """'ingest 9.1 s, segment 4.2 s, …' for the last run (steps under 0.5 s are summed as 'other')."""
    out = subprocess.run([PYTHON, "-c", STEP_TIMES], env={**os.environ, **env}, capture_output=True, text=True)
    steps = [(k, float(v)) for k, v in (line.rsplit(" ", 1) for line in out.stdout.splitlines() if " " in line)]
    big = [f"{k} {v:.1f}" for k, v in steps if v >= 0.5]
    small = [v for _, v in steps if v < 0.5]
    return ", ".join(big + ([f"{len(small)} others {sum(small):.1f}"] if small else [])) + " s" if steps \
        else f"(no step records: {out.stderr.strip()[-200:]})"


def corpus_chars(warehouse: Path) -> int:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("SELECT coalesce(sum(chars), 0) FROM articles WHERE is_current").fetchone()[0]
    finally:
        con.close()


def time_views(warehouse: Path, repeat: int = 5) -> list[tuple[str, float, float, int]]:
    """(view, median ms of count(*), median ms of SELECT * fetched as Arrow, rows) for every view."""
    import duckdb

    names = sorted(p.stem for p in (PROJECT_ROOT / "sql" / "views").glob("*.sql"))
    con = duckdb.connect(str(warehouse), read_only=True)
    out = []
    try:
        built = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        for name in names:
            if name not in built:  # a failed run stops before the views
                out.append((name, float("nan"), float("nan"), 0))
                continue
            timings = {}
            for query in (f'SELECT count(*) FROM "{name}"', f'SELECT * FROM "{name}"'):
                runs = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    rows = con.sql(query).to_arrow_table().num_rows  # columnar, as a dashboard or notebook reads
                    runs.append((time.perf_counter() - started) * 1000)
                timings[query.split()[1]] = statistics.median(runs)
            out.append((name, timings["count(*)"], timings["*"], rows))
    finally:
        con.close()
    return out


_PROFILE_LINE = re.compile(r"^(?P<indent>[\s│├└─`|+-]*)(?P<seconds>\d+\.\d+) (?P<function>\S+)\s+(?P<where>\S+)")
_SHOWN = re.compile(r"pipelines/(defs|stages|parallel|run)|great_expectations/__init__|dagster/__init__|instance\.py")


def profile_outline(path: Path, min_seconds: float = 1.0, limit: int = 40) -> str:
    """The pipeline's own frames (assets, checks, stages) and Dagster / GX start-up from a pyinstrument
    text profile: where the main process's time went, without the library internals."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        m = _PROFILE_LINE.match(line)
        if m and float(m["seconds"]) >= min_seconds and _SHOWN.search(m["where"]):
            depth = len(m["indent"]) // 3
            out.append(f"  {'  ' * min(depth, 12)}{float(m['seconds']):7.1f} s  {m['function']}  {m['where']}")
    return "\n".join(out[:limit])


# ----------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, help="only the first N daily files (a quick look, not the benchmark)")
    ap.add_argument("--skip-double", action="store_true", help="skip the doubled corpus (saves most of the time)")
    ap.add_argument("--profile", action="store_true", help="run the 1x pipeline under pyinstrument, print its top")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = ap.parse_args()

    corpus = shared_dir() / "corpus" / "xwlb" / "assets"
    if not corpus.is_dir():
        print(f"SKIP: no xwlb corpus at {corpus} (set PIPELINE_SHARED_DIR to the shared folder)")
        return 0
    work = Path(tempfile.mkdtemp(prefix="cnstats-bench-"))
    print(f"work folder: {work}  (workers: {os.environ.get('PIPELINE_WORKERS') or os.cpu_count()} of "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})", flush=True)
    try:
        raw1 = work / "raw1x"
        files = link_tree(corpus, raw1, args.files)

        base = measure("baseline", [PYTHON, "-c", BASELINE, str(raw1), str(work / "baseline.duckdb")])
        numbers = int(base.output.split()[-1]) if base.returncode == 0 else 0
        print(f"baseline   : {base.seconds:6.1f} s wall  {base.cpu:6.1f} s CPU  {numbers:,} digit runs  {base.mb}",
              flush=True)

        # The first start creates the Dagster instance's storage (once per DAGSTER_HOME, as the first
        # `make run` does); the pipeline runs below find it, like every later `make run`.
        env1 = pipeline_env(raw1, work / "w1" / "warehouse.duckdb")
        first, startup = (measure("startup", [PYTHON, "-c", DAGSTER_STARTUP], env1) for _ in range(2))
        print(f"dagster start-up alone: {startup.seconds:5.1f} s wall  {startup.cpu:5.1f} s CPU  "
              f"(the very first, creating the instance storage: {first.seconds:.1f} s)", flush=True)

        profile = work / "profile.txt" if args.profile else None
        full = run_pipeline("1x", raw1, work / "w1" / "warehouse.duckdb", profile)
        articles, chars = full.figures.get("articles", 0), corpus_chars(work / "w1" / "warehouse.duckdb")
        print(f"pipeline 1x: {full.seconds:6.1f} s wall  {full.cpu:6.1f} s CPU  {articles:,} articles "
              f"({articles / full.seconds:,.0f}/s), {chars:,} characters ({chars / full.seconds / 1e6:,.2f} M/s), "
              f"{full.figures.get('quantities', 0):,} quantities, {full.figures.get('claim checks', 0):,} claim checks",
              flush=True)
        print(f"             peak memory of the process tree {full.mb} (largest process "
              f"{full.peak_single / 2**20:,.0f} MB; target < {TARGET_RSS_MB:,} MB), at {full.peak_at:.0f} s "
              f"during {full.step_at(full.peak_at)}")
        print(f"             ratio to baseline: {full.seconds / base.seconds:.1f}x wall, {full.cpu / base.cpu:.1f}x CPU "
              f"(target <= {TARGET_RATIO:.0f}x wall)", flush=True)
        print(f"             steps: {step_times(env1)}", flush=True)
        if profile:
            print("             where the main process's time went (pyinstrument; the workers' time shows as waiting):\n"
                  + profile_outline(profile))

        one_new_story(files, raw1 / "zz-new")
        incremental = run_pipeline("+1 story", raw1, work / "w1" / "warehouse.duckdb",
                                   work / "profile-incremental.txt" if args.profile else None)
        nothing = run_pipeline("no change", raw1, work / "w1" / "warehouse.duckdb")
        print(f"incremental: one new story {incremental.seconds:5.1f} s wall ({incremental.cpu:.1f} s CPU, "
              f"{incremental.mb}); no change {nothing.seconds:5.1f} s wall ({nothing.cpu:.1f} s CPU); "
              f"both include the Dagster start-up ({startup.seconds:.1f} s alone)", flush=True)
        print(f"             steps of the no-change run: {step_times(env1)}", flush=True)
        if args.profile:
            print("             the one-story run, main process:\n" + profile_outline(work / "profile-incremental.txt", 0.5))

        print("views over the full corpus (median of 5, ms; target < 200):")
        for name, count_ms, all_ms, rows in time_views(work / "w1" / "warehouse.duckdb"):
            flag = "  (not built)" if count_ms != count_ms else "" if max(count_ms, all_ms) < TARGET_VIEW_MS \
                else "  <-- over target"
            print(f"  {name:<20} count(*) {count_ms:7.1f}   SELECT * {all_ms:7.1f}  ({rows:,} rows){flag}")

        if not args.skip_double:
            raw2 = work / "raw2x"
            link_tree(corpus, raw2 / "a", args.files)
            altered_copy(files, corpus, raw2 / "b", "（第二份语料）")
            shutil.rmtree(raw1, ignore_errors=True)
            double = run_pipeline("2x", raw2, work / "w2" / "warehouse.duckdb")
            print(f"pipeline 2x: {double.seconds:6.1f} s wall  {double.cpu:6.1f} s CPU  "
                  f"{double.figures.get('articles', 0):,} articles, {double.figures.get('quantities', 0):,} quantities")
            print(f"             peak at {double.peak_at:.0f} s during {double.step_at(double.peak_at)}")
            print(f"memory 1x vs 2x: {full.mb}  vs  {double.mb}  "
                  f"(2x/1x = {double.peak_pss / max(full.peak_pss, 1):.2f} by PSS; flat = about 1)")
        ok = full.returncode == 0
        print(f"summary: pipeline/baseline = {full.seconds / base.seconds:.1f}x (target {TARGET_RATIO:.0f}x), "
              f"peak {full.peak_pss / 2**20:,.0f} MB PSS (target {TARGET_RSS_MB:,} MB), run {'ok' if ok else 'FAILED'}")
        return 0
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
