"""A malformed rule stops the build before anything is scored, and the message names every
bad row (docs/CONTRACT.md section 2: rules are validated before scoring), on each engine of TARGETS."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TARGETS, copy_project_on, write_csv

BAD_RULES = '''\
    rule_id,model,segment,dimension,source,field,operator,value,value_max,points,half_life_days,window_days,max_points,description
    good_rule,lead,*,fit,attribute,job_title,contains,ceo,,10,,,,Fine
    bad_points,lead,*,fit,attribute,job_title,contains,cto,,abc,,,,Points are not a number
    bad_regex,lead,*,fit,attribute,job_title,regex,(unclosed,,5,,,,Regex does not compile
    bad_segment,lead,nowhere,fit,attribute,industry,eq,Software,,5,,,,Unknown segment
    bad_between,lead,*,fit,attribute,employee_count,between,10,,5,,,,No upper bound
    bad_dimension,lead,*,bonus,attribute,industry,eq,Software,,5,,,,Unknown dimension
    good_rule,lead,*,fit,attribute,industry,eq,Retail,,1,,,,Repeated id
    personal_rule,lead,*,negative,attribute,email,regex,^test,,-5,,,,E-mail is personal data
    '); drop table leads; --,lead,*,fit,attribute,industry,eq,x,,1,,,,SQL-looking id is only data
'''


@pytest.mark.parametrize("target", TARGETS)
def test_bad_rules_stop_the_build_naming_each_row(target: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    dbt_project = copy_project_on(target, tmp_path, request)
    write_csv(dbt_project.root / "seeds", "scoring_rules.csv", BAD_RULES)
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", "lead_id,created_at,job_title\nL1,2026-01-01,CEO\n")
    result = dbt_project.dbt(
        "build", "--exclude-resource-type", "unit_test", dbt_vars=dbt_project.input_vars(inputs)
    )
    assert result.returncode != 0
    output = result.stdout
    assert "the scoring_rules seed has 7 problem(s); nothing was scored" in output
    for expected in [
        "bad_points: points 'abc' is not a number",
        "bad_regex: regex '(unclosed' does not compile",
        "bad_segment: segment 'nowhere' is not in the segments seed",
        "bad_between: between needs a numeric value_max, not an empty one",
        "bad_dimension: dimension 'bonus' is not fit, engagement or negative",
        "good_rule: rule_id appears 2 times",
        "personal_rule: field 'email' is personal data, which is not scored",
    ]:
        assert expected in output, expected
    # nothing was scored, and the SQL-looking rule id changed nothing
    tables = {name for (name,) in dbt_project.query("select table_name from information_schema.tables")}
    assert "lead_scores" not in tables and "int_rule_points_unioned" not in tables
    assert dbt_project.query("select count(*) from intermediate.int_leads_deduplicated") == [(1,)]


# The optional columns of issue 23 (min_count, max_count, max_per_day) and feedback rules; the
# seed above, without those columns, reads as if they were empty.
BAD_SIGNAL_RULES = '''\
    rule_id,model,segment,dimension,source,field,operator,value,value_max,points,half_life_days,window_days,max_points,min_count,max_count,max_per_day,description
    good_frequency,lead,*,engagement,activity,page_view,contains,/pricing,,10,,14,,3,,2,Fine
    good_feedback,lead,*,fit,feedback,good_fit,,,,10,30,,,,,,Fine
    decaying_frequency,lead,*,engagement,activity,page_view,,,,10,30,,,3,,,Frequency with a half-life
    zero_count,lead,*,engagement,activity,page_view,,,,10,,,,0,,,min_count 0
    upside_down,lead,*,engagement,activity,page_view,,,,10,,,,5,2,,max_count below min_count
    half_a_day,lead,*,engagement,activity,page_view,,,,10,,,,,,1.5,max_per_day not whole
    counted_title,lead,*,fit,attribute,job_title,contains,ceo,,10,,,,2,,,min_count on an attribute
    great_rating,lead,*,fit,feedback,great,,,,10,,,,,,,Not a rating
    filtered_rating,lead,*,fit,feedback,bad_fit,contains,x,,-10,,,,,,,A url filter on feedback
'''


@pytest.mark.parametrize("target", TARGETS)
def test_bad_frequency_and_feedback_rules_are_named(target: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    dbt_project = copy_project_on(target, tmp_path, request)
    write_csv(dbt_project.root / "seeds", "scoring_rules.csv", BAD_SIGNAL_RULES)
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", "lead_id,created_at,job_title\nL1,2026-01-01,CEO\n")
    result = dbt_project.dbt(
        "build", "--exclude-resource-type", "unit_test", dbt_vars=dbt_project.input_vars(inputs)
    )
    assert result.returncode != 0
    output = result.stdout
    assert "the scoring_rules seed has 7 problem(s); nothing was scored" in output
    for expected in [
        "decaying_frequency: a frequency rule (min_count / max_count) adds its points once, without decay",
        "zero_count: min_count '0' is not a whole number of 1 or more",
        "upside_down: max_count 2 is below min_count 5",
        "half_a_day: max_per_day '1.5' is not a whole number of 1 or more",
        "counted_title: min_count, max_count and max_per_day apply to activity and feedback rules only",
        "great_rating: field 'great' is not a sales rating",
        "filtered_rating: operator 'contains' is not allowed on a feedback rule",
    ]:
        assert expected in output, expected
    tables = {name for (name,) in dbt_project.query("select table_name from information_schema.tables")}
    assert "lead_scores" not in tables and "int_rule_points_unioned" not in tables


@pytest.mark.parametrize("target", TARGETS)
def test_bad_bands_and_segments_are_named(target: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    dbt_project = copy_project_on(target, tmp_path, request)
    write_csv(dbt_project.root / "seeds", "grade_bands.csv",
              "segment,scale,label,min_score\n*,fit_grade,A,40\n*,fit_grade,E,10\n*,lifecycle,mql,lots\n")
    write_csv(dbt_project.root / "seeds", "segments.csv",
              "segment_id,priority,field,operator,value,value_max\nbig,first,employee_count,gte,1000,\n")
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", "lead_id,created_at\nL1,2026-01-01\n")
    result = dbt_project.dbt(
        "build", "--exclude-resource-type", "unit_test", dbt_vars=dbt_project.input_vars(inputs)
    )
    assert result.returncode != 0
    assert "* fit_grade E: a fit_grade label is one of A, B, C, D" in result.stdout
    assert "* lifecycle mql: min_score 'lots' is not a number" in result.stdout
    assert "big: priority 'first' is not a number" in result.stdout


BAD_JOB_TITLE_PATTERNS = '''\
    pattern,attribute,value,priority
    ceo,seniority,c_level,10
    ,seniority,vp,20
    (unclosed,function,sales,10
    manager,rank,manager,10
    director,seniority,boss,40
    sales,function,selling,10
    intern,seniority,student,ten
    trainee,seniority,student,1.5
    ceo,seniority,c_level,11
    .,function,other,99
'''


@pytest.mark.parametrize("target", TARGETS)
def test_bad_job_title_patterns_stop_the_build_naming_each_row(
    target: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    dbt_project = copy_project_on(target, tmp_path, request)
    write_csv(dbt_project.root / "seeds", "job_title_patterns.csv", BAD_JOB_TITLE_PATTERNS)
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", "lead_id,created_at,job_title\nL1,2026-01-01,CEO\n")
    result = dbt_project.dbt(
        "build", "--exclude-resource-type", "unit_test", dbt_vars=dbt_project.input_vars(inputs)
    )
    assert result.returncode != 0
    output = result.stdout
    assert "the job_title_patterns seed has 8 problem(s); nothing was scored" in output
    for expected in [
        "(an empty pattern) -> seniority vp: pattern is empty",
        "'(unclosed' -> function sales: regex '(unclosed' does not compile",
        "'manager' -> rank manager: attribute 'rank' is not seniority or function",
        "'director' -> seniority boss: value 'boss' is not a seniority (c_level, vp, director,",
        "'sales' -> function selling: value 'selling' is not a function (executive, sales,",
        "'intern' -> seniority student: priority 'ten' is not a whole number",
        "'trainee' -> seniority student: priority '1.5' is not a whole number",
        "'ceo' -> seniority c_level: the pattern appears 2 times for seniority",
    ]:
        assert expected in output, expected
    tables = {name for (name,) in dbt_project.query("select table_name from information_schema.tables")}
    assert "int_leads_titled" not in tables and "lead_scores" not in tables and "account_scores" not in tables


BAD_BUYING_GROUP_ROLES = '''\
    role,field,operator,value,value_max
    decision_maker,job_seniority,in,c_level|vp,
    champion,job_seniority,like,director,
    ,job_function,eq,it,
    "users,all",job_seniority,eq,individual,
    sizer,employee_count,between,100,
    sizer,employee_count,between,500,100
    writer,email,present,,
    finder,job_title,regex,(unclosed,
    nobody,,eq,x,
'''


@pytest.mark.parametrize("target", TARGETS)
def test_bad_buying_group_roles_stop_the_build_naming_each_row(
    target: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    dbt_project = copy_project_on(target, tmp_path, request)
    write_csv(dbt_project.root / "seeds", "buying_group_roles.csv", BAD_BUYING_GROUP_ROLES)
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", "lead_id,created_at,job_title,account_id\nL1,2026-01-01,CEO,A1\n")
    result = dbt_project.dbt(
        "build", "--exclude-resource-type", "unit_test", dbt_vars=dbt_project.input_vars(inputs)
    )
    assert result.returncode != 0
    output = result.stdout
    assert "the buying_group_roles seed has 8 problem(s); nothing was scored" in output
    for expected in [
        "champion:1: operator 'like' is not an attribute operator",
        "(a row with an empty role): role is empty",
        "users,all:1: a role name may not hold a comma",
        "sizer:1: between needs a numeric value_max, not an empty one",
        "sizer:2: between has value 500 above value_max 100",
        "writer:1: field 'email' is personal data, which is not scored",
        "finder:1: regex '(unclosed' does not compile",
        "nobody:1: field is empty",
    ]:
        assert expected in output, expected
    tables = {name for (name,) in dbt_project.query("select table_name from information_schema.tables")}
    assert "int_lead_conditions_matched" not in tables and "account_scores" not in tables
