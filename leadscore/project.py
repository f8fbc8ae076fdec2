"""Where the dbt project is, where the jobs write, and the environment dbt needs.

Three places a project can come from, first match wins:
  1. `LEADSCORE_PROJECT_DIR` (what `leadscore --project-dir` sets): a dbt project of the
     user's own, e.g. a copy with edited seeds;
  2. the checkout this package sits in (`make demo` runs from one);
  3. the project shipped inside the installed package (`pip install leadscore`).

The jobs write their files (`target/`, `logs/`, `warehouse/`, `reports/`, `exports/`,
`data/demo/`) under WORK_ROOT: the project folder, except for the shipped project, which
may be read-only, where they go under the current folder. Every job calls
`dbt_environment()`, so a user never sets DBT_PROFILES_DIR or LEADSCORE_DB by hand (they
may still override them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SHIPPED_PROJECT = PACKAGE_DIR / "dbt_project"


def _project_root() -> tuple[Path, bool]:
    """The dbt project, and whether it is the copy shipped inside the package."""
    configured = os.environ.get("LEADSCORE_PROJECT_DIR")
    if configured:
        root = Path(configured).expanduser().resolve()
        if not (root / "dbt_project.yml").is_file():
            raise SystemExit(f"leadscore: --project-dir {root} holds no dbt_project.yml")
        return root, False
    if (PACKAGE_DIR.parent / "dbt_project.yml").is_file():
        return PACKAGE_DIR.parent, False
    if (SHIPPED_PROJECT / "dbt_project.yml").is_file():
        return SHIPPED_PROJECT, True
    raise SystemExit("leadscore: no dbt project found: pass --project-dir <folder with dbt_project.yml>")


PROJECT_ROOT, IS_SHIPPED = _project_root()
WORK_ROOT = Path(os.environ.get("LEADSCORE_WORK_DIR") or (Path.cwd() if IS_SHIPPED else PROJECT_ROOT)).resolve()
TARGET_DIR = WORK_ROOT / "target"
DEMO_DIR = WORK_ROOT / "data" / "demo"
DEFAULT_DB = WORK_ROOT / "warehouse" / "leadscore.duckdb"


def dbt_environment(overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The process environment with the project's dbt settings filled in."""
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_ROOT / "profiles"))
    env.setdefault("LEADSCORE_DB", str(DEFAULT_DB))
    env.setdefault("LEADSCORE_TARGET", "duckdb")
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    env.setdefault("DO_NOT_TRACK", "1")
    env.setdefault("GX_ANALYTICS_ENABLED", "false")
    if WORK_ROOT != PROJECT_ROOT:
        # dbt writes its artefacts beside the project unless told otherwise
        env.setdefault("DBT_TARGET_PATH", str(TARGET_DIR))
        env.setdefault("DBT_LOG_PATH", str(WORK_ROOT / "logs"))
    if overrides:
        env.update(overrides)
    if env["LEADSCORE_TARGET"] == "duckdb":
        # DuckDB creates the file, not its folder
        Path(env["LEADSCORE_DB"]).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return env


def ensure_demo_data() -> Path:
    """The demo input, generated on first use (an installed package has no `make`); in a
    separate process, so the jobs never import the generator."""
    if not (DEMO_DIR / "leads.csv").is_file():
        print(f"leadscore: generating the demo data into {DEMO_DIR}", flush=True)
        subprocess.run([sys.executable, "-m", "leadscore.demo", "--out", str(DEMO_DIR), "--quiet"], check=True)
    return DEMO_DIR


def dbt_executable() -> str:
    """The dbt of the interpreter running this process (the project's venv)."""
    candidate = Path(sys.executable).parent / "dbt"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("dbt")
    if found is None:
        raise SystemExit("leadscore: dbt is not installed; run `make demo` (or `make install`) first")
    return found
