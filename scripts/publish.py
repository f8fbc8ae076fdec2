"""Write-audit-publish on DuckDB: every run builds into a separate file and only a run that
passed all its checks replaces the file BI reads, in one atomic rename. A failed run leaves
the published file exactly as it was.

The building file has the same name as the published one, in a sibling folder
(`<folder>/.building/<name>`): DuckDB names a database after its file's stem and dbt's views
refer to it by that name, so the views still resolve after the rename.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection
from pathlib import Path

import duckdb


def building_path(published: Path) -> Path:
    """Where a run builds before it publishes (same file system, so the rename is atomic)."""
    return published.parent / ".building" / published.name


def wal_path(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def prepare_build(published: Path, continue_from_published: bool = False) -> Path:
    """A clean building file: whatever a failed or killed run left there is discarded. When
    the run continues from the published file (an incremental run), it starts as a copy of
    it: the event store and the carried state come along."""
    building = building_path(published)
    building.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (building, wal_path(building)):
        leftover.unlink(missing_ok=True)
    if continue_from_published and published.exists():
        shutil.copyfile(published, building)
        if wal_path(published).exists():
            shutil.copyfile(wal_path(published), wal_path(building))
    return building


def publish(building: Path, published: Path) -> None:
    """Makes the building file the published one in one step."""
    # Fold the write-ahead log into the file, so the renamed file is complete on its own.
    connection = duckdb.connect(str(building))
    try:
        connection.execute("checkpoint")
    finally:
        connection.close()
    # A log left by a crashed writer of the old file must not be replayed onto the new one.
    wal_path(published).unlink(missing_ok=True)
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
        literal = "'" + str(source).replace("'", "''") + "'"
        connection.execute(f"attach {literal} as copy_source (read_only)")
        found = connection.sql(
            "select table_name from duckdb_tables() where database_name = 'copy_source' and schema_name = ?",
            params=[schema],
        ).fetchall()
        copied = [row[0] for row in found if names is None or row[0] in names]
        connection.execute(f'create schema if not exists "{schema}"')
        for table in copied:
            connection.execute(
                f'create or replace table "{schema}"."{table}" as select * from copy_source."{schema}"."{table}"'
            )
        connection.execute("detach copy_source")
        return copied
    finally:
        connection.close()
