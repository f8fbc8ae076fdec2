"""Postgres: building schemas, checks on an in-memory DuckDB copy, publishing by schema renames."""

from __future__ import annotations

import random
import re
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb

from leadscore.publish import HISTORY_TABLES
from leadscore.quality import CheckTarget
from leadscore.warehouse.base import (
    BUILDING_SUFFIX,
    LAYER_SCHEMAS,
    PREVIOUS_SUFFIX,
    PUBLISH_LOCK_ATTEMPTS_SECONDS,
    PUBLISH_LOCK_TIMEOUT_MS,
    RUN_LOG_TABLE,
    FrameSource,
    RunRecord,
    WarehouseBusy,
    append_run_log,
    current_rules_dates_query,
    history_dates_query,
    incremental_models,
    judged_query,
    last_run_query,
    run_dates_query,
    scored_dates,
)

# The connection: LEADSCORE_PG_<X>, else libpq's standard PG<X> (docs/CONTRACT.md section 4),
# else the default; profiles/profiles.yml reads the same variables in the same order.
POSTGRES_SETTINGS = {
    "host": ("HOST", "127.0.0.1"),
    "port": ("PORT", "5432"),
    "user": ("USER", "leadscore"),
    "password": ("PASSWORD", ""),
    "dbname": ("DATABASE", "leadscore"),
}


# Postgres's JIT compiles each costly query before running it: seconds per model on queries
# that scan millions of rows once (int_activity_rules_summed at S: 17.1 s with it, 14.4 s
# without), and a fraction of a second for each of the build's hundreds of data tests. The
# job's dbt sessions and checks run without it. Models set their work_mem in a pre-hook (the
# var leadscore_postgres_work_mem); data tests have no hooks, and at the server's 4MB one unique
# test on 7M rows at M spilled its hash aggregate for 18+ minutes (4 s at 256MB), so the
# sessions start with the var's value: its default, or what the job was given (`--vars`), which
# the job hands on as LEADSCORE_PG_WORK_MEM (session_environment). A PGOPTIONS of the user's
# comes after, so a `-c jit=on` or a smaller work_mem there wins.
WORK_MEM_VAR = "postgres_work_mem"
WORK_MEM_ENV = "LEADSCORE_PG_WORK_MEM"
DEFAULT_WORK_MEM = "256MB"
# the sizes the models' pre-hook accepts (macros/operations/leadscore_set_work_mem.sql)
WORK_MEM_SIZE = re.compile(r"[0-9]+ ?(kB|MB|GB)")


def job_session_options(env: Mapping[str, str]) -> str:
    """libpq's PGOPTIONS for the job's dbt processes and checks."""
    work_mem = env.get(WORK_MEM_ENV, DEFAULT_WORK_MEM).replace(" ", "")
    return " ".join(part for part in (f"-c jit=off -c work_mem={work_mem}", env.get("PGOPTIONS", "").strip()) if part)


def session_environment(env: Mapping[str, str], variables: Mapping[str, object]) -> dict[str, str]:
    """The job's environment with the var leadscore_postgres_work_mem of this run, when given,
    for its sessions (data tests and checks have no pre-hook); a size the models' pre-hook
    would refuse stops the run before anything is built, named."""
    size = variables.get(WORK_MEM_VAR)
    if size is None or env.get("LEADSCORE_TARGET") != "postgres":
        return dict(env)
    if not WORK_MEM_SIZE.fullmatch(str(size).strip()):
        raise SystemExit(f"leadscore: leadscore_postgres_work_mem must be a size such as 256MB (kB, MB or GB), not {str(size)!r}")
    return {**env, WORK_MEM_ENV: str(size).strip()}


def postgres_connection_settings(env: Mapping[str, str]) -> dict[str, object]:
    """psycopg2's connection arguments from the same variables as profiles/profiles.yml."""
    settings: dict[str, object] = {
        key: env.get(f"LEADSCORE_PG_{name}", env.get(f"PG{name}", default)) for key, (name, default) in POSTGRES_SETTINGS.items()
    }
    settings["port"] = int(str(settings["port"]))
    settings["options"] = "-c TimeZone=UTC " + job_session_options(env)
    return settings


# Postgres column types as DuckDB reads them back from COPY's text (anything else: text).
DUCKDB_TYPES = {
    "bigint": "bigint",
    "integer": "integer",
    "smallint": "smallint",
    "boolean": "boolean",
    "double precision": "double",
    "real": "double",
    "numeric": "double",
    "date": "date",
    "timestamp without time zone": "timestamp",
    "timestamp with time zone": "timestamptz",
}
NAMED_TABLE = re.compile(r"\b(main|staging|intermediate)\.(\w+)\b")
WHOLE_TABLE_COUNT = re.compile(r"^\s*select count\(\*\) from (?P<schema>main|staging|intermediate)\.(?P<table>\w+)\s*$", re.IGNORECASE)


