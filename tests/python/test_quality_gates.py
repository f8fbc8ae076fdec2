"""The main job's gates on planted bad data (input=files, one project copy and one
published database for the module): each bad feed gives the expected warning or stop,
and a stopped run leaves the published database byte for byte as it was.

Expected outcomes come from how each input was made, not from a previous run: the
planted rows are counted here, and the severities are those of quality/checks.yml."""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

import forked
from conftest import DbtProject, copy_project, run_main_job

AS_OF = "2026-06-01"
LEAD_COUNT = 40
LEAD_HEADER = ["lead_id", "created_at", "email", "job_title", "employee_count", "country"]
ACTIVITY_HEADER = ["activity_id", "lead_id", "activity_type", "occurred_at", "url"]
TITLES = ["CEO", "VP Marketing", "Marketing Manager", "Analyst", "Intern"]
TYPES = ["email_open", "page_view", "email_click", "form_submit"]
# Columns a new lead must leave unchanged for every other lead. score_percentile is a
# rank among all leads, so one more lead moves it by design.
SCORE_COLUMNS = (
    "segment, fit_score, engagement_score, negative_score, total_score, fit_grade, engagement_tier, "
    "priority, lifecycle_stage, temperature, top_reasons, last_activity_at, as_of, rules_version"
)


def lead_row(number: int) -> list[str]:
    return [
        f"L{number:03d}",
        f"2026-01-{number % 28 + 1:02d} 09:00:00",
        f"person{number}@company{number % 7}.com",
        TITLES[number % len(TITLES)],
        str(10 * number),
        "Germany",
    ]


def activity_rows(number: int) -> list[list[str]]:
    """Two or three events per lead in May 2026; lead 1's last one the day before AS_OF."""
    rows = []
    for k in range(2 + number % 2):
        day = 31 if (number == 1 and k == 0) else (number + 7 * k) % 28 + 1
        rows.append([f"A{number:03d}{k}", f"L{number:03d}", TYPES[(number + k) % len(TYPES)],
                     f"2026-05-{day:02d} 12:00:00", "/pricing" if k == 1 else "/blog"])
    return rows


@dataclass
class Feed:
    leads: list[list[str]]
    activities: list[list[str]]
    lead_header: list[str]

    @classmethod
    def clean(cls, lead_count: int = LEAD_COUNT) -> Feed:
        numbers = range(1, lead_count + 1)
        return cls(
            leads=[lead_row(n) for n in numbers],
            activities=[row for n in numbers for row in activity_rows(n)],
            lead_header=list(LEAD_HEADER),
        )

    def write(self, folder: Path) -> Path:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for name, header, rows in (("leads", self.lead_header, self.leads), ("activities", ACTIVITY_HEADER, self.activities)):
            with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
        return folder


@dataclass
class Deployment:
    """A project copy whose main job publishes into one database, like a scheduled job."""

    project: DbtProject
    published: Path
    inputs: Path
    baseline_scores: list[tuple[object, ...]]

    def run(self, feed: Feed, as_of: str = AS_OF) -> subprocess.CompletedProcess[str]:
        """Each run reads its own fresh input folder; the published database is shared."""
        folder = Path(tempfile.mkdtemp(prefix="feed-", dir=self.inputs))
        return run_main_job(self.project, self.published, feed.write(folder / "input"), as_of)

    def checksum(self) -> str:
        """Of what BI and the CRM read: the published file, the report and the exports."""
        digest = hashlib.sha256(self.published.read_bytes())
        handed_off = sorted((self.project.root / "exports").glob("*")) + [self.project.root / "reports" / "leadscore.html"]
        assert len(handed_off) == 3, handed_off
        for path in handed_off:
            digest.update(path.name.encode() + path.read_bytes())
        return digest.hexdigest()

    def query(self, sql: str) -> list[tuple[object, ...]]:
        connection = duckdb.connect(str(self.published), read_only=True)
        try:
            return connection.sql(sql).fetchall()
        finally:
            connection.close()


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout[-8000:] + result.stderr[-4000:]


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    folder = tmp_path_factory.mktemp("gates")
    project = copy_project(folder)
    published = folder / "bi" / "leadscore.duckdb"
    inputs = folder / "input"
    inputs.mkdir()
    first = run_main_job(project, published, Feed.clean().write(inputs / "first"), AS_OF)
    assert first.returncode == 0, output(first)
    connection = duckdb.connect(str(published), read_only=True)
    try:
        scores = connection.sql(f"select lead_id, {SCORE_COLUMNS} from lead_scores order by lead_id").fetchall()
    finally:
        connection.close()
    return Deployment(project, published, inputs, scores)


