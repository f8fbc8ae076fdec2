"""Deterministic generator of realistic B2B demo data for the leadscore input contract.

Writes six raw input tables into ``--out``::

    accounts.<ext>    account_id, name, domain, industry, country, employee_count, annual_revenue
    leads.<ext>       lead_id, created_at, updated_at, email, first_name, last_name, phone,
                      company, job_title, industry, country, city, lead_source, account_id,
                      employee_count, annual_revenue, do_not_email, do_not_call,
                      "Total Time Spent on Website", "Product Interest"
    activities.<ext>  activity_id, lead_id, activity_type, occurred_at, url, campaign, channel
    outcomes.<ext>    lead_id, outcome, outcome_at, amount
    sales_feedback.<ext>     lead_id, feedback_at, rating, reason, author_id
    score_adjustments.<ext>  adjustment_id, lead_id, effective_at, expires_at, mode, dimension,
                             points, reason

with ``<ext>`` = ``csv`` (header, comma separated, empty field = missing) or ``parquet``.

Usage (from the repository root)::

    python -m leadscore.demo --out data/demo [--leads 5000]
        [--activities 100000] [--seed 42] [--format csv|parquet]
        [--end-date 2026-06-30] [--threads N] [--quiet]

Modules, in the order a run uses them:
  model     the true outcome model, the latent knobs, the dirty-row rates, the personas, ``Plan``
  sqltext   SQL literals (quoting in one place) and ``render``: ``sql/<step>.sql`` with ``$name``
  params    every constant of ``model`` and of a run's ``Plan`` as a SQL literal, by name
  generate  the driver: one DuckDB connection, the steps in ``sql/`` in order, the options
  sql/      one file per step: connect, build_accounts, write_accounts, build_leads, ...

This package module holds only the calendar constants other code needs (the scoring job
uses them); it imports neither DuckDB nor the generator.
"""

from __future__ import annotations

from datetime import date

DEFAULT_END_DATE = date(2026, 6, 30)
"""Default ``--end-date``: the exclusive horizon is this day at 00:00:00."""
LEAD_WINDOW_DAYS = 365
"""Leads are created during this many days before the end date."""
OUTCOME_WINDOW_DAYS = 90
"""The outcome period is the last this-many days before the end date."""
TABLES: tuple[str, ...] = ("accounts", "leads", "activities", "outcomes", "sales_feedback", "score_adjustments")
"""The tables written, in the order they are produced."""
FORMATS: tuple[str, ...] = ("csv", "parquet")
"""File formats of ``--format``."""
