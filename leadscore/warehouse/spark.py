"""Spark: blue/green slots of versioned schemas, checks on Spark, publishing by view switches.

dbt-spark's `session` method runs Spark inside the job's own process, and its metastore
(embedded Derby, under LEADSCORE_SPARK_DIR) admits one JVM at a time: everything here uses
that one SparkSession (`SparkSession.builder.getOrCreate()`), never a second process.

Spark cannot rename a schema, and renames a table only within its schema, so the Postgres
swap has no Spark equivalent. Instead every layer exists three times: two slots that the
runs build into in turn, `<schema>__blue` and `<schema>__green` (dbt's schemas get the
slot's suffix from LEADSCORE_SCHEMA_SUFFIX, the target schema from LEADSCORE_SPARK_SCHEMA),
and the published schemas (`main`, `staging`, `intermediate`, `restricted`), which hold
only views, each `select * from` the same relation of the published slot. A run drops and
rebuilds the slot that is not published, the checks read it, and publishing points every
published view at it, each with one `create or replace view` (one metastore operation per
relation; the run log's view last, so that it names the slot of every view but during the
switch). The slot published before stays as it was until the next run rebuilds it: a
query that started on it finishes on it. A failed run changes no published view.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import yaml

from leadscore.project import PROJECT_ROOT
from leadscore.publish import HISTORY_TABLES
from leadscore.quality import CheckTarget
from leadscore.warehouse.base import (
    LAYER_SCHEMAS,
    RUN_LOG_COLUMNS,
    RUN_LOG_TABLE,
    FrameSource,
    RunRecord,
    current_rules_dates_query,
    exclusive_file_lock,
    history_dates_query,
    incremental_models,
    judged_query,
    last_run_query,
    run_dates_query,
    scored_dates,
)

SLOTS = ("blue", "green")
# the view property that names the slot a published view reads
SLOT_PROPERTY = "leadscore.slot"
NAMED_TABLE = re.compile(r"\b(main|staging|intermediate|restricted)\.(\w+)\b")
COUNT_QUERY = re.compile(r"^\s*select\s+count\(\*\)\s+from\s+(main|staging|intermediate|restricted)\.(\w+)\s*$", re.IGNORECASE)
SPARK_TYPES = {"varchar": "string"}


def quote(name: str) -> str:
    """A Spark identifier."""
    return "`" + name.replace("`", "``") + "`"


def literal(value: object) -> str:
    """A Spark SQL literal (Spark reads a backslash in a string literal as an escape)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return f"cast('{value.isoformat(sep=' ')}' as timestamp)"
    if isinstance(value, date):
        return f"cast('{value.isoformat()}' as date)"
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def spark_profile(env: Mapping[str, str]) -> dict[str, Any]:
    """The `spark` output of profiles/profiles.yml, rendered with the job's environment the
    way dbt renders it (its env_var()s), so that the job's session is the one dbt would make."""
    import jinja2  # noqa: PLC0415 - dbt's dependency

    path = Path(env.get("DBT_PROFILES_DIR") or PROJECT_ROOT / "profiles") / "profiles.yml"

    def env_var(name: str, default: str | None = None) -> str:
        if name in env:
            return env[name]
        if default is None:
            raise SystemExit(f"leadscore: {path} needs the environment variable {name}")
        return default

    rendered = jinja2.Environment(autoescape=False).from_string(path.read_text(encoding="utf-8")).render(env_var=env_var)
    profiles = yaml.safe_load(rendered) or {}
    output = ((profiles.get("leadscore") or {}).get("outputs") or {}).get("spark")
    if not isinstance(output, dict):
        raise SystemExit(f"leadscore: {path} has no output 'spark' for the spark target")
    if output.get("method") != "session":
        raise SystemExit(
            f"leadscore: the main job on Spark needs dbt-spark's session method (output 'spark' of {path} says "
            f"method: {output.get('method')}); on a cluster schedule dbt build (docs/engines.md)"
        )
    return output


def spark_session(parameters: Mapping[str, object]) -> Any:
    """The process's SparkSession, made as dbt-spark's session method makes it (Hive
    support, the profile's server_side_parameters) when dbt has not made it yet."""
    from pyspark.sql import SparkSession  # noqa: PLC0415 - only the spark target has PySpark

    builder = SparkSession.builder.appName("leadscore").enableHiveSupport()
    for key, value in parameters.items():
        builder = builder.config(str(key), str(value))
    return builder.getOrCreate()


