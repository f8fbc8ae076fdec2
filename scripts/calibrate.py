"""Calibrate the weights from outcomes: learn points for candidate rules and write them in
the scoring_rules format, with a backtest report, for an analyst to review.

    python -m scripts.calibrate --input files --input-path DIR --out OUT [--train-share 0.75]

How it works (README "Calibration"):
  1. score every lead with the current rules as of `age_days` after it came in (the engine's
     var score_at_lead_age_days), and label it: converted within `horizon_days` after that;
  2. split the leads in time order (created_at): the first `train_share` train, the rest test;
  3. generate candidate rules (attribute values and numeric bins with enough support,
     activity types as counts and decayed with a half-life from a grid, inactivity windows)
     and let the engine itself score them with 1 point each: its reasons are the features,
     so the points learnt here give exactly these scores when the engine applies them;
  4. fit a regularised logistic model whose coefficient signs are constrained to the sign
     of each candidate's own observed lift (no rule may carry points against the data);
  5. scale coefficients to integer points (`points_to_double_odds` points double the odds),
     split them into fit / engagement / negative, suggest grade bands and MQL/SQL thresholds;
  6. score the test leads with the engine under the suggested rules and report them beside
     the current rules, the unconstrained fit, a plain logistic regression and gradient
     boosting on the same features.

Nothing in seeds/ changes unless --write-seeds is given.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
from scipy.optimize import minimize
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from scripts.leadscore_env import PROJECT_ROOT, dbt_environment, dbt_executable
from scripts.quality import parse_as_of, project_var

RULE_COLUMNS = ["rule_id", "model", "segment", "dimension", "source", "field", "operator", "value", "value_max",
                "points", "half_life_days", "window_days", "max_points", "description"]
COPIED = ("dbt_project.yml", "models", "macros", "seeds", "tests", "profiles", "analyses")
HALF_LIVES = (7, 30, 90)
INACTIVITY_WINDOWS = (3, 7, 14, 30, 60, 90)
# identities, not properties: a rule on them would learn who converted, not why
IDENTITY_FIELDS = {"email", "first_name", "last_name", "phone", "company", "city", "account_id"}
GRADE_LIFTS = (3.0, 1.5, 1.0)
MAX_CATEGORIES = 50
NUMERIC_BINS = 5
# a numeric field with at most this many values is a set of categories (eq rules)
NUMERIC_MIN_DISTINCT = 12
L2_GRID = (1e-4, 1e-3, 1e-2, 3e-2, 1e-1)
# scoring moments tried by default (days after a lead came in), and the share of dated
# converters a moment may leave out (converted by then: customers, not leads to score)
AGE_CANDIDATES = (0, 1, 3, 7, 14)
MAX_LEFT_OUT_SHARE = 0.2
# a field with more values than MAX_CATEGORIES is grouped by smoothed conversion rate into
# this many `in` rules; values seen on fewer training leads than REST_MIN_LEADS stay in the
# rest (no rule), and a field with about one value per lead is an identifier (skipped)
VALUE_GROUPS = 10
REST_MIN_LEADS = 5
IDENTIFIER_SHARE = 0.5
# a candidate whose lift is within one standard error of none (two-proportion z) may not enter;
# 1.96 cost the bank data 0.10 ROC AUC on its later, shifted period (a fit may use weak rules
# well), so chance is kept out mainly by the validation check (Fit.has_signal)
MIN_LIFT_Z = 1.0


class CalibrationRefused(SystemExit):
    """The data cannot support a calibration; the message says why and what is needed."""

    def __init__(self, message: str) -> None:
        super().__init__(f"leadscore calibrate: {message}")


@dataclass
class Settings:
    dbt_vars: dict[str, object]
    out: Path
    train_share: float
    split_date: str | None
    age_days: int | None  # None: chosen from the data (choose_scoring_moment)
    horizon_days: int
    min_conversions: int
    min_support: int
    points_to_double_odds: float
    per_segment: bool
    min_segment_conversions: int
    mql_lift: float
    sql_lift: float
    write_seeds: bool

    @property
    def workspace(self) -> Path:
        """The engine's copies and databases, one folder per OUT: calibrations into different
        folders may run at once."""
        return PROJECT_ROOT / "target" / "calibrate" / hashlib.sha1(str(self.out).encode()).hexdigest()[:12]


@dataclass
class Candidate:
    rule: dict[str, str]
    kind: str  # attribute | activity | inactivity
    group: str  # candidates of one group compete (an activity type's half-lives)
    cap: float | None = None


@dataclass
class Fit:
    name: str
    coefficients: np.ndarray
    intercept: float
    l2: float
    # the validation AUC's 95 % lower bound: at or below 0.5, the fit found no usable signal
    validation_lower_bound: float | None = None

    @property
    def has_signal(self) -> bool:
        return self.validation_lower_bound is None or self.validation_lower_bound > 0.5


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def add(self, text: str = "") -> None:
        self.lines.append(text)
        print(text)


# ---------------------------------------------------------------- engine runs


def engine_project(name: str, seeds: dict[str, list[dict[str, str]]], settings: Settings) -> Path:
    """A copy of the dbt project whose seeds are replaced by the given rows."""
    root = settings.workspace / name
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for item in COPIED:
        source = PROJECT_ROOT / item
        if source.is_dir():
            shutil.copytree(source, root / item, ignore=shutil.ignore_patterns("__pycache__", "python"))
        elif source.exists():
            shutil.copy2(source, root / item)
    for seed, rows in seeds.items():
        write_csv(root / "seeds" / f"{seed}.csv", rows, list(rows[0].keys()) if rows else read_header(seed))
    return root


def score_with_engine(
    name: str, seeds: dict[str, list[dict[str, str]]], settings: Settings, extra_vars: dict[str, object] | None = None,
    select: tuple[str, ...] = ("+lead_scores", "+lead_score_reasons"), data_tests: bool = True,
) -> Path:
    """Builds lead_scores and lead_score_reasons (or `select`) with these seeds; returns the
    database. Without `data_tests` only the models run: for the runs whose input the run with
    the current rules tested already and whose rules this script wrote (the rules it suggests
    are tested in their own run)."""
    root = engine_project(name, seeds, settings)
    database = settings.workspace / f"{name}.duckdb"
    database.unlink(missing_ok=True)
    env = dbt_environment({"LEADSCORE_DB": str(database), "DBT_PROFILES_DIR": str(root / "profiles")})
    variables = {**settings.dbt_vars, "score_at_lead_age_days": settings.age_days or 0,
                 "performance_horizon_days": settings.horizon_days, **(extra_vars or {})}
    started = time.monotonic()
    command = [dbt_executable(), "--quiet", "build", "--select", *select,
               "--indirect-selection", "cautious", "--exclude-resource-type", "unit_test",
               *(() if data_tests else ("--exclude-resource-type", "test")),
               "--vars", json.dumps(variables)]
    completed = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-6000:] + completed.stderr[-3000:])
        raise SystemExit(f"leadscore calibrate: the engine run '{name}' failed (dbt exit {completed.returncode})")
    print(f"  engine run '{name}': {time.monotonic() - started:.0f} s", flush=True)
    return database


def query(database: Path, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return connection.execute(sql, params or []).df()
    finally:
        connection.close()


def read_seed(name: str) -> list[dict[str, str]]:
    with (PROJECT_ROOT / "seeds" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_header(name: str) -> list[str]:
    with (PROJECT_ROOT / "seeds" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# ---------------------------------------------------------------- population and labels


def labelled_leads(database: Path, settings: Settings) -> pd.DataFrame:
    """The leads not yet customers at their scoring moment, in time order, with the
    current rules' scores and whether they converted in the horizon after it."""
    conversions = [str(value) for value in settings.dbt_vars.get("conversion_outcomes", project_var("conversion_outcomes"))]
    leads = query(
        database,
        f"""
        select scores.lead_id, moments.created_at, scores.as_of, scores.segment,
            scores.fit_score, scores.engagement_score, scores.negative_score, scores.total_score,
            coalesce(versions.updated_at, versions.created_at) > scores.as_of as is_profile_later,
            max(case when outcomes.outcome in (select unnest(?))
                and outcomes.outcome_at > scores.as_of
                and outcomes.outcome_at <= scores.as_of + to_days(?) then 1 else 0 end) as converted
        from main.lead_scores as scores
        inner join intermediate.int_leads_as_of as moments on scores.lead_id = moments.lead_id
        inner join intermediate.int_lead_versions as versions
            on moments.lead_id = versions.lead_id and moments.version_row_number = versions.raw_row_number
        left join intermediate.int_outcomes_deduplicated as outcomes on scores.lead_id = outcomes.lead_id
        where scores.lifecycle_stage != 'customer'
            -- the whole horizon must lie before the end of the data, or a late conversion
            -- would be missed and the lead counted as not converted
            and scores.as_of + to_days(?) <= ?
        group by all
        order by moments.created_at, scores.lead_id
        """,
        [conversions, settings.horizon_days, settings.horizon_days, data_end(settings)],
    )
    dated = query(
        database,
        """select count(*) as conversions, count(outcome_at) as dated
           from intermediate.int_outcomes_deduplicated where outcome in (select unnest(?))""",
        [conversions],
    ).iloc[0]
    if int(dated["conversions"]) > 0 and int(dated["dated"]) == 0:
        raise CalibrationRefused(
            "no conversion has an outcome_at: a time split needs to know when each lead converted "
            "(fill outcomes.outcome_at)"
        )
    return leads.reset_index(drop=True)


