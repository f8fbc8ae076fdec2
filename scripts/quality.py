"""The main job's data-quality gates: Great Expectations suites over the build's database.

The suites, their severities and thresholds live in quality/checks.yml; each suite checks
one frame, the result of quality/frames/<frame>.sql (read from DuckDB into pandas: GX's
SQL data source does not work on DuckDB, see TOOLCHAIN.md). Suites named `input.*` run
before the build, the others after it. A failed `critical` expectation stops the run;
a failed `warning` is reported. Data Docs (static HTML) are rebuilt after every step.

    python -m scripts.quality --database target/build.duckdb --step marts
"""

from __future__ import annotations

import argparse
import csv
import logging
import math
import os
import shutil
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import duckdb
import pandas
import yaml

from scripts.leadscore_env import PROJECT_ROOT
from scripts.warehouse import FrameSource

CHECKS_FILE = PROJECT_ROOT / "quality" / "checks.yml"
FRAMES_DIR = PROJECT_ROOT / "quality" / "frames"
INPUT_STEP = "input"
MARTS_STEP = "marts"


@dataclass
class RunContext:
    """What the `$` values of checks.yml are filled from."""

    as_of: datetime
    previous_rows: dict[str, int] | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc).replace(tzinfo=None))
    future_tolerance_hours: float = field(default_factory=lambda: float(project_var("future_tolerance_hours")))
    rules_file: Path = PROJECT_ROOT / "seeds" / "scoring_rules.csv"


@dataclass
class CheckResult:
    suite: str
    expectation: str
    column: str
    severity: str
    success: bool
    detail: str
    why: str = ""
    skipped: bool = False


@dataclass
class SuiteReport:
    suite: str
    rows: int | None
    results: list[CheckResult] = field(default_factory=list)
    not_run: str = ""

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if not r.success and not r.skipped and r.severity == severity)

    @property
    def passed(self) -> int:
        return sum(1 for r in self.results if r.success and not r.skipped)

    @property
    def skipped(self) -> int:
        return sum(1 for r in self.results if r.skipped)

    def summary_line(self) -> str:
        if self.not_run:
            return f"  {self.suite:<26} not run: {self.not_run}"
        rows = f"{self.rows:>10,} rows" if self.rows is not None else ""
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        return (
            f"  {self.suite:<26} {rows}  {len(self.results):>2} checks: {self.passed} passed, "
            f"{self.count('warning')} warning(s), {self.count('critical')} critical{skipped}"
        )


