"""One project, every engine: the demo data scored on DuckDB (reading the files) and on a real
PostgreSQL server (the files copied in by scripts/load_input_postgres.py, input=tables) give
the same marts — scores to 1e-9, grades, stages, reasons, performance — and quarantine the
same rows for the same reasons. The expected values are DuckDB's: two independent engines
have to agree. The build on Postgres also runs every data test and unit test there."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import psycopg2
import pytest

from conftest import PROJECT_ROOT, DbtProject, copy_project, postgres_query
from scripts.postgres_server import Server

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


def same(left: object, right: object) -> bool:
    if isinstance(left, (float, Decimal)) or isinstance(right, (float, Decimal)):
        return left is not None and right is not None and abs(float(left) - float(right)) <= 1e-9
    return left == right


@pytest.fixture(scope="module")
def built(postgres: Server, tmp_path_factory: pytest.TempPathFactory) -> tuple[DbtProject, DbtProject]:
    """The demo scored on both engines, as of the same time (Postgres: with the reader role)."""
    pg_env = {"LEADSCORE_TARGET": "postgres", **postgres.create_database("engines")}
    loaded = subprocess.run([sys.executable, "-m", "scripts.load_input_postgres", "--input-path", str(DEMO),
                             "--schema", "raw"], cwd=PROJECT_ROOT, env={**os.environ, **pg_env},
                            capture_output=True, text=True, check=False)
    assert loaded.returncode == 0, loaded.stderr
    on_duckdb = copy_project(tmp_path_factory.mktemp("duckdb"))
    on_postgres = copy_project(tmp_path_factory.mktemp("postgres"))
    on_postgres.extra_env.update(pg_env)
    on_duckdb.build({"input": "files", "input_path": str(DEMO), "as_of": AS_OF})
    on_postgres.build({"input": "tables", "input_schema": "raw", "as_of": AS_OF})
    return on_duckdb, on_postgres


def postgres_rows(project: DbtProject, sql: str) -> list[tuple[object, ...]]:
    return postgres_query(project.extra_env, sql)


def columns_of(project: DbtProject, table: str) -> list[str]:
    connection = duckdb.connect(str(project.database), read_only=True)
    try:
        return [row[0] for row in connection.sql(
            "select column_name from information_schema.columns "
            f"where table_schema = 'main' and table_name = '{table}' order by ordinal_position").fetchall()]
    finally:
        connection.close()


@pytest.mark.parametrize("mart", sorted(MARTS))
def test_every_mart_is_the_same_on_duckdb_and_postgres(built: tuple[DbtProject, DbtProject], mart: str) -> None:
    on_duckdb, on_postgres = built
    columns = columns_of(on_duckdb, mart)
    order = MARTS[mart] or ", ".join(str(position) for position in range(1, len(columns) + 1))
    select = f"select {', '.join(columns)} from main.{mart} order by {order}"
    expected = on_duckdb.query(select)
    actual = postgres_rows(on_postgres, select)
    assert len(expected) > 0
    assert len(actual) == len(expected)
    differing = [
        (column, duck_row[:3], duck_value, pg_value)
        for duck_row, pg_row in zip(expected, actual)
        for column, duck_value, pg_value in zip(columns, duck_row, pg_row)
        if not same(duck_value, pg_value)
    ]
    assert differing == [], f"{len(differing)} values differ, e.g. {differing[:5]}"


def test_the_same_rows_are_quarantined_for_the_same_reasons(built: tuple[DbtProject, DbtProject]) -> None:
    on_duckdb, on_postgres = built
    for table in QUARANTINE:
        # the raw record is the engine's JSON of the row (keys ordered its own way) and the
        # time is the run's: the rows, reasons and details must match
        select = f"select raw_row_number, reason, reason_detail from main.{table} order by raw_row_number"
        assert postgres_rows(on_postgres, select) == on_duckdb.query(select), table



def test_the_reader_role_reads_the_marts_and_nothing_else(built: tuple[DbtProject, DbtProject]) -> None:
    """dbt grants on Postgres: a BI user in the reader role selects every mart, and is refused
    on the raw input, staging, intermediate, the quarantine and every table holding e-mails,
    phones or names."""
    _, on_postgres = built
    env = on_postgres.extra_env
    admin = dict(host=env["LEADSCORE_PG_HOST"], port=int(env["LEADSCORE_PG_PORT"]), dbname=env["LEADSCORE_PG_DATABASE"])
    postgres_rows(on_postgres, "create role bi_user login in role leadscore_reader; select 1")
    tables = postgres_rows(on_postgres, """
        select table_schema, table_name, bool_or(column_name ~ '(^|_)(email|phone|name)($|_)'
                                                 and column_name not in ('field_name', 'attribute_name'))
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
