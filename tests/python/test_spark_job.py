"""The main job on Spark (`leadscore run` with LEADSCORE_TARGET=spark): every step in the
job's own SparkSession, write-audit-publish with the blue/green slots behind the published
views (leadscore/warehouse/spark.py), on the hand-computed fixture of test_scoring_e2e.py.

One sequence of runs, shared by the tests below (a Spark run takes minutes here):
  1. a first run (a full build) publishes; every mart, the quarantine and the CRM export
     equal what DuckDB's main job publishes on the same input (scores to 1e-9);
  2. a run with a malformed rule fails (exit 6) and what readers see is what they saw;
  3. a second run with a new delivery of activities continues from the published event
     store, which keeps the first run's rows; again every mart equals DuckDB's. Before it,
     one published view is pointed at the other slot, as a publish stopped half-way leaves
     it: the run points it back before it rebuilds that slot.
What readers see is read by a Spark process of its own after each run (the Derby metastore
admits one process at a time), the way BI would: through the published views.

Runs in `make test-spark` (LEADSCORE_TEST_SPARK=required, the venv .venv-spark with PySpark
and Java); elsewhere it is skipped, saying so."""

from __future__ import annotations

import fcntl
import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from conftest import SPARK_REQUIRED, DbtProject, copy_project, copy_project_on, run_main_job
from test_engines import same
from test_scoring_e2e import write_hand_computed_fixture

HAS_PYSPARK = importlib.util.find_spec("pyspark") is not None
pytestmark = pytest.mark.skipif(
    not HAS_PYSPARK and not SPARK_REQUIRED,
    reason="Spark runs in `make test-spark` (its own venv .venv-spark with PySpark and Java)",
)

AS_OF = {"first": "2026-06-01 00:00:00", "second": "2026-06-08 00:00:00"}
# the second delivery: three events of known leads and one of a lead nobody knows (quarantined)
NEW_ACTIVITIES = (
    "A20,P2,page_view,2026-06-05 00:00:00,/pricing\n"
    "A21,P4,demo_request,2026-06-06 00:00:00,\n"
    "A22,P3,email_open,2026-06-07 12:00:00,\n"
    "A23,P9,email_open,2026-06-07 13:00:00,\n"
)
# every mart, with the columns that order its rows (None: all of them)
MARTS: dict[str, str | None] = {
    "lead_scores": "lead_id",
    "lead_score_reasons": "lead_id, model, rule_id",
    "lead_model_scores": "lead_id, model",
    "lead_score_history": "lead_id, score_date",
    "lead_score_changes": "lead_id",
    "account_scores": "account_id",
    "rule_performance": None,
    "score_performance": None,
}
QUARANTINE = ("quarantine_leads", "quarantine_activities", "quarantine_outcomes")
# what a reader's snapshot holds: the marts, the quarantine, the run log and the event store
READ = (*(f"main.{name}" for name in (*MARTS, *QUARANTINE, "leadscore_runs")), "intermediate.int_activities_triaged")

# A reader of the published schemas, in a process of its own (the job's has ended): each
# relation as Parquet, and every published relation's type, slot and view text.
READER = """
import json, os, re, sys
from pathlib import Path
from leadscore.warehouse.spark import spark_profile, spark_session

out = Path(sys.argv[1])
session = spark_session(spark_profile(dict(os.environ)).get("server_side_parameters") or {})
catalog = {}
for schema in ("main", "staging", "intermediate", "restricted"):
    if session.catalog.databaseExists(schema):
        for row in session.sql(f"show table extended in {schema} like '*'").collect():
            if not row.isTemporary:
                info = dict(line.split(": ", 1) for line in row.information.splitlines() if ": " in line)
                slot = re.search(r"leadscore[.]slot=(\\w+)", info.get("Table Properties", ""))
                catalog[f"{schema}.{row.tableName}"] = [info.get("Type"), slot and slot.group(1), info.get("View Text")]
for name in sys.argv[2:]:
    session.table(name).write.mode("overwrite").parquet(str(out / name))
(out / "catalog.json").write_text(json.dumps(catalog))
session.stop()
"""
# A publish stopped after its first switch: one view reads the slot the failed run left.
HALF_PUBLISH = """
import os
from leadscore.warehouse.spark import spark_profile, spark_session

session = spark_session(spark_profile(dict(os.environ)).get("server_side_parameters") or {})
session.sql("create or replace view main.lead_score_history tblproperties ('leadscore.slot' = 'green') "
            "as select * from main__green.lead_score_history")
session.stop()
"""


