"""Incremental runs give what a full refresh gives (issue 7).

The demo's activities become an append-only log that grows in three deliveries:
  v1  everything up to 2026-06-10, less a few events of 06-09 and 06-10 and of May held back;
  v2  v1 + the events of 06-11 .. 06-20 + the held-back events of June (late, inside the
      lookback, so also checked for repeats);
  v3  v2 + the rest + the held-back events of May (weeks late, beyond the lookback).
One project scores v1 as of 06-11, v2 as of 06-21 (incremental), then its activity rules
change (points, a half-life, a new rule) and it scores v3 as of 06-30 (incremental). A fresh
project scores v2 and v3 in full. Every score, grade, stage and reason must agree to 1e-9;
the expected values come from the full refresh, an independent computation over all events.
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from sklearn.metrics import roc_auc_score

from conftest import PROJECT_ROOT, TARGETS, DbtProject, copy_project, copy_project_on, run_main_job

# minutes of engine builds: make test-slow (CI runs it after make test)
pytestmark = pytest.mark.slow

DEMO = PROJECT_ROOT / "data" / "demo"
AS_OF = {"v1": "2026-06-11 00:00:00", "v2": "2026-06-21 00:00:00", "v3": "2026-06-30 12:00:00"}
TOLERANCE = 1e-9

LEAD_COLUMNS = (
    "lead_id, fit_score, engagement_score, negative_score, total_score, fit_grade, engagement_tier, "
    "priority, lifecycle_stage, temperature, last_activity_at, rules_version"
)


def split_demo_activities(folder: Path) -> dict[str, Path]:
    """Three input folders whose activities file only grows (rows are appended, never moved)."""
    with (DEMO / "activities.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    when = header.index("occurred_at")

    def day(row: list[str]) -> str | None:
        text = row[when]
        return text[:10] if len(text) >= 10 and text[4] == "-" and text[7] == "-" else None

    held_back = [r for r in rows if day(r) in ("2026-06-09", "2026-06-10")][::7]
    very_late = [r for r in rows if day(r) is not None and day(r).startswith("2026-05")][::40]
    held_ids = {id(r) for r in held_back + very_late}
    first = [r for r in rows if (day(r) is None or day(r) <= "2026-06-10") and id(r) not in held_ids]
    second = [r for r in rows if day(r) is not None and "2026-06-10" < day(r) <= "2026-06-20"]
    third = [r for r in rows if day(r) is not None and day(r) > "2026-06-20"]
    assert len(first) + len(second) + len(held_back) + len(third) + len(very_late) == len(rows)
    deliveries = {
        "v1": first,
        "v2": first + second + held_back,
        "v3": first + second + held_back + third + very_late,
    }
    folders = {}
    for name, delivered in deliveries.items():
        target = folder / name
        target.mkdir(parents=True)
        for table in ("leads", "outcomes", "accounts"):
            shutil.copy2(DEMO / f"{table}.csv", target / f"{table}.csv")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(delivered)
        (target / "activities.csv").write_text(buffer.getvalue(), encoding="utf-8")
        folders[name] = target
    return folders


def change_activity_rules(project: DbtProject) -> None:
    """A rule change between runs: doubled points, a new half-life, and a new rule."""
    path = project.root / "seeds" / "scoring_rules.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0].keys())
    for row in rows:
        if row["rule_id"] == "eng_email_click":
            row["points"] = "6"
        if row["rule_id"] == "eng_content_download":
            row["half_life_days"] = "20"
    rows.append({**{f: "" for f in fields}, "rule_id": "eng_blog_reader", "model": "lead", "segment": "*",
                 "dimension": "engagement", "source": "activity", "field": "page_view", "operator": "contains",
                 "value": "/blog", "points": "4", "half_life_days": "15", "description": "Read the blog"})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def scores(project: DbtProject) -> dict[str, tuple[object, ...]]:
    return {row[0]: row[1:] for row in project.query(f"select {LEAD_COLUMNS} from lead_scores")}


def reasons(project: DbtProject) -> dict[tuple[str, str, str], float]:
    return {
        (lead, model, rule): points
        for lead, model, rule, points in project.query(
            "select lead_id, model, rule_id, points from lead_score_reasons"
        )
    }


def model_scores(project: DbtProject) -> dict[tuple[str, str], tuple[object, ...]]:
    return {
        (row[0], row[1]): row[2:]
        for row in project.query("select lead_id, model, score from lead_model_scores")
    }


def performance(project: DbtProject) -> dict[tuple[str, ...], tuple[object, ...]]:
    return {
        (str(row[0]), row[1], row[2], row[3]): row[4:]
        for row in project.query(
            """select score_date, rules_version, breakdown, breakdown_value, lead_count, conversion_count,
                      lift, roc_auc, top_decile_lift, is_horizon_complete from score_performance"""
        )
    }


def assert_same(incremental: dict, full: dict, what: str) -> None:
    assert incremental.keys() == full.keys(), f"{what}: different keys"
    for key, expected in full.items():
        got = incremental[key]
        if isinstance(expected, tuple):
            for a, b in zip(got, expected, strict=True):
                if isinstance(b, float):
                    assert a == pytest.approx(b, abs=TOLERANCE), f"{what} {key}: {got} != {expected}"
                else:
                    assert a == b, f"{what} {key}: {got} != {expected}"
        else:
            assert got == pytest.approx(expected, abs=TOLERANCE), f"{what} {key}: {got} != {expected}"


def build(project: DbtProject, folder: Path, version: str, *extra: str) -> None:
    """The models only: what is compared is the scores; the data and unit tests run in
    `make dbt-test` and in every main job of the tests (about half of a demo build's time)."""
    project.build({**project.input_vars(folder), "as_of": AS_OF[version]},
                  "--exclude-resource-type", "unit_test", "--exclude-resource-type", "test", *extra)


def compare(incremental: DbtProject, full: DbtProject, label: str) -> None:
    assert_same(scores(incremental), scores(full), f"{label} lead_scores")
    assert_same(reasons(incremental), reasons(full), f"{label} lead_score_reasons")
    assert_same(model_scores(incremental), model_scores(full), f"{label} lead_model_scores")


@pytest.fixture(scope="module")
def deliveries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return split_demo_activities(tmp_path_factory.mktemp("deliveries"))


@pytest.mark.parametrize("target", TARGETS)
def test_incremental_runs_match_a_full_refresh(target: str, request: pytest.FixtureRequest, tmp_path: Path,
                                               deliveries: dict[str, Path]) -> None:
    """On each engine: its incremental strategies (merge, delete+insert, replace) are its own SQL."""
    incremental = copy_project_on(target, tmp_path / "incremental", request)
    full = copy_project_on(target, tmp_path / "full", request)

    build(incremental, deliveries["v1"], "v1")
    build(incremental, deliveries["v2"], "v2")
    # the second run appended to the store and carried the state forward
    compiled = (incremental.root / "target" / "compiled" / "leadscore" / "models" / "intermediate" / "scoring"
                / "int_activity_rules_summed.sql").read_text()
    assert '"int_activity_rules_summed"' in compiled, "the second run did not read its previous state"
    late = incremental.query(
        """select count(*), count(distinct triaged_at) from intermediate.int_activities_triaged
           where triage_reason is null and occurred_at < '2026-06-11' and triaged_at > (
               select min(triaged_at) from intermediate.int_activities_triaged)"""
    )[0]
    assert late[0] > 0 and late[1] == 1, f"the late events were not stored by the second run: {late}"

    build(full, deliveries["v2"], "v2")
    compare(incremental, full, "v2 as of 06-21")

    change_activity_rules(incremental)
    change_activity_rules(full)
    build(incremental, deliveries["v3"], "v3")
    build(full, deliveries["v3"], "v3", "--full-refresh")
    compare(incremental, full, "v3 as of 06-30 after a rule change")

    # the rule change reached the scores: the new rule scores somebody
    assert any(rule == "eng_blog_reader" for _, _, rule in reasons(incremental))
    # score_performance ranks each date once, in the run that scored it: ranking the whole
    # history again (three dates, two rules versions) gives the same mart
    ranked_once = performance(incremental)
    assert len({key[0] for key in ranked_once}) == 3
    assert any(values[3] is not None for key, values in ranked_once.items() if key[2] == "overall")
    incremental.build({**incremental.input_vars(deliveries["v3"]), "as_of": AS_OF["v3"]},
                      "--select", "int_lead_scores_ranked", "score_performance", "--full-refresh",
                      "--exclude-resource-type", "unit_test")
    assert_same(ranked_once, performance(incremental), "score_performance ranked again")
    # every raw row was judged exactly once across the three runs
    counted = incremental.query(
        "select count(*), count(distinct raw_row_number) from intermediate.int_activities_triaged"
    )[0]
    raw_rows = duckdb.sql(
        f"select count(*) from read_csv('{deliveries['v3'] / 'activities.csv'}', all_varchar = true)"
    ).fetchone()[0]
    assert counted == (raw_rows, raw_rows)


def test_as_of_moving_back_rebuilds_the_state(tmp_path: Path, deliveries: dict[str, Path]) -> None:
    """Re-scoring a past date on top of a later state gives what a fresh build gives."""
    incremental = copy_project(tmp_path / "incremental")
    full = copy_project(tmp_path / "full")
    build(incremental, deliveries["v2"], "v2")
    build(incremental, deliveries["v2"], "v1")
    build(full, deliveries["v2"], "v1")
    compare(incremental, full, "v2 as of 06-11 after 06-21")


def run_job(project: DbtProject, published: Path, folder: Path, as_of: str, *extra: str) -> str:
    """The main job, which must succeed; its output."""
    result = run_main_job(project, published, folder, as_of, "--quiet", *extra)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-4000:]
    return result.stdout + result.stderr