class SparkFrames:
    """An in-memory DuckDB that copies in, on first mention, each main./staging./intermediate.
    relation a query names, from the Spark schemas they map to: Spark writes the relation as
    Parquet into a folder of its own, DuckDB reads it. A bare `select count(*) from <table>`
    is counted by Spark instead (the summary's raw row counts: nothing copied)."""

    def __init__(self, session: Any, schemas: dict[str, str], folder: Path) -> None:
        self.session = session
        self.schemas = schemas
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix="frames-", dir=folder))
        self.duckdb = duckdb.connect()
        self.duckdb.execute("set TimeZone = 'UTC'")
        self.loaded: set[tuple[str, str]] = set()

    def relation(self, schema: str, table: str) -> str:
        return f"{quote(self.schemas[schema])}.{quote(table)}"

    def sql(self, query: str) -> duckdb.DuckDBPyRelation:
        counted = COUNT_QUERY.match(query)
        if counted and counted.groups() not in self.loaded:
            (count,) = self.session.sql(f"select count(*) from {self.relation(*counted.groups())}").collect()[0]
            return self.duckdb.sql(f"select cast({int(count)} as bigint) as count_star")
        for schema, table in NAMED_TABLE.findall(query):
            self._load(schema, table)
        return self.duckdb.sql(query)

    def _load(self, schema: str, table: str) -> None:
        if (schema, table) in self.loaded:
            return
        self.loaded.add((schema, table))
        if not self.session.catalog.tableExists(self.relation(schema, table)):
            return  # DuckDB then names the missing table, as it would on the DuckDB target
        written = self.folder / f"{schema}.{table}"
        self.session.table(self.relation(schema, table)).write.mode("overwrite").parquet(str(written))
        self.duckdb.execute(f'create schema if not exists "{schema}"')
        self.duckdb.execute(f'create table "{schema}"."{table}" as select * from read_parquet(?)', [str(written / "*.parquet")])

    def close(self) -> None:
        self.duckdb.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class SparkWarehouse:
    """The published schemas of a Spark metastore (views) and the two slots behind them."""

    env: dict[str, str]
    slot: str | None = None
    published_slot: str | None = None
    _session: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        profile = spark_profile(self.env)
        self.parameters: dict[str, object] = dict(profile.get("server_side_parameters") or {})
        self.target_schema = str(profile.get("schema") or "main")
        self.spark_dir = Path(self.env.get("LEADSCORE_SPARK_DIR") or "target/spark").expanduser().resolve()

    # -- names -------------------------------------------------------------------------

    @property
    def location(self) -> str:
        slot = f" (views over the {self.published_slot} slot)" if self.published_slot else ""
        return f"schemas {', '.join(self.published_schemas())} of the Spark metastore in {self.spark_dir}{slot}"

    @property
    def published_name(self) -> str:
        return f"the published {self.location}"

    @property
    def unchanged(self) -> str:
        return f"{self.published_name} were not changed"

    def published_schemas(self) -> list[str]:
        return [self.target_schema, *LAYER_SCHEMAS]

    def suffix(self, slot: str) -> str:
        return f"__{slot}"

    def mapping(self, suffix: str) -> dict[str, str]:
        """Schema names as the frames write them -> the schemas of this metastore."""
        return {"main": self.target_schema + suffix, **{layer: layer + suffix for layer in LAYER_SCHEMAS}}

    @property
    def building(self) -> dict[str, str]:
        assert self.slot is not None, "prepare() first"
        return self.mapping(self.suffix(self.slot))

    # -- the session ---------------------------------------------------------------------

    @property
    def session(self) -> Any:
        if self._session is None:
            self.spark_dir.mkdir(parents=True, exist_ok=True)
            self._session = spark_session(self.parameters)
        return self._session

    def rows(self, query: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.session.sql(query).collect()]

    def exists(self, schema: str, table: str) -> bool:
        return bool(self.session.catalog.databaseExists(schema) and self.session.catalog.tableExists(f"{quote(schema)}.{quote(table)}"))

    def relations(self, schema: str) -> dict[str, str]:
        """The tables and views of a schema (not the session's temporary views): name -> type."""
        if not self.session.catalog.databaseExists(schema):
            return {}
        return {table.name: table.tableType for table in self.session.catalog.listTables(schema) if not table.isTemporary}

    # -- the protocol ----------------------------------------------------------------------

    def lock(self) -> AbstractContextManager[None]:
        """One run at a time per Spark folder (its metastore and warehouse): a file lock,
        released when the run's process ends, also when it is killed."""
        return exclusive_file_lock(self.spark_dir / "leadscore.lock", f"the Spark warehouse {self.spark_dir}")

    def find_published_slot(self) -> str | None:
        """The slot the published views read, from the run log's view (None: nothing published)."""
        if not self.exists(self.target_schema, RUN_LOG_TABLE):
            return None
        properties = dict(self.rows(f"show tblproperties {quote(self.target_schema)}.{quote(RUN_LOG_TABLE)}"))
        slot = properties.get(SLOT_PROPERTY)
        return slot if slot in SLOTS else None

    def published_views(self, schema: str) -> dict[str, str | None]:
        """The views of a published schema, each with the slot it reads (None: a view this
        job did not publish), from one metastore listing."""
        if not self.session.catalog.databaseExists(schema):
            return {}
        views: dict[str, str | None] = {}
        for row in self.session.sql(f"show table extended in {quote(schema)} like '*'").collect():
            information = dict(line.split(": ", 1) for line in str(row.information).splitlines() if ": " in line)
            if row.isTemporary or information.get("Type") != "VIEW":
                continue
            slot = re.search(re.escape(SLOT_PROPERTY) + r"=(\w+)", information.get("Table Properties", ""))
            views[str(row.tableName)] = slot.group(1) if slot and slot.group(1) in SLOTS else None
        return views

    def point_view(self, schema: str, name: str, slot: str) -> None:
        """The published view `schema.name` reads the slot's relation: one metastore operation."""
        self.session.sql(
            f"create or replace view {quote(schema)}.{quote(name)} tblproperties ({literal(SLOT_PROPERTY)} = {literal(slot)}) "
            f"as select * from {quote(schema + self.suffix(slot))}.{quote(name)}"
        )

    def repair_half_publish(self) -> None:
        """A publish stopped between two view switches left views on the slot this run is
        about to rebuild: they read the published slot again first (the run log's, which
        was switched last), so that no published view ever reads a slot being rebuilt."""
        assert self.slot is not None and self.published_slot is not None
        repaired = 0
        for schema in self.published_schemas():
            for name, slot in self.published_views(schema).items():
                if slot != self.slot:
                    continue
                if self.exists(schema + self.suffix(self.published_slot), name):
                    self.point_view(schema, name, self.published_slot)
                else:
                    self.session.sql(f"drop view {quote(schema)}.{quote(name)}")
                repaired += 1
        if repaired:
            print(
                f"leadscore: {repaired} published view(s) left on the {self.slot} slot by a publish that stopped half-way "
                f"read the {self.published_slot} slot again"
            )

    def _run_log_rows(self, query: str) -> list[tuple[Any, ...]]:
        if not self.exists(self.target_schema, RUN_LOG_TABLE):
            return []
        return self.rows(query)

    def last_run(self) -> tuple[object, ...] | None:
        self.published_slot = self.find_published_slot()
        rows = self._run_log_rows(last_run_query(quote(self.target_schema)))
        return rows[0] if rows else None

    def history_dates(self) -> set[date]:
        return scored_dates(self._run_log_rows(history_dates_query(quote(self.target_schema))))

    def run_dates(self) -> set[date]:
        return {row[0] for row in self._run_log_rows(run_dates_query(quote(self.target_schema))) if isinstance(row[0], date)}

    def dates_scored_with_current_rules(self) -> set[date]:
        marts, intermediate = self.building["main"], self.building["intermediate"]
        if not (self.exists(marts, "lead_score_history") and self.exists(intermediate, "int_rules_versioned")):
            return set()
        return {row[0] for row in self.rows(current_rules_dates_query(quote(marts), quote(intermediate)))}

    def carried_tables(self) -> list[tuple[str, str]]:
        """(schema, table) of every incremental model as published: the state a run continues
        from (dbt ls in a process of its own; it reads the project, not the metastore)."""
        return incremental_models({**self.env, "LEADSCORE_SCHEMA_SUFFIX": "", "LEADSCORE_SPARK_SCHEMA": self.target_schema})

    def prepare(self, incremental: bool) -> dict[str, str]:
        """The slot that is not published, emptied; what carries over is copied into it from
        the published slot: the history (with its ranks and counts) always, the event store
        and state when the run continues incrementally."""
        if self.published_slot is None:
            self.published_slot = self.find_published_slot()
        self.slot = next(slot for slot in SLOTS if slot != self.published_slot)
        suffix = self.suffix(self.slot)
        if self.published_slot is not None:
            self.repair_half_publish()
        for schema in self.published_schemas():
            self.session.sql(f"drop database if exists {quote(schema + suffix)} cascade")
        carried: list[tuple[str, str]] = []
        if self.published_slot is not None:
            history = [name.split(".") for name in HISTORY_TABLES]
            wanted = (
                self.carried_tables()
                if incremental
                else [(self.target_schema if schema == "main" else schema, table) for schema, table in history]
            )
            source_suffix = self.suffix(self.published_slot)
            for schema, table in wanted:
                if not self.exists(schema + source_suffix, table):
                    continue
                self.session.sql(f"create database if not exists {quote(schema + suffix)}")
                self.session.sql(
                    f"create table {quote(schema + suffix)}.{quote(table)} using parquet "
                    f"as select * from {quote(schema + source_suffix)}.{quote(table)}"
                )
                carried.append((schema, table))
        copied = f", {len(carried)} table(s) carried over from the {self.published_slot} slot" if carried else ""
        print(f"leadscore: building in the {self.slot} slot (schemas {', '.join(self.building.values())}){copied}")
        return {"LEADSCORE_SPARK_SCHEMA": self.target_schema + suffix, "LEADSCORE_SCHEMA_SUFFIX": suffix}

    def is_built(self) -> bool:
        return self.slot is not None and bool(self.session.catalog.databaseExists(self.building["staging"]))

    def check_target(self, parameters: dict[str, str]) -> CheckTarget:
        return CheckTarget("spark", "spark", self.building, parameters)

    def judged_since(self, judged_before: datetime | None) -> tuple[int, int]:
        store = f"{quote(self.building['intermediate'])}.int_activities_triaged"
        kept, quarantined = self.rows(judged_query(store).replace("?", literal(judged_before or datetime.min)))[0]
        return int(kept), int(quarantined)

    def newest_judged_at(self) -> datetime | None:
        """When the event store the build continues from last judged rows (None: empty);
        read as text, so that no Python time zone shifts it (the session's is UTC)."""
        schema = self.building["intermediate"]
        if not self.exists(schema, "int_activities_triaged"):
            return None
        (newest,) = self.rows(f"select cast(max(triaged_at) as string) from {quote(schema)}.int_activities_triaged")[0]
        return None if newest is None else datetime.fromisoformat(str(newest))

    def published_frames(self) -> FrameSource:
        return SparkFrames(self.session, self.mapping(""), self.spark_dir / "frames")

    def record_run(self, record: RunRecord) -> None:
        """The run log of the building slot: the published one's rows and this run's."""
        schema = quote(self.building["main"])
        runs = f"{schema}.{RUN_LOG_TABLE}"
        columns = ", ".join(f"{name} {SPARK_TYPES.get(kind, kind)}" for name, kind in RUN_LOG_COLUMNS)
        self.session.sql(f"drop table if exists {runs}")
        self.session.sql(f"create table {runs} ({columns}) using parquet")
        if self.exists(self.target_schema, RUN_LOG_TABLE):
            published = self.session.table(f"{quote(self.target_schema)}.{RUN_LOG_TABLE}").columns
            kept = ", ".join(
                name if name in published else f"cast(null as {SPARK_TYPES.get(kind, kind)}) as {name}" for name, kind in RUN_LOG_COLUMNS
            )
            self.session.sql(f"insert into {runs} select {kept} from {quote(self.target_schema)}.{RUN_LOG_TABLE}")
        scored, rules_version = self.rows(f"select count(*), max(rules_version) from {schema}.lead_scores")[0]
        values = [
            record.started_at,
            record.as_of,
            record.input,
            record.input_path,
            *record.input_rows,
            int(scored),
            record.warning_count,
            rules_version,
            ",".join(day.isoformat() for day in sorted(set(record.scored_dates))),
        ]
        self.session.sql(f"insert into {runs} values ({', '.join(literal(value) for value in values)})")

    def publish(self) -> None:
        """Every published view points at the building slot: one `create or replace view`
        each. A view of an earlier publish that the slot lacks (a model removed) is dropped;
        a table where a view belongs (left by a plain dbt build) is dropped first; anything
        else in the published schemas (a user's own view or table) is left alone. The run
        log's view goes last."""
        assert self.slot is not None
        for schema in [*LAYER_SCHEMAS, self.target_schema]:
            new = self.relations(schema + self.suffix(self.slot))
            old = self.relations(schema)
            views = self.published_views(schema)
            self.session.sql(f"create database if not exists {quote(schema)}")
            for name, kind in old.items():
                if kind != "VIEW" and name in new:
                    self.session.sql(f"drop table {quote(schema)}.{quote(name)}")
                elif kind == "VIEW" and name not in new and views.get(name) is not None:
                    self.session.sql(f"drop view {quote(schema)}.{quote(name)}")
            for name in sorted(new, key=lambda name: name == RUN_LOG_TABLE):
                self.point_view(schema, name, self.slot)
        self.published_slot = self.slot