@dataclass
class Snapshot:
    """What readers of the Spark warehouse saw after a run: every published relation's type,
    slot and view text, and the rows of the relations of READ."""

    folder: Path
    catalog: dict[str, list[str | None]] = field(default_factory=dict)

    def rows(self, relation: str, columns: str = "*", order: str | None = None) -> list[tuple[object, ...]]:
        files = str(self.folder / relation / "*.parquet").replace("'", "''")
        query = f"select {columns} from read_parquet('{files}')" + (f" order by {order}" if order else "")
        return duckdb.sql(query).fetchall()

    def everything(self) -> dict[str, list[tuple[object, ...]]]:
        return {relation: sorted(self.rows(relation), key=repr) for relation in READ}


@dataclass
class Runs:
    """The sequence of runs on both engines, and what each left."""

    spark: DbtProject
    duck: DbtProject
    duck_published: Path
    inputs: Path
    outputs: dict[str, subprocess.CompletedProcess[str]] = field(default_factory=dict)
    snapshots: dict[str, Snapshot] = field(default_factory=dict)
    duck_files: dict[str, Path] = field(default_factory=dict)
    exports: dict[str, dict[str, bytes]] = field(default_factory=dict)


def spark_env(project: DbtProject) -> dict[str, str]:
    return {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "HOME": str(project.root),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "GX_ANALYTICS_ENABLED": "false",
        **project.extra_env,
    }


def run_spark_job(project: DbtProject, inputs: Path, as_of: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """`leadscore run` of the project copy on Spark, as a scheduler starts it (a process of its own)."""
    return subprocess.run(
        [sys.executable, "-m", "leadscore", "run", "--input", "files", "--input-path", str(inputs), "--as-of", as_of, "--quiet", *extra],
        cwd=project.root, env=spark_env(project), capture_output=True, text=True, check=False,
    )


def read_published(project: DbtProject, folder: Path) -> Snapshot:
    folder.mkdir(parents=True)
    read = subprocess.run([sys.executable, "-c", READER, str(folder), *READ], cwd=project.root, env=spark_env(project),
                          capture_output=True, text=True, check=False)
    assert read.returncode == 0, read.stdout[-3000:] + read.stderr[-5000:]
    return Snapshot(folder, json.loads((folder / "catalog.json").read_text()))


def views_of_slot(catalog: dict[str, list[str | None]], slot: str) -> list[bool]:
    """Per published relation: a view of the same relation in the slot's schema."""
    return [
        kind == "VIEW" and found == slot and text == f"select * from `{name.split('.')[0]}__{slot}`.`{name.split('.')[1]}`"
        for name, (kind, found, text) in catalog.items()
    ]


def exported(project: DbtProject) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((project.root / "exports").glob("*"))}


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def succeeded(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-4000:]
    return result


