"""The calibration benchmark: `make calibrate` with its defaults against scikit-learn baselines.

    python -m leadscore.benchmark.calibration [--leads 20000] [--scenarios noise,many_values] [--bank CSV]

For each synthetic scenario (leadscore/benchmark/scenarios.py) and, when its file is there,
the UCI Bank Marketing data, the script writes the input files, runs the calibration with
no options but the input and the output folder, and reads back which leads it trained and
tested on, their labels and the suggested integer points' scores (OUT/backtest_leads.csv).
On the same split it fits two baselines on features built here from the raw files, not
from the engine: a one-hot logistic regression and gradient boosting (every lead field,
one-hot or numeric with a missing flag; per activity type the count of events and the days
since the last one up to the lead's scoring moment). It prints a table of ROC AUC and
top-decile lift on the test leads and writes it to benchmarks/calibration.md.

Targets (issue 21): the integer points' ROC AUC at least the best baseline's minus 0.01;
on noise an AUC within 0.45-0.55 and no rule suggested.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

from leadscore.benchmark.scenarios import SCENARIOS, generate
from leadscore.calibration.fit import top_decile_lift
from leadscore.project import PROJECT_ROOT, TARGET_DIR, WORK_ROOT

WORKSPACE = TARGET_DIR / "calibration_benchmark"
RESULTS = WORK_ROOT / "benchmarks" / "calibration.md"
BANK_SOURCE = PROJECT_ROOT.parent / "shared" / "data" / "bank_marketing" / "bank-additional-full.csv"
NOT_FEATURES = {"lead_id", "created_at", "updated_at", "email", "first_name", "last_name", "phone", "company", "account_id"}
TOLERANCE = 0.01


@dataclass
class Row:
    name: str
    leads: int = 0
    test_conversions: int = 0
    moment: str = ""
    rules: int = 0
    points_auc: float = float("nan")
    points_lift: float = float("nan")
    logistic_auc: float = float("nan")
    logistic_lift: float = float("nan")
    boosting_auc: float = float("nan")
    boosting_lift: float = float("nan")
    seconds: float = 0.0
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.note.startswith("failed"):
            return "failed"
        if self.name == "noise":
            return "met" if 0.45 <= self.points_auc <= 0.55 and self.rules == 0 else "missed"
        best = max(self.logistic_auc, self.boosting_auc)
        return "met" if self.points_auc >= best - TOLERANCE else "missed"


def lead_features(folder: Path, moments: pd.DataFrame) -> pd.DataFrame:
    """Per lead (the rows of `moments`: lead_id, scored_at), the baselines' features."""
    leads = pd.read_csv(next(folder.glob("leads.*")), dtype=str, keep_default_na=False)
    leads = leads.drop_duplicates("lead_id", keep="last").set_index("lead_id")
    columns = {}
    for name in leads.columns:
        if name.lower() in NOT_FEATURES:
            continue
        text = leads[name].str.strip().replace({"": np.nan, "unknown": np.nan})
        numbers = pd.to_numeric(text, errors="coerce")
        if numbers.notna().sum() == text.notna().sum() and text.notna().any():
            columns[f"{name}"] = numbers.fillna(numbers.median())
            columns[f"{name}__missing"] = numbers.isna().astype(float)
        else:
            for value in text.dropna().str.lower().unique():
                columns[f"{name}={value}"] = (text.str.lower() == value).astype(float)
            columns[f"{name}__missing"] = text.isna().astype(float)
    features = pd.DataFrame(columns, index=leads.index).reindex(moments["lead_id"]).fillna(0.0)
    activities_file = next(folder.glob("activities.*"), None)
    if activities_file is not None:
        events = pd.read_csv(activities_file, usecols=["lead_id", "activity_type", "occurred_at"])
        events["occurred_at"] = pd.to_datetime(events["occurred_at"], errors="coerce")
        events = events.merge(moments, on="lead_id")
        events = events[events["occurred_at"] <= events["scored_at"]]
        events["age_days"] = (events["scored_at"] - events["occurred_at"]).dt.total_seconds() / 86400
        counts = events.pivot_table(index="lead_id", columns="activity_type", values="age_days", aggfunc="count")
        recency = events.pivot_table(index="lead_id", columns="activity_type", values="age_days", aggfunc="min")
        counts = counts.reindex(moments["lead_id"]).fillna(0.0).add_prefix("count:")
        # no event of the type: as if the last one were long ago
        recency = recency.reindex(moments["lead_id"]).fillna(365.0).add_prefix("days_since:")
        features = pd.concat([features, counts, recency], axis=1)
    return features


def calibrate(input_folder: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "leadscore", "calibrate", "--input", "files", "--input-path", str(input_folder), "--out", str(out)]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)


