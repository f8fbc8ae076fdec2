"""Deterministic generator of realistic B2B demo data for the leadscore input contract.

Writes four raw input tables into ``--out``::

    accounts.<ext>    account_id, name, domain, industry, country, employee_count, annual_revenue
    leads.<ext>       lead_id, created_at, updated_at, email, first_name, last_name, phone,
                      company, job_title, industry, country, city, lead_source, account_id,
                      employee_count, annual_revenue, do_not_email, do_not_call,
                      "Total Time Spent on Website", "Product Interest"
    activities.<ext>  activity_id, lead_id, activity_type, occurred_at, url, campaign, channel
    outcomes.<ext>    lead_id, outcome, outcome_at, amount

with ``<ext>`` = ``csv`` (header, comma separated, empty field = missing) or ``parquet``.

Usage (from the repository root)::

    python -m scripts.generate_demo_data --out data/demo [--leads 5000]
        [--activities 100000] [--seed 42] [--format csv|parquet]
        [--end-date 2026-06-30] [--threads N] [--quiet]

Determinism
-----------
Same seed + same arguments => byte-identical files (for a given DuckDB version).
Everything is generated set-based in an in-memory DuckDB: no ``random()`` (its
stream depends on thread scheduling).  Every pseudo-random number is
``u(k, salt) = (hash(hash(seed, k, salt)) >> 11) / 2^53`` in [0, 1) for a row index
``k`` and a per-purpose salt (the outer hash re-mixes DuckDB's cheap combination
of several arguments, which alone gives correlated draws across salts).  Gaussians
come from Box-Muller on two such draws, every aggregate that feeds a decision is
an integer sum, and every COPY is ordered by a unique row key.  Nothing depends
on today's date or on the number of threads.

Calendar (defaults for --end-date 2026-06-30)
--------------------------------------------
* ``H = end_date 00:00:00`` (2026-06-30 00:00:00) is an exclusive horizon: no
  generated clean timestamp is at or after it.
* Leads are created during the 365 days before end_date:
  ``created_at`` in [end_date - 365 days, end_date) = [2025-06-30, 2026-06-30),
  at a time of day between 06:00 and 22:00.
* Activities happen strictly after their lead's ``created_at`` and before ``H``.
* ``outcome_start = end_date - 90 days`` (2026-04-01 00:00:00).  The outcome
  period is [outcome_start, end_date) = [2026-04-01, 2026-06-30).
* Only leads created before ``outcome_start`` can have an outcome; their outcome
  is drawn from the true model below evaluated *as of outcome_start* (only
  activities with ``occurred_at < outcome_start`` count), and ``outcome_at`` is
  uniform within the outcome period.

The true outcome model
----------------------
For every original lead (not the dirty copies) with ``created_at < outcome_start``::

    x = b0 + SENIORITY + INDUSTRY + SIZE + EMAIL + ENGAGEMENT + RECENCY + NEGATIVE
    p = 1 / (1 + exp(-x))
    converted  <=>  u(lead, 'outcome-convert') < p

    b0          = -3.8
    SENIORITY   (job-title level)   student/intern 0.0 (see NEGATIVE),
                                    individual contributor 0.0 (reference),
                                    manager +0.3, director/head +0.6, VP +0.8,
                                    C-level/founder +1.0
    INDUSTRY    +0.5 if industry in (Software, Financial Services, Healthcare)
    SIZE        (employee band of the lead's real employer)
                1-10 -0.8, 11-50 -0.4, 51-200 0.0 (reference), 201-1000 +0.3,
                1001-5000 +0.5, 5001-10000 +0.6, 10000+ +0.7
    EMAIL       +0.6 for a business e-mail (at the account domain), 0 for free-mail
    ENGAGEMENT  +0.9 * ln(1 + E),
                E = sum over the lead's activities with occurred_at < outcome_start of
                    w(type) * 0.5 ^ (age_days / 30),
                age_days = seconds(outcome_start - occurred_at) / 86400,
                w: email_open 0.5, email_click 1.5, page_view 1.0
                   (page_view of /pricing 5.0, of /careers 0.0), content_download 3.0,
                   webinar_attended 4.0, form_submit 4.0, demo_request 15.0,
                   meeting_booked 20.0, email_bounce 0.0, unsubscribe 0.0
                (each term is rounded to 1e-6 before summing)
    RECENCY     -0.3 * min(R, 180) / 30,
                R = days from the last activity before outcome_start to outcome_start,
                R = 180 when there is no such activity
    NEGATIVE    -1.5 if any unsubscribe before outcome_start
                -1.0 if any email_bounce before outcome_start
                -0.5 * min(number of /careers page views before outcome_start, 3)
                -1.5 if the job title is a student/intern title

    About 11 % of the eligible leads convert with the default volume (activities =
    20 x leads); the rate grows with the activities/leads ratio because E does
    (about 16 % with 50 activities per lead).

Outcome rows: a converted lead gets ``won`` with probability 0.4 (with an
``amount``) and ``converted`` otherwise; ``amount = ACV(size band) * exp(0.5 z)``
with ACV 4k, 9k, 18k, 40k, 85k, 140k, 240k for the seven bands.  A non-converted
eligible lead gets ``lost`` with probability 0.3 when E >= 5, else 0.1; other
leads get no outcome row.

How the data carries the signal: every lead has latent variables -- fit (the
SENIORITY + INDUSTRY + SIZE + EMAIL terms, minus 1.5 for students/interns) and an
engagement propensity ``z = 0.5 * (fit - 0.9) + N(0, 1)`` (capped at 3.5).  The
number of activities of a lead is proportional to ``exp(1.3 z)`` times a tenure
factor (8 % of leads are dormant with none), the share of high-intent events
(demo_request, meeting_booked, form_submit, /pricing views) grows with
``exp(0.5 (fit - 0.9) + 0.4 z)``, activities come in 1-6 bursts per lead (the first
one at ``created_at``), students and 5 % "job seekers" view /careers a lot, and 5 %
of leads unsubscribe / 4 % have bouncing addresses.  Lead source, country, city,
phone, product interest and "Total Time Spent on Website" carry no direct signal
(time on site is a noisy echo of z).  The model uses the clean latent attributes;
the dirty overlays below are observation noise on top.

Dirty rows on purpose (deterministic, drawn per row with their own salt)
------------------------------------------------------------------------
Shares are per original lead / clean event; at the default 5,000 leads every kind
occurs at least a few times, with a dozen leads some kinds may be absent.

Leads (placeholders, malformed e-mails, bad or future created_at and bad
employee_count overwrite the shown value of an original row; the rest are extra rows):

* the same person twice: ~1 % of leads get a copy with a new lead_id (numbered
  after the originals), created later, no activities and no outcome, whose e-mail
  differs only by case/whitespace (``  John.smith@Acme.com ``, ``JOHN.SMITH@ACME.COM``);
* a lead_id repeated with a newer updated_at: ~1 % of leads get a second row with
  the same lead_id, a different job title of the same seniority level and a later
  updated_at;
* placeholders ``Select`` / ``unknown`` / ``N/A`` / empty in industry, job_title,
  country and city (~1.5 % each, independently);
* malformed e-mails (~0.5 %): ``john.smith@``, ``john.smith at acme.com``, ``@acme.com``;
* unparseable created_at (~0.3 %): ``not a date``, ``2025-13-45 10:00:00``, ``31/02/2026``;
* future created_at in 2099 (~0.3 %);
* empty lead_id (~0.2 %): an extra copy of a lead's row without lead_id;
* employee_count ``abc`` or with a thousands separator such as ``1,200`` (~0.5 %).

Activities (the clean events are exactly those generated for the model):

* exact duplicate rows, same activity_id (~0.4 % of events);
* events whose activity_id is EMPTY, always written twice, identically (~0.05 %);
* extra rows with unparseable occurred_at (~0.05 %) and with a 2099 occurred_at
  (~0.05 %), new activity_ids;
* extra rows for unknown leads (``L9999999`` / ``LX000123`` style ids, ~0.08 %);
* extra rows with an empty lead_id (~0.05 %).

Outcomes: extra rows for unknown leads (~0.4 % of eligible leads).

Dropping activity rows with an empty/unknown lead_id or an unparseable/future
occurred_at and removing exact repeats (same activity_id, or the same whole row when
activity_id is empty) recovers exactly the events the true model used.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
from tqdm import tqdm

TABLES: tuple[str, ...] = ("accounts", "leads", "activities", "outcomes")
FORMATS: tuple[str, ...] = ("csv", "parquet")
DEFAULT_END_DATE = date(2026, 6, 30)
LEAD_WINDOW_DAYS = 365
OUTCOME_WINDOW_DAYS = 90
LEADS_PER_ACCOUNT = 8

# --------------------------------------------------------------------------
# The true outcome model (mirrored in the module docstring; keep them equal).
# --------------------------------------------------------------------------
B0 = -3.8
SENIORITY_COEF = (0.0, 0.0, 0.3, 0.6, 0.8, 1.0)  # by seniority level 0..5
TARGET_INDUSTRY_COEF = 0.5
SIZE_COEF = (-0.8, -0.4, 0.0, 0.3, 0.5, 0.6, 0.7)  # by size band 0..6
BUSINESS_EMAIL_COEF = 0.6
ENGAGEMENT_COEF = 0.9
ENGAGEMENT_HALF_LIFE_DAYS = 30
RECENCY_COEF_PER_30_DAYS = -0.3
RECENCY_CAP_DAYS = 180
UNSUBSCRIBE_COEF = -1.5
BOUNCE_COEF = -1.0
CAREERS_COEF_PER_VIEW = -0.5
CAREERS_VIEW_CAP = 3
STUDENT_COEF = -1.5
ACTIVITY_WEIGHTS: dict[str, float] = {
    "email_open": 0.5,
    "email_click": 1.5,
    "page_view": 1.0,
    "content_download": 3.0,
    "webinar_attended": 4.0,
    "form_submit": 4.0,
    "demo_request": 15.0,
    "meeting_booked": 20.0,
    "email_bounce": 0.0,
    "unsubscribe": 0.0,
}
PRICING_VIEW_WEIGHT = 5.0
CAREERS_VIEW_WEIGHT = 0.0
WON_SHARE = 0.4
LOST_SHARE_ENGAGED = 0.3
LOST_SHARE_OTHER = 0.1
LOST_ENGAGED_MIN_E = 5.0

# Latent-variable knobs (how the data is made, not part of the outcome model).
FIT_CENTRE = 0.9
ENGAGEMENT_CAP = 3.5
DORMANT_SHARE = 0.08
FREEMAIL_SHARE = 0.2
UNSUBSCRIBER_SHARE = 0.05
BOUNCER_SHARE = 0.04
JOB_SEEKER_SHARE = 0.05
BURST_WIDTH_SECONDS = 5 * 86400

# Dirty-row rates (per original lead / per clean event / per eligible lead).
DIRTY_LEAD = {
    "dup_person": 0.01,
    "repeat_id": 0.01,
    "placeholder": 0.015,
    "bad_email": 0.005,
    "bad_created": 0.003,
    "future_created": 0.003,
    "no_id": 0.002,
    "bad_employees": 0.005,
}
DIRTY_ACTIVITY = {
    "duplicate": 0.004,
    "no_id": 0.0005,
    "bad_ts": 0.0005,
    "future_ts": 0.0005,
    "unknown_lead": 0.0008,
    "no_lead": 0.0005,
}
DIRTY_OUTCOME_UNKNOWN_LEAD = 0.004

# --------------------------------------------------------------------------
# Reference data (personas).
# --------------------------------------------------------------------------
# name: (weight, revenue per employee in USD, is a target industry)
INDUSTRIES: dict[str, tuple[int, int, bool]] = {
    "Software": (14, 230_000, True),
    "Financial Services": (11, 320_000, True),
    "Healthcare": (10, 160_000, True),
    "Manufacturing": (12, 210_000, False),
    "Retail": (9, 140_000, False),
    "Education": (7, 70_000, False),
    "Government": (6, 90_000, False),
    "Media": (6, 170_000, False),
    "Logistics": (7, 150_000, False),
    "Telecommunications": (6, 260_000, False),
    "Energy": (4, 400_000, False),
    "Professional Services": (8, 150_000, False),
}

# name: (weight, phone prefix, country top-level domain, cities)
COUNTRIES: dict[str, tuple[int, str, str, tuple[str, ...]]] = {
    "United States": (32, "+1", "com", ("New York", "San Francisco", "Chicago", "Austin",
                                        "Boston", "Seattle", "Atlanta", "Denver")),
    "United Kingdom": (12, "+44", "co.uk", ("London", "Manchester", "Birmingham",
                                            "Edinburgh", "Bristol")),
    "Germany": (10, "+49", "de", ("Berlin", "Munich", "Hamburg", "Frankfurt", "Cologne")),
    "France": (7, "+33", "fr", ("Paris", "Lyon", "Toulouse", "Lille")),
    "Canada": (7, "+1", "ca", ("Toronto", "Vancouver", "Montreal", "Calgary")),
    "Netherlands": (5, "+31", "nl", ("Amsterdam", "Rotterdam", "Utrecht", "Eindhoven")),
    "Australia": (5, "+61", "com.au", ("Sydney", "Melbourne", "Brisbane", "Perth")),
    "India": (8, "+91", "in", ("Bangalore", "Mumbai", "Delhi", "Hyderabad", "Pune")),
    "Brazil": (4, "+55", "com.br", ("São Paulo", "Rio de Janeiro", "Belo Horizonte")),
    "Spain": (4, "+34", "es", ("Madrid", "Barcelona", "Valencia", "Seville")),
    "Sweden": (3, "+46", "se", ("Stockholm", "Gothenburg", "Malmö")),
    "Singapore": (3, "+65", "sg", ("Singapore",)),
}

# label, lowest and highest employee count, weight, annual contract value (won amount)
SIZE_BANDS: tuple[tuple[str, int, int, int, int], ...] = (
    ("1-10", 1, 10, 12, 4_000),
    ("11-50", 11, 50, 20, 9_000),
    ("51-200", 51, 200, 24, 18_000),
    ("201-1000", 201, 1_000, 20, 40_000),
    ("1001-5000", 1_001, 5_000, 12, 85_000),
    ("5001-10000", 5_001, 10_000, 6, 140_000),
    ("10000+", 10_001, 150_000, 6, 240_000),
)

# seniority level: (weight, job titles)
SENIORITY_TITLES: tuple[tuple[int, tuple[str, ...]], ...] = (
    (6, ("Intern", "Student", "Marketing Intern", "Graduate Student")),
    (34, ("Marketing Coordinator", "Analyst", "Data Analyst", "Engineer", "Software Engineer",
          "Sales Representative", "Account Executive", "Marketing Specialist", "Consultant")),
    (26, ("Manager", "Marketing Manager", "Senior Manager", "Product Manager", "IT Manager",
          "Operations Manager")),
    (16, ("Director of Marketing", "Director of Sales", "Head of Operations", "Head of Data",
          "Director of IT", "Head of Growth")),
    (8, ("VP Sales", "VP Marketing", "VP Engineering", "VP Operations")),
    (10, ("CEO", "CTO", "CFO", "COO", "CMO", "Founder", "Co-Founder")),
)

LEAD_SOURCES: dict[str, int] = {
    "Organic Search": 22, "Paid Search": 15, "Webinar": 10, "Referral": 8,
    "Trade Show": 7, "LinkedIn": 14, "Content Syndication": 12, "Direct": 12,
}
FREEMAIL_DOMAINS: dict[str, int] = {"gmail.com": 50, "yahoo.com": 15, "hotmail.com": 15,
                                    "outlook.com": 20}
PRODUCT_INTERESTS: dict[str, int] = {"Analytics": 40, "Automation": 35, "Integrations": 25}

FIRST_NAMES: tuple[str, ...] = (
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Susan", "Richard", "Jessica", "Thomas", "Sarah", "Daniel", "Karen",
    "Matthew", "Emma", "Oliver", "Sophie", "Lukas", "Anna", "Lea", "Felix", "Hugo", "Chloe",
    "Louis", "Camille", "Sven", "Ingrid", "Priya", "Arjun", "Rahul", "Ananya", "Wei", "Mei",
    "Hiroshi", "Yuki", "Lucas", "Gabriela", "Mateo", "Sofia", "Pablo", "Lucia", "Noah", "Mia",
    "Liam", "Ava", "Ethan", "Isabella", "Jack", "Charlotte", "Omar", "Fatima", "Daan", "Sanne",
    "Ahmed", "Olivia",
)
LAST_NAMES: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Martinez",
    "Lopez", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Lee", "Clark",
    "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
    "Nelson", "Hill", "Mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Dubois", "Moreau",
    "Laurent", "Bernard", "Jansen", "de Vries", "Patel", "Sharma", "Singh", "Kumar", "Gupta",
    "Silva", "Santos", "Oliveira", "Fernandez", "Rodriguez", "Nguyen", "Chen", "Wang", "Tanaka",
    "Sato", "Andersson", "Johansson", "O'Brien", "Murphy",
)
COMPANY_PREFIXES: tuple[str, ...] = (
    "Bright", "Nova", "Blue", "Quant", "Zen", "Apex", "Vertex", "Omni", "Terra", "Lumen",
    "Cobalt", "Silver", "Iron", "Clear", "Swift", "Nimbus", "Orbit", "Pixel", "Hyper", "Red",
    "Green", "North", "Summit", "Core", "Sky", "Stellar", "Prime", "True", "Open", "Fusion",
    "Echo", "Vivid", "Atlas", "Polar", "Rapid", "Solid", "Smart", "Deep", "Bold", "Next",
)
COMPANY_CORES: tuple[str, ...] = (
    "logix", "soft", "ware", "data", "works", "labs", "tech", "net", "wave", "stream",
    "point", "scale", "forge", "hub", "sys", "matic", "ify", "ly", "io", "bridge",
    "path", "field", "gate", "mind", "line", "cloud", "metric", "sense", "grid", "flow",
    "scope", "nest", "sphere", "spark", "base", "loop", "shift", "track", "vault", "port",
)
COMPANY_KINDS: tuple[str, ...] = ("", "", "", " Inc", " Ltd", " Group", " Systems",
                                  " Solutions", " Technologies", " Labs", " Partners")

BLOG_SLUGS: tuple[str, ...] = (
    "lead-scoring-101", "b2b-funnel-metrics", "marketing-automation-guide",
    "intent-data-explained", "abm-playbook", "customer-story-northwind", "release-notes-2026",
    "data-quality-checklist",
)
DOC_SLUGS: tuple[str, ...] = ("getting-started", "api-reference", "integrations/salesforce",
                              "integrations/hubspot", "security", "sso-setup")
RESOURCE_SLUGS: tuple[str, ...] = ("state-of-b2b-marketing-2026", "roi-calculator",
                                   "buyers-guide", "benchmark-report", "implementation-checklist")
WEBINAR_SLUGS: tuple[str, ...] = ("scoring-masterclass", "automation-live", "data-driven-abm",
                                  "product-tour")
EMAIL_THEMES: tuple[str, ...] = ("newsletter", "nurture-track", "product-launch",
                                 "webinar-series", "event-followup")
PAGES: tuple[str, ...] = (
    "/", "/pricing", "/careers", "/product/analytics", "/product/automation",
    "/product/integrations", *(f"/docs/{slug}" for slug in DOC_SLUGS),
    *(f"/blog/{slug}" for slug in BLOG_SLUGS),
)
PLACEHOLDERS: tuple[str | None, ...] = ("Select", "unknown", "N/A", None)
BAD_TIMESTAMPS: tuple[str, ...] = ("not a date", "2025-13-45 10:00:00", "31/02/2026")
BOOLEAN_SPELLINGS: tuple[tuple[str, str], ...] = (("true", "false"), ("yes", "no"),
                                                  ("1", "0"), ("Y", "N"))


@dataclass(frozen=True)
class Plan:
    """Everything one run depends on; SQL snippets are rendered from it."""

    leads: int
    activities: int
    seed: int
    end_date: date

    @property
    def accounts(self) -> int:
        return max(1, self.leads // LEADS_PER_ACCOUNT)

    @property
    def horizon(self) -> datetime:
        """Exclusive upper bound of every clean timestamp (end_date 00:00:00)."""
        return datetime.combine(self.end_date, datetime.min.time())

    @property
    def lead_window_start(self) -> datetime:
        return self.horizon - timedelta(days=LEAD_WINDOW_DAYS)

    @property
    def outcome_start(self) -> datetime:
        return self.horizon - timedelta(days=OUTCOME_WINDOW_DAYS)


# --------------------------------------------------------------------------
# SQL literal helpers.
# --------------------------------------------------------------------------
def sql_str(value: str | None) -> str:
    """Quote a Python string as a SQL literal (None becomes NULL)."""
    if value is None:
        return "null"
    return "'" + value.replace("'", "''") + "'"


def sql_list(values: Iterable[object]) -> str:
    """Render a constant SQL list of strings, numbers or nested lists."""
    parts = []
    for value in values:
        if value is None or isinstance(value, str):
            parts.append(sql_str(value))
        elif isinstance(value, (list, tuple)):
            parts.append(sql_list(value))
        else:
            parts.append(repr(float(value)) if isinstance(value, float) else str(value))
    return "[" + ", ".join(parts) + "]"


def weighted_list(weights: dict[str, int] | Sequence[tuple[object, int]]) -> str:
    """Expand integer weights into a list so that ``pick(list, u)`` is a weighted draw."""
    items = weights.items() if isinstance(weights, dict) else weights
    expanded: list[object] = []
    for value, weight in items:
        expanded.extend([value] * weight)
    return sql_list(expanded)


def sql_tuple(values: Iterable[str]) -> str:
    """Render ``('a', 'b')`` (enum members)."""
    return "(" + ", ".join(sql_str(v) for v in values) + ")"


def sql_ts(value: datetime) -> str:
    return f"timestamp '{value:%Y-%m-%d %H:%M:%S}'"


def sql_path(path: Path) -> str:
    return sql_str(str(path))


def id_width(minimum: int, largest: int) -> int:
    """Zero-padding width: the contract's minimum, widened for very large ids."""
    return max(minimum, len(str(largest)))


