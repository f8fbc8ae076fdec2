"""Crashes and repeats (issue 10), on the DuckDB target: a run killed with SIGKILL at
several points leaves what BI reads intact and readable, and the next run completes; two
runs started at once: one publishes, the other stops at once with exit 3 and a clear
message; the same input and as_of twice give byte-identical mart contents. (Postgres:
test_postgres_publish.py covers its lock and its publish.)"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import DbtProject, copy_project, run_main_job
from test_quality_gates import AS_OF, Feed

# minutes of engine builds: make test-slow (CI runs it after make test)
pytestmark = pytest.mark.slow

MARTS = ("lead_scores", "lead_score_reasons", "lead_model_scores", "lead_score_history", "lead_score_changes",
         "account_scores", "rule_performance", "score_performance")


def start_job(project: DbtProject, published: Path, inputs: Path, log: Path) -> subprocess.Popen[str]:
    """The main job in its own process group (dbt runs as its child), like cron starts it,
    its output in log.out and log.err (files, not pipes: nobody reads a pipe while the job
    runs, and a full pipe would stop it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "leadscore", "run", "--input", "files", "--input-path", str(inputs), "--as-of", AS_OF],
        cwd=project.root, stdout=log.with_suffix(".out").open("w"), stderr=log.with_suffix(".err").open("w"),
        text=True, start_new_session=True,
        env={"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(project.root),
             "LEADSCORE_DB": str(published), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "GX_ANALYTICS_ENABLED": "false"},
    )


def mart_checksums(published: Path) -> dict[str, str]:
    """Per mart, a digest of its rows in a fixed order (the contents, not the file's bytes:
    DuckDB's file layout may differ for the same rows)."""
    connection = duckdb.connect(str(published), read_only=True)
    try:
        return {
            mart: hashlib.sha256("\n".join(sorted(
                repr(row) for row in connection.sql(f"select * from main.{mart}").fetchall()
            )).encode()).hexdigest()
            for mart in MARTS
        }
    finally:
        connection.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> tuple[DbtProject, Path, Path]:
    folder = tmp_path_factory.mktemp("crashes")
    project = copy_project(folder)
    published = folder / "bi" / "leadscore.duckdb"
    inputs = Feed.clean().write(folder / "input")
    first = run_main_job(project, published, inputs, AS_OF)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    # a first build tests every stored event (without a filter: every row is this run's)
    connection = duckdb.connect(str(published), read_only=True)
    try:
        stored = connection.sql("select count(*) from intermediate.int_activities_deduplicated").fetchone()[0]
    finally:
        connection.close()
    assert stored > 0
    assert event_store_rows_tested(project, published, "unique_int_activities_deduplicated_activity_key") == stored
    assert "dbt_subquery" not in compiled_test(project, "unique_int_activities_deduplicated_activity_key")
    return project, published, inputs


def test_the_same_input_twice_gives_identical_marts(deployed: tuple[DbtProject, Path, Path]) -> None:
    project, published, inputs = deployed
    before = mart_checksums(published)
    again = run_main_job(project, published, inputs, AS_OF)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "incremental run from the published event store" in again.stdout
    assert mart_checksums(published) == before
    # the event store's data tests checked what the second run judged: no row (before, they
    # checked the newest judging time's rows, here every row of the first run, again)
    tested = event_store_rows_tested(project, published, "unique_int_activities_deduplicated_activity_key")
    assert tested == 0


def compiled_test(project: DbtProject, test: str) -> str:
    return (project.root / "target" / "compiled" / "leadscore" / "models" / "intermediate"
            / "_intermediate__models.yml" / f"{test}.sql").read_text()


def event_store_rows_tested(project: DbtProject, published: Path, test: str) -> int:
    """How many rows the last build's data test `test` read: its compiled filtered relation
    (`(select * from ... where ...) dbt_subquery`), or the whole model when a full build left
    the filter out, counted on the published file."""
    compiled = compiled_test(project, test)
    tested = re.search(r"from \((select \* from .*)\) dbt_subquery", compiled, re.S)
    whole = re.search(r"from (\"[^\s(]+\")\s+where", compiled)
    assert tested is not None or whole is not None, compiled
    relation = f"({tested.group(1)})" if tested is not None else whole.group(1)  # type: ignore[union-attr]
    connection = duckdb.connect(str(published), read_only=True)
    try:
        return connection.sql(f"select count(*) from {relation} as tested").fetchone()[0]
    finally:
        connection.close()


def test_a_run_killed_at_any_point_leaves_the_published_file_intact(deployed: tuple[DbtProject, Path, Path],
                                                                   tmp_path: Path) -> None:
    """SIGKILL to the whole run (job and dbt) after 2 s (starting), 8 s (dbt's staging or the
    input checks) and 16 s (the build; a run takes about 25 s here), one after the other:
    each time the published file is byte for byte the same and readable; then a run
    completes normally and publishes the same marts."""
    project, published, inputs = deployed
    before, marts = file_digest(published), mart_checksums(published)
    for seconds in (2, 8, 16):
        job = start_job(project, published, inputs, tmp_path / f"killed-{seconds}")
        time.sleep(seconds)
        still_running = job.poll() is None
        os.killpg(job.pid, signal.SIGKILL)
        job.wait()
        assert still_running, f"the run ended before {seconds} s; kill it earlier"
        assert file_digest(published) == before, f"killed after {seconds} s"
        assert mart_checksums(published) == marts
    after = run_main_job(project, published, inputs, AS_OF)
    assert after.returncode == 0, after.stdout[-3000:] + after.stderr[-3000:]
    assert mart_checksums(published) == marts


def test_two_runs_at_once_one_publishes_the_other_stops_at_once(deployed: tuple[DbtProject, Path, Path],
                                                                tmp_path: Path) -> None:
    """Whichever takes the lock first publishes; the other stops within seconds with exit 3
    (docs/operations.md, "Scheduled runs") and says why; the published marts are those of one run."""
    project, published, inputs = deployed
    marts = mart_checksums(published)
    started = time.monotonic()
    logs = [tmp_path / "first", tmp_path / "second"]
    jobs = [start_job(project, published, inputs, log) for log in logs]
    finished: dict[int, float] = {}
    while len(finished) < len(jobs) and time.monotonic() - started < 600:
        for index, job in enumerate(jobs):
            if index not in finished and job.poll() is not None:
                finished[index] = time.monotonic() - started
        time.sleep(0.2)
    for job in jobs:
        job.wait(timeout=60)
    outputs = [(log.with_suffix(".out").read_text(), log.with_suffix(".err").read_text()) for log in logs]
    codes = sorted(job.returncode for job in jobs)
    assert codes == [0, 3], [out[-2000:] + err[-2000:] for out, err in outputs]
    stopped = next(index for index, job in enumerate(jobs) if job.returncode == 3)
    error = outputs[stopped][1]
    assert "run failed at step 'lock'" in error and "another run is building" in error and "Traceback" not in error
    assert finished[stopped] < 30
    assert mart_checksums(published) == marts
