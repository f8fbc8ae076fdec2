"""Where the main job builds, how its checks read the build, and how it publishes — per engine.

DuckDB: the run builds a separate file and publishes it by an atomic rename (leadscore/publish.py).

Postgres: the run builds into schemas of their own (`main__building`, `staging__building`,
`intermediate__building`), the checks read those, and publishing renames them to the names
BI reads in one transaction, after locking every published relation: a statement sees either
all of the old tables or all of the new ones, and a failed run never touches them. Views
refer to tables by identity, not by name, so they follow their schema's rename.

The checks and the summary are DuckDB SQL (quality/frames, leadscore/summary.py). On Postgres
they run unchanged, on an in-memory DuckDB into which each table they name is copied from
the build (COPY ... TO STDOUT, typed from the catalog).

Spark: the run builds into the slot (`<schema>__blue` or `<schema>__green`) that is not
published, and publishing points the published schemas' views at it, one `create or replace
view` per relation (leadscore/warehouse/spark.py); everything runs in the job's own
SparkSession, the one dbt-spark's session method uses.
"""

from __future__ import annotations

from pathlib import Path

from leadscore.warehouse.base import (
    BUILDING_SUFFIX,
    EVENT_STORE,
    LAYER_SCHEMAS,
    RUN_LOG_COLUMNS,
    RUN_LOG_TABLE,
    FrameSource,
    RunRecord,
    Warehouse,
    WarehouseBusy,
)
from leadscore.warehouse.duckdb import DuckDBWarehouse
from leadscore.warehouse.postgres import PostgresWarehouse, postgres_connection_settings
from leadscore.warehouse.spark import SparkWarehouse

__all__ = [
    "BUILDING_SUFFIX",
    "EVENT_STORE",
    "LAYER_SCHEMAS",
    "RUN_LOG_COLUMNS",
    "RUN_LOG_TABLE",
    "DuckDBWarehouse",
    "FrameSource",
    "PostgresWarehouse",
    "RunRecord",
    "SparkWarehouse",
    "Warehouse",
    "WarehouseBusy",
    "for_target",
    "postgres_connection_settings",
]


def for_target(env: dict[str, str]) -> DuckDBWarehouse | PostgresWarehouse | SparkWarehouse:
    target = env.get("LEADSCORE_TARGET", "duckdb")
    if target == "duckdb":
        return DuckDBWarehouse(Path(env["LEADSCORE_DB"]).resolve())
    if target == "postgres":
        return PostgresWarehouse(env)
    if target == "spark":
        return SparkWarehouse(env)
    raise SystemExit(
        f"leadscore: the main job runs on the duckdb, postgres and spark targets, not on {target!r}; "
        "there, schedule dbt build (docs/engines.md)"
    )