# --------------------------------------------------------------------------
# Connection and macros.
# --------------------------------------------------------------------------
def connect(seed: int, threads: int, temp_dir: Path) -> duckdb.DuckDBPyConnection:
    """Open an in-memory DuckDB with the seeded hash-based random macros.

    ``u(k, salt)`` is the only source of randomness: a pure function of
    (seed, row index, salt), so it does not depend on threads or row order.
    """
    con = duckdb.connect(":memory:")
    con.execute(f"set threads = {int(threads)}")
    con.execute(f"set temp_directory = {sql_path(temp_dir)}")
    con.execute("set preserve_insertion_order = true")
    seed_sql = f"{int(seed)}::bigint"
    # DuckDB combines the hashes of several arguments cheaply (draws with different
    # salts would be strongly correlated), so the combined hash is hashed again.
    con.execute(f"create macro h(k, salt) as hash(hash({seed_sql}, k::bigint, salt))")
    con.execute(f"create macro h2(k, j, salt) as "
                f"hash(hash({seed_sql}, k::bigint, j::bigint, salt))")
    two_pow_53 = "9007199254740992.0"
    con.execute(f"create macro u(k, salt) as (h(k, salt) >> 11)::double / {two_pow_53}")
    con.execute(f"create macro u2(k, j, salt) as (h2(k, j, salt) >> 11)::double / {two_pow_53}")
    con.execute("""
        create macro gauss(k, salt) as
            sqrt(-2.0 * ln(1.0 - u(k, salt || '/radius')))
            * cos(2.0 * pi() * u(k, salt || '/angle'))
    """)
    con.execute("create macro pick(options, x) as options[1 + floor(x * len(options))::bigint]")
    con.execute("create macro ts_text(ts) as strftime(ts, '%Y-%m-%d %H:%M:%S')")
    con.execute("create macro seconds(n) as to_seconds(n::bigint)")
    return con


