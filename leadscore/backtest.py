"""A quick backtest: score the leads as of a past date, then measure how well total_score
ranks the leads that converted in the following horizon (ROC AUC, ties counted half; the
labels are the model int_leads_labelled's, the one place the label rule lives).

    python -m leadscore.backtest --as-of 2026-04-01 [--horizon-days 90] [--input files --input-path DIR]

It builds into its own DuckDB file (target/backtest.duckdb), never the one BI reads.
`make demo` runs it on the demo data, scored as of the start of the demo's outcome period.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb
from sklearn.metrics import roc_auc_score

from leadscore.dbt import dbt_process
from leadscore.project import TARGET_DIR, dbt_environment


def build_as_of(dbt_vars: dict[str, object], database: Path) -> None:
    """Builds lead_scores and the labels (int_leads_labelled, with dbt_vars'
    performance_horizon_days), as of dbt_vars['as_of'], into `database`."""
    database.parent.mkdir(parents=True, exist_ok=True)
    database.unlink(missing_ok=True)
    # a DuckDB file of its own whatever the job's target (and never a building schema's suffix)
    env = dbt_environment({"LEADSCORE_DB": str(database), "LEADSCORE_TARGET": "duckdb", "LEADSCORE_SCHEMA_SUFFIX": ""})
    for step in (["seed"], ["run", "--select", "+lead_scores", "+int_leads_labelled"]):
        completed = dbt_process(step, env, dbt_vars, capture=False)
        if completed.returncode != 0:
            raise SystemExit(f"leadscore: the backtest build failed (exit {completed.returncode})")


def backtest_auc(database: Path) -> tuple[float, int, int]:
    """ROC AUC of total_score for the conversions within the horizon after as_of, over the
    leads that were not customers yet at as_of. Returns (auc, leads, conversions)."""
    connection = duckdb.connect(str(database), read_only=True)
    try:
        rows = connection.execute(
            """
            select scores.total_score, labels.is_converted_within_horizon
            from main.lead_scores as scores
            inner join intermediate.int_leads_labelled as labels on scores.lead_id = labels.lead_id
            where not labels.is_customer
            """
        ).fetchall()
    finally:
        connection.close()
    labels = [bool(row[1]) for row in rows]
    if all(labels) or not any(labels):
        raise SystemExit("leadscore: the backtest needs both converted and not converted leads")
    return float(roc_auc_score(labels, [float(row[0]) for row in rows])), len(rows), sum(labels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--as-of", required=True, help="the past scoring date")
    parser.add_argument("--horizon-days", type=int, default=90, help="conversions counted after as_of (days)")
    parser.add_argument("--input", choices=["demo", "files", "tables"], default="demo")
    parser.add_argument("--input-path", help="folder of input files (input=files)")
    parser.add_argument("--database", default=str(TARGET_DIR / "backtest.duckdb"))
    args = parser.parse_args(argv)
    dbt_vars: dict[str, object] = {"input": args.input, "as_of": args.as_of, "performance_horizon_days": args.horizon_days}
    if args.input_path:
        dbt_vars["input_path"] = str(Path(args.input_path).expanduser().resolve())
    database = Path(args.database)
    build_as_of(dbt_vars, database)
    auc, leads, conversions = backtest_auc(database)
    print(
        f"ROC AUC of total_score as of {args.as_of} against conversions in the next {args.horizon_days} days: "
        f"{auc:.3f} ({leads} leads, {conversions} conversions)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
