"""A quick backtest: score the leads as of a past date, then measure how well total_score
ranks the leads that converted in the following horizon (ROC AUC, ties counted half).

    python -m scripts.backtest --as-of 2026-04-01 [--horizon-days 90] [--input files --input-path DIR]

It builds into its own DuckDB file (target/backtest.duckdb), never the one BI reads.
`make demo` runs it on the demo data, scored as of the start of the demo's outcome period.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from scripts.leadscore_env import PROJECT_ROOT, dbt_environment, dbt_executable


def roc_auc(scores: list[float], labels: list[bool]) -> float:
    """Rank-based ROC AUC (Mann-Whitney U): tied scores share their mean rank."""
    if len(scores) != len(labels):
        raise ValueError("scores and labels differ in length")
    positives = sum(labels)
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        raise ValueError("ROC AUC needs both converted and not converted leads")
    order = sorted(range(len(scores)), key=lambda index: scores[index])
    rank_sum = 0.0
    position = 0
    while position < len(order):
        end = position
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[position]]:
            end += 1
        mean_rank = (position + end) / 2 + 1
        rank_sum += mean_rank * sum(1 for index in order[position : end + 1] if labels[index])
        position = end + 1
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def build_as_of(dbt_vars: dict[str, object], database: Path) -> None:
    """Builds lead_scores and what it needs, as of dbt_vars['as_of'], into `database`."""
    database.parent.mkdir(parents=True, exist_ok=True)
    database.unlink(missing_ok=True)
    env = dbt_environment({"LEADSCORE_DB": str(database)})
    command = [dbt_executable(), "--quiet", "run", "--select", "+lead_scores", "--vars", json.dumps(dbt_vars)]
    seed = [dbt_executable(), "--quiet", "seed", "--vars", json.dumps(dbt_vars)]
    for step in (seed, command):
        completed = subprocess.run(step, cwd=PROJECT_ROOT, env=env, check=False)
        if completed.returncode != 0:
            raise SystemExit(f"leadscore: the backtest build failed (exit {completed.returncode})")


def backtest_auc(database: Path, as_of: datetime, horizon_days: int, conversion_outcomes: list[str]) -> tuple[float, int, int]:
    """ROC AUC of total_score for conversions in (as_of, as_of + horizon], over the leads
    that were not customers yet at as_of. Returns (auc, leads, conversions)."""
    connection = duckdb.connect(str(database), read_only=True)
    try:
        rows = connection.execute(
            """
            select
                scores.total_score,
                exists (
                    select 1
                    from intermediate.int_outcomes_deduplicated as outcomes
                    where outcomes.lead_id = scores.lead_id
                        and outcomes.outcome in (select unnest(?::varchar[]))
                        and outcomes.outcome_at > ?
                        and outcomes.outcome_at <= ?
                ) as converted
            from main.lead_scores as scores
            where scores.lifecycle_stage != 'customer'
            """,
            [conversion_outcomes, as_of, as_of + timedelta(days=horizon_days)],
        ).fetchall()
    finally:
        connection.close()
    scores = [float(row[0]) for row in rows]
    labels = [bool(row[1]) for row in rows]
    return roc_auc(scores, labels), len(rows), sum(labels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--as-of", required=True, help="the past scoring date")
    parser.add_argument("--horizon-days", type=int, default=90, help="conversions counted after as_of (days)")
    parser.add_argument("--input", choices=["demo", "files", "tables"], default="demo")
    parser.add_argument("--input-path", help="folder of input files (input=files)")
    parser.add_argument("--database", default=str(PROJECT_ROOT / "target" / "backtest.duckdb"))
    args = parser.parse_args(argv)
    dbt_vars: dict[str, object] = {"input": args.input, "as_of": args.as_of}
    if args.input_path:
        dbt_vars["input_path"] = str(Path(args.input_path).expanduser().resolve())
    database = Path(args.database)
    build_as_of(dbt_vars, database)
    auc, leads, conversions = backtest_auc(
        database, datetime.fromisoformat(args.as_of), args.horizon_days, ["converted", "won"]
    )
    print(f"ROC AUC of total_score as of {args.as_of} against conversions in the next {args.horizon_days} days: "
          f"{auc:.3f} ({leads} leads, {conversions} conversions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
