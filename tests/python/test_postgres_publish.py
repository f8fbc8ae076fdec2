"""The main job on a real PostgreSQL server: write-audit-publish with schemas. A run builds
into `<schema>__building` schemas, runs its Great Expectations checks there, and publishes
by renaming them in one transaction; a failed run leaves the published schemas as they were;
a reader connected during a run sees the old scores or the new ones, never a mix; two runs
never build at once. Also: the loader reads Parquet input as it reads CSV."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import psycopg2
import pytest

import forked
from conftest import PROJECT_ROOT, DbtProject, copy_project, postgres_connect
from conftest import postgres_load as load
from conftest import postgres_query as query
from leadscore.postgres_server import Server
from leadscore.warehouse import BUILDING_SUFFIX, LAYER_SCHEMAS, PostgresWarehouse

# every test here needs the server: `make test-postgres`
pytestmark = pytest.mark.postgres
DEMO = PROJECT_ROOT / "data" / "demo"
FIRST_AS_OF = "2026-06-20"
SECOND_AS_OF = "2026-06-30"
# One statement over three published tables: if it ever read a table of one run and another
# of the other, the reasons would not add up to the scores (each run's do, exactly).
OBSERVATION = """
    select scores.as_of, count(*), round(sum(scores.total_score)::numeric, 6),
        (select round(sum(points)::numeric, 6) from main.lead_score_reasons where model = 'lead'),
        (select count(*) from main.lead_score_history)
    from main.lead_scores as scores
    group by scores.as_of
