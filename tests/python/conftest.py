"""Shared fixtures: a throw-away copy of the project with its own DuckDB file, and a
helper that runs dbt in it as a subprocess (one dbt at a time, never two in one process)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import psycopg2
import pytest

import forked
from leadscore import postgres_server

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# The engines the end-to-end tests run on. DuckDB's runs are `make test`; the tests marked
# `postgres` are `make test-postgres` (which starts the server); `make test-spark`
# (LEADSCORE_TEST_SPARK=required, in the venv with PySpark) adds Spark. CI runs all three.
SPARK_REQUIRED = os.environ.get("LEADSCORE_TEST_SPARK") == "required"
POSTGRES = pytest.param("postgres", marks=pytest.mark.postgres)
TARGETS = ("duckdb", POSTGRES, "spark") if SPARK_REQUIRED else ("duckdb", POSTGRES)
COPIED = ("dbt_project.yml", "models", "macros", "seeds", "tests", "profiles", "leadscore", "analyses", "quality")


@dataclass
class DbtProject:
    """A copy of the project in a temporary folder, with its own warehouse file."""

    root: Path
    database: Path
    # e.g. the `postgres` target and its connection (LEADSCORE_TARGET, LEADSCORE_PG_*)
    extra_env: dict[str, str] = field(default_factory=dict)

    def dbt(self, *arguments: str, dbt_vars: dict[str, object] | None = None) -> subprocess.CompletedProcess[str]:
        command = [str(Path(sys.executable).parent / "dbt"), *arguments]
        if dbt_vars is not None:
            # the tests name vars as the jobs do; the project's names carry the prefix
            command += ["--vars", json.dumps({name if name.startswith("leadscore_") else f"leadscore_{name}": value
                                              for name, value in dbt_vars.items()})]
        env = {
            "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
            "HOME": str(self.root),
            "DBT_PROFILES_DIR": str(self.root / "profiles"),
            "LEADSCORE_DB": str(self.database),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DO_NOT_TRACK": "1",
            **self.extra_env,
        }
        return forked.run(command, cwd=self.root, env=env)

    def build(self, dbt_vars: dict[str, object], *extra: str) -> subprocess.CompletedProcess[str]:
        result = self.dbt("build", *extra, dbt_vars=dbt_vars)
        assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
        return result

    @property
    def target(self) -> str:
        return self.extra_env.get("LEADSCORE_TARGET", "duckdb")

    def query(self, sql: str) -> list[tuple[object, ...]]:
        """Rows of a query on the project's warehouse; unqualified names are the marts'
        schema (main) on every engine. Postgres numerics arrive as floats, as DuckDB's do."""
        if self.target == "postgres":
            rows = postgres_query(self.extra_env, sql, search_path="main")
            return [tuple(float(value) if isinstance(value, Decimal) else value for value in row) for row in rows]
        if self.target == "spark":
            return spark_tables_query(Path(self.extra_env["LEADSCORE_SPARK_DIR"]), sql)
        connection = duckdb.connect(str(self.database), read_only=True)
        try:
            return connection.sql(sql).fetchall()
        finally:
            connection.close()

    def input_vars(self, folder: Path) -> dict[str, object]:
        """The dbt vars that read an input folder: its files on DuckDB; on Postgres the
        files copied into the schema raw by the loader script (input=tables)."""
        if self.target != "postgres":
            return {"input": "files", "input_path": str(folder)}
        postgres_load(self.extra_env, folder, "raw")
        return {"input": "tables", "input_schema": "raw"}


def copy_project(folder: Path) -> DbtProject:
    """Copies the dbt project (not the venv, the warehouse or the demo data) into folder."""
    root = folder / "project"
    root.mkdir(parents=True)
    for name in COPIED:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__", "python"))
        elif source.exists():
            shutil.copy2(source, root / name)
    return DbtProject(root=root, database=folder / "test.duckdb")


@pytest.fixture
def dbt_project(tmp_path: Path) -> DbtProject:
    return copy_project(tmp_path)


