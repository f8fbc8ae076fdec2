"""The engine scores for calibration: copies of the dbt project with other seeds, each built
into its own DuckDB file in the run's workspace. Candidates are scored by the engine itself,
so the points learnt reproduce the engine's scores exactly."""

from __future__ import annotations

import csv
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from leadscore.calibration.settings import Settings
from leadscore.dbt import dbt_process
from leadscore.project import PROJECT_ROOT, dbt_environment

COPIED = ("dbt_project.yml", "models", "macros", "seeds", "tests", "profiles", "analyses")
SCORED = ("+lead_scores", "+lead_score_reasons", "+int_leads_labelled")


def engine_project(name: str, seeds: dict[str, list[dict[str, str]]], settings: Settings) -> Path:
    """A copy of the dbt project whose seeds are replaced by the given rows."""
    root = settings.workspace / name
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for item in COPIED:
        source = PROJECT_ROOT / item
        if source.is_dir():
            shutil.copytree(source, root / item, ignore=shutil.ignore_patterns("__pycache__", "python"))
        elif source.exists():
            shutil.copy2(source, root / item)
    for seed, rows in seeds.items():
        write_csv(root / "seeds" / f"{seed}.csv", rows, read_header(seed))
    return root


def score_with_engine(
    name: str,
    seeds: dict[str, list[dict[str, str]]],
    settings: Settings,
    extra_vars: dict[str, object] | None = None,
    select: tuple[str, ...] = SCORED,
    data_tests: bool = True,
) -> Path:
    """Builds lead_scores, lead_score_reasons and the labels (or `select`) with these seeds;
    returns the database. Without `data_tests` only the models run: for the runs whose input
    the run with the current rules tested already and whose rules this package wrote (the
    rules it suggests are tested in their own run)."""
    root = engine_project(name, seeds, settings)
    database = settings.workspace / f"{name}.duckdb"
    database.unlink(missing_ok=True)
    env = dbt_environment({"LEADSCORE_DB": str(database), "DBT_PROFILES_DIR": str(root / "profiles")})
    variables = {
        **settings.dbt_vars,
        "score_at_lead_age_days": settings.age_days or 0,
        "performance_horizon_days": settings.horizon_days,
        **(extra_vars or {}),
    }
    started = time.monotonic()
    command = [
        "build",
        "--select",
        *select,
        "--indirect-selection",
        "cautious",
        "--exclude-resource-type",
        "unit_test",
        *(() if data_tests else ("--exclude-resource-type", "test")),
    ]
    completed = dbt_process(command, env, variables, project_dir=root)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-6000:] + completed.stderr[-3000:])
        raise SystemExit(f"leadscore calibrate: the engine run '{name}' failed (dbt exit {completed.returncode})")
    print(f"  engine run '{name}': {time.monotonic() - started:.0f} s", flush=True)
    return database


def query(database: Path, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return connection.execute(sql, params or []).df()
    finally:
        connection.close()


def read_seed(name: str) -> list[dict[str, str]]:
    with (PROJECT_ROOT / "seeds" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_header(name: str) -> list[str]:
    with (PROJECT_ROOT / "seeds" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    """The rows under `columns` and any further column a row has (the seed's optional ones,
    e.g. scoring_rules' min_count of a kept rule of another model), empty where a row lacks it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = [name for name in dict.fromkeys(key for row in rows for key in row) if name not in columns]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*columns, *extra], restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
