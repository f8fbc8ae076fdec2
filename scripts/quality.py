"""The main job's data-quality gates: Great Expectations suites run as SQL in the warehouse.

The suites, their severities and thresholds live in quality/checks.yml; each suite checks
one or more frames, the queries in quality/frames/<frame>.sql over the build. GX's SQL data
source runs every expectation inside the warehouse (DuckDB, or Postgres), so no row is
copied into Python and memory stays flat whatever the size of the input: GX sends one
aggregate query per frame for the counts, and fetches at most a few offending values.
Suites named `input.*` run after the stage step, the others after the build. A failed
`critical` expectation stops the run; a failed `warning` is reported. Data Docs (static
HTML) are rebuilt after every step.

    python -m scripts.quality --database target/build.duckdb --step marts
"""

from __future__ import annotations

import argparse
import csv
import logging
import math
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

from scripts.leadscore_env import PROJECT_ROOT

CHECKS_FILE = PROJECT_ROOT / "quality" / "checks.yml"
FRAMES_DIR = PROJECT_ROOT / "quality" / "frames"
INPUT_STEP = "input"
MARTS_STEP = "marts"
REGEX_EXPECTATION = "expect_column_values_to_match_regex"
# the schema names the frames are written with; a CheckTarget says what each is on its engine
FRAME_SCHEMAS = ("main", "staging", "intermediate", "restricted")
NAMED_TABLE = re.compile(r"\b(" + "|".join(FRAME_SCHEMAS) + r")\.(\w+)\b")
# the oldest possible judging time: every stored row is newer (a full build checks them all)
NOTHING_JUDGED = "cast('0001-01-01 00:00:00' as timestamp)"


@dataclass
class CheckTarget:
    """Where the checks' SQL runs: a SQLAlchemy URL of the build, its dialect (duckdb or
    postgresql), what each schema name of the frames is called there, and the SQL text of
    the frames' `$` parameters."""

    url: str
    dialect: str
    schemas: dict[str, str] = field(default_factory=lambda: {name: name for name in FRAME_SCHEMAS})
    parameters: dict[str, str] = field(default_factory=dict)

    def frame_sql(self, frame: str) -> str:
        sql = (FRAMES_DIR / f"{frame}.sql").read_text(encoding="utf-8")
        sql = NAMED_TABLE.sub(lambda match: f'"{self.schemas[match.group(1)]}"."{match.group(2)}"', sql)
        for name, value in {"$judged_before": NOTHING_JUDGED, **self.parameters}.items():
            sql = sql.replace(name, value)
        # a trailing comment would swallow what GX appends
        return "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--")).strip() + "\n"

    def regex_match(self, column: str, pattern: str) -> str:
        """A search for the pattern (matching anywhere, as GX's regex expectation does)."""
        literal = "'" + pattern.replace("'", "''") + "'"
        if self.dialect == "postgresql":
            return f"{column} ~ {literal}"
        return f"regexp_matches({column}, {literal})"


def duckdb_check_target(database: Path, parameters: dict[str, str] | None = None) -> CheckTarget:
    """A DuckDB file, read-only, with the profile's memory limit and threads."""
    from sqlalchemy.engine import URL  # noqa: PLC0415 - GX brings it; only the checks need it

    settings = {
        "access_mode": "read_only",
        "memory_limit": os.environ.get("LEADSCORE_DUCKDB_MEMORY", "8GB"),
        "threads": os.environ.get("LEADSCORE_DUCKDB_THREADS", "2"),
    }
    url = URL.create("duckdb", database=str(database), query=settings)
    return CheckTarget(url.render_as_string(hide_password=False), "duckdb", parameters=parameters or {})


@dataclass
class RunContext:
    """What the `$` values of checks.yml are filled from."""

    as_of: datetime
    previous_rows: dict[str, int] | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc).replace(tzinfo=None))
    future_tolerance_hours: float = field(default_factory=lambda: float(project_var("future_tolerance_hours")))
    rules_file: Path = PROJECT_ROOT / "seeds" / "scoring_rules.csv"
    # whether the stage step built the staged tables the input frames read
    staged: bool = True


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
    # rows of the frame whose size the volume check compares (the run log records it)
    volume_rows: int | None = None
    seconds: float = 0.0

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
            f"{self.count('warning')} warning(s), {self.count('critical')} critical{skipped}  ({self.seconds:.1f} s)"
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
    arguments = {k: v for k, v in spec.items() if k not in ("expectation", "why", "previous_run_band", "frame", "severity")}
    arguments["severity"] = spec["severity"]
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


