"""Shared set-up for the scripts: where the project is, and the environment dbt needs.

Every script calls `dbt_environment()` so that a user never has to set DBT_PROFILES_DIR
or LEADSCORE_DB by hand (they may still override them).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "warehouse" / "leadscore.duckdb"


def dbt_environment(overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The process environment with the project's dbt settings filled in."""
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_ROOT / "profiles"))
    env.setdefault("LEADSCORE_DB", str(DEFAULT_DB))
    env.setdefault("LEADSCORE_TARGET", "duckdb")
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    env.setdefault("DO_NOT_TRACK", "1")
    env.setdefault("GX_ANALYTICS_ENABLED", "false")
    if overrides:
        env.update(overrides)
    return env


def dbt_executable() -> str:
    """The dbt of the interpreter running this script (the project's venv)."""
    candidate = Path(sys.executable).parent / "dbt"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("dbt")
    if found is None:
        raise SystemExit("leadscore: dbt is not installed; run `make demo` (or `make install`) first")
    return found
