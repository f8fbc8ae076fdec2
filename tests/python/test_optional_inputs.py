"""The optional inputs sales_feedback and score_adjustments, and the bot-burst rule of the
activities (var leadscore_bot_events_per_minute), end to end on hand-written rows: one row
for every quarantine reason, each expectation worked out by hand from docs/input-data.md,
not read from the output. An absent table gives empty, typed models."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from conftest import DbtProject, copy_project, write_csv

# only the input side: the scoring models are not needed to judge the input
SELECTED = [
    "--select", "+int_sales_feedback_deduplicated", "+quarantine_sales_feedback",
    "+int_score_adjustments_deduplicated", "+quarantine_score_adjustments",
    "+int_activities_deduplicated", "+quarantine_activities",
    "base_sales_feedback", "base_score_adjustments", "base_activities",
    "+stg_outcomes", "+stg_accounts", "assert_staging_keeps_every_raw_row",
    "assert_staging_keeps_every_raw_activity_row",
    "--indirect-selection", "cautious", "--exclude-resource-type", "unit_test",
]

# L6 has L1's e-mail and came in later: merged into L1. L3 is erased.
LEADS = """\
    lead_id,created_at,email
    L1,2026-01-05 10:00:00,ada@example.com
    L2,2026-01-06,bob@example.com
    L3,2026-01-07,carol@example.com
    L6,2026-01-09,ADA@example.com
"""
ERASURE_REQUESTS = """\
    lead_id
    L3
"""
SALES_FEEDBACK = """\
    lead_id,feedback_at,rating,reason,author_id
    L1,2026-02-01 10:00,Good Fit,budget ok,rep1
    L6,2026-02-01 10:00,good_fit,budget ok,rep1
    L2,2026-02-02,bad fit,,rep2
    ,2026-02-02,good_fit,,
    L2,,good_fit,,
    L2,yesterday,good_fit,,
    L2,2026-02-02,,,
    L2,2099-01-01,good_fit,,
    L2,2026-02-02,great,,
    L9,2026-02-02,spam,,
    L6,2026-02-03 09:00,NOT_READY,call in May,
    L3,2026-02-02,good_fit,,
"""
SCORE_ADJUSTMENTS = """\
    adjustment_id,lead_id,effective_at,expires_at,mode,dimension,points,reason
    A1,L1,2026-02-01,2026-03-01,add,fit,10,vip
    A1,L6,2026-02-01,2026-03-01,Add,FIT,10,vip
    A1,L1,2026-02-01,,add,fit,20,vip
    A2,L2,2026-02-01,,set,engagement,0,
    A3,L9,2026-02-01,,add,fit,5,
    ,L2,2026-02-01,,add,fit,5,
    A4,L2,soon,,add,fit,5,
    A5,L2,2026-02-01,later,add,fit,5,
    A6,L2,2026-02-01,,multiply,fit,5,
    A7,L2,2026-02-01,,add,bonus,5,
    A8,L2,2026-02-01,,add,fit,lots,
    A9,L2,2026-02-01,2026-02-01,add,fit,5,
    A10,L6,2026-02-05,2026-04-01 12:00,add,negative,-7.5,competitor
    A11,,2026-02-01,,add,fit,5,
    A4,L2,2026-02-02,,add,engagement,3,
"""
# L1 (with L6 merged into it) has 3 distinct events in the minute 10:03 (E3 twice); L2 has 2.
ACTIVITIES = """\
    activity_id,lead_id,activity_type,occurred_at
    E1,L1,page_view,2026-02-01 10:03:05
    E2,L1,page_view,2026-02-01 10:03:15
    E3,L6,page_view,2026-02-01 10:03:25
    E3,L6,page_view,2026-02-01 10:03:25
    E4,L1,page_view,2026-02-01 10:04:00
    E5,L2,page_view,2026-02-01 10:03:00
    E6,L2,page_view,2026-02-01 10:03:59
    E7,L9,page_view,2026-02-01 10:03:30
