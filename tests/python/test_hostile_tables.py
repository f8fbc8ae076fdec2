"""Hostile input at the level of whole tables and of the rules (issue 10), each case a dbt
build of a small hand-written input folder on DuckDB; expected values are computed by
hand in the comments, as of 2026-06-01 00:00.

1. Rule seeds with hostile values: SQL-looking rule_id and value, quotes, semicolons,
   emoji, a 10,000-character description, a regex with quotes and a semicolon. The build
   passes, values match literally, every table the project builds exists, reasons add up.
   Points of NaN / inf / -Infinity stop the build naming the row (`abc` is
   test_rule_validation.py's).
2. Duplicated column names in leads.csv (`Job Title`, `job_title`, `job_title`).
3. Wrong-typed Parquet columns: employee_count as text, created_at as DATE, annual_revenue
   as DOUBLE holding NaN and inf, do_not_email as BOOLEAN; created_at and occurred_at as
   INTEGER (unusable: every row quarantined, never a crash).
4. Timestamps in year 1 (kept) and year 9999 (quarantined as future_timestamp).
5. Header-only and zero-byte files for the optional tables. (Absent optional tables: also
   test_input_modes.py; an empty or header-only leads file: test_input_modes.py and
   test_quality_gates.py.)

Row-level hostile values at random are test_hostile_input.py's. Conservation (every raw
row kept in int_<table>_deduplicated or quarantined) is asserted for every table read."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from conftest import DbtProject, copy_project

AS_OF = "2026-06-01"
RULES_HEADER = ["rule_id", "model", "segment", "dimension", "source", "field", "operator", "value", "value_max",
                "points", "half_life_days", "window_days", "max_points", "description"]
SQL_TEXT = "'); drop table leads; --"
SQL_RULE_ID = "'; delete from lead_scores; --"
QUOTED_DESCRIPTION = 'Said "drop"; it\'s fine 🚀 -- really'
LONG_DESCRIPTION = "x;'\"🚀" * 2000  # 10,000 characters, ending in a non-space


def write_rows(folder: Path, name: str, header: list[str], rows: list[list[str]]) -> Path:
    """A CSV as an export tool writes it (fields with quotes, commas or line breaks quoted)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return folder / name


def rule(rule_id: str, dimension: str, source: str, field: str, operator: str, value: str, points: str,
         description: str, window_days: str = "", max_points: str = "", half_life_days: str = "") -> list[str]:
    return [rule_id, "lead", "*", dimension, source, field, operator, value, "", points, half_life_days,
            window_days, max_points, description]


def build(folder: Path, rules: list[list[str]], inputs: Path,
          must_pass: bool = True) -> tuple[DbtProject, subprocess.CompletedProcess[str]]:
    project = copy_project(folder)
    write_rows(project.root / "seeds", "scoring_rules.csv", RULES_HEADER, rules)
    result = project.dbt("build", "--exclude-resource-type", "unit_test",
                         dbt_vars=project.input_vars(inputs) | {"as_of": AS_OF})
    assert "Traceback" not in result.stdout + result.stderr, result.stdout[-5000:]
    if must_pass:
        assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    return project, result


def assert_conserved(project: DbtProject, table: str, raw_rows: int) -> None:
    """docs/CONTRACT.md section 1: every raw row is read, then kept or quarantined."""
    (read,) = project.query(f"select count(*) from staging.base_{table}")[0]
    (kept,) = project.query(f"select count(*) from intermediate.int_{table}_deduplicated")[0]
    (quarantined,) = project.query(f"select count(*) from quarantine_{table}")[0]
    assert (read, kept + quarantined) == (raw_rows, raw_rows), \
        f"{table}: {raw_rows} raw, {read} read, {kept} kept + {quarantined} quarantined"


# ---------------------------------------------------------------- cases 1, 2 and 4: one build

