"""The project's commands (`python -m leadscore <command>`, `dbt`) as children of a server that has
already imported Great Expectations, dbt and the scientific stack.

On this machine a command pays about 18 s of imports before it does anything (GX alone
12 s, dbt 5 s); the tests run some eighty commands, so the imports were a third of
`make test`. Here each test worker starts one server (multiprocessing's forkserver) that
imports them once, and every command is a fork of it: still its own process, with its own
working directory, environment, standard streams and exit code, like a subprocess. Only
third-party modules are shared: the project's own code (`leadscore`) is imported afresh in
each child from the project copy the command runs in.

This module imports nothing of the project: the forkserver imports it to start each child.
Spark's commands stay plain subprocesses: each starts a JVM whose end should not depend on how
its Python parent exits. LEADSCORE_TEST_FORK=0 runs every command as a plain subprocess.
"""

from __future__ import annotations

import multiprocessing
import os
import runpy
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

# what a command imports that costs seconds; each is imported once per test worker
PRELOADED = ("great_expectations", "dbt.cli.main", "dbt.adapters.duckdb", "dbt.adapters.postgres", "duckdb", "pandas",
             "sklearn.linear_model", "sklearn.ensemble", "scipy.optimize", "plotly.graph_objects", "psycopg2", "yaml",
             "tqdm")
ENABLED = os.environ.get("LEADSCORE_TEST_FORK", "1") != "0"

_context: multiprocessing.context.ForkServerContext | None = None
# set when the server could not start (a preloaded module that fails in this venv other than
# with an ImportError, e.g. Spark's venv): every command is then a plain subprocess
_server_failed = False


def _forkserver() -> multiprocessing.context.ForkServerContext:
    global _context
    if _context is None:
        # read by GX and dbt when they are imported
        os.environ.update({"GX_ANALYTICS_ENABLED": "false", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"})
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(PRELOADED))
        _context = context
    return _context


def _child(kind: str, arguments: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """In the forked child: become the command's process, then run it; its SystemExit is the
    child's exit code (multiprocessing's bootstrap turns it into one), a crash exits 1."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    # the command's project copy, never a `leadscore` an earlier import left behind
    for name in [name for name in sys.modules if name == "leadscore" or name.startswith("leadscore.")]:
        del sys.modules[name]
    sys.stdout.flush()
    sys.stderr.flush()
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    for descriptor, path in ((1, out), (2, err)):
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(handle, descriptor)
        os.close(handle)
    try:
        if kind == "dbt":
            from dbt.cli.main import cli  # noqa: PLC0415 - preloaded by the server

            sys.argv = ["dbt", *arguments]
            cli.main(args=arguments, prog_name="dbt")
        else:
            sys.path.insert(0, cwd)
            sys.argv = [kind, *arguments]
            runpy.run_module(kind, run_name="__main__", alter_sys=True)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def run(command: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True): forked from
    the server for `<python> -m <module> ...` and `<venv>/dbt ...`, else a subprocess."""
    command = [str(part) for part in command]
    if command[:2] == [sys.executable, "-m"] and len(command) > 2:
        kind, arguments = command[2], command[3:]
    elif Path(command[0]).name == "dbt":
        kind, arguments = "dbt", command[1:]
    else:
        kind = ""
    global _server_failed
    if not ENABLED or not kind or _server_failed or env.get("LEADSCORE_TARGET") == "spark":
        return subprocess.run(command, cwd=cwd, env=dict(env), capture_output=True, text=True, check=False,
                              timeout=timeout)
    with tempfile.TemporaryDirectory(prefix="leadscore-command-") as folder:
        out, err = Path(folder) / "stdout", Path(folder) / "stderr"
        child = _forkserver().Process(target=_child, args=(kind, arguments, str(cwd), dict(env), str(out), str(err)))
        try:
            child.start()
        except (EOFError, OSError):
            _server_failed = True
            return run(command, cwd, env, timeout)
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(command, timeout or 0)
        read = lambda path: path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""  # noqa: E731
        return subprocess.CompletedProcess(command, child.exitcode, read(out), read(err))
