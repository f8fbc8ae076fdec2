"""Benchmark of the scoring engine (`make benchmark SIZE=S|M|L`): a script, not a test.

For a size it generates the demo-like input once (Parquet, cached under target/benchmark/),
then times, each in its own process with DuckDB's `threads` and `memory_limit` set:
  ceiling      leadscore/benchmark/ceiling.py: one hand-written DuckDB statement computing the
               same total_score per lead from the same files
  full_build   dbt run of the scoring models (+lead_scores) into a fresh DuckDB file
  incremental  dbt run of the same models on that file, one day later, after new events
               were appended to the activities: 1 % at S and M; at L as many as at M
               (0.25 %), so that L has four times the history and the same new events
               (the event store and the carried state take only the new events; the lead
               side is rebuilt)
  main_full    the job users run (`python -m leadscore.job`, every step from lock to export)
               on the activities as a folder of deliveries, a new database
  main_incremental_first, main_incremental
               the same job after one and two new deliveries (the same new events as
               above), continuing from the published database: the first copies it, the
               second continues the spare the last publish left (every later run is like it)
               Each job's rows are followed by one row per step (`main_full:<step>`), with the
               peak resident memory of the whole process tree (dbt and GX included).
  history_first, history_run
               the models that read lead_score_history, on the main job's published
               database with its history stretched to HISTORY_DATES daily dates (copies of
               its first date moved back a day at a time): the first run ranks and counts
               every date not ranked yet (as after an upgrade or a backfill), the second is a
               scheduled run's share (it writes its date again, ranks and counts it, and
               recomputes score_performance and lead_score_changes over the whole history);
  history_report
               the main job's report step on that database
`--parts ceiling,dbt,main,history` chooses what to time (PARTS= in make); `--main-runs full`
(MAIN_RUNS=full) times the main job's full run only.
`--target postgres` (TARGET=postgres in make) runs the main job's three runs on PostgreSQL
instead, on a private server started for the benchmark (leadscore/postgres_server.py, as the
tests start theirs: Debian's binaries, a cluster in target/benchmark/<size>/postgres, stopped
afterwards), the input files loaded by the job's own load step; the table then sets each step
beside DuckDB's (the DuckDB rows of results.json: `make benchmark SIZE=S PARTS=main` first).
Both builds are checked against the ceiling lead by lead (the ceiling is run again, untimed,
for the incremental run's input and as_of). It prints a markdown table (wall seconds, events
per second, peak resident memory, ratio to the ceiling) that also goes to
benchmarks/results_<size>.md, with the figures in benchmarks/results.json.
A step that fails is a result too: its row says "failed" and why, the steps after it still
run where they can, and the exit status is 1. Where the single ceiling statement runs out of
memory (L), the ceiling runs as CEILING_SLICES statements, one per slice of the lead ids, each
with all its leads' events, and its row says so: every lead is still scored and checked.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb

from leadscore.benchmark.inputs import count_events, generate, with_new_events
from leadscore.benchmark.measure import (
    AS_OF,
    CEILING_SLICES,
    NEW_EVENT_SHARE,
    NEXT_AS_OF,
    SIZES,
    Measurement,
    StepFailed,
    build_step_profile,
    disagreement,
    measured,
    profile,
    table,
    timed_ceiling,
    timed_dbt_run,
    timed_job,
)
from leadscore.dbt import dbt_command
from leadscore.project import TARGET_DIR, WORK_ROOT, dbt_environment
from leadscore.sql import one_row

PARTS = ("ceiling", "dbt", "main", "history")
HISTORY_DATES = 30
# what a scheduled run does with the history, by model
HISTORY_MODELS = (
    "lead_score_history",
    "int_lead_scores_ranked",
    "int_lead_score_breakdowns_counted",
    "score_performance",
    "lead_score_changes",
)


@dataclass
class Bench:
    """One benchmark of a size: its input, settings and the rows measured so far."""

    size: str
    threads: int
    memory_limit: str
    folder: Path
    data: Path
    newer: Path
    newest: Path
    measurements: list[Measurement] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    ceiling_seconds: float | None = None
    ceiling_slices: int = 1
    target: str = "duckdb"
    # "full": the main job's full run only (--main-runs), where a size's three runs take too long
    main_runs: str = "all"

    checked: set[int] = field(default_factory=set)

    def inputs(self, deliveries: int) -> tuple[Path, str]:
        """The input folder holding the history and `deliveries` new deliveries, and its as_of."""
        source = (self.data, self.newer, self.newest)[deliveries]
        return source, (date.fromisoformat(AS_OF) + timedelta(days=deliveries)).isoformat()

    def ceiling_file(self, deliveries: int) -> Path:
        return self.folder / (
            "ceiling.parquet"
            if deliveries == 0
            else "ceiling_incremental.parquet"
            if deliveries == 1
            else f"ceiling_{deliveries}_deliveries.parquet"
        )

    def agreement(self, database: Path | dict[str, str], deliveries: int) -> str:
        """Whether a build's lead_scores agree with the ceiling statement, lead by lead (the
        statement is run untimed where no timed run left its scores)."""
        check = self.ceiling_file(deliveries)
        source, as_of = self.inputs(deliveries)
        if not check.exists() or deliveries and deliveries not in self.checked:
            try:
                timed_ceiling(source, check, self.threads, self.memory_limit, as_of, self.ceiling_slices)
            except StepFailed as failure:
                if failure.reason != "out of memory" or self.ceiling_slices > 1:
                    return f"not checked: the ceiling failed ({failure.reason})"
                # the untimed single statement did not fit (L with --parts main): slices of leads
                print(f"leadscore benchmark: the ceiling ran out of memory; running it in {CEILING_SLICES} slices", flush=True)
                self.ceiling_slices = CEILING_SLICES
                return self.agreement(database, deliveries)
            self.checked.add(deliveries)
        differing, largest = disagreement(database, check)
        text = (
            f"agrees with the ceiling on every lead (max difference {largest:.1e})"
            if differing == 0
            else (f"DIFFERS from the ceiling on {differing:,} leads (max difference {largest:.3g})")
        )
        print(f"lead_scores {text}", flush=True)
        return text


def run_ceiling(bench: Bench) -> None:
    events = count_events(bench.data)
    print(f"ceiling: one DuckDB statement on {events:,} events ...", flush=True)
    note = ""
    try:
        try:
            bench.ceiling_seconds, peak = timed_ceiling(bench.data, bench.ceiling_file(False), bench.threads, bench.memory_limit)
        except StepFailed as failure:
            if failure.reason != "out of memory":
                raise
            # the whole does not fit (L): the same statement per slice of leads, each holding
            # about a slice of the events' state
            print(f"ceiling: out of memory after {failure.seconds:.0f} s; again in {CEILING_SLICES} slices of leads", flush=True)
            bench.ceiling_slices = CEILING_SLICES
            bench.ceiling_seconds, peak = timed_ceiling(
                bench.data, bench.ceiling_file(False), bench.threads, bench.memory_limit, slices=CEILING_SLICES
            )
            note = (
                f"{CEILING_SLICES} statements, one per slice of the leads with all their events "
                f"(the single statement ran out of memory after {failure.seconds:.0f} s)"
            )
        bench.measurements.append(
            Measurement(bench.size, "ceiling", bench.ceiling_seconds, events / bench.ceiling_seconds, peak, 1.0, note)
        )
    except StepFailed as failure:
        bench.measurements.append(failure.measurement(bench.size, "ceiling"))


def run_dbt_builds(bench: Bench) -> None:
    """The scoring models alone (dbt run), full and incremental."""
    database = bench.folder / "scores.duckdb"
    for step, source, as_of in (("full_build", bench.data, AS_OF), ("incremental", bench.newer, NEXT_AS_OF)):
        events = count_events(source)
        print(f"{step}: dbt run of the scoring models on {events:,} events as of {as_of} ...", flush=True)
        try:
            seconds, peak = timed_dbt_run(source, database, bench.threads, bench.memory_limit, as_of, fresh=step == "full_build")
        except StepFailed as failure:
            bench.measurements.append(failure.measurement(bench.size, step))
            return  # the incremental run needs the full build's file
        ratio = seconds / bench.ceiling_seconds if bench.ceiling_seconds is not None else None
        bench.measurements.append(Measurement(bench.size, step, seconds, events / seconds, peak, ratio))
        kept = bench.folder / f"run_results_{step}.json"
        kept.write_text((TARGET_DIR / "run_results.json").read_text())
        bench.profiles.append(profile(database, kept, step, bench.threads, bench.memory_limit))
        bench.measurements[-1].note = bench.agreement(database, 1 if step == "incremental" else 0)


def job_input(bench: Bench, deliveries: int) -> Path:
    """The folder the main job reads, the same for every run (an incremental run continues
    only from the same input), with the activities as a folder of deliveries, as sync tools
    land them: the history (0001), then one new delivery per run (0002, 0003)."""
    folder = bench.folder / "job_input"
    if deliveries == 0 and folder.exists():
        shutil.rmtree(folder)
    files = folder / "activities"
    if not files.exists():
        files.mkdir(parents=True)
        for table in ("leads", "outcomes", "accounts", "sales_feedback", "score_adjustments"):
            if (bench.data / f"{table}.parquet").exists():  # the last two are optional
                (folder / f"{table}.parquet").symlink_to((bench.data / f"{table}.parquet").resolve())
        (files / "0001.parquet").symlink_to((bench.data / "activities.parquet").resolve())
    for number in range(1, deliveries + 1):
        delivery = files / f"{number + 1:04d}.parquet"
        if not delivery.exists():
            delivery.symlink_to((bench.inputs(number)[0] / "new_events.parquet").resolve())
    return folder


def run_main_job(bench: Bench) -> None:
    """The job users run (`make run`): every step, a full run, then two scheduled runs each
    after one new delivery: the first continues from a copy of the published database, the
    second (measured as main_incremental, every later run is like it) from the spare the
    last publish left."""
    work = bench.folder / ("job" if bench.target == "duckdb" else f"job_{bench.target}")
    if work.exists():
        shutil.rmtree(work)
    published = work / "leadscore.duckdb"
    env = dbt_environment(
        {
            "LEADSCORE_TARGET": "duckdb",
            "LEADSCORE_DB": str(published),
            "LEADSCORE_DUCKDB_THREADS": str(bench.threads),
            "LEADSCORE_DUCKDB_MEMORY": bench.memory_limit,
            "LEADSCORE_THREADS": str(bench.threads),
            "LEADSCORE_EXPORT_DIR": str(work / "exports"),
            "LEADSCORE_REPORT": str(work / "report.html"),
            "LEADSCORE_DATA_DOCS": str(work / "data_docs"),
        }
    )
    if bench.target == "postgres":
        with private_postgres(bench.folder / "postgres") as (server_env, server_pid):
            env.update({"LEADSCORE_TARGET": "postgres", **server_env})
            run_main_job_runs(bench, env, work, server_env, server_pid)
    else:
        run_main_job_runs(bench, env, work, published, None)


@contextmanager
def private_postgres(folder: Path) -> Iterator[tuple[dict[str, str], int]]:
    """A throw-away PostgreSQL server for the benchmark, started as the tests start theirs:
    its connection variables and the postmaster's pid (its memory is sampled too)."""
    from leadscore import postgres_server  # noqa: PLC0415 - the postgres benchmark only

    postgres_server.stop(folder)  # a server a killed benchmark left behind
    server = postgres_server.start(folder)
    try:
        yield server.env, int((folder / "data" / "postmaster.pid").read_text().split()[0])
    finally:
        postgres_server.stop(folder)


