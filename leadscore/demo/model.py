"""The demo data's true outcome model, its latent knobs, the dirty-row rates and the personas.

Everything here is plain Python data; ``params.sql_params`` turns it into SQL literals for the
statements in ``sql/``.  The text below mirrors the constants: keep them equal.

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

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from leadscore.demo import LEAD_WINDOW_DAYS, OUTCOME_WINDOW_DAYS

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
# The optional inputs sales_feedback and score_adjustments (docs/input-data.md). Feedback:
# this share of the leads created before outcome_start get one rating from a rep within
# FEEDBACK_WINDOW_DAYS of coming in (about 310 rows at 5,000 leads); the rating follows the
# lead's true conversion probability p of the outcome model (p >= 0.12, the top quarter:
# mostly good_fit; p < 0.03, the bottom half: mostly bad_fit or not_ready), and
# FEEDBACK_SPAM_SHARE of them are spam. Adjustments: this share of all leads get one manual
# adjustment (about 45 at 5,000 leads, plus repeated ids; add or set, some expired before the
# end date).
FEEDBACK_SHARE = 0.08
FEEDBACK_SPAM_SHARE = 0.03
FEEDBACK_WINDOW_DAYS = 45
FEEDBACK_REPS = 12
ADJUSTMENT_SHARE = 0.008

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
    "United States": (32, "+1", "com", ("New York", "San Francisco", "Chicago", "Austin", "Boston", "Seattle", "Atlanta", "Denver")),
    "United Kingdom": (12, "+44", "co.uk", ("London", "Manchester", "Birmingham", "Edinburgh", "Bristol")),
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
    (
        34,
        (
            "Marketing Coordinator",
            "Analyst",
            "Data Analyst",
            "Engineer",
            "Software Engineer",
            "Sales Representative",
            "Account Executive",
            "Marketing Specialist",
            "Consultant",
        ),
    ),
    (26, ("Manager", "Marketing Manager", "Senior Manager", "Product Manager", "IT Manager", "Operations Manager")),
    (16, ("Director of Marketing", "Director of Sales", "Head of Operations", "Head of Data", "Director of IT", "Head of Growth")),
    (8, ("VP Sales", "VP Marketing", "VP Engineering", "VP Operations")),
    (10, ("CEO", "CTO", "CFO", "COO", "CMO", "Founder", "Co-Founder")),
)

LEAD_SOURCES: dict[str, int] = {
    "Organic Search": 22,
    "Paid Search": 15,
    "Webinar": 10,
    "Referral": 8,
    "Trade Show": 7,
    "LinkedIn": 14,
    "Content Syndication": 12,
    "Direct": 12,
}
FREEMAIL_DOMAINS: dict[str, int] = {"gmail.com": 50, "yahoo.com": 15, "hotmail.com": 15, "outlook.com": 20}
PRODUCT_INTERESTS: dict[str, int] = {"Analytics": 40, "Automation": 35, "Integrations": 25}

FIRST_NAMES: tuple[str, ...] = (
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Susan",
    "Richard",
    "Jessica",
    "Thomas",
    "Sarah",
    "Daniel",
    "Karen",
    "Matthew",
    "Emma",
    "Oliver",
    "Sophie",
    "Lukas",
    "Anna",
    "Lea",
    "Felix",
    "Hugo",
    "Chloe",
    "Louis",
    "Camille",
    "Sven",
    "Ingrid",
    "Priya",
    "Arjun",
    "Rahul",
    "Ananya",
    "Wei",
    "Mei",
    "Hiroshi",
    "Yuki",
    "Lucas",
    "Gabriela",
    "Mateo",
    "Sofia",
    "Pablo",
    "Lucia",
    "Noah",
    "Mia",
    "Liam",
    "Ava",
    "Ethan",
    "Isabella",
    "Jack",
    "Charlotte",
    "Omar",
    "Fatima",
    "Daan",
    "Sanne",
    "Ahmed",
    "Olivia",
)
LAST_NAMES: tuple[str, ...] = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Martinez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Lee",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Mueller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Dubois",
    "Moreau",
    "Laurent",
    "Bernard",
    "Jansen",
    "de Vries",
    "Patel",
    "Sharma",
    "Singh",
    "Kumar",
    "Gupta",
    "Silva",
    "Santos",
    "Oliveira",
    "Fernandez",
    "Rodriguez",
    "Nguyen",
    "Chen",
    "Wang",
    "Tanaka",
    "Sato",
    "Andersson",
    "Johansson",
    "O'Brien",
    "Murphy",
)
COMPANY_PREFIXES: tuple[str, ...] = (
    "Bright",
    "Nova",
    "Blue",
    "Quant",
    "Zen",
    "Apex",
    "Vertex",
    "Omni",
    "Terra",
    "Lumen",
    "Cobalt",
    "Silver",
    "Iron",
    "Clear",
    "Swift",
    "Nimbus",
    "Orbit",
    "Pixel",
    "Hyper",
    "Red",
    "Green",
    "North",
    "Summit",
    "Core",
    "Sky",
    "Stellar",
    "Prime",
    "True",
    "Open",
    "Fusion",
    "Echo",
    "Vivid",
    "Atlas",
    "Polar",
    "Rapid",
    "Solid",
    "Smart",
    "Deep",
    "Bold",
    "Next",
)
COMPANY_CORES: tuple[str, ...] = (
    "logix",
    "soft",
    "ware",
    "data",
    "works",
    "labs",
    "tech",
    "net",
    "wave",
    "stream",
    "point",
    "scale",
    "forge",
    "hub",
    "sys",
    "matic",
    "ify",
    "ly",
    "io",
    "bridge",
    "path",
    "field",
    "gate",
    "mind",
    "line",
    "cloud",
    "metric",
    "sense",
    "grid",
    "flow",
    "scope",
    "nest",
    "sphere",
    "spark",
    "base",
    "loop",
    "shift",
    "track",
    "vault",
    "port",
)
COMPANY_KINDS: tuple[str, ...] = ("", "", "", " Inc", " Ltd", " Group", " Systems", " Solutions", " Technologies", " Labs", " Partners")

BLOG_SLUGS: tuple[str, ...] = (
    "lead-scoring-101",
    "b2b-funnel-metrics",
    "marketing-automation-guide",
    "intent-data-explained",
    "abm-playbook",
    "customer-story-northwind",
    "release-notes-2026",
    "data-quality-checklist",
)
DOC_SLUGS: tuple[str, ...] = (
    "getting-started",
    "api-reference",
    "integrations/salesforce",
    "integrations/hubspot",
    "security",
    "sso-setup",
)
RESOURCE_SLUGS: tuple[str, ...] = (
    "state-of-b2b-marketing-2026",
    "roi-calculator",
    "buyers-guide",
    "benchmark-report",
    "implementation-checklist",
)
WEBINAR_SLUGS: tuple[str, ...] = ("scoring-masterclass", "automation-live", "data-driven-abm", "product-tour")
EMAIL_THEMES: tuple[str, ...] = ("newsletter", "nurture-track", "product-launch", "webinar-series", "event-followup")
PAGES: tuple[str, ...] = (
    "/",
    "/pricing",
    "/careers",
    "/product/analytics",
    "/product/automation",
    "/product/integrations",
    *(f"/docs/{slug}" for slug in DOC_SLUGS),
    *(f"/blog/{slug}" for slug in BLOG_SLUGS),
)
PLACEHOLDERS: tuple[str | None, ...] = ("Select", "unknown", "N/A", None)
BAD_TIMESTAMPS: tuple[str, ...] = ("not a date", "2025-13-45 10:00:00", "31/02/2026")
BOOLEAN_SPELLINGS: tuple[tuple[str, str], ...] = (("true", "false"), ("yes", "no"), ("1", "0"), ("Y", "N"))


@dataclass(frozen=True)
class Plan:
    """Everything one run depends on; the run's SQL parameters are rendered from it."""

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
