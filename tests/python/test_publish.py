"""Write-audit-publish: the main job builds beside the published DuckDB file and swaps it in
only when the build and its checks pass; a failed run leaves the published file byte for
byte as it was."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import forked
from conftest import DbtProject, write_csv


def run_job(project: DbtProject, published: Path, inputs: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "HOME": str(project.root),
        "LEADSCORE_DB": str(published),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    return forked.run(
        [sys.executable, "-m", "leadscore", "run", "--input", "files", "--input-path", str(inputs), "--as-of", "2026-06-01"],
        cwd=project.root, env=env,
    )


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_failed_run_leaves_the_published_file_unchanged(dbt_project: DbtProject, tmp_path: Path) -> None:
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", "lead_id,created_at,job_title\nL1,2026-01-01,CEO\nL2,2026-02-01,Intern\n")
    published = tmp_path / "bi" / "leadscore.duckdb"
    first = run_job(dbt_project, published, inputs)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert f"published {published}" in first.stdout
    before = checksum(published)

    # a malformed rule: the build stops before scoring, and BI keeps yesterday's scores
    rules = dbt_project.root / "seeds" / "scoring_rules.csv"
    rules.write_text(rules.read_text().replace(",-25,", ",minus 25,"))
    write_csv(inputs, "leads.csv", "lead_id,created_at,job_title\nL1,2026-01-01,CEO\nL3,2026-03-01,CTO\n")
    exported = {path.name: path.read_bytes() for path in (dbt_project.root / "exports").glob("*")}
    assert set(exported) == {"lead_score_changes.csv", "lead_score_changes.parquet"}
    failed = run_job(dbt_project, published, inputs)
    assert failed.returncode == 6  # docs/operations.md, "Scheduled runs": the build failed
    # the edited rules make the momentum moments be scored again first: the rule validation
    # stops that backfill, before any score
    assert "failed at step 'backfill'" in failed.stderr and "was not changed" in failed.stderr
    assert "the scoring_rules seed has 1 problem(s)" in failed.stdout + failed.stderr
    assert checksum(published) == before
    # the CRM export is written only by a run that published
    assert {path.name: path.read_bytes() for path in (dbt_project.root / "exports").glob("*")} == exported
    connection = duckdb.connect(str(published), read_only=True)
    try:
        assert sorted(connection.sql("select lead_id from lead_scores").fetchall()) == [("L1",), ("L2",)]
        assert connection.sql("select count(*) from staging.stg_leads").fetchall() == [(2,)]  # views still resolve
    finally:
        connection.close()


@pytest.mark.slow
def test_tables_input_on_duckdb_is_copied_and_kept_for_the_next_run(dbt_project: DbtProject, tmp_path: Path) -> None:
    """INPUT=tables with INPUT_DATABASE=<file>: the tables are read from that DuckDB file;
    they are published with the scores, so a later run without INPUT_DATABASE finds them."""
    source = tmp_path / "crm.duckdb"
    connection = duckdb.connect(str(source))
    try:
        connection.execute("create schema raw")
        connection.execute(
            "create table raw.leads as select * from (values ('T1', '2026-01-01', 'CEO'), ('T2', '2026-01-02', 'Intern'))"
            " as t(lead_id, created_at, job_title)"
        )
    finally:
        connection.close()
    published = tmp_path / "bi" / "leadscore.duckdb"
    env = {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "HOME": str(dbt_project.root),
        "LEADSCORE_DB": str(published),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    for extra in (["--input-database", str(source)], []):
        result = forked.run(
            [sys.executable, "-m", "leadscore", "run", "--input", "tables", *extra, "--as-of", "2026-06-01"],
            cwd=dbt_project.root, env=env,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        connection = duckdb.connect(str(published), read_only=True)
        try:
            assert sorted(connection.sql("select lead_id from lead_scores").fetchall()) == [("T1",), ("T2",)]
            assert connection.sql("select count(*) from raw.leads").fetchall() == [(2,)]
        finally:
            connection.close()
