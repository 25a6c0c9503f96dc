"""Whole pipeline: `make run` on fixtures, pointed there by PIPELINE_RAW_DIR / PIPELINE_WAREHOUSE."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import duckdb

from tests.conftest import FIXTURES, PROJECT_ROOT


def make(target: str, env: dict, timeout: int = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", target], cwd=PROJECT_ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=timeout, **kw)


def test_make_run_on_fixtures(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "pipeline", raw)
    warehouse = tmp_path / "out" / "wh.duckdb"
    proc = make("run", {"PIPELINE_RAW_DIR": str(raw), "PIPELINE_WAREHOUSE": str(warehouse)})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    summary = proc.stdout
    assert re.search(r"Pipeline finished in [\d.]+ s", summary)
    figures = dict(re.findall(r"^\s+([a-z ]+?)\s{2,}([\d,]+)", summary, flags=re.MULTILINE))
    assert figures["articles"] == "4" and figures["ingest errors"] == "2" and figures["failed checks"] == "0"
    assert int(figures["quantities"].replace(",", "")) > 20
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    finally:
        con.close()
    # `make sql` uses the DuckDB CLI installed by the setup: it must read the file (storage compatibility).
    cli = subprocess.run([str(PROJECT_ROOT / ".venv" / "bin" / "duckdb"), "-readonly", str(warehouse), "-csv", "-c",
                          "SELECT count(*) FROM quantities"], capture_output=True, text=True, timeout=60)
    assert cli.returncode == 0, cli.stderr
    assert int(cli.stdout.split()[-1]) == int(figures["quantities"].replace(",", ""))
