"""End to end on a hand-made, dirty input folder: the exact cleaned rows and the exact
quarantine reasons. Every expected value below is worked out by hand from the cleaning
and de-duplication rules in the README, not read from the output. Every test runs on each engine
of TARGETS (DuckDB reading the files, PostgreSQL reading them loaded into tables)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from conftest import TARGETS, DbtProject, copy_project_on, write_csv

LEADS = '''\
    Lead ID,Created At,Updated At,Email,First Name,Last Name,Phone,Company,Job Title,Industry,Country,City,Lead Source,Account ID,Employee Count,Annual Revenue,Do Not Email,Do Not Call,Total Time Spent on Website,"Weird; ""Col"""
    L001,2026-01-05 10:00:00,2026-01-05 10:00:00,  Ada.Lovelace@Analytical.io ,Ada,Lovelace,+44 20 7946 0000,Analytical Engines,CTO,Software,United Kingdom,London,Webinar,A1,"1,200",5000000,no,N,12.5,x
    L002,2026-01-06,,bob@gmail.com,Bob,Builder,12,Bob Co,Intern,Select,unknown,N/A,Organic Search,,abc,,yes,1,,
    L003,not a date,,carol@example.com,Carol,C,,,,,,,,,,,,,,
    ,2026-01-07 09:00:00,,nokey@example.com,No,Key,,,,,,,,,,,,,,
    L004,2099-01-01 00:00:00,,future@example.com,Fu,Ture,,,,,,,,,,,,,,
    L005,2026-01-08 08:00:00,2026-01-08 08:00:00,dan@acme.com,Dan,Old,,Acme,Manager,Retail,Germany,Berlin,Referral,A2,50,,false,0,3,
    L005,2026-01-08 08:00:00,2026-02-01 08:00:00,dan@acme.com,Dan,New,,Acme,Director of Sales,Retail,Germany,Berlin,Referral,A2,50,,false,0,4,
    L006,2026-01-09T10:00:00+02:00,,ADA.LOVELACE@analytical.io,Ada,L,,,,,,,,,,,yes,,,
    L007,2026-01-10,,john.doe@,John,Doe,,,,,,,,,,,,,,
    L008,2026-01-11 12:00:00,,  ,Eve,N/A,(555) 123-4567,,VP   Sales,Media,,,,A9,,,maybe,,,
    L009,2026-01-12,,carol@example.com,Carol,Other,,,,,,,,,,,,,7,
    L010,,,empty@example.com,Em,Pty,,,,,,,,,,,,,,
    L011,2026-01-13,31/02/2026,frank@example.com,Frank,F,,,,,,,,,,,,,,
'''

ACTIVITIES = '''\
    activity_id,lead_id,activity_type,occurred_at,url,campaign,channel
    E1,L001,Email Open,2026-01-06 10:00:00,,c1,Email
    E2,L001,page_view,2026-01-07 10:00:00,/pricing,,web
    E2,L001,page_view,2026-01-07 10:00:00,/pricing,,web
    ,L001,page_view,2026-01-08 10:00:00,/careers,,web
    ,L001,page_view,2026-01-08 10:00:00,/careers,,web
    E3,L006,demo_request,2026-01-10 10:00:00,,,web
    E4,L999,email_open,2026-01-10 10:00:00,,,email
    E5,,email_open,2026-01-10 10:00:00,,,email
    E6,L002,email_open,yesterday,,,email
    E7,L002,email_open,2099-05-05,,,email
    E8,L003,email_open,2026-01-10,,,email
    E9,L005,Webinar Attended,2026-02-02T09:00:00Z,,,event
'''

OUTCOMES = '''\
    lead_id,outcome,outcome_at,amount
    L001,Won,2026-03-01,"$12,000"
    L001,Won,2026-03-01,"$12,000"
    L999,won,2026-03-01,10
    L006,lost,soon,
    ,won,2026-03-01,
'''

ACCOUNTS = '''\
    Account ID,Name,Domain,Industry,Country,Employee Count,Annual Revenue,Tier
    A1,Analytical Engines,https://www.Analytical.io/about,Software,United Kingdom,1200,5000000,Gold
    A2,Acme,acme.com,Retail,Germany,40,,Silver
    A2,Acme GmbH,acme.com,Retail,Germany,50,,Silver
    ,Nameless,nameless.com,,,,,
