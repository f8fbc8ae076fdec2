"""Write-audit-publish on DuckDB: every run builds into a separate file and only a run that
passed all its checks replaces the file BI reads, in one atomic rename. A failed run leaves
the published file exactly as it was.

The building file has the same name as the published one, in a sibling folder
(`<folder>/.building/<name>`): DuckDB names a database after its file's stem and dbt's views
refer to it by that name, so the views still resolve after the rename.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb


def building_path(published: Path) -> Path:
    """Where a run builds before it publishes (same file system, so the rename is atomic)."""
    return published.parent / ".building" / published.name


def wal_path(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def prepare_build(published: Path) -> Path:
    """A clean building file: whatever a failed or killed run left there is discarded."""
    building = building_path(published)
    building.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (building, wal_path(building)):
        leftover.unlink(missing_ok=True)
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
