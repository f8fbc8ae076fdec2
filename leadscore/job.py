"""The main job (what `make demo` and `make run` call): write, audit, publish.

    leadscore run --input files --input-path ~/exports [--as-of 2026-06-30]

Steps, in order; the first that fails stops the run, is named with what it found, and
leaves the published tables exactly as they were:
  1. freshness     dbt source freshness on the activities input
  2. stage         the base and staging views of the input, in a separate building database
  3. input checks  Great Expectations suites input.* (quality/checks.yml)
  4. build         dbt build (every model and data test) into the building database; with
                   --backfill-from, each past date is scored into lead_score_history first
  5. mart checks   Great Expectations suites cleaned.* and marts.*
  6. publish       the building database becomes the one BI reads, in one atomic rename
  7. report        the HTML report ($LEADSCORE_REPORT) and a summary of what came in, what
                   was kept and the top leads
  8. export        lead_score_changes as CSV and Parquet into $LEADSCORE_EXPORT_DIR (the CRM
                   hand-off), only after a publish

Each step logs one line with its duration ("leadscore: step build ok in 14.2 s"). In a
terminal, dbt's long steps show a progress bar; otherwise dbt's lines are printed as they come.
Make variables become dbt vars (docs/CONTRACT.md section 4); the DuckDB file is $LEADSCORE_DB.
Exit code: 0 on success (warnings included), else the failure class of EXIT_CODES.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import yaml

from leadscore.backtest import backtest_auc, build_as_of
from leadscore.dbt import Dbt, short_vars
from leadscore.demo import DEFAULT_END_DATE, OUTCOME_WINDOW_DAYS
from leadscore.project import DEMO_DIR, TARGET_DIR, WORK_ROOT, dbt_environment, ensure_demo_data
from leadscore.quality import (
    INPUT_STEP,
    MARTS_STEP,
    Gate,
    RunContext,
    SuiteReport,
    failures,
    format_failure,
    parse_as_of,
    print_recap,
    print_step,
)
from leadscore.report import report_path, write_report
from leadscore.sql import one_row
from leadscore.summary import print_summary
from leadscore.warehouse import DuckDBWarehouse, FrameSource, RunRecord, Warehouse, WarehouseBusy, for_target
from leadscore.warehouse.postgres import session_environment

# The demo data is a snapshot taken on its end date; scoring it as of today would make
# every lead months inactive, so the demo scores as of that date unless AS_OF is given.
DEMO_AS_OF = DEFAULT_END_DATE.isoformat()
# The demo's outcomes fall in the last OUTCOME_WINDOW_DAYS days: a backtest scores as of
# their start and checks how well total_score ranks the leads that converted afterwards.
DEMO_BACKTEST_AS_OF = DEFAULT_END_DATE - timedelta(days=OUTCOME_WINDOW_DAYS)
# The demo's history: every two weeks over the half year before as_of, so that the report's
# conversion panels have scoring dates whose horizon is complete and whose conversions fall
# in the demo's outcome period (its last OUTCOME_WINDOW_DAYS days). Each date is scored once:
# a later `make demo` scores only the dates the published history lacks.
DEMO_HISTORY_DAYS = 182
DEMO_HISTORY_EVERY_DAYS = 14
INPUT_TABLES = ("leads", "activities", "outcomes", "accounts")
# Momentum (lead_scores.score_change_7d / _30d) compares with the history's scores of these
# many days before as_of, made with the same rules: the job scores those moments first when
# the history lacks them (docs/sales-signals.md "Momentum").
MOMENTUM_DAYS = (7, 30)
# Step stage: the input read and judged (kept, or quarantined with a reason) into tables:
# the staging views, the triaged leads, outcomes, accounts, sales feedback and score
# adjustments, and this run's rows of the event store, with its view of the kept events.
# Freshness and the input checks then read typed, materialised rows instead of parsing the
# raw input again; the build continues from them. A backfill scores past dates from what
# the stage step left and leaves these models and their data tests to the build step (the
# event store's tests, once per backfilled date, took 9 s each time at S on Postgres).
STAGED_MODELS = (
    "+int_activity_deliveries_judged",
    "int_activities_deduplicated",
    "+int_outcomes_triaged",
    "+int_accounts_triaged",
    "+int_sales_feedback_triaged",
    "+int_score_adjustments_triaged",
)
STAGE_SELECTOR = ["--select", *STAGED_MODELS]
NOT_STAGED = ["--exclude", *(f"resource_type:model,{selector}" for selector in STAGED_MODELS)]
# Step build: every other node, and every data test (those of the staged models too: with
# indirect selection `empty`, leaving a model out does not leave its tests out). Unit tests
# check the code, not the data: `make test` runs them; the job runs the data tests.
BUILD_SELECTOR = ["--select", "fqn:*", *NOT_STAGED, "--indirect-selection", "empty", "--exclude-resource-type", "unit_test"]


# One exit code per failure class, for schedulers (docs/operations.md, "Scheduled runs"). 1 is left to
# a crash (a Python exception), 2 to a wrong command line.
EXIT_CODES = {
    "usage": 2,
    "lock": 3,
    "load": 5,
    "freshness": 4,
    "stage": 5,
    "input checks": 5,
    "backfill": 6,
    "momentum": 6,
    "build": 6,
    "mart checks": 7,
    "prepare": 8,
    "publish": 8,
    "report": 9,
    "export": 9,
}


class GateLoader:
    """The Great Expectations gate, built in a thread: importing GX takes seconds, which
    overlap with dbt staging the input (mostly the warehouse's time, not Python's)."""

    def __init__(self) -> None:
        self._future: Future[Gate] | None = None

    def start(self) -> None:
        if self._future is None:
            self._future = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gx").submit(Gate)

    def get(self) -> Gate:
        self.start()
        assert self._future is not None
        return self._future.result()


class StepFailed(Exception):
    """A step of the main job failed; the message says what it found."""

    def __init__(self, step: str, message: str) -> None:
        super().__init__(message)
        self.step = step
        self.message = message
        self.code = EXIT_CODES.get(step, 1)


class StepLog:
    """The current step, and one log line per step with its duration."""

    def __init__(self) -> None:
        self.name = "lock"
        self.started = time.monotonic()

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        self.name, self.started = name, time.monotonic()
        try:
            yield
        except BaseException:
            print(f"leadscore: step {name} failed after {time.monotonic() - self.started:.1f} s", flush=True)
            raise
        print(f"leadscore: step {name} ok in {time.monotonic() - self.started:.1f} s", flush=True)


def parse_args(argv: list[str] | None = None, prog: str | None = None) -> argparse.Namespace:
    is_backfill = bool(prog and prog.endswith("backfill"))
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", choices=["demo", "files", "tables"], default="demo")
    parser.add_argument(
        "--input-path",
        help="folder with leads.*, activities.*, outcomes.*, accounts.* and optionally sales_feedback.*, score_adjustments.* (input=files)",
    )
    parser.add_argument("--input-database", help="database holding the input tables (input=tables)")
    parser.add_argument("--input-schema", help="schema holding the input tables (input=tables)")
    parser.add_argument("--as-of", help="scoring timestamp; a date means its midnight (default: now)")
    parser.add_argument("--delimiter", help="force the CSV delimiter instead of sniffing it")
    parser.add_argument("--encoding", help="the CSV files' encoding: utf-8 (default), latin-1 (also Windows-1252) or utf-16")
    parser.add_argument(
        "--decimal-separator",
        choices=[".", ","],
        help="the input's decimal separator (default '.'); the other one groups thousands, in threes only",
    )
    parser.add_argument("--backfill-from", "--from", required=is_backfill, help="also score every date from this one (lead_score_history)")
    parser.add_argument("--backfill-to", "--to", help="... to this one (default: the day before as_of)")
    parser.add_argument("--backfill-every-days", "--every", type=int, default=7, help="... this many days apart (default 7)")
    parser.add_argument("--vars", dest="extra_vars", help="more dbt vars, as YAML, e.g. '{leadscore_activities_error_after_hours: 336}'")
    parser.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild the event store and every state from the whole input (default: continue incrementally "
        "from the published database when the input is the same one)",
    )
    parser.add_argument("--quiet", action="store_true", help="only print the summary")
    parser.add_argument("--no-backtest", action="store_true", help="demo: skip the ROC AUC backtest")
    parser.add_argument(
        "--no-momentum",
        action="store_true",
        help=f"do not score the moments {' and '.join(map(str, MOMENTUM_DAYS))} days before as_of when the history lacks them "
        "with these rules (score_change_7d / _30d stay null then)",
    )
    parser.add_argument(
        "--no-history",
        action="store_true",
        help=f"demo: do not score the past dates (every {DEMO_HISTORY_EVERY_DAYS} days over the "
        f"{DEMO_HISTORY_DAYS} days before as_of) that fill the report's conversion panels",
    )
    return parser.parse_args(argv)


# command-line options that set a dbt var of the same meaning when given
OPTION_VARS = (
    ("input_database", "input_database"),
    ("input_schema", "input_schema"),
    ("delimiter", "input_delimiter"),
    ("encoding", "input_encoding"),
    ("decimal_separator", "decimal_separator"),
)


def dbt_vars(args: argparse.Namespace) -> dict[str, object]:
    """The dbt vars of docs/CONTRACT.md section 1 from the command line."""
    variables: dict[str, object] = {"input": args.input}
    if args.input == "demo":
        ensure_demo_data()
    if args.input == "files":
        if not args.input_path:
            raise SystemExit("leadscore: INPUT=files needs INPUT_PATH=<folder>")
        folder = Path(args.input_path).expanduser().resolve()
        if not folder.is_dir():
            raise SystemExit(f"leadscore: INPUT_PATH {folder} is not a folder")
        variables["input_path"] = str(folder)
    if args.as_of:
        variables["as_of"] = args.as_of
    elif args.input == "demo":
        variables["as_of"] = DEMO_AS_OF
    for option, name in OPTION_VARS:
        if getattr(args, option):
            variables[name] = getattr(args, option)
    if args.extra_vars:
        extra = yaml.safe_load(args.extra_vars)
        if not isinstance(extra, dict):
            raise SystemExit(f"leadscore: VARS must be a YAML mapping, e.g. '{{as_of: 2026-06-30}}', not {args.extra_vars!r}")
        variables.update(short_vars(extra))
    return variables


def check_freshness(dbt: Dbt) -> None:
    """dbt source freshness on activities, read from the event store this run just staged;
    a warning is printed, an error stops the run."""
    results_file = TARGET_DIR / "sources.json"
    results_file.unlink(missing_ok=True)
    code = dbt(["source", "freshness", "--select", "source:leadscore_input.activities"]).code
    results = json.loads(results_file.read_text())["results"] if results_file.exists() else []
    if not results:
        raise StepFailed("freshness", f"dbt source freshness did not run (dbt exit {code}); see the messages above")
    result = results[0]
    status = result.get("status", "error")
    criteria = result.get("criteria") or {}
    limits = ", ".join(
        f"{name.split('_')[0]} after {rule['count']} {rule['period']}s"
        for name, rule in criteria.items()
        if isinstance(rule, dict) and rule.get("count") is not None
    )
    if "max_loaded_at_time_ago_in_s" not in result:
        raise StepFailed("freshness", f"activities freshness could not be measured: {result.get('message') or status}")
    age_hours = result["max_loaded_at_time_ago_in_s"] / 3600
    line = f"the newest activity (occurred_at) is {age_hours:.1f} h older than the scoring date ({limits})"
    if status == "error":
        raise StepFailed("freshness", f"table activities is stale: {line}")
    print(f"\nleadscore: freshness {status}: {line}")


def raise_on_critical(step: str, reports: list[SuiteReport]) -> None:
    critical = failures(reports, "critical")
    if critical:
        lines = "\n".join(format_failure(result) for result in critical)
        raise StepFailed(step, f"{len(critical)} critical expectation(s) failed:\n{lines}")


def load_files(variables: dict[str, object]) -> None:
    """Step load (Postgres): the input folder's files copied into the input schema, which the
    run then reads as input=tables; each table is replaced whole (leadscore/loaders/postgres.py)."""
    from leadscore.loaders.postgres import load  # noqa: PLC0415 - Postgres runs only

    folder = Path(str(variables.pop("input_path", None) or DEMO_DIR))
    schema = str(variables.get("input_schema") or "raw")
    encoding, delimiter = variables.get("input_encoding"), variables.get("input_delimiter")
    try:
        counts = load(folder, schema, str(encoding) if encoding else None, str(delimiter) if delimiter else None)
    except Exception as error:  # noqa: BLE001 - the reader's error, named with the step
        raise StepFailed("load", f"the files of {folder} could not be loaded: {error}{input_hint([str(error)])}") from None
    print(f"leadscore: loaded {', '.join(f'{table} {count:,}' for table, count in counts.items())} rows from {folder} into schema {schema}")
    variables.update({"input": "tables", "input_schema": schema})
    # a delivery the loader appends is committed whole, stamped with one load time: no row
    # commits late, so an incremental run reads the rows after the newest stamp it stored
    # (a sync tool's late commits are what the default lookback of 24 hours is for)
    variables.setdefault("input_loaded_at_lookback_hours", 0)


def input_hint(failures: list[str]) -> str:
    """What to set when the input's files are not in the encoding they are read in."""
    if any("not utf-8 encoded" in line or "Invalid unicode" in line for line in failures):
        return (
            "\nleadscore: the input files are not UTF-8: set their encoding with the var leadscore_input_encoding, "
            "latin-1 for Windows-1252 (Excel's CSV) or utf-16 (Excel's Unicode text), e.g. "
            "make run ... ENCODING=latin-1 or leadscore run ... --encoding latin-1"
        )
    return ""


