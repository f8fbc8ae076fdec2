"""The model behind the points: a logistic regression with one coefficient per candidate,
each held to the sign of the candidate's own observed lift (0 when the lift cannot be told
from none), with a light fixed penalty.

Why a fixed penalty: choosing it on the last fifth of the training period picks a heavy one
wherever what predicts conversion shifts within the training period (bank marketing: 0.1, and
0.61 ROC AUC on the later period; 0.74 with 1e-3), and it changes little elsewhere (the
synthetic scenarios move by at most 0.002 between 1e-4 and 1e-2). The supervised bins and
groups (candidates.py) already pool what the data cannot tell apart."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from leadscore.calibration.candidates import VALIDATION_SHARE

MIN_LIFT_Z = 1.0
PENALTY = 1e-3
SIGNAL_FOLDS = 5


@dataclass
class Fit:
    name: str
    coefficients: np.ndarray  # per candidate: log-odds per point of its 1-point feature
    intercept: float
    # out-of-fold ROC AUC on the training leads and its 95 % lower bound: at or below 0.5,
    # the fit found no usable signal
    signal_auc: float
    signal_lower_bound: float
    # fitted on the earlier training leads, the AUC on the later ones (a shift warns)
    later_auc: float | None

    @property
    def has_signal(self) -> bool:
        return self.signal_lower_bound > 0.5


def observed_direction(x: np.ndarray, y: np.ndarray) -> int:
    """+1 when leads with the feature convert more than those without, -1 when less, 0 (may
    not enter) when the difference cannot be told from none: a two-proportion z below
    MIN_LIFT_Z."""
    hit = x > 0
    if hit.all() or not hit.any():
        return 0
    rate = y.mean()
    standard_error = math.sqrt(rate * (1 - rate) * (1 / hit.sum() + 1 / (~hit).sum()))
    if standard_error == 0:
        return 0
    z = (y[hit].mean() - y[~hit].mean()) / standard_error
    if abs(z) < MIN_LIFT_Z:
        return 0
    return 1 if z > 0 else -1


def observed_directions(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.array([observed_direction(x[:, j], y) for j in range(x.shape[1])], dtype=int)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, directions: np.ndarray | None) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression on columns scaled to unit variance; with
    `directions`, each coefficient is held to its sign (0 = may not enter)."""
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = x / scale
    n, p = z.shape

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        margin = z @ theta[1:] + theta[0]
        probability = 1 / (1 + np.exp(-margin))
        value = np.sum(np.logaddexp(0, margin) - y * margin) / n + l2 * np.sum(theta[1:] ** 2) / 2
        error = (probability - y) / n
        gradient = np.concatenate([[error.sum()], z.T @ error + l2 * theta[1:]])
        return value, gradient

    bounds: list[tuple[float | None, float | None]] = [(None, None)]
    for j in range(p):
        if directions is None:
            bounds.append((None, None))
        elif directions[j] > 0:
            bounds.append((0.0, None))
        elif directions[j] < 0:
            bounds.append((None, 0.0))
        else:
            bounds.append((0.0, 0.0))
    start = np.zeros(p + 1)
    start[0] = math.log(max(y.mean(), 1e-6) / max(1 - y.mean(), 1e-6))
    result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 5000})
    return result.x[1:] / scale, float(result.x[0])


def fit_points_model(x: np.ndarray, y: np.ndarray, sign_constrained: bool = True) -> tuple[np.ndarray, float]:
    """(coefficient per candidate, intercept): each coefficient held to the sign of its
    candidate's observed lift (observed_direction), or free."""
    directions = observed_directions(x, y) if sign_constrained else None
    return fit_logistic(x, y, PENALTY, directions)


def auc_lower_bound(auc: float, positives: int, negatives: int) -> float:
    """One-sided 95 % lower bound of a ROC AUC (Hanley and McNeil's standard error)."""
    q1, q2 = auc / (2 - auc), 2 * auc * auc / (1 + auc)
    variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / max(positives * negatives, 1)
    return auc - 1.645 * math.sqrt(max(variance, 0.0))


def out_of_fold_auc(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Is there a signal at all? Each training lead scored by the model (signs included)
    fitted on the other folds of SIGNAL_FOLDS, random folds: the pooled ROC AUC and its 95 %
    lower bound. On labels that are noise it stays near 0.5 whatever the fields."""
    scores = np.zeros(len(y))
    folds = StratifiedKFold(n_splits=SIGNAL_FOLDS, shuffle=True, random_state=0)
    for fitted_on, scored in folds.split(x, y):
        coefficients, _ = fit_points_model(x[fitted_on], y[fitted_on])
        scores[scored] = x[scored] @ coefficients
    auc = float(roc_auc_score(y, scores)) if scores.std() > 0 else 0.5
    positives = int(y.sum())
    return auc, auc_lower_bound(auc, positives, len(y) - positives)


def later_period_auc(x: np.ndarray, y: np.ndarray) -> float | None:
    """Does it hold later? Fitted on the earlier training leads, the model's ROC AUC on the
    last VALIDATION_SHARE of them in time order (None when that part is of one class)."""
    cut = int(len(y) * (1 - VALIDATION_SHARE))
    if y[:cut].min() == y[:cut].max() or y[cut:].min() == y[cut:].max():
        return None
    coefficients, _ = fit_points_model(x[:cut], y[:cut])
    score = x[cut:] @ coefficients
    return float(roc_auc_score(y[cut:], score)) if score.std() > 0 else 0.5


def fit(name: str, x: np.ndarray, y: np.ndarray, check_x: np.ndarray) -> Fit:
    """The model on the candidates `x`; the signal checks on `check_x`, the same leads' columns
    chosen without their labels (candidates.label_free_columns plus the activity columns)."""
    coefficients, intercept = fit_points_model(x, y)
    signal_auc, signal_lower_bound = out_of_fold_auc(check_x, y)
    return Fit(name, coefficients, intercept, signal_auc, signal_lower_bound, later_period_auc(check_x, y))


def top_decile_lift(y: np.ndarray, score: np.ndarray) -> float:
    order = np.lexsort((np.arange(len(score)), -score))
    top = order[: max(1, len(order) // 10)]
    return float(y[top].mean() / y.mean()) if y.mean() > 0 else float("nan")
