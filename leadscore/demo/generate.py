"""The demo-data driver: runs the statements in ``sql/`` in order on one in-memory DuckDB.

    python -m leadscore.demo --out data/demo [--leads 5000]
        [--activities 100000] [--seed 42] [--format csv|parquet]
        [--end-date 2026-06-30] [--threads N] [--quiet]

Steps per table (``sql/<step>.sql``; ``connect`` first)::

    accounts    build_accounts, write_accounts
    leads       build_leads, count_lead_copies, write_leads
    activities  build_activity_weight, total_activity_weight, build_activity_plan,
                build_activities, build_activity_extra, count_activity_extra, write_activities
    outcomes    build_outcomes, write_outcomes
    sales_feedback     build_sales_feedback, write_sales_feedback
    score_adjustments  write_score_adjustments

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
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import duckdb
from tqdm import tqdm

from leadscore.demo import DEFAULT_END_DATE, FORMATS, TABLES
from leadscore.demo.model import Plan
from leadscore.demo.params import id_width, output_params, sql_params
from leadscore.demo.sqltext import render, sql_num, sql_path

Params = Mapping[str, str]


# --------------------------------------------------------------------------
# Running statements.
# --------------------------------------------------------------------------
def run(con: duckdb.DuckDBPyConnection, step: str, params: Params) -> None:
    """Execute ``sql/<step>.sql`` (one or more statements)."""
    con.execute(render(step, params))


def scalar(con: duckdb.DuckDBPyConnection, step: str, params: Params) -> int:
    """Execute ``sql/<step>.sql`` and return the integer its last statement yields (a count,
    or the rows a COPY wrote)."""
    row = con.execute(render(step, params)).fetchone()
    return int(row[0]) if row else 0


def connect(params: Params, threads: int, temp_dir: Path) -> duckdb.DuckDBPyConnection:
    """Open an in-memory DuckDB with the settings and the seeded random macros."""
    con = duckdb.connect(":memory:")
    run(con, "connect", {**params, "threads": sql_num(int(threads)), "temp_dir": sql_path(temp_dir)})
    return con


# --------------------------------------------------------------------------
# The tables.
# --------------------------------------------------------------------------
def lead_widths(con: duckdb.DuckDBPyConnection, plan: Plan, params: Params) -> dict[str, str]:
    """Digits after ``L`` (7, widened when originals + same-person copies + the all-nines
    unknown id would not fit) and after ``LX`` (one fewer)."""
    width = id_width(7, plan.leads + scalar(con, "count_lead_copies", params) + 1)
    return {"lead_width": sql_num(width), "unknown_lead_width": sql_num(width - 1)}


def write_accounts(con: duckdb.DuckDBPyConnection, plan: Plan, params: Params, path: Path, fmt: str) -> int:
    run(con, "build_accounts", params)
    return scalar(con, "write_accounts", {**params, **output_params(path, fmt)})


def write_leads(con: duckdb.DuckDBPyConnection, plan: Plan, params: Params, path: Path, fmt: str) -> int:
    run(con, "build_leads", params)
    return scalar(con, "write_leads", {**params, **lead_widths(con, plan, params), **output_params(path, fmt)})


def write_activities(con: duckdb.DuckDBPyConnection, plan: Plan, params: Params, path: Path, fmt: str) -> int:
    """Plan the events per lead, expand them, add the dirty rows and write them."""
    run(con, "build_activity_weight", params)
    total = scalar(con, "total_activity_weight", params)
    run(
        con,
        "build_activity_plan",
        {
            **params,
            "event_count": sql_num(plan.activities if total > 0 else 0),
            "total_weight": sql_num(max(total, 1)),
        },
    )
    run(con, "build_activities", params)
    run(con, "build_activity_extra", params)
    extra = scalar(con, "count_activity_extra", params)
    return scalar(
        con,
        "write_activities",
        {
            **params,
            **lead_widths(con, plan, params),
            "activity_width": sql_num(id_width(9, plan.activities + extra)),
            **output_params(path, fmt),
        },
    )


def write_outcomes(con: duckdb.DuckDBPyConnection, plan: Plan, params: Params, path: Path, fmt: str) -> int:
    run(con, "build_outcomes", params)
    return scalar(con, "write_outcomes", {**params, **lead_widths(con, plan, params), **output_params(path, fmt)})


def write_sales_feedback(con: duckdb.DuckDBPyConnection, plan: Plan, params: Params, path: Path, fmt: str) -> int:
    """The reps' ratings, following each lead's true conversion probability (after outcomes)."""
    run(con, "build_sales_feedback", params)
    return scalar(con, "write_sales_feedback", {**params, **lead_widths(con, plan, params), **output_params(path, fmt)})


def write_score_adjustments(con: duckdb.DuckDBPyConnection, plan: Plan, params: Params, path: Path, fmt: str) -> int:
    return scalar(con, "write_score_adjustments", {**params, **lead_widths(con, plan, params), **output_params(path, fmt)})


WRITERS = {
    "accounts": write_accounts,
    "leads": write_leads,
    "activities": write_activities,
    "outcomes": write_outcomes,
    "sales_feedback": write_sales_feedback,
    "score_adjustments": write_score_adjustments,
}


def write_table(con: duckdb.DuckDBPyConnection, plan: Plan, params: Params, table: str, path: Path, fmt: str) -> int:
    """Build and write one table; tables must be produced in ``TABLES`` order."""
    if table not in WRITERS:
        raise ValueError(f"unknown table {table!r}")
    return WRITERS[table](con, plan, params, path, fmt)


# --------------------------------------------------------------------------
# The run.
# --------------------------------------------------------------------------
def validate(leads: int, activities: int, seed: int, fmt: str) -> None:
    if leads < 1:
        raise ValueError("leads must be >= 1")
    if activities < 0:
        raise ValueError("activities must be >= 0")
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    if not -(2**63) <= seed < 2**63:
        raise ValueError("seed must fit in a signed 64-bit integer")


def generate(
    out_dir: Path,
    leads: int,
    activities: int,
    seed: int,
    fmt: str,
    end_date: date,
    *,
    threads: int | None = None,
    show_progress: bool = False,
) -> dict[str, int]:
    """Write accounts, leads, activities, outcomes, sales_feedback and score_adjustments to ``out_dir``.

    Returns the number of rows written per table (dirty rows included).  The
    output bytes depend only on the arguments, not on ``threads``.
    """
    validate(leads, activities, seed, fmt)
    plan = Plan(leads=leads, activities=activities, seed=seed, end_date=end_date)
    params = sql_params(plan)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with (
        tempfile.TemporaryDirectory(prefix="leadscore-demo-") as tmp,
        tqdm(total=len(TABLES), desc="demo data", unit="table", file=sys.stderr, disable=not show_progress, leave=False) as bar,
    ):
        con = connect(params, threads or os.cpu_count() or 1, Path(tmp))
        try:
            for table in TABLES:
                bar.set_postfix_str(table)
                started = time.perf_counter()
                counts[table] = write_table(con, plan, params, table, out_dir / f"{table}.{fmt}", fmt)
                if show_progress:
                    tqdm.write(f"{table:<11}{counts[table]:>13,} rows {time.perf_counter() - started:7.1f}s", file=sys.stderr)
                bar.update(1)
        finally:
            con.close()
    return counts


# --------------------------------------------------------------------------
# Command line.
# --------------------------------------------------------------------------
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


def parse_args(argv: Sequence[str] | None = None, prog: str | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=prog or "leadscore demo-data",
        description="Write deterministic demo leads/activities/outcomes/accounts/sales_feedback/score_adjustments for leadscore.",
    )
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--leads", type=positive_int, default=5000, help="original leads (default 5000)")
    parser.add_argument("--activities", type=non_negative_int, default=None, help="clean activity events (default 20 x leads)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="csv", help="file format (default csv)")
    parser.add_argument(
        "--end-date", type=date.fromisoformat, default=DEFAULT_END_DATE, help="last day of the calendar, YYYY-MM-DD (default 2026-06-30)"
    )
    parser.add_argument(
        "--threads", type=positive_int, default=None, help="DuckDB threads (default: all cores; output does not depend on it)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress output on stderr (the summary line is still printed)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    args = parse_args(argv, prog)
    activities = args.activities if args.activities is not None else 20 * args.leads
    started = time.perf_counter()
    counts = generate(
        args.out, args.leads, activities, args.seed, args.fmt, args.end_date, threads=args.threads, show_progress=not args.quiet
    )
    summary = " ".join(f"{table}={counts[table]}" for table in TABLES)
    print(f"wrote {summary} to {args.out} ({args.fmt}, seed {args.seed}, {time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