def run_main_job_runs(bench: Bench, env: dict[str, str], work: Path, published: Path | dict[str, str], server_pid: int | None) -> None:
    """The full run and the two scheduled runs, each a row and one row per step."""
    runs = (("main_full", 0), ("main_incremental_first", 1), ("main_incremental", 2))
    for step, deliveries in runs[:1] if bench.main_runs == "full" else runs:
        source = job_input(bench, deliveries)
        data, as_of = bench.inputs(deliveries)
        events = count_events(data)
        print(f"{step}: the main job on {events:,} events as of {as_of} ...", flush=True)
        arguments = ["--input", "files", "--input-path", str(source), "--as-of", as_of]
        try:
            run = timed_job(arguments + ([] if deliveries else ["--full-refresh"]), env, server_pid)
        except StepFailed as failure:
            bench.measurements.append(failure.measurement(bench.size, step))
            bench.measurements[-1].target = bench.target
            return
        work.mkdir(parents=True, exist_ok=True)
        (work / f"{step}.log").write_text(run.output)
        kept = bench.folder / f"run_results_{step}.json"
        kept.write_text((TARGET_DIR / "run_results.json").read_text())
        bench.profiles.append(build_step_profile(kept, step if bench.target == "duckdb" else f"{step} on {bench.target}"))
        ratio = run.seconds / bench.ceiling_seconds if bench.ceiling_seconds is not None and bench.target == "duckdb" else None
        row = Measurement(bench.size, step, run.seconds, events / run.seconds, run.peak_rss_mb, ratio, target=bench.target)
        row.note = bench.agreement(published, deliveries)
        copied = re.search(r"leadscore: building in .*: (.*)", run.output)
        if copied:
            row.note += f"; {copied.group(1)}"
        if server_pid is not None:
            row.note += f"; the server's processes peaked at {run.server_peak_rss_mb:,.0f} MB resident"
        bench.measurements.append(row)
        for name, seconds, peak in run.steps:
            share = f"{100 * seconds / run.seconds:.0f} % of the job" if run.seconds else ""
            bench.measurements.append(Measurement(bench.size, f"{step}:{name}", seconds, None, peak, None, share, target=bench.target))


