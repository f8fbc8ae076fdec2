"""The SQL parameters of a run: every constant of ``model`` and of the run's ``Plan`` as a SQL
literal, under the ``$name`` the statements in ``sql/`` use.

Parameters that are only known during a run (id widths that depend on how many dirty rows
were drawn, the total activity weight, the output path) are added by the driver with the
same helpers.
"""

from __future__ import annotations

from pathlib import Path

from leadscore.demo import LEAD_WINDOW_DAYS, OUTCOME_WINDOW_DAYS
from leadscore.demo import model as m
from leadscore.demo.sqltext import (
    sql_list,
    sql_map,
    sql_num,
    sql_path,
    sql_rows,
    sql_ts,
    sql_tuple,
    weighted_list,
)

COPY_OPTIONS: dict[str, str] = {"csv": "format csv, header, delimiter ','", "parquet": "format parquet"}


def id_width(minimum: int, largest: int) -> int:
    """Zero-padding width: the contract's minimum, widened for very large ids."""
    return max(minimum, len(str(largest)))


def model_params() -> dict[str, str]:
    """The true outcome model, the latent knobs and the dirty-row rates."""
    params = {
        "b0": sql_num(m.B0),
        "seniority_coef": sql_list(m.SENIORITY_COEF),
        "target_industry_coef": sql_num(m.TARGET_INDUSTRY_COEF),
        "size_coef": sql_list(m.SIZE_COEF),
        "business_email_coef": sql_num(m.BUSINESS_EMAIL_COEF),
        "engagement_coef": sql_num(m.ENGAGEMENT_COEF),
        "engagement_half_life_days": sql_num(m.ENGAGEMENT_HALF_LIFE_DAYS),
        "recency_coef_per_30_days": sql_num(m.RECENCY_COEF_PER_30_DAYS),
        "recency_cap_days": sql_num(float(m.RECENCY_CAP_DAYS)),
        "unsubscribe_coef": sql_num(m.UNSUBSCRIBE_COEF),
        "bounce_coef": sql_num(m.BOUNCE_COEF),
        "careers_coef_per_view": sql_num(m.CAREERS_COEF_PER_VIEW),
        "careers_view_cap": sql_num(m.CAREERS_VIEW_CAP),
        "student_coef": sql_num(m.STUDENT_COEF),
        "activity_weights": sql_map(m.ACTIVITY_WEIGHTS),
        "pricing_view_weight": sql_num(m.PRICING_VIEW_WEIGHT),
        "careers_view_weight": sql_num(m.CAREERS_VIEW_WEIGHT),
        "won_share": sql_num(m.WON_SHARE),
        "lost_share_engaged": sql_num(m.LOST_SHARE_ENGAGED),
        "lost_share_other": sql_num(m.LOST_SHARE_OTHER),
        "lost_engaged_min_e": sql_num(m.LOST_ENGAGED_MIN_E),
        "outcome_window_days": sql_num(OUTCOME_WINDOW_DAYS),
        "lead_window_days": sql_num(LEAD_WINDOW_DAYS),
        "fit_centre": sql_num(m.FIT_CENTRE),
        "engagement_cap": sql_num(m.ENGAGEMENT_CAP),
        "dormant_share": sql_num(m.DORMANT_SHARE),
        "freemail_share": sql_num(m.FREEMAIL_SHARE),
        "unsubscriber_share": sql_num(m.UNSUBSCRIBER_SHARE),
        "bouncer_share": sql_num(m.BOUNCER_SHARE),
        "job_seeker_share": sql_num(m.JOB_SEEKER_SHARE),
        "burst_width_seconds": sql_num(m.BURST_WIDTH_SECONDS),
        "dirty_outcome_unknown_lead": sql_num(m.DIRTY_OUTCOME_UNKNOWN_LEAD),
        "feedback_share": sql_num(m.FEEDBACK_SHARE),
        "feedback_spam_share": sql_num(m.FEEDBACK_SPAM_SHARE),
        "feedback_window_days": sql_num(m.FEEDBACK_WINDOW_DAYS),
        "feedback_reps": sql_num(m.FEEDBACK_REPS),
        "adjustment_share": sql_num(m.ADJUSTMENT_SHARE),
    }
    params.update({f"dirty_lead_{kind}": sql_num(rate) for kind, rate in m.DIRTY_LEAD.items()})
    params.update({f"dirty_activity_{kind}": sql_num(rate) for kind, rate in m.DIRTY_ACTIVITY.items()})
    return params