def data_end(settings: Settings) -> datetime:
    """The scoring date of the whole run: nothing after it is known."""
    as_of = settings.dbt_vars.get("as_of")
    return parse_as_of(str(as_of) if as_of else None)


def conversion_lags(database: Path, settings: Settings) -> np.ndarray:
    """Days from each converted lead's arrival to its first dated conversion (up to the end
    of the data): what decides which scoring moments leave converters out."""
    conversions = [str(value) for value in settings.dbt_vars.get("conversion_outcomes", project_var("conversion_outcomes"))]
    lags = query(
        database,
        """
        with arrivals as (
            select lead_id, min(created_at) as created_at from intermediate.int_lead_versions group by lead_id
        ),
        conversions as (
            select lead_id, min(outcome_at) as converted_at
            from intermediate.int_outcomes_deduplicated
            where outcome in (select unnest(?)) and outcome_at is not null and outcome_at <= ?
            group by lead_id
        )
        select epoch(conversions.converted_at - arrivals.created_at) / 86400.0 as lag_days
        from conversions inner join arrivals on conversions.lead_id = arrivals.lead_id
        """,
        [conversions, data_end(settings)],
    )
    return lags["lag_days"].to_numpy(dtype=float)


def left_out_converters(lags: np.ndarray, age_days: int) -> int:
    """Converters a scoring moment `age_days` after arrival leaves out: converted by then."""
    return int(np.sum(lags <= age_days))


