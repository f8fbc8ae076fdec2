"""The main job's data-quality gates: Great Expectations suites run as SQL in the warehouse.

The suites, their severities and thresholds live in quality/checks.yml; each suite checks
one or more frames, the queries in quality/frames/<frame>.sql over the build. GX's SQL data
source runs every expectation inside the warehouse (DuckDB, or Postgres), so no row is
copied into Python and memory stays flat whatever the size of the input: GX sends one
aggregate query per frame for the counts, and fetches at most a few offending values.
Suites named `input.*` run after the stage step, the others after the build. A failed
`critical` expectation stops the run; a failed `warning` is reported. Data Docs (static
HTML) are rebuilt after every step.

    python -m leadscore.quality --database target/build.duckdb --step marts
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from leadscore.quality.gate import Gate
from leadscore.quality.results import (
    CheckResult,
    CheckTarget,
    RunContext,
    SuiteReport,
    duckdb_check_target,
    failures,
    format_failure,
    parse_as_of,
    print_recap,
    print_step,
)
from leadscore.quality.settings import CHECKS_FILE, INPUT_STEP, MARTS_STEP

__all__ = [
    "CHECKS_FILE",
    "INPUT_STEP",
    "MARTS_STEP",
    "CheckResult",
    "CheckTarget",
    "Gate",
    "RunContext",
    "SuiteReport",
    "duckdb_check_target",
    "failures",
    "format_failure",
    "parse_as_of",
    "print_recap",
    "print_step",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, type=Path, help="the DuckDB file a build wrote")
    parser.add_argument("--step", choices=[INPUT_STEP, MARTS_STEP], required=True)
    parser.add_argument("--as-of", help="the scoring date of that build (default: now)")
    args = parser.parse_args(argv)
    gate = Gate()
    reports = gate.run_step(duckdb_check_target(args.database.resolve()), args.step, RunContext(as_of=parse_as_of(args.as_of)))
    print_step(f"{args.step} checks", reports, gate.docs)
    critical = failures(reports, "critical")
    for result in critical:
        print(format_failure(result), file=sys.stderr)
    return 1 if critical else 0


if __name__ == "__main__":
    sys.exit(main())
