"""The demo-data generator: deterministic (same seed, same bytes), and the dirty rows it
promises are really there."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb

from leadscore.demo.generate import generate


def digest(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.glob("*.csv"))}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    arguments = {"leads": 800, "activities": 12000, "fmt": "csv", "end_date": date(2026, 6, 30)}
    generate(tmp_path / "a", seed=7, **arguments)
    generate(tmp_path / "b", seed=7, **arguments)
    generate(tmp_path / "c", seed=8, **arguments)
    first = digest(tmp_path / "a")
    assert set(first) == {"leads.csv", "activities.csv", "outcomes.csv", "accounts.csv", "sales_feedback.csv",
                          "score_adjustments.csv"}
    assert first == digest(tmp_path / "b")
    assert first["leads.csv"] != digest(tmp_path / "c")["leads.csv"]


def test_dirty_rows_are_present(tmp_path: Path) -> None:
    generate(tmp_path, leads=5000, activities=100000, seed=42, fmt="csv", end_date=date(2026, 6, 30))
    connection = duckdb.connect()
    leads = f"read_csv('{tmp_path / 'leads.csv'}', all_varchar=true)"
    activities = f"read_csv('{tmp_path / 'activities.csv'}', all_varchar=true)"

    def count(sql: str) -> int:
        return connection.sql(sql).fetchall()[0][0]

    assert count(f"select count(*) from (select lead_id from {leads} where lead_id is not null "
                 "group by lead_id having count(*) > 1)") > 0
    assert count(f"select count(*) from (select lower(trim(email)) from {leads} where email like '%@%.%' "
                 "group by 1 having count(distinct lead_id) > 1)") > 0
    assert count(f"select count(*) from {leads} where lead_id is null") > 0
    assert count(f"select count(*) from {leads} where created_at like '2099%'") > 0
    assert count(f"select count(*) from {leads} where try_cast(created_at as timestamp) is null") > 0
    assert count(f"select count(*) from {leads} where industry in ('Select', 'unknown', 'N/A')") > 0
    assert count(f"select count(*) from {leads} where email is not null and email not like '%@%.%'") > 0
    assert count(f"select count(*) from (select activity_id from {activities} where activity_id is not null "
                 "group by 1 having count(*) > 1)") > 0
    assert count(f"select count(*) from {activities} a anti join {leads} l using (lead_id) "
                 "where a.lead_id is not null") > 0


def test_sales_feedback_and_score_adjustments_are_realistic(tmp_path: Path) -> None:
    """A few hundred ratings, mostly good_fit / bad_fit / not_ready and a few spam, that follow
    the leads' true quality (good_fit leads convert more often than bad_fit ones); a few dozen
    adjustments, add and set, some expired by the end date; and their dirty rows."""
    generate(tmp_path, leads=5000, activities=100000, seed=42, fmt="csv", end_date=date(2026, 6, 30))
    connection = duckdb.connect()
    feedback = f"read_csv('{tmp_path / 'sales_feedback.csv'}', all_varchar=true)"
    adjustments = f"read_csv('{tmp_path / 'score_adjustments.csv'}', all_varchar=true)"
    outcomes = f"read_csv('{tmp_path / 'outcomes.csv'}', all_varchar=true)"

    def count(sql: str) -> int:
        return connection.sql(sql).fetchall()[0][0]

    ratings = dict(connection.sql(f"select lower(replace(rating, ' ', '_')), count(*) from {feedback} group by 1").fetchall())
    assert 200 <= sum(ratings.values()) <= 500
    assert ratings["good_fit"] + ratings["bad_fit"] + ratings["not_ready"] >= 0.9 * sum(ratings.values())
    assert 0 < ratings["spam"] < 0.1 * sum(ratings.values())
    converted = {
        rating: share for rating, share in connection.sql(
            f"select lower(replace(f.rating, ' ', '_')), avg(case when o.lead_id is not null then 1.0 else 0.0 end) "
            f"from {feedback} f left join (select distinct lead_id from {outcomes} where outcome in ('won', 'converted')) o "
            "using (lead_id) group by 1").fetchall()
    }
    assert converted["good_fit"] > 2 * converted["bad_fit"]
    # dirty rows: an exact repeat, a rating outside the list, a lead that does not exist
    assert count(f"select count(*) from (select * from {feedback} group by all having count(*) > 1)") > 0
    assert count(f"select count(*) from {feedback} where rating = 'maybe later'") > 0
    assert count(f"select count(*) from {feedback} where lead_id like 'LX%'") > 0

    assert 20 <= count(f"select count(*) from {adjustments}") <= 100
    assert count(f"select count(distinct mode) from {adjustments}") == 2
    assert count(f"select count(*) from {adjustments} where expires_at < '2026-06-30'") > 0
    assert count(f"select count(*) from {adjustments} where expires_at is null") > 0
    assert count(f"select count(*) from (select adjustment_id from {adjustments} group by 1 having count(*) > 1)") > 0
    assert count(f"select count(*) from {adjustments} where lead_id is null") > 0