def choose_scoring_moment(lags: np.ndarray, report: Report) -> int:
    """The latest candidate moment that still has most conversions ahead of it (at most
    MAX_LEFT_OUT_SHARE of the dated converters converted by then); creation time when
    conversions come fast. A later moment sees more of each lead's activities."""
    report.add("Scoring moment (--age-days auto): dated converters each candidate would leave out "
               "(converted by then, so customers rather than leads to score):")
    chosen = 0
    for age in AGE_CANDIDATES:
        left_out = left_out_converters(lags, age)
        share = left_out / len(lags) if len(lags) else 0.0
        fits = share <= MAX_LEFT_OUT_SHARE
        if fits:
            chosen = age
        report.add(f"  {age:>3} days after arrival: {left_out} of {len(lags)} converters left out ({share:.0%})"
                   + ("" if fits else f", more than {MAX_LEFT_OUT_SHARE:.0%}"))
    report.add(f"  chosen: {chosen} days (the latest moment leaving out at most {MAX_LEFT_OUT_SHARE:.0%}; "
               "--age-days N sets it)")
    return chosen


def split_in_time(leads: pd.DataFrame, settings: Settings) -> np.ndarray:
    """True for the training leads: created before --split-date, or the first train_share."""
    if settings.split_date:
        is_train = (leads["created_at"] < pd.Timestamp(settings.split_date)).to_numpy()
    else:
        is_train = np.arange(len(leads)) < int(math.floor(settings.train_share * len(leads)))
    return is_train


def refuse_unless_learnable(leads: pd.DataFrame, is_train: np.ndarray, settings: Settings, left_out: int) -> None:
    labels = leads["converted"].to_numpy()
    train, test = labels[is_train], labels[~is_train]
    if len(train) == 0 or len(test) == 0:
        raise CalibrationRefused(f"the split leaves {len(train)} training and {len(test)} test leads; both need leads")
    if train.min() == train.max():
        if train.max() == 1:
            kind = f"every one of the {len(train)} training leads converted"
        else:
            kind = f"none of the {len(train)} training leads converted"
        moment = f"within {settings.horizon_days} days after its scoring moment ({settings.age_days} days after it came in)"
        why = (f"; {left_out} converters were left out because they had converted by their scoring moment "
               "(try --age-days 0)" if left_out else "")
        raise CalibrationRefused(f"{kind} {moment}{why}: a model needs both converted and not converted leads")
    if train.sum() < settings.min_conversions:
        raise CalibrationRefused(
            f"the training period has {int(train.sum())} conversions among {len(train)} leads; calibration needs at "
            f"least {settings.min_conversions} (--min-conversions) to learn points that generalise"
        )
    if test.min() == test.max():
        raise CalibrationRefused(f"the {len(test)} test leads are all of one class: the backtest cannot rank them")


# ---------------------------------------------------------------- candidates


def slug(text: str) -> str:
    """A rule_id part: lower-case letters, digits and _; a leading minus sign is kept as m."""
    text = text.strip()
    sign = "m" if text.startswith("-") else ""
    return sign + (re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "x")


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def new_rule(rule_id: str, dimension: str, source: str, field_name: str, description: str, **more: str) -> dict[str, str]:
    rule = dict.fromkeys(RULE_COLUMNS, "")
    rule.update({"rule_id": rule_id, "model": "lead", "segment": "*", "dimension": dimension, "source": source,
                 "field": field_name, "points": "1", "description": description})
    rule.update(more)
    return rule


def attribute_candidates(database: Path, train: pd.DataFrame, settings: Settings) -> tuple[list[Candidate], list[str]]:
    """Candidate rules on the training leads' fields, and what was skipped and why."""
    train_ids = train["lead_id"].tolist()
    values = query(
        database,
        """select field_name, field_value, field_number, is_numeric_field, lead_id
           from intermediate.int_lead_fields_unpivoted where lead_id in (select unnest(?))""",
        [train_ids],
    )
    converted = dict(zip(train["lead_id"], train["converted"]))
    candidates: list[Candidate] = []
    skipped: list[str] = []
    for field_name, rows in values.groupby("field_name", sort=True):
        if field_name in IDENTITY_FIELDS or str(field_name).startswith("account_"):
            skipped.append(f"{field_name}: an identity or account field, not a property of the lead")
            continue
        present = rows["lead_id"].nunique()
        if len(train_ids) - present >= settings.min_support:
            candidates.append(Candidate(
                new_rule(f"a_{slug(field_name)}_missing", "fit", "attribute", field_name,
                         f"{field_name} is missing", operator="missing"), "attribute", f"{field_name}:missing"))
        numeric = bool(rows["field_number"].notna().all())
        distinct = rows["field_value"].str.lower().nunique()
        if numeric and distinct > NUMERIC_MIN_DISTINCT:
            candidates += numeric_candidates(str(field_name), rows["field_number"].to_numpy(dtype=float), settings)
        elif distinct <= MAX_CATEGORIES:
            counts = rows.assign(folded=rows["field_value"].str.lower()).groupby("folded")["lead_id"].nunique()
            for folded, support in counts.sort_index().items():
                if support < settings.min_support:
                    continue
                original = rows.loc[rows["field_value"].str.lower() == folded, "field_value"].iloc[0]
                candidates.append(Candidate(
                    new_rule(f"a_{slug(field_name)}_{slug(original)}", "fit", "attribute", field_name,
                             f"{field_name} is {original}", operator="eq", value=original),
                    "attribute", f"{field_name}:{folded}"))
        elif distinct >= IDENTIFIER_SHARE * present:
            skipped.append(f"{field_name}: {distinct} values on {present} training leads, an identifier "
                           "(about one value per lead)")
        else:
            candidates += value_group_candidates(str(field_name), rows, converted, settings)
    return candidates, skipped


