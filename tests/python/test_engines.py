"""One project, every engine: the demo data scored on DuckDB (reading the files), on a real
PostgreSQL server (the files copied in by leadscore/loaders/postgres.py, input=tables) and on
Apache Spark (dbt-spark's session method reading the files) give the same marts — scores to
1e-9, grades, stages, reasons, performance — and quarantine the same rows for the same
reasons. The expected values are DuckDB's: independent engines have to agree. Each build also
runs every data test and unit test on its engine.

Spark needs its own venv and Java: `make test-spark` runs this file there (and sets
LEADSCORE_TEST_SPARK=required, so a missing PySpark fails instead of skipping); under
`make test` the Spark cases skip, saying so."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import psycopg2
import pytest

from conftest import PROJECT_ROOT, POSTGRES, SPARK_REQUIRED, DbtProject, copy_project, copy_project_on, postgres_query

DEMO = PROJECT_ROOT / "data" / "demo"
AS_OF = "2026-11-01"
# every mart, with the columns that order its rows (None: all of them)
MARTS: dict[str, str | None] = {
    "lead_scores": "lead_id",
    "lead_score_reasons": "lead_id, model, rule_id",
    "lead_model_scores": "lead_id, model",
    "lead_score_history": "lead_id, score_date",
    "account_scores": "account_id",
    "rule_performance": None,
    "score_performance": None,
}
QUARANTINE = ("quarantine_leads", "quarantine_activities", "quarantine_outcomes", "quarantine_accounts")
HAS_PYSPARK = importlib.util.find_spec("pyspark") is not None
ENGINES = [
    POSTGRES,
    pytest.param("spark", marks=pytest.mark.skipif(
        not HAS_PYSPARK and not SPARK_REQUIRED,
        reason="Spark runs in `make test-spark` (its own venv .venv-spark with PySpark and Java)")),
]


@dataclass
class Built:
    """A build of the demo on one engine, and how to query its warehouse."""

    project: DbtProject
    rows: Callable[[str], list[tuple[object, ...]]]


def same(left: object, right: object) -> bool:
    if isinstance(left, (float, Decimal)) or isinstance(right, (float, Decimal)):
        return left is not None and right is not None and abs(float(left) - float(right)) <= 1e-9
    return left == right


@pytest.fixture(scope="module")
def on_duckdb(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = copy_project(tmp_path_factory.mktemp("duckdb"))
    # the reference engine's data and unit tests run in `make dbt-test`; the others run theirs here
    project.build({"input": "files", "input_path": str(DEMO), "as_of": AS_OF},
                  "--exclude-resource-type", "unit_test", "--exclude-resource-type", "test")
    return Built(project, project.query)


def build_on_postgres(request: pytest.FixtureRequest, folder: Path) -> Built:
    """The demo copied into a fresh database's raw schema and scored there (with the reader role)."""
    project = copy_project_on("postgres", folder, request)
    project.build({**project.input_vars(DEMO), "as_of": AS_OF})
    return Built(project, lambda sql: postgres_query(project.extra_env, sql))


