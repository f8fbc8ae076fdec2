"""Benchmark of the scoring engine (`make benchmark SIZE=S|M|L`): a script, not a test.

For a size it generates the demo-like input once (Parquet, cached under target/benchmark/),
then times, each in its own process with DuckDB's `threads` and `memory_limit` set:
  ceiling      scripts/benchmark_ceiling.py: one hand-written DuckDB statement computing the
               same total_score per lead from the same files
  full_build   dbt run of the scoring models (+lead_scores) into a fresh DuckDB file
  incremental  dbt run of the same models on that file, one day later, after new events
               were appended to the activities: 1 % at S and M; at L as many as at M
               (0.25 %), so that L has four times the history and the same new events
               (the event store and the carried state take only the new events; the lead
               side is rebuilt)
Both builds are checked against the ceiling lead by lead (the ceiling is run again, untimed,
for the incremental run's input and as_of). It prints a markdown table (wall seconds, events
per second, peak resident memory, ratio to the ceiling) that also goes to
benchmarks/results_<size>.md, with the figures in benchmarks/results.json.
A step that fails (at L the ceiling runs out of memory) is a result too: its row says
"failed" and why, the steps after it still run where they can, and the exit status is 1.
Without a timed ceiling the builds are checked against the statement run, untimed, on one
surviving lead in CHECK_SAMPLE (all their events), which fits in memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from scripts.leadscore_env import PROJECT_ROOT, dbt_environment, dbt_executable

SIZES = {"S": (100_000, 5_000_000), "M": (1_000_000, 50_000_000), "L": (2_000_000, 200_000_000)}
AS_OF = "2026-06-30"
NEXT_AS_OF = "2026-07-01"
# 1 % new events at S and M; L has four times M's history and, as the issue defines it, the
# same number of new events as M (0.25 % of L)
NEW_EVENT_SHARE = {"S": 0.01, "M": 0.01, "L": 0.0025}
# where the ceiling runs out of memory (L), the builds are checked against it on 1 lead in this many
CHECK_SAMPLE = 16


@dataclass
class Measurement:
    """One step; a step that failed (e.g. out of memory) has no seconds and says why in note."""
    size: str
    step: str
    seconds: float | None
    events_per_second: float | None
    peak_rss_mb: float
    ratio_to_ceiling: float | None
    note: str = ""


class StepFailed(Exception):
    """A timed command exited non-zero: how long it ran, its peak memory, and why."""

    def __init__(self, what: str, seconds: float, peak_mb: float, reason: str) -> None:
        super().__init__(f"{what} failed after {seconds:.0f} s: {reason}")
        self.seconds, self.peak_mb, self.reason = seconds, peak_mb, reason

    def measurement(self, size: str, step: str) -> Measurement:
        """The table's row for the step that failed (a failure is a result too)."""
        print(f"leadscore benchmark: {self}", flush=True)
        return Measurement(size, step, None, None, self.peak_mb, None,
                           f"failed after {self.seconds:.0f} s: {self.reason}")


def generate(size: str, folder: Path) -> Path:
    """The input for a size, generated once (same seed, same bytes)."""
    leads, activities = SIZES[size]
    data = folder / "input"
    stamp = data / f".generated-{leads}-{activities}"
    if not stamp.exists():
        data.mkdir(parents=True, exist_ok=True)
        print(f"generating {leads:,} leads and {activities:,} activities into {data} ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "scripts.generate_demo_data", "--out", str(data), "--leads", str(leads),
             "--activities", str(activities), "--format", "parquet"],
            cwd=PROJECT_ROOT, check=True,
        )
        stamp.touch()
    return data


def with_new_events(data: Path, folder: Path, share: float) -> Path:
    """A second input folder: the same tables, activities plus a share of new events (copies
    of random existing events moved to the last day, with new ids)."""
    newer = folder / "input_plus_new_events"
    stamp = newer / f".generated-{share}"
    if stamp.exists():
        return newer
    newer.mkdir(parents=True, exist_ok=True)
    for table in ("leads", "outcomes", "accounts"):
        target = newer / f"{table}.parquet"
        if not target.exists():
            target.symlink_to(data / f"{table}.parquet")
    connection = duckdb.connect()
    try:
        source = str(data / "activities.parquet").replace("'", "''")
        columns = [row[0] for row in connection.sql(f"describe select * from read_parquet('{source}')").fetchall()]
        moved = ", ".join(
            "'N' || cast(row_number() over () as varchar) as activity_id" if c == "activity_id"
            else f"cast(timestamp '{AS_OF}' - interval 6 hour as {typeof(connection, source, c)}) as occurred_at"
            if c == "occurred_at" else f'"{c}"'
            for c in columns
        )
        connection.execute(
            f"""copy (
                select * from read_parquet('{source}')
                union all
                select {moved} from read_parquet('{source}') using sample {share * 100}% (system, 7)
            ) to '{str(newer / "activities.parquet").replace("'", "''")}' (format parquet)"""
        )
    finally:
        connection.close()
    stamp.touch()
    return newer