def value_group_candidates(field_name: str, rows: pd.DataFrame, converted: dict[str, float],
                           settings: Settings) -> list[Candidate]:
    """A field with many values: each value's conversion rate on the training leads, smoothed
    towards the base rate (min_support leads' worth of prior), orders the values; they are cut
    into VALUE_GROUPS groups of about equal leads, each one `in` rule. Rare values (fewer than
    REST_MIN_LEADS leads) and unseen ones fall in the rest: no rule."""
    frame = rows.assign(folded=rows["field_value"].str.strip().str.lower(),
                        converted=rows["lead_id"].map(converted).astype(float))
    frame = frame[~frame["folded"].str.contains("|", regex=False)]
    per_value = frame.groupby("folded").agg(leads=("lead_id", "nunique"), conversions=("converted", "sum"),
                                            original=("field_value", "first"))
    base = float(np.mean(list(converted.values())))
    prior = float(settings.min_support)
    per_value["smoothed"] = (per_value["conversions"] + prior * base) / (per_value["leads"] + prior)
    per_value = per_value[per_value["leads"] >= REST_MIN_LEADS].sort_values(["smoothed", "original"])
    if per_value.empty:
        return []
    cumulative = per_value["leads"].cumsum() / per_value["leads"].sum()
    per_value["group"] = np.minimum((cumulative.to_numpy() * VALUE_GROUPS - 1e-9).astype(int), VALUE_GROUPS - 1)
    candidates = []
    for group, members in per_value.groupby("group", sort=True):
        if members["leads"].sum() < settings.min_support:
            continue
        names = [str(value).strip() for value in members["original"]]
        rate = members["conversions"].sum() / members["leads"].sum()
        candidates.append(Candidate(
            new_rule(f"a_{slug(field_name)}_group_{int(group) + 1}", "fit", "attribute", field_name,
                     f"{field_name} in group {int(group) + 1} of {VALUE_GROUPS} by conversion rate "
                     f"({len(names)} values, {rate:.1%} in training, e.g. {', '.join(names[:3])})",
                     operator="in", value="|".join(names)),
            "attribute", f"{field_name}:group{int(group) + 1}"))
    return candidates


def numeric_candidates(field_name: str, numbers: np.ndarray, settings: Settings) -> list[Candidate]:
    """Quantile bins of a numeric field, each a `between` rule. (Steps at a decision tree's
    cut points, open at both ends, won the non-linear synthetic scenario (0.729 against 0.712
    ROC AUC) but lost the bank data 0.08: not used.)"""
    numbers = np.sort(numbers[~np.isnan(numbers)])
    edges = np.unique(np.quantile(numbers, np.linspace(0, 1, NUMERIC_BINS + 1)))
    candidates = []
    for low, high in zip(edges[:-1], edges[1:]):
        inside = numbers[(numbers >= low) & (numbers < high)] if high < edges[-1] else numbers[numbers >= low]
        if len(inside) < settings.min_support:
            continue
        low_text, high_text = number_text(inside.min()), number_text(inside.max())
        candidates.append(Candidate(
            new_rule(f"a_{slug(field_name)}_{slug(low_text)}_{slug(high_text)}", "fit", "attribute", field_name,
                     f"{field_name} {low_text} to {high_text}", operator="between",
                     value=low_text, value_max=high_text), "attribute", f"{field_name}:{low_text}"))
    return candidates


def activity_candidates(database: Path, train_ids: list[str], settings: Settings) -> list[Candidate]:
    types = query(
        database,
        """select activities.activity_type, count(distinct activities.lead_id) as leads
           from intermediate.int_activities_deduplicated as activities
           inner join intermediate.int_leads_as_of as moments on activities.lead_id = moments.lead_id
           where activities.lead_id in (select unnest(?)) and activities.occurred_at <= moments.as_of
           group by 1 order by 1""",
        [train_ids],
    )
    candidates: list[Candidate] = []
    for activity_type, leads in types.itertuples(index=False):
        if leads < settings.min_support:
            continue
        base = f"e_{slug(activity_type)}"
        candidates.append(Candidate(new_rule(f"{base}_all", "engagement", "activity", activity_type,
                                             f"{activity_type} events"), "activity", activity_type))
        for half_life in HALF_LIVES:
            candidates.append(Candidate(
                new_rule(f"{base}_h{half_life}", "engagement", "activity", activity_type,
                         f"{activity_type} events (half-life {half_life} days)", half_life_days=str(half_life)),
                "activity", activity_type))
    if candidates:
        # a lead scored `age_days` after it came in can only have been inactive for less
        for window in (w for w in INACTIVITY_WINDOWS if w < (settings.age_days or 0)):
            candidates.append(Candidate(
                new_rule(f"n_inactive_{window}d", "negative", "inactivity", "*", f"No activity for {window} days",
                         window_days=str(window)), "inactivity", f"inactive:{window}"))
    return candidates


def unique_rule_ids(candidates: list[Candidate]) -> None:
    seen: dict[str, int] = {}
    for candidate in candidates:
        rule_id = candidate.rule["rule_id"]
        seen[rule_id] = seen.get(rule_id, 0) + 1
        if seen[rule_id] > 1:
            candidate.rule["rule_id"] = f"{rule_id}_{seen[rule_id]}"