def regex_query(target: CheckTarget, arguments: dict[str, Any], index_column: str | None) -> str:
    """The SQL of a regex check as an UnexpectedRowsExpectation: the values that do not match,
    with the counts that explain them; with `mostly`, rows only when too few match (GX's
    rule: a check passes when matching / non-null >= mostly)."""
    column = arguments["column"]
    mostly = float(arguments.get("mostly", 1.0))
    key = f"{index_column}, " if index_column and index_column != column else ""
    return f"""with checked as (
    select {key}{column}
    from {{batch}} as checked_batch
    where {column} is not null
),

unexpected as (
    select {key}{column}
    from checked
    where not {target.regex_match(column, arguments['regex']).replace("{", "{{").replace("}", "}}")}
),

counted as (
    select
        (select count(*) from unexpected) as unexpected_rows,
        (select count(*) from checked) as checked_rows
)

select unexpected.*, counted.unexpected_rows, counted.checked_rows
from unexpected
cross join counted
where counted.checked_rows - counted.unexpected_rows < {mostly!r} * counted.checked_rows
order by {index_column or column}
"""


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


def share_text(count: int, total: int) -> str:
    return f"{count:,} of {total:,} rows" + (f" ({100 * count / total:.1f} %)" if total else "")


def describe_result(result: Any, index_columns: list[str]) -> str:
    """A short account of what failed, with a few offending values."""
    message = raised_exception_message(result.exception_info)
    if message is not None:
        return f"could not be evaluated: {message}"
    outcome = result.result or {}
    unexpected_rows = (outcome.get("details") or {}).get("unexpected_rows")
    if unexpected_rows is not None:  # a regex check (UnexpectedRowsExpectation)
        first = unexpected_rows[0] if unexpected_rows else {}
        text = share_text(int(first.get("unexpected_rows", 0)), int(first.get("checked_rows", 0)))
        examples = []
        for row in unexpected_rows[:5]:
            values = {k: v for k, v in row.items() if k not in ("unexpected_rows", "checked_rows")}
            key = next((k for k in index_columns if k in values), None)
            value = next((v for k, v in values.items() if k != key), None)
            examples.append(plain(value) + (f" ({key} {plain(values[key])})" if key else ""))
        return text + ("; e.g. " + ", ".join(examples) if examples else "")
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
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN
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


def keep_one_duckdb_connection() -> None:
    """GX's SQL engine opens and closes a connection per query, except for the dialects it
    lists as needing a persisted one; DuckDB's results are gone once its connection closes,
    so every expectation would fail ('list index out of range'). DuckDB joins that list.
    A private part of GX 1.24.1 (pinned exactly; tests/python/test_quality_sql.py checks it)."""
    from great_expectations.execution_engine import sqlalchemy_execution_engine as engine  # noqa: PLC0415

    class DuckDBDialect(str):
        @property
        def value(self) -> str:
            return str(self)

    listed = engine._PERSISTED_CONNECTION_DIALECTS  # noqa: SLF001
    if not any(getattr(dialect, "value", dialect) == "duckdb" for dialect in listed):
        engine._PERSISTED_CONNECTION_DIALECTS = (*listed, DuckDBDialect("duckdb"))  # noqa: SLF001


@dataclass
class FrameBatch:
    """One frame of one suite in GX: its batch, its size and columns, or why it cannot be read."""

    name: str
    rows: int | None = None
    columns: list[str] = field(default_factory=list)
    unreadable: str = ""
    batch: Any = None