@pytest.fixture(scope="module")
def runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """The three Spark runs (first, failed, second) and DuckDB's two on the same input. The
    momentum moments are left out (--no-momentum; they cost a backfill of two dates each)
    except in the failed run, where the edited rules make the moments be scored again first
    and the rule validation stops that backfill."""
    base = tmp_path_factory.mktemp("spark_job")
    spark = copy_project_on("spark", base / "spark", request)
    duck = copy_project(base / "duckdb")
    inputs = base / "input"
    for project in (spark, duck):
        write_hand_computed_fixture(project, inputs)
    found = Runs(spark, duck, base / "bi" / "leadscore.duckdb", inputs)

    # 1. the first run on both engines
    found.outputs["first"] = succeeded(run_spark_job(spark, inputs, AS_OF["first"], "--no-momentum"))
    found.snapshots["first"] = read_published(spark, base / "read_first")
    found.exports["first"] = exported(spark)
    succeeded(run_main_job(duck, found.duck_published, inputs, AS_OF["first"], "--quiet", "--no-momentum"))
    found.duck_files["first"] = base / "duckdb_first.duckdb"
    found.duck_files["first"].write_bytes(found.duck_published.read_bytes())

    # 2. a malformed rule: the run stops before publishing
    rules = spark.root / "seeds" / "scoring_rules.csv"
    good_rules = rules.read_text()
    rules.write_text(good_rules.replace(",-10,", ",minus 10,"))
    found.outputs["failed"] = run_spark_job(spark, inputs, AS_OF["first"])
    found.snapshots["failed"] = read_published(spark, base / "read_failed")
    found.exports["failed"] = exported(spark)
    rules.write_text(good_rules)
    half = subprocess.run([sys.executable, "-c", HALF_PUBLISH], cwd=spark.root, env=spark_env(spark),
                          capture_output=True, text=True, check=False)
    assert half.returncode == 0, half.stderr[-3000:]

    # 3. a new delivery: the activities file grows, both engines continue incrementally
    with (inputs / "activities.csv").open("a", encoding="utf-8") as handle:
        handle.write(NEW_ACTIVITIES)
    found.outputs["second"] = succeeded(run_spark_job(spark, inputs, AS_OF["second"], "--no-momentum"))
    found.snapshots["second"] = read_published(spark, base / "read_second")
    found.exports["second"] = exported(spark)
    duck_second = succeeded(run_main_job(duck, found.duck_published, inputs, AS_OF["second"], "--quiet", "--no-momentum"))
    assert "incremental run from the published event store" in output(duck_second)
    found.duck_files["second"] = found.duck_published
    return found


def duckdb_rows(database: Path, query: str) -> list[tuple[object, ...]]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return connection.sql(query).fetchall()
    finally:
        connection.close()


def assert_marts_equal_duckdb(runs: Runs, run: str) -> None:
    """Every mart of the Spark run as readers see it equals the DuckDB job's (scores to 1e-9,
    everything else exactly); the quarantine holds the same rows for the same reasons."""
    database, snapshot = runs.duck_files[run], runs.snapshots[run]
    for mart, order in MARTS.items():
        columns = [row[0] for row in duckdb_rows(database, "select column_name from information_schema.columns "
                                                 f"where table_schema = 'main' and table_name = '{mart}' order by ordinal_position")]
        by = order or ", ".join(str(position) for position in range(1, len(columns) + 1))
        expected = duckdb_rows(database, f"select {', '.join(columns)} from main.{mart} order by {by}")
        actual = snapshot.rows(f"main.{mart}", ", ".join(columns), by)
        assert len(actual) == len(expected), (run, mart)
        differing = [(column, duck_row[:3], duck_value, spark_value)
                     for duck_row, spark_row in zip(expected, actual)
                     for column, duck_value, spark_value in zip(columns, duck_row, spark_row)
                     if not same(duck_value, spark_value)]
        assert differing == [], f"{run} {mart}: {len(differing)} values differ, e.g. {differing[:5]}"
    for table in QUARANTINE:
        select = "raw_row_number, reason, reason_detail"
        assert snapshot.rows(f"main.{table}", select, "raw_row_number") == duckdb_rows(
            database, f"select {select} from main.{table} order by raw_row_number"), (run, table)
    assert len(snapshot.rows("main.lead_scores")) == 5                       # the fixture's leads scored at as_of


def test_spark_first_run_publishes_what_duckdb_publishes(runs: Runs) -> None:
    first = output(runs.outputs["first"])
    assert "full build (nothing published yet)" in first
    for step in ("lock", "prepare", "stage", "freshness", "input checks", "build", "mart checks", "publish", "report", "export"):
        assert f"leadscore: step {step} ok" in first, step
    assert "input.leads" in first and "marts.lead_scores" in first          # the GX suites ran, on Spark
    assert "views over the blue slot" in first
    assert_marts_equal_duckdb(runs, "first")
    # every published relation is a view of the same relation in the blue slot
    catalog = runs.snapshots["first"].catalog
    assert {"main.lead_scores", "main.leadscore_runs", "staging.stg_leads", "intermediate.int_activities_triaged"} <= set(catalog)
    assert all(views_of_slot(catalog, "blue")), catalog