def feature_matrix(database: Path, leads: pd.DataFrame, candidates: list[Candidate]) -> np.ndarray:
    """Per lead and candidate, the points the engine gave a 1-point rule: 1 for a matched
    attribute or inactivity rule, the (decayed) event count for an activity rule."""
    reasons = query(
        database, "select lead_id, rule_id, points from main.lead_score_reasons where model = 'lead' and points != 0"
    )
    row = {lead_id: index for index, lead_id in enumerate(leads["lead_id"])}
    column = {candidate.rule["rule_id"]: index for index, candidate in enumerate(candidates)}
    matrix = np.zeros((len(leads), len(candidates)))
    for lead_id, rule_id, points in reasons.itertuples(index=False):
        if lead_id in row and rule_id in column:
            matrix[row[lead_id], column[rule_id]] = points
    return matrix


# ---------------------------------------------------------------- the model


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


def auc_lower_bound(auc: float, positives: int, negatives: int) -> float:
    """One-sided 95 % lower bound of a ROC AUC (Hanley and McNeil's standard error)."""
    q1, q2 = auc / (2 - auc), 2 * auc * auc / (1 + auc)
    variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc)
                + (negatives - 1) * (q2 - auc * auc)) / max(positives * negatives, 1)
    return auc - 1.645 * math.sqrt(max(variance, 0.0))


def choose_l2(x: np.ndarray, y: np.ndarray, directions: np.ndarray | None) -> tuple[float, float | None]:
    """The penalty with the best AUC on the last fifth of the training period (in time
    order), and that AUC's lower bound (None when the fifth is of one class)."""
    cut = int(len(y) * 0.8)
    if y[:cut].min() == y[:cut].max() or y[cut:].min() == y[cut:].max():
        return 1e-3, None
    best, best_auc = L2_GRID[0], -1.0
    for l2 in L2_GRID:
        coefficients, _ = fit_logistic(x[:cut], y[:cut], l2, directions)
        score = x[cut:] @ coefficients
        auc = roc_auc_score(y[cut:], score) if score.std() > 0 else 0.5
        if auc > best_auc + 1e-6:
            best, best_auc = l2, auc
    positives = int(y[cut:].sum())
    return best, auc_lower_bound(best_auc, positives, len(y) - cut - positives)


def fit(name: str, x: np.ndarray, y: np.ndarray, directions: np.ndarray | None) -> Fit:
    l2, validation_lower_bound = choose_l2(x, y, directions)
    coefficients, intercept = fit_logistic(x, y, l2, directions)
    return Fit(name, coefficients, intercept, l2, validation_lower_bound)


