"""The suites of quality/checks.yml and the values their expectations take."""

from __future__ import annotations

import csv
import math
import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from leadscore.project import PROJECT_ROOT

if TYPE_CHECKING:
    from leadscore.quality.results import CheckTarget, RunContext

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


def project_var(name: str) -> Any:
    """A var's default from dbt_project.yml (the job passes overrides in RunContext)."""
    with (PROJECT_ROOT / "dbt_project.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["vars"][f"leadscore_{name}"]


def load_checks(path: Path = CHECKS_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def data_docs_dir(settings: dict[str, Any]) -> Path:
    configured = os.environ.get("LEADSCORE_DATA_DOCS") or settings.get("data_docs", "reports/data_docs")
    path = Path(configured)
    return path if path.is_absolute() else PROJECT_ROOT / path


def suites_of_step(checks: dict[str, Any], step: str) -> dict[str, dict[str, Any]]:
    """input.* suites check the input before the build; the rest check its output."""
    return {name: spec for name, spec in checks["suites"].items() if (step == INPUT_STEP) == name.startswith(INPUT_STEP + ".")}


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
    where not {target.regex_match(column, arguments["regex"]).replace("{", "{{").replace("}", "}}")}
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
