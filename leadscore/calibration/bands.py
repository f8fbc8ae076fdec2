"""Grade bands and MQL/SQL thresholds from the training leads' conversion rates under the
suggested points."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from leadscore.calibration.candidates import number_text
from leadscore.calibration.engine import read_seed
from leadscore.calibration.settings import Settings

GRADE_LIFTS = (3.0, 1.5, 1.0)


def threshold_at_lift(scores: np.ndarray, y: np.ndarray, lift: float, min_leads: int) -> float | None:
    """The lowest score whose leads at or above it convert at lift x the overall rate."""
    base = y.mean()
    best = None
    for value in np.unique(scores)[::-1]:
        above = scores >= value
        if above.sum() >= min_leads and y[above].mean() >= lift * base:
            best = float(value)
    return best


def band_rows(scale: str, labels: list[str], scores: np.ndarray, y: np.ndarray, min_leads: int) -> list[dict[str, str]]:
    """Bands from conversion rates: the first label from the lowest score above which leads
    convert at GRADE_LIFTS[0] x the base rate, the next at GRADE_LIFTS[1] x, ...; the last
    label is open-ended."""
    rows = []
    previous = math.inf
    for label, lift in zip(labels[:-1], GRADE_LIFTS):
        threshold = threshold_at_lift(scores, y, lift, min_leads)
        if threshold is None or threshold >= previous or threshold <= scores.min():
            continue
        rows.append({"segment": "*", "scale": scale, "label": label, "min_score": number_text(threshold)})
        previous = threshold
    rows.append({"segment": "*", "scale": scale, "label": labels[-1], "min_score": "-1000000"})
    return rows


def suggested_bands(scores: pd.DataFrame, y: np.ndarray, settings: Settings) -> list[dict[str, str]]:
    rows = band_rows("fit_grade", ["A", "B", "C", "D"], scores["fit_score"].to_numpy(), y, settings.min_support)
    rows += band_rows("engagement_tier", ["1", "2", "3", "4"], scores["engagement_score"].to_numpy(), y, settings.min_support)
    total = scores["total_score"].to_numpy()
    for label, lift in (("mql", settings.mql_lift), ("sql", settings.sql_lift)):
        threshold = threshold_at_lift(total, y, lift, settings.min_support)
        if threshold is not None:
            rows.append({"segment": "*", "scale": "lifecycle", "label": label, "min_score": number_text(threshold)})
    rows += [row for row in read_seed("grade_bands") if row["scale"] == "hand_raiser"]
    return rows


def conversion_by_grade(grades: pd.Series, y: np.ndarray) -> str:
    frame = pd.DataFrame({"grade": grades.fillna("(none)").to_numpy(), "converted": y})
    table = frame.groupby("grade")["converted"].agg(["count", "mean"])
    return ", ".join(f"{grade}: {int(row['count'])} leads, {row['mean']:.1%}" for grade, row in table.iterrows())
