# leadscore — the make targets are the stable interface (docs/CONTRACT.md section 4).
# Each target is a thin call of a script or of dbt; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.9.30
STAMP := $(VENV)/.installed-$(shell (cat requirements.lock pyproject.toml; echo $(UV_VERSION)) | cksum | cut -d' ' -f1)

# dbt never needs a user-level profile: the repo's profiles/ is always used.
export DBT_PROFILES_DIR := $(CURDIR)/profiles
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1
# dbt colours its lines unless told not to: only when make writes to a terminal.
export DBT_USE_COLORS ?= $(shell [ -t 2 ] && echo true || echo false)
export GX_ANALYTICS_ENABLED := false
export LEADSCORE_DB ?= $(CURDIR)/warehouse/leadscore.duckdb
export LEADSCORE_TARGET := $(or $(TARGET),duckdb)

INPUT ?= demo
comma := ,
INPUT_PATH ?=
INPUT_DATABASE ?=
INPUT_SCHEMA ?=
AS_OF ?=
DELIMITER ?=
# the input's CSV encoding (utf-8, latin-1, utf-16) and decimal separator (. or ,)
ENCODING ?=
DECIMAL ?=
# FULL_REFRESH=1: rebuild the event store and all state instead of continuing incrementally.
FULL_REFRESH ?=
VARS ?=
DEMO_DIR := data/demo
DEMO_STAMP := $(DEMO_DIR)/.generated
# Spark (dbt-spark's session method, a local PySpark) has its own venv and lock, so the
# main venv stays small: the main pins plus dbt-spark, pyspark and py4j.
SPARK_VENV := .venv-spark
SPARK_BIN := $(SPARK_VENV)/bin
SPARK_STAMP := $(SPARK_VENV)/.installed-$(shell (cat requirements-spark.lock; echo $(UV_VERSION)) | cksum | cut -d' ' -f1)
# make run TARGET=spark runs the Spark venv's leadscore (PySpark, dbt-spark) with Java
RUN_BIN := $(if $(filter spark,$(TARGET)),$(SPARK_BIN),$(BIN))
RUN_DEPS := $(if $(filter spark,$(TARGET)),$(SPARK_STAMP) java,$(STAMP))

RUN_ARGS = --input $(INPUT) \
	$(if $(INPUT_PATH),--input-path "$(INPUT_PATH)") \
	$(if $(INPUT_DATABASE),--input-database "$(INPUT_DATABASE)") \
	$(if $(INPUT_SCHEMA),--input-schema "$(INPUT_SCHEMA)") \
	$(if $(AS_OF),--as-of "$(AS_OF)") \
	$(if $(DELIMITER),--delimiter "$(DELIMITER)") \
	$(if $(ENCODING),--encoding "$(ENCODING)") \
	$(if $(DECIMAL),--decimal-separator "$(DECIMAL)") \
	$(if $(FULL_REFRESH),--full-refresh) \
	$(if $(VARS),--vars '$(VARS)')

.PHONY: help install demo run report docs backfill calibrate bank-benchmark calibration-benchmark benchmark preview test test-slow lint dbt-test pytest postgres-server chromium install-spark java test-postgres test-spark lock clean