'''


@pytest.fixture(scope="module", params=TARGETS)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    """One build of the hand-made input per engine, shared by the assertions of this module."""
    base = tmp_path_factory.mktemp(f"foundation_{request.param}")
    inputs = base / "input"
    write_csv(inputs, "leads.csv", LEADS)
    write_csv(inputs, "activities.csv", ACTIVITIES)
    write_csv(inputs, "outcomes.csv", OUTCOMES)
    write_csv(inputs, "accounts.csv", ACCOUNTS)
    project = copy_project_on(request.param, base, request)
    project.build(project.input_vars(inputs), "--exclude-resource-type", "unit_test")
    return project


def test_cleaned_leads_are_exactly_the_survivors(built: DbtProject) -> None:
    rows = built.query(
        """
        select leads.lead_id, leads.created_at, contacts.email, leads.email_domain, contacts.phone, leads.job_title,
               leads.industry, leads.country, leads.city, leads.employee_count, leads.do_not_email, leads.do_not_call
        from intermediate.int_leads_deduplicated as leads
        left join restricted.lead_contacts as contacts on leads.lead_id = contacts.lead_id
        order by leads.lead_id
        """
    )
    # the e-mail and the phone are in the restricted table only; the lead tables know whether
    flags = built.query("select lead_id, has_email, has_phone from intermediate.int_leads_deduplicated order by lead_id")
    assert flags == [(lead_id, email is not None, phone is not None) for lead_id, _, email, _, phone, *_ in rows]
    assert rows == [
        # L006 (same e-mail, created later) merged into L001; its opt-out is kept.
        ("L001", datetime(2026, 1, 5, 10), "ada.lovelace@analytical.io", "analytical.io", "+44 20 7946 0000",
         "CTO", "Software", "United Kingdom", "London", 1200.0, True, False),
        ("L002", datetime(2026, 1, 6), "bob@gmail.com", "gmail.com", None,
         "Intern", None, None, None, None, True, True),
        # the row updated on 2026-02-01 wins over the older version
        ("L005", datetime(2026, 1, 8, 8), "dan@acme.com", "acme.com", None,
         "Director of Sales", "Retail", "Germany", "Berlin", 50.0, False, False),
        ("L007", datetime(2026, 1, 10), None, None, None, None, None, None, None, None, None, None),
        ("L008", datetime(2026, 1, 11, 12), None, None, "(555) 123-4567",
         "VP Sales", "Media", None, None, None, None, None),
        ("L009", datetime(2026, 1, 12), "carol@example.com", "example.com", None,
         None, None, None, None, None, None, None),
        ("L011", datetime(2026, 1, 13), "frank@example.com", "example.com", None,
         None, None, None, None, None, None, None),
    ]


def test_data_quality_warnings_name_the_unusable_values(built: DbtProject) -> None:
    rows = built.query(
        "select lead_id, data_quality_warnings from intermediate.int_leads_deduplicated "
        "where data_quality_warnings is not null order by lead_id"
    )
    assert rows == [
        ("L002", "invalid_phone, invalid_number:employee_count"),
        ("L007", "invalid_email"),
        ("L008", "invalid_boolean:do_not_email"),
        ("L011", "unparseable_timestamp:updated_at"),
    ]


def test_lead_quarantine_reasons(built: DbtProject) -> None:
    rows = built.query("select raw_row_number, lead_id, reason, reason_detail from quarantine_leads order by 1")
    assert rows == [
        (3, "L003", "unparseable_timestamp", "created_at is not a timestamp"),
        (4, None, "missing_key", "lead_id is empty"),
        (5, "L004", "future_timestamp", "created_at is in the future"),
        (6, "L005", "duplicate", "older version of lead L005 (a newer row is kept)"),
        (8, "L006", "duplicate", "same e-mail as lead L001, merged into it"),
        (12, "L010", "unparseable_timestamp", "created_at is empty"),
    ]
    raw = built.query("select raw_record from quarantine_leads where raw_row_number = 3")[0][0]
    # the engine's JSON of the row as read (its spacing and key order are the engine's)
    record = json.loads(raw)
    assert record["Lead ID"] == "L003" and record["Created At"] == "not a date" and record["City"] is None
    # the personal columns are not copied (docs/personal-data.md)
    assert not {"Email", "First Name", "Last Name", "Phone"} & set(record)


def test_activities_follow_the_survivor_and_count_once(built: DbtProject) -> None:
    kept = built.query(
        "select activity_id, lead_id, source_lead_id, activity_type, occurred_at, url, channel "
        "from intermediate.int_activities_deduplicated order by occurred_at"
    )
    assert kept == [
        ("E1", "L001", "L001", "email_open", datetime(2026, 1, 6, 10), None, "email"),
        ("E2", "L001", "L001", "page_view", datetime(2026, 1, 7, 10), "/pricing", "web"),
        (None, "L001", "L001", "page_view", datetime(2026, 1, 8, 10), "/careers", "web"),
        ("E3", "L001", "L006", "demo_request", datetime(2026, 1, 10, 10), None, "web"),
        ("E9", "L005", "L005", "webinar_attended", datetime(2026, 2, 2, 9), None, "event"),
    ]
    quarantined = built.query("select raw_row_number, lead_id, reason from quarantine_activities order by 1")
    assert quarantined == [
        (3, "L001", "duplicate"),
        (5, "L001", "duplicate"),
        (7, "L999", "unknown_lead"),
        (8, None, "missing_key"),
        (9, "L002", "unparseable_timestamp"),
        (10, "L002", "future_timestamp"),
        (11, "L003", "unknown_lead"),
    ]


def test_outcomes_and_accounts(built: DbtProject) -> None:
    outcomes = built.query("select lead_id, outcome, outcome_at, amount from intermediate.int_outcomes_deduplicated order by outcome")
    assert outcomes == [("L001", "lost", None, None), ("L001", "won", datetime(2026, 3, 1), 12000.0)]
    assert built.query("select raw_row_number, reason from quarantine_outcomes order by 1") == [
        (2, "duplicate"), (3, "unknown_lead"), (5, "missing_key"),
    ]
    accounts = built.query("select account_id, account_name, account_domain, employee_count from intermediate.int_accounts_deduplicated order by 1")
    assert accounts == [("A1", "Analytical Engines", "analytical.io", 1200.0), ("A2", "Acme GmbH", "acme.com", 50.0)]
    assert built.query("select raw_row_number, reason from quarantine_accounts order by 1") == [
        (2, "duplicate"), (4, "missing_key"),
    ]


def test_custom_attributes_are_found_from_the_input_columns(built: DbtProject) -> None:
    leads = built.query("select lead_id, attribute_name, attribute_value, attribute_number "
                        "from intermediate.int_lead_attributes_unpivoted order by 1, 2")
    assert leads == [
        ("L001", "total_time_spent_on_website", "12.5", 12.5),
        ("L001", "weird_col", "x", None),
        ("L005", "total_time_spent_on_website", "4", 4.0),
        ("L009", "total_time_spent_on_website", "7", 7.0),
    ]
    accounts = built.query("select account_id, attribute_name, attribute_value from intermediate.int_account_attributes_unpivoted order by 1")
    assert accounts == [("A1", "tier", "Gold"), ("A2", "tier", "Silver")]


@pytest.mark.parametrize("table, raw_rows", [("leads", 13), ("activities", 12), ("outcomes", 5), ("accounts", 4)])
def test_every_raw_row_is_kept_or_quarantined(built: DbtProject, table: str, raw_rows: int) -> None:
    (counted,) = built.query(f"select count(*) from staging.base_{table}")[0]
    (kept,) = built.query(f"select count(*) from intermediate.int_{table}_deduplicated")[0]
    (quarantined,) = built.query(f"select count(*) from quarantine_{table}")[0]
    assert counted == raw_rows
    assert kept + quarantined == raw_rows


def test_quarantine_rows_carry_the_run_time(built: DbtProject) -> None:
    times = built.query("select distinct quarantined_at from quarantine_leads")
    assert len(times) == 1 and abs((datetime.utcnow() - times[0][0]).total_seconds()) < 3600


def test_consent_flags_reach_lead_scores(built: DbtProject) -> None:
    """can_email / can_call (for routing): an address or number, and no opt-out. L001 has
    both and opted out of neither ("no", "N"), but L006, merged into it, opted out of e-mail
    ("yes"), and an opt-out on any merged row is kept; L002 opted out of both ("yes", "1");
    L005 has no phone; L008's e-mail is blank and its do_not_email ("maybe") is not a yes."""
    rows = dict((lead, (email, call)) for lead, email, call in built.query(
        "select lead_id, can_email, can_call from lead_scores where lead_id in ('L001', 'L002', 'L005', 'L008')"))
    assert rows == {"L001": (False, True), "L002": (False, False), "L005": (True, False), "L008": (False, True)}
