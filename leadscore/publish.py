"""Write-audit-publish on DuckDB: every run builds into a separate file and only a run that
passed all its checks replaces the file BI reads, in one atomic step. A failed run leaves
the published file exactly as it was.

The building file has the same name as the published one, in a sibling folder
(`<folder>/.building/<name>`): DuckDB names a database after its file's stem and dbt's views
refer to it by that name, so the views still resolve after the swap.

Publishing exchanges the two files (Linux renameat2 RENAME_EXCHANGE, one atomic step): the
building file becomes the published one, and the file BI read until then stays behind as
the spare. An incremental run does not copy the published database (at M, gigabytes of
stored events and history): it continues from the spare and first copies into it only what
the last published run added (its new events, the history dates its run log names with
their ranks and counts for score_performance, the registry and the run log), which makes
the spare equal to the published file in everything a run continues from.
The spare is used only when a marker written at the swap still matches it (size and
modification time: nothing wrote it since) and its last run is the one published before
the current one; otherwise, or where the file system cannot exchange two files, the run
starts from a full copy, as before.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import duckdb

RUN_LOG = "main.leadscore_runs"
# What a run adds to the tables it continues, by the column that says which run added a row:
# the event store and its registry grow by appends, the history by whole scoring dates.
APPENDED = (("intermediate.int_activities_triaged", "triaged_at"), ("intermediate.int_activity_deliveries_judged", "judged_at"))
# What a run writes by whole scoring dates: the history, and each date's ranks and counts
# for score_performance (the same dates, by the run that scored them). Every run carries
# them over, a full build too: the history is the record, and ranking it again would cost
# every stored date.
HISTORY_TABLES = ("main.lead_score_history", "intermediate.int_lead_scores_ranked", "intermediate.int_lead_score_breakdowns_counted")
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def building_path(published: Path) -> Path:
    """Where a run builds before it publishes (same file system, so the swap is atomic)."""
    return published.parent / ".building" / published.name


def wal_path(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def spare_marker(published: Path) -> Path:
    return building_path(published).with_name(published.name + ".spare.json")


@dataclass
class Preparation:
    """How a run's building file was made: `copied` (bytes copied from the published file,
    0 when it continued from the spare or started empty) and why."""

    building: Path
    copied: int
    how: str


def prepare_build(published: Path, continue_from_published: bool = False) -> Preparation:
    """A building file: empty (a full build), or holding what the published one holds (an
    incremental run), from the spare caught up when it can be, else from a copy. Whatever
    a failed or killed run left there is discarded."""
    building = building_path(published)
    building.parent.mkdir(parents=True, exist_ok=True)
    marker = spare_marker(published)
    spare_stat = read_marker(marker)
    # from here on the spare is being changed: no marker until the next swap writes one
    marker.unlink(missing_ok=True)
    if continue_from_published and published.exists():
        if spare_stat is not None and matches(building, spare_stat) and catch_up(building, published):
            return Preparation(building, 0, "continued the spare from the last publish")
        for leftover in (building, wal_path(building)):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(published, building)
        copied = published.stat().st_size
        if wal_path(published).exists():
            shutil.copyfile(wal_path(published), wal_path(building))
        return Preparation(building, copied, "copied the published database")
    for leftover in (building, wal_path(building)):
        leftover.unlink(missing_ok=True)
    return Preparation(building, 0, "a new database")


def read_marker(marker: Path) -> dict[str, int] | None:
    try:
        return json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def matches(building: Path, recorded: dict[str, int]) -> bool:
    """The spare is as the swap left it: same size and modification time, no write-ahead log."""
    try:
        stat = building.stat()
    except OSError:
        return False
    return not wal_path(building).exists() and stat.st_size == recorded.get("size") and stat.st_mtime_ns == recorded.get("mtime_ns")


def catch_up(building: Path, published: Path) -> bool:
    """Copies into the spare what the last published run added; False (the caller copies the
    whole file) when the spare is not the state just before it, when a reader holds the
    spare open, or when the tables do not come out equal (e.g. the last run erased rows)."""
    try:
        connection = duckdb.connect(str(building))
    except duckdb.Error:
        return False  # e.g. a BI session still reads the file published before the last one
    try:
        connection.execute(f"attach {literal(str(published))} as published_db (read_only)")
        spare_runs = scalar(connection, f"select max(run_started_at) from {RUN_LOG}")
        published_runs = [
            row[0]
            for row in connection.sql(f"select run_started_at from published_db.{RUN_LOG} order by run_started_at desc limit 2").fetchall()
        ]
        if spare_runs is None or len(published_runs) < 2 or published_runs[1] != spare_runs:
            return False
        connection.execute("begin")
        for table, column in APPENDED:
            if not exists(connection, table) or not exists(connection, table, "published_db"):
                connection.execute("rollback")
                return False
            connection.execute(
                f"insert into {table} select * from published_db.{table} "
                f"where {column} > coalesce((select max({column}) from {table}), cast('0001-01-01' as timestamp))"
            )
        # the history dates the last run wrote (its run log says which), as published
        scored = scalar(connection, f"select scored_dates from published_db.{RUN_LOG} order by run_started_at desc limit 1")
        if not scored or not all(exists(connection, table) and exists(connection, table, "published_db") for table in HISTORY_TABLES):
            connection.execute("rollback")
            return False
        dates = ", ".join(f"cast({literal(day)} as date)" for day in str(scored).split(","))
        for table in HISTORY_TABLES:
            connection.execute(f"delete from {table} where score_date in ({dates})")
            connection.execute(f"insert into {table} select * from published_db.{table} where score_date in ({dates})")
        connection.execute(f"create or replace table {RUN_LOG} as select * from published_db.{RUN_LOG}")
        compared = [name for name, _ in APPENDED] + list(HISTORY_TABLES)
        for name in compared:
            if exists(connection, name) and count(connection, name) != count(connection, f"published_db.{name}"):
                connection.execute("rollback")
                return False
        connection.execute("commit")
        connection.execute("checkpoint")
        return True
    except duckdb.Error:
        return False
    finally:
        connection.close()


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def scalar(connection: duckdb.DuckDBPyConnection, query: str) -> object:
    return connection.sql(query).fetchall()[0][0]


def count(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(str(scalar(connection, f"select count(*) from {table}")))


def exists(connection: duckdb.DuckDBPyConnection, table: str, database: str | None = None) -> bool:
    schema, name = table.split(".")
    found = connection.sql(
        "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?"
        + (" and database_name = ?" if database else " and database_name = current_database()"),
        params=[schema, name, database] if database else [schema, name],
    ).fetchall()[0][0]
    return bool(found)


def exchange(first: Path, second: Path) -> bool:
    """Swaps two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the
    system or the file system cannot (the caller then renames)."""
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is None:
        return False
    result = function(AT_FDCWD, os.fsencode(str(first)), AT_FDCWD, os.fsencode(str(second)), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOENT, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def publish(building: Path, published: Path) -> None:
    """Makes the building file the published one in one step; the file published until now
    becomes the spare the next incremental run continues from."""
    # Fold the write-ahead log into the file, so the published file is complete on its own.
    connection = duckdb.connect(str(building))
    try:
        connection.execute("checkpoint")
    finally:
        connection.close()
    # A log left by a crashed writer of the old file must not be replayed onto the new one.
    wal_path(published).unlink(missing_ok=True)
    if exchange(building, published):
        stat = building.stat()
        spare_marker(published).write_text(json.dumps({"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}), encoding="utf-8")
    else:
        os.replace(building, published)
    directory = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def copy_tables(building: Path, source: Path, schema: str, names: Collection[str] | None = None) -> list[str]:
    """Copies the tables of `schema` (or only `names`) from another DuckDB file into the
    building one, replacing same-named ones: what accumulates across runs (history, the
    run log) and the input of INPUT=tables, which would otherwise not survive the swap."""
    if not source.exists():
        return []
    connection = duckdb.connect(str(building))
    try:
        connection.execute(f"attach {literal(str(source))} as copy_source (read_only)")
        found = connection.sql(
            "select table_name from duckdb_tables() where database_name = 'copy_source' and schema_name = ?",
            params=[schema],
        ).fetchall()
        copied = [row[0] for row in found if names is None or row[0] in names]
        connection.execute(f'create schema if not exists "{schema}"')
        for table in copied:
            connection.execute(f'create or replace table "{schema}"."{table}" as select * from copy_source."{schema}"."{table}"')
        connection.execute("detach copy_source")
        return copied
    finally:
        connection.close()