# --------------------------------------------------------------------------
# Accounts.
# --------------------------------------------------------------------------
def build_accounts(con: duckdb.DuckDBPyConnection, plan: Plan) -> None:
    """Companies: syllable names, unique domains, industry, country, size and revenue.

    Names repeat (as in real life) but domains are unique: a name stem that is
    taken in the same top-level domain gets ``hq``/``get``/``app``/``team`` forms,
    then a number.
    """
    industry_rows = ", ".join(
        f"({sql_str(name)}, {rev}, {str(target).lower()})"
        for name, (_, rev, target) in INDUSTRIES.items()
    )
    country_rows = ", ".join(
        f"({sql_str(name)}, {sql_str(dial)}, {sql_str(tld)}, {sql_list(cities)})"
        for name, (_, dial, tld, cities) in COUNTRIES.items()
    )
    con.execute(f"""
        create table industry_dim as
        select * from (values {industry_rows}) t(industry, revenue_per_employee, is_target)
    """)
    con.execute(f"""
        create table country_dim as
        select * from (values {country_rows}) t(country, dial_code, tld, cities)
    """)
    band_draw = weighted_list([(i, w) for i, (_, _, _, w, _) in enumerate(SIZE_BANDS)])
    band_lo = sql_list([lo for _, lo, _, _, _ in SIZE_BANDS])
    band_hi = sql_list([hi for _, _, hi, _, _ in SIZE_BANDS])
    con.execute(f"""
        create table account as
        with draw as (
            select
                a as account_idx,
                pick({sql_list(COMPANY_PREFIXES)}, u(a, 'account-prefix')) as prefix,
                pick({sql_list(COMPANY_CORES)}, u(a, 'account-core')) as core,
                pick({sql_list(COMPANY_KINDS)}, u(a, 'account-kind')) as kind,
                pick({weighted_list({k: v[0] for k, v in INDUSTRIES.items()})},
                     u(a, 'account-industry')) as industry,
                pick({weighted_list({k: v[0] for k, v in COUNTRIES.items()})},
                     u(a, 'account-country')) as country,
                pick({band_draw}, u(a, 'account-size')) as size_band,
                u(a, 'account-size-within') as size_within,
                gauss(a, 'account-revenue') as revenue_noise,
                u(a, 'account-tld') < 0.5 as use_country_tld
            from range(1, {plan.accounts} + 1) t(a)
        ),
        sized as (
            select
                d.*,
                c.tld as country_tld,
                floor(
                    {band_lo}[size_band + 1]
                    * pow({band_hi}[size_band + 1] / {band_lo}[size_band + 1], size_within)
                )::bigint as employee_count,
                i.revenue_per_employee
            from draw d
            join industry_dim i using (industry)
            join country_dim c using (country)
        ),
        named as (
            select
                *,
                lower(prefix || core) as stem,
                case when use_country_tld then country_tld else 'com' end as tld
            from sized
        )
        select
            account_idx,
            prefix || core || kind as name,
            case rank_in_stem
                when 1 then stem
                when 2 then stem || 'hq'
                when 3 then 'get' || stem
                when 4 then stem || 'app'
                when 5 then 'team' || stem
                else stem || (rank_in_stem - 4)::varchar
            end || '.' || tld as domain,
            industry,
            country,
            size_band,
            employee_count,
            round(employee_count * revenue_per_employee * exp(0.4 * revenue_noise), -3)::bigint
                as annual_revenue
        from (
            select
                *,
                row_number() over (partition by stem, tld order by account_idx) as rank_in_stem
            from named
        )
    """)


