"""The feedback loop: history, performance in the warehouse, and calibration.

Expected values come from how the data was made (a known true model, labels computed here
from the outcome rows) or from an independent implementation (scikit-learn)."""

from __future__ import annotations

import csv
import random
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

import forked
from conftest import DbtProject
from leadscore.benchmark.scenarios import generate

# minutes of engine builds: make test-slow (CI runs it after make test)
pytestmark = pytest.mark.slow

START = datetime(2025, 1, 1)
# the end of the scenarios' data: run_calibrate scores nothing after it
SCENARIO_END = datetime(2026, 1, 1)

# history is what these builds compare; the data and unit tests run in `make dbt-test`
MODELS_ONLY = ("--exclude-resource-type", "unit_test", "--exclude-resource-type", "test")


def write_rows(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def run_calibrate(project: DbtProject, inputs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(project.root),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    command = [sys.executable, "-m", "leadscore", "calibrate", "--input", "files", "--input-path", str(inputs),
               "--out", str(out), "--as-of", "2026-01-01", "--horizon-days", "30", *extra]
    return forked.run(command, cwd=project.root, env=env)


def test_history_is_idempotent_and_warehouse_auc_equals_sklearn(dbt_project: DbtProject, tmp_path: Path) -> None:
    generator = random.Random(11)
    titles = ["CEO", "VP Sales", "Marketing Manager", "Analyst", "Intern"]  # five score levels: many ties
    leads, outcomes = [], []
    for number in range(1, 201):
        title = titles[number % len(titles)]
        leads.append([f"L{number:03d}", "2025-06-01 00:00:00", f"p{number}@firm{number % 9}.com", title])
        if generator.random() < (0.5 if title in ("CEO", "VP Sales") else 0.15):
            outcomes.append([f"L{number:03d}", "converted", f"2025-12-{generator.randint(2, 28):02d} 10:00:00"])
    inputs = tmp_path / "input"
    write_rows(inputs / "leads.csv", ["lead_id", "created_at", "email", "job_title"], leads)
    write_rows(inputs / "outcomes.csv", ["lead_id", "outcome", "outcome_at"], outcomes)
    variables = {"input": "files", "input_path": str(inputs), "performance_horizon_days": 30}

    dbt_project.build({**variables, "as_of": "2025-12-01"}, *MODELS_ONLY)
    first = dbt_project.query("select * from lead_score_history order by lead_id")
    dbt_project.build({**variables, "as_of": "2025-12-01 12:00:00"}, *MODELS_ONLY)  # the same date again: replaced
    assert dbt_project.query("select * exclude (as_of) from lead_score_history order by lead_id") == [
        row[:2] + row[3:] for row in first
    ]
    dbt_project.build({**variables, "as_of": "2025-11-01"}, *MODELS_ONLY)
    assert dbt_project.query("select score_date, count(*) from lead_score_history group by 1 order by 1") == [
        (datetime(2025, 11, 1).date(), 200), (datetime(2025, 12, 1).date(), 200),
    ]

    # labels from the outcome rows, not from the warehouse: converted in (as_of, as_of + 30 days]
    as_of = datetime(2025, 12, 1, 12)
    converted = {row[0] for row in outcomes if as_of < datetime.fromisoformat(row[2]) <= as_of + timedelta(days=30)}
    scored = dbt_project.query(
        "select lead_id, total_score from lead_score_history where score_date = '2025-12-01' order by lead_id"
    )
    expected = roc_auc_score([lead_id in converted for lead_id, _ in scored], [score for _, score in scored])
    assert len({score for _, score in scored}) <= 6  # ties are the point
    (auc,) = dbt_project.query(
        "select roc_auc from score_performance where score_date = '2025-12-01' and breakdown = 'overall'"
    )[0]
    assert abs(auc - expected) < 1e-9


def make_true_model_data(folder: Path, leads: int, generator: np.random.Generator, converted_share: float | None = None,
                         dated: bool = True) -> dict[str, float]:
    """Leads whose conversion follows a known logistic model on `plan`, `region` and the
    number of webinars attended in the first days after the lead came in."""
    effects = {"gold": 1.6, "silver": 0.7, "bronze": 0.0, "south": -0.9, "north": 0.0, "webinar": 0.8}
    rows, outcomes, activities = [], [], []
    for number in range(leads):
        plan = generator.choice(["gold", "silver", "bronze"], p=[0.25, 0.35, 0.4])
        region = generator.choice(["north", "south"])
        created = START + timedelta(hours=6 * number)
        webinars = int(generator.choice([0, 1, 2], p=[0.6, 0.3, 0.1]))
        for event in range(webinars):
            activities.append([f"W{number:05d}{event}", f"T{number:05d}", "webinar_attended",
                               (created + timedelta(days=1 + 2 * event, hours=3)).isoformat(sep=" ")])
        logit = -2.6 + effects[plan] + effects[region] + effects["webinar"] * webinars
        probability = 1 / (1 + np.exp(-logit)) if converted_share is None else converted_share
        is_converted = generator.random() < probability
        rows.append([f"T{number:05d}", created.isoformat(sep=" "), f"t{number}@co{number % 50}.com", plan, region])
        outcomes.append([f"T{number:05d}", "converted" if is_converted else "lost",
                         (created + timedelta(days=10)).isoformat(sep=" ") if dated else ""])
    write_rows(folder / "leads.csv", ["lead_id", "created_at", "email", "plan", "region"], rows)
    write_rows(folder / "outcomes.csv", ["lead_id", "outcome", "outcome_at"], outcomes)
    write_rows(folder / "activities.csv", ["activity_id", "lead_id", "activity_type", "occurred_at"], activities)
    return effects


def test_calibration_recovers_sign_and_order_of_true_effects(dbt_project: DbtProject, tmp_path: Path) -> None:
    inputs, out = tmp_path / "input", tmp_path / "out"
    make_true_model_data(inputs, 3000, np.random.default_rng(5))
    result = run_calibrate(dbt_project, inputs, out, "--age-days", "7")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    with (out / "scoring_rules.csv").open(encoding="utf-8") as handle:
        rules = [row for row in csv.DictReader(handle) if row["model"] == "lead"]
    points = {(row["field"], row["value"].lower()): float(row["points"]) for row in rules if row["operator"] == "eq"}

    def of(field: str, value: str) -> float:
        return points.get((field, value), 0.0)  # a rule rounded to 0 points is left out

    assert of("plan", "gold") > of("plan", "silver") > of("plan", "bronze")
    assert of("plan", "gold") > 0
    assert of("region", "south") < of("region", "north") and of("region", "south") < 0
    webinar = [float(row["points"]) for row in rules if row["source"] == "activity" and row["field"] == "webinar_attended"]
    assert webinar and webinar[0] > 0  # one half-life chosen for the type, positive like its true effect
    report = (out / "backtest.md").read_text()
    assert "equal the model's integer points for every lead" in report
    assert not (dbt_project.root / "seeds" / "scoring_rules.csv").read_text().count("calibrated")


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("few", "calibration needs at least 50"),
        ("single_class", "a model needs both converted and not converted leads"),
        ("undated", "no conversion has an outcome_at"),
        ("converted_before_moment", "converters were left out because they had converted by their scoring moment"),
    ],
)
def test_calibration_refuses_data_it_cannot_learn_from(dbt_project: DbtProject, tmp_path: Path, case: str,
                                                       message: str) -> None:
    inputs = tmp_path / "input"
    generator = np.random.default_rng(3)
    if case == "few":
        make_true_model_data(inputs, 300, generator, converted_share=0.05)  # about 11 training conversions
    elif case == "single_class":
        make_true_model_data(inputs, 300, generator, converted_share=0.0)
    elif case == "undated":
        make_true_model_data(inputs, 300, generator, dated=False)
    else:  # conversions within a day, scored 14 days in: every converter is a customer by then
        generate("fast_conversions", inputs, 300, seed=3, end=SCENARIO_END)
    age = "14" if case == "converted_before_moment" else "0"
    result = run_calibrate(dbt_project, inputs, tmp_path / "out", "--age-days", age)
    assert result.returncode != 0
    assert message in result.stderr, result.stdout[-3000:] + result.stderr[-3000:]
    assert not (tmp_path / "out" / "scoring_rules.csv").exists()