def demo_history_dates(as_of: datetime, scored: set[date]) -> list[date]:
    """The demo's past scoring dates that the published history lacks, oldest first."""
    first = as_of.date() - timedelta(days=DEMO_HISTORY_DAYS)
    every = range(0, DEMO_HISTORY_DAYS, DEMO_HISTORY_EVERY_DAYS)
    return [day for day in (first + timedelta(days=offset) for offset in every) if day not in scored]


def backfill_dates(args: argparse.Namespace, as_of: datetime) -> list[date]:
    """The past scoring dates a backfill adds, oldest first."""
    if not args.backfill_from:
        return []
    first = date.fromisoformat(args.backfill_from)
    last = date.fromisoformat(args.backfill_to) if args.backfill_to else as_of.date() - timedelta(days=1)
    if args.backfill_every_days < 1:
        raise SystemExit("leadscore: --backfill-every-days must be at least 1")
    if first > last:
        raise SystemExit(f"leadscore: backfill from {first} is after its end {last}")
    count = (last - first).days // args.backfill_every_days + 1
    return [first + timedelta(days=i * args.backfill_every_days) for i in range(count)]


def momentum_moments(as_of: datetime, scored_with_these_rules: set[date], backfilled: list[date]) -> list[datetime]:
    """The moments MOMENTUM_DAYS before as_of whose date the history lacks with this run's
    rules (nor does this run's backfill score it), oldest first."""
    moments = (as_of - timedelta(days=days) for days in MOMENTUM_DAYS)
    return sorted(moment for moment in moments if moment.date() not in scored_with_these_rules and moment.date() not in backfilled)