def write_accounts(con: duckdb.DuckDBPyConnection, plan: Plan, path: Path, fmt: str) -> int:
    width = id_width(6, plan.accounts)
    return copy_ordered(con, f"""
        select
            'A' || lpad(account_idx::varchar, {width}, '0') as account_id,
            name,
            domain,
            industry,
            country,
            employee_count,
            annual_revenue
        from account
        order by account_idx
    """, path, fmt)


# --------------------------------------------------------------------------
# Leads.
# --------------------------------------------------------------------------
def build_leads(con: duckdb.DuckDBPyConnection, plan: Plan) -> None:
    """One row per original lead with its persona, latent fit/engagement and dirt flags."""
    titles = sql_list([list(t) for _, t in SENIORITY_TITLES])
    level_draw = weighted_list([(lvl, w) for lvl, (w, _) in enumerate(SENIORITY_TITLES)])
    fit_sql = f"""
        {sql_list(SENIORITY_COEF)}[level + 1]
        + case when is_target then {TARGET_INDUSTRY_COEF} else 0.0 end
        + {sql_list(SIZE_COEF)}[size_band + 1]
        + case when is_freemail then 0.0 else {BUSINESS_EMAIL_COEF} end
        + case when level = 0 then {STUDENT_COEF} else 0.0 end
    """
    horizon = sql_ts(plan.horizon)
    con.execute(f"""
        create table lead_latent as
        with draw as (
            select
                i as lead_idx,
                least({plan.accounts},
                      1 + floor({plan.accounts} * pow(u(i, 'lead-account'), 1.5)))::bigint
                    as account_idx,
                pick({level_draw}, u(i, 'lead-level')) as level,
                floor(u(i, 'lead-title') * 1000)::bigint as title_draw,
                u(i, 'lead-freemail') < {FREEMAIL_SHARE} as is_freemail,
                pick({sql_list(FIRST_NAMES)}, u(i, 'lead-first')) as first_name,
                pick({sql_list(LAST_NAMES)}, u(i, 'lead-last')) as last_name,
                floor(u(i, 'lead-email-pattern') * 10)::int as email_pattern,
                pick({weighted_list(FREEMAIL_DOMAINS)}, u(i, 'lead-freemail-domain'))
                    as freemail_domain,
                case when u(i, 'lead-freemail-digits') < 0.5
                    then (100 + h(i, 'lead-freemail-digits-value') % 900)::varchar
                    else '' end as freemail_digits,
                {sql_ts(plan.lead_window_start)}
                    + seconds(floor(u(i, 'lead-day') * {LEAD_WINDOW_DAYS}) * 86400
                              + 21600 + floor(u(i, 'lead-time-of-day') * 57600)) as created_at,
                u(i, 'lead-updated') as updated_draw,
                pick({weighted_list(LEAD_SOURCES)}, u(i, 'lead-source')) as lead_source,
                u(i, 'lead-city') as city_draw,
                u(i, 'lead-phone') < 0.88 as has_phone,
                h(i, 'lead-phone-number') as phone_hash,
                u(i, 'lead-company-typed') < 0.85 as typed_company,
                u(i, 'lead-enriched') < 0.5 as freemail_enriched,
                gauss(i, 'lead-engagement') as engagement_noise,
                gauss(i, 'lead-time-on-site') as time_on_site_noise,
                u(i, 'lead-time-on-site-shape') as time_on_site_shape,
                u(i, 'lead-dormant') < {DORMANT_SHARE} as is_dormant,
                u(i, 'lead-unsubscriber') < {UNSUBSCRIBER_SHARE} as is_unsubscriber,
                u(i, 'lead-bouncer') < {BOUNCER_SHARE} as is_bouncer,
                u(i, 'lead-job-seeker') < {JOB_SEEKER_SHARE} as is_job_seeker,
                case when u(i, 'lead-interest') < 0.65
                    then pick({weighted_list(PRODUCT_INTERESTS)}, u(i, 'lead-interest-kind'))
                    end as product_interest,
                u(i, 'lead-dne') as dne_draw,
                u(i, 'lead-dnc') < 0.08 as do_not_call,
                floor(u(i, 'lead-bool-style') * {len(BOOLEAN_SPELLINGS)})::int as bool_style
            from range(1, {plan.leads} + 1) t(i)
        ),
        persona as (
            select
                d.*,
                {titles}[level + 1][1 + title_draw % len({titles}[level + 1])] as job_title,
                a.name as account_name,
                a.domain as account_domain,
                a.industry,
                a.country,
                a.size_band,
                a.employee_count,
                a.annual_revenue,
                i.is_target,
                c.dial_code,
                pick(c.cities, city_draw) as city,
                regexp_replace(lower(first_name), '[^a-z]', '', 'g') as first_key,
                regexp_replace(lower(last_name), '[^a-z]', '', 'g') as last_key,
                greatest(3600, date_diff('second', created_at, {horizon})) as span_s
            from draw d
            join account a using (account_idx)
            join industry_dim i on i.industry = a.industry
            join country_dim c on c.country = a.country
        ),
        latent as (
            select
                *,
                {fit_sql} as fit,
                least({ENGAGEMENT_CAP},
                      0.5 * (({fit_sql}) - {FIT_CENTRE}) + engagement_noise) as engagement,
                case
                    when email_pattern < 7 then first_key || '.' || last_key
                    when email_pattern < 9 then left(first_key, 1) || '.' || last_key
                    else first_key || last_key
                end
                || case when is_freemail then freemail_digits else '' end as email_local,
                case when is_freemail then freemail_domain else account_domain end as email_domain
            from persona
        )
        select
            *,
            email_local
                || case when email_rank > 1 then '.' || email_rank::varchar else '' end
                || '@' || email_domain as email,
            created_at + seconds(floor(updated_draw * span_s / 2)) as updated_at
        from (
            select
                *,
                row_number() over (partition by email_local, email_domain order by lead_idx)
                    as email_rank
            from latent
        )
    """)
    con.execute(f"create table lead_out as select *, {lead_dirt_flag_columns()} from lead_latent")