def typeof(connection: duckdb.DuckDBPyConnection, source: str, column: str) -> str:
    return connection.sql(f"select typeof(\"{column}\") from read_parquet('{source}') limit 1").fetchone()[0]


def count_events(data: Path) -> int:
    path = str(data / "activities.parquet").replace("'", "''")
    return duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchone()[0]


def timed_dbt_run(
    data: Path, database: Path, threads: int, memory_limit: str, as_of: str, fresh: bool
) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one `dbt run` of the scoring models: into a new
    file (fresh), or incrementally on the file a previous run left."""
    if fresh:
        database.unlink(missing_ok=True)
    env = dbt_environment({
        "LEADSCORE_DB": str(database), "LEADSCORE_DUCKDB_THREADS": str(threads),
        "LEADSCORE_DUCKDB_MEMORY": memory_limit, "LEADSCORE_THREADS": str(threads),
    })
    variables = json.dumps({"input": "files", "input_path": str(data), "as_of": as_of})
    if fresh:
        # the rule seeds are set-up, not scoring: loaded before the clock starts
        measured([dbt_executable(), "--quiet", "seed", "--vars", variables], env, "dbt seed")
    command = [dbt_executable(), "--quiet", "run", "--select", "+lead_scores", "--vars", variables]
    _, seconds, peak = measured(command, env, "dbt run")
    return seconds, peak


def measured(command: list[str], env: dict[str, str] | None, what: str) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Runs a command under /usr/bin/time: its output, wall seconds and peak resident MB.
    Raises StepFailed (with the reason, e.g. DuckDB's out-of-memory error) if it fails."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        started = time.monotonic()
        completed = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timing.name, *command], cwd=PROJECT_ROOT,
                                   env=env, capture_output=True, text=True, check=False)
        seconds = time.monotonic() - started
        peak = int(timing.read().split()[-1]) / 1024
    if completed.returncode != 0:
        output = completed.stdout + completed.stderr
        sys.stderr.write(output[-4000:])
        reason = "out of memory" if "Out of Memory" in output else f"exit {completed.returncode}"
        raise StepFailed(what, seconds, peak, reason)
    return completed, seconds, peak


def timed_ceiling(data: Path, out: Path, threads: int, memory_limit: str, as_of: str = AS_OF,
                  lead_sample: int = 1) -> tuple[float, float]:
    """Wall seconds of the single statement (timed inside its process) and its peak RSS."""
    command = [sys.executable, "-m", "scripts.benchmark_ceiling", "--input", str(data), "--as-of", as_of,
               "--out", str(out), "--threads", str(threads), "--memory-limit", memory_limit,
               "--lead-sample", str(lead_sample)]
    completed, _, peak = measured(command, None, "the ceiling statement")
    return float(completed.stdout.split()[1]), peak


def disagreement(database: Path, ceiling: Path, sampled: bool = False) -> tuple[int, float]:
    """Leads whose total_score differs (by more than 1e-6) between the marts and the ceiling,
    counting leads present in only one of them (with a sampled ceiling: the sampled leads
    missing from the marts), and the largest difference."""
    connection = duckdb.connect(str(database), read_only=True)
    try:
        path = str(ceiling).replace("'", "''")
        join = "right join" if sampled else "full join"
        differing, largest = connection.sql(
            f"""select count(*) filter (where engine.lead_id is null or ceiling.lead_id is null
                        or abs(engine.total_score - ceiling.total_score) > 1e-6),
                    coalesce(max(abs(engine.total_score - ceiling.total_score)), 0)
                from main.lead_scores as engine
                {join} read_parquet('{path}') as ceiling on engine.lead_id = ceiling.lead_id"""
        ).fetchone()
    finally:
        connection.close()
    return int(differing), float(largest)


def model_timings(run_results: Path) -> list[tuple[float, str, str]]:
    """(seconds, model, compiled SQL) of every model of one dbt run, slowest first."""
    results = json.loads(run_results.read_text())["results"]
    timed = [(r["execution_time"], r["unique_id"].split(".")[-1], r.get("compiled_code") or "") for r in results]
    return sorted(timed, reverse=True)


def profile(database: Path, run_results: Path, step: str, threads: int, memory_limit: str) -> str:
    """Markdown: the ten slowest models of a dbt run, and DuckDB's EXPLAIN ANALYZE of the
    slowest (run again, untimed, on the database the run left)."""
    timings = model_timings(run_results)
    lines = [f"### {step}: the slowest models (dbt run_results)", "", "| model | seconds |", "| --- | ---: |"]
    lines += [f"| {name} | {seconds:.1f} |" for seconds, name, _ in timings[:10]]
    seconds, name, sql = timings[0]
    connection = duckdb.connect(str(database))
    try:
        connection.execute(f"set threads = {threads}")
        connection.execute(f"set memory_limit = '{memory_limit}'")
        plan = connection.sql("explain analyze " + sql).fetchall()[0][1]
    finally:
        connection.close()
    lines += ["", f"EXPLAIN ANALYZE of `{name}` ({seconds:.1f} s in the run):", "", "```", plan.rstrip(), "```", ""]
    return "\n".join(lines)


def table(measurements: list[Measurement], threads: int, memory_limit: str) -> str:
    lines = [
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, DuckDB threads={threads}, memory_limit={memory_limit}",
        "",
        "| size | step | seconds | events / s | peak RSS (MB) | ratio to ceiling | note |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in measurements:
        ratio = f"{m.ratio_to_ceiling:.2f}" if m.ratio_to_ceiling is not None else "n/a"
        seconds = f"{m.seconds:.1f}" if m.seconds is not None else "failed"
        rate = f"{m.events_per_second:,.0f}" if m.events_per_second is not None else "n/a"
        lines.append(f"| {m.size} | {m.step} | {seconds} | {rate} | {m.peak_rss_mb:,.0f} | {ratio} | {m.note} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB memory_limit (it spills to disk beyond it)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "benchmarks")
    args = parser.parse_args(argv)
    folder = PROJECT_ROOT / "target" / "benchmark" / args.size
    data = generate(args.size, folder)
    newer = with_new_events(data, folder, NEW_EVENT_SHARE[args.size])
    events = count_events(data)
    print(f"ceiling: one DuckDB statement on {events:,} events ...", flush=True)
    ceiling_seconds: float | None = None
    lead_sample = 1
    try:
        ceiling_seconds, ceiling_peak = timed_ceiling(data, folder / "ceiling.parquet", args.threads, args.memory_limit)
        measurements = [Measurement(args.size, "ceiling", ceiling_seconds, events / ceiling_seconds, ceiling_peak, 1.0)]
    except StepFailed as failure:
        # a step that cannot finish is a result too: the builds are then checked against the
        # statement run on a sample of the leads, which fits
        measurements = [failure.measurement(args.size, "ceiling")]
        lead_sample = CHECK_SAMPLE
    database = folder / "scores.duckdb"
    profiles = []
    for step, source, as_of in (("full_build", data, AS_OF), ("incremental", newer, NEXT_AS_OF)):
        events = count_events(source)
        print(f"{step}: dbt run of the scoring models on {events:,} events as of {as_of} ...", flush=True)
        try:
            seconds, peak = timed_dbt_run(source, database, args.threads, args.memory_limit, as_of,
                                          fresh=step == "full_build")
        except StepFailed as failure:
            measurements.append(failure.measurement(args.size, step))
            break  # the incremental run needs the full build's file
        ratio = seconds / ceiling_seconds if ceiling_seconds is not None else None
        measurements.append(Measurement(args.size, step, seconds, events / seconds, peak, ratio))
        kept = folder / f"run_results_{step}.json"
        kept.write_text((PROJECT_ROOT / "target" / "run_results.json").read_text())
        profiles.append(profile(database, kept, step, args.threads, args.memory_limit))
        check = folder / ("ceiling.parquet" if step == "full_build" else "ceiling_incremental.parquet")
        try:
            if step == "incremental" or lead_sample > 1:
                timed_ceiling(source, check, args.threads, args.memory_limit, as_of, lead_sample)
        except StepFailed as failure:
            measurements[-1].note = f"not checked: the ceiling failed ({failure.reason})"
            continue
        differing, largest = disagreement(database, check, sampled=lead_sample > 1)
        checked = "every lead" if lead_sample == 1 else f"every lead of a 1-in-{lead_sample} sample"
        agreement = f"agrees with the ceiling on {checked} (max difference {largest:.1e})" if differing == 0 else (
            f"DIFFERS from the ceiling on {differing:,} leads (max difference {largest:.3g})")
        print(f"lead_scores {agreement}", flush=True)
        measurements[-1].note = agreement
    text = table(measurements, args.threads, args.memory_limit)
    print("\n" + text)
    args.out.mkdir(parents=True, exist_ok=True)
    results = args.out / "results.json"
    previous = [row for row in json.loads(results.read_text()) if row["size"] != args.size] if results.exists() else []
    results.write_text(json.dumps(previous + [asdict(m) for m in measurements], indent=2) + "\n")
    (args.out / f"results_{args.size}.md").write_text(text + "\n")
    (args.out / f"profile_{args.size}.md").write_text(f"# Where the time goes at size {args.size}\n\n" + "\n".join(profiles))
    print(f"\nwrote {results} and {args.out / f'results_{args.size}.md'}")
    failed = [m.step for m in measurements if m.seconds is None]
    if failed:
        print(f"leadscore benchmark: did not finish: {', '.join(failed)} (see the table)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