def project_var(name: str) -> Any:
    """A var's default from dbt_project.yml (the job passes overrides in RunContext)."""
    with (PROJECT_ROOT / "dbt_project.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["vars"][name]


def load_checks(path: Path = CHECKS_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def data_docs_dir(settings: dict[str, Any]) -> Path:
    configured = os.environ.get("LEADSCORE_DATA_DOCS") or settings.get("data_docs", "reports/data_docs")
    path = Path(configured)
    return path if path.is_absolute() else PROJECT_ROOT / path


def suites_of_step(checks: dict[str, Any], step: str) -> dict[str, dict[str, Any]]:
    """input.* suites check the input before the build; the rest check its output."""
    return {
        name: spec
        for name, spec in checks["suites"].items()
        if (step == INPUT_STEP) == name.startswith(INPUT_STEP + ".")
    }


def rule_activity_types(rules_file: Path) -> list[str]:
    """The activity types the scoring rules name (they are known, whatever the list says)."""
    if not rules_file.exists():
        return []
    with rules_file.open(encoding="utf-8", newline="") as handle:
        return sorted(
            {
                (row.get("field") or "").strip().lower()
                for row in csv.DictReader(handle)
                if (row.get("source") or "").strip().lower() == "activity" and (row.get("field") or "").strip() not in ("", "*")
            }
        )


def placeholder_values(settings: dict[str, Any], context: RunContext, scorable_leads: int | None) -> dict[str, Any]:
    earliest = datetime.fromisoformat(str(settings["earliest_plausible_timestamp"]))
    # like staging's future cut-off: times after as_of are ignored by scoring, not wrong
    latest = context.started_at + timedelta(hours=float(context.future_tolerance_hours))
    known = sorted(set(settings["known_activity_types"]) | set(rule_activity_types(context.rules_file)))
    return {
        "$earliest_timestamp": earliest,
        "$latest_timestamp": latest,
        "$known_activity_types": known,
        "$email_regex": settings["email_regex"],
        "$scorable_leads": scorable_leads,
    }


def table_of_suite(suite: str) -> str:
    return suite.split(".", 1)[1]


def expectation_arguments(
    suite: str, spec: dict[str, Any], values: dict[str, Any], context: RunContext
) -> tuple[dict[str, Any] | None, str]:
    """The GX arguments of one configured expectation, or None and why it is skipped."""
    arguments = {k: v for k, v in spec.items() if k not in ("expectation", "why", "previous_run_band")}
    for key, value in list(arguments.items()):
        if isinstance(value, str) and value.startswith("$"):
            if value not in values:
                raise SystemExit(f"leadscore: {CHECKS_FILE.name}: suite {suite}: unknown value {value}")
            if values[value] is None:
                return None, f"{value} is not known here"
            arguments[key] = values[value]
    band = spec.get("previous_run_band")
    if band is not None:
        previous = (context.previous_rows or {}).get(table_of_suite(suite))
        if previous is None:
            return None, "no previous published run to compare with"
        arguments["min_value"] = math.floor(previous * (1 - float(band)))
        arguments["max_value"] = math.ceil(previous * (1 + float(band)))
    return arguments, ""


def read_frame(connection: FrameSource, frame: str, table: str | None) -> tuple[Any, str]:
    """The frame of a suite, falling back to the base view alone when the staged one is
    missing (a required column is absent, so staging could not be built)."""
    sql = (FRAMES_DIR / f"{frame}.sql").read_text(encoding="utf-8")
    try:
        return connection.sql(sql).df(), ""
    except duckdb.Error as error:
        if table is None:
            return None, first_line(str(error))
        try:
            fallback = connection.sql(f"select * exclude (raw_record) from staging.base_{table}").df()
        except duckdb.Error:
            return None, first_line(str(error))
        return fallback, "staged values unavailable (" + first_line(str(error)) + ")"


def raised_exception_message(info: Any) -> str | None:
    """GX reports an expectation that raised either flat or keyed by metric."""
    if not isinstance(info, dict):
        return None
    entries = [info] + [value for value in info.values() if isinstance(value, dict)]
    for entry in entries:
        if entry.get("raised_exception"):
            return first_line(str(entry.get("exception_message") or "error"))
    return None


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def describe_result(result: Any, index_columns: list[str]) -> str:
    """A short account of what failed, with a few offending values."""
    message = raised_exception_message(result.exception_info)
    if message is not None:
        return f"could not be evaluated: {message}"
    outcome = result.result or {}
    if "unexpected_count" in outcome and outcome.get("element_count") is not None:
        count = outcome["unexpected_count"]
        total = outcome.get("element_count") or 0
        share = outcome.get("unexpected_percent")
        text = f"{count:,} of {total:,} rows" + (f" ({share:.1f} %)" if share is not None else "")
        entries = [e for e in outcome.get("partial_unexpected_index_list") or [] if isinstance(e, dict)]
        if entries and index_columns:
            key = index_columns[0]
            values = [next((v for k, v in e.items() if k != key), None) for e in entries]
            where = ", ".join(plain(e.get(key)) for e in entries)
            if all(is_missing(v) for v in values):
                text += f"; {key}: {where}"
            else:
                text += "; e.g. " + ", ".join(f"{plain(v)} ({key} {plain(e.get(key))})" for v, e in zip(values, entries))
        elif outcome.get("partial_unexpected_list"):
            text += "; e.g. " + ", ".join(plain(v) for v in outcome["partial_unexpected_list"])
        return text
    if "observed_value" in outcome:
        return f"observed {plain(outcome['observed_value'])}"
    return "failed"


def is_missing(value: Any) -> bool:
    try:
        return value is None or bool(pandas.isna(value))
    except (TypeError, ValueError):
        return False


def plain(value: Any) -> str:
    if is_missing(value):
        return "null"
    text = str(value)
    if value.__class__.__name__ in ("Timestamp", "datetime"):
        return text
    if isinstance(value, str):
        return repr(value[:60])
    return text


class Gate:
    """One GX context for the whole run: suites of both steps land in the same Data Docs."""

    def __init__(self, checks: dict[str, Any] | None = None) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        logging.getLogger("great_expectations").setLevel(logging.ERROR)
        import great_expectations as gx  # noqa: PLC0415 - costs seconds; only a gate imports it

        self.gx = gx
        self.checks = checks or load_checks()
        self.settings = self.checks["settings"]
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = {"globally": False}
        self.docs = data_docs_dir(self.settings)
        # The site shows this run only: pages of earlier runs would no longer be linked.
        # Only what GX writes there is removed, never the folder itself.
        for generated in ("validations", "expectations", "static"):
            shutil.rmtree(self.docs / generated, ignore_errors=True)
        (self.docs / "index.html").unlink(missing_ok=True)
        self.context.add_data_docs_site(
            site_name="leadscore",
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(self.docs)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
        self.source = self.context.data_sources.add_pandas("leadscore")

    def build_docs(self) -> None:
        self.context.build_data_docs(site_names=["leadscore"])

    def run_step(self, connection: FrameSource, step: str, context: RunContext) -> list[SuiteReport]:
        """Runs the suites of a step on the frames read through `connection` (a DuckDB
        connection to the build, or scripts.warehouse.PostgresFrames)."""
        suites = suites_of_step(self.checks, step)
        scorable = None
        if step != INPUT_STEP:
            scorable = connection.sql("select count(*) from intermediate.int_leads_as_of").fetchone()[0]
        values = placeholder_values(self.settings, context, scorable)
        reports = []
        for name, spec in suites.items():
            table = table_of_suite(name) if step == INPUT_STEP else None
            frame, note = read_frame(connection, spec["frame"], table)
            reports.append(self.validate(name, spec, frame, note, values, context))
        self.context.build_data_docs(site_names=["leadscore"])
        return reports

    def validate(
        self, name: str, spec: dict[str, Any], frame: Any, note: str, values: dict[str, Any], context: RunContext
    ) -> SuiteReport:
        from great_expectations.expectations.registry import get_expectation_impl  # noqa: PLC0415

        if frame is None:
            # fail closed: a check that cannot run is not a check that passed
            unreadable = CheckResult(name, "frame " + spec["frame"], "", "critical", False, f"could not be read: {note}")
            return SuiteReport(suite=name, rows=None, results=[unreadable], not_run=note)
        report = SuiteReport(suite=name, rows=len(frame))
        suite = self.context.suites.add(self.gx.ExpectationSuite(name=name))
        whys: dict[str, str] = {}
        for configured in spec["expectations"]:
            arguments, skip = expectation_arguments(name, configured, values, context)
            column = str(configured.get("column") or configured.get("column_list") or configured.get("column_A") or "")
            if (
                note
                and configured["expectation"] != "expect_column_to_exist"
                and configured.get("column")
                and configured["column"] not in frame.columns
            ):
                # the staged values are missing because staging stopped: its cause is reported
                arguments, skip = None, f"not evaluated: {note}"
            if arguments is None:
                report.results.append(
                    CheckResult(name, configured["expectation"], column, configured["severity"], True, skip, skipped=True)
                )
                continue
            implementation = get_expectation_impl(configured["expectation"])
            expectation = suite.add_expectation(implementation(**arguments, notes=configured.get("why")))
            whys[expectation.id] = configured.get("why", "")
        index_columns = [c for c in spec.get("index_columns", ["raw_row_number", "lead_id"]) if c in frame.columns][:1]
        asset = self.source.add_dataframe_asset(name)
        batch = asset.add_batch_definition_whole_dataframe("run")
        definition = self.context.validation_definitions.add(
            self.gx.ValidationDefinition(name=name, data=batch, suite=suite)
        )
        result_format: dict[str, Any] = {
            "result_format": "SUMMARY",
            "partial_unexpected_count": int(self.settings.get("offending_values", 5)),
        }
        if index_columns:
            result_format["unexpected_index_column_names"] = index_columns
        validation = definition.run(batch_parameters={"dataframe": frame}, result_format=result_format)
        for result in validation.results:
            config = result.expectation_config
            kwargs = config.kwargs
            column = str(kwargs.get("column") or kwargs.get("column_list") or kwargs.get("column_A") or "")
            severity = str(getattr(config.severity, "value", config.severity))
            mostly = kwargs.get("mostly")
            label = config.type + (f" (mostly {mostly})" if mostly not in (None, 1, 1.0) else "")
            detail = "" if result.success else describe_result(result, index_columns)
            report.results.append(
                CheckResult(name, label, column, severity, bool(result.success), detail, whys.get(config.id, ""))
            )
        return report


def failures(reports: list[SuiteReport], severity: str) -> list[CheckResult]:
    return [r for report in reports for r in report.results if not r.success and not r.skipped and r.severity == severity]


def format_failure(result: CheckResult) -> str:
    column = f" {result.column}" if result.column else ""
    why = f"\n      ({result.why})" if result.why else ""
    return f"    {result.suite}{column}: {result.expectation}: {result.detail}{why}"


def print_step(title: str, reports: list[SuiteReport], docs: Path) -> None:
    print(f"\nleadscore: {title} (Great Expectations, {CHECKS_FILE.relative_to(PROJECT_ROOT)}):")
    for report in reports:
        print(report.summary_line())
    warned = failures(reports, "warning")
    if warned:
        print("  warnings:")
        for result in warned:
            print(format_failure(result))
    print(f"  Data Docs: {docs / 'index.html'}")


def print_recap(reports: list[SuiteReport], docs: Path) -> None:
    """The closing lines of a run: one line per suite."""
    print("\nData quality (Great Expectations)")
    for report in reports:
        print(report.summary_line())
    print(f"  Data Docs: {docs / 'index.html'}")


def parse_as_of(text: str | None) -> datetime:
    """as_of as the dbt var takes it (a date is its midnight; a trailing Z is UTC), or now in UTC."""
    if not text:
        return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    return datetime.fromisoformat(text.strip().rstrip("Zz").replace("T", " "))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, type=Path, help="the DuckDB file a build wrote")
    parser.add_argument("--step", choices=[INPUT_STEP, MARTS_STEP], required=True)
    parser.add_argument("--as-of", help="the scoring date of that build (default: now)")
    args = parser.parse_args(argv)
    gate = Gate()
    connection = duckdb.connect(str(args.database), read_only=True)
    try:
        reports = gate.run_step(connection, args.step, RunContext(as_of=parse_as_of(args.as_of)))
    finally:
        connection.close()
    print_step(f"{args.step} checks", reports, gate.docs)
    critical = failures(reports, "critical")
    for result in critical:
        print(format_failure(result), file=sys.stderr)
    return 1 if critical else 0


if __name__ == "__main__":
    sys.exit(main())