def copy_project_on(target: str, folder: Path, request: pytest.FixtureRequest) -> DbtProject:
    """copy_project, building on `target`: on Postgres into a new database of the session's
    server; on Spark into a metastore and warehouse folder of its own."""
    project = copy_project(folder)
    if target == "postgres":
        server = request.getfixturevalue("postgres")
        project.extra_env.update({"LEADSCORE_TARGET": "postgres", **server.create_database(folder.name.lower())})
    elif target == "spark":
        # the local session binds to loopback, whatever the host name resolves to
        project.extra_env.update({"LEADSCORE_TARGET": "spark", "LEADSCORE_SPARK_DIR": str(folder / "spark"),
                                  "SPARK_LOCAL_IP": os.environ.get("SPARK_LOCAL_IP", "127.0.0.1")})
        if "JAVA_HOME" in os.environ:
            project.extra_env["JAVA_HOME"] = os.environ["JAVA_HOME"]
    return project


def spark_tables_query(spark_dir: Path, sql: str) -> list[tuple[object, ...]]:
    """A query over the Parquet files of the Spark target's tables (one folder per table,
    spark-warehouse/<schema>.db/<table>), each a view of an in-memory DuckDB. Faster than a
    SparkSession per query, and the metastore (Derby) admits one process at a time. Views
    (staging) are not files: they are not queryable this way, nor is an empty table (an
    empty seed writes no Parquet file)."""
    connection = duckdb.connect()
    try:
        for table_folder in sorted((spark_dir / "spark-warehouse").glob("*.db/*")):
            if not any(table_folder.glob("*.parquet")):
                continue
            schema = table_folder.parent.name.removesuffix(".db")
            files = str(table_folder / "*.parquet").replace("'", "''")
            connection.execute(f'create schema if not exists "{schema}"')
            connection.execute(f'create view "{schema}"."{table_folder.name}" as select * from read_parquet(\'{files}\')')
        return connection.sql(sql).fetchall()
    finally:
        connection.close()


@pytest.fixture(scope="session")
def postgres() -> Iterator[postgres_server.Server]:
    """A real PostgreSQL server (Debian's package; `make test` installs it when missing) on
    127.0.0.1, initialised in a temporary folder for the test session and stopped after it.
    The folder is not under pytest's (private to this user): as root, the server runs as
    the postgres user, who must be able to reach it."""
    folder = Path(tempfile.mkdtemp(prefix="leadscore-postgres-"))
    try:
        yield postgres_server.start(folder)
    finally:
        postgres_server.stop(folder)


def postgres_connect(env: dict[str, str]) -> psycopg2.extensions.connection:
    """An autocommit connection to the database of a `postgres` fixture's env (LEADSCORE_PG_*)."""
    connection = psycopg2.connect(host=env["LEADSCORE_PG_HOST"], port=int(env["LEADSCORE_PG_PORT"]),
                                  user=env["LEADSCORE_PG_USER"], dbname=env["LEADSCORE_PG_DATABASE"])
    connection.autocommit = True
    return connection


def postgres_query(env: dict[str, str], sql: str, search_path: str | None = None, setup: tuple[str, ...] = (),
                   parameters: dict[str, object] | None = None) -> list[tuple[object, ...]]:
    """Rows of one query, after the `setup` statements in the same session (settings, temporary
    functions); `parameters` are psycopg2's named ones."""
    connection = postgres_connect(env)
    try:
        with connection.cursor() as cursor:
            if search_path:
                cursor.execute("select set_config('search_path', %s, false)", (search_path,))
            for statement in setup:
                cursor.execute(statement)
            cursor.execute(sql, parameters)
            return cursor.fetchall()
    finally:
        connection.close()


def postgres_load(env: dict[str, str], folder: Path, schema: str) -> None:
    """leadscore/loaders/postgres.py: an input folder's files into schema, which must succeed."""
    loaded = forked.run([sys.executable, "-m", "leadscore.loaders.postgres", "--input-path", str(folder),
                         "--schema", schema], cwd=PROJECT_ROOT, env={**os.environ, **env})
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr


def write_csv(folder: Path, name: str, text: str) -> Path:
    """Writes a CSV as given, without the common indentation of the literal."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def run_main_job(
    project: DbtProject, published: Path, inputs: Path, as_of: str, *extra: str
) -> subprocess.CompletedProcess[str]:
    """The main job (leadscore/job.py) of a project copy on an input folder, publishing to
    `published` (a subprocess, like a scheduled run)."""
    env = {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "HOME": str(project.root),
        "LEADSCORE_DB": str(published),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "GX_ANALYTICS_ENABLED": "false",
    }
    return forked.run(
        [sys.executable, "-m", "leadscore", "run", "--input", "files", "--input-path", str(inputs), "--as-of", as_of, *extra],
        cwd=project.root, env=env,
    )