"""


def write_inputs(folder: Path) -> Path:
    write_csv(folder, "leads.csv", LEADS)
    write_csv(folder, "erasure_requests.csv", ERASURE_REQUESTS)
    write_csv(folder, "sales_feedback.csv", SALES_FEEDBACK)
    write_csv(folder, "score_adjustments.csv", SCORE_ADJUSTMENTS)
    write_csv(folder, "activities.csv", ACTIVITIES)
    return folder


def build(project: DbtProject, inputs: Path, *extra: str, **dbt_vars: object) -> None:
    project.build({"input": "files", "input_path": str(inputs), **dbt_vars}, *SELECTED, *extra)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    base = tmp_path_factory.mktemp("optional_inputs")
    project = copy_project(base)
    build(project, write_inputs(base / "input"))
    return project


def test_sales_feedback_keeps_the_valid_rows_on_surviving_leads(built: DbtProject) -> None:
    rows = built.query(
        "select lead_id, source_lead_id, feedback_at, rating, reason, author_id, raw_row_number "
        "from intermediate.int_sales_feedback_deduplicated order by raw_row_number"
    )
    assert rows == [
        ("L1", "L1", datetime(2026, 2, 1, 10), "good_fit", "budget ok", "rep1", 1),
        ("L2", "L2", datetime(2026, 2, 2), "bad_fit", None, "rep2", 3),
        # L6 was merged into L1
        ("L1", "L6", datetime(2026, 2, 3, 9), "not_ready", "call in May", None, 11),
    ]
    (keys,) = built.query("select count(distinct feedback_key) from intermediate.int_sales_feedback_deduplicated")[0]
    assert keys == 3


def test_sales_feedback_quarantines_each_problem_with_its_reason(built: DbtProject) -> None:
    assert built.query("select raw_row_number, lead_id, reason, reason_detail from quarantine_sales_feedback order by 1") == [
        # the same feedback as row 1 once L6 is mapped to L1
        (2, "L6", "duplicate", "exact repeat of an earlier feedback row"),
        (4, None, "missing_key", "lead_id is empty"),
        (5, "L2", "unparseable_timestamp", "feedback_at is empty"),
        (6, "L2", "unparseable_timestamp", "feedback_at is not a timestamp"),
        (7, "L2", "missing_key", "rating is empty"),
        (8, "L2", "future_timestamp", "feedback_at is in the future"),
        (9, "L2", "unknown_rating", "rating great is not one of the var leadscore_feedback_ratings"),
        (10, "L9", "unknown_lead", "no valid lead with lead_id L9"),
    ]
    # row 12 (the erased lead L3) is neither kept nor quarantined: 12 = 3 + 8 + 1
    (raw,) = built.query("select count(*) from staging.base_sales_feedback")[0]
    assert raw == 12


def test_score_adjustments_keep_the_first_valid_row_of_each_id(built: DbtProject) -> None:
    rows = built.query(
        "select adjustment_id, lead_id, source_lead_id, effective_at, expires_at, mode, dimension, points, reason "
        "from intermediate.int_score_adjustments_deduplicated order by adjustment_id"
    )
    assert rows == [
        ("A1", "L1", "L1", datetime(2026, 2, 1), datetime(2026, 3, 1), "add", "fit", 10.0, "vip"),
        ("A10", "L1", "L6", datetime(2026, 2, 5), datetime(2026, 4, 1, 12), "add", "negative", -7.5, "competitor"),
        ("A2", "L2", "L2", datetime(2026, 2, 1), None, "set", "engagement", 0.0, None),
        # the first A4 row has a bad time: the later valid one is the first valid delivered
        ("A4", "L2", "L2", datetime(2026, 2, 2), None, "add", "engagement", 3.0, None),
    ]


def test_score_adjustments_quarantine_each_problem_with_its_reason(built: DbtProject) -> None:
    assert built.query("select raw_row_number, lead_id, reason, reason_detail from quarantine_score_adjustments order by 1") == [
        (2, "L6", "duplicate", "adjustment_id A1 seen before: exact repeat of row 1"),
        (3, "L1", "conflicting_id", "adjustment_id A1 seen before with other values: row 1 is kept"),
        (5, "L9", "unknown_lead", "no valid lead with lead_id L9"),
        (6, "L2", "missing_key", "adjustment_id is empty"),
        (7, "L2", "unparseable_timestamp", "effective_at is not a timestamp"),
        (8, "L2", "unparseable_timestamp", "expires_at is not a timestamp"),
        (9, "L2", "invalid_value", "mode multiply is not add or set"),
        (10, "L2", "invalid_value", "dimension bonus is not fit, engagement or negative"),
        (11, "L2", "invalid_value", "points lots is not a number"),
        (12, "L2", "invalid_period", "expires_at is not after effective_at"),
        (14, None, "missing_key", "lead_id is empty"),
    ]


def test_bot_bursts_are_off_by_default(built: DbtProject) -> None:
    assert built.query("select raw_row_number, triage_reason from intermediate.int_activities_triaged "
                       "where triage_reason is not null order by 1") == [(4, "duplicate"), (8, "unknown_lead")]


def test_a_bot_burst_quarantines_exactly_the_minute_of_the_lead(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    build(project, write_inputs(tmp_path / "input"), bot_events_per_minute=2)
    detail = "3 events in the minute 2026-02-01 10:03 (limit 2)"
    assert project.query("select raw_row_number, lead_id, reason, reason_detail from quarantine_activities order by 1") == [
        # L1's three distinct events of 10:03 (E3 through L6, merged into L1); its repeat stays a duplicate
        (1, "L1", "bot_burst", detail),
        (2, "L1", "bot_burst", detail),
        (3, "L6", "bot_burst", detail),
        (4, "L6", "duplicate", "activity_id E3 seen before"),
        (8, "L9", "unknown_lead", "no valid lead with lead_id L9"),
    ]
    # L1's event of 10:04 and L2's two events of 10:03 (not more than the limit) are kept
    kept = project.query("select raw_row_number from intermediate.int_activities_deduplicated order by 1")
    assert kept == [(5,), (6,), (7,)]


def test_an_incremental_run_counts_the_stored_events_and_changes_none(tmp_path: Path) -> None:
    """docs/input-data.md "Bot bursts": a run counts its own events plus those stored for the
    same lead and minute; the stored ones keep their fate."""
    project = copy_project(tmp_path)
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", LEADS)
    first = """\
        activity_id,lead_id,activity_type,occurred_at
        E1,L2,page_view,2026-02-01 10:05:00
        E2,L2,page_view,2026-02-01 10:05:10
    """
    write_csv(inputs, "activities.csv", first)
    build(project, inputs, bot_events_per_minute=2)
    assert project.query("select count(*) from quarantine_activities") == [(0,)]
    write_csv(inputs, "activities.csv", first + """\
        E3,L2,page_view,2026-02-01 10:05:20
        E4,L2,page_view,2026-02-01 10:06:00
    """)
    build(project, inputs, bot_events_per_minute=2)
    assert project.query("select raw_row_number, reason, reason_detail from quarantine_activities order by 1") == [
        (3, "bot_burst", "3 events in the minute 2026-02-01 10:05 (limit 2)"),
    ]
    kept = project.query("select raw_row_number from intermediate.int_activities_deduplicated order by 1")
    assert kept == [(1,), (2,), (4,)]


def test_absent_tables_give_empty_typed_models(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", LEADS)
    build(project, inputs)
    for model in ("intermediate.int_sales_feedback_deduplicated", "main.quarantine_sales_feedback",
                  "intermediate.int_score_adjustments_deduplicated", "main.quarantine_score_adjustments"):
        assert project.query(f"select count(*) from {model}") == [(0,)], model
    columns = project.query(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = 'intermediate' and table_name in "
        "('int_sales_feedback_deduplicated', 'int_score_adjustments_deduplicated') order by table_name, ordinal_position"
    )
    assert columns == [
        ("int_sales_feedback_deduplicated", "feedback_key", "VARCHAR"),
        ("int_sales_feedback_deduplicated", "lead_id", "VARCHAR"),
        ("int_sales_feedback_deduplicated", "source_lead_id", "VARCHAR"),
        ("int_sales_feedback_deduplicated", "feedback_at", "TIMESTAMP"),
        ("int_sales_feedback_deduplicated", "rating", "VARCHAR"),
        ("int_sales_feedback_deduplicated", "reason", "VARCHAR"),
        ("int_sales_feedback_deduplicated", "author_id", "VARCHAR"),
        ("int_sales_feedback_deduplicated", "raw_row_number", "BIGINT"),
        ("int_score_adjustments_deduplicated", "adjustment_id", "VARCHAR"),
        ("int_score_adjustments_deduplicated", "lead_id", "VARCHAR"),
        ("int_score_adjustments_deduplicated", "source_lead_id", "VARCHAR"),
        ("int_score_adjustments_deduplicated", "effective_at", "TIMESTAMP"),
        ("int_score_adjustments_deduplicated", "expires_at", "TIMESTAMP"),
        ("int_score_adjustments_deduplicated", "mode", "VARCHAR"),
        ("int_score_adjustments_deduplicated", "dimension", "VARCHAR"),
        ("int_score_adjustments_deduplicated", "points", "DOUBLE"),
        ("int_score_adjustments_deduplicated", "reason", "VARCHAR"),
    ]