# docs/operations.md, "Scheduled runs": the exit code of each failure class
EXIT_CODES = {"freshness": 4, "stage": 5, "input checks": 5, "build": 6, "mart checks": 7}


def assert_stopped_unchanged(deployment: Deployment, result: subprocess.CompletedProcess[str], before: str, step: str) -> None:
    """Stopped at `step` with that failure class's exit code; nothing BI or the CRM reads changed."""
    assert result.returncode == EXIT_CODES[step], output(result)
    assert f"run failed at step '{step}'" in result.stderr, output(result)
    assert "was not changed" in result.stderr
    assert deployment.checksum() == before


def test_clean_run_publishes_every_lead_with_all_suites_passing(deployment: Deployment) -> None:
    assert len(deployment.baseline_scores) == LEAD_COUNT
    first_run = "select leads_rows, activities_rows, scored_leads from leadscore_runs order by run_started_at limit 1"
    assert deployment.query(first_run) == [(LEAD_COUNT, 100, LEAD_COUNT)]


def test_one_more_lead_adds_its_row_and_changes_no_other_score(deployment: Deployment) -> None:
    feed = Feed.clean(LEAD_COUNT + 1)
    result = deployment.run(feed)
    assert result.returncode == 0, output(result)
    after = deployment.query(f"select lead_id, {SCORE_COLUMNS} from lead_scores order by lead_id")
    added = [row for row in after if row[0] == f"L{LEAD_COUNT + 1:03d}"]
    assert len(added) == 1
    others = [row for row in after if row not in added]
    # scores are sums of doubles that a parallel aggregate may add in another order: equal to 1e-9
    assert [row[0] for row in others] == [row[0] for row in deployment.baseline_scores]
    for row, baseline in zip(others, deployment.baseline_scores, strict=True):
        for value, expected in zip(row, baseline, strict=True):
            if isinstance(expected, float):
                assert value == pytest.approx(expected, abs=1e-9), (row, baseline)
            else:
                assert value == expected, (row, baseline)


def test_null_lead_id_is_a_warning_and_the_row_is_quarantined(deployment: Deployment) -> None:
    feed = Feed.clean()
    feed.leads[4][0] = ""  # L005 loses its key
    result = deployment.run(feed)
    assert result.returncode == 0, output(result)
    assert "input.leads lead_id: expect_column_values_to_not_be_null: 1 of 40 rows (2.5 %); raw_row_number: 5" in result.stdout
    assert deployment.query("select reason from quarantine_leads") == [("missing_key",)]
    assert deployment.query("select count(*) from lead_scores") == [(LEAD_COUNT - 1,)]


def test_duplicated_lead_is_a_warning_and_merged(deployment: Deployment) -> None:
    feed = Feed.clean()
    feed.leads.append(list(feed.leads[2]))  # L003 twice
    result = deployment.run(feed)
    assert result.returncode == 0, output(result)
    assert "input.leads lead_id: expect_column_values_to_be_unique: 2 of 41 rows" in result.stdout
    assert deployment.query("select count(*) from lead_scores where lead_id = 'L003'") == [(1,)]
    assert deployment.query("select reason, count(*) from quarantine_leads group by reason") == [("duplicate", 1)]


def test_forty_percent_malformed_emails_stop_the_run(deployment: Deployment) -> None:
    before = deployment.checksum()
    feed = Feed.clean()
    for row in feed.leads[:16]:  # 16 of 40
        row[2] = row[2].replace("@", " at ")
    result = deployment.run(feed)
    assert_stopped_unchanged(deployment, result, before, "input checks")
    assert "input.leads email_text: expect_column_values_to_match_regex (mostly 0.8): 16 of 40 rows (40.0 %)" in result.stderr
    assert "'person1 at company1.com' (raw_row_number 1)" in result.stderr