help:
	@echo "make demo                 set up (venv, locked deps) and run the main job on the demo data"
	@echo "make test                 every test on DuckDB: sqlfluff, dbt build with all dbt tests, pytest"
	@echo "make run INPUT=files INPUT_PATH=<folder> [AS_OF=<timestamp>] [VARS='{name: value}']   the main job on your data"
	@echo "make report [REPORT=<file>]   the HTML report of the published scores (default reports/leadscore.html)"
	@echo "make docs                 dbt docs as one offline HTML file (target/static_index.html)"
	@echo "make backfill FROM=<date> [TO=<date>] [EVERY=7] [INPUT=...]   score past dates into lead_score_history, then the main job"
	@echo "make calibrate OUT=<folder> [INPUT=... INPUT_PATH=...] [WRITE_SEEDS=1]   learn points from outcomes, with a backtest report"
	@echo "make bank-benchmark       calibration on the UCI Bank Marketing data (BANK_SOURCE=<csv>)"
	@echo "make calibration-benchmark calibration with defaults on synthetic scenarios and the bank data, against scikit-learn"
	@echo "make benchmark SIZE=S|M|L  time the ceiling, the dbt builds, the main job and the history models (PARTS=main: the job only; writes benchmarks/)"
	@echo "make preview              score with the edited seeds and compare grade/stage counts with the published scores"
	@echo "make test-slow            the slow tests on DuckDB: calibration, incremental runs, crashes (CI runs them)"
	@echo "make test-postgres        the tests on PostgreSQL: engine comparison, incremental, publish (a private server; 6-8 minutes)"
	@echo "make test-spark           Spark's tests: engine comparison, scoring and the main job (own venv .venv-spark, Java; about 25 minutes)"
	@echo "make lint                 sqlfluff on every model, ruff and mypy on the Python package"
	@echo "make lock                 re-resolve requirements.in into requirements.lock"
	@echo "make clean                remove build output and the demo data (keeps the venv)"

# The venv is rebuilt only when the lock file (or the uv pin) changes.
install: $(STAMP)
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	@# the package itself (the `leadscore` command), editable: the checkout is what runs
	$(BIN)/uv pip install --quiet --no-deps --python $(BIN)/python -e .
	@rm -f $(VENV)/.installed-* && touch $@

