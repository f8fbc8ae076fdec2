"""What the checks found: targets, run context, results and reports, and how they are printed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from leadscore.project import PROJECT_ROOT
from leadscore.quality.settings import CHECKS_FILE, FRAME_SCHEMAS, FRAMES_DIR, NAMED_TABLE, NOTHING_JUDGED, project_var


@dataclass
class CheckTarget:
    """Where the checks' SQL runs: a SQLAlchemy URL of the build, its dialect (duckdb or
    postgresql; or spark, run in the job's SparkSession, no URL), what each schema name of
    the frames is called there, and the SQL text of the frames' `$` parameters."""

    url: str
    dialect: str
    schemas: dict[str, str] = field(default_factory=lambda: {name: name for name in FRAME_SCHEMAS})
    parameters: dict[str, str] = field(default_factory=dict)

    def quote(self, name: str) -> str:
        """An identifier: Spark quotes with backticks (a double-quoted name is a string there)."""
        if self.dialect == "spark":
            return "`" + name.replace("`", "``") + "`"
        return '"' + name.replace('"', '""') + '"'

    def frame_sql(self, frame: str) -> str:
        sql = (FRAMES_DIR / f"{frame}.sql").read_text(encoding="utf-8")
        sql = NAMED_TABLE.sub(lambda match: f"{self.quote(self.schemas[match.group(1)])}.{self.quote(match.group(2))}", sql)
        for name, value in {"$judged_before": NOTHING_JUDGED, **self.parameters}.items():
            sql = sql.replace(name, value)
        # a trailing comment would swallow what GX appends
        return "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--")).strip() + "\n"

    def regex_match(self, column: str, pattern: str) -> str:
        """A search for the pattern (matching anywhere, as GX's regex expectation does)."""
        literal = "'" + pattern.replace("'", "''") + "'"
        if self.dialect == "postgresql":
            return f"{column} ~ {literal}"
        if self.dialect == "spark":
            # Java regex, searched anywhere; Spark reads backslashes in a literal as escapes
            return f"{column} rlike '" + pattern.replace("\\", "\\\\").replace("'", "\\'") + "'"
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
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))
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
        return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    return datetime.fromisoformat(text.strip().rstrip("Zz").replace("T", " "))


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
            offending = [next((v for k, v in e.items() if k != key), None) for e in entries]
            where = ", ".join(plain(e.get(key)) for e in entries)
            if all(is_missing(v) for v in offending):
                text += f"; {key}: {where}"
            else:
                text += "; e.g. " + ", ".join(f"{plain(v)} ({key} {plain(e.get(key))})" for v, e in zip(offending, entries))
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
