"""What every warehouse offers the main job, and the run log they share."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

import duckdb

from leadscore.dbt import dbt_process
from leadscore.quality import CheckTarget

RUN_LOG_TABLE = "leadscore_runs"
# the event store: every raw activity row judged so far (docs/incremental-runs.md)
EVENT_STORE = "intermediate.int_activities_triaged"
RUN_LOG_COLUMNS = (
    ("run_started_at", "timestamp"),
    ("as_of", "timestamp"),
    ("input", "varchar"),
    ("input_path", "varchar"),
    ("leads_rows", "bigint"),
    ("activities_rows", "bigint"),
    ("outcomes_rows", "bigint"),
    ("accounts_rows", "bigint"),
    ("scored_leads", "bigint"),
    ("warning_count", "bigint"),
    ("rules_version", "varchar"),
    # the dates the run wrote into lead_score_history (its as_of's, and a backfill's), comma-separated
    ("scored_dates", "varchar"),
)
# The layers a run builds besides the target (marts) schema; the quarantine and the seeds
# are in the target schema. dbt's custom schemas get the building suffix through
# macros/dbt_overrides/generate_schema_name.sql (env LEADSCORE_SCHEMA_SUFFIX). `restricted` holds the
# personal data (docs/personal-data.md), published with the rest.
LAYER_SCHEMAS = ("staging", "intermediate", "restricted")
BUILDING_SUFFIX = "__building"
# publishing asks for its locks for this long at a time, below Postgres's default
# deadlock_timeout (1 s), and keeps asking for this long before it waits its turn
PUBLISH_LOCK_TIMEOUT_MS = 200
PUBLISH_LOCK_ATTEMPTS_SECONDS = 600
PREVIOUS_SUFFIX = "__previous"


class FrameSource(Protocol):
    """What the checks and the summary query: DuckDB SQL naming main., staging. and intermediate. tables."""

    def sql(self, query: str) -> duckdb.DuckDBPyRelation: ...

    def close(self) -> None: ...


@dataclass
class RunRecord:
    """One row of the run log (leadscore_runs)."""

    started_at: datetime
    as_of: datetime
    input: str | None
    input_path: str | None
    input_rows: tuple[int, int, int, int]
    warning_count: int
    scored_dates: tuple[date, ...] = ()


class Warehouse(Protocol):
    """The published warehouse of one target, as the main job sees it."""

    @property
    def location(self) -> str: ...

    @property
    def published_name(self) -> str: ...

    @property
    def unchanged(self) -> str: ...

    def lock(self) -> AbstractContextManager[None]: ...

    def last_run(self) -> tuple[object, ...] | None: ...

    def history_dates(self) -> set[date]: ...

    def dates_scored_with_current_rules(self) -> set[date]: ...

    def run_dates(self) -> set[date]: ...

    def prepare(self, incremental: bool) -> dict[str, str]: ...

    def is_built(self) -> bool: ...

    def check_target(self, parameters: dict[str, str]) -> CheckTarget: ...

    def newest_judged_at(self) -> datetime | None: ...

    def judged_since(self, judged_before: datetime | None) -> tuple[int, int]: ...

    def published_frames(self) -> FrameSource: ...

    def record_run(self, record: RunRecord) -> None: ...

    def publish(self) -> None: ...


def last_run_query(schema: str) -> str:
    return (
        f"select input, input_path, leads_rows, activities_rows, outcomes_rows, accounts_rows "
        f"from {schema}.{RUN_LOG_TABLE} order by run_started_at desc limit 1"
    )


def current_rules_dates_query(marts: str, intermediate: str) -> str:
    """The dates of the building history scored with the rules int_rules_versioned hashed."""
    return (
        f"select distinct score_date from {marts}.lead_score_history "
        f"where rules_version = (select max(rules_version) from {intermediate}.int_rules_versioned)"
    )


def run_dates_query(schema: str) -> str:
    """The scoring dates of the published runs (each run's as_of)."""
    return f"select distinct cast(as_of as date) from {schema}.{RUN_LOG_TABLE}"


def history_dates_query(schema: str) -> str:
    return f"select scored_dates from {schema}.{RUN_LOG_TABLE} where scored_dates is not null"


def scored_dates(rows: list[tuple[object, ...]]) -> set[date]:
    """The dates the run log says are in lead_score_history (each run's comma-separated list)."""
    return {date.fromisoformat(day) for (listed,) in rows for day in str(listed).split(",") if day}


def judged_query(store: str) -> str:
    """Rows of the event store judged after a time, kept and quarantined."""
    return (
        f"select count(*) filter (where triage_reason is null), count(*) filter (where triage_reason is not null) "
        f"from {store} where triaged_at > ?"
    )


class WarehouseBusy(RuntimeError):
    """Another run is building the same published warehouse."""


@contextmanager
def exclusive_file_lock(lock_path: Path, what: str) -> Iterator[None]:
    """Holds an exclusive lock on lock_path for the block; another holder means another run is
    building `what` (WarehouseBusy, never a wait)."""
    import fcntl  # noqa: PLC0415 - POSIX only, like the rest of the job

    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WarehouseBusy(f"another run is building {what} (lock {lock_path})") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def incremental_models(env: dict[str, str]) -> list[tuple[str, str]]:
    """(schema, table) of every incremental model under env's schema settings (dbt ls in a
    process of its own; it reads the project, not the warehouse)."""
    listed = dbt_process(
        [
            *("ls", "--resource-type", "model", "--select", "config.materialized:incremental"),
            *("--output", "json", "--output-keys", "schema", "alias"),
        ],
        env,
        check=True,
    )
    nodes = [json.loads(line) for line in listed.stdout.splitlines() if line.startswith("{")]
    return [(str(node["schema"]), str(node["alias"])) for node in nodes]


def append_run_log(cursor: object, schema: str, placeholder: str, record: RunRecord) -> None:
    """Adds this run to the run log of the building schema, through a DuckDB connection or a
    psycopg2 cursor (both execute and fetch; they differ in the parameter placeholder)."""
    cursor.execute(f"select count(*), max(rules_version) from {schema}.lead_scores")  # type: ignore[attr-defined]
    scored, rules_version = cursor.fetchone()  # type: ignore[attr-defined]
    columns = ", ".join(f"{name} {kind}" for name, kind in RUN_LOG_COLUMNS)
    cursor.execute(f"create table if not exists {schema}.{RUN_LOG_TABLE} ({columns})")  # type: ignore[attr-defined]
    for name, kind in RUN_LOG_COLUMNS:  # a run log written by an older leadscore gains the new columns
        cursor.execute(f"alter table {schema}.{RUN_LOG_TABLE} add column if not exists {name} {kind}")  # type: ignore[attr-defined]
    names = ", ".join(name for name, _ in RUN_LOG_COLUMNS)
    cursor.execute(  # type: ignore[attr-defined]
        f"insert into {schema}.{RUN_LOG_TABLE} ({names}) values ({', '.join(placeholder for _ in RUN_LOG_COLUMNS)})",
        [
            record.started_at,
            record.as_of,
            record.input,
            record.input_path,
            *record.input_rows,
            scored,
            record.warning_count,
            rules_version,
            ",".join(day.isoformat() for day in sorted(set(record.scored_dates))),
        ],
    )