def lead_dirt_flag_columns() -> str:
    """Per-lead draws deciding which dirty overlay/extra rows a lead gets."""
    r = DIRTY_LEAD
    return f"""
        u(lead_idx, 'dirty-dup-person') < {r['dup_person']}
            and not u(lead_idx, 'dirty-bad-email') < {r['bad_email']} as dirty_dup_person,
        u(lead_idx, 'dirty-repeat-id') < {r['repeat_id']} as dirty_repeat_id,
        u(lead_idx, 'dirty-industry') < {r['placeholder']} as dirty_industry,
        u(lead_idx, 'dirty-title') < {r['placeholder']} as dirty_title,
        u(lead_idx, 'dirty-country') < {r['placeholder']} as dirty_country,
        u(lead_idx, 'dirty-city') < {r['placeholder']} as dirty_city,
        u(lead_idx, 'dirty-bad-email') < {r['bad_email']} as dirty_email,
        u(lead_idx, 'dirty-bad-created') < {r['bad_created']} as dirty_bad_created,
        u(lead_idx, 'dirty-future-created') < {r['future_created']} as dirty_future_created,
        u(lead_idx, 'dirty-no-id') < {r['no_id']} as dirty_no_id,
        u(lead_idx, 'dirty-employees') < {r['bad_employees']} as dirty_employees
    """


def lead_id_width(con: duckdb.DuckDBPyConnection, plan: Plan) -> int:
    """Digits after ``L``: 7, widened when originals + same-person copies (+ the
    all-nines unknown id) would not fit."""
    copies = con.execute("select count(*) from lead_out where dirty_dup_person").fetchone()[0]
    return id_width(7, plan.leads + copies + 1)


def write_leads(con: duckdb.DuckDBPyConnection, plan: Plan, path: Path, fmt: str) -> int:
    """Render lead rows (originals + dirty extras) and COPY them ordered by row key.

    Row keys: ``lead_idx * 8`` original, ``+1`` repeated lead_id with newer
    updated_at, ``+2`` copy without lead_id; same-person copies get new lead
    numbers after the originals and sort at the end.
    """
    width = lead_id_width(con, plan)
    acc_width = id_width(6, plan.accounts)
    titles = sql_list([list(t) for _, t in SENIORITY_TITLES])
    horizon = sql_ts(plan.horizon)
    spelled = sql_list([list(pair) for pair in BOOLEAN_SPELLINGS])
    con.execute(f"create or replace macro lead_code(n) as 'L' || lpad(n::varchar, {width}, '0')")
    con.execute(f"""
        create or replace temp view lead_row as
        with variants as (
            -- the original row of every lead
            select *, lead_idx * 8 as row_key, lead_code(lead_idx) as lead_id,
                   job_title as shown_title, updated_at as shown_updated_at,
                   lead_source as shown_source, email as shown_email,
                   created_at as shown_created_at, false as is_copy
            from lead_out
            union all
            -- same lead_id again: new title of the same level, later updated_at
            select *, lead_idx * 8 + 1, lead_code(lead_idx),
                   {titles}[level + 1][
                       1 + (title_draw + 1 + floor(u(lead_idx, 'dirty-repeat-title')
                            * (len({titles}[level + 1]) - 1))::bigint) % len({titles}[level + 1])
                   ],
                   updated_at + seconds(1 + floor(u(lead_idx, 'dirty-repeat-updated')
                        * (date_diff('second', updated_at, {horizon}) - 1))),
                   lead_source, email, created_at, false
            from lead_out
            where dirty_repeat_id
            union all
            -- a copy of the row that lost its lead_id
            select *, lead_idx * 8 + 2, null,
                   job_title, updated_at, lead_source, email, created_at, false
            from lead_out
            where dirty_no_id
            union all
            -- the same person again under a new lead_id, created later
            select * exclude (dup_rank, copy_created_at, copy_source, copy_email),
                   ({plan.leads} + dup_rank) * 8, lead_code({plan.leads} + dup_rank),
                   job_title, copy_created_at, copy_source, copy_email, copy_created_at, true
            from (
                select
                    *,
                    row_number() over (order by lead_idx) as dup_rank,
                    created_at + seconds(60 + floor(u(lead_idx, 'dirty-dup-created')
                        * (span_s - 120))) as copy_created_at,
                    pick({weighted_list(LEAD_SOURCES)}, u(lead_idx, 'dirty-dup-source'))
                        as copy_source,
                    case floor(u(lead_idx, 'dirty-dup-email') * 3)::int
                        when 0 then upper(email)
                        when 1 then '  ' || email || ' '
                        else ' ' || upper(left(email, 1))
                             || substr(email, 2, strpos(email, '@') - 1)
                             || upper(email_domain[1]) || email_domain[2:] || '  '
                    end as copy_email
                from lead_out
                where dirty_dup_person
            )
        )
        select
            row_key,
            lead_id,
            case
                when dirty_bad_created and not is_copy
                    then pick({sql_list(BAD_TIMESTAMPS)}, u(lead_idx, 'dirty-bad-created-kind'))
                when dirty_future_created and not is_copy
                    then ts_text(make_timestamp(2099, month(created_at),
                                                least(day(created_at), 28), hour(created_at),
                                                minute(created_at), second(created_at)))
                else ts_text(shown_created_at)
            end as created_at,
            ts_text(shown_updated_at) as updated_at,
            case
                when dirty_email and not is_copy then
                    case floor(u(lead_idx, 'dirty-bad-email-kind') * 3)::int
                        when 0 then email_local || '@'
                        when 1 then email_local || ' at ' || email_domain
                        else '@' || email_domain
                    end
                else shown_email
            end as email,
            first_name,
            last_name,
            case when has_phone and not is_copy then
                dial_code || ' ' || lpad((phone_hash % 1000)::varchar, 3, '0') || ' '
                || lpad(((phone_hash // 1000) % 10000000)::varchar, 7, '0')
            end as phone,
            case when not is_freemail or typed_company then account_name end as company,
            case when dirty_title
                then pick({sql_list(PLACEHOLDERS)}, u(lead_idx, 'dirty-title-kind'))
                else shown_title end as job_title,
            case when dirty_industry
                then pick({sql_list(PLACEHOLDERS)}, u(lead_idx, 'dirty-industry-kind'))
                else industry end as industry,
            case when dirty_country
                then pick({sql_list(PLACEHOLDERS)}, u(lead_idx, 'dirty-country-kind'))
                else country end as country,
            case when dirty_city
                then pick({sql_list(PLACEHOLDERS)}, u(lead_idx, 'dirty-city-kind'))
                else city end as city,
            shown_source as lead_source,
            case when not is_freemail
                then 'A' || lpad(account_idx::varchar, {acc_width}, '0') end as account_id,
            case
                when dirty_employees and employee_count >= 1000
                    then format('{{:,}}', employee_count)
                when dirty_employees then 'abc'
                when not is_freemail or freemail_enriched then employee_count::varchar
            end as employee_count,
            case when not is_freemail or freemail_enriched then annual_revenue end
                as annual_revenue,
            {spelled}[bool_style + 1][
                case when (is_unsubscriber and dne_draw < 0.7) or dne_draw < 0.02 then 1 else 2 end
            ] as do_not_email,
            {spelled}[bool_style + 1][case when do_not_call then 1 else 2 end] as do_not_call,
            case
                when time_on_site_shape < 0.1 then null
                when is_dormant then '0'
                when time_on_site_shape < 0.35
                    then round(exp(1.5 + 0.8 * engagement + 0.4 * time_on_site_noise), 1)::varchar
                else round(exp(1.5 + 0.8 * engagement + 0.4 * time_on_site_noise))::bigint::varchar
            end as "Total Time Spent on Website",
            product_interest as "Product Interest"
        from variants
    """)
    return copy_ordered(con, """
        select * exclude (row_key) from lead_row order by row_key
    """, path, fmt)


