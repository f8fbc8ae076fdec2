"""What a calibration writes: the rules and bands files (seeds format), backtest_leads.csv and
backtest.md, whose tables compare the suggested points with the current rules and with
scikit-learn's models on the same candidates and split."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from leadscore.calibration.bands import conversion_by_grade
from leadscore.calibration.candidates import RULE_COLUMNS, Candidate, number_text, slug
from leadscore.calibration.engine import query, write_csv
from leadscore.calibration.fit import Fit, top_decile_lift
from leadscore.calibration.settings import Report, Settings
from leadscore.project import PROJECT_ROOT


def points_of(fitted: Fit, settings: Settings) -> np.ndarray:
    return np.round(fitted.coefficients * settings.points_per_log_odds).astype(int)


def points_rules(candidates: list[Candidate], points: np.ndarray, segment: str = "*", suffix: str = "") -> list[dict[str, str]]:
    rules = []
    for candidate, value in zip(candidates, points):
        if value == 0:
            continue
        rule = dict(candidate.rule)
        rule["rule_id"] += suffix
        rule["segment"] = segment
        rule["points"] = str(int(value))
        if candidate.kind == "attribute":
            rule["dimension"] = "fit" if value > 0 else "negative"
        else:
            rule["dimension"] = "engagement" if value > 0 else "negative"
        if candidate.cap is not None:
            rule["max_points"] = number_text(abs(int(value)) * candidate.cap)
        rule["description"] = candidate.rule["description"] + f" (calibrated, {int(value):+d})"
        rules.append(rule)
    return rules


def rules_for(
    candidates: list[Candidate], pooled: Fit, segments: dict[str, Fit], leads: pd.DataFrame, settings: Settings
) -> list[dict[str, str]]:
    if not segments:
        return points_rules(candidates, points_of(pooled, settings))
    rules = []
    for segment in sorted(leads["segment"].unique()):
        chosen = segments.get(str(segment), pooled)
        rules += points_rules(candidates, points_of(chosen, settings), segment=str(segment), suffix=f"__{slug(str(segment))}")
    return rules


def write_outputs(settings: Settings, rules: list[dict[str, str]], bands: list[dict[str, str]]) -> None:
    write_csv(settings.out / "scoring_rules.csv", rules, RULE_COLUMNS)
    write_csv(settings.out / "grade_bands.csv", bands, ["segment", "scale", "label", "min_score"])
    if settings.write_seeds:
        shutil.copy2(settings.out / "scoring_rules.csv", PROJECT_ROOT / "seeds" / "scoring_rules.csv")
        shutil.copy2(settings.out / "grade_bands.csv", PROJECT_ROOT / "seeds" / "grade_bands.csv")


def write_backtest_leads(settings: Settings, leads: pd.DataFrame, is_train: np.ndarray, suggested: np.ndarray) -> None:
    """Per lead: its scoring moment, training or test, the label and the suggested points' score
    (what an independent check, such as the calibration benchmark, compares against)."""
    frame = pd.DataFrame(
        {
            "lead_id": leads["lead_id"],
            "scored_at": leads["as_of"],
            "is_training": is_train,
            "converted": leads["converted"].astype(int),
            "suggested_score": suggested,
        }
    )
    settings.out.mkdir(parents=True, exist_ok=True)
    frame.to_csv(settings.out / "backtest_leads.csv", index=False)


@dataclass
class References:
    """scikit-learn's models on the same candidate features: what the points are held against."""

    plain: LogisticRegression
    boosted: HistGradientBoostingClassifier

    @classmethod
    def fitted(cls, x_train: np.ndarray, y_train: np.ndarray) -> References:
        return cls(
            LogisticRegression(C=1e6, max_iter=5000).fit(x_train, y_train),
            HistGradientBoostingClassifier(random_state=0).fit(x_train, y_train),
        )

    def rows(self, x_test: np.ndarray) -> list[tuple[str, np.ndarray]]:
        return [
            ("plain logistic regression", self.plain.decision_function(x_test)),
            ("gradient boosting (HistGradientBoosting)", self.boosted.predict_proba(x_test)[:, 1]),
        ]