def current_rules_dates(warehouse: Warehouse, dbt: Dbt) -> set[date]:
    """The scoring dates the history holds as scored with the rules of this run: the rule
    seeds are loaded and hashed first (int_rules_versioned), as the build will."""
    hashed = dbt(["build", "--select", "+int_rules_versioned", "--resource-type", "seed", "--resource-type", "model"])
    if hashed.code != 0:
        raise StepFailed("momentum", f"the rule seeds could not be loaded (dbt exit {hashed.code}):\n{hashed.summary()}")
    return warehouse.dates_scored_with_current_rules()


def backfill(dates: list[date | datetime], variables: dict[str, object], dbt: Dbt) -> None:
    """Scores each past date (its midnight) or moment into lead_score_history (the final
    build then scores as_of); the input was staged once, by the stage step."""
    for number, score_date in enumerate(dates, start=1):
        started = time.monotonic()
        result = dbt(
            # the date's ranks for score_performance too: only the run of a date ranks it again
            [
                "build",
                "--select",
                "+lead_score_history",
                "int_lead_scores_ranked",
                "int_lead_score_breakdowns_counted",
                *NOT_STAGED,
                "--indirect-selection",
                "cautious",
                "--exclude-resource-type",
                "unit_test",
            ],
            {**variables, "as_of": score_date.isoformat(sep=" ") if isinstance(score_date, datetime) else score_date.isoformat()},
        )
        if result.code != 0:
            raise StepFailed("backfill", f"scoring as of {score_date} failed (dbt exit {result.code}):\n{result.summary()}")
        print(f"leadscore: backfill {number}/{len(dates)}: scored as of {score_date} in {time.monotonic() - started:.0f} s", flush=True)