def top_decile_lift(y: np.ndarray, score: np.ndarray) -> float:
    order = np.lexsort((np.arange(len(score)), -score))
    top = order[: max(1, len(order) // 10)]
    return float(y[top].mean() / y.mean()) if y.mean() > 0 else float("nan")


# ---------------------------------------------------------------- rules, bands, report


def points_rules(candidates: list[Candidate], coefficients: np.ndarray, settings: Settings,
                 segment: str = "*", suffix: str = "") -> list[dict[str, str]]:
    factor = settings.points_to_double_odds / math.log(2)
    rules = []
    for candidate, coefficient in zip(candidates, coefficients):
        points = int(round(coefficient * factor))
        if points == 0:
            continue
        rule = dict(candidate.rule)
        rule["rule_id"] += suffix
        rule["segment"] = segment
        rule["points"] = str(points)
        if candidate.kind == "attribute":
            rule["dimension"] = "fit" if points > 0 else "negative"
        else:
            rule["dimension"] = "engagement" if points > 0 else "negative"
        if candidate.cap is not None:
            rule["max_points"] = number_text(abs(points) * candidate.cap)
        rule["description"] = candidate.rule["description"] + f" (calibrated, {points:+d})"
        rules.append(rule)
    return rules


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
    rows += band_rows("engagement_tier", ["1", "2", "3", "4"], scores["engagement_score"].to_numpy(), y,
                      settings.min_support)
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


def parse_args(argv: list[str] | None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", choices=["demo", "files", "tables"], default="demo")
    parser.add_argument("--input-path")
    parser.add_argument("--input-schema")
    parser.add_argument("--as-of", help="score nothing after this (default: now)")
    parser.add_argument("--out", required=True, type=Path, help="folder for scoring_rules.csv, grade_bands.csv, backtest.md")
    parser.add_argument("--train-share", type=float, default=0.75, help="first share of leads in time order to train on")
    parser.add_argument("--split-date", help="train on leads created before this date instead")
    parser.add_argument("--age-days", default="auto",
                        help="score each lead this many days after it came in (0 = at once: attributes only; "
                             "default auto: the latest of 0, 1, 3, 7, 14 that leaves out at most 20 %% of converters)")
    parser.add_argument("--horizon-days", type=int, default=90, help="a conversion counts within this many days after")
    parser.add_argument("--min-conversions", type=int, default=50, help="refuse with fewer training conversions")
    parser.add_argument("--min-support", type=int, default=30, help="leads a candidate rule needs in training")
    parser.add_argument("--points-to-double-odds", type=float, default=20.0)
    parser.add_argument("--per-segment", action="store_true", help="one set of points per segment with enough conversions")
    parser.add_argument("--min-segment-conversions", type=int, default=120)
    parser.add_argument("--mql-lift", type=float, default=2.0, help="MQL: leads at or above convert at this x the base rate")
    parser.add_argument("--sql-lift", type=float, default=4.0)
    parser.add_argument("--write-seeds", action="store_true", help="also replace seeds/scoring_rules.csv and seeds/grade_bands.csv")
    args = parser.parse_args(argv)
    variables: dict[str, object] = {"input": args.input, "demo_path": str(PROJECT_ROOT / "data" / "demo")}
    if args.input == "files":
        if not args.input_path:
            raise SystemExit("leadscore calibrate: INPUT=files needs INPUT_PATH=<folder>")
        variables["input_path"] = str(Path(args.input_path).expanduser().resolve())
    if args.input_schema:
        variables["input_schema"] = args.input_schema
    if args.as_of:
        variables["as_of"] = args.as_of
    if args.age_days == "auto":
        age_days = None
    elif str(args.age_days).isdigit():
        age_days = int(args.age_days)
    else:
        raise SystemExit(f"leadscore calibrate: --age-days must be a whole number of days or auto, not {args.age_days!r}")
    if not 0 < args.train_share < 1:
        raise SystemExit("leadscore calibrate: --train-share must be between 0 and 1")
    return Settings(
        dbt_vars=variables, out=args.out.expanduser().resolve(), train_share=args.train_share,
        split_date=args.split_date, age_days=age_days, horizon_days=args.horizon_days,
        min_conversions=args.min_conversions, min_support=args.min_support,
        points_to_double_odds=args.points_to_double_odds, per_segment=args.per_segment,
        min_segment_conversions=args.min_segment_conversions, mql_lift=args.mql_lift, sql_lift=args.sql_lift,
        write_seeds=args.write_seeds,
    )


def main(argv: list[str] | None = None) -> int:
    settings = parse_args(argv)
    report = Report()
    if settings.age_days is None:
        print("leadscore calibrate: reading the outcomes to choose the scoring moment", flush=True)
        staged_db = score_with_engine("staged", {}, settings, data_tests=False,
                                      select=("+int_outcomes_deduplicated", "+int_lead_versions"))
        settings.age_days = choose_scoring_moment(conversion_lags(staged_db, settings), report)
    print(f"leadscore calibrate: scoring with the current rules, {settings.age_days} days after each lead came in",
          flush=True)
    current_db = score_with_engine("current", {}, settings, {"unpivot_all_fields": True})
    leads = labelled_leads(current_db, settings)
    is_train = split_in_time(leads, settings)
    refuse_unless_learnable(leads, is_train, settings,
                            left_out_converters(conversion_lags(current_db, settings), settings.age_days))
    y = leads["converted"].to_numpy().astype(float)
    train_ids = leads.loc[is_train, "lead_id"].tolist()

    attributes, skipped = attribute_candidates(current_db, leads.loc[is_train, ["lead_id", "converted"]], settings)
    candidates = attributes + activity_candidates(current_db, train_ids, settings)
    unique_rule_ids(candidates)
    for reason in skipped:
        report.add(f"Skipped field {reason}")
    if not candidates:
        raise CalibrationRefused(f"no attribute value or activity type reaches {settings.min_support} training leads")
    print(f"leadscore calibrate: {len(candidates)} candidate rules; the engine scores them", flush=True)
    bands_without_limits = [row for row in read_seed("grade_bands") if row["scale"] not in ("limit_min", "limit_max")]
    candidate_db = score_with_engine("candidates", {"scoring_rules": [c.rule for c in candidates],
                                                    "grade_bands": bands_without_limits}, settings,
                                   data_tests=False)
    x_all = feature_matrix(candidate_db, leads, candidates)

    # one half-life per activity type: the variant that ranks training leads best
    keep = np.ones(len(candidates), dtype=bool)
    for group in {c.group for c in candidates if c.kind == "activity"}:
        members = [i for i, c in enumerate(candidates) if c.group == group]
        aucs = [roc_auc_score(y[is_train], x_all[is_train, i]) if x_all[is_train, i].std() > 0 else 0.5 for i in members]
        best = members[int(np.argmax(np.abs(np.array(aucs) - 0.5)))]
        keep[[i for i in members if i != best]] = False
    for i, candidate in enumerate(candidates):
        if (x_all[is_train, i] > 0).sum() < settings.min_support:
            keep[i] = False
        if candidate.kind == "activity" and keep[i]:
            nonzero = x_all[is_train, i][x_all[is_train, i] > 0]
            candidate.cap = float(max(1.0, math.ceil(np.quantile(nonzero, 0.95))))
            x_all[:, i] = np.minimum(x_all[:, i], candidate.cap)
    candidates = [c for c, k in zip(candidates, keep) if k]
    x_all = x_all[:, keep]
    x_train, y_train, x_test, y_test = x_all[is_train], y[is_train], x_all[~is_train], y[~is_train]
    directions = observed_directions(x_train, y_train)

    print(f"leadscore calibrate: fitting on {len(y_train)} leads ({int(y_train.sum())} conversions)", flush=True)
    constrained = fit("sign-constrained", x_train, y_train, directions)
    # the same penalty for the free fit, so that the comparison shows what the signs cost
    free_coefficients, free_intercept = fit_logistic(x_train, y_train, constrained.l2, None)
    free = Fit("unconstrained", free_coefficients, free_intercept, constrained.l2)
    plain = LogisticRegression(C=1e6, max_iter=5000).fit(x_train, y_train)
    boosted = HistGradientBoostingClassifier(random_state=0).fit(x_train, y_train)

    if not constrained.has_signal:
        return no_usable_signal(report, settings, leads, is_train, constrained, plain, boosted, x_test, y_test)
    segments_fitted: dict[str, Fit] = {}
    if settings.per_segment:
        segments_fitted = fit_segments(leads, is_train, x_all, y, settings, report)
    rules = rules_for(candidates, constrained, segments_fitted, leads, settings)
    other_models = [row for row in read_seed("scoring_rules") if row["model"] != "lead"]
    factor = settings.points_to_double_odds / math.log(2)
    local_points = np.array([int(round(c * factor)) for c in constrained.coefficients])
    local_scores = pd.DataFrame({
        "fit_score": x_all @ np.where([c.kind == "attribute" for c in candidates], np.maximum(local_points, 0), 0),
        "engagement_score": x_all @ np.where([c.kind != "attribute" for c in candidates], np.maximum(local_points, 0), 0),
        "total_score": x_all @ local_points,
    })
    bands = suggested_bands(local_scores[is_train], y_train, settings)

    print("leadscore calibrate: scoring with the suggested rules (backtest)", flush=True)
    suggested_db = score_with_engine("suggested", {"scoring_rules": rules + other_models, "grade_bands": bands}, settings)
    suggested = query(suggested_db, "select lead_id, total_score, fit_grade, priority from main.lead_scores")
    suggested = leads[["lead_id"]].merge(suggested, on="lead_id", how="left")
    test_ids = ~is_train

    write_outputs(settings, rules + other_models, bands)
    write_backtest_leads(settings, leads, is_train, suggested["total_score"].fillna(0).to_numpy())
    write_report(report, settings, leads, is_train, candidates, directions, free, constrained, plain, boosted,
                 x_test, y_test, suggested, test_ids, current_db, local_scores, segments_fitted,
                 (x_train > 0).sum(axis=0))
    return 0


def no_usable_signal(report: Report, settings: Settings, leads: pd.DataFrame, is_train: np.ndarray, constrained: Fit,
                     plain: LogisticRegression, boosted: HistGradientBoostingClassifier, x_test: np.ndarray,
                     y_test: np.ndarray) -> int:
    """The fit ranks the validation leads no better than chance: say so, suggest nothing."""
    report.add("")
    report.add("# leadscore calibration backtest")
    report.add("")
    report.add(f"**No usable signal.** On the last fifth of the training period, the sign-constrained model's "
               f"ROC AUC has a 95 % lower bound of {constrained.validation_lower_bound:.3f}, not above 0.5: "
               "the candidates cannot be told from chance on leads they were not fitted on, so no points are "
               "suggested and no rules file is written (seeds/ unchanged).")
    report.add("")
    report.add("| scores on the test period, for reference | ROC AUC | top-decile lift |")
    report.add("| --- | ---: | ---: |")
    current = leads.loc[~is_train, "total_score"].to_numpy()
    for name, score in (("current rules (engine)", current),
                        ("plain logistic regression", plain.decision_function(x_test)),
                        ("gradient boosting (HistGradientBoosting)", boosted.predict_proba(x_test)[:, 1])):
        report.add(f"| {name} | {roc_auc_score(y_test, score):.4f} | {top_decile_lift(y_test, score):.2f} |")
    settings.out.mkdir(parents=True, exist_ok=True)
    (settings.out / "backtest.md").write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    write_backtest_leads(settings, leads, is_train, np.zeros(len(leads)))
    print(f"\nleadscore calibrate: no usable signal; wrote {settings.out / 'backtest.md'} only")
    return 0


def write_backtest_leads(settings: Settings, leads: pd.DataFrame, is_train: np.ndarray, suggested: np.ndarray) -> None:
    """Per lead: its scoring moment, training or test, the label and the suggested points' score
    (what an independent check, such as the calibration benchmark, compares against)."""
    frame = pd.DataFrame({"lead_id": leads["lead_id"], "scored_at": leads["as_of"],
                          "is_training": is_train, "converted": leads["converted"].astype(int),
                          "suggested_score": suggested})
    frame.to_csv(settings.out / "backtest_leads.csv", index=False)


def fit_segments(leads: pd.DataFrame, is_train: np.ndarray, x: np.ndarray, y: np.ndarray,
                 settings: Settings, report: Report) -> dict[str, Fit]:
    fitted = {}
    report.add(f"Segments (own points need at least {settings.min_segment_conversions} training conversions):")
    for segment, rows in leads[is_train].groupby("segment"):
        conversions = int(rows["converted"].sum())
        qualifies = conversions >= settings.min_segment_conversions and len(rows) - conversions >= settings.min_segment_conversions
        report.add(f"  {segment}: {len(rows)} leads, {conversions} conversions: "
                   + ("own points" if qualifies else f"shared points (needs {settings.min_segment_conversions})"))
        if qualifies:
            mask = is_train & (leads["segment"] == segment).to_numpy()
            # each rule held to the sign of its lift within this segment
            own = observed_directions(x[mask], y[mask])
            fitted[str(segment)] = fit(f"segment {segment}", x[mask], y[mask], own)
    return fitted


def rules_for(candidates: list[Candidate], pooled: Fit, segments: dict[str, Fit], leads: pd.DataFrame,
              settings: Settings) -> list[dict[str, str]]:
    if not segments:
        return points_rules(candidates, pooled.coefficients, settings)
    rules = []
    for segment in sorted(leads["segment"].unique()):
        chosen = segments.get(str(segment), pooled)
        rules += points_rules(candidates, chosen.coefficients, settings, segment=str(segment), suffix=f"__{slug(str(segment))}")
    return rules


def write_outputs(settings: Settings, rules: list[dict[str, str]], bands: list[dict[str, str]]) -> None:
    write_csv(settings.out / "scoring_rules.csv", rules, RULE_COLUMNS)
    write_csv(settings.out / "grade_bands.csv", bands, ["segment", "scale", "label", "min_score"])
    if settings.write_seeds:
        shutil.copy2(settings.out / "scoring_rules.csv", PROJECT_ROOT / "seeds" / "scoring_rules.csv")
        shutil.copy2(settings.out / "grade_bands.csv", PROJECT_ROOT / "seeds" / "grade_bands.csv")


def write_report(report: Report, settings: Settings, leads: pd.DataFrame, is_train: np.ndarray,
                 candidates: list[Candidate], directions: np.ndarray, free: Fit, constrained: Fit,
                 plain: LogisticRegression, boosted: HistGradientBoostingClassifier, x_test: np.ndarray,
                 y_test: np.ndarray, suggested: pd.DataFrame, test_ids: np.ndarray, current_db: Path,
                 local_scores: pd.DataFrame, segments: dict[str, Fit], train_hits: np.ndarray) -> None:
    current_grades = query(current_db, "select lead_id, fit_grade from main.lead_scores")
    current_grades = leads[["lead_id"]].merge(current_grades, on="lead_id", how="left")
    rows = [
        ("current rules (engine)", leads.loc[test_ids, "total_score"].to_numpy()),
        ("suggested integer points (engine)", suggested.loc[test_ids, "total_score"].to_numpy()),
        ("sign-constrained model, probabilities", x_test @ constrained.coefficients),
        ("unconstrained model, probabilities", x_test @ free.coefficients),
        ("plain logistic regression", plain.decision_function(x_test)),
        ("gradient boosting (HistGradientBoosting)", boosted.predict_proba(x_test)[:, 1]),
    ]
    train_leads, test_leads = int(is_train.sum()), int((~is_train).sum())
    report.add("")
    report.add("# leadscore calibration backtest")
    report.add("")
    report.add(f"Leads scored {settings.age_days} days after they came in; a conversion counts within "
               f"{settings.horizon_days} days after that. Training: the first {train_leads} leads in time order "
               f"({int(leads.loc[is_train, 'converted'].sum())} conversions); test: the later {test_leads} "
               f"({int(y_test.sum())} conversions). Points: {settings.points_to_double_odds:g} double the odds.")
    report.add("")
    if y_test.sum() < 30:
        report.add(f"**Warning:** the test period has only {int(y_test.sum())} conversions; its numbers are noise. "
                   "Use a longer history, a later --split-date or a longer --horizon-days.")
        report.add("")
    report.add("| scores on the test period | ROC AUC | top-decile lift |")
    report.add("| --- | ---: | ---: |")
    for name, score in rows:
        report.add(f"| {name} | {roc_auc_score(y_test, score):.4f} | {top_decile_lift(y_test, score):.2f} |")
    free_auc = roc_auc_score(y_test, x_test @ free.coefficients)
    constrained_auc = roc_auc_score(y_test, x_test @ constrained.coefficients)
    report.add("")
    report.add(f"Constraining every coefficient to the sign of its own observed lift changes the test period's "
               f"ROC AUC by {constrained_auc - free_auc:+.4f} (unconstrained {free_auc:.4f}, "
               f"constrained {constrained_auc:.4f}); the unconstrained fit gives "
               f"{int(np.sum((free.coefficients * directions) < -1e-9))} candidates points against their own lift.")
    engine_total = suggested["total_score"].to_numpy()
    matches = np.allclose(engine_total, local_scores["total_score"].to_numpy(), atol=1e-6) if not segments else None
    later = float(leads["is_profile_later"].mean())
    if later > 0:
        report.add(f"**Note:** for {later:.0%} of the leads the input's profile is dated after their scoring moment "
                   "(updated_at later than created_at + age-days, and no older version): attribute values may have "
                   "been recorded after it, which flatters attribute rules. Prefer data with a version per change.")
    if matches is None:
        report.add("Per-segment points: the lead-by-lead check against the model is not made (segments differ).")
    else:
        report.add(f"The engine's scores under the suggested rules {'equal' if matches else 'DIFFER FROM'} the "
                   "model's integer points for every lead.")
    report.add("")
    report.add(f"Conversion by fit grade on the test period, current rules: "
               f"{conversion_by_grade(current_grades.loc[test_ids, 'fit_grade'], y_test)}")
    report.add(f"Conversion by fit grade on the test period, suggested: "
               f"{conversion_by_grade(suggested.loc[test_ids, 'fit_grade'], y_test)}")
    report.add("")
    report.add("## Candidates")
    report.add("")
    report.add("| rule_id | training leads hit | observed lift | unconstrained | constrained | points |")
    report.add("| --- | ---: | ---: | ---: | ---: | ---: |")
    factor = settings.points_to_double_odds / math.log(2)
    for j, candidate in enumerate(candidates):
        lift = {1: "+", -1: "-"}.get(int(directions[j]), "none (may not enter)")
        report.add(f"| {candidate.rule['rule_id']} | {int(train_hits[j])} | {lift} | "
                   f"{free.coefficients[j]:+.3f} | {constrained.coefficients[j]:+.3f} | "
                   f"{int(round(constrained.coefficients[j] * factor)):+d} |")
    (settings.out / "backtest.md").write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    print(f"\nleadscore calibrate: wrote {settings.out / 'scoring_rules.csv'}, {settings.out / 'grade_bands.csv'} "
          f"and {settings.out / 'backtest.md'}" + ("; seeds/ replaced" if settings.write_seeds else "; seeds/ unchanged"))


if __name__ == "__main__":
    sys.exit(main())