def score_table(report: Report, title: str, rows: list[tuple[str, np.ndarray]], y_test: np.ndarray) -> None:
    report.add(f"| {title} | ROC AUC | top-decile lift |")
    report.add("| --- | ---: | ---: |")
    for name, score in rows:
        report.add(f"| {name} | {roc_auc_score(y_test, score):.4f} | {top_decile_lift(y_test, score):.2f} |")


def no_usable_signal(
    report: Report,
    settings: Settings,
    leads: pd.DataFrame,
    is_train: np.ndarray,
    fitted: Fit,
    references: References,
    x_test: np.ndarray,
    y_test: np.ndarray,
) -> int:
    """The fit ranks the validation leads no better than chance: say so, suggest nothing."""
    report.add("")
    report.add("# leadscore calibration backtest")
    report.add("")
    report.add(
        f"**No usable signal.** Scored by models on the fields' values as they are (each value, deciles "
        f"of numbers: nothing chosen with the labels) fitted on the other four fifths (random folds), the "
        f"training leads rank at ROC AUC {fitted.signal_auc:.3f}, whose 95 % lower bound "
        f"{fitted.signal_lower_bound:.3f} is not above 0.5: the candidates cannot be told from chance on "
        "leads they were not fitted on, so no points are suggested and no rules file is written "
        "(seeds/ unchanged)."
    )
    report.add("")
    current = leads.loc[~is_train, "total_score"].to_numpy()
    score_table(report, "scores on the test period, for reference", [("current rules (engine)", current), *references.rows(x_test)], y_test)
    settings.out.mkdir(parents=True, exist_ok=True)
    (settings.out / "backtest.md").write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    write_backtest_leads(settings, leads, is_train, np.zeros(len(leads)))
    print(f"\nleadscore calibrate: no usable signal; wrote {settings.out / 'backtest.md'} only")
    return 0


@dataclass
class Backtest:
    """Everything backtest.md reports."""

    leads: pd.DataFrame
    is_train: np.ndarray
    candidates: list[Candidate]
    directions: np.ndarray
    constrained: Fit
    free_coefficients: np.ndarray
    references: References
    x_test: np.ndarray
    y_test: np.ndarray
    suggested: pd.DataFrame
    current_db: Path
    local_scores: pd.DataFrame
    segments: dict[str, Fit]
    train_hits: np.ndarray