def input_identity(variables: dict[str, object]) -> str | None:
    """Where the input comes from, as the run log records it (leadscore_runs.input_path)."""
    if variables.get("input") == "tables":
        return f"{variables.get('input_database') or '(published database)'}.{variables.get('input_schema') or 'raw'}"
    path = variables.get("input_path")
    return None if path is None else str(path)


def continues_incrementally(last_run: tuple[object, ...] | None, variables: dict[str, object], full_refresh: bool) -> tuple[bool, str]:
    """Whether this run continues from the published event store and state (an incremental
    run), and why (not). Only when the last published run read the same input: a different
    folder or table is not the same append-only log."""
    if full_refresh:
        return False, "full refresh asked for"
    if last_run is None:
        return False, "nothing published yet"
    if (last_run[0], last_run[1]) != (variables.get("input"), input_identity(variables)):
        return False, f"the last published run read another input ({last_run[0]} {last_run[1] or ''}".rstrip() + ")"
    return True, "same input as the last published run"


def changes_since(run_dates: set[date], as_of: datetime) -> dict[str, object]:
    """The var naming the date lead_score_changes compares with: the latest published run's
    before this run's date, so that the CRM export holds what changed since the last hand-off
    (every lead when there was none), whatever dates a backfill or the momentum step added to
    the history."""
    earlier = [day for day in run_dates if day < as_of.date()]
    return {"changes_since": max(earlier).isoformat() if earlier else "none"}