class Gate:
    """One GX context for the whole run: suites of both steps land in the same Data Docs."""

    def __init__(self, checks: dict[str, Any] | None = None) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        logging.getLogger("great_expectations").setLevel(logging.ERROR)
        import great_expectations as gx  # noqa: PLC0415 - costs seconds; only a gate imports it

        logging.getLogger("great_expectations").setLevel(logging.ERROR)  # its import sets its own level
        keep_one_duckdb_connection()
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

    def build_docs(self) -> None:
        self.context.build_data_docs(site_names=["leadscore"])

    def run_step(self, target: CheckTarget, step: str, context: RunContext) -> list[SuiteReport]:
        """Runs the suites of a step as SQL on `target` (the build); the connection is
        closed afterwards, so the next dbt command can write the database again."""
        if target.dialect == "postgresql":
            source = self.context.data_sources.add_postgres(name=step, connection_string=target.url)
        else:
            source = self.context.data_sources.add_sql(name=step, connection_string=target.url)
        try:
            scorable = None
            if step != INPUT_STEP:
                scorable = scalar(source, f'select count(*) from "{target.schemas["intermediate"]}".int_leads_as_of')
            values = placeholder_values(self.settings, context, scorable)
            frames: dict[str, FrameBatch] = {}
            reports = []
            for name, spec in suites_of_step(self.checks, step).items():
                started = time.monotonic()
                reports.append(self.validate(source, target, frames, name, spec, values, context))
                reports[-1].seconds = time.monotonic() - started
        finally:
            close_source(source)
            self.context.data_sources.delete(step)
        self.build_docs()
        return reports

    def frame(self, source: Any, target: CheckTarget, frames: dict[str, FrameBatch], name: str) -> FrameBatch:
        """The GX batch of a frame (a query asset), read once per step."""
        if name in frames:
            return frames[name]
        found = FrameBatch(name)
        sql = target.frame_sql(name)
        try:
            found.columns = columns_of(source, sql)
            found.rows = scalar(source, f"select count(*) from ({sql}) as frame_rows")
        except Exception as error:  # noqa: BLE001 - any failure to read is reported as such
            found.unreadable = first_line(str(getattr(error, "orig", None) or error))
        else:
            # GX takes a query asset only if it starts with SELECT (a frame may start with WITH)
            asset = source.add_query_asset(name=name, query=f"select * from (\n{sql}) as {name}\n")
            found.batch = asset.add_batch_definition_whole_table("run")
        frames[name] = found
        return found

    def validate(
        self, source: Any, target: CheckTarget, frames: dict[str, FrameBatch], name: str, spec: dict[str, Any],
        values: dict[str, Any], context: RunContext,
    ) -> SuiteReport:
        from great_expectations.expectations.registry import get_expectation_impl  # noqa: PLC0415

        main = self.frame(source, target, frames, spec["frame"])
        report = SuiteReport(suite=name, rows=main.rows, volume_rows=main.rows)
        # by frame, and regex queries apart (they report their rows in the COMPLETE format,
        # which the other expectations must not use: it fetches every unexpected value)
        groups: dict[tuple[str, bool], list[tuple[dict[str, Any], Any]]] = {}
        index_config = spec.get("index_columns", ["raw_row_number", "lead_id"])
        for configured in spec["expectations"]:
            frame = self.frame(source, target, frames, configured.get("frame", spec["frame"]))
            column = str(configured.get("column") or configured.get("column_list") or configured.get("column_A") or "")
            label = configured["expectation"] + (
                f" (mostly {configured['mostly']})" if configured.get("mostly") not in (None, 1, 1.0) else "")
            if configured.get("previous_run_band") is not None:
                report.volume_rows = frame.rows
            if frame.unreadable:
                if name.startswith(INPUT_STEP + ".") and not context.staged:
                    # staging stopped: its cause is named by dbt and by the raw-column checks
                    report.results.append(CheckResult(name, label, column, configured["severity"], True,
                                                      f"not evaluated: staging stopped ({frame.unreadable})", skipped=True))
                else:
                    # fail closed: a check that cannot run is not a check that passed
                    report.results.append(CheckResult(name, label, column, "critical", False,
                                                      f"frame {frame.name} could not be read: {frame.unreadable}"))
                    report.not_run = f"frame {frame.name} could not be read: {frame.unreadable}"
                continue
            arguments, skip = expectation_arguments(name, configured, values, context)
            if arguments is None:
                report.results.append(CheckResult(name, label, column, configured["severity"], True, skip, skipped=True))
                continue
            index_columns = [c for c in index_config if c in frame.columns][:1]
            if configured["expectation"] == REGEX_EXPECTATION:
                expectation = self.gx.expectations.UnexpectedRowsExpectation(
                    unexpected_rows_query=regex_query(target, arguments, index_columns[0] if index_columns else None),
                    description=f"{column} matches {arguments['regex']}"
                    + (f" in at least {arguments['mostly']:.0%} of the rows" if "mostly" in arguments else ""),
                    severity=arguments["severity"], notes=configured.get("why"),
                )
            else:
                implementation = get_expectation_impl(configured["expectation"])
                expectation = implementation(**arguments, notes=configured.get("why"))
            key = (frame.name, configured["expectation"] == REGEX_EXPECTATION)
            groups.setdefault(key, []).append(({**configured, "label": label, "column_text": column}, expectation))
        for (frame_name, is_query), members in groups.items():
            frame = frames[frame_name]
            index_columns = [c for c in index_config if c in frame.columns][:1]
            report.results += self.run_group(name, frame, is_query, members, index_columns)
        return report

    def run_group(self, name: str, frame: FrameBatch, is_query: bool, members: list[tuple[dict[str, Any], Any]],
                  index_columns: list[str]) -> list[CheckResult]:
        # one GX suite per frame of a configured suite (and its regex queries apart)
        suite_name = f"{name} [{frame.name}{' queries' if is_query else ''}]"
        suite = self.context.suites.add(self.gx.ExpectationSuite(name=suite_name))
        configured_by_id = {}
        for configured, expectation in members:
            added = suite.add_expectation(expectation)
            configured_by_id[added.id] = configured
        definition = self.context.validation_definitions.add(
            self.gx.ValidationDefinition(name=suite_name, data=frame.batch, suite=suite)
        )
        result_format: dict[str, Any] = {
            "result_format": "COMPLETE" if is_query else "SUMMARY",
            "partial_unexpected_count": int(self.settings.get("offending_values", 5)),
        }
        if index_columns and not is_query:
            result_format["unexpected_index_column_names"] = index_columns
        validation = definition.run(result_format=result_format)
        results = []
        for result in validation.results:
            configured = configured_by_id[result.expectation_config.id]
            severity = str(getattr(result.expectation_config.severity, "value", result.expectation_config.severity))
            detail = "" if result.success else describe_result(result, index_columns)
            results.append(CheckResult(name, configured["label"], configured["column_text"], severity,
                                       bool(result.success), detail, configured.get("why", "")))
        return results


