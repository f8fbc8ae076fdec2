"""Candidate rules, each scored by the engine with 1 point: attribute values, groups of values
for fields with many, supervised bins for numbers, and per activity type its count, decayed
counts and "any in the last N days", one variant chosen on time-ordered validation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.tree import DecisionTreeClassifier

from leadscore.calibration.engine import query
from leadscore.calibration.settings import Settings

RULE_COLUMNS = [
    "rule_id",
    "model",
    "segment",
    "dimension",
    "source",
    "field",
    "operator",
    "value",
    "value_max",
    "points",
    "half_life_days",
    "window_days",
    "max_points",
    "description",
]
IDENTITY_FIELDS = {"email", "first_name", "last_name", "phone", "company", "city", "account_id"}
MAX_CATEGORIES = 50
# numbers with more distinct values than this are binned in order; fewer (flags) value by value
NUMERIC_MIN_DISTINCT = 2
NUMERIC_LEAVES = 8
NUMERIC_MIN_LEAF_SHARE = 0.05
SPIKE_SHARE = 0.1
SPIKE_MARGIN = 0.1
MONOTONE_RANK_CORRELATION = 0.8
VALUE_GROUPS = 10
REST_MIN_LEADS = 5
IDENTIFIER_SHARE = 0.5
HALF_LIVES = (7, 30, 90)
RECENT_WINDOWS = (3, 7, 30)
INACTIVITY_WINDOWS = (3, 7, 14, 30, 60, 90)
VALIDATION_SHARE = 0.2
LABEL_FREE_VALUES = 500


@dataclass
class Candidate:
    rule: dict[str, str]
    kind: str  # attribute | activity | inactivity
    # the field of an attribute candidate; an activity type's variants compete for one place
    group: str
    cap: float | None = None


def slug(text: str) -> str:
    """A rule_id part: lower-case letters, digits and _; a leading minus sign is kept as m."""
    text = text.strip()
    sign = "m" if text.startswith("-") else ""
    return sign + (re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "x")


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def new_rule(rule_id: str, dimension: str, source: str, field_name: str, description: str, **more: str) -> dict[str, str]:
    rule = dict.fromkeys(RULE_COLUMNS, "")
    rule.update(
        {
            "rule_id": rule_id,
            "model": "lead",
            "segment": "*",
            "dimension": dimension,
            "source": source,
            "field": field_name,
            "points": "1",
            "description": description,
        }
    )
    rule.update(more)
    return rule


def field_values(database: Path, lead_ids: list[str]) -> pd.DataFrame:
    return query(
        database,
        """select field_name, field_value, field_number, is_numeric_field, lead_id
           from intermediate.int_lead_fields_unpivoted where lead_id in (select unnest(?))""",
        [lead_ids],
    )


def attribute_candidates(values: pd.DataFrame, train: pd.DataFrame, settings: Settings) -> tuple[list[Candidate], list[str]]:
    """Candidate rules on the training leads' fields (`values`: field_values of the training
    leads), and what was skipped and why."""
    train_ids = train["lead_id"].tolist()
    converted = dict(zip(train["lead_id"], train["converted"]))
    candidates: list[Candidate] = []
    skipped: list[str] = []
    for field_name, rows in values.groupby("field_name", sort=True):
        field_name = str(field_name)
        if field_name in IDENTITY_FIELDS or field_name.startswith("account_"):
            skipped.append(f"{field_name}: an identity or account field, not a property of the lead")
            continue
        present = rows["lead_id"].nunique()
        if len(train_ids) - present >= settings.min_support:
            candidates.append(
                Candidate(
                    new_rule(
                        f"a_{slug(field_name)}_missing", "fit", "attribute", field_name, f"{field_name} is missing", operator="missing"
                    ),
                    "attribute",
                    field_name,
                )
            )
        numeric = bool(rows["field_number"].notna().all())
        distinct = rows["field_value"].str.lower().nunique()
        if numeric and distinct > NUMERIC_MIN_DISTINCT:
            labels = rows["lead_id"].map(converted).to_numpy(dtype=float)
            candidates += numeric_candidates(field_name, rows["field_number"].to_numpy(dtype=float), labels, settings)
        elif distinct <= MAX_CATEGORIES:
            counts = rows.assign(folded=rows["field_value"].str.lower()).groupby("folded")["lead_id"].nunique()
            for folded, support in counts.sort_index().items():
                if support < settings.min_support:
                    continue
                original = rows.loc[rows["field_value"].str.lower() == folded, "field_value"].iloc[0]
                candidates.append(
                    Candidate(
                        new_rule(
                            f"a_{slug(field_name)}_{slug(original)}",
                            "fit",
                            "attribute",
                            field_name,
                            f"{field_name} is {original}",
                            operator="eq",
                            value=original,
                        ),
                        "attribute",
                        field_name,
                    )
                )
        elif distinct >= IDENTIFIER_SHARE * present:
            skipped.append(f"{field_name}: {distinct} values on {present} training leads, an identifier (about one value per lead)")
        else:
            candidates += value_group_candidates(field_name, rows, converted, settings)
    return candidates, skipped


def value_group_candidates(field_name: str, rows: pd.DataFrame, converted: dict[str, float], settings: Settings) -> list[Candidate]:
    """A field with many values: each value's conversion rate on the training leads, smoothed
    towards the base rate (min_support leads' worth of prior), orders the values; they are cut
    into VALUE_GROUPS groups of about equal leads, each one `in` rule. Rare values (fewer than
    REST_MIN_LEADS leads) and unseen ones fall in the rest: no rule."""
    frame = rows.assign(folded=rows["field_value"].str.strip().str.lower(), converted=rows["lead_id"].map(converted).astype(float))
    frame = frame[~frame["folded"].str.contains("|", regex=False)]
    per_value = frame.groupby("folded").agg(
        leads=("lead_id", "nunique"), conversions=("converted", "sum"), original=("field_value", "first")
    )
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
        candidates.append(
            Candidate(
                new_rule(
                    f"a_{slug(field_name)}_group_{int(group) + 1}",
                    "fit",
                    "attribute",
                    field_name,
                    f"{field_name} in group {int(group) + 1} of {VALUE_GROUPS} by conversion rate "
                    f"({len(names)} values, {rate:.1%} in training, e.g. {', '.join(names[:3])})",
                    operator="in",
                    value="|".join(names),
                ),
                "attribute",
                field_name,
            )
        )
    return candidates


def short_number_between(low: float, high: float) -> float:
    """The number with the fewest decimals strictly between two neighbouring values: a cut
    that no training value equals, written short."""
    middle = (low + high) / 2
    for decimals in range(0, 13):
        rounded = round(middle, decimals)
        if low < rounded < high:
            return float(rounded)
    return middle


def numeric_cuts(numbers: np.ndarray, labels: np.ndarray, min_leaf: int) -> tuple[list[float], set[float]]:
    """Cut points of a numeric field learnt on the training leads: a value held by at least
    SPIKE_SHARE of them (a spike, such as 0) gets a bin of its own; the other values are cut
    where a decision tree (NUMERIC_LEAVES leaves of at least `min_leaf` leads) splits them.
    Returns the cuts and the spike values."""
    distinct, counts = np.unique(numbers, return_counts=True)
    if len(distinct) < 2:
        return [], set()
    spikes = {float(value) for value, count in zip(distinct, counts) if count >= SPIKE_SHARE * len(numbers) and count >= min_leaf}
    rest = ~np.isin(numbers, list(spikes))
    cuts: set[float] = set()
    if rest.sum() >= 2 * min_leaf and len(np.unique(numbers[rest])) > 1 and len(np.unique(labels[rest])) > 1:
        tree = DecisionTreeClassifier(max_leaf_nodes=NUMERIC_LEAVES, min_samples_leaf=min_leaf, random_state=0)
        tree.fit(numbers[rest, None], labels[rest])
        for threshold in tree.tree_.threshold[tree.tree_.feature >= 0]:
            below, above = distinct[distinct <= threshold], distinct[distinct > threshold]
            if len(below) and len(above):
                cuts.add(short_number_between(float(below.max()), float(above.min())))
    for spike in spikes:
        position = int(np.searchsorted(distinct, spike))
        low = float(distinct[position - 1]) if position > 0 else None
        high = float(distinct[position + 1]) if position + 1 < len(distinct) else None
        # the spike's own cuts replace any tree cut next to it; they hug the spike, so that
        # unseen values near a neighbour fall in the neighbour's bin, not the spike's
        cuts = {cut for cut in cuts if not ((low is None or cut > low) and (high is None or cut < high))}
        if low is not None:
            cuts.add(short_number_between(spike - SPIKE_MARGIN * (spike - low), spike))
        if high is not None:
            cuts.add(short_number_between(spike, spike + SPIKE_MARGIN * (high - spike)))
    return sorted(cuts), spikes


def bin_of(numbers: np.ndarray, cuts: list[float]) -> np.ndarray:
    return np.searchsorted(np.array(cuts), numbers, side="right")


def merged_cuts(numbers: np.ndarray, labels: np.ndarray, cuts: list[float], spikes: set[float], min_leaf: int) -> list[float]:
    """Bins too small to stand alone join a neighbour; when the bins' conversion rates follow
    the field's order (rank correlation at least MONOTONE_RANK_CORRELATION), neighbours that go
    against the trend are pooled, so the points rise or fall with the number."""

    def is_spike_bin(index: int, current: list[float]) -> bool:
        inside = numbers[bin_of(numbers, current) == index]
        return len(inside) > 0 and len(np.unique(inside)) == 1 and float(inside[0]) in spikes

    cuts = list(cuts)
    changed = True
    while changed and cuts:
        changed = False
        bins = bin_of(numbers, cuts)
        sizes = np.bincount(bins, minlength=len(cuts) + 1)
        for index in np.argsort(sizes):
            if sizes[index] >= min_leaf or is_spike_bin(int(index), cuts):
                continue
            neighbours = [n for n in (index - 1, index + 1) if 0 <= n <= len(cuts) and not is_spike_bin(n, cuts)]
            if not neighbours:
                continue
            partner = min(neighbours, key=lambda n: sizes[n])
            del cuts[min(index, partner)]
            changed = True
            break
    plain = [index for index in range(len(cuts) + 1) if not is_spike_bin(index, cuts)]
    if len(plain) >= 3:
        bins = bin_of(numbers, cuts)
        rates = np.array([labels[bins == index].mean() for index in plain])
        correlation = pd.Series(np.arange(len(plain))).corr(pd.Series(rates), method="spearman")
        if abs(correlation) >= MONOTONE_RANK_CORRELATION:
            direction = 1 if correlation > 0 else -1
            pooled = True
            while pooled:
                pooled = False
                bins = bin_of(numbers, cuts)
                plain = [index for index in range(len(cuts) + 1) if not is_spike_bin(index, cuts)]
                for left, right in zip(plain[:-1], plain[1:]):
                    if right != left + 1:
                        continue  # a spike lies between them
                    if direction * (labels[bins == right].mean() - labels[bins == left].mean()) < 0:
                        del cuts[left]
                        pooled = True
                        break
    return cuts


def numeric_candidates(field_name: str, numbers: np.ndarray, labels: np.ndarray, settings: Settings) -> list[Candidate]:
    """Supervised bins of a numeric field (numeric_cuts, merged_cuts), each an attribute rule:
    `lte` the first cut, `between` two cuts, `gte` the last, so unseen values fall in a bin."""
    present = ~np.isnan(numbers)
    numbers, labels = numbers[present], labels[present]
    min_leaf = max(settings.min_support, int(NUMERIC_MIN_LEAF_SHARE * len(numbers)))
    cuts, spikes = numeric_cuts(numbers, labels, min_leaf)
    cuts = merged_cuts(numbers, labels, cuts, spikes, settings.min_support)
    candidates = []
    bounds: list[float | None] = [None, *cuts, None]
    for low, high in zip(bounds[:-1], bounds[1:]):
        if low is None and high is None:
            continue
        above_low = numbers >= low if low is not None else np.ones(len(numbers), dtype=bool)
        below_high = numbers <= high if high is not None else np.ones(len(numbers), dtype=bool)
        inside = numbers[above_low & below_high]
        single = len(np.unique(inside)) == 1
        if low is None:
            assert high is not None
            rule_id, text, more = (
                f"le_{slug(number_text(high))}",
                f"up to {number_text(high)}",
                {"operator": "lte", "value": number_text(high)},
            )
        elif high is None:
            rule_id, text, more = (
                f"ge_{slug(number_text(low))}",
                f"{number_text(low)} or more",
                {"operator": "gte", "value": number_text(low)},
            )
        else:
            rule_id, text = f"{slug(number_text(low))}_{slug(number_text(high))}", f"{number_text(low)} to {number_text(high)}"
            more = {"operator": "between", "value": number_text(low), "value_max": number_text(high)}
        if single:
            text += f" (in training: {number_text(float(inside[0]))})"
        candidates.append(
            Candidate(
                new_rule(f"a_{slug(field_name)}_{rule_id}", "fit", "attribute", field_name, f"{field_name} {text}", **more),
                "attribute",
                field_name,
            )
        )
    return candidates


def label_free_columns(values: pd.DataFrame, lead_ids: list[str], skipped_fields: set[str], min_leads: int) -> np.ndarray:
    """The fields' values as columns chosen without looking at the labels: each value held by
    at least `min_leads` leads (the LABEL_FREE_VALUES most common), deciles for numbers,
    missing. What the signal check fits on: supervised bins and groups, chosen on all the
    training labels, would flatter any check made on those same leads."""
    row = {lead_id: index for index, lead_id in enumerate(lead_ids)}
    columns: list[np.ndarray] = []

    def add(hit_rows: np.ndarray) -> None:
        column = np.zeros(len(lead_ids))
        column[hit_rows] = 1.0
        columns.append(column)

    for field_name, rows in values.groupby("field_name", sort=True):
        if str(field_name) in skipped_fields or str(field_name) in IDENTITY_FIELDS:
            continue
        positions = rows["lead_id"].map(row).to_numpy()
        missing = np.ones(len(lead_ids), dtype=bool)
        missing[positions] = False
        if missing.sum() >= min_leads:
            add(np.flatnonzero(missing))
        numbers = rows["field_number"].to_numpy(dtype=float)
        if not np.isnan(numbers).any() and len(np.unique(numbers)) > NUMERIC_MIN_DISTINCT:
            edges = np.unique(np.quantile(numbers, np.linspace(0, 1, 11)[1:-1]))
            bins = np.searchsorted(edges, numbers, side="right")
            for index in np.unique(bins):
                add(positions[bins == index])
            continue
        folded = rows["field_value"].str.strip().str.lower().to_numpy()
        kept, counts = np.unique(folded, return_counts=True)
        order = np.argsort(-counts)[:LABEL_FREE_VALUES]
        for value, count in zip(kept[order], counts[order]):
            if count >= min_leads:
                add(positions[folded == value])
    return np.column_stack(columns) if columns else np.zeros((len(lead_ids), 0))


def activity_candidates(database: Path, train_ids: list[str], settings: Settings) -> list[Candidate]:
    """Per activity type with enough training leads: its count, its counts decayed with each
    half-life of HALF_LIVES, and "any in the last N days" (N below the scoring age); one of
    them is kept (choose_activity_variants). Inactivity windows below the scoring age."""
    types = query(
        database,
        """select activities.activity_type, count(distinct activities.lead_id) as leads
           from intermediate.int_activities_deduplicated as activities
           inner join intermediate.int_leads_as_of as moments on activities.lead_id = moments.lead_id
           where activities.lead_id in (select unnest(?)) and activities.occurred_at <= moments.as_of
           group by 1 order by 1""",
        [train_ids],
    )
    age = settings.age_days or 0
    candidates: list[Candidate] = []
    for activity_type, leads in types.itertuples(index=False):
        if leads < settings.min_support:
            continue
        base = f"e_{slug(activity_type)}"
        candidates.append(
            Candidate(
                new_rule(f"{base}_all", "engagement", "activity", activity_type, f"{activity_type} events"), "activity", activity_type
            )
        )
        for half_life in HALF_LIVES:
            candidates.append(
                Candidate(
                    new_rule(
                        f"{base}_h{half_life}",
                        "engagement",
                        "activity",
                        activity_type,
                        f"{activity_type} events (half-life {half_life} days)",
                        half_life_days=str(half_life),
                    ),
                    "activity",
                    activity_type,
                )
            )
        for window in (w for w in RECENT_WINDOWS if w < age):
            candidates.append(
                Candidate(
                    new_rule(
                        f"{base}_any_{window}d",
                        "engagement",
                        "activity",
                        activity_type,
                        f"any {activity_type} in the last {window} days",
                        window_days=str(window),
                        max_points="1",
                    ),
                    "activity",
                    activity_type,
                    cap=1.0,
                )
            )
    if candidates:
        # a lead scored `age_days` after it came in can only have been inactive for less
        for window in (w for w in INACTIVITY_WINDOWS if w < age):
            candidates.append(
                Candidate(
                    new_rule(
                        f"n_inactive_{window}d", "negative", "inactivity", "*", f"No activity for {window} days", window_days=str(window)
                    ),
                    "inactivity",
                    f"inactive:{window}",
                )
            )
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
    reasons = query(database, "select lead_id, rule_id, points from main.lead_score_reasons where model = 'lead' and points != 0")
    row = {lead_id: index for index, lead_id in enumerate(leads["lead_id"])}
    column = {candidate.rule["rule_id"]: index for index, candidate in enumerate(candidates)}
    matrix = np.zeros((len(leads), len(candidates)))
    for lead_id, rule_id, points in reasons.itertuples(index=False):
        if lead_id in row and rule_id in column:
            matrix[row[lead_id], column[rule_id]] = points
    return matrix


def validation_auc(x: np.ndarray, y: np.ndarray) -> float:
    """How well one feature ranks the last VALIDATION_SHARE of the training leads (in time
    order) in the direction it showed on the earlier ones."""
    cut = int(len(y) * (1 - VALIDATION_SHARE))
    early, late = slice(0, cut), slice(cut, len(y))
    if y[late].min() == y[late].max() or x[late].std() == 0:
        return 0.5
    rising = x[early].std() == 0 or y[early].std() == 0 or np.corrcoef(x[early], y[early])[0, 1] >= 0
    direction = 1.0 if rising else -1.0
    return float(roc_auc_score(y[late], direction * x[late]))


def chosen_variants(candidates: list[Candidate], x_train: np.ndarray, y_train: np.ndarray, min_support: int) -> np.ndarray:
    """Which candidates stay: those hitting at least min_support training leads, and of each
    activity type the variant that ranks the later training leads best."""
    keep = (x_train > 0).sum(axis=0) >= min_support
    for group in {c.group for c in candidates if c.kind == "activity"}:
        members = [i for i, c in enumerate(candidates) if c.group == group and keep[i]]
        if len(members) > 1:
            best = members[int(np.argmax([validation_auc(x_train[:, i], y_train) for i in members]))]
            keep[[i for i in members if i != best]] = False
    return keep
