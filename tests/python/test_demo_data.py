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
    assert set(first) == {"leads.csv", "activities.csv", "outcomes.csv", "accounts.csv"}
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