def scalar(source: Any, sql: str) -> Any:
    """One value of a query, through the data source's own engine."""
    import sqlalchemy  # noqa: PLC0415

    with source.get_engine().connect() as connection:
        return connection.execute(sqlalchemy.text(sql)).scalar()


def columns_of(source: Any, sql: str) -> list[str]:
    import sqlalchemy  # noqa: PLC0415

    with source.get_engine().connect() as connection:
        result = connection.execute(sqlalchemy.text(f"select * from ({sql}) as frame_columns where 1 = 0"))
        names = list(result.keys())
        result.close()
        return names


def close_source(source: Any) -> None:
    """Releases what GX holds open on the warehouse: the connection kept for DuckDB (which
    also holds the file's lock) and the pooled one of the data source's own engine."""
    engine = source.get_execution_engine()
    if getattr(engine, "_connection", None) is not None:
        engine._connection.close()  # noqa: SLF001 - kept by keep_one_duckdb_connection
        engine._connection = None  # noqa: SLF001
    engine.close()
    source.get_engine().dispose()


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
    reports = gate.run_step(duckdb_check_target(args.database.resolve()), args.step, RunContext(as_of=parse_as_of(args.as_of)))
    print_step(f"{args.step} checks", reports, gate.docs)
    critical = failures(reports, "critical")
    for result in critical:
        print(format_failure(result), file=sys.stderr)
    return 1 if critical else 0


if __name__ == "__main__":
    sys.exit(main())