def previous_rows(last_run: tuple[object, ...] | None) -> dict[str, int] | None:
    """Raw row counts of the last published run: the input checks' volume bands."""
    if last_run is None:
        return None
    return dict(zip(INPUT_TABLES, (int(str(value)) for value in last_run[2:6])))


def report_failure(failure: StepFailed, warehouse: Warehouse, gate: Gate | None) -> None:
    if gate is not None:
        gate.build_docs()  # this run's Data Docs, whatever step it reached
    print(
        f"\nleadscore: run failed at step '{failure.step}' (exit {failure.code}): {failure.message}\nleadscore: {warehouse.unchanged}",
        file=sys.stderr,
    )


@contextmanager
def one_run_at_a_time(warehouse: Warehouse) -> Iterator[None]:
    """A second run of the same published warehouse stops instead of discarding the first one's build."""
    try:
        with warehouse.lock():
            yield
    except WarehouseBusy as busy:
        raise StepFailed("lock", str(busy)) from None


def checked(gate: Gate, warehouse: Warehouse, step: str, context: RunContext, judged_before: datetime | None) -> list[SuiteReport]:
    """A step's suites, as SQL on the build; the input frames read the event store's rows
    judged after `judged_before` (this run's)."""
    parameters = {"$judged_before": sql_timestamp(judged_before)} if judged_before is not None else {}
    return gate.run_step(warehouse.check_target(parameters), step, context)


def sql_timestamp(value: datetime) -> str:
    return f"cast('{value.isoformat(sep=' ')}' as timestamp)"


def export_dir(env: dict[str, str]) -> Path:
    return Path(env.get("LEADSCORE_EXPORT_DIR") or WORK_ROOT / "exports").expanduser().resolve()


def export_changes(frames: FrameSource, folder: Path) -> tuple[int, list[Path]]:
    """lead_score_changes as CSV and Parquet, each written beside and renamed over the last
    one, so a CRM sync never reads half a file."""
    folder.mkdir(parents=True, exist_ok=True)
    changes = frames.sql("select * from main.lead_score_changes order by lead_id")
    written = []
    for suffix, write in ((".csv", changes.write_csv), (".parquet", changes.write_parquet)):
        final = folder / f"lead_score_changes{suffix}"
        partial = folder / f".lead_score_changes{suffix}.partial"
        write(str(partial))
        partial.replace(final)
        written.append(final)
    # counted in the file just written, not by a second query of the warehouse
    (count,) = one_row(duckdb.execute("select count(*) from read_parquet(?)", [str(written[-1])]))
    return int(count), written