def test_timestamps_in_2099(deployment: Deployment) -> None:
    before = deployment.checksum()
    feed = Feed.clean()
    feed.leads[0][1] = "2099-01-01 00:00:00"  # one lead: a warning, quarantined
    for row in feed.activities[:60]:  # 60 of 100 activities: the export's clock is broken
        row[3] = "2099-" + row[3][5:]
    result = deployment.run(feed)
    assert_stopped_unchanged(deployment, result, before, "input checks")
    assert "input.leads created_at_parsed: expect_column_values_to_be_between: 1 of 40 rows (2.5 %); e.g. 2099-01-01 00:00:00" in result.stdout
    assert "input.activities occurred_at_parsed: expect_column_values_to_be_between (mostly 0.95): 60 of 100 rows (60.0 %)" in result.stderr


def test_missing_required_column_stops_the_run_naming_it(deployment: Deployment) -> None:
    before = deployment.checksum()
    feed = Feed.clean()
    feed.lead_header = [name if name != "created_at" else "signup" for name in feed.lead_header]
    result = deployment.run(feed)
    assert_stopped_unchanged(deployment, result, before, "input checks")
    assert "input.leads created_at: expect_column_to_exist" in result.stderr
    # only the cause is critical: checks of values staging could not produce are skipped
    assert "1 critical expectation(s) failed" in result.stderr
    assert "has no column 'created_at', which is required" in result.stdout  # staging says it too


def test_empty_leads_file_stops_the_run(deployment: Deployment) -> None:
    before = deployment.checksum()
    feed = Feed.clean()
    feed.leads = []
    result = deployment.run(feed)
    assert_stopped_unchanged(deployment, result, before, "input checks")
    assert "input.leads: expect_table_row_count_to_be_between: observed 0" in result.stderr


def test_stale_activities_stop_the_run_first(deployment: Deployment) -> None:
    before = deployment.checksum()
    # the newest activity is 2026-05-31 12:00; 30 days later is past the 168 h error age
    result = deployment.run(Feed.clean(), as_of="2026-07-01")
    assert_stopped_unchanged(deployment, result, before, "freshness")
    assert "table activities is stale: the newest activity (occurred_at) is 732.0 h older than the scoring date" in result.stderr


def test_mart_gate_fails_on_a_bad_published_value(deployment: Deployment, tmp_path: Path) -> None:
    """The mart suites can fail: a grade outside A-D in a copy of a good build."""
    doctored = tmp_path / "doctored.duckdb"
    shutil.copy2(deployment.published, doctored)
    connection = duckdb.connect(str(doctored))
    try:
        connection.execute("update lead_scores set fit_grade = 'Z' where lead_id = 'L002'")
    finally:
        connection.close()
    result = forked.run(
        [sys.executable, "-m", "leadscore.quality", "--database", str(doctored), "--step", "marts", "--as-of", AS_OF],
        cwd=deployment.project.root,
        env={"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(tmp_path),
             "LEADSCORE_DATA_DOCS": str(tmp_path / "docs")},
    )
    assert result.returncode == 1, output(result)
    assert "marts.lead_scores fit_grade: expect_column_values_to_be_in_set: 1 of" in result.stderr
    assert "'Z' (lead_id 'L002')" in result.stderr
    assert (tmp_path / "docs" / "index.html").exists()


def test_zero_byte_leads_file_stops_at_staging_with_dbt_message(deployment: Deployment) -> None:
    before = deployment.checksum()
    folder = Feed.clean().write(deployment.inputs / "zero-byte")
    (folder / "leads.csv").write_bytes(b"")
    result = run_main_job(deployment.project, deployment.published, folder, AS_OF)
    assert_stopped_unchanged(deployment, result, before, "stage")
    assert "the file is empty or has no header row" in result.stdout


