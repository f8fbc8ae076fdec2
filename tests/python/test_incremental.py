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
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, TARGETS, DbtProject, copy_project, copy_project_on, run_main_job

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
    project.build({**project.input_vars(folder), "as_of": AS_OF[version]}, "--exclude-resource-type", "unit_test", *extra)


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


def test_the_main_job_continues_from_what_it_published(tmp_path: Path, deliveries: dict[str, Path]) -> None:
    """A scheduled run on the same, grown input continues incrementally (and says so); the
    published scores equal those of FULL_REFRESH=1 on the same input."""
    project = copy_project(tmp_path / "job")
    folder = tmp_path / "landing"
    shutil.copytree(deliveries["v1"], folder)
    incremental, refreshed = tmp_path / "incremental" / "leadscore.duckdb", tmp_path / "refreshed" / "leadscore.duckdb"
    assert "full build (nothing published yet)" in run_job(project, incremental, folder, AS_OF["v1"])
    first = published_scores(incremental)
    assert exported_changes(project) == {lead: (None, row[7], None, row[4], None, row[6]) for lead, row in first.items()}
    shutil.copy2(deliveries["v2"] / "activities.csv", folder / "activities.csv")
    assert "incremental run from the published event store" in run_job(project, incremental, folder, AS_OF["v2"])
    # the CRM export: exactly the leads whose stage, grade or priority differ from the first run's
    second = published_scores(incremental)
    expected = {
        lead: (first[lead][7], row[7], first[lead][4], row[4], first[lead][6], row[6]) if lead in first
        else (None, row[7], None, row[4], None, row[6])
        for lead, row in second.items()
        if lead not in first or (first[lead][4], first[lead][6], first[lead][7]) != (row[4], row[6], row[7])
    }
    assert len(expected) > 0
    assert exported_changes(project) == expected
    assert "full build (full refresh asked for)" in run_job(project, refreshed, folder, AS_OF["v2"], "--full-refresh")
    assert_same(published_scores(incremental), published_scores(refreshed), "published lead_scores")