class PostgresFrames:
    """An in-memory DuckDB that copies in, on first mention, each main./staging./intermediate.
    table a query names, from the Postgres schemas they map to; a query that only counts a
    whole table's rows is answered by Postgres."""

    def __init__(self, settings: dict[str, object], schemas: dict[str, str]) -> None:
        import psycopg2  # noqa: PLC0415 - only the postgres target needs it

        self.schemas = schemas
        self.postgres = psycopg2.connect(**settings)
        self.postgres.autocommit = True
        self.duckdb = duckdb.connect()
        self.duckdb.execute("set TimeZone = 'UTC'")
        self.loaded: set[tuple[str, str]] = set()

    def sql(self, query: str) -> duckdb.DuckDBPyRelation:
        counted = WHOLE_TABLE_COUNT.match(query)
        if counted:
            # counted where the rows are: the summary counts the raw activities (a view of
            # millions of rows), which copying out took most of the report step to count
            with self.postgres.cursor() as cursor:
                cursor.execute(f'select count(*) from "{self.schemas[counted["schema"]]}"."{counted["table"]}"')
                return self.duckdb.sql(f"select cast({int(cursor.fetchone()[0])} as bigint) as row_count")
        for schema, table in NAMED_TABLE.findall(query):
            self._load(schema, table)
        return self.duckdb.sql(query)

    def _load(self, schema: str, table: str) -> None:
        if (schema, table) in self.loaded:
            return
        self.loaded.add((schema, table))
        with self.postgres.cursor() as cursor:
            cursor.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = %s and table_name = %s order by ordinal_position",
                (self.schemas[schema], table),
            )
            columns = cursor.fetchall()
            if not columns:
                return  # DuckDB then names the missing table, as it would on the DuckDB target
            with tempfile.NamedTemporaryFile(suffix=".csv") as rows:
                names = ", ".join('"' + name.replace('"', '""') + '"' for name, _ in columns)
                cursor.copy_expert(f'copy (select {names} from "{self.schemas[schema]}"."{table}") to stdout with (format csv)', rows)
                rows.flush()
                types = {name: DUCKDB_TYPES.get(kind, "varchar") for name, kind in columns}
                self.duckdb.execute(f'create schema if not exists "{schema}"')
                # COPY writes null unquoted and the empty string quoted: kept apart
                self.duckdb.execute(
                    f'create table "{schema}"."{table}" as select * from read_csv(?, header = false, '
                    f"columns = {duckdb_struct(types)}, quote = '\"', escape = '\"', allow_quoted_nulls = false, "
                    "auto_detect = false)",
                    [rows.name],
                )

    def close(self) -> None:
        self.duckdb.close()
        self.postgres.close()


def duckdb_struct(types: dict[str, str]) -> str:
    return "{" + ", ".join(f"'{name.replace(chr(39), chr(39) * 2)}': '{kind}'" for name, kind in types.items()) + "}"