@pytest.fixture(scope="module", params=ENGINES)
def on_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The demo scored on another engine, as of the same time as on DuckDB."""
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "postgres":
        yield build_on_postgres(request, folder)
        return
    assert HAS_PYSPARK, "LEADSCORE_TEST_SPARK=required but PySpark is not installed (make install-spark)"
    project = copy_project_on("spark", folder, request)
    spark_dir = Path(project.extra_env["LEADSCORE_SPARK_DIR"])
    project.build({"input": "files", "input_path": str(DEMO), "as_of": AS_OF})
    # dbt's session has ended: this process opens the same metastore (Derby allows one
    # process at a time) the way profiles.yml's spark target does, and reads the tables.
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[1]").appName("leadscore-test-engines")
               .config("spark.sql.warehouse.dir", f"{spark_dir}/spark-warehouse")
               .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                       f"jdbc:derby:;databaseName={spark_dir}/metastore_db;create=true")
               .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={spark_dir}")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.ui.enabled", "false")
               .enableHiveSupport().getOrCreate())
    try:
        yield Built(project, lambda sql: [tuple(row) for row in session.sql(sql).collect()])
    finally:
        session.stop()


def columns_of(project: DbtProject, table: str) -> list[str]:
    connection = duckdb.connect(str(project.database), read_only=True)
    try:
        return [row[0] for row in connection.sql(
            "select column_name from information_schema.columns "
            f"where table_schema = 'main' and table_name = '{table}' order by ordinal_position").fetchall()]
    finally:
        connection.close()


@pytest.mark.parametrize("mart", sorted(MARTS))
def test_every_mart_is_the_same_on_every_engine(on_duckdb: Built, on_engine: Built, mart: str) -> None:
    columns = columns_of(on_duckdb.project, mart)
    order = MARTS[mart] or ", ".join(str(position) for position in range(1, len(columns) + 1))
    select = f"select {', '.join(columns)} from main.{mart} order by {order}"
    expected = on_duckdb.rows(select)
    actual = on_engine.rows(select)
    assert len(expected) > 0
    assert len(actual) == len(expected)
    differing = [
        (column, duck_row[:3], duck_value, other_value)
        for duck_row, other_row in zip(expected, actual)
        for column, duck_value, other_value in zip(columns, duck_row, other_row)
        if not same(duck_value, other_value)
    ]
    assert differing == [], f"{len(differing)} values differ, e.g. {differing[:5]}"


def test_the_same_rows_are_quarantined_for_the_same_reasons(on_duckdb: Built, on_engine: Built) -> None:
    for table in QUARANTINE:
        # the raw record is the engine's JSON of the row (keys ordered its own way) and the
        # time is the run's: the rows, reasons and details must match
        select = f"select raw_row_number, reason, reason_detail from main.{table} order by raw_row_number"
        assert on_engine.rows(select) == on_duckdb.rows(select), table


@pytest.mark.parametrize("on_engine", [POSTGRES], indirect=True)
def test_the_reader_role_reads_the_marts_and_nothing_else(on_engine: Built) -> None:
    """dbt grants on Postgres: a BI user in the reader role selects every mart, and is refused
    on the raw input, staging, intermediate, the quarantine and every table holding e-mails,
    phones or names."""
    env = on_engine.project.extra_env
    admin = dict(host=env["LEADSCORE_PG_HOST"], port=int(env["LEADSCORE_PG_PORT"]), dbname=env["LEADSCORE_PG_DATABASE"])
    on_engine.rows("create role bi_user login in role leadscore_reader; select 1")
    tables = on_engine.rows("""
        select table_schema, table_name, bool_or(column_name ~ '(^|_)(email|phone|name)($|_)'
                                                 and column_name not in ('field_name', 'attribute_name')
                                                 and column_name !~ '^can_')  -- consent flags are not PII
        from information_schema.columns
        where table_schema in ('main', 'raw', 'staging', 'intermediate')
        group by 1, 2""")
    private = [(schema, table) for schema, table, personal in tables
               if schema != "main" or table.startswith("quarantine_") or personal]
    assert ("raw", "leads") in private and ("intermediate", "int_leads_deduplicated") in private
    assert any(table.startswith("quarantine_") for _, table in private)
    reader = psycopg2.connect(user="bi_user", **admin)
    reader.autocommit = True
    try:
        with reader.cursor() as cursor:
            for mart in MARTS:
                cursor.execute(f"select count(*) from main.{mart}")
                assert cursor.fetchone()[0] >= 0
            refused = []
            for schema, table in private:
                try:
                    cursor.execute(f'select 1 from "{schema}"."{table}" limit 1')
                except psycopg2.errors.InsufficientPrivilege:
                    refused.append((schema, table))
            assert refused == private
    finally:
        reader.close()


def test_the_marts_hold_no_personal_data(on_duckdb: Built) -> None:
    """PII minimisation: what BI and the CRM read carries lead_id and scores, never an
    e-mail, a phone number or a name: no such column, and no text value that looks like an
    e-mail address or a phone number (the demo's leads all have them)."""
    marts = [*MARTS, "lead_score_changes"]
    columns = on_duckdb.rows(
        "select table_name, column_name, data_type from information_schema.columns "
        f"where table_schema = 'main' and table_name in ({', '.join(repr(mart) for mart in marts)})")
    assert {table for table, _, _ in columns} == set(marts)
    personal = [(table, column) for table, column, _ in columns
                if any(word in column for word in ("email", "phone", "first_name", "last_name", "company"))
                and not column.startswith("can_")]
    assert personal == []
    looks_personal = []
    for table, column, data_type in columns:
        # rules_version is a hex digest: a run of digits in it is not a phone number
        if data_type == "VARCHAR" and column != "rules_version":
            (found,) = on_duckdb.rows(
                f"select count(*) from main.{table} where regexp_matches({column}, '[^@ ]+@[^@ ]+[.][a-z]+') "
                f"or regexp_matches({column}, '[+(]?[0-9][0-9 ()-]{{7,}}[0-9]')")[0]
            if found:
                looks_personal.append((table, column, found))
    assert looks_personal == []
    # the check can fail: the input is full of such values
    assert on_duckdb.rows("select count(*) from staging.stg_leads where email is not null")[0][0] > 1000
