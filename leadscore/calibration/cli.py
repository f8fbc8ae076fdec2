"""The calibration run: options, then engine runs, candidates, the model, the rules and the
backtest (docs/calibration.md). Nothing in seeds/ changes unless --write-seeds is given."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from leadscore.calibration import bands, labels
from leadscore.calibration import candidates as candidate_rules
from leadscore.calibration.engine import query, read_seed, score_with_engine
from leadscore.calibration.fit import Fit, fit, fit_points_model, observed_directions
from leadscore.calibration.report import (
    Backtest,
    References,
    no_usable_signal,
    points_of,
    rules_for,
    write_backtest_leads,
    write_outputs,
    write_report,
)
from leadscore.calibration.settings import CalibrationRefused, Report, Settings
from leadscore.project import DEMO_DIR


def parse_args(argv: list[str] | None, prog: str | None = None) -> Settings:
    parser = argparse.ArgumentParser(
        prog=prog or "leadscore calibrate", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--input", choices=["demo", "files", "tables"], default="demo")
    parser.add_argument("--input-path")
    parser.add_argument("--input-schema")
    parser.add_argument("--as-of", help="score nothing after this (default: now)")
    parser.add_argument("--out", required=True, type=Path, help="folder for scoring_rules.csv, grade_bands.csv, backtest.md")
    parser.add_argument("--train-share", type=float, default=0.75, help="first share of leads in time order to train on")
    parser.add_argument("--split-date", help="train on leads created before this date instead")
    parser.add_argument(
        "--age-days",
        default="auto",
        help="score each lead this many days after it came in (0 = at once: attributes only; "
        "default auto: the latest of 0, 1, 3, 7, 14 that leaves out at most 20 %% of converters)",
    )
    parser.add_argument("--horizon-days", type=int, default=90, help="a conversion counts within this many days after")
    parser.add_argument(
        "--label-source",
        choices=["conversions", "ratings", "conversions_and_ratings"],
        default="conversions",
        help="what a positive label is: a conversion (default), a good_fit sales rating, or either (docs/sales-signals.md)",
    )
    parser.add_argument("--min-conversions", type=int, default=50, help="refuse with fewer training conversions")
    parser.add_argument(
        "--min-support",
        type=int,
        default=30,
        help="leads a candidate rule needs in training (also the prior, in leads, that smooths "
        "each value's conversion rate when a field's many values are grouped)",
    )
    parser.add_argument("--points-to-double-odds", type=float, default=20.0)
    parser.add_argument("--per-segment", action="store_true", help="one set of points per segment with enough conversions")
    parser.add_argument("--min-segment-conversions", type=int, default=120)
    parser.add_argument("--mql-lift", type=float, default=2.0, help="MQL: leads at or above convert at this x the base rate")
    parser.add_argument("--sql-lift", type=float, default=4.0)
    parser.add_argument("--write-seeds", action="store_true", help="also replace seeds/scoring_rules.csv and seeds/grade_bands.csv")
    args = parser.parse_args(argv)
    variables: dict[str, object] = {"input": args.input, "demo_path": str(DEMO_DIR)}
    if args.input == "files":
        if not args.input_path:
            raise SystemExit("leadscore calibrate: INPUT=files needs INPUT_PATH=<folder>")
        variables["input_path"] = str(Path(args.input_path).expanduser().resolve())
    if args.input_schema:
        variables["input_schema"] = args.input_schema
    if args.as_of:
        variables["as_of"] = args.as_of
    if args.label_source != "conversions":
        variables["label_source"] = args.label_source
    if args.age_days == "auto":
        age_days = None
    elif str(args.age_days).isdigit():
        age_days = int(args.age_days)
    else:
        raise SystemExit(f"leadscore calibrate: --age-days must be a whole number of days or auto, not {args.age_days!r}")
    if not 0 < args.train_share < 1:
        raise SystemExit("leadscore calibrate: --train-share must be between 0 and 1")
    return Settings(
        dbt_vars=variables,
        out=args.out.expanduser().resolve(),
        train_share=args.train_share,
        split_date=args.split_date,
        age_days=age_days,
        horizon_days=args.horizon_days,
        min_conversions=args.min_conversions,
        min_support=args.min_support,
        points_to_double_odds=args.points_to_double_odds,
        per_segment=args.per_segment,
        min_segment_conversions=args.min_segment_conversions,
        mql_lift=args.mql_lift,
        sql_lift=args.sql_lift,
        write_seeds=args.write_seeds,
    )


def fit_segments(
    leads: pd.DataFrame, is_train: np.ndarray, x: np.ndarray, y: np.ndarray, check_x: np.ndarray, settings: Settings, report: Report
) -> dict[str, Fit]:
    fitted = {}
    report.add(f"Segments (own points need at least {settings.min_segment_conversions} training conversions):")
    for segment, rows in leads[is_train].groupby("segment"):
        conversions = int(rows["converted"].sum())
        qualifies = conversions >= settings.min_segment_conversions and len(rows) - conversions >= settings.min_segment_conversions
        report.add(
            f"  {segment}: {len(rows)} leads, {conversions} conversions: "
            + ("own points" if qualifies else f"shared points (needs {settings.min_segment_conversions})")
        )
        if qualifies:
            mask = is_train & (leads["segment"] == segment).to_numpy()
            # each rule held to the sign of its lift within this segment
            fitted[str(segment)] = fit(f"segment {segment}", x[mask], y[mask], check_x[mask[is_train]])
    return fitted


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    settings = parse_args(argv, prog)
    report = Report()
    if settings.age_days is None:
        print("leadscore calibrate: reading the outcomes to choose the scoring moment", flush=True)
        staged_db = score_with_engine("staged", {}, settings, data_tests=False, select=("+int_label_events", "+int_lead_versions"))
        settings.age_days = labels.choose_scoring_moment(labels.conversion_lags(staged_db, settings), report)
    print(f"leadscore calibrate: scoring with the current rules, {settings.age_days} days after each lead came in", flush=True)
    current_db = score_with_engine("current", {}, settings, {"unpivot_all_fields": True})
    leads = labels.labelled_leads(current_db, settings)
    is_train = labels.split_in_time(leads, settings)
    labels.refuse_unless_learnable(
        leads, is_train, settings, labels.left_out_converters(labels.conversion_lags(current_db, settings), settings.age_days)
    )
    y = leads["converted"].to_numpy().astype(float)
    train_ids = leads.loc[is_train, "lead_id"].tolist()

    train_values = candidate_rules.field_values(current_db, train_ids)
    attributes, skipped = candidate_rules.attribute_candidates(train_values, leads.loc[is_train, ["lead_id", "converted"]], settings)
    candidates = attributes + candidate_rules.activity_candidates(current_db, train_ids, settings)
    candidate_rules.unique_rule_ids(candidates)
    for reason in skipped:
        report.add(f"Skipped field {reason}")
    if not candidates:
        raise CalibrationRefused(f"no attribute value or activity type reaches {settings.min_support} training leads")
    print(f"leadscore calibrate: {len(candidates)} candidate rules; the engine scores them", flush=True)
    bands_without_limits = [row for row in read_seed("grade_bands") if row["scale"] not in ("limit_min", "limit_max")]
    candidate_db = score_with_engine(
        "candidates", {"scoring_rules": [c.rule for c in candidates], "grade_bands": bands_without_limits}, settings, data_tests=False
    )
    x_all = candidate_rules.feature_matrix(candidate_db, leads, candidates)
    all_candidates, x_unchosen = list(candidates), x_all.copy()
    keep = candidate_rules.chosen_variants(candidates, x_all[is_train], y[is_train], settings.min_support)
    for i, candidate in enumerate(candidates):
        if candidate.kind == "activity" and keep[i]:
            # the count that 95 % of the training leads with an event stay under caps the rule
            nonzero = x_all[is_train, i][x_all[is_train, i] > 0]
            candidate.cap = float(max(1.0, math.ceil(np.quantile(nonzero, 0.95))))
            x_all[:, i] = np.minimum(x_all[:, i], candidate.cap)
    candidates = [c for c, k in zip(candidates, keep) if k]
    x_all = x_all[:, keep]
    x_train, y_train, x_test, y_test = x_all[is_train], y[is_train], x_all[~is_train], y[~is_train]
    directions = observed_directions(x_train, y_train)
    skipped_fields = {reason.split(":")[0] for reason in skipped}
    # the fields' values as they are, and the activity columns before one variant per type
    # was chosen on the labels
    activity_columns = [i for i, c in enumerate(all_candidates) if c.kind != "attribute"]
    check_x = np.column_stack(
        [
            candidate_rules.label_free_columns(train_values, train_ids, skipped_fields, candidate_rules.REST_MIN_LEADS),
            x_unchosen[is_train][:, activity_columns],
        ]
    )

    print(f"leadscore calibrate: fitting on {len(y_train)} leads ({int(y_train.sum())} conversions)", flush=True)
    constrained = fit("sign-constrained", x_train, y_train, check_x)
    free_coefficients, _ = fit_points_model(x_train, y_train, sign_constrained=False)
    references = References.fitted(x_train, y_train)
    if not constrained.has_signal:
        return no_usable_signal(report, settings, leads, is_train, constrained, references, x_test, y_test)
    segments_fitted: dict[str, Fit] = {}
    if settings.per_segment:
        segments_fitted = fit_segments(leads, is_train, x_all, y, check_x, settings, report)
    rules = rules_for(candidates, constrained, segments_fitted, leads, settings)
    other_models = [row for row in read_seed("scoring_rules") if row["model"] != "lead"]
    points = points_of(constrained, settings)
    is_attribute = np.array([c.kind == "attribute" for c in candidates])
    local_scores = pd.DataFrame(
        {
            "fit_score": x_all @ np.where(is_attribute, np.maximum(points, 0), 0),
            "engagement_score": x_all @ np.where(~is_attribute, np.maximum(points, 0), 0),
            "total_score": x_all @ points,
        }
    )
    suggested_bands = bands.suggested_bands(local_scores[is_train], y_train, settings)

    print("leadscore calibrate: scoring with the suggested rules (backtest)", flush=True)
    suggested_db = score_with_engine("suggested", {"scoring_rules": rules + other_models, "grade_bands": suggested_bands}, settings)
    suggested = query(suggested_db, "select lead_id, total_score, fit_grade, priority from main.lead_scores")
    suggested = leads[["lead_id"]].merge(suggested, on="lead_id", how="left")

    write_outputs(settings, rules + other_models, suggested_bands)
    write_backtest_leads(settings, leads, is_train, suggested["total_score"].fillna(0).to_numpy())
    write_report(
        report,
        settings,
        Backtest(
            leads,
            is_train,
            candidates,
            directions,
            constrained,
            free_coefficients,
            references,
            x_test,
            y_test,
            suggested,
            current_db,
            local_scores,
            segments_fitted,
            (x_train > 0).sum(axis=0),
        ),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
