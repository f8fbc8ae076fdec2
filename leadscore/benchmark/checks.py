"""The two ways the input checks could count rows, timed on a built DuckDB file (a script,
not a test): `python -m leadscore.benchmark.checks --database <file> [--as-of <date>]`.

  sql     what the main job does: GX's SQL data source runs every expectation of the input
          suites inside DuckDB (leadscore/quality, Gate.run_step).
  frames  the alternative the design was measured against: each row condition is evaluated
          in SQL (one aggregate query per frame counts the failing rows of every condition),
          the failing rows of each condition are fetched, capped, into pandas, and GX
          validates those bounded frames.

Each runs in its own process (DuckDB's memory is the process's); the table gives wall
seconds and peak resident memory. Both read every row the event store judged (as a full
build's checks do). The `frames` option checks the column expectations of checks.yml
(not null, between, in set, unique, regex) by one aggregate per frame; the table-level
ones (row counts, columns) by a query each.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from leadscore.project import PROJECT_ROOT

# failing rows fetched per condition in the `frames` option (as many as a report could show)
FAILING_ROWS_CAP = 1000


def run_sql_option(database: Path, as_of: datetime) -> dict[str, Any]:
    from leadscore.quality import INPUT_STEP, Gate, RunContext, duckdb_check_target  # noqa: PLC0415

    gate = Gate()
    reports = gate.run_step(duckdb_check_target(database), INPUT_STEP, RunContext(as_of=as_of))
    return {
        "checks": sum(len(report.results) for report in reports),
        "failed": sum(1 for report in reports for result in report.results if not result.success),
    }


def sql_literal(value: Any) -> str:
    if isinstance(value, datetime):
        return f"cast('{value.isoformat(sep=' ')}' as timestamp)"
    if isinstance(value, (int, float)):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def failing_condition(expectation: str, arguments: dict[str, Any], frame_sql: str) -> str | None:
    """SQL true for a row the expectation counts as unexpected (nulls pass, as in GX)."""
    column = arguments.get("column")
    if expectation == "expect_column_values_to_not_be_null":
        return f"{column} is null"
    if expectation == "expect_column_values_to_be_between":
        return f"({column} < {sql_literal(arguments['min_value'])} or {column} > {sql_literal(arguments['max_value'])})"
    if expectation == "expect_column_values_to_be_in_set":
        return f"{column} not in ({', '.join(sql_literal(value) for value in arguments['value_set'])})"
    if expectation == "expect_column_values_to_match_regex":
        return f"not regexp_matches({column}, {sql_literal(arguments['regex'])})"
    if expectation == "expect_column_values_to_be_unique":
        return f"{column} in (select {column} from ({frame_sql}) as keys group by {column} having count(*) > 1)"
    return None


def run_frames_option(database: Path, as_of: datetime) -> dict[str, Any]:
    import duckdb  # noqa: PLC0415
    import great_expectations as gx  # noqa: PLC0415
    from great_expectations.expectations.registry import get_expectation_impl  # noqa: PLC0415

    from leadscore.quality import INPUT_STEP, RunContext, duckdb_check_target  # noqa: PLC0415
    from leadscore.quality.settings import (  # noqa: PLC0415
        expectation_arguments,
        load_checks,
        placeholder_values,
        suites_of_step,
    )

    checks = load_checks()
    context = RunContext(as_of=as_of)
    values = placeholder_values(checks["settings"], context, None)
    target = duckdb_check_target(database)
    # the same settings as the SQL option's connection (duckdb_check_target)
    connection = duckdb.connect(
        str(database),
        read_only=True,
        config={
            "memory_limit": os.environ.get("LEADSCORE_DUCKDB_MEMORY", "8GB"),
            "threads": int(os.environ.get("LEADSCORE_DUCKDB_THREADS", "2")),
        },
    )
    gx_context = gx.get_context(mode="ephemeral")
    pandas_source = gx_context.data_sources.add_pandas("failing_rows")
    checked = failed = 0
    for name, spec in suites_of_step(checks, INPUT_STEP).items():
        conditions: dict[str, list[tuple[dict[str, Any], dict[str, Any], str]]] = {}
        for configured in spec["expectations"]:
            checked += 1
            arguments, _ = expectation_arguments(name, configured, values, context)
            if arguments is None:
                continue  # skipped in both options (e.g. no previous run to compare with)
            frame_sql = target.frame_sql(configured.get("frame", spec["frame"]))
            if configured["expectation"] == "expect_column_to_exist":
                described = connection.execute(f"describe select * from ({frame_sql}) as frame_rows").fetchall()
                failed += int(arguments["column"] not in [row[0] for row in described])
            elif configured["expectation"] == "expect_table_row_count_to_be_between":
                count = connection.execute(f"select count(*) from ({frame_sql}) as frame_rows").fetchone()
                assert count is not None
                failed += int(not arguments.get("min_value", 0) <= count[0] <= arguments.get("max_value", count[0]))
            else:
                condition = failing_condition(configured["expectation"], arguments, frame_sql)
                if condition is None:
                    raise SystemExit(f"no row condition for {configured['expectation']}: add it to failing_condition")
                conditions.setdefault(frame_sql, []).append((configured, arguments, condition))
        for frame_sql, members in conditions.items():
            # one scan counts the failing rows of every condition on the frame
            counts = connection.execute(
                "select count(*)"
                + "".join(f", count(*) filter (where {condition})" for _, _, condition in members)
                + f" from ({frame_sql}) as frame_rows"
            ).fetchone()
            assert counts is not None
            for index, (configured, arguments, condition) in enumerate(members):
                mostly = float(arguments.get("mostly", 1.0))
                failed += int(counts[index + 1] > counts[0] * (1 - mostly))
                failing = connection.execute(f"select * from ({frame_sql}) as frame_rows where {condition} limit {FAILING_ROWS_CAP}").df()
                asset = pandas_source.add_dataframe_asset(f"{name}_{len(pandas_source.assets)}")
                batch = asset.add_batch_definition_whole_dataframe("failing").get_batch(batch_parameters={"dataframe": failing})
                gx_arguments = {key: value for key, value in arguments.items() if key not in ("mostly", "severity")}
                batch.validate(
                    get_expectation_impl(configured["expectation"])(**gx_arguments),
                    result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5},
                )
    connection.close()
    return {"checks": checked, "failed": failed}


def child(option: str, database: Path, as_of: datetime) -> None:
    started = time.monotonic()
    outcome = (run_sql_option if option == "sql" else run_frames_option)(database, as_of)
    outcome["seconds"] = time.monotonic() - started
    outcome["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(outcome))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path, required=True, help="a DuckDB file the main job built")
    parser.add_argument("--as-of", default="2026-06-30")
    parser.add_argument("--option", choices=("sql", "frames"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    as_of = datetime.fromisoformat(args.as_of)
    if args.option:
        child(args.option, args.database, as_of)
        return 0
    print("| option | seconds (input suites) | peak RSS (MB) | checks | failed |\n| --- | ---: | ---: | ---: | ---: |")
    for option in ("sql", "frames"):
        with tempfile.TemporaryDirectory() as docs:
            # the project's own Data Docs stay as the last run left them
            run = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "leadscore.benchmark.checks",
                    "--database",
                    str(args.database),
                    "--as-of",
                    args.as_of,
                    "--option",
                    option,
                ],
                cwd=PROJECT_ROOT,
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "LEADSCORE_DATA_DOCS": docs},
            )
        outcome = json.loads(run.stdout.rsplit("RESULT ", 1)[1])
        print(f"| {option} | {outcome['seconds']:.1f} | {outcome['peak_rss_mb']:,.0f} | {outcome['checks']} | {outcome['failed']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
