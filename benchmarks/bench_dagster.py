"""`make bench-dagster`: the sharded stages (job `sharded_stages`, pipelines/defs/assets/extract.py)
with Dagster's in-process executor, then with its multiprocess executor, on the xwlb corpus.

    .venv/bin/python benchmarks/bench_dagster.py [--files N] [--shard-articles N] [--concurrent N]

Each run is a fresh warehouse in a temporary folder (never the project).  PIPELINE_WORKERS=1: the
stages' own process pool is off, so any speed-up comes from the executor running shard ops side
by side.  Prints wall and CPU seconds of each run, the speed-up, and whether both warehouses hold
the same rows (and the same rows as the asset graph's stages: see tests/perf).  Exits 0 with a
message when the corpus is absent.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import PYTHON, link_tree, measure, pipeline_env, shared_dir  # noqa: E402

RUN_JOB = """
import sys
import dagster as dg
from pipelines.run import prepare_dagster_home
prepare_dagster_home()
from pipelines.defs.assets import extract

executor, concurrent, shard_articles = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
execution = {"in_process": {}} if executor == "in_process" else {"multiprocess": {
    "max_concurrent": concurrent,
    # steps fork from a server that has imported the job's modules once (a spawn would import
    # Dagster and the pipeline again for every step)
    "start_method": {"forkserver": {"preload_modules": ["pipelines.defs.assets.extract"]}}}}
ops = {f"plan_{s}_shards": {"config": {"shard_articles": shard_articles}} for s in ("segment", "extract", "claims")}
with dg.DagsterInstance.get() as instance:
    result = dg.execute_job(dg.reconstructable(extract.sharded_stages), instance=instance,
                            run_config={"execution": {"config": execution}, "ops": ops})
    steps = len([e for e in result.all_events if e.event_type_value == "STEP_SUCCESS"])
print(f"{'success' if result.success else 'FAILED'} steps={steps}")
"""

TABLES = ["articles", "paragraphs", "sentences", "quantities", "claim_checks"]


def checksums(warehouse: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f'SELECT count(*), coalesce(sum(hash(t)), 0) FROM "{t}" AS t'
                               if t != "articles" else "SELECT count(*), coalesce(sum(hash(article_id, text)), 0)"
                               " FROM articles").fetchone() for t in TABLES}
    finally:
        con.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, help="only the first N daily files")
    ap.add_argument("--shard-articles", type=int, default=5000)
    ap.add_argument("--concurrent", type=int, default=2, help="max_concurrent of the multiprocess executor")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    corpus = shared_dir() / "corpus" / "xwlb" / "assets"
    if not corpus.is_dir():
        print(f"SKIP: no xwlb corpus at {corpus} (set PIPELINE_SHARED_DIR to the shared folder)")
        return 0
    work = Path(tempfile.mkdtemp(prefix="cnstats-bench-dagster-"))
    try:
        raw = work / "raw"
        link_tree(corpus, raw, args.files)
        runs = {}
        for executor in ("in_process", "multiprocess"):
            warehouse = work / executor / "warehouse.duckdb"
            env = pipeline_env(raw, warehouse, {"PIPELINE_WORKERS": "1", "DAGSTER_HOME": str(work / "dagster_home")})
            m = measure(executor, [PYTHON, "-c", RUN_JOB, executor, str(args.concurrent), str(args.shard_articles)], env)
            status = m.output.strip().splitlines()[-1] if m.output.strip() else f"exit {m.returncode}"
            print(f"{executor:<13}: {m.seconds:6.1f} s wall  {m.cpu:6.1f} s CPU  peak {m.mb}  ({status})", flush=True)
            if m.returncode != 0 or not status.startswith("success"):
                print("\n".join(m.output.splitlines()[-25:]))
            runs[executor] = (m, warehouse)
        (serial, w1), (multi, w2) = runs["in_process"], runs["multiprocess"]
        same = checksums(w1) == checksums(w2)
        print(f"speed-up of the multiprocess executor ({args.concurrent} concurrent, {os.cpu_count()} CPUs): "
              f"{serial.seconds / multi.seconds:.2f}x wall; same rows in both warehouses: {same}")
        return 0
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
