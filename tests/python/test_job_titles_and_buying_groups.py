"""The shipped job_title_patterns seed on English and German titles, and the buying-group
columns of account_scores built from them, on each engine of TARGETS (the patterns are data
searched by each engine's own regex engine: they must read alike everywhere;
docs/rules-and-preview.md, "Job titles" and "Buying groups")."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TARGETS, copy_project_on, write_csv

# title -> (job_seniority, job_function) by the shipped seed
TITLES = {
    "Head of Sales": ("director", "sales"),
    "Chief Marketing Officer": ("c_level", "marketing"),
    "Sales Manager": ("manager", "sales"),
    "Werkstudent Marketing": ("student", "marketing"),
    "Vertriebsleiter": ("director", "sales"),
    "Geschäftsführerin": ("c_level", "executive"),
    "Geschaeftsfuehrer": ("c_level", "executive"),
    "GESCHÄFTSFÜHRER": ("c_level", "executive"),
    "Inhaber": ("c_level", "executive"),
    "Vorstand": ("c_level", "executive"),
    "CEO": ("c_level", "executive"),
    "CTO": ("c_level", "engineering"),
    "CFO": ("c_level", "finance"),
    "Co-Founder": ("c_level", "executive"),
    "Managing Director": ("c_level", "executive"),
    "Product Owner": ("individual", "engineering"),
    "VP Sales": ("vp", "sales"),
    "Vice President Engineering": ("vp", "engineering"),
    "Vizepräsident Vertrieb": ("vp", "sales"),
    "President": ("c_level", "executive"),
    "Director of IT": ("director", "it"),
    "Abteilungsleiter Einkauf": ("director", "operations"),
    "Bereichsleiterin Finanzen": ("director", "finance"),
    "Teamleiter Vertrieb": ("manager", "sales"),
    "Leiterin Personal": ("director", "hr"),
    "IT-Leiter": ("director", "it"),
    "Systemadministrator": ("individual", "it"),
    "Softwareentwickler": ("individual", "engineering"),
    "Buchhalterin": ("individual", "finance"),
    "Account Executive": ("individual", "sales"),
    "Praktikantin": ("student", "other"),
    "Auszubildender": ("student", "other"),
    "International Sales Manager": ("manager", "sales"),
    "Internal Auditor": ("individual", "finance"),
    "Assistentin der Geschäftsführung": ("individual", "executive"),
    "Director": ("director", "other"),
    "Consultant": ("individual", "other"),
}


@pytest.mark.parametrize("target", TARGETS)
def test_titles_and_buying_groups(target: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    dbt_project = copy_project_on(target, tmp_path, request)
    inputs = tmp_path / "input"
    leads = ["lead_id,created_at,job_title,account_id,email"]
    for number, title in enumerate(TITLES, start=1):
        leads.append(f'T{number},2026-01-01,"{title}",,t{number}@example.com')
    # A1: an engaged CTO (decision_maker, influencer), an engaged Sales Manager (champion)
    # and a Software Engineer without activity (user, not engaged): 3 of 4 roles.
    # A2: a Consultant without activity and a lead without a title: no role covered.
    leads += [
        "B1,2026-01-01,CTO,A1,b1@example.com",
        "B2,2026-01-01,Sales Manager,A1,b2@example.com",
        "B3,2026-01-01,Software Engineer,A1,b3@example.com",
        "B4,2026-01-01,Consultant,A2,b4@example.com",
        "B5,2026-01-01,,A2,b5@example.com",
    ]
    write_csv(inputs, "leads.csv", "\n".join(leads) + "\n")
    write_csv(
        inputs,
        "activities.csv",
        "lead_id,activity_type,occurred_at\nB1,email_open,2026-06-20\nB2,email_click,2026-06-25\n",
    )
    dbt_vars = {**dbt_project.input_vars(inputs), "as_of": "2026-06-30"}
    dbt_project.build(dbt_vars, "--exclude-resource-type", "unit_test")

    titled = {
        lead_id: (title, seniority, function)
        for lead_id, title, seniority, function in dbt_project.query(
            "select lead_id, job_title, job_seniority, job_function from intermediate.int_leads_titled"
        )
    }
    wrong = {
        title: (titled[f"T{number}"][1:], expected)
        for number, (title, expected) in enumerate(TITLES.items(), start=1)
        if titled[f"T{number}"] != (title, *expected)
    }
    assert wrong == {}
    assert titled["B5"] == (None, "unknown", "unknown")
    # the derived fields are fields of the conditions engine (the roles name them)
    (fields,) = dbt_project.query(
        "select count(*) from intermediate.int_lead_fields_unpivoted "
        "where lead_id = 'B1' and field_name in ('job_seniority', 'job_function')"
    )
    assert fields == (2,)

    accounts = {
        account_id: (completeness, covered, missing)
        for account_id, completeness, covered, missing in dbt_project.query(
            "select account_id, buying_group_completeness, roles_covered, roles_missing from main.account_scores"
        )
    }
    assert accounts == {
        "A1": (0.75, "champion,decision_maker,influencer", "user"),
        "A2": (0.0, "", "champion,decision_maker,influencer,user"),
    }
