"""Who is scored when, and what counts as converting: the scoring moment chosen from the
conversion lags, the labels read from the model int_leads_labelled (the one place the label
rule lives, macro leadscore_converted_within_horizon), and the split in time."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from leadscore.calibration.engine import query
from leadscore.calibration.settings import CalibrationRefused, Report, Settings
from leadscore.quality import parse_as_of
from leadscore.quality.settings import project_var

AGE_CANDIDATES = (0, 1, 3, 7, 14)
MAX_LEFT_OUT_SHARE = 0.2


def conversion_outcomes(settings: Settings) -> list[str]:
    configured = settings.dbt_vars.get("conversion_outcomes", project_var("conversion_outcomes"))
    return [str(value) for value in configured] if isinstance(configured, list) else [str(configured)]


def labelled_leads(database: Path, settings: Settings) -> pd.DataFrame:
    """The leads not yet customers at their scoring moment whose whole horizon lies before the
    end of the data (else a late conversion would be missed), in time order, with the current
    rules' scores and the label."""
    leads = query(
        database,
        """
        select scores.lead_id, moments.created_at, scores.as_of, scores.segment,
            scores.fit_score, scores.engagement_score, scores.negative_score, scores.total_score,
            coalesce(versions.updated_at, versions.created_at) > scores.as_of as is_profile_later,
            cast(labels.is_converted_within_horizon as integer) as converted
        from main.lead_scores as scores
        inner join intermediate.int_leads_labelled as labels on scores.lead_id = labels.lead_id
        inner join intermediate.int_leads_as_of as moments on scores.lead_id = moments.lead_id
        inner join intermediate.int_lead_versions as versions
            on moments.lead_id = versions.lead_id and moments.version_row_number = versions.raw_row_number
        where not labels.is_customer and labels.is_horizon_complete
        order by moments.created_at, scores.lead_id
        """,
    )
    dated = query(
        database,
        """select count(*) as conversions, count(outcome_at) as dated
           from intermediate.int_outcomes_deduplicated where outcome in (select unnest(?))""",
        [conversion_outcomes(settings)],
    ).iloc[0]
    # ratings as labels are always dated; conversions must be for a time split
    if settings.dbt_vars.get("label_source") != "ratings" and int(dated["conversions"]) > 0 and int(dated["dated"]) == 0:
        raise CalibrationRefused(
            "no conversion has an outcome_at: a time split needs to know when each lead converted (fill outcomes.outcome_at)"
        )
    return leads.reset_index(drop=True)


def data_end(settings: Settings) -> datetime:
    """The scoring date of the whole run: nothing after it is known."""
    as_of = settings.dbt_vars.get("as_of")
    return parse_as_of(str(as_of) if as_of else None)


def conversion_lags(database: Path, settings: Settings) -> np.ndarray:
    """Days from each converted lead's arrival to its first dated conversion (up to the end
    of the data): what decides which scoring moments leave converters out."""
    lags = query(
        database,
        """
        with arrivals as (
            select lead_id, min(created_at) as created_at from intermediate.int_lead_versions group by lead_id
        ),
        conversions as (
            -- the label events (int_label_events: dated conversions, or good_fit ratings with
            -- --label-source), the one place the label rule lives
            select lead_id, min(outcome_at) as converted_at
            from intermediate.int_label_events
            where outcome_at <= ?
            group by lead_id
        )
        select epoch(conversions.converted_at - arrivals.created_at) / 86400.0 as lag_days
        from conversions inner join arrivals on conversions.lead_id = arrivals.lead_id
        """,
        [data_end(settings)],
    )
    return lags["lag_days"].to_numpy(dtype=float)


def left_out_converters(lags: np.ndarray, age_days: int) -> int:
    """Converters a scoring moment `age_days` after arrival leaves out: converted by then."""
    return int(np.sum(lags <= age_days))


def choose_scoring_moment(lags: np.ndarray, report: Report) -> int:
    """The latest candidate moment that still has most conversions ahead of it (at most
    MAX_LEFT_OUT_SHARE of the dated converters converted by then); creation time when
    conversions come fast. A later moment sees more of each lead's activities."""
    report.add(
        "Scoring moment (--age-days auto): dated converters each candidate would leave out "
        "(converted by then, so customers rather than leads to score):"
    )
    chosen = 0
    for age in AGE_CANDIDATES:
        left_out = left_out_converters(lags, age)
        share = left_out / len(lags) if len(lags) else 0.0
        fits = share <= MAX_LEFT_OUT_SHARE
        if fits:
            chosen = age
        report.add(
            f"  {age:>3} days after arrival: {left_out} of {len(lags)} converters left out ({share:.0%})"
            + ("" if fits else f", more than {MAX_LEFT_OUT_SHARE:.0%}")
        )
    report.add(f"  chosen: {chosen} days (the latest moment leaving out at most {MAX_LEFT_OUT_SHARE:.0%}; --age-days N sets it)")
    return chosen


def split_in_time(leads: pd.DataFrame, settings: Settings) -> np.ndarray:
    """True for the training leads: created before --split-date, or the first train_share."""
    if settings.split_date:
        return (leads["created_at"] < pd.Timestamp(settings.split_date)).to_numpy()
    return np.arange(len(leads)) < int(math.floor(settings.train_share * len(leads)))


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
        why = (
            f"; {left_out} converters were left out because they had converted by their scoring moment (try --age-days 0)"
            if left_out
            else ""
        )
        raise CalibrationRefused(f"{kind} {moment}{why}: a model needs both converted and not converted leads")
    if train.sum() < settings.min_conversions:
        raise CalibrationRefused(
            f"the training period has {int(train.sum())} conversions among {len(train)} leads; calibration needs at "
            f"least {settings.min_conversions} (--min-conversions) to learn points that generalise"
        )
    if test.min() == test.max():
        raise CalibrationRefused(f"the {len(test)} test leads are all of one class: the backtest cannot rank them")