# --------------------------------------------------------------------------
# Activities.
# --------------------------------------------------------------------------
def build_activity_plan(con: duckdb.DuckDBPyConnection, plan: Plan) -> None:
    """Give every lead a contiguous block [start_e, end_e) of global event numbers.

    The block length is proportional to an integer weight exp(1.3 z) * tenure
    factor, allocated with integer cumulative sums so the total is exactly
    ``--activities`` and the split is independent of float summation order.
    """
    con.execute(f"""
        create table activity_weight as
        select
            lead_idx,
            created_at,
            span_s,
            level,
            fit,
            engagement,
            product_interest,
            is_unsubscriber,
            is_bouncer,
            is_job_seeker,
            case when is_dormant then 0::bigint else round(
                1e6 * exp(1.3 * engagement) * pow((span_s / 86400.0 + 10) / 375.0, 0.7)
            )::bigint end as weight,
            least(6, 1 + floor(u(lead_idx, 'activity-bursts') * 6))::int as max_bursts
        from lead_latent
    """)
    total = con.execute("select coalesce(sum(weight), 0) from activity_weight").fetchone()[0]
    n = plan.activities if total > 0 else 0
    con.execute(f"""
        create table activity_plan as
        select
            *,
            ({n}::hugeint * (cum_weight - weight)) // {max(total, 1)}::hugeint as start_e,
            ({n}::hugeint * cum_weight) // {max(total, 1)}::hugeint as end_e
        from (
            select
                *,
                sum(weight) over (order by lead_idx rows between unbounded preceding
                                  and current row) as cum_weight
            from activity_weight
        )
    """)


def build_activities(con: duckdb.DuckDBPyConnection, plan: Plan) -> None:
    """Expand each lead's block into timed, typed clean events (the model's events).

    Timing: each event picks one of the lead's 1-6 burst centres (burst 0 is the
    creation moment) and lands up to 5 days after it, skewed towards the centre.
    Type: a per-lead mix where the high-intent share scales with ``intent``.
    """
    # Enums keep the 50M-row event table and its sort small.
    con.execute(f"create type activity_type_t as enum {sql_tuple(ACTIVITY_WEIGHTS)}")
    con.execute(f"create type page_t as enum {sql_tuple(PAGES)}")
    pricing = "least(0.3, 0.04 * intent)"
    careers = "case when level = 0 then 0.35 when is_job_seeker then 0.3 else 0.01 end"
    con.execute(f"""
        create table activity_clean as
        with event as (
            select
                p.*,
                unnest(range(p.start_e::bigint, p.end_e::bigint)) as e,
                least(5.0, greatest(0.2, exp(0.5 * (p.fit - {FIT_CENTRE}) + 0.4 * p.engagement)))
                    as intent,
                least(p.max_bursts, 1 + (p.end_e - p.start_e) // 8)::int as n_bursts
            from activity_plan p
            where p.end_e > p.start_e
        ),
        placed as (
            select
                *,
                floor(u(e, 'activity-burst') * n_bursts)::int as burst,
                u(e, 'activity-type') as type_draw,
                u(e, 'activity-page') as page_draw,
                least({BURST_WIDTH_SECONDS}, span_s - 1) as burst_width
            from event
        ),
        typed as (
            select
                e,
                lead_idx,
                burst,
                created_at + seconds(1 + floor(
                    case when burst = 0 then 0.0 else u2(lead_idx, burst, 'activity-centre') end
                        * (span_s - 1 - burst_width)
                    + pow(u(e, 'activity-offset'), 2) * burst_width
                )) as event_at,
                case
                    when type_draw < 0.003 * intent then 'demo_request'
                    when type_draw < 0.005 * intent then 'meeting_booked'
                    when type_draw < 0.020 * intent then 'form_submit'
                    when type_draw < 0.020 * intent + 0.040 then 'content_download'
                    when type_draw < 0.020 * intent + 0.065 then 'webinar_attended'
                    when type_draw < 0.020 * intent + 0.065
                        + case when is_unsubscriber then 0.04 else 0.0003 end then 'unsubscribe'
                    when type_draw < 0.020 * intent + 0.065
                        + case when is_unsubscriber then 0.04 else 0.0003 end
                        + case when is_bouncer then 0.20 else 0.0005 end then 'email_bounce'
                    when type_draw < 0.020 * intent + 0.155
                        + case when is_unsubscriber then 0.04 else 0.0003 end
                        + case when is_bouncer then 0.20 else 0.0005 end then 'email_click'
                    when type_draw < 0.020 * intent + 0.515
                        + case when is_unsubscriber then 0.04 else 0.0003 end
                        + case when is_bouncer then 0.20 else 0.0005 end then 'page_view'
                    else 'email_open'
                end as activity_type,
                case
                    when page_draw < {pricing} then '/pricing'
                    when page_draw < {pricing} + {careers} then '/careers'
                    when page_draw < {pricing} + {careers} + 0.22 then
                        case when product_interest is not null and u(e, 'activity-product') < 0.7
                            then '/product/' || lower(product_interest)
                            else pick(['/product/analytics', '/product/automation',
                                       '/product/integrations'], u(e, 'activity-product-any'))
                        end
                    when page_draw < {pricing} + {careers} + 0.30
                        then '/docs/' || pick({sql_list(DOC_SLUGS)}, u(e, 'activity-slug'))
                    when page_draw < {pricing} + {careers} + 0.55
                        then '/blog/' || pick({sql_list(BLOG_SLUGS)}, u(e, 'activity-slug'))
                    else '/'
                end as page
            from placed
        )
        select
            e,
            lead_idx,
            burst::utinyint as burst,
            event_at,
            activity_type::activity_type_t as activity_type,
            case when activity_type = 'page_view' then page end::page_t as page
        from typed
    """)