def build_and_publish(
    args: argparse.Namespace, env: dict[str, str], warehouse: Warehouse, variables: dict[str, object], gates: GateLoader, log: StepLog
) -> list[SuiteReport]:
    """Steps lock to publish; raises StepFailed naming the step that stopped the run."""
    as_of = variables.get("as_of")
    started = time.monotonic()
    reports: list[SuiteReport] = []
    with ExitStack() as lock:
        with log.step("lock"):
            lock.enter_context(one_run_at_a_time(warehouse))
        if env["LEADSCORE_TARGET"] == "postgres" and args.input in ("demo", "files"):
            with log.step("load"):
                load_files(variables)
        last_run = warehouse.last_run()
        context = RunContext(as_of=parse_as_of(str(as_of) if as_of else None), previous_rows=previous_rows(last_run))
        if "future_tolerance_hours" in variables:
            context.future_tolerance_hours = float(str(variables["future_tolerance_hours"]))
        incremental, why = continues_incrementally(last_run, variables, args.full_refresh)
        with log.step("prepare"):
            env.update(warehouse.prepare(incremental))
            print(
                f"leadscore: {'incremental run from the published event store' if incremental else 'full build'} ({why})"
                + ("; FULL_REFRESH=1 rebuilds everything" if incremental else "")
            )
        if args.input == "tables" and isinstance(warehouse, DuckDBWarehouse):
            with log.step("stage"):
                try:
                    warehouse.copy_input_tables(args.input_database, str(variables.get("input_schema") or "raw"))
                except RuntimeError as error:
                    raise StepFailed("stage", str(error)) from None
                variables.pop("input_database", None)
        dbt = Dbt(env, variables, args.quiet)
        judged_before = warehouse.newest_judged_at() if incremental else None
        gates.start()
        with log.step("stage"):
            staged = dbt(["run", *STAGE_SELECTOR])
            context.staged = staged.code == 0
        if staged.code == 0:
            kept, quarantined = warehouse.judged_since(judged_before)
            print(
                f"leadscore: activities judged by this run: {kept + quarantined:,} rows "
                f"({kept:,} kept, {quarantined:,} to quarantine)" + ("" if incremental else ", the whole input")
            )
            with log.step("freshness"):
                check_freshness(dbt)
        if warehouse.is_built():
            with log.step("input checks"):
                gate = gates.get()
                input_reports = checked(gate, warehouse, INPUT_STEP, context, judged_before)
                print_step("input checks", input_reports, gate.docs)
                reports += input_reports
                # an input that could not even be staged is named by dbt's message, not by GX
                if staged.code == 0 or not any(report.not_run for report in input_reports):
                    raise_on_critical("input checks", input_reports)
        if staged.code != 0:
            raise StepFailed(
                "stage", f"dbt could not stage the input (dbt exit {staged.code}):\n{staged.summary()}{input_hint(staged.failures)}"
            )
        dates = backfill_dates(args, context.as_of)
        if not dates and args.input == "demo" and not args.no_history:
            dates = demo_history_dates(context.as_of, warehouse.history_dates())
        moments: list[datetime] = []
        if not args.no_momentum:
            with log.step("momentum"):
                moments = momentum_moments(context.as_of, current_rules_dates(warehouse, dbt), dates)
                if moments:
                    print(
                        "leadscore: momentum: scoring "
                        + " and ".join(str(moment) for moment in moments)
                        + " first (lead_score_history lacks them with these rules)"
                    )
        if dates or moments:
            with log.step("backfill"):
                backfill(sorted([*dates, *moments], key=lambda moment: str(moment)), variables, dbt)
        with log.step("build"):
            # the event store's data tests check what this run judged (none: nothing; a full
            # build judged every stored event, which the tests then read without a filter)
            judged: dict[str, object] = {"judged_before": str(judged_before)} if judged_before is not None else {"every_row_judged": True}
            since = changes_since(warehouse.run_dates(), context.as_of)
            built = dbt(["build", *BUILD_SELECTOR], variables={**variables, **judged, **since})
            if built.code != 0:
                raise StepFailed("build", f"dbt exit {built.code}:\n{built.summary()}")
            print(f"\nleadscore: build finished in {time.monotonic() - started:.1f} s on target {env['LEADSCORE_TARGET']}")
        with log.step("mart checks"):
            gate = gates.get()
            mart_reports = checked(gate, warehouse, MARTS_STEP, context, judged_before)
            print_step("mart checks", mart_reports, gate.docs)
            reports += mart_reports
            raise_on_critical("mart checks", mart_reports)
        with log.step("publish"):
            rows = {report.suite.split(".", 1)[1]: report.volume_rows or 0 for report in reports if report.suite.startswith("input.")}
            warehouse.record_run(
                RunRecord(
                    started_at=context.started_at,
                    as_of=context.as_of,
                    input=str(variables["input"]),
                    input_path=input_identity(variables),
                    input_rows=(rows.get("leads", 0), rows.get("activities", 0), rows.get("outcomes", 0), rows.get("accounts", 0)),
                    warning_count=sum(report.count("warning") for report in reports),
                    scored_dates=(context.as_of.date(), *dates, *(moment.date() for moment in moments)),
                )
            )
            warehouse.publish()
            print(f"\nleadscore: published {warehouse.location}")
    return reports


