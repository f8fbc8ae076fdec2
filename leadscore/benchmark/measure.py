"""How the benchmark measures: wall time and peak memory of a command or of the main job, and its table."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from leadscore.dbt import dbt_command
from leadscore.project import PROJECT_ROOT, dbt_environment
from leadscore.sql import one_row

SIZES = {"S": (100_000, 5_000_000), "M": (1_000_000, 50_000_000), "L": (2_000_000, 200_000_000)}
AS_OF = "2026-06-30"
NEXT_AS_OF = "2026-07-01"
# 1 % new events at S and M; L has four times M's history and, as the issue defines it, the
# same number of new events as M (0.25 % of L)
NEW_EVENT_SHARE = {"S": 0.01, "M": 0.01, "L": 0.0025}
# where the single ceiling statement runs out of memory (L), it runs in this many slices of leads
CEILING_SLICES = 4


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
    # where the main job ran: duckdb, or postgres (a private server; the job's peak memory is
    # its own processes', the server's is in the note)
    target: str = "duckdb"


class StepFailed(Exception):
    """A timed command exited non-zero: how long it ran, its peak memory, and why."""

    def __init__(self, what: str, seconds: float, peak_mb: float, reason: str) -> None:
        super().__init__(f"{what} failed after {seconds:.0f} s: {reason}")
        self.seconds, self.peak_mb, self.reason = seconds, peak_mb, reason

    def measurement(self, size: str, step: str) -> Measurement:
        """The table's row for the step that failed (a failure is a result too)."""
        print(f"leadscore benchmark: {self}", flush=True)
        return Measurement(size, step, None, None, self.peak_mb, None, f"failed after {self.seconds:.0f} s: {self.reason}")


