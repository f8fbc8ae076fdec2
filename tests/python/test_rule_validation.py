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