"""


def run_job(project: DbtProject, env: dict[str, str], as_of: str,
            *source: str) -> subprocess.CompletedProcess[str]:
    """The main job of a project copy on the target postgres, by default input=tables from schema raw."""
    return forked.run(
        [sys.executable, "-m", "leadscore", "run", *(source or ("--input", "tables", "--input-schema", "raw")),
         "--as-of", as_of],
        cwd=project.root,
        env={"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(project.root),
             "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "GX_ANALYTICS_ENABLED": "false",
             "LEADSCORE_TARGET": "postgres", **env},
    )


def schemas(env: dict[str, str]) -> list[str]:
    return [row[0] for row in query(env, "select nspname from pg_namespace where nspname !~ '^(pg_|information_schema)' "
                                         "order by 1")]


def published_state(env: dict[str, str]) -> list[tuple[object, ...]]:
    """Every published mart and quarantine table: its identity (oid) and a digest of its rows."""
    tables = query(env, "select table_name from information_schema.tables where table_schema = 'main' "
                        "and table_type = 'BASE TABLE' and table_name <> 'leadscore_runs' order by 1")
    return [
        (name, *query(env, f"select 'main.{name}'::regclass::oid, count(*), "
                           f"md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from main.{name} as t")[0])
        for (name,) in tables
    ]


@pytest.fixture(scope="module")
def published(postgres: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DbtProject, dict[str, str]]]:
    """The demo's files, loaded into schema raw by the main job's load step and scored once
    (as of FIRST_AS_OF); later runs read schema raw (input=tables) and continue from it."""
    env = postgres.create_database("publish")
    project = copy_project(tmp_path_factory.mktemp("publish"))
    first = run_job(project, env, FIRST_AS_OF, "--input", "files", "--input-path", str(DEMO))
    assert first.returncode == 0, first.stdout[-6000:] + first.stderr[-3000:]
    assert "leadscore: step load ok" in first.stdout and "into schema raw" in first.stdout
    yield project, env


def test_a_run_checks_its_build_and_publishes_the_schemas(published: tuple[DbtProject, dict[str, str]]) -> None:
    _, env = published
    # nothing left behind
    assert schemas(env) == ["intermediate", "main", "public", "raw", "restricted", "staging"]
    # the run log counts the raw rows the loader copied (the demo's files, counted by DuckDB)
    expected_rows = [duckdb.sql(f"select count(*) from read_csv('{DEMO / name}.csv', all_varchar = true)").fetchone()[0]
                     for name in ("leads", "activities")]
    assert query(env, "select input, input_path, leads_rows, activities_rows, scored_leads from main.leadscore_runs") == [
        ("tables", "(published database).raw", *expected_rows, query(env, "select count(*) from main.lead_scores")[0][0])
    ]
    # views were built against the building schemas and follow their rename
    assert query(env, "select count(*) from staging.stg_leads") == [(5104,)]


def test_the_checks_fetch_no_frame_into_the_process(published: tuple[DbtProject, dict[str, str]], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """GX reads a query asset's column names by running the whole query, and psycopg2 fetches
    every row of a result before the first is read: the input checks held every judged
    activity in the job's process (7.4 GB at M). Each frame is a view for the step, which
    GX reads as a table; no statement returns more than a few rows, and no view is left."""
    from sqlalchemy import event  # noqa: PLC0415
    from sqlalchemy.engine import Engine  # noqa: PLC0415

    from leadscore.quality import INPUT_STEP, Gate, RunContext, parse_as_of  # noqa: PLC0415

    _, env = published
    monkeypatch.setenv("LEADSCORE_DATA_DOCS", str(tmp_path / "data_docs"))
    warehouse = PostgresWarehouse({**env, "LEADSCORE_TARGET": "postgres"})
    target = warehouse.check_target({})
    target.schemas = warehouse.mapping("")  # the published schemas
    returned: list[int] = []

    def count_rows(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001, PLR0913
        returned.append(cursor.rowcount)

    event.listen(Engine, "after_cursor_execute", count_rows)
    try:
        reports = Gate().run_step(target, INPUT_STEP, RunContext(as_of=parse_as_of(FIRST_AS_OF)))
    finally:
        event.remove(Engine, "after_cursor_execute", count_rows)
    activities = next(report for report in reports if report.suite == "input.activities")
    assert activities.rows == query(env, "select count(*) from intermediate.int_activities_triaged")[0][0] > 50_000
    assert returned and max(returned) < 1_000
    assert query(env, "select count(*) from information_schema.views where table_name like '\\_leadscore\\_check\\_%'") == [(0,)]


def test_a_failed_run_leaves_the_published_schemas_as_they_were(
    published: tuple[DbtProject, dict[str, str]], tmp_path: Path
) -> None:
    _, env = published
    before = published_state(env)
    broken = copy_project(tmp_path)
    rules = broken.root / "seeds" / "scoring_rules.csv"
    rules.write_text(rules.read_text().replace(",-25,", ",minus 25,"))
    failed = run_job(broken, env, SECOND_AS_OF)
    assert failed.returncode != 0
    # the momentum moments are scored first, with the edited rules: their validation stops that
    # backfill, before any score
    assert "failed at step 'backfill'" in failed.stderr and "were not changed" in failed.stderr, failed.stderr[-3000:]
    assert "points 'minus 25' is not a number" in failed.stderr
    assert published_state(env) == before
    assert query(env, "select count(*) from main.leadscore_runs") == [(1,)]


def test_a_second_run_waits_for_nobody_but_stops_while_another_builds(
    published: tuple[DbtProject, dict[str, str]],
) -> None:
    project, env = published
    holder = postgres_connect(env)
    try:
        with holder.cursor() as cursor:
            cursor.execute("select pg_advisory_lock(hashtext('leadscore main'))")
        started = time.monotonic()
        blocked = run_job(project, env, SECOND_AS_OF)
    finally:
        holder.close()
    assert blocked.returncode == 3  # docs/operations.md, "Scheduled runs": another run holds the lock
    assert "failed at step 'lock'" in blocked.stderr and "another run is building schema main" in blocked.stderr
    assert time.monotonic() - started < 60


def test_a_reader_during_a_run_sees_the_old_scores_or_the_new_ones(
    published: tuple[DbtProject, dict[str, str]],
) -> None:
    project, env = published
    old = query(env, OBSERVATION)
    observations: list[tuple[float, list[tuple[object, ...]]]] = []
    errors: list[str] = []
    finished = threading.Event()

    def read_continuously() -> None:
        connection = postgres_connect(env)
        try:
            with connection.cursor() as cursor:
                while not finished.is_set():
                    try:
                        cursor.execute(OBSERVATION)
                        observations.append((time.monotonic(), cursor.fetchall()))
                    except psycopg2.Error as error:
                        errors.append(str(error).strip())
        finally:
            connection.close()

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        second = run_job(project, env, SECOND_AS_OF)
        time.sleep(0.5)
    finally:
        finished.set()
        reader.join()
    assert second.returncode == 0, second.stdout[-6000:] + second.stderr[-3000:]
    assert "incremental run from the published event store" in second.stdout
    new = query(env, OBSERVATION)
    assert old != new and old[0][0] != new[0][0]  # another as_of, another history
    assert errors == []
    seen = [rows for _, rows in observations]
    assert all(rows in (old, new) for rows in seen), [rows for rows in seen if rows not in (old, new)][:3]
    # the reader really read during the run: first the old scores for a long while, then the new
    first_new = next(index for index, rows in enumerate(seen) if rows == new)
    assert first_new > 10 and all(rows == old for rows in seen[:first_new])
    assert all(rows == new for rows in seen[first_new:])
    for rows in (old, new):
        (as_of, leads, score_sum, reason_sum, history_rows) = rows[0]
        assert score_sum == reason_sum and leads > 4000


def test_publishing_never_deadlocks_with_a_reader_that_locks_in_another_order(postgres: Server) -> None:
    """A reader's transaction holds the scores table and then asks for the history table,
    while publishing waits to lock every published table (in its own order, history first).
    Waiting while holding some would close a cycle that Postgres breaks with "deadlock
    detected" for one of them; publishing instead gives its locks back and asks again, so
    the reader reads the old tables undisturbed and the publish follows once it commits."""
    env = postgres.create_database("publish_order")
    statements = []
    for schema in ("main", *LAYER_SCHEMAS):
        for suffix, rows in (("", 1), (BUILDING_SUFFIX, 2)):
            statements.append(f'create schema "{schema}{suffix}"')
            if schema == "main":
                statements += [f'create table "main{suffix}".{name} as select generate_series(1, {rows}) as n'
                               for name in ("lead_score_history", "lead_scores")]
    reader = postgres_connect(env)
    reader.autocommit = False
    try:
        with reader.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        reader.commit()
        warehouse = PostgresWarehouse({**env, "LEADSCORE_TARGET": "postgres"})
        failures: list[BaseException] = []

        def publish() -> None:
            try:
                warehouse.publish()
            except BaseException as error:  # noqa: BLE001 - the test reports it
                failures.append(error)

        with reader.cursor() as cursor:
            cursor.execute("select count(*) from main.lead_scores")
            before = cursor.fetchall()
            publisher = threading.Thread(target=publish)
            publisher.start()
            time.sleep(2.5)  # past Postgres's deadlock_timeout (1 s) while the publisher asks
            cursor.execute("select count(*) from main.lead_score_history")
            during = cursor.fetchall()
            reader.commit()
        publisher.join(timeout=60)
        assert not publisher.is_alive() and failures == []
        assert (before, during) == ([(1,)], [(1,)])  # the old tables, both, in one transaction
        assert query(env, "select (select count(*) from main.lead_scores), (select count(*) from main.lead_score_history)") == [(2, 2)]
        assert schemas(env) == ["intermediate", "main", "public", "restricted", "staging"]
    finally:
        reader.close()


def test_the_loader_reads_parquet_as_it_reads_csv(postgres: Server, tmp_path: Path) -> None:
    """The same leads as CSV and as Parquet (with a null, an empty string and a number) land
    in Postgres as text, in file order, as the DuckDB target's `files` input reads them: an
    empty CSV field is null whether quoted or not; Parquet keeps its empty string (staging
    treats both as "no value")."""
    env = postgres.create_database("loader")
    as_csv, as_parquet = tmp_path / "csv", tmp_path / "parquet"
    as_csv.mkdir()
    as_parquet.mkdir()
    (as_csv / "leads.csv").write_text('lead_id,email,employees\nL2,"",12\nL1,,7\nL3,a@b.example,\n')
    connection = duckdb.connect()
    try:
        connection.execute(
            "copy (select * from (values ('L2', '', 12), ('L1', null, 7), ('L3', 'a@b.example', null)) "
            f"as t(lead_id, email, employees)) to '{as_parquet / 'leads.parquet'}' (format parquet)"
        )
    finally:
        connection.close()
    load(env, as_csv, "from_csv")
    load(env, as_parquet, "from_parquet")
    from_parquet = [("L2", "", "12"), ("L1", None, "7"), ("L3", "a@b.example", None)]
    from_csv = [("L2", None, "12"), ("L1", None, "7"), ("L3", "a@b.example", None)]
    assert query(env, "select lead_id, email, employees from from_parquet.leads") == from_parquet
    assert query(env, "select lead_id, email, employees from from_csv.leads") == from_csv


def test_the_loader_reloads_under_the_views_that_read_its_tables(postgres: Server, tmp_path: Path) -> None:
    """A daily reload must not fail on the staging views that read the raw tables: the same
    columns are emptied and refilled (the view stays and sees the new rows); changed columns
    replace the table and drop the views that read it (the next run rebuilds them)."""
    env = postgres.create_database("reload")
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "leads.csv").write_text("lead_id,email\nL1,a@b.example\n")
    load(env, folder, "raw")
    query(env, "create view public.reads_leads as select lead_id from raw.leads; select 1")
    (folder / "leads.csv").write_text("lead_id,email\nL2,c@d.example\nL3,\n")
    load(env, folder, "raw")
    assert query(env, "select lead_id from public.reads_leads order by 1") == [("L2",), ("L3",)]
    (folder / "leads.csv").write_text("lead_id,email,phone\nL4,,123\n")
    load(env, folder, "raw")
    assert query(env, "select lead_id, phone from raw.leads") == [("L4", "123")]
    assert query(env, "select count(*) from pg_views where viewname = 'reads_leads'") == [(0,)]


def test_libpq_variables_reach_the_loader_and_dbt(postgres: Server, tmp_path: Path) -> None:
    """docs/CONTRACT.md section 4: the postgres target reads PGHOST, PGPORT, PGUSER, PGPASSWORD and
    PGDATABASE (the LEADSCORE_PG_* variables, when set, take precedence)."""
    env = postgres.create_database("libpq")
    libpq = {"PGHOST": env["LEADSCORE_PG_HOST"], "PGPORT": env["LEADSCORE_PG_PORT"],
             "PGUSER": env["LEADSCORE_PG_USER"], "PGDATABASE": env["LEADSCORE_PG_DATABASE"]}
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "leads.csv").write_text("lead_id,email\nL1,a@b.example\n")
    loaded = forked.run([sys.executable, "-m", "leadscore.loaders.postgres", "--input-path", str(folder)],
                        cwd=PROJECT_ROOT,
                        env={key: value for key, value in os.environ.items() if not key.startswith(("PG", "LEADSCORE_PG_"))}
                            | libpq)
    assert loaded.returncode == 0, loaded.stderr
    assert query(env, "select lead_id from raw.leads") == [("L1",)]
    project = copy_project(tmp_path / "dbt")
    project.extra_env.update({"LEADSCORE_TARGET": "postgres", **libpq})
    debug = project.dbt("debug")
    assert debug.returncode == 0 and "All checks passed" in debug.stdout, debug.stdout[-3000:]


def test_the_jobs_dbt_sessions_sort_in_the_models_work_mem(postgres: Server, tmp_path: Path) -> None:
    """Data tests have no pre-hook: at the server's 4MB of work_mem a unique test on 7M rows
    spilled its hash aggregate for 18+ minutes at M. The job's dbt sessions start with the
    models' work_mem (the var's default in dbt_project.yml, or the var the job was given); a
    PGOPTIONS of the user's comes after and wins; a size the models' pre-hook would refuse
    stops the job before it starts, named."""
    import yaml  # noqa: PLC0415

    from leadscore.warehouse.postgres import job_session_options, session_environment  # noqa: PLC0415

    env = postgres.create_database("sessions")
    project = copy_project(tmp_path / "dbt")
    default = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text())["vars"]["leadscore_postgres_work_mem"]

    def dbt_session_work_mem(user_options: str, variables: dict[str, object] | None = None) -> str:
        job_env = session_environment({"LEADSCORE_TARGET": "postgres", "PGOPTIONS": user_options}, variables or {})
        project.extra_env = {"LEADSCORE_TARGET": "postgres", **env, "PGOPTIONS": job_session_options(job_env)}
        shown = project.dbt("show", "--inline", "select current_setting('work_mem') as work_mem", "--output", "json")
        assert shown.returncode == 0, shown.stdout[-3000:]
        return json.loads(shown.stdout[shown.stdout.index("{"):])["show"][0]["work_mem"]

    assert query(env, "show work_mem") == [("4MB",)]  # the server's own default
    assert dbt_session_work_mem("") == default == "256MB"
    assert dbt_session_work_mem("-c work_mem=64MB") == "64MB"
    # the var given to the job (`--vars '{leadscore_postgres_work_mem: 1 GB}'`) reaches the sessions
    assert dbt_session_work_mem("", {"postgres_work_mem": "1 GB"}) == "1GB"
    assert dbt_session_work_mem("-c work_mem=64MB", {"postgres_work_mem": "1GB"}) == "64MB"
    with pytest.raises(SystemExit, match="leadscore_postgres_work_mem must be a size such as 256MB.*'lots'"):
        session_environment({"LEADSCORE_TARGET": "postgres"}, {"postgres_work_mem": "lots"})
    # on another engine the var is the Postgres models' only: nothing to check
    assert session_environment({"LEADSCORE_TARGET": "duckdb"}, {"postgres_work_mem": "lots"}) == {"LEADSCORE_TARGET": "duckdb"}


def test_the_loader_appends_each_delivery_of_a_folder_once(postgres: Server, tmp_path: Path) -> None:
    """An activities folder of deliveries is appended file by file, each file once, its rows
    stamped with their load time (_loaded_at), the files listed; a loaded file that changed
    stops the load, named."""
    env = postgres.create_database("deliveries")
    deliveries = tmp_path / "input" / "activities"
    deliveries.mkdir(parents=True)
    (deliveries / "0001.csv").write_text("activity_id,lead_id\nA1,L1\nA2,L2\n")
    (deliveries / "_SUCCESS").write_text("")
    load(env, tmp_path / "input", "raw")
    assert query(env, "select activity_id, _loaded_at is not null from raw.activities order by 1") == [("A1", True), ("A2", True)]
    first_load = query(env, "select distinct _loaded_at from raw.activities")
    (deliveries / "0002.csv").write_text("activity_id,lead_id\nA3,L1\n")
    load(env, tmp_path / "input", "raw")
    # the first delivery's rows are not loaded again, nor re-stamped
    assert query(env, "select activity_id from raw.activities order by 1") == [("A1",), ("A2",), ("A3",)]
    assert query(env, "select distinct _loaded_at from raw.activities where activity_id in ('A1', 'A2')") == first_load
    assert query(env, "select count(distinct _loaded_at) from raw.activities") == [(2,)]
    assert query(env, "select file_name, row_count from raw._leadscore_deliveries order by 1") == [("0001.csv", 2), ("0002.csv", 1)]
    (deliveries / "0001.csv").write_text("activity_id,lead_id\nA1,L1\nA2,L9\n")
    rewritten = forked.run([sys.executable, "-m", "leadscore.loaders.postgres", "--input-path", str(tmp_path / "input")],
                           cwd=PROJECT_ROOT, env={**os.environ, **env})
    assert rewritten.returncode == 2 and "0001.csv changed since it was loaded" in rewritten.stderr, rewritten.stderr
    assert query(env, "select count(*) from raw.activities") == [(3,)]


def test_a_scheduled_run_on_postgres_reads_only_the_new_delivery(postgres: Server, tmp_path: Path) -> None:
    """The main job with INPUT=files and the activities as a folder of deliveries: the second
    run continues from the published event store and judges the new delivery's rows only
    (issue 11's delivery rules, on Postgres), and scores as a full build of both would."""
    env = postgres.create_database("scheduled")
    source = tmp_path / "input"
    (source / "activities").mkdir(parents=True)
    for table in ("leads", "outcomes", "accounts"):
        (source / f"{table}.csv").write_bytes((DEMO / f"{table}.csv").read_bytes())
    rows = duckdb.sql(f"select * from read_csv('{DEMO / 'activities.csv'}', all_varchar = true)")
    total = rows.count("*").fetchone()[0]
    # the demo's activities in two deliveries: every row before the last 500, then those
    rows.limit(total - 500).write_csv(str(source / "activities" / "0001.csv"))
    rows.limit(500, offset=total - 500).write_csv(str(source / "activities" / "0002.csv"))
    later = source / "activities" / "0002.csv"
    later.rename(tmp_path / "0002.csv")
    project = copy_project(tmp_path / "dbt")
    first = run_job(project, env, FIRST_AS_OF, "--input", "files", "--input-path", str(source))
    assert first.returncode == 0, first.stdout[-6000:] + first.stderr[-3000:]
    assert f"activities judged by this run: {total - 500:,} rows" in first.stdout, first.stdout[-3000:]
    (tmp_path / "0002.csv").rename(later)
    second = run_job(project, env, SECOND_AS_OF, "--input", "files", "--input-path", str(source))
    assert second.returncode == 0, second.stdout[-6000:] + second.stderr[-3000:]
    assert "incremental run from the published event store" in second.stdout
    assert "activities judged by this run: 500 rows" in second.stdout, second.stdout[-3000:]
    assert query(env, "select count(*) from intermediate.int_activities_triaged") == [(total,)]