def stretch_history(database: Path, dates: int) -> tuple[int, str]:
    """Copies of the first scoring date's rows, each moved back one more day, until the
    history holds `dates` dates: how many dates and rows it then holds, and the as_of of the
    published scores."""
    connection = duckdb.connect(str(database))
    try:
        held, first = one_row(connection.sql("select count(distinct score_date), min(score_date) from main.lead_score_history"))
        if held < dates:
            connection.execute(
                f"""insert into main.lead_score_history by name
                    select history.* exclude (score_date, as_of),
                           history.score_date - cast(back.range as integer) as score_date,
                           history.as_of - back.range * interval 1 day as as_of
                    from main.lead_score_history as history
                    cross join range(1, {dates - held + 1}) as back
                    where history.score_date = date '{first}'"""
            )
        rows = one_row(connection.sql("select count(*) from main.lead_score_history"))[0]
        as_of = one_row(connection.sql("select strftime(max(as_of), '%Y-%m-%d %H:%M:%S') from main.lead_scores"))[0]
    finally:
        connection.close()
    return rows, as_of


def run_history(bench: Bench) -> None:
    """The models that read the history, once it is HISTORY_DATES dates long: a first run that
    ranks every date it has not ranked, then a scheduled run's share."""
    published = bench.folder / "job" / "leadscore.duckdb"
    if not published.exists():
        bench.measurements.append(
            Measurement(
                bench.size, "history_first", None, None, 0.0, None, "failed: needs the main job's published database (PARTS=main first)"
            )
        )
        return
    # the same file name: dbt's views name the database after the file's stem
    database = bench.folder / "history" / published.name
    database.parent.mkdir(exist_ok=True)
    shutil.copyfile(published, database)
    rows, as_of = stretch_history(database, HISTORY_DATES)
    env = dbt_environment(
        {
            "LEADSCORE_DB": str(database),
            "LEADSCORE_DUCKDB_THREADS": str(bench.threads),
            "LEADSCORE_DUCKDB_MEMORY": bench.memory_limit,
            "LEADSCORE_THREADS": str(bench.threads),
        }
    )
    variables = {"input": "files", "input_path": str(job_input(bench, 2)), "as_of": as_of}
    command = dbt_command(["run", "--select", *HISTORY_MODELS], variables)
    for step in ("history_first", "history_run"):
        print(f"{step}: {', '.join(HISTORY_MODELS)} on {HISTORY_DATES} scoring dates ({rows:,} history rows) ...", flush=True)
        try:
            _, seconds, peak = measured(command, env, f"dbt run ({step})")
        except StepFailed as failure:
            bench.measurements.append(failure.measurement(bench.size, step))
            return
        results = json.loads((TARGET_DIR / "run_results.json").read_text())
        by_model = {result["unique_id"].split(".")[-1]: result["execution_time"] for result in results["results"]}
        note = f"{HISTORY_DATES} dates, {rows:,} rows; " + ", ".join(
            f"{name} {by_model[name]:.1f} s" for name in HISTORY_MODELS if name in by_model
        )
        bench.measurements.append(Measurement(bench.size, step, seconds, None, peak, None, note + "; the rest is dbt's start"))
    print(f"history_report: the report on {HISTORY_DATES} scoring dates ...", flush=True)
    try:
        _, seconds, peak = measured(
            [sys.executable, "-m", "leadscore", "report", "--out", str(database.with_suffix(".html"))], env, "the report (history)"
        )
        bench.measurements.append(
            Measurement(
                bench.size,
                "history_report",
                seconds,
                None,
                peak,
                None,
                f"the main job's report step on {HISTORY_DATES} dates, {rows:,} history rows",
            )
        )
    except StepFailed as failure:
        bench.measurements.append(failure.measurement(bench.size, "history_report"))
    database.unlink()
    database.with_suffix(".html").unlink(missing_ok=True)


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB memory_limit (it spills to disk beyond it)")
    parser.add_argument(
        "--target",
        choices=["duckdb", "postgres"],
        default="duckdb",
        help="where the main job runs (postgres: a private server; default parts: main)",
    )
    parser.add_argument("--out", type=Path, default=WORK_ROOT / "benchmarks")
    parser.add_argument(
        "--parts", default=None, help="what to time, of " + ", ".join(PARTS) + " (default: all; results of the others are kept)"
    )
    parser.add_argument(
        "--main-runs",
        choices=["all", "full"],
        default="all",
        help="the main job's three runs, or its full run only (MAIN_RUNS=full in make: M on Postgres takes about 45 minutes a run)",
    )
    args = parser.parse_args(argv)
    parts = [part.strip() for part in (args.parts or (",".join(PARTS) if args.target == "duckdb" else "main")).split(",") if part.strip()]
    if unknown := set(parts) - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    if args.target != "duckdb" and set(parts) != {"main"}:
        parser.error(f"--target {args.target} times the main job only (--parts main)")
    folder = TARGET_DIR / "benchmark" / args.size
    data = generate(args.size, folder)
    bench = Bench(
        args.size,
        args.threads,
        args.memory_limit,
        folder,
        data,
        with_new_events(data, folder, NEW_EVENT_SHARE[args.size]),
        with_new_events(data, folder, NEW_EVENT_SHARE[args.size], delivery=2),
        target=args.target,
        main_runs=args.main_runs,
    )
    if "ceiling" in parts:
        run_ceiling(bench)
    if "dbt" in parts:
        run_dbt_builds(bench)
    if "main" in parts:
        run_main_job(bench)
    if "history" in parts:
        run_history(bench)
    text = table(bench.measurements, args.threads, args.memory_limit)
    print("\n" + text)
    args.out.mkdir(parents=True, exist_ok=True)
    results = args.out / "results.json"
    measured_steps = {m.step.split(":")[0] for m in bench.measurements}
    previous = [
        row
        for row in (json.loads(results.read_text()) if results.exists() else [])
        if row["size"] != args.size or row["step"].split(":")[0] not in measured_steps or row.get("target", "duckdb") != args.target
    ]
    rows = previous + [asdict(m) for m in bench.measurements]
    rows.sort(key=lambda row: (row["size"], row.get("target", "duckdb") != "duckdb", step_order(row["step"])))
    results.write_text(json.dumps(rows, indent=2) + "\n")
    size_rows = [Measurement(**row) for row in rows if row["size"] == args.size]
    (args.out / f"results_{args.size}.md").write_text(table(size_rows, args.threads, args.memory_limit) + "\n")
    if bench.profiles:
        name = f"profile_{args.size}.md" if args.target == "duckdb" else f"profile_{args.size}_{args.target}.md"
        title = f"# Where the time goes at size {args.size}" + ("" if args.target == "duckdb" else f" on {args.target}")
        (args.out / name).write_text(merged_profiles(args.out / name, title, bench.profiles))
    print(f"\nwrote {results} and {args.out / f'results_{args.size}.md'}")
    failed = [m.step for m in bench.measurements if m.seconds is None]
    if failed:
        print(f"leadscore benchmark: did not finish: {', '.join(failed)} (see the table)", file=sys.stderr)
        return 1
    return 0


