"""Calibration on real data: the UCI Bank Marketing file, if this machine has it (it is not
in the repository; see README "Benchmarks"). The integer points must come within 0.02 ROC
AUC of the best of a plain logistic regression and gradient boosting on the same features,
on the last 25 % of leads in time order."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import forked
from conftest import DbtProject

SOURCE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "bank_marketing" / "bank-additional-full.csv"


@pytest.mark.skipif(not SOURCE.exists(), reason=f"the bank marketing data is not on this machine ({SOURCE})")
def test_integer_points_within_002_auc_of_the_best_model(dbt_project: DbtProject, tmp_path: Path) -> None:
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(dbt_project.root),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    inputs, out = tmp_path / "bank", tmp_path / "out"
    for command in (
        ["-m", "scripts.load_bank_marketing", "--source", str(SOURCE), "--out", str(inputs)],
        ["-m", "scripts.calibrate", "--input", "files", "--input-path", str(inputs), "--out", str(out),
         "--age-days", "0", "--horizon-days", "30", "--train-share", "0.75", "--min-support", "100"],
    ):
        result = forked.run([sys.executable, *command], cwd=dbt_project.root, env=env)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    report = (out / "backtest.md").read_text()

    def auc(name: str) -> float:
        match = re.search(rf"\| {re.escape(name)} \| ([0-9.]+) \|", report)
        assert match, name
        return float(match.group(1))

    best = max(auc("plain logistic regression"), auc("gradient boosting (HistGradientBoosting)"))
    assert auc("suggested integer points (engine)") >= best - 0.02
    # 41,188 rows: the first floor(0.75 x 41188) = 30891 train, the other 10297 test
    assert "the first 30891 leads in time order" in report and "the later 10297" in report
    assert "duration" not in (out / "scoring_rules.csv").read_text()