def published_scores(database: Path) -> dict[str, tuple[object, ...]]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return {row[0]: row[1:] for row in connection.sql(f"select {LEAD_COLUMNS} from main.lead_scores").fetchall()}
    finally:
        connection.close()


def exported_changes(project: DbtProject) -> dict[str, tuple[object, ...]]:
    """The main job's CSV export of lead_score_changes (its Parquet twin must agree)."""
    folder = project.root / "exports"
    columns = ("lead_id, previous_lifecycle_stage, lifecycle_stage, previous_fit_grade, fit_grade, "
               "previous_priority, priority")
    as_csv = duckdb.sql(f"select {columns} from read_csv('{folder / 'lead_score_changes.csv'}', all_varchar = true)").fetchall()
    as_parquet = duckdb.sql(f"select {columns} from read_parquet('{folder / 'lead_score_changes.parquet'}')").fetchall()
    assert sorted(as_csv, key=str) == sorted(as_parquet, key=str)
    return {row[0]: row[1:] for row in as_csv}


# ---------------------------------------------------------------------------------------------
# Deliveries: a folder of files, and a table with load times


def write_delivery(folder: Path, name: str, header: list[str], rows: list[list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def demo_activity_deliveries() -> tuple[list[str], dict[str, list[list[str]]]]:
    """The three appended parts of split_demo_activities, as separate deliveries: what each
    version added to the one before (the late events come with the delivery after them)."""
    with (DEMO / "activities.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    when = header.index("occurred_at")

    def day(row: list[str]) -> str | None:
        text = row[when]
        return text[:10] if len(text) >= 10 and text[4] == "-" and text[7] == "-" else None

    held_back = [r for r in rows if day(r) in ("2026-06-09", "2026-06-10")][::7]
    very_late = [r for r in rows if day(r) is not None and day(r).startswith("2026-05")][::40]
    held_ids = {id(r) for r in held_back + very_late}
    return header, {
        "v1": [r for r in rows if (day(r) is None or day(r) <= "2026-06-10") and id(r) not in held_ids],
        "v2": [r for r in rows if day(r) is not None and "2026-06-10" < day(r) <= "2026-06-20"] + held_back,
        "v3": [r for r in rows if day(r) is not None and day(r) > "2026-06-20"] + very_late,
    }


def published_tables(database: Path) -> dict[str, object]:
    """What the incremental and the full runs must agree on: scores, reasons, model scores,
    and the quarantined activities (by position and reason)."""
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return {
            "lead_scores": {row[0]: row[1:] for row in connection.sql(f"select {LEAD_COLUMNS} from main.lead_scores").fetchall()},
            "lead_score_reasons": {row[:3]: row[3] for row in connection.sql(
                "select lead_id, model, rule_id, points from main.lead_score_reasons").fetchall()},
            "lead_model_scores": {row[:2]: row[2:] for row in connection.sql(
                "select lead_id, model, score from main.lead_model_scores").fetchall()},
            "quarantine_activities": {row[0]: row[1:] for row in connection.sql(
                "select raw_row_number, reason from main.quarantine_activities").fetchall()},
        }
    finally:
        connection.close()


def auc_per_date_by_hand(database: Path) -> dict[str, tuple[float, float]]:
    """Per scoring date of the history: scikit-learn's ROC AUC of total_score among the open
    leads against a conversion (converted or won) in the 90 days after as_of, and the AUC
    score_performance published for it."""
    connection = duckdb.connect(str(database), read_only=True)
    try:
        scored = connection.sql(
            "select score_date, lead_id, total_score, as_of from main.lead_score_history where lifecycle_stage != 'customer'"
        ).fetchall()
        conversions: dict[str, list] = {}
        for lead_id, outcome_at in connection.sql(
            "select lead_id, outcome_at from intermediate.int_outcomes_deduplicated "
            "where outcome in ('converted', 'won') and outcome_at is not null"
        ).fetchall():
            conversions.setdefault(lead_id, []).append(outcome_at)
        published = dict(connection.sql(
            "select cast(score_date as varchar), roc_auc from main.score_performance where breakdown = 'overall'"
        ).fetchall())
    finally:
        connection.close()
    by_date: dict[str, tuple[list[int], list[float]]] = {}
    for score_date, lead_id, total_score, as_of in scored:
        converted = any(as_of < at <= as_of + timedelta(days=90) for at in conversions.get(lead_id, []))
        labels, scores = by_date.setdefault(str(score_date), ([], []))
        labels.append(int(converted))
        scores.append(total_score)
    # a date with no conversion yet has no AUC (null in the mart)
    return {day: (roc_auc_score(labels, scores) if 0 < sum(labels) < len(labels) else None, published[day])
            for day, (labels, scores) in by_date.items()}


def test_a_folder_of_deliveries_continues_file_by_file_and_matches_a_full_refresh(tmp_path: Path) -> None:
    """activities/ holds one file per delivery. Each scheduled run judges only the files no run
    judged (the third run continues from the spare the publish left); the result equals a full
    refresh of the same folder, every raw row is judged once, and a judged file that changes
    stops the next run, naming it, with the published database untouched."""
    project = copy_project(tmp_path / "job")
    landing = tmp_path / "landing"
    for table in ("leads", "outcomes", "accounts"):
        landing.mkdir(exist_ok=True)
        shutil.copy2(DEMO / f"{table}.csv", landing / f"{table}.csv")
    header, parts = demo_activity_deliveries()
    published, refreshed = tmp_path / "bi" / "leadscore.duckdb", tmp_path / "refreshed" / "leadscore.duckdb"
    deliveries = landing / "activities"
    outputs, published_runs = [], []
    for number, version in enumerate(("v1", "v2", "v3"), start=1):
        write_delivery(deliveries, f"2026-06-{number:02d}T0000.csv", header, parts[version])
        outputs.append(run_job(project, published, landing, AS_OF[version]))
        published_runs.append(published_scores(published))
        if number == 1:
            first = published_runs[0]
            assert exported_changes(project) == {lead: (None, row[7], None, row[4], None, row[6]) for lead, row in first.items()}
        if number == 2:
            # the CRM export: exactly the leads whose stage, grade or priority differ from the first run's
            first, second = published_runs
            expected = {
                lead: (first[lead][7], row[7], first[lead][4], row[4], first[lead][6], row[6]) if lead in first
                else (None, row[7], None, row[4], None, row[6])
                for lead, row in second.items()
                if lead not in first or (first[lead][4], first[lead][6], first[lead][7]) != (row[4], row[6], row[7])
            }
            assert len(expected) > 0
            assert exported_changes(project) == expected
    assert "full build (nothing published yet)" in outputs[0]
    assert "incremental run from the published event store" in outputs[1]
    assert "continued the spare from the last publish" in outputs[2], outputs[2][-3000:]
    # the full refresh starts from a copy of what BI reads: it rebuilds the event store and the
    # state, and carries the history with each date's ranks over (not ranked again)
    refreshed.parent.mkdir()
    shutil.copyfile(published, refreshed)
    assert "full build (full refresh asked for)" in run_job(project, refreshed, landing, AS_OF["v3"], "--full-refresh")
    incremental, full = published_tables(published), published_tables(refreshed)
    for table in incremental:
        assert_same(incremental[table], full[table], table)
    ranked_at = {}
    for path in (published, refreshed):
        connection = duckdb.connect(str(path), read_only=True)
        try:
            ranked_at[path] = dict(connection.sql(
                "select cast(score_date as varchar), max(ranked_at) from intermediate.int_lead_scores_ranked group by 1"
            ).fetchall())
        finally:
            connection.close()
    before, after = ranked_at[published], ranked_at[refreshed]
    # each run's date, and the momentum moments each run scored first (7 and 30 days before)
    run_dates = [AS_OF[version][:10] for version in ("v1", "v2", "v3")]
    scored = set(run_dates) | {str(date.fromisoformat(day) - timedelta(days=days)) for day in run_dates for days in (7, 30)}
    assert before.keys() == after.keys() == scored
    assert sorted(day for day in before if before[day] == after[day]) == sorted(scored - {"2026-06-30"})
    for day, (expected, got) in auc_per_date_by_hand(refreshed).items():
        assert got == (None if expected is None else pytest.approx(expected, abs=TOLERANCE)), day
    # each date's performance from ranks stored by the run that scored it, the spare's
    # missing one (the second date, ranked by the run whose publish the spare predates)
    # healed by the third run: as an independent computation gives
    aucs = auc_per_date_by_hand(published)
    assert sorted(aucs) == sorted(scored)
    assert aucs["2026-06-21"][0] is not None and aucs["2026-06-30"][0] is None  # no conversion after 06-30 yet
    for day, (expected, got) in aucs.items():
        assert got == (None if expected is None else pytest.approx(expected, abs=TOLERANCE)), day

    connection = duckdb.connect(str(published), read_only=True)
    try:
        registry = connection.sql(
            "select delivery_number, raw_rows, count(distinct judged_at) over () from intermediate.int_activity_deliveries_judged "
            "order by delivery_number").fetchall()
        stored = connection.sql(
            "select count(*), count(distinct raw_row_number), count(distinct triaged_at) from intermediate.int_activities_triaged"
        ).fetchall()[0]
    finally:
        connection.close()
    sizes = [len(parts[version]) for version in ("v1", "v2", "v3")]
    # one registry row per file, each judged by its own run; every raw row stored once
    assert registry == [(1, sizes[0], 3), (2, sizes[1], 3), (3, sizes[2], 3)]
    assert stored == (sum(sizes), sum(sizes), 3)

    before = published.read_bytes()
    with (deliveries / "2026-06-01T0000.csv").open("a", encoding="utf-8") as handle:
        handle.write(",".join(["A-rewritten", parts["v1"][0][1], "email_open", "2026-06-29 10:00:00", "", "", ""]) + "\n")
    changed = run_main_job(project, published, landing, AS_OF["v3"])
    assert changed.returncode == 5, changed.stdout[-3000:] + changed.stderr[-3000:]
    assert "2026-06-01T0000.csv changed" in changed.stderr and "FULL_REFRESH=1" in changed.stderr
    assert published.read_bytes() == before


def load_stamped_activities(version_rows: dict[str, list[list[str]]], header: list[str]) -> dict[str, list[list[str]]]:
    """Two loads of an activities table a sync tool keeps (column _loaded_at): the first run
    sees v1, loaded on 06-11 at 01:00; the second sees v2 added, loaded on 06-21, and three
    rows committed late: loaded on 06-11 at 00:30, before the watermark the first run left,
    but inside the 24 h lookback."""
    first = [row + ["2026-06-11 01:00:00"] for row in version_rows["v1"]]
    late = [row + ["2026-06-11 00:30:00"] for row in version_rows["v2"][:3]]
    second = first + [row + ["2026-06-21 01:00:00"] for row in version_rows["v2"][3:]] + late
    return {"v1": first, "v2": second}


def put_activities_table(project: DbtProject, folder: Path, header: list[str], rows: list[list[str]]) -> dict[str, object]:
    """The input as tables in schema raw: on Postgres by the loader, on DuckDB in the build's file."""
    for table in ("leads", "outcomes", "accounts"):
        shutil.copy2(DEMO / f"{table}.csv", folder / f"{table}.csv")
    write_delivery(folder, "activities.csv", header + ["_loaded_at"], rows)
    if project.target == "postgres":
        return project.input_vars(folder)
    connection = duckdb.connect(str(project.database))
    try:
        connection.execute("create schema if not exists raw")
        for table in ("leads", "outcomes", "accounts", "activities"):
            connection.execute(f"create or replace table raw.{table} as select * from read_csv(?, all_varchar = true)",
                               [str(folder / f"{table}.csv")])
    finally:
        connection.close()
    return {"input": "tables", "input_schema": "raw"}


@pytest.mark.parametrize("target", TARGETS)
def test_a_table_with_load_times_is_read_from_its_watermark(target: str, request: pytest.FixtureRequest,
                                                           tmp_path: Path) -> None:
    """A table with a load time per row: the second run reads the rows loaded after the first
    run's watermark minus the lookback, judges the late rows once and the others not again, and
    equals a full refresh."""
    header, parts = demo_activity_deliveries()
    loads = load_stamped_activities(parts, header)
    incremental = copy_project_on(target, tmp_path / "loaded_incremental", request)
    full = copy_project_on(target, tmp_path / "loaded_full", request)
    for version in ("v1", "v2"):
        folder = tmp_path / f"load_{version}"
        folder.mkdir()
        variables = put_activities_table(incremental, folder, header, loads[version])
        incremental.build({**variables, "as_of": AS_OF[version]}, "--exclude-resource-type", "unit_test")
    full_folder = tmp_path / "load_full"
    full_folder.mkdir()
    variables = put_activities_table(full, full_folder, header, loads["v2"])
    full.build({**variables, "as_of": AS_OF["v2"]}, "--exclude-resource-type", "unit_test")
    compare(incremental, full, "a table with load times")

    stored = incremental.query(
        "select count(*), count(distinct raw_row_number), count(distinct triaged_at), "
        "count(*) filter (where loaded_at = '2026-06-11 00:30:00') from intermediate.int_activities_triaged")[0]
    # every row of the table judged once: the late rows by the second run
    assert stored == (len(loads["v2"]), len(loads["v2"]), 2, 3)
    late_runs = incremental.query(
        "select count(distinct triaged_at) from intermediate.int_activities_triaged "
        "where loaded_at = '2026-06-11 00:30:00' and triaged_at = (select max(triaged_at) from intermediate.int_activities_triaged)")
    assert late_runs == [(1,)]
    # the raw record of each quarantined row is its own: the hash the parse made of it matches
    # (on Postgres a full build reads the quarantined rows' records again by row number,
    # leadscore_refetches_raw_records), and only quarantined rows keep one
    for project in (incremental, full):
        records = project.query(
            "select count(*) filter (where triage_reason is not null), "
            "count(*) filter (where triage_reason is not null and md5(raw_record) = raw_row_hash), "
            "count(*) filter (where triage_reason is null and raw_record is not null) "
            "from intermediate.int_activities_triaged")[0]
        assert records[0] > 0 and records == (records[0], records[0], 0), records
