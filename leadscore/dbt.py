"""Every dbt command leadscore runs goes through this module.

`Dbt`: dbt inside the job's own process, imported and parsed once, then every command
reuses the parsed project. `dbt_process`: one dbt command in a process of its own, for the
callers that build a throw-away database (calibration, backtest) or measure dbt's memory
(the benchmark builds its command line with `dbt_command`).

A dbt command line pays about 4-5 s before it runs anything (importing dbt, reading the
project and its manifest); the main job runs dbt three to five times, which is most of a
small incremental run. Here dbt is imported once, the project is parsed once with the
job's vars, and each command (`run`, `source freshness`, `build`) reuses that manifest:
about half a second each. Commands run one after the other, never two at once.

What failed comes from dbt's results (each node's status and message), not from its
printed text. In a terminal the nodes advance a progress bar (from dbt's structured
events, not its text); otherwise dbt's own lines are printed as they come, without colour
codes, and with `--log-format json` (LEADSCORE_LOG_FORMAT=json) as dbt's JSON log lines.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from leadscore.console import json_logs
from leadscore.project import DEMO_DIR, PROJECT_ROOT, dbt_executable

# Every var the dbt project defines starts with this, so that a host project that installs
# leadscore as a package keeps its own names (docs/CONTRACT.md section 4).
VAR_PREFIX = "leadscore_"
# vars that differ from run to run and shape no parsed node, only the SQL each command renders
RUN_VARIABLES = ("as_of",)
# dbt's statuses that mean a node did not do its job
FAILED_STATUSES = {"error", "fail", "runtime error", "skipped"}


@dataclass
class DbtResult:
    """One dbt command: 0 when every node passed, else 1; and what failed, one line each."""

    code: int
    failures: list[str] = field(default_factory=list)
    results: list[Any] = field(default_factory=list)

    def summary(self) -> str:
        return "\n".join(f"    {line}" for line in self.failures[:12]) or "    (see dbt's messages above)"


class InputLines:
    """The lines the project logs about how it found each input table ("leadscore: input
    activities: folder ... of 12 delivery file(s), 1 new"), printed once each."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, event: Any) -> None:
        if event.info.name in ("JinjaLogDebug", "JinjaLogInfo"):
            message = str(event.data.msg)
            if message.startswith("leadscore: input ") and message not in self.seen:
                self.seen.add(message)
                print(message, flush=True)


class Progress:
    """A progress bar over the nodes of one dbt command (a terminal only)."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.bar: tqdm | None = None
        self.total = 0

    def __call__(self, event: Any) -> None:
        name = event.info.name
        if name == "ConcurrencyLine":
            self.total = int(event.data.node_count)
        elif name == "NodeFinished" and self.total:
            if self.bar is None:
                self.bar = tqdm(total=self.total, desc=self.title, unit="node", leave=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class Dbt:
    """Runs dbt commands in this process for one job: the environment (profile variables
    such as LEADSCORE_DB) and the vars are the job's; the project is parsed on first use."""

    def __init__(self, env: Mapping[str, str], variables: Mapping[str, object], quiet: bool = False) -> None:
        self.env = dict(env)
        self.variables = dict(variables)
        self.quiet = quiet
        self.terminal = sys.stdout.isatty() and not quiet
        self._manifest: Any = None
        self._input_lines = InputLines()

    def _flags(self) -> list[str]:
        """dbt's global flags (before the command)."""
        flags = []
        if self.quiet or self.terminal:
            flags.append("--quiet")  # a terminal shows the bar, and what failed below it
        return [*flags, *output_flags()]

    @staticmethod
    def _project(variables: Mapping[str, object]) -> list[str]:
        return ["--project-dir", str(PROJECT_ROOT), "--vars", json.dumps(project_vars(variables))]

    def _apply_environment(self) -> None:
        # dbt reads its profile's env_var()s from this process's environment
        os.environ.update(self.env)

    def _runner(self, callbacks: list[Any]) -> Any:
        from dbt.cli.main import dbtRunner  # noqa: PLC0415 - importing dbt costs seconds

        if self._manifest is None:
            # as_of changes every run; parsed without it, dbt's partial parsing (which starts
            # over when any var changes) keeps working between runs. Each command renders
            # its SQL with the command's own vars, as_of included.
            stable = {name: value for name, value in self.variables.items() if name not in RUN_VARIABLES}
            parsed = dbtRunner().invoke([*self._flags(), "parse", *self._project(stable)])
            if not parsed.success or parsed.result is None:
                raise RuntimeError(f"dbt could not parse the project: {parsed.exception}")
            self._manifest = parsed.result
            _close_duckdb()
        return dbtRunner(manifest=self._manifest, callbacks=callbacks)

    def __call__(self, arguments: list[str], variables: Mapping[str, object] | None = None) -> DbtResult:
        """One dbt command, e.g. ["run", "--select", "path:models/staging"]; `variables`
        replace the job's vars for this command only (a backfill's past as_of)."""
        self._apply_environment()
        progress = Progress(f"dbt {arguments[0]}") if self.terminal else None
        runner = self._runner([self._input_lines, *([progress] if progress else [])])
        chosen = self.variables if variables is None else variables
        try:
            outcome = runner.invoke([*self._flags(), *arguments, *self._project(chosen)])
        finally:
            if progress is not None:
                progress.close()
            _close_duckdb()
            sys.stdout.flush()
        return _result(outcome, show=self.terminal)