def activity_weight_sql() -> str:
    """The model's per-event weight w(type, url) as a SQL expression."""
    cases = "\n".join(f"                when {sql_str(t)} then {w}"
                      for t, w in ACTIVITY_WEIGHTS.items())
    return f"""
        case
            when activity_type = 'page_view' and page = '/pricing' then {PRICING_VIEW_WEIGHT}
            when activity_type = 'page_view' and page = '/careers' then {CAREERS_VIEW_WEIGHT}
            else case activity_type
{cases}
            end
        end
    """


def activity_detail_sql() -> str:
    """url, campaign and channel of a clean event; pure functions of the event."""
    quarter = "strftime(event_at, '%Y') || '-q' || quarter(event_at)::varchar"
    return f"""
        case activity_type
            when 'page_view' then page::varchar
            when 'email_click'
                then pick(['/blog/lead-scoring-101', '/webinars/automation-live',
                           '/resources/buyers-guide.pdf', '/product/analytics', '/'],
                          u(e, 'activity-url'))
            when 'content_download'
                then '/resources/' || pick({sql_list(RESOURCE_SLUGS)}, u(e, 'activity-url'))
                     || '.pdf'
            when 'webinar_attended'
                then '/webinars/' || pick({sql_list(WEBINAR_SLUGS)}, u(e, 'activity-url'))
            when 'form_submit'
                then pick(['/contact', '/newsletter', '/resources/gated', '/trial'],
                          u(e, 'activity-url'))
            when 'demo_request' then '/demo'
            when 'meeting_booked' then '/meetings/sales'
            when 'unsubscribe' then '/preferences/unsubscribe'
        end as url,
        case
            when activity_type in ('email_open', 'email_click', 'email_bounce', 'unsubscribe')
                then {quarter} || '-'
                     || pick({sql_list(EMAIL_THEMES)}, u2(lead_idx, burst, 'activity-campaign'))
            when activity_type = 'webinar_attended' then {quarter} || '-webinar-series'
            when activity_type = 'content_download'
                then {quarter} || '-'
                     || pick(['ebook-promo', 'content-syndication', 'report-launch'],
                             u(e, 'activity-campaign'))
            when activity_type = 'page_view' and u(e, 'activity-campaign') < 0.25
                then {quarter} || '-' || pick(['paid-search', 'linkedin-ads', 'retargeting'],
                                              u(e, 'activity-campaign-kind'))
            when activity_type = 'form_submit' and u(e, 'activity-campaign') < 0.1
                then {quarter} || '-trade-show'
        end as campaign,
        case
            when activity_type in ('email_open', 'email_click', 'email_bounce', 'unsubscribe')
                then 'email'
            when activity_type = 'webinar_attended' then 'event'
            when campaign like '%-linkedin-ads' then 'social'
            when campaign like '%-paid-search' or campaign like '%-retargeting'
                or campaign like '%-content-syndication' then 'paid'
            when campaign like '%-trade-show' then 'event'
            when activity_type = 'content_download' and u(e, 'activity-channel') < 0.2 then 'social'
            else 'web'
        end as channel
    """


def write_activities(con: duckdb.DuckDBPyConnection, plan: Plan, lead_width: int,
                     path: Path, fmt: str) -> int:
    """COPY clean events plus dirty rows, ordered by ``row_key = e * 8 + variant``.

    Variants: 0 the clean event, 1 its exact repeat (duplicates and every event
    whose activity_id is empty), 2-5 extra rows (bad timestamp, 2099 timestamp,
    unknown lead, empty lead_id) numbered after the clean activity ids.  Only the
    narrow event columns are sorted; text is rendered after the sort.
    """
    r = DIRTY_ACTIVITY
    no_id = f"u(e, 'dirty-activity-no-id') < {r['no_id']}"
    con.execute(f"""
        create table activity_extra as
        select *, {plan.activities} + row_number() over (order by row_key) as extra_number
        from (
            select e * 8 + 2 as row_key, * from activity_clean
            where u(e, 'dirty-activity-bad-ts') < {r['bad_ts']}
            union all
            select e * 8 + 3, * from activity_clean
            where u(e, 'dirty-activity-future-ts') < {r['future_ts']}
            union all
            select e * 8 + 4, * from activity_clean
            where u(e, 'dirty-activity-unknown-lead') < {r['unknown_lead']}
            union all
            select e * 8 + 5, * from activity_clean
            where u(e, 'dirty-activity-no-lead') < {r['no_lead']}
        )
    """)
    n_extra = con.execute("select count(*) from activity_extra").fetchone()[0]
    width = id_width(9, plan.activities + n_extra)
    lead_code = f"'L' || lpad(lead_idx::varchar, {lead_width}, '0')"
    return copy_ordered(con, f"""
        select
            case
                when variant >= 2 then 'E' || lpad(extra_number::varchar, {width}, '0')
                when {no_id} then null
                else 'E' || lpad((e + 1)::varchar, {width}, '0')
            end as activity_id,
            case variant
                when 4 then
                    case when u(e, 'dirty-activity-unknown-kind') < 0.3
                        then 'L' || repeat('9', {lead_width})
                        else 'LX' || lpad((e % 1000000)::varchar, {lead_width - 1}, '0')
                    end
                when 5 then null
                else {lead_code}
            end as lead_id,
            activity_type::varchar as activity_type,
            case variant
                when 2 then pick({sql_list(BAD_TIMESTAMPS)}, u(e, 'dirty-activity-bad-ts-kind'))
                when 3 then ts_text(make_timestamp(2099, month(event_at), least(day(event_at), 28),
                                                   hour(event_at), minute(event_at),
                                                   second(event_at)))
                else ts_text(event_at)
            end as occurred_at,
            {activity_detail_sql()}
        from (
            select row_key % 8 as variant, *
            from (
                select e * 8 as row_key, *, null::bigint as extra_number from activity_clean
                union all
                select e * 8 + 1, *, null::bigint from activity_clean
                where {no_id} or u(e, 'dirty-activity-duplicate') < {r['duplicate']}
                union all
                select * from activity_extra
            )
            order by row_key
        )
    """, path, fmt)


