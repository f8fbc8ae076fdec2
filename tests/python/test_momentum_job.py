"""The main job's step momentum (docs/sales-signals.md "Momentum and stage dates"): on a first
run it scores the moments 7 and 30 days before as_of into lead_score_history, so that
score_change_7d / _30d have what to compare with; a run that finds them scored with the same
rules scores nothing more; a rule edit scores them again; --no-momentum leaves them out."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import copy_project, run_main_job, write_csv

pytestmark = pytest.mark.slow

RULES = '''\
    rule_id,model,segment,dimension,source,field,operator,value,value_max,points,half_life_days,window_days,max_points,description
    r_open,lead,*,engagement,activity,email_open,,,,10,,,,Opens e-mails
'''
LEADS = '''\
    lead_id,created_at,email
    M1,2026-01-01,m1@acme.com
    M2,2026-05-28,m2@acme.com
'''
# M1 opened on 2026-05-01 and 2026-05-20: 10 as of 2026-05-02 (30 days back), 20 as of
# 2026-05-25 (7 days back), 20 now; M2 came in after 2026-05-25 (compares with 0) and opened once
ACTIVITIES = '''\
    activity_id,lead_id,activity_type,occurred_at
    E1,M1,email_open,2026-05-01 00:00:00
    E2,M1,email_open,2026-05-20 00:00:00
    E3,M2,email_open,2026-05-30 00:00:00
'''


def scores(published: Path) -> dict[str, tuple[object, ...]]:
    connection = duckdb.connect(str(published), read_only=True)
    try:
        rows = connection.sql("select lead_id, total_score, score_change_7d, score_change_30d from lead_scores").fetchall()
        return {str(row[0]): row[1:] for row in rows}
    finally:
        connection.close()


def test_momentum_moments_are_scored_once_per_rules(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    write_csv(project.root / "seeds", "scoring_rules.csv", RULES)
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", LEADS)
    write_csv(inputs, "activities.csv", ACTIVITIES)
    published = tmp_path / "published" / "leadscore.duckdb"

    first = run_main_job(project, published, inputs, "2026-06-01")
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-2000:]
    assert "momentum: scoring 2026-05-02 00:00:00 and 2026-05-25 00:00:00 first" in first.stdout
    assert "backfill 2/2" in first.stdout
    assert scores(published) == {"M1": (20.0, 0.0, 10.0), "M2": (10.0, 10.0, 10.0)}

    again = run_main_job(project, published, inputs, "2026-06-01")
    assert again.returncode == 0, again.stdout[-4000:] + again.stderr[-2000:]
    assert "momentum: scoring" not in again.stdout and "backfill 1/" not in again.stdout

    # new points: the history's dates were scored with other rules, so both are scored again
    write_csv(project.root / "seeds", "scoring_rules.csv", RULES.replace(",10,,,,Opens", ",5,,,,Opens"))
    edited = run_main_job(project, published, inputs, "2026-06-01")
    assert edited.returncode == 0, edited.stdout[-4000:] + edited.stderr[-2000:]
    assert "backfill 2/2" in edited.stdout
    assert scores(published) == {"M1": (10.0, 0.0, 5.0), "M2": (5.0, 5.0, 5.0)}

    # without the step, a date the history lacks leaves the change null
    skipped = run_main_job(project, published, inputs, "2026-06-02", "--no-momentum")
    assert skipped.returncode == 0, skipped.stdout[-4000:] + skipped.stderr[-2000:]
    assert "step momentum" not in skipped.stdout and "momentum: scoring" not in skipped.stdout
    assert scores(published) == {"M1": (10.0, None, None), "M2": (5.0, None, None)}