HOSTILE_RULES = [
    rule(SQL_RULE_ID, "fit", "attribute", "job_title", "eq", SQL_TEXT, "16", QUOTED_DESCRIPTION),
    rule("r_regex", "fit", "attribute", "job_title", "regex", r"'\);\s+drop\s+table\s+leads;", "8", LONG_DESCRIPTION),
    rule("emoji_🚀", "fit", "attribute", "job_title", "contains", "🚀", "4", "Rocket 🚀 in the title"),
    rule("r_quotes", "fit", "attribute", "country", "in", 'it\'s|a;b|"q"', "2", "Quotes; semicolons"),
    rule("r_second_title", "fit", "attribute", "job_title_2", "eq", "Intern", "1", "The second job title column"),
    rule("r_any_activity", "engagement", "activity", "*", "", "", "32", "Any activity, ever"),
    rule("r_inactive", "negative", "inactivity", "*", "", "", "-64", "No activity for 30 days", window_days="30"),
]
# `Job Title` and `job_title` both normalise to job_title: the first is the recognised column,
# the second the custom attribute job_title_2. The third header repeats `job_title` exactly:
# DuckDB's CSV reader renames it job_title_1 before the mapping sees it (attr__job_title_1).
DUPLICATED_HEADER = ["lead_id", "created_at", "email", "Job Title", "job_title", "job_title", "country"]
HOSTILE_LEADS = [
    ["L1", "2026-05-20", "l1@acme.com", SQL_TEXT, "Intern", "third", "it's"],
    ["L2", "2026-05-20", "l2@acme.com", "'); DROP TABLE leads; -- and more", " intern ", "", "a;b"],
    ["L3", "2026-05-20", "l3@acme.com", "🚀 Founder", "", "", '"q"'],
    ["L4", "0001-01-01T00:00:00Z", "l4@acme.com", "Analyst", "", "", "Germany"],
    ["L5", "9999-12-31", "l5@acme.com", SQL_TEXT, "", "", ""],
]
HOSTILE_ACTIVITIES = [
    ["A1", "L1", "email_open", "0001-01-01 00:00:00"],
    ["A2", "L1", "email_open", "9999-12-31T23:59:59Z"],
]
EXPECTED_REASONS = {
    # L1: title is exactly the SQL text: eq 16; the regex searches it: 8; country it's: 2;
    # second title Intern: 1. A1 (year 1) counts, no decay, no window: 32; A2 (year 9999)
    # is quarantined, so the last activity is in year 1, more than 30 days ago: -64.
    "L1": {SQL_RULE_ID: 16, "r_regex": 8, "r_quotes": 2, "r_second_title": 1, "r_any_activity": 32,
           "r_inactive": -64},
    # L2: the SQL text plus more is not equal (eq 0), the regex is case-insensitive: 8;
    # a;b: 2; ' intern ' trimmed, case-insensitive: 1. Created 12 days ago: active.
    "L2": {"r_regex": 8, "r_quotes": 2, "r_second_title": 1},
    # L3: the rocket: 4; "q" with its quotes: 2.
    "L3": {"emoji_🚀": 4, "r_quotes": 2},
    # L4: created in year 1, no activity: inactive, -64.
    "L4": {"r_inactive": -64},
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    base = tmp_path_factory.mktemp("hostile_rules")
    inputs = base / "input"
    write_rows(inputs, "leads.csv", DUPLICATED_HEADER, HOSTILE_LEADS)
    write_rows(inputs, "activities.csv", ["activity_id", "lead_id", "activity_type", "occurred_at"], HOSTILE_ACTIVITIES)
    # outcomes and accounts absent
    project, _ = build(base, HOSTILE_RULES, inputs)
    return project


def test_hostile_rule_values_are_data_and_points_add_up(hostile: DbtProject) -> None:
    rows = hostile.query("select lead_id, rule_id, points from lead_score_reasons where model = 'lead'")
    actual: dict[str, dict[str, float]] = {}
    for lead, rule_id, points in rows:
        actual.setdefault(lead, {})[rule_id] = points
    assert actual == EXPECTED_REASONS
    totals = dict(hostile.query("select lead_id, total_score from lead_scores"))
    # L1 27 + 32 - 64 = -5; L2 11; L3 6; L4 -64
    assert totals == {"L1": -5, "L2": 11, "L3": 6, "L4": -64}
    assert totals == {lead: sum(points.values()) for lead, points in EXPECTED_REASONS.items()}


def test_hostile_descriptions_arrive_unchanged(hostile: DbtProject) -> None:
    descriptions = dict(hostile.query("select distinct rule_id, description from lead_score_reasons"))
    assert descriptions[SQL_RULE_ID] == QUOTED_DESCRIPTION
    assert descriptions["r_regex"] == LONG_DESCRIPTION
    assert descriptions["emoji_🚀"] == "Rocket 🚀 in the title"
    (top,) = hostile.query("select top_reasons from lead_scores where lead_id = 'L3'")[0]
    assert top == "+4 Rocket 🚀 in the title; +2 Quotes; semicolons"


def test_every_table_of_the_project_exists_after_the_sql_looking_rules(hostile: DbtProject) -> None:
    manifest = json.loads((hostile.root / "target" / "manifest.json").read_text())
    expected = {(node["schema"], node["alias"]) for node in manifest["nodes"].values()
                if node["resource_type"] in ("model", "seed") and node["config"]["materialized"] != "ephemeral"}
    existing = set(hostile.query("select table_schema, table_name from information_schema.tables"))
    assert len(expected) > 40 and expected <= existing, expected - existing
    assert hostile.query("select count(*) from scoring_rules") == [(len(HOSTILE_RULES),)]


def test_duplicated_column_names_first_recognised_others_custom(hostile: DbtProject) -> None:
    assert hostile.query("select lead_id, job_title from intermediate.int_leads_deduplicated order by 1") == [
        ("L1", SQL_TEXT), ("L2", "'); DROP TABLE leads; -- and more"), ("L3", "🚀 Founder"), ("L4", "Analyst"),
    ]
    assert hostile.query("select lead_id, attribute_name, attribute_value "
                         "from intermediate.int_lead_attributes_unpivoted order by 1, 2") == [
        ("L1", "job_title_1", "third"), ("L1", "job_title_2", "Intern"), ("L2", "job_title_2", "intern"),
    ]
    (raw,) = hostile.query("select raw_record from quarantine_leads where lead_id = 'L5'")[0]
    # every column but the personal one, email (docs/personal-data.md)
    assert list(json.loads(raw)) == ["lead_id", "created_at", "Job Title", "job_title", "job_title_1", "country"]


def test_year_1_is_kept_and_year_9999_quarantined(hostile: DbtProject) -> None:
    assert hostile.query("select cast(created_at as varchar) from intermediate.int_leads_deduplicated "
                         "where lead_id = 'L4'") == [("0001-01-01 00:00:00",)]
    assert hostile.query("select activity_id, cast(occurred_at as varchar) "
                         "from intermediate.int_activities_deduplicated") == [("A1", "0001-01-01 00:00:00")]
    assert hostile.query("select lead_id, reason from quarantine_leads") == [("L5", "future_timestamp")]
    assert hostile.query("select lead_id, reason from quarantine_activities") == [("L1", "future_timestamp")]
    assert_conserved(hostile, "leads", len(HOSTILE_LEADS))
    assert_conserved(hostile, "activities", len(HOSTILE_ACTIVITIES))
    for table in ("outcomes", "accounts"):  # absent: read as empty
        assert_conserved(hostile, table, 0)


# ---------------------------------------------------------------- case 1: points that are not finite

NON_FINITE_RULES = [
    rule("good", "fit", "attribute", "job_title", "eq", "CEO", "10", "Fine"),
    rule("nan_points", "fit", "attribute", "job_title", "eq", "CTO", "NaN", "Points NaN"),
    rule("inf_points", "fit", "attribute", "job_title", "eq", "CFO", "inf", "Points inf"),
    rule("minus_infinity_points", "negative", "attribute", "job_title", "eq", "Intern", "-Infinity", "Points -inf"),
    rule("nan_cap", "fit", "attribute", "job_title", "eq", "COO", "5", "Cap NaN", max_points="NaN"),
    rule("huge_points", "fit", "attribute", "job_title", "eq", "CMO", "1e999", "Points overflow to inf"),
]


@pytest.fixture(scope="module")
def non_finite(tmp_path_factory: pytest.TempPathFactory) -> tuple[DbtProject, str]:
    base = tmp_path_factory.mktemp("non_finite_rules")
    write_rows(base / "input", "leads.csv", ["lead_id", "created_at", "job_title"], [["L1", "2026-05-01", "CEO"]])
    project, result = build(base, NON_FINITE_RULES, base / "input", must_pass=False)
    assert result.returncode != 0
    return project, result.stdout


def test_nan_and_infinite_points_stop_the_build_naming_the_row(non_finite: tuple[DbtProject, str]) -> None:
    project, output = non_finite
    for expected in ["nan_points: points 'NaN' is not a number", "inf_points: points 'inf' is not a number",
                     "minus_infinity_points: points '-Infinity' is not a number",
                     "nan_cap: max_points 'NaN' is not a number"]:
        assert expected in output, expected
    assert "nothing was scored" in output
    tables = {name for (name,) in project.query("select table_name from information_schema.tables")}
    assert "lead_scores" not in tables and "int_rule_points_unioned" not in tables
    assert project.query("select count(*) from intermediate.int_leads_deduplicated") == [(1,)]


def test_points_overflowing_to_infinity_stop_the_build(non_finite: tuple[DbtProject, str]) -> None:
    _, output = non_finite
    assert "huge_points: points '1e999' is not a number" in output


# ---------------------------------------------------------------- cases 3 and 5: Parquet, header-only tables

SIZE_RULES = [
    rule("big", "fit", "attribute", "employee_count", "gte", "1000", "10", "1000 people or more"),
    rule("size_unknown", "fit", "attribute", "employee_count", "missing", "", "1", "Size unknown"),
    rule("revenue_known", "fit", "attribute", "annual_revenue", "present", "", "2", "Revenue known"),
    rule("opted_out", "negative", "attribute", "do_not_email", "eq", "true", "-4", "Opted out of e-mail"),
]


def parquet(path: Path, select: str) -> None:
    duckdb.sql(f"copy ({select}) to '{path}' (format parquet)")


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    base = tmp_path_factory.mktemp("parquet_types")
    inputs = base / "input"
    inputs.mkdir()
    parquet(inputs / "leads.parquet", """
        select * from (values
            ('P1', date '2026-05-01', 'abc',   'nan'::double, true,  'p1@acme.com'),
            ('P2', date '2026-05-02', '1e999', 'inf'::double, false, 'p2@acme.com'),
            ('P3', date '2026-05-03', '1,200', 1500.5,        null,  'p3@acme.com')
        ) as t(lead_id, created_at, employee_count, annual_revenue, do_not_email, email)""")
    # the optional tables with a header and no row
    (inputs / "activities.csv").write_text("activity_id,lead_id,activity_type,occurred_at,url\n")
    (inputs / "outcomes.csv").write_text("lead_id,outcome,outcome_at,amount\n")
    (inputs / "accounts.csv").write_text("account_id,name,domain\n")
    project, _ = build(base, SIZE_RULES, inputs)
    return project


def test_wrong_typed_parquet_values_become_null_with_a_warning(typed: DbtProject) -> None:
    rows = typed.query("select lead_id, cast(created_at as varchar), employee_count, annual_revenue, do_not_email, "
                       "data_quality_warnings from intermediate.int_leads_deduplicated where lead_id != 'P2' order by 1")
    assert rows == [
        ("P1", "2026-05-01 00:00:00", None, None, True, "invalid_number:employee_count, invalid_number:annual_revenue"),
        ("P3", "2026-05-03 00:00:00", 1200.0, 1500.5, None, None),
    ]
    assert_conserved(typed, "leads", 3)
    # P1: size unknown 1, opted out -4 -> -3; P3: 1200 >= 1000: 10, revenue known 2 -> 12
    totals = dict(typed.query("select lead_id, total_score from lead_scores"))
    assert (totals["P1"], totals["P3"]) == (-3, 12)


def test_header_only_optional_tables_are_empty_and_leads_are_scored(typed: DbtProject) -> None:
    assert typed.query("select count(*) from lead_scores") == [(3,)]
    for table in ("activities", "outcomes", "accounts"):
        assert_conserved(typed, table, 0)


def test_number_overflowing_to_infinity_becomes_null(typed: DbtProject) -> None:
    assert typed.query("select employee_count, annual_revenue, data_quality_warnings "
                       "from intermediate.int_leads_deduplicated where lead_id = 'P2'") == [
        (None, None, "invalid_number:employee_count, invalid_number:annual_revenue"),
    ]
    # size unknown 1 (not 'big' 10)
    assert typed.query("select total_score from lead_scores where lead_id = 'P2'") == [(1,)]


@pytest.fixture(scope="module")
def integer_times(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    base = tmp_path_factory.mktemp("parquet_integer_times")
    inputs = base / "input"
    inputs.mkdir()
    parquet(inputs / "leads.parquet",
            "select * from (values (1, 20260501), (2, 1780000000)) as t(lead_id, created_at)")
    parquet(inputs / "activities.parquet",
            "select * from (values ('1', 'email_open', 20260520)) as t(lead_id, activity_type, occurred_at)")
    project, _ = build(base, SIZE_RULES, inputs)
    return project


def test_integer_timestamps_quarantine_every_row_without_a_crash(integer_times: DbtProject) -> None:
    assert integer_times.query("select lead_id, reason, reason_detail from quarantine_leads order by 1") == [
        ("1", "unparseable_timestamp", "created_at is not a timestamp"),
        ("2", "unparseable_timestamp", "created_at is not a timestamp"),
    ]
    assert integer_times.query("select reason from quarantine_activities") == [("unparseable_timestamp",)]
    assert_conserved(integer_times, "leads", 2)
    assert_conserved(integer_times, "activities", 1)
    assert integer_times.query("select count(*) from lead_scores") == [(0,)]


def test_zero_byte_optional_files_are_read_as_empty(tmp_path: Path) -> None:
    inputs = tmp_path / "input"
    write_rows(inputs, "leads.csv", ["lead_id", "created_at", "employee_count"], [["Z1", "2026-05-01", "5000"]])
    for table in ("activities", "outcomes", "accounts"):
        (inputs / f"{table}.csv").write_bytes(b"")
    project, _ = build(tmp_path, SIZE_RULES, inputs)
    # 5000 >= 1000: 10
    assert project.query("select lead_id, total_score from lead_scores") == [("Z1", 10)]