def report_and_export(
    args: argparse.Namespace, env: dict[str, str], warehouse: Warehouse, gate: Gate, reports: list[SuiteReport], log: StepLog
) -> None:
    """Steps report and export, on what was just published."""
    frames = warehouse.published_frames()
    try:
        with log.step("report"):
            print_summary(frames, warehouse.published_name)
            print_recap(reports, gate.docs)
            report = write_report(frames, report_path(env))
            print(f"\nleadscore: report {report}")
            if args.input == "demo" and not args.no_backtest:
                print_demo_backtest()
        with log.step("export"):
            count, files = export_changes(frames, export_dir(env))
            print(f"leadscore: {count} changed lead(s) exported to {', '.join(str(path) for path in files)}")
    finally:
        frames.close()


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    args = parse_args(argv, prog)
    try:
        variables = dbt_vars(args)
        env = session_environment(dbt_environment(), variables)
        warehouse = for_target(env)
    except SystemExit as usage:
        print(usage, file=sys.stderr)
        return EXIT_CODES["usage"]
    log = StepLog()
    gates = GateLoader()
    try:
        reports = build_and_publish(args, env, warehouse, variables, gates, log)
    except StepFailed as failure:
        # Data Docs once the checks could have run, i.e. past the lock and the preparation
        report_failure(failure, warehouse, None if log.name in ("lock", "prepare") else gates.get())
        return failure.code
    except Exception as error:  # noqa: BLE001 - any crash must still say what it left behind
        report_failure(StepFailed(log.name, f"{type(error).__name__}: {error}"), warehouse, gates.get())
        raise
    try:
        report_and_export(args, env, warehouse, gates.get(), reports, log)
    except Exception as error:  # noqa: BLE001
        print(
            f"\nleadscore: published {warehouse.published_name}, but step '{log.name}' failed "
            f"(exit {EXIT_CODES[log.name]}): {type(error).__name__}: {error}",
            file=sys.stderr,
        )
        return EXIT_CODES[log.name]
    return 0


def print_demo_backtest() -> None:
    """ROC AUC of total_score on the demo, scored before its outcome period."""
    database = TARGET_DIR / "backtest.duckdb"
    as_of = datetime.combine(DEMO_BACKTEST_AS_OF, datetime.min.time())
    build_as_of({"input": "demo", "as_of": as_of.isoformat(sep=" "), "performance_horizon_days": OUTCOME_WINDOW_DAYS}, database)
    auc, leads, conversions = backtest_auc(database)
    print(
        f"\nBacktest: ROC AUC of total_score as of {as_of:%Y-%m-%d} against conversions in the next "
        f"{OUTCOME_WINDOW_DAYS} days: {auc:.3f} ({leads} leads, {conversions} conversions)"
    )


if __name__ == "__main__":
    sys.exit(main())