def write_report(report: Report, settings: Settings, backtest: Backtest) -> None:
    leads, is_train, test_ids = backtest.leads, backtest.is_train, ~backtest.is_train
    x_test, y_test, constrained = backtest.x_test, backtest.y_test, backtest.constrained
    current_grades = query(backtest.current_db, "select lead_id, fit_grade from main.lead_scores")
    current_grades = leads[["lead_id"]].merge(current_grades, on="lead_id", how="left")
    train_leads, test_leads = int(is_train.sum()), int(test_ids.sum())
    report.add("")
    report.add("# leadscore calibration backtest")
    report.add("")
    report.add(
        f"Leads scored {settings.age_days} days after they came in; a conversion counts within "
        f"{settings.horizon_days} days after that. Training: the first {train_leads} leads in time order "
        f"({int(leads.loc[is_train, 'converted'].sum())} conversions); test: the later {test_leads} "
        f"({int(y_test.sum())} conversions). Points: {settings.points_to_double_odds:g} double the odds."
    )
    report.add("")
    if y_test.sum() < 30:
        report.add(
            f"**Warning:** the test period has only {int(y_test.sum())} conversions; its numbers are noise. "
            "Use a longer history, a later --split-date or a longer --horizon-days."
        )
        report.add("")
    score_table(
        report,
        "scores on the test period",
        [
            ("current rules (engine)", leads.loc[test_ids, "total_score"].to_numpy()),
            ("suggested integer points (engine)", backtest.suggested.loc[test_ids, "total_score"].to_numpy()),
            ("sign-constrained model, probabilities", x_test @ constrained.coefficients),
            ("unconstrained model, probabilities", x_test @ backtest.free_coefficients),
            *backtest.references.rows(x_test),
        ],
        y_test,
    )
    report.add("")
    report.add(
        f"Signal: scored by models on the fields' values as they are (each value, deciles of numbers: "
        f"nothing chosen with the labels) fitted on the other folds (five random folds), the training leads "
        f"rank at ROC AUC {constrained.signal_auc:.4f} (95 % lower bound {constrained.signal_lower_bound:.4f})."
    )
    if constrained.later_auc is not None:
        report.add(
            f"Fitted on the earlier four fifths of the training period, the same model ranks the last fifth at "
            f"{constrained.later_auc:.4f}."
            + (
                " **Warning:** that is well below the signal above: what predicts conversion shifted within "
                "the training period (fields that mark a period, such as a month or a market figure, do "
                "this); read the test period's numbers before accepting the points."
                if constrained.later_auc < constrained.signal_auc - 0.1
                else ""
            )
        )
    free_auc = roc_auc_score(y_test, x_test @ backtest.free_coefficients)
    constrained_auc = roc_auc_score(y_test, x_test @ constrained.coefficients)
    against = int(np.sum((backtest.free_coefficients * backtest.directions) < -1e-9))
    report.add("")
    report.add(
        f"Holding every coefficient to the sign of its own observed lift "
        f"changes the test period's ROC AUC by {constrained_auc - free_auc:+.4f} (unconstrained "
        f"{free_auc:.4f}, constrained {constrained_auc:.4f}); the unconstrained fit gives {against} "
        "candidates points against their own lift."
    )
    later = float(leads["is_profile_later"].mean())
    if later > 0:
        report.add(
            f"**Note:** for {later:.0%} of the leads the input's profile is dated after their scoring moment "
            "(updated_at later than created_at + age-days, and no older version): attribute values may have "
            "been recorded after it, which flatters attribute rules. Prefer data with a version per change."
        )
    if backtest.segments:
        report.add("Per-segment points: the lead-by-lead check against the model is not made (segments differ).")
    else:
        matches = np.allclose(backtest.suggested["total_score"].to_numpy(), backtest.local_scores["total_score"].to_numpy(), atol=1e-6)
        report.add(
            f"The engine's scores under the suggested rules {'equal' if matches else 'DIFFER FROM'} the "
            "model's integer points for every lead."
        )
    report.add("")
    report.add(
        f"Conversion by fit grade on the test period, current rules: "
        f"{conversion_by_grade(current_grades.loc[test_ids, 'fit_grade'], y_test)}"
    )
    report.add(
        f"Conversion by fit grade on the test period, suggested: "
        f"{conversion_by_grade(backtest.suggested.loc[test_ids, 'fit_grade'], y_test)}"
    )
    report.add("")
    report.add("## Candidates")
    report.add("")
    report.add("| rule_id | training leads hit | observed lift | unconstrained | constrained | points |")
    report.add("| --- | ---: | ---: | ---: | ---: | ---: |")
    points = points_of(constrained, settings)
    for j, candidate in enumerate(backtest.candidates):
        lift = {1: "+", -1: "-"}.get(int(backtest.directions[j]), "none (may not enter)")
        report.add(
            f"| {candidate.rule['rule_id']} | {int(backtest.train_hits[j])} | {lift} | "
            f"{backtest.free_coefficients[j]:+.3f} | {constrained.coefficients[j]:+.3f} | {int(points[j]):+d} |"
        )
    (settings.out / "backtest.md").write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    print(
        f"\nleadscore calibrate: wrote {settings.out / 'scoring_rules.csv'}, {settings.out / 'grade_bands.csv'} "
        f"and {settings.out / 'backtest.md'}" + ("; seeds/ replaced" if settings.write_seeds else "; seeds/ unchanged")
    )
