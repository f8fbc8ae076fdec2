"""The benchmark's inputs: generated once per size, and copies with new deliveries of events."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import duckdb

from leadscore.benchmark.measure import AS_OF, SIZES
from leadscore.project import PROJECT_ROOT
from leadscore.sql import one_row


def generate(size: str, folder: Path) -> Path:
    """The input for a size, generated once (same seed, same bytes)."""
    leads, activities = SIZES[size]
    data = folder / "input"
    stamp = data / f".generated-{leads}-{activities}"
    if not stamp.exists():
        data.mkdir(parents=True, exist_ok=True)
        print(f"generating {leads:,} leads and {activities:,} activities into {data} ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "leadscore.demo",
                "--out",
                str(data),
                "--leads",
                str(leads),
                "--activities",
                str(activities),
                "--format",
                "parquet",
            ],
            cwd=PROJECT_ROOT,
            check=True,
        )
        stamp.touch()
    return data


def with_new_events(data: Path, folder: Path, share: float, delivery: int = 1) -> Path:
    """An input folder with the same tables, the activities plus `delivery` deliveries of a
    share of new events each (copies of random existing events moved to the day before the
    run that reads them, with new ids); the last delivery alone is also written as
    new_events.parquet (the main job reads the activities as a folder of deliveries)."""
    newer = folder / ("input_plus_new_events" if delivery == 1 else f"input_plus_{delivery}_deliveries")
    stamp = newer / f".generated-{share}-delivery"
    newer.mkdir(parents=True, exist_ok=True)
    for table in ("leads", "outcomes", "accounts", "sales_feedback", "score_adjustments"):
        target = newer / f"{table}.parquet"
        if target.is_symlink() and not target.exists():
            target.unlink()  # made in another checkout: relative links survive a move
        if not target.exists() and (data / f"{table}.parquet").exists():
            target.symlink_to(os.path.relpath(data / f"{table}.parquet", newer))
    if stamp.exists():
        return newer
    previous = data if delivery == 1 else with_new_events(data, folder, share, delivery - 1)
    as_of = date.fromisoformat(AS_OF) + timedelta(days=delivery - 1)
    connection = duckdb.connect()
    try:
        source = str(data / "activities.parquet").replace("'", "''")
        columns = [row[0] for row in connection.sql(f"describe select * from read_parquet('{source}')").fetchall()]
        moved = ", ".join(
            f"'N{delivery}-' || cast(row_number() over () as varchar) as activity_id"
            if c == "activity_id"
            else f"cast(timestamp '{as_of}' - interval 6 hour as {typeof(connection, source, c)}) as occurred_at"
            if c == "occurred_at"
            else f'"{c}"'
            for c in columns
        )
        new_events = str(newer / "new_events.parquet").replace("'", "''")
        connection.execute(
            f"copy (select {moved} from read_parquet('{source}') using sample {share * 100}% (system, {6 + delivery})) "
            f"to '{new_events}' (format parquet)"
        )
        earlier = str(previous / "activities.parquet").replace("'", "''")
        connection.execute(
            f"""copy (
                select * from read_parquet('{earlier}')
                union all
                select * from read_parquet('{new_events}')
            ) to '{str(newer / "activities.parquet").replace("'", "''")}' (format parquet)"""
        )
    finally:
        connection.close()
    stamp.touch()
    return newer


def typeof(connection: duckdb.DuckDBPyConnection, source: str, column: str) -> str:
    return one_row(connection.sql(f"select typeof(\"{column}\") from read_parquet('{source}') limit 1"))[0]


def count_events(data: Path) -> int:
    path = str(data / "activities.parquet").replace("'", "''")
    return one_row(duckdb.sql(f"select count(*) from read_parquet('{path}')"))[0]
