"""The main job (what `make demo` and `make run` call): build every model on the chosen
input and print a short summary.

    python -m scripts.run --input files --input-path ~/exports [--as-of 2026-06-30]

Make variables become dbt vars (CONTRACT.md section 4); the DuckDB file is $LEADSCORE_DB.
Exit code: 0 on success, dbt's own exit code when the build fails.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from scripts.backtest import backtest_auc, build_as_of
from scripts.generate_demo_data import DEFAULT_END_DATE, OUTCOME_WINDOW_DAYS
from scripts.leadscore_env import PROJECT_ROOT, dbt_environment, dbt_executable
from scripts.publish import prepare_build, publish
from scripts.summary import print_summary

# The demo data is a snapshot taken on its end date; scoring it as of today would make
# every lead months inactive, so the demo scores as of that date unless AS_OF is given.
DEMO_AS_OF = DEFAULT_END_DATE.isoformat()
# The demo's outcomes fall in the last OUTCOME_WINDOW_DAYS days: a backtest scores as of
# their start and checks how well total_score ranks the leads that converted afterwards.
DEMO_BACKTEST_AS_OF = DEFAULT_END_DATE - timedelta(days=OUTCOME_WINDOW_DAYS)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", choices=["demo", "files", "tables"], default="demo")
    parser.add_argument("--input-path", help="folder with leads.*, activities.*, outcomes.*, accounts.* (input=files)")
    parser.add_argument("--input-database", help="database holding the input tables (input=tables)")
    parser.add_argument("--input-schema", help="schema holding the input tables (input=tables)")
    parser.add_argument("--as-of", help="scoring timestamp; a date means its midnight (default: now)")
    parser.add_argument("--delimiter", help="force the CSV delimiter instead of sniffing it")
    parser.add_argument("--quiet", action="store_true", help="only print the summary")
    parser.add_argument("--no-backtest", action="store_true", help="demo: skip the ROC AUC backtest")
    return parser.parse_args(argv)


def dbt_vars(args: argparse.Namespace) -> dict[str, object]:
    """The dbt vars of CONTRACT.md section 1 from the command line."""
    variables: dict[str, object] = {"input": args.input}
    if args.input == "files":
        if not args.input_path:
            raise SystemExit("leadscore: INPUT=files needs INPUT_PATH=<folder>")
        folder = Path(args.input_path).expanduser().resolve()
        if not folder.is_dir():
            raise SystemExit(f"leadscore: INPUT_PATH {folder} is not a folder")
        variables["input_path"] = str(folder)
    if args.input_database:
        variables["input_database"] = args.input_database
    if args.input_schema:
        variables["input_schema"] = args.input_schema
    if args.as_of:
        variables["as_of"] = args.as_of
    elif args.input == "demo":
        variables["as_of"] = DEMO_AS_OF
    if args.delimiter:
        variables["input_delimiter"] = args.delimiter
    return variables


def run_dbt(arguments: list[str], env: dict[str, str], quiet: bool) -> int:
    command = [dbt_executable(), *arguments]
    if quiet:
        command.insert(1, "--quiet")
    completed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=False)
    return completed.returncode


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    env = dbt_environment()
    is_duckdb = env["LEADSCORE_TARGET"] == "duckdb"
    published = Path(env["LEADSCORE_DB"]).resolve()
    if is_duckdb:
        # write-audit-publish: build and check beside the published file, then swap it in
        building = prepare_build(published)
        env["LEADSCORE_DB"] = str(building)
    variables = json.dumps(dbt_vars(args))
    started = time.monotonic()
    # Unit tests check the code, not the data: `make test` runs them; the job runs data tests.
    code = run_dbt(["build", "--exclude-resource-type", "unit_test", "--vars", variables], env, args.quiet)
    if code != 0:
        unchanged = f"; the published database {published} was not changed" if is_duckdb else ""
        print(f"leadscore: step 'build' failed (dbt exit {code}); see the messages above{unchanged}", file=sys.stderr)
        return code
    print(f"\nleadscore: build finished in {time.monotonic() - started:.1f} s on target {env['LEADSCORE_TARGET']}")
    if is_duckdb:
        publish(building, published)
        print(f"leadscore: published {published}")
        print_summary(published)
    if args.input == "demo" and not args.no_backtest:
        print_demo_backtest()
    return 0


def print_demo_backtest() -> None:
    """ROC AUC of total_score on the demo, scored before its outcome period."""
    database = PROJECT_ROOT / "target" / "backtest.duckdb"
    as_of = datetime.combine(DEMO_BACKTEST_AS_OF, datetime.min.time())
    build_as_of({"input": "demo", "as_of": as_of.isoformat(sep=" ")}, database)
    auc, leads, conversions = backtest_auc(database, as_of, OUTCOME_WINDOW_DAYS, ["converted", "won"])
    print(
        f"\nBacktest: ROC AUC of total_score as of {as_of:%Y-%m-%d} against conversions in the next "
        f"{OUTCOME_WINDOW_DAYS} days: {auc:.3f} ({leads} leads, {conversions} conversions)"
    )


if __name__ == "__main__":
    sys.exit(main())
