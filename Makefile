# Two commands on a fresh machine (Python 3.11, pip, make): `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python

export PYTHONPATH := $(CURDIR)
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export GX_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export UV_PYTHON := $(shell command -v $(PYTHON))
PIPELINE_RAW_DIR ?= data/raw
PIPELINE_WAREHOUSE ?= data/warehouse/warehouse.duckdb
export PIPELINE_RAW_DIR PIPELINE_WAREHOUSE

.PHONY: setup run test test-slow fuzz ui sql bench bench-dagster bench-extract clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The environment is exactly the lock file (uv sync --frozen never re-resolves).  Bytecode is
# compiled once here: where PYTHONDONTWRITEBYTECODE is set (CI, sandboxes) every process would
# otherwise compile Dagster and Great Expectations from source again (imports 11 s -> 5 s).
$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --quiet --compile-bytecode
	@touch $@

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	@mkdir -p $(DAGSTER_HOME)
	@cp dagster.yaml $@

setup: $(VENV)/.synced $(DAGSTER_HOME)/dagster.yaml

run: setup
	$(PY) -m pipelines.run

# Two pytest workers (pytest-xdist; PYTEST_WORKERS=0 runs in one process).
PYTEST_WORKERS ?= 2
test: setup
	$(PY) -m pytest -q -n $(PYTEST_WORKERS)

test-slow: setup
	$(PY) -m pytest -q -m slow

# Property tests with 10,000+ generated inputs per target (FUZZ_EXAMPLES=n to change): extractor,
# decoding layer, read_source in every format and encoding (tests/reliability, marker `fuzz`).
fuzz: setup
	$(PY) -m pytest -q -m fuzz tests/reliability

ui: setup
	$(VENV)/bin/dagster dev -h 127.0.0.1 -p $${DAGSTER_PORT:-3000} -m pipelines.definitions

# Read-only on the snapshot each run publishes (pipelines/publish.py), so it works while a run writes;
# on the warehouse itself before the first run has published one.
sql: setup
	$(VENV)/bin/duckdb -readonly "$$($(PY) -m pipelines.publish)"

# The whole pipeline on the whole xwlb corpus (../shared, PIPELINE_SHARED_DIR) against a bare baseline:
# time, throughput, peak memory of the process tree, incremental run, views, doubled corpus (about
# 10 min; BENCH_ARGS="--skip-double" for about half).  Writes only to a temporary folder.
bench: setup
	$(PY) benchmarks/bench_pipeline.py $(BENCH_ARGS)

# The sharded stages with Dagster's in-process executor, then its multiprocess executor (2 at a time).
bench-dagster: setup
	$(PY) benchmarks/bench_dagster.py $(BENCH_ARGS)

bench-extract: setup
	$(PY) benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) $(TOOLS) $(DAGSTER_HOME) data/warehouse/*.duckdb*
