"""The package and its command: `pip install <checkout>` into a fresh virtual environment gives
a working `leadscore` that finds the dbt project it ships; what the jobs print has no escape
codes off a terminal, and `--log-format json` is one JSON object per line."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, copy_project
from leadscore.console import LineWriter

UV = Path(sys.executable).parent / "uv"
COMMANDS = ("run", "backfill", "calibrate", "report", "preview", "benchmark", "docs")


def test_the_command_lists_its_jobs_and_each_documents_its_options() -> None:
    listed = subprocess.run([sys.executable, "-m", "leadscore", "--help"], capture_output=True, text=True, check=True)
    assert all(f"  {name} " in listed.stdout for name in COMMANDS), listed.stdout
    for name, option in (("run", "--input-path"), ("backfill", "--from"), ("calibrate", "--min-support"),
                         ("report", "--out"), ("preview", "--as-of"), ("benchmark", "--size"), ("docs", "--input")):
        helped = subprocess.run([sys.executable, "-m", "leadscore", name, "--help"], capture_output=True, text=True,
                                check=False)
        assert helped.returncode == 0 and f"leadscore {name}" in helped.stdout and option in helped.stdout, name


def test_off_a_terminal_no_escape_codes_pass() -> None:
    """dbt's colours, a progress bar's carriage returns: the line as a person reads it."""
    out = io.StringIO()
    writer = LineWriter(out, "info", as_json=False)
    writer.write("\x1b[32mOK\x1b[0m created model\nbar  10%\rbar 100%\n")
    assert out.getvalue() == "OK created model\nbar 100%\n"


def test_json_logs_are_one_object_per_line() -> None:
    """The jobs' lines become objects (a step line with its step, status and seconds); dbt's
    own JSON log lines pass as they are."""
    out = io.StringIO()
    writer = LineWriter(out, "info", as_json=True)
    dbt_line = json.dumps({"info": {"name": "NodeFinished", "msg": "1 of 2 OK"}, "data": {}})
    writer.write("leadscore: step build ok in 14.2 s\n\n" + dbt_line + "\n\x1b[31mred\x1b[0m")
    writer.close()
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 3
    assert records[0]["step"] == "build" and records[0]["status"] == "ok" and records[0]["seconds"] == 14.2
    assert records[1] == json.loads(dbt_line)
    assert records[2]["msg"] == "red" and records[2]["level"] == "info"


def test_a_failing_command_logs_json_on_stderr(tmp_path: Path) -> None:
    failed = subprocess.run(
        [sys.executable, "-m", "leadscore", "--log-format", "json", "report"], capture_output=True, text=True,
        check=False, cwd=PROJECT_ROOT, env={**os.environ, "LEADSCORE_DB": str(tmp_path / "none.duckdb")},
    )
    assert failed.returncode != 0
    lines = [json.loads(line) for line in (failed.stdout + failed.stderr).splitlines()]
    assert any("run `make demo` or `make run` first" in line["msg"] for line in lines)


@pytest.mark.slow
@pytest.mark.skipif(not UV.exists(), reason="uv is installed into the venv by make")
def test_pip_install_of_the_checkout_ships_the_dbt_project(tmp_path: Path) -> None:
    """A fresh venv with the locked dependencies and the checkout installed (not editable):
    run from an unrelated folder, the command finds the project inside the package, runs the
    main job on the demo (generated on first use) and dbt's docs, writing only into the
    working folder."""
    checkout = copy_project(tmp_path / "checkout").root
    for name in ("pyproject.toml", "README.md", "LICENSE", "requirements.lock"):
        (checkout / name).write_bytes((PROJECT_ROOT / name).read_bytes())
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    subprocess.run([str(UV), "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    subprocess.run([str(UV), "pip", "install", "--quiet", "--python", str(python), "-r",
                    str(checkout / "requirements.lock")], check=True)
    subprocess.run([str(UV), "pip", "install", "--quiet", "--no-deps", "--python", str(python), str(checkout)],
                   check=True)
    work = tmp_path / "work"
    work.mkdir()
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(work)}
    helped = subprocess.run([str(venv / "bin" / "leadscore"), "--help"], cwd=work, env=env, capture_output=True,
                            text=True, check=False)
    assert helped.returncode == 0 and "calibrate" in helped.stdout, helped.stderr
    located = subprocess.run(
        [str(python), "-c", "from leadscore.project import PROJECT_ROOT, IS_SHIPPED, WORK_ROOT; "
                            "print(PROJECT_ROOT, IS_SHIPPED, WORK_ROOT)"],
        cwd=work, env=env, capture_output=True, text=True, check=True,
    )
    root, shipped, work_root = located.stdout.split()
    assert shipped == "True" and "site-packages" in root and Path(work_root) == work
    for part in ("dbt_project.yml", "models/marts/lead_scores.sql", "macros/_macros.yml", "seeds/scoring_rules.csv",
                 "profiles/profiles.yml", "quality/checks.yml", "tests/generic/has_rows.sql"):
        assert (Path(root) / part).exists(), part
    ran = subprocess.run([str(venv / "bin" / "leadscore"), "run", "--input", "demo", "--no-history", "--no-backtest"],
                         cwd=work, env=env, capture_output=True, text=True, check=False, timeout=900)
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    assert (work / "warehouse" / "leadscore.duckdb").exists() and (work / "reports" / "leadscore.html").exists()
    documented = subprocess.run([str(venv / "bin" / "leadscore"), "docs"], cwd=work, env=env, capture_output=True,
                                text=True, check=False, timeout=600)
    assert documented.returncode == 0, documented.stdout[-3000:] + documented.stderr[-3000:]
    assert (work / "target" / "static_index.html").exists()
    assert not (Path(root) / "target").exists()