@dataclass
class PostgresWarehouse:
    """The published schemas of a Postgres database and the building ones beside them."""

    env: dict[str, str]
    target_schema: str = "main"
    lock_connection: object | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.target_schema = self.env.get("LEADSCORE_PG_SCHEMA", "main")
        self.settings = postgres_connection_settings(self.env)

    @property
    def location(self) -> str:
        return (
            f"schemas {', '.join(self.published_schemas())} of database "
            f"{self.settings['dbname']} on {self.settings['host']}:{self.settings['port']}"
        )

    @property
    def published_name(self) -> str:
        return f"the published {self.location}"

    @property
    def unchanged(self) -> str:
        return f"{self.published_name} were not changed"

    def published_schemas(self) -> list[str]:
        return [self.target_schema, *LAYER_SCHEMAS]

    def mapping(self, suffix: str) -> dict[str, str]:
        """Schema names as the frames write them -> the schemas on this server."""
        return {"main": self.target_schema + suffix, **{layer: layer + suffix for layer in LAYER_SCHEMAS}}

    def connect(self):  # noqa: ANN201 - psycopg2's connection
        import psycopg2  # noqa: PLC0415

        return psycopg2.connect(**self.settings)

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One run at a time per database and target schema, on every machine: a session-level
        advisory lock, released when the run's connection closes (also when it is killed)."""
        connection = self.connect()
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute("select pg_try_advisory_lock(hashtext(%s))", ("leadscore " + self.target_schema,))
                if not cursor.fetchone()[0]:
                    raise WarehouseBusy(f"another run is building schema {self.target_schema} of database {self.settings['dbname']}")
            yield
        finally:
            connection.close()

    def _run_log_rows(self, query: str) -> list[tuple[object, ...]]:
        """A query of the published run log; no rows when there is none."""
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute("select to_regclass(%s)", (f'"{self.target_schema}".{RUN_LOG_TABLE}',))
                if cursor.fetchone()[0] is None:
                    return []
                cursor.execute(query)
                return list(cursor.fetchall())
        finally:
            connection.close()

    def last_run(self) -> tuple[object, ...] | None:
        rows = self._run_log_rows(last_run_query(f'"{self.target_schema}"'))
        return rows[0] if rows else None

    def history_dates(self) -> set[date]:
        """The scoring dates the published history holds (none: nothing published)."""
        return scored_dates(self._run_log_rows(history_dates_query(f'"{self.target_schema}"')))

    def run_dates(self) -> set[date]:
        """The scoring dates of the published runs (none: nothing published)."""
        return {row[0] for row in self._run_log_rows(run_dates_query(f'"{self.target_schema}"')) if isinstance(row[0], date)}

    def dates_scored_with_current_rules(self) -> set[date]:
        """The dates of the building history scored with this run's rules (none: no history)."""
        marts, intermediate = f'"{self.target_schema}{BUILDING_SUFFIX}"', f'"intermediate{BUILDING_SUFFIX}"'
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute("select to_regclass(%s)", (f"{marts}.lead_score_history",))
                if cursor.fetchone()[0] is None:
                    return set()
                cursor.execute(current_rules_dates_query(marts, intermediate))
                return {row[0] for row in cursor.fetchall()}
        finally:
            connection.close()

    def carried_tables(self) -> list[tuple[str, str]]:
        """(schema, table) of every incremental model as published: the state a run continues from."""
        return incremental_models({**self.env, "LEADSCORE_SCHEMA_SUFFIX": ""})

    def prepare(self, incremental: bool) -> dict[str, str]:
        """Fresh building schemas; what carries over is copied from the published ones: the
        history (with its ranks and counts) always, the event store and state when the run
        continues incrementally."""
        carried = (
            self.carried_tables()
            if incremental
            else [
                (self.target_schema if schema == "main" else schema, table)
                for schema, table in (name.split(".") for name in HISTORY_TABLES)
            ]
        )
        connection = self.connect()
        try:
            with connection, connection.cursor() as cursor:
                for schema in self.published_schemas():
                    cursor.execute(f'drop schema if exists "{schema}{BUILDING_SUFFIX}" cascade')
                for schema, table in carried:
                    copy_table(cursor, schema, schema + BUILDING_SUFFIX, table)
        finally:
            connection.close()
        return {
            "LEADSCORE_PG_SCHEMA": self.target_schema + BUILDING_SUFFIX,
            "LEADSCORE_SCHEMA_SUFFIX": BUILDING_SUFFIX,
            "PGOPTIONS": job_session_options(self.env),
        }

    def is_built(self) -> bool:
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute("select count(*) from pg_namespace where nspname = %s", ("staging" + BUILDING_SUFFIX,))
                return bool(cursor.fetchone()[0])
        finally:
            connection.close()

    def check_target(self, parameters: dict[str, str]) -> CheckTarget:
        from sqlalchemy.engine import URL  # noqa: PLC0415

        url = URL.create(
            "postgresql+psycopg2",
            username=str(self.settings["user"]),
            password=str(self.settings["password"]) or None,
            host=str(self.settings["host"]),
            port=int(str(self.settings["port"])),
            database=str(self.settings["dbname"]),
            query={"options": str(self.settings["options"])},
        )
        return CheckTarget(url.render_as_string(hide_password=False), "postgresql", self.mapping(BUILDING_SUFFIX), parameters)

    def judged_since(self, judged_before: datetime | None) -> tuple[int, int]:
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    judged_query(f'"intermediate{BUILDING_SUFFIX}".int_activities_triaged').replace("?", "%s"),
                    (judged_before or datetime.min,),
                )
                return cursor.fetchone()
        finally:
            connection.close()

    def newest_judged_at(self) -> datetime | None:
        schema = "intermediate" + BUILDING_SUFFIX
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute("select to_regclass(%s)", (f'"{schema}".int_activities_triaged',))
                if cursor.fetchone()[0] is None:
                    return None
                cursor.execute(f'select max(triaged_at) from "{schema}".int_activities_triaged')
                return cursor.fetchone()[0]
        finally:
            connection.close()

    def published_frames(self) -> FrameSource:
        return PostgresFrames(self.settings, self.mapping(""))

    def record_run(self, record: RunRecord) -> None:
        schema = f'"{self.target_schema}{BUILDING_SUFFIX}"'
        connection = self.connect()
        try:
            with connection, connection.cursor() as cursor:
                copy_table(cursor, self.target_schema, self.target_schema + BUILDING_SUFFIX, RUN_LOG_TABLE)
                append_run_log(cursor, schema, "%s", record)
        finally:
            connection.close()

    def publish(self) -> None:
        """The building schemas take the published names in one transaction. Every published
        relation is locked first, so a reader's statement that already uses one finishes
        first, and one that starts meanwhile waits and then reads the new tables.

        A reader's statement locks its tables one by one in its own order; a publisher that
        waited for one table while holding others could close a cycle with it, and Postgres
        would end one of them with "deadlock detected" (a BI query's error, or a failed run).
        So the locks are asked for with a short lock_timeout, shorter than the server's
        deadlock_timeout: a publisher that cannot have them all gives them back and tries
        again, and only it ever waits. After PUBLISH_LOCK_ATTEMPTS_SECONDS of readers that
        never pause, it waits its turn without a timeout."""
        import psycopg2.errors  # noqa: PLC0415 - only the postgres target needs it

        connection = self.connect()
        try:
            deadline = time.monotonic() + PUBLISH_LOCK_ATTEMPTS_SECONDS
            while True:
                patient = time.monotonic() >= deadline
                try:
                    with connection, connection.cursor() as cursor:
                        self.lock_published(cursor, None if patient else PUBLISH_LOCK_TIMEOUT_MS)
                        for schema in self.published_schemas():
                            cursor.execute(f'drop schema if exists "{schema}{PREVIOUS_SUFFIX}" cascade')
                            cursor.execute("select count(*) from pg_namespace where nspname = %s", (schema,))
                            if cursor.fetchone()[0]:
                                cursor.execute(f'alter schema "{schema}" rename to "{schema}{PREVIOUS_SUFFIX}"')
                            cursor.execute(f'alter schema "{schema}{BUILDING_SUFFIX}" rename to "{schema}"')
                    break
                except psycopg2.errors.LockNotAvailable:
                    time.sleep(random.uniform(0.05, 0.5))  # readers' statements end meanwhile
            # the old tables go once nobody can see them any more, outside the swap
            with connection, connection.cursor() as cursor:
                for schema in self.published_schemas():
                    cursor.execute(f'drop schema if exists "{schema}{PREVIOUS_SUFFIX}" cascade')
        finally:
            connection.close()

    def lock_published(self, cursor: object, timeout_ms: int | None) -> None:
        """Every published table and view, in access exclusive mode, within the transaction."""
        cursor.execute(  # type: ignore[attr-defined]
            "select format('%%I.%%I', n.nspname, c.relname) from pg_class as c "
            "join pg_namespace as n on n.oid = c.relnamespace "
            "where n.nspname = any(%s) and c.relkind in ('r', 'v', 'm', 'p') order by 1",
            (self.published_schemas(),),
        )
        relations = [row[0] for row in cursor.fetchall()]  # type: ignore[attr-defined]
        if not relations:
            return
        if timeout_ms is not None:
            cursor.execute(f"set local lock_timeout = {int(timeout_ms)}")  # type: ignore[attr-defined]
        cursor.execute(f"lock table {', '.join(relations)} in access exclusive mode")  # type: ignore[attr-defined]
        if timeout_ms is not None:
            cursor.execute("set local lock_timeout = 0")  # type: ignore[attr-defined]


def copy_table(cursor: object, source_schema: str, target_schema: str, table: str) -> None:
    """A table of a published schema, with its columns and constraints, into a building one."""
    cursor.execute("select to_regclass(%s)", (f'"{source_schema}"."{table}"',))  # type: ignore[attr-defined]
    if cursor.fetchone()[0] is None:  # type: ignore[attr-defined]
        return
    cursor.execute(f'create schema if not exists "{target_schema}"')  # type: ignore[attr-defined]
    cursor.execute(  # type: ignore[attr-defined]
        f'create table "{target_schema}"."{table}" (like "{source_schema}"."{table}" including all)'
    )
    cursor.execute(  # type: ignore[attr-defined]
        f'insert into "{target_schema}"."{table}" select * from "{source_schema}"."{table}"'
    )