def reference_params() -> dict[str, str]:
    """The personas: industries, countries, size bands, titles, names, pages and spellings."""
    bands = m.SIZE_BANDS
    return {
        "industry_rows": sql_rows((name, revenue, target) for name, (_, revenue, target) in m.INDUSTRIES.items()),
        "country_rows": sql_rows((name, dial, tld, cities) for name, (_, dial, tld, cities) in m.COUNTRIES.items()),
        "industry_draw": weighted_list({name: weight for name, (weight, *_) in m.INDUSTRIES.items()}),
        "country_draw": weighted_list({name: weight for name, (weight, *_) in m.COUNTRIES.items()}),
        "size_band_draw": weighted_list([(band, weight) for band, (_, _, _, weight, _) in enumerate(bands)]),
        "size_band_lo": sql_list([lo for _, lo, _, _, _ in bands]),
        "size_band_hi": sql_list([hi for _, _, hi, _, _ in bands]),
        "size_band_acv": sql_list([acv for *_, acv in bands]),
        "company_prefixes": sql_list(m.COMPANY_PREFIXES),
        "company_cores": sql_list(m.COMPANY_CORES),
        "company_kinds": sql_list(m.COMPANY_KINDS),
        "seniority_level_draw": weighted_list([(level, w) for level, (w, _) in enumerate(m.SENIORITY_TITLES)]),
        "job_titles": sql_list([list(titles) for _, titles in m.SENIORITY_TITLES]),
        "first_names": sql_list(m.FIRST_NAMES),
        "last_names": sql_list(m.LAST_NAMES),
        "freemail_domain_draw": weighted_list(m.FREEMAIL_DOMAINS),
        "lead_source_draw": weighted_list(m.LEAD_SOURCES),
        "product_interest_draw": weighted_list(m.PRODUCT_INTERESTS),
        "boolean_spellings": sql_list([list(pair) for pair in m.BOOLEAN_SPELLINGS]),
        "boolean_spelling_count": sql_num(len(m.BOOLEAN_SPELLINGS)),
        "placeholders": sql_list(m.PLACEHOLDERS),
        "bad_timestamps": sql_list(m.BAD_TIMESTAMPS),
        "activity_types": sql_tuple(m.ACTIVITY_WEIGHTS),
        "pages": sql_tuple(m.PAGES),
        "doc_slugs": sql_list(m.DOC_SLUGS),
        "blog_slugs": sql_list(m.BLOG_SLUGS),
        "resource_slugs": sql_list(m.RESOURCE_SLUGS),
        "webinar_slugs": sql_list(m.WEBINAR_SLUGS),
        "email_themes": sql_list(m.EMAIL_THEMES),
    }


def plan_params(plan: m.Plan) -> dict[str, str]:
    """Sizes, calendar and seed of one run."""
    return {
        "seed": sql_num(plan.seed),
        "leads": sql_num(plan.leads),
        "activities": sql_num(plan.activities),
        "accounts": sql_num(plan.accounts),
        "account_width": sql_num(id_width(6, plan.accounts)),
        "horizon": sql_ts(plan.horizon),
        "lead_window_start": sql_ts(plan.lead_window_start),
        "outcome_start": sql_ts(plan.outcome_start),
    }


def sql_params(plan: m.Plan) -> dict[str, str]:
    """Every parameter known before a run starts."""
    return {**model_params(), **reference_params(), **plan_params(plan)}


def output_params(path: Path, fmt: str) -> dict[str, str]:
    """Where and how a ``write_*`` step COPYs its rows."""
    return {"path": sql_path(path), "copy_options": COPY_OPTIONS[fmt]}