def merged_profiles(path: Path, title: str, profiles: list[str]) -> str:
    """The profile file with this run's sections ("### <step>...") in place of the same steps'
    earlier ones, keeping those of the steps it did not time: a PARTS= run times some steps,
    as results.json keeps the other steps' rows."""

    def sections(text: str) -> list[str]:
        return [section.rstrip("\n") + "\n" for section in re.split(r"(?m)^(?=### )", text) if section.startswith("### ")]

    def step_of(section: str) -> str:
        return section.removeprefix("### ").split(":")[0].split(" ")[0]

    new = sections("\n".join(profiles))
    timed = {step_of(section) for section in new}
    kept = [section for section in sections(path.read_text()) if step_of(section) not in timed] if path.exists() else []
    return f"{title}\n\n" + "\n".join(sorted(kept + new, key=lambda section: step_order(step_of(section))))


def step_order(step: str) -> int:
    """Rows in the order they are run: ceiling, dbt builds, main job (a stable sort keeps
    each job's steps in the order they ran)."""
    order = [
        "ceiling",
        "full_build",
        "incremental",
        "main_full",
        "main_incremental_first",
        "main_incremental",
        "history_first",
        "history_run",
        "history_report",
    ]
    base = step.split(":")[0]
    return order.index(base) if base in order else len(order)


if __name__ == "__main__":
    sys.exit(main())