def measure(name: str, input_folder: Path) -> Row:
    row = Row(name)
    out = WORKSPACE / name / "out"
    started = time.monotonic()
    completed = calibrate(input_folder, out)
    row.seconds = time.monotonic() - started
    (WORKSPACE / name / "calibrate.log").write_text(completed.stdout + completed.stderr, encoding="utf-8")
    if completed.returncode != 0:
        row.note = "failed: " + (completed.stderr.strip().splitlines() or ["exit %d" % completed.returncode])[-1][:200]
        return row
    moment = next((line for line in completed.stdout.splitlines() if line.strip().startswith("chosen:")), "")
    row.moment = moment.strip().removeprefix("chosen: ").split(" (")[0]
    return compare(row, input_folder, out)


def compare(row: Row, input_folder: Path, out: Path) -> Row:
    """The suggested points' test AUC (OUT/backtest_leads.csv) against scikit-learn's models
    fitted on features built here from the raw files, on the same training and test leads."""
    leads = pd.read_csv(out / "backtest_leads.csv", parse_dates=["scored_at"])
    rules_file = out / "scoring_rules.csv"
    row.rules = int((pd.read_csv(rules_file)["model"] == "lead").sum()) if rules_file.exists() else 0
    features = lead_features(input_folder, leads[["lead_id", "scored_at"]]).to_numpy()
    train = leads["is_training"].to_numpy(dtype=bool)
    y = leads["converted"].to_numpy()
    row.leads, row.test_conversions = len(leads), int(y[~train].sum())
    test_y = y[~train]
    points = leads.loc[~train, "suggested_score"].to_numpy(dtype=float)
    row.points_auc, row.points_lift = roc_auc_score(test_y, points), top_decile_lift(test_y, points)
    scaler = StandardScaler().fit(features[train])
    logistic = LogisticRegression(max_iter=5000).fit(scaler.transform(features[train]), y[train])
    score = logistic.decision_function(scaler.transform(features[~train]))
    row.logistic_auc, row.logistic_lift = roc_auc_score(test_y, score), top_decile_lift(test_y, score)
    boosting = HistGradientBoostingClassifier(random_state=0).fit(features[train], y[train])
    score = boosting.predict_proba(features[~train])[:, 1]
    row.boosting_auc, row.boosting_lift = roc_auc_score(test_y, score), top_decile_lift(test_y, score)
    return row


def table(rows: list[Row]) -> str:
    lines = [
        "| data | leads | test conversions | scoring moment | rules | integer points AUC (lift) "
        "| logistic regression AUC (lift) | gradient boosting AUC (lift) | target | seconds |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for row in rows:
        if row.note.startswith("failed"):
            lines.append(f"| {row.name} | | | | | | | | {row.note} | {row.seconds:.0f} |")
            continue
        lines.append(
            f"| {row.name} | {row.leads:,} | {row.test_conversions:,} | {row.moment} | {row.rules} "
            f"| {row.points_auc:.4f} ({row.points_lift:.2f}) | {row.logistic_auc:.4f} ({row.logistic_lift:.2f}) "
            f"| {row.boosting_auc:.4f} ({row.boosting_lift:.2f}) | {row.verdict} | {row.seconds:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leads", type=int, default=20_000, help="leads per synthetic scenario")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--bank", type=Path, default=BANK_SOURCE, help="bank-additional-full.csv (skipped when absent)")
    args = parser.parse_args(argv)
    rows = []
    for scenario in [name for name in args.scenarios.split(",") if name]:
        folder = WORKSPACE / scenario / "input"
        generate(scenario, folder, args.leads, seed=21)
        print(f"calibration benchmark: {scenario} ({args.leads} leads)", flush=True)
        rows.append(measure(scenario, folder))
    if args.bank.exists():
        folder = WORKSPACE / "bank" / "input"
        subprocess.run(
            [sys.executable, "-m", "leadscore.loaders.bank_marketing", "--source", str(args.bank), "--out", str(folder)],
            cwd=PROJECT_ROOT,
            check=True,
            capture_output=True,
        )
        print("calibration benchmark: bank", flush=True)
        rows.append(measure("bank", folder))
    else:
        print(f"calibration benchmark: the bank data is not at {args.bank}; its row is skipped", flush=True)
    text = table(rows)
    print(text)
    RESULTS.write_text(
        "# Calibration benchmark (`make calibration-benchmark`)\n\n"
        f"Synthetic scenarios of {args.leads:,} leads (seed 21), calibration with its defaults; baselines fitted "
        "by scikit-learn on features built from the raw files, on the same training and test leads. "
        "AUC on the test leads, top-decile lift in brackets.\n\n" + text + "\n",
        encoding="utf-8",
    )
    return 0 if all(row.verdict == "met" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