def _result(outcome: Any, show: bool) -> DbtResult:
    failures: list[str] = []
    results = list(getattr(outcome.result, "results", None) or [])
    for result in results:
        status = str(getattr(result.status, "value", result.status)).lower()
        if status in FAILED_STATUSES:
            node = getattr(result, "node", None)
            name = getattr(node, "name", None) or getattr(node, "unique_id", "?")
            kind = str(getattr(getattr(node, "resource_type", None), "value", "node"))
            message = " ".join(str(result.message or status).split())
            failures.append(f"{status} in {kind} {name}: {message}")
    if outcome.exception is not None:
        failures.append(" ".join(str(outcome.exception).split()))
    if show and failures:
        # the bar hid dbt's own lines: say what failed
        for line in failures:
            print(f"  {line}", flush=True)
    return DbtResult(0 if outcome.success else 1, failures, results)


def _close_duckdb() -> None:
    """dbt-duckdb keeps its database open after a command; closed here, so that the job's
    own connections (checks, publish) and the next command open it afresh."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager  # noqa: PLC0415
    except ImportError:
        return
    with DuckDBConnectionManager._LOCK:  # noqa: SLF001 - the adapter offers no public close
        environment = DuckDBConnectionManager._ENV  # noqa: SLF001
        if environment is not None:
            environment.close()
            DuckDBConnectionManager._ENV = None  # noqa: SLF001


def output_flags() -> list[str]:
    """dbt's flags for what its output goes to: no colour codes unless a terminal shows
    them; JSON lines when the scheduler reads JSON."""
    flags = [] if sys.stdout.isatty() else ["--no-use-colors"]
    if json_logs():
        flags += ["--log-format", "json"]
    return flags


def dbt_command(
    arguments: Sequence[str],
    variables: Mapping[str, object] | None = None,
    project_dir: os.PathLike[str] | str = PROJECT_ROOT,
    quiet: bool = True,
) -> list[str]:
    """The command line of one dbt command in a process of its own."""
    flags = ["--quiet"] if quiet else []
    tail = ["--project-dir", str(project_dir)]
    if variables is not None:
        tail += ["--vars", json.dumps(project_vars(variables))]
    return [dbt_executable(), *flags, *output_flags(), *arguments, *tail]


def dbt_process(
    arguments: Sequence[str],
    env: Mapping[str, str],
    variables: Mapping[str, object] | None = None,
    project_dir: os.PathLike[str] | str = PROJECT_ROOT,
    capture: bool = True,
    check: bool = False,
) -> subprocess.CompletedProcess[str]:
    """One dbt command in a process of its own (its output captured unless `capture` is false)."""
    return subprocess.run(
        dbt_command(arguments, variables, project_dir), cwd=project_dir, env=dict(env), capture_output=capture, text=True, check=check
    )


def project_vars(variables: Mapping[str, object]) -> dict[str, object]:
    """The jobs' vars under the project's names: `as_of` becomes `leadscore_as_of` (a name
    that has the prefix already stays as it is)."""
    named = {name if name.startswith(VAR_PREFIX) else VAR_PREFIX + name: value for name, value in variables.items()}
    if named.get(VAR_PREFIX + "input") == "demo":
        # wherever dbt runs from (the shipped project is not the working folder)
        named.setdefault(VAR_PREFIX + "demo_path", str(DEMO_DIR))
    return named


def short_vars(variables: Mapping[str, object]) -> dict[str, object]:
    """The vars a user gave (`leadscore_as_of` or `as_of`) under the jobs' short names."""
    return {name.removeprefix(VAR_PREFIX): value for name, value in variables.items()}