def test_spark_export_and_report(runs: Runs) -> None:
    """The CRM export of each Spark run holds what DuckDB's holds; the report is written."""
    assert set(runs.exports["first"]) == {"lead_score_changes.csv", "lead_score_changes.parquet"}
    assert (runs.spark.root / "reports" / "leadscore.html").stat().st_size > 100_000
    spark_file = runs.spark.root / "exports" / "lead_score_changes.parquet"
    duck_file = runs.duck.root / "exports" / "lead_score_changes.parquet"
    spark_rows = duckdb.sql(f"select * from read_parquet('{spark_file}') order by lead_id").fetchall()
    duck_rows = duckdb.sql(f"select * from read_parquet('{duck_file}') order by lead_id").fetchall()
    assert len(spark_rows) == len(duck_rows) > 0
    assert all(same(a, b) for spark_row, duck_row in zip(spark_rows, duck_rows) for a, b in zip(spark_row, duck_row))


def test_spark_failed_run_leaves_what_readers_see_unchanged(runs: Runs) -> None:
    failed = runs.outputs["failed"]
    assert failed.returncode == 6, output(failed)[-4000:]                   # docs/operations.md: the build failed
    assert "failed at step 'backfill'" in failed.stderr and "were not changed" in failed.stderr
    assert "the scoring_rules seed has 1 problem(s)" in output(failed)
    before, after = runs.snapshots["first"], runs.snapshots["failed"]
    assert after.catalog == before.catalog                                   # the same views, on the same slot
    assert after.everything() == before.everything()
    assert runs.exports["failed"] == runs.exports["first"]                   # the CRM export only after a publish


def test_spark_second_run_continues_incrementally(runs: Runs) -> None:
    second = output(runs.outputs["second"])
    assert "incremental run from the published event store" in second
    assert "activities judged by this run: 4 rows (3 kept, 1 to quarantine)" in second
    # the view a stopped publish left on the green slot read the blue one again, then the
    # failed run's slot was dropped and built again
    assert "1 published view(s) left on the green slot by a publish that stopped half-way read the blue slot again" in second
    assert "building in the green slot" in second and "views over the green slot" in second
    assert runs.snapshots["second"].catalog.keys() == runs.snapshots["first"].catalog.keys()
    assert all(views_of_slot(runs.snapshots["second"].catalog, "green"))
    # the event store kept every row the first run judged, as judged then, and added the new ones
    store = "raw_row_number, triaged_at, triage_reason"
    first = runs.snapshots["first"].rows("intermediate.int_activities_triaged", store, "raw_row_number")
    now = runs.snapshots["second"].rows("intermediate.int_activities_triaged", store, "raw_row_number")
    assert len(first) == 19 and now[:19] == first
    assert [row[0] for row in now[19:]] == [20, 21, 22, 23]
    assert len({row[1] for row in now[19:]}) == 1 and now[19][1] > first[0][1]
    assert [row[2] for row in now[19:]] == [None, None, None, "unknown_lead"]
    # the run log: one row per published run
    runs_log = runs.snapshots["second"].rows("main.leadscore_runs", "cast(as_of as varchar), activities_rows", "1")
    assert runs_log == [("2026-06-01 00:00:00", 19), ("2026-06-08 00:00:00", 23)]
    assert_marts_equal_duckdb(runs, "second")


def test_spark_second_run_is_refused_while_one_holds_the_lock(runs: Runs) -> None:
    """One run at a time per Spark folder: a run that finds the lock taken stops at step lock
    (exit 3), before it starts Spark."""
    lock_path = Path(runs.spark.extra_env["LEADSCORE_SPARK_DIR"]) / "leadscore.lock"
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        refused = run_spark_job(runs.spark, runs.inputs, AS_OF["second"])
    assert refused.returncode == 3, output(refused)[-3000:]
    assert "failed at step 'lock'" in refused.stderr and "another run is building the Spark warehouse" in refused.stderr