# --------------------------------------------------------------------------
# Outcomes.
# --------------------------------------------------------------------------
def build_outcomes(con: duckdb.DuckDBPyConnection, plan: Plan) -> None:
    """Evaluate the true model as of outcome_start and draw each eligible lead's outcome."""
    outcome_start = sql_ts(plan.outcome_start)
    half_life = ENGAGEMENT_HALF_LIFE_DAYS
    acv = sql_list([a for *_, a in SIZE_BANDS])
    con.execute(f"""
        create table lead_signal as
        select
            lead_idx,
            sum(round(1e6 * weight * pow(0.5, age_days / {half_life}))::bigint) as e_micro,
            max(event_at) as last_activity_at,
            count_if(activity_type = 'unsubscribe') as unsubscribes,
            count_if(activity_type = 'email_bounce') as bounces,
            count_if(activity_type = 'page_view' and page = '/careers') as careers_views
        from (
            select
                *,
                {activity_weight_sql()} as weight,
                date_diff('second', event_at, {outcome_start}) / 86400.0 as age_days
            from activity_clean
            where event_at < {outcome_start}
        )
        group by lead_idx
    """)
    con.execute(f"""
        create table outcome_truth as
        with model as (
            select
                l.lead_idx,
                l.level,
                l.size_band,
                coalesce(s.e_micro, 0) / 1e6 as engagement_e,
                case when s.last_activity_at is null then {RECENCY_CAP_DAYS}.0
                    else least({RECENCY_CAP_DAYS}.0,
                               date_diff('second', s.last_activity_at, {outcome_start}) / 86400.0)
                end as recency_days,
                coalesce(s.unsubscribes, 0) as unsubscribes,
                coalesce(s.bounces, 0) as bounces,
                coalesce(s.careers_views, 0) as careers_views,
                {B0}
                + {sql_list(SENIORITY_COEF)}[l.level + 1]
                + case when l.is_target then {TARGET_INDUSTRY_COEF} else 0.0 end
                + {sql_list(SIZE_COEF)}[l.size_band + 1]
                + case when l.is_freemail then 0.0 else {BUSINESS_EMAIL_COEF} end as x_static
            from lead_latent l
            left join lead_signal s using (lead_idx)
            where l.created_at < {outcome_start}
        ),
        scored as (
            select
                *,
                x_static
                + {ENGAGEMENT_COEF} * ln(1 + engagement_e)
                + {RECENCY_COEF_PER_30_DAYS} * recency_days / 30
                + case when unsubscribes > 0 then {UNSUBSCRIBE_COEF} else 0.0 end
                + case when bounces > 0 then {BOUNCE_COEF} else 0.0 end
                + {CAREERS_COEF_PER_VIEW} * least(careers_views, {CAREERS_VIEW_CAP})
                + case when level = 0 then {STUDENT_COEF} else 0.0 end as x
            from model
        ),
        drawn as (
            select
                *,
                1 / (1 + exp(-x)) as p,
                u(lead_idx, 'outcome-convert') < 1 / (1 + exp(-x)) as converted
            from scored
        )
        select
            *,
            case
                when converted and u(lead_idx, 'outcome-won') < {WON_SHARE} then 'won'
                when converted then 'converted'
                when u(lead_idx, 'outcome-lost') < case when engagement_e >= {LOST_ENGAGED_MIN_E}
                        then {LOST_SHARE_ENGAGED} else {LOST_SHARE_OTHER} end then 'lost'
            end as outcome,
            {outcome_start}
                + seconds(floor(u(lead_idx, 'outcome-at') * {OUTCOME_WINDOW_DAYS} * 86400))
                as outcome_at,
            round({acv}[size_band + 1] * exp(0.5 * gauss(lead_idx, 'outcome-amount')), 2)
                ::decimal(14, 2) as won_amount
        from drawn
    """)


def write_outcomes(con: duckdb.DuckDBPyConnection, lead_width: int, path: Path,
                   fmt: str) -> int:
    """COPY outcome rows plus outcomes of unknown leads, ordered by lead."""
    return copy_ordered(con, f"""
        select lead_id, outcome, outcome_at, amount
        from (
            select
                lead_idx * 2 as row_key,
                'L' || lpad(lead_idx::varchar, {lead_width}, '0') as lead_id,
                outcome,
                ts_text(outcome_at) as outcome_at,
                case when outcome = 'won' then won_amount end as amount
            from outcome_truth
            where outcome is not null
            union all
            select
                lead_idx * 2 + 1,
                'LX' || lpad(lead_idx::varchar, {lead_width - 1}, '0'),
                pick(['converted', 'won', 'lost', 'lost'], u(lead_idx, 'dirty-outcome-kind')),
                ts_text(outcome_at),
                null
            from outcome_truth
            where u(lead_idx, 'dirty-outcome-unknown-lead') < {DIRTY_OUTCOME_UNKNOWN_LEAD}
        )
        order by row_key
    """, path, fmt)


# --------------------------------------------------------------------------
# Orchestration.
# --------------------------------------------------------------------------
def copy_ordered(con: duckdb.DuckDBPyConnection, query: str, path: Path, fmt: str) -> int:
    """COPY an ordered query to CSV or Parquet and return the number of rows written."""
    options = "format parquet" if fmt == "parquet" else "format csv, header, delimiter ','"
    result = con.execute(f"copy ({query}) to {sql_path(path)} ({options})").fetchone()
    return int(result[0]) if result else 0


def validate(leads: int, activities: int, seed: int, fmt: str) -> None:
    if leads < 1:
        raise ValueError("leads must be >= 1")
    if activities < 0:
        raise ValueError("activities must be >= 0")
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    if not -(2**63) <= seed < 2**63:
        raise ValueError("seed must fit in a signed 64-bit integer")


def generate(out_dir: Path, leads: int, activities: int, seed: int, fmt: str, end_date: date,
             *, threads: int | None = None, show_progress: bool = False) -> dict[str, int]:
    """Write accounts, leads, activities and outcomes to ``out_dir``.

    Returns the number of rows written per table (dirty rows included).  The
    output bytes depend only on the arguments, not on ``threads``.
    """
    validate(leads, activities, seed, fmt)
    plan = Plan(leads=leads, activities=activities, seed=seed, end_date=end_date)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="leadscore-demo-") as tmp, \
            tqdm(total=len(TABLES), desc="demo data", unit="table", file=sys.stderr,
                 disable=not show_progress, leave=False) as bar:
        con = connect(seed, threads or os.cpu_count() or 1, Path(tmp))
        try:
            for table in TABLES:
                bar.set_postfix_str(table)
                started = time.perf_counter()
                counts[table] = write_table(con, plan, table, out_dir / f"{table}.{fmt}", fmt)
                if show_progress:
                    tqdm.write(f"{table:<11}{counts[table]:>13,} rows "
                               f"{time.perf_counter() - started:7.1f}s", file=sys.stderr)
                bar.update(1)
        finally:
            con.close()
    return counts


def write_table(con: duckdb.DuckDBPyConnection, plan: Plan, table: str, path: Path,
                fmt: str) -> int:
    """Build and write one table; tables must be produced in ``TABLES`` order."""
    if table == "accounts":
        build_accounts(con, plan)
        return write_accounts(con, plan, path, fmt)
    if table == "leads":
        build_leads(con, plan)
        return write_leads(con, plan, path, fmt)
    lead_width = lead_id_width(con, plan)
    if table == "activities":
        build_activity_plan(con, plan)
        build_activities(con, plan)
        return write_activities(con, plan, lead_width, path, fmt)
    if table == "outcomes":
        build_outcomes(con, plan)
        return write_outcomes(con, lead_width, path, fmt)
    raise ValueError(f"unknown table {table!r}")


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return value


def non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return value


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.generate_demo_data",
        description="Write deterministic demo leads/activities/outcomes/accounts for leadscore.",
    )
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--leads", type=positive_int, default=5000,
                        help="original leads (default 5000)")
    parser.add_argument("--activities", type=non_negative_int, default=None,
                        help="clean activity events (default 20 x leads)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="csv",
                        help="file format (default csv)")
    parser.add_argument("--end-date", type=date.fromisoformat, default=DEFAULT_END_DATE,
                        help="last day of the calendar, YYYY-MM-DD (default 2026-06-30)")
    parser.add_argument("--threads", type=positive_int, default=None,
                        help="DuckDB threads (default: all cores; output does not depend on it)")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress output on stderr (the summary line is still printed)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    activities = args.activities if args.activities is not None else 20 * args.leads
    started = time.perf_counter()
    counts = generate(args.out, args.leads, activities, args.seed, args.fmt, args.end_date,
                      threads=args.threads, show_progress=not args.quiet)
    summary = " ".join(f"{table}={counts[table]}" for table in TABLES)
    print(f"wrote {summary} to {args.out} ({args.fmt}, seed {args.seed}, "
          f"{time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