def test_rescoring_a_past_date_passes_the_gates(deployment: Deployment) -> None:
    """Events after a past as_of are ignored by scoring, so they are neither implausible nor
    make the feed look fresher than it was."""
    result = deployment.run(Feed.clean(), as_of="2026-05-20")
    assert result.returncode == 0, output(result)
    assert "leadscore: freshness pass: the newest activity (occurred_at) is 12.0 h older than the scoring date" in result.stdout
    assert deployment.query("select distinct cast(as_of as date) from lead_scores") == [(date(2026, 5, 20),)]


@pytest.mark.slow
def test_backfill_scores_past_dates_into_history_through_the_gates(deployment: Deployment) -> None:
    """make backfill: each past date is scored into lead_score_history, then the main job
    publishes as usual; a date scored again replaces its rows."""
    folder = Feed.clean().write(Path(tempfile.mkdtemp(prefix="feed-", dir=deployment.inputs)) / "input")
    # two dates a week apart (the 20th is not on the step); the main job then scores AS_OF
    backfill = ("--backfill-from", "2026-05-10", "--backfill-to", "2026-05-20", "--backfill-every-days", "7")
    for _ in range(2):  # the second run re-scores the same dates
        result = run_main_job(deployment.project, deployment.published, folder, AS_OF, *backfill)
        assert result.returncode == 0, output(result)
        assert "backfill 2/2: scored as of 2026-05-17" in result.stdout
    history = dict(deployment.query(
        "select score_date, count(*) from lead_score_history where score_date between '2026-05-10' and '2026-06-01' "
        "group by 1"
    ))
    assert {day: history.get(day) for day in (date(2026, 5, 10), date(2026, 5, 17), date(2026, 5, 24), date(2026, 6, 1))} == {
        date(2026, 5, 10): LEAD_COUNT, date(2026, 5, 17): LEAD_COUNT, date(2026, 5, 24): None,
        date(2026, 6, 1): LEAD_COUNT,
    }


def test_the_checks_run_inside_duckdb_within_a_small_memory_limit(tmp_path: Path) -> None:
    """The suites are SQL run by DuckDB (GX's SQL data source), under the warehouse's
    memory_limit, never frames copied into Python: with a 96MB limit they still check every
    row of the demo (100,681 activities, 5,104 leads) and count what is counted here from the
    files."""
    from conftest import PROJECT_ROOT  # noqa: PLC0415

    demo = PROJECT_ROOT / "data" / "demo"
    project = copy_project(tmp_path)
    published = tmp_path / "bi" / "leadscore.duckdb"
    first = run_main_job(project, published, demo, "2026-06-30", "--no-backtest")
    assert first.returncode == 0, output(first)
    placeholders = {"", "select", "unknown", "n/a", "na", "none", "null", "nil", "-", "--", "?", "not provided", "undefined"}

    def keyless(table: str) -> tuple[int, int]:
        with (demo / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        return sum(1 for row in rows if (row["lead_id"] or "").strip().lower() in placeholders), len(rows)

    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(tmp_path),
           "LEADSCORE_DATA_DOCS": str(tmp_path / "docs"), "LEADSCORE_DUCKDB_MEMORY": "96MB"}
    checked = forked.run(
        [sys.executable, "-m", "leadscore.quality", "--database", str(published), "--step", "input", "--as-of", "2026-06-30"],
        cwd=project.root, env=env,
    )
    assert checked.returncode == 0, output(checked)
    for table, suite in (("activities", "input.activities"), ("leads", "input.leads")):
        missing, total = keyless(table)
        assert f"{suite} lead_id: expect_column_values_to_not_be_null: {missing} of {total:,} rows" in checked.stdout, output(checked)
    probe = subprocess.run(
        [sys.executable, "-c", "import sqlalchemy, sys; from leadscore.quality import duckdb_check_target; "
         "from pathlib import Path; url = duckdb_check_target(Path(sys.argv[1])).url; "
         "print(sqlalchemy.create_engine(url).connect().execute(sqlalchemy.text(\"select current_setting('memory_limit')\")).scalar())",
         str(published)],
        cwd=project.root, capture_output=True, text=True, check=False, env=env,
    )
    assert probe.stdout.strip() in ("96.0 MiB", "91.5 MiB", "96.0 MB"), output(probe)