def timed_dbt_run(data: Path, database: Path, threads: int, memory_limit: str, as_of: str, fresh: bool) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one `dbt run` of the scoring models: into a new
    file (fresh), or incrementally on the file a previous run left."""
    if fresh:
        database.unlink(missing_ok=True)
    env = dbt_environment(
        {
            "LEADSCORE_TARGET": "duckdb",
            "LEADSCORE_DB": str(database),
            "LEADSCORE_DUCKDB_THREADS": str(threads),
            "LEADSCORE_DUCKDB_MEMORY": memory_limit,
            "LEADSCORE_THREADS": str(threads),
        }
    )
    variables = {"input": "files", "input_path": str(data), "as_of": as_of}
    if fresh:
        # the rule seeds are set-up, not scoring: loaded before the clock starts
        measured(dbt_command(["seed"], variables), env, "dbt seed")
    command = dbt_command(["run", "--select", "+lead_scores"], variables)
    _, seconds, peak = measured(command, env, "dbt run")
    return seconds, peak


def measured(command: list[str], env: dict[str, str] | None, what: str) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Runs a command under /usr/bin/time: its output, wall seconds and peak resident MB.
    Raises StepFailed (with the reason, e.g. DuckDB's out-of-memory error) if it fails."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        started = time.monotonic()
        completed = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", timing.name, *command],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.monotonic() - started
        peak = int(timing.read().split()[-1]) / 1024
    if completed.returncode != 0:
        output = completed.stdout + completed.stderr
        sys.stderr.write(output[-4000:])
        reason = "out of memory" if "Out of Memory" in output else f"exit {completed.returncode}"
        raise StepFailed(what, seconds, peak, reason)
    return completed, seconds, peak


def timed_ceiling(data: Path, out: Path, threads: int, memory_limit: str, as_of: str = AS_OF, slices: int = 1) -> tuple[float, float]:
    """Wall seconds of the statement (timed inside its process; of all its slices) and its peak RSS."""
    command = [
        sys.executable,
        "-m",
        "leadscore.benchmark.ceiling",
        "--input",
        str(data),
        "--as-of",
        as_of,
        "--out",
        str(out),
        "--threads",
        str(threads),
        "--memory-limit",
        memory_limit,
        "--slices",
        str(slices),
    ]
    completed, _, peak = measured(command, None, "the ceiling statement")
    timing = [line for line in completed.stdout.splitlines() if line.startswith("ceiling ")][-1]
    return float(timing.split()[1]), peak


def disagreement(database: Path | dict[str, str], ceiling: Path) -> tuple[int, float]:
    """Leads whose total_score differs (by more than 1e-6) between the marts and the ceiling,
    counting leads present in only one of them, and the largest difference. The marts are a
    DuckDB file, or a Postgres database (its connection variables), whose lead_scores are
    read into DuckDB first."""
    if isinstance(database, dict):
        connection = duckdb.connect()
        connection.execute("create table main.lead_scores (lead_id varchar, total_score double)")
        connection.executemany("insert into main.lead_scores values (?, ?)", postgres_scores(database))
    else:
        connection = duckdb.connect(str(database), read_only=True)
    try:
        path = str(ceiling).replace("'", "''")
        differing, largest = one_row(
            connection.sql(
                f"""select count(*) filter (where engine.lead_id is null or ceiling.lead_id is null
                        or abs(engine.total_score - ceiling.total_score) > 1e-6),
                    coalesce(max(abs(engine.total_score - ceiling.total_score)), 0)
                from main.lead_scores as engine
                full join read_parquet('{path}') as ceiling on engine.lead_id = ceiling.lead_id"""
            )
        )
    finally:
        connection.close()
    return int(differing), float(largest)


def postgres_scores(env: dict[str, str]) -> list[tuple[str, float]]:
    """(lead_id, total_score) of the published lead_scores of a Postgres target."""
    import psycopg2  # noqa: PLC0415 - only the postgres benchmark needs it

    from leadscore.warehouse import postgres_connection_settings  # noqa: PLC0415

    connection = psycopg2.connect(**postgres_connection_settings(env))
    try:
        with connection.cursor() as cursor:
            schema = env.get("LEADSCORE_PG_SCHEMA", "main").replace('"', '""')
            cursor.execute(f'select lead_id, cast(total_score as double precision) from "{schema}".lead_scores')
            return list(cursor.fetchall())
    finally:
        connection.close()


def model_timings(run_results: Path) -> list[tuple[float, str, str]]:
    """(seconds, model, compiled SQL) of every model of one dbt run, slowest first."""
    results = json.loads(run_results.read_text())["results"]
    timed = [(r["execution_time"], r["unique_id"].split(".")[-1], r.get("compiled_code") or "") for r in results]
    return sorted(timed, reverse=True)


def build_step_profile(run_results: Path, step: str) -> str:
    """Markdown: the main job's build step (its last dbt command) by kind of node, and its
    ten slowest nodes; node times overlap when dbt runs two threads."""
    results = json.loads(run_results.read_text())["results"]
    kinds: dict[str, list[float]] = {}
    for result in results:
        kinds.setdefault(result["unique_id"].split(".")[0], []).append(result["execution_time"])
    lines = [f"### {step}: the build step's nodes (dbt run_results)", "", "| kind | nodes | seconds (summed) |", "| --- | ---: | ---: |"]
    lines += [f"| {kind} | {len(times)} | {sum(times):.1f} |" for kind, times in sorted(kinds.items())]
    lines += ["", "| node | seconds |", "| --- | ---: |"]
    slowest = sorted(((r["execution_time"], r["unique_id"].split(".", 2)[-1]) for r in results), reverse=True)
    lines += [f"| {name} | {seconds:.1f} |" for seconds, name in slowest[:10]]
    return "\n".join([*lines, ""])


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


PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20
JOB_STEP = re.compile(r"^leadscore: step (?P<step>[\w ]+) (?P<outcome>ok|failed) (?:in|after) (?P<seconds>[\d.]+) s")


def tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants (dbt, DuckDB, Python children)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, pending = 0.0, [root]
    while pending:
        pid = pending.pop()
        pending += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm", encoding="utf-8") as handle:
                total += int(handle.read().split()[1]) * PAGE_MB
        except (OSError, IndexError, ValueError):
            continue
    return total


@dataclass
class JobRun:
    """The main job, as a scheduler runs it: wall seconds, each step's seconds and the peak
    resident memory of the whole process tree, overall and during each step."""

    seconds: float
    peak_rss_mb: float
    steps: list[tuple[str, float, float]] = field(default_factory=list)  # (step, seconds, peak MB)
    output: str = ""
    # the database server's processes (Postgres), sampled beside the job's; their resident
    # memory counts the shared buffers once per process that touched them
    server_peak_rss_mb: float = 0.0


def timed_job(arguments: list[str], env: dict[str, str], server_pid: int | None = None) -> JobRun:
    """Runs `python -m leadscore.job ...`, sampling the tree's memory every 50 ms (and the
    server's, when given); the step lines it prints ("leadscore: step build ok in 14.2 s")
    give each step's time and window."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "leadscore", "run", *arguments],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    samples: list[tuple[float, float]] = []
    server_samples: list[float] = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append((time.monotonic(), tree_rss_mb(process.pid)))
            if server_pid is not None:
                server_samples.append(tree_rss_mb(server_pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    lines, steps = [], []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        matched = JOB_STEP.match(line)
        if matched:
            ended = time.monotonic()
            seconds = float(matched["seconds"])
            window = [rss for at, rss in samples if ended - seconds - 0.1 <= at <= ended]
            steps.append((matched["step"], seconds, max(window, default=0.0)))
    code = process.wait()
    done.set()
    sampler.join()
    seconds = time.monotonic() - started
    peak = max((rss for _, rss in samples), default=0.0)
    output = "".join(lines)
    if code != 0:
        sys.stderr.write(output[-4000:])
        raise StepFailed("the main job", seconds, peak, "out of memory" if "Out of Memory" in output else f"exit {code}")
    return JobRun(seconds, peak, steps, output, max(server_samples))


def table(measurements: list[Measurement], threads: int, memory_limit: str) -> str:
    lines = [
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, DuckDB threads={threads}, memory_limit={memory_limit}",
        "",
        "| size | step | seconds | events / s | peak RSS (MB) | ratio to ceiling | note |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in measurements:
        if m.target != "duckdb":
            continue
        ratio = f"{m.ratio_to_ceiling:.2f}" if m.ratio_to_ceiling is not None else "n/a"
        seconds = f"{m.seconds:.1f}" if m.seconds is not None else "failed"
        rate = f"{m.events_per_second:,.0f}" if m.events_per_second is not None else "n/a"
        lines.append(f"| {m.size} | {m.step} | {seconds} | {rate} | {m.peak_rss_mb:,.0f} | {ratio} | {m.note} |")
    others = sorted({m.target for m in measurements} - {"duckdb"})
    for target in others:
        lines += ["", *engine_table(measurements, target)]
    return "\n".join(lines)


def engine_table(measurements: list[Measurement], target: str) -> list[str]:
    """The main job on another target beside DuckDB's, step by step, on the same input."""
    duckdb_rows = {m.step: m for m in measurements if m.target == "duckdb"}
    lines = [
        f"The main job on {target} beside DuckDB (same input, same machine; peak RSS: the job's processes, the server's in the note)",
        "",
        f"| size | step | DuckDB seconds | {target} seconds | ratio | DuckDB peak RSS (MB) | {target} job peak RSS (MB) | note |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in measurements:
        if m.target != target:
            continue
        beside = duckdb_rows.get(m.step)
        seconds = f"{m.seconds:.1f}" if m.seconds is not None else "failed"
        reference = f"{beside.seconds:.1f}" if beside is not None and beside.seconds is not None else "n/a"
        ratio = (
            f"{m.seconds / beside.seconds:.1f}"
            if beside is not None and beside.seconds and m.seconds is not None and beside.seconds >= 0.5
            else "n/a"
        )
        reference_peak = f"{beside.peak_rss_mb:,.0f}" if beside is not None else "n/a"
        lines.append(f"| {m.size} | {m.step} | {reference} | {seconds} | {ratio} | {reference_peak} | {m.peak_rss_mb:,.0f} | {m.note} |")
    return lines