# Demo data is regenerated only when the generator changes (same seed, same bytes).
$(DEMO_STAMP): $(wildcard leadscore/demo/*.py leadscore/demo/sql/*.sql) | $(STAMP)
	$(BIN)/leadscore demo-data --out $(DEMO_DIR)
	@touch $@

demo: $(STAMP) $(DEMO_STAMP)
	$(BIN)/leadscore run --input demo $(if $(AS_OF),--as-of "$(AS_OF)") $(if $(FULL_REFRESH),--full-refresh) $(if $(VARS),--vars '$(VARS)')

run: $(RUN_DEPS)
	$(if $(filter demo,$(INPUT)),@$(MAKE) --no-print-directory $(DEMO_STAMP))
	$(if $(filter spark,$(TARGET)),SPARK_LOCAL_IP=$${SPARK_LOCAL_IP:-127.0.0.1}) $(RUN_BIN)/leadscore run $(RUN_ARGS)

# The HTML report of what is published (the main job also writes it after each publish).
REPORT ?=
report: $(STAMP)
	$(BIN)/leadscore report $(if $(REPORT),--out "$(REPORT)")

# dbt's documentation site as one file (target/static_index.html; opens without a network):
# every model, column, test, exposure and the lineage, with the published warehouse's catalog.
docs: $(STAMP) $(DEMO_STAMP)
	$(BIN)/leadscore docs --input $(INPUT) $(if $(INPUT_PATH),--input-path "$(INPUT_PATH)")

# The main job, after scoring every EVERY-th day from FROM to TO into lead_score_history.
EVERY ?= 7
backfill: $(STAMP)
	$(if $(FROM),,$(error make backfill needs FROM=<date> [TO=<date>] [EVERY=<days>]))
	$(if $(filter demo,$(INPUT)),@$(MAKE) --no-print-directory $(DEMO_STAMP))
	$(BIN)/leadscore backfill $(RUN_ARGS) --from "$(FROM)" $(if $(TO),--to "$(TO)") --every "$(EVERY)"

# Learn points from outcomes; writes OUT/scoring_rules.csv, OUT/grade_bands.csv, OUT/backtest.md.
# seeds/ changes only with WRITE_SEEDS=1. More options: CALIBRATE_ARGS='--age-days 14 --per-segment'.
CALIBRATE_ARGS ?=
calibrate: $(STAMP)
	$(if $(OUT),,$(error make calibrate needs OUT=<folder>))
	$(if $(filter demo,$(INPUT)),@$(MAKE) --no-print-directory $(DEMO_STAMP))
	$(BIN)/leadscore calibrate --input $(INPUT) $(if $(INPUT_PATH),--input-path "$(INPUT_PATH)") \
		$(if $(INPUT_SCHEMA),--input-schema "$(INPUT_SCHEMA)") $(if $(AS_OF),--as-of "$(AS_OF)") \
		--out "$(OUT)" $(if $(WRITE_SEEDS),--write-seeds) $(CALIBRATE_ARGS)

# Calibration on real data (UCI Bank Marketing, not in the repo): the README's benchmark.
BANK_SOURCE ?= ../shared/data/bank_marketing/bank-additional-full.csv
bank-benchmark: $(STAMP)
	@test -f "$(BANK_SOURCE)" || { echo "make bank-benchmark needs BANK_SOURCE=<bank-additional-full.csv> (not found: $(BANK_SOURCE))"; exit 2; }
	$(BIN)/python -m leadscore.loaders.bank_marketing --source "$(BANK_SOURCE)" --out target/bank_marketing
	$(BIN)/leadscore calibrate --input files --input-path target/bank_marketing --out reports/bank_marketing

# Calibration with its defaults on synthetic scenarios with a known truth (and the bank data
# when present) against scikit-learn baselines (a script, never a test): benchmarks/calibration.md.
CALIBRATION_LEADS ?= 20000
calibration-benchmark: $(STAMP)
	$(BIN)/python -m leadscore.benchmark.calibration --leads $(CALIBRATION_LEADS) --bank "$(BANK_SOURCE)"

# Speed and memory of the scoring engine (a script, never a test): SIZE=S|M|L.
# MEMORY_LIMIT sets DuckDB's memory_limit (default 4GB); beyond it DuckDB spills to disk.
# TARGET=postgres: the main job on a private PostgreSQL server, beside DuckDB's rows.
# MAIN_RUNS=full: the main job's full run only (its two scheduled runs are left out).
SIZE ?= S
MEMORY_LIMIT ?=
benchmark: $(STAMP)
	$(BIN)/leadscore benchmark --size $(SIZE) $(if $(MEMORY_LIMIT),--memory-limit $(MEMORY_LIMIT)) $(if $(PARTS),--parts $(PARTS)) \
		$(if $(filter postgres,$(TARGET)),--target postgres) $(if $(MAIN_RUNS),--main-runs $(MAIN_RUNS))

# Score with the seeds as edited, beside the published scores, and compare the counts.
preview: $(STAMP)
	$(if $(filter demo,$(INPUT)),@$(MAKE) --no-print-directory $(DEMO_STAMP))
	$(BIN)/leadscore preview --input $(INPUT) $(if $(INPUT_PATH),--input-path "$(INPUT_PATH)") $(if $(AS_OF),--as-of "$(AS_OF)")

# The dbt templater compiles the project, which queries the warehouse for the input's
# columns: it gets a throw-away file, so lint works before any run and never locks BI's.
# ruff (lint and format) and mypy check the Python package.
lint: $(STAMP) $(DEMO_STAMP)
	@mkdir -p target
	LEADSCORE_DB=$(CURDIR)/target/lint.duckdb $(BIN)/sqlfluff lint models tests/singular --processes 2
	$(BIN)/ruff check leadscore
	$(BIN)/ruff format --check leadscore
	$(BIN)/mypy

# dbt build of everything (seeds, models, data tests, unit tests) into a throw-away
# DuckDB file, so `make test` never touches the warehouse that BI reads.
dbt-test: $(STAMP) $(DEMO_STAMP)
	@mkdir -p target
	rm -f target/test_build.duckdb
	LEADSCORE_DB=$(CURDIR)/target/test_build.duckdb $(BIN)/dbt build --vars '{leadscore_input: demo}'
	LEADSCORE_DB=$(CURDIR)/target/test_build.duckdb $(BIN)/dbt docs generate --vars '{leadscore_input: demo}' --static --quiet

# Two test files at a time (pytest-xdist; one worker per core), each in its own process:
# a module's tests and fixtures stay in one worker (a third worker was slower here, the cores
# contended: 23 min against 19.5 with Postgres; 19.0 against 18.2 without). PYTEST_WORKERS=0
# runs them one after another.
# The tests marked `postgres` are test-postgres's: the same tests on a second engine do not
# fit make test's 20 minutes on two cores.
PYTEST_WORKERS ?= 2
pytest: $(STAMP) $(DEMO_STAMP) chromium
	$(BIN)/python -m pytest tests/python -n $(PYTEST_WORKERS) --dist loadfile --durations=15 -m "not postgres and not slow"

# The tests marked `slow` (minutes of engine builds each): calibration, incremental runs,
# crashes and repeats, the hostile-input property test, a backfill through the gates.
test-slow: $(STAMP) $(DEMO_STAMP)
	$(BIN)/python -m pytest tests/python -n $(PYTEST_WORKERS) --dist loadfile --durations=10 -m "slow and not postgres"

# The tests marked `postgres`: the engine comparison, incremental runs, erasure, rule
# validation and write-audit-publish on a private PostgreSQL server each worker starts.
test-postgres: $(STAMP) $(DEMO_STAMP) postgres-server
	$(BIN)/python -m pytest tests/python -n $(PYTEST_WORKERS) --dist loadfile --durations=10 -m postgres

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# The engine tests start a private PostgreSQL server from Debian's package on 127.0.0.1:
# installed here when missing (as root, or with sudo).
postgres-server:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "installing Debian's postgresql for the engine tests"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# The report test opens the HTML in headless Chromium (Debian's package, installed when missing).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the report test"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: lint dbt-test pytest

# The Spark venv (SPARK_VENV, above): dbt-spark, pyspark and py4j on top of the main pins.
install-spark: $(SPARK_STAMP)
$(SPARK_STAMP): requirements-spark.lock
	@test -x $(SPARK_BIN)/python || $(PYTHON) -m venv $(SPARK_VENV)
	@$(SPARK_BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(SPARK_BIN)/uv pip sync --quiet --python $(SPARK_BIN)/python requirements-spark.lock
	$(SPARK_BIN)/uv pip install --quiet --no-deps --python $(SPARK_BIN)/python -e .
	@rm -f $(SPARK_VENV)/.installed-* && touch $@

# PySpark needs a Java runtime (17 or 21): Debian's headless JRE, installed when missing.
java:
	@command -v java >/dev/null 2>&1 || { 		echo "installing Debian's Java runtime for Spark"; 		$(SUDO) apt-get update -qq && 		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

# Spark's cases: the engine comparison (DuckDB, PostgreSQL and Spark score the demo alike),
# the hand-computed scoring test on Spark, and the main job on Spark (test_spark_job.py).
# Kept out of `make test` for time (a Spark build takes minutes here); CI runs them.
test-spark: $(SPARK_STAMP) $(DEMO_STAMP) java postgres-server
	LEADSCORE_TEST_SPARK=required SPARK_LOCAL_IP=127.0.0.1 $(SPARK_BIN)/python -m pytest tests/python/test_engines.py tests/python/test_scoring_e2e.py tests/python/test_spark_job.py -k spark

lock: $(STAMP)
	$(BIN)/uv pip compile requirements.in --python-version 3.11 --generate-hashes --quiet -o requirements.lock
	$(BIN)/uv pip compile requirements-spark.in -c requirements.lock --python-version 3.11 --generate-hashes --quiet -o requirements-spark.lock

clean:
	rm -rf target logs warehouse $(DEMO_DIR) reports .pytest_cache
