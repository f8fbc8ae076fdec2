"""The `leadscore` command: one entry point for the jobs the make targets run.

    leadscore run --input files --input-path ~/exports
    leadscore --log-format json run ...        (one JSON object per line, for schedulers)
    leadscore <command> --help                 (every option of a command)

Each command's options are its job's own parser (the same one `python -m leadscore.<job>`
uses), so `leadscore <command> --help` and the make targets never drift apart. The job is
imported only when its command runs: `leadscore --help` answers at once.
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from leadscore import __version__, console

PASS_THROUGH = {"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []}

# command -> (module with main(argv, prog), what it does, arguments put before the user's)
COMMANDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "run": ("leadscore.job", "The main job: stage, check, build, check, publish, report and export.", ()),
    "backfill": ("leadscore.job", "Score past dates into lead_score_history (--backfill-from ...), then the main job.", ("--no-backtest",)),
    "calibrate": ("leadscore.calibration.cli", "Learn points from outcomes; writes rules, grade bands and a backtest.", ()),
    "report": ("leadscore.report", "Write the HTML report of the published scores.", ()),
    "preview": ("leadscore.preview", "Score with the edited seeds and compare with the published scores.", ()),
    "benchmark": ("leadscore.benchmark.speed", "Time the main job and the dbt builds at size S, M or L (a printed table).", ()),
    "docs": ("leadscore.docs", "dbt's documentation of the project as one offline HTML file.", ()),
    "demo-data": ("leadscore.demo.generate", "Generate the demo input (deterministic; --leads, --activities, --format).", ()),
}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="leadscore")
@click.option(
    "--project-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="LEADSCORE_PROJECT_DIR",
    help="The dbt project to run (default: the checkout this package is in, else the one it ships).",
)
@click.option(
    "--log-format",
    type=click.Choice(console.LOG_FORMATS),
    default=None,
    envvar=console.LOG_FORMAT_ENV,
    help="text (default) or json: one JSON object per line, dbt's lines included.",
)
def cli(project_dir: Path | None, log_format: str | None) -> None:
    """leadscore: warehouse-native, explainable lead scoring built with dbt."""
    if project_dir is not None:
        # read when leadscore.project is first imported, i.e. by the command's job
        os.environ["LEADSCORE_PROJECT_DIR"] = str(project_dir.expanduser().resolve())
    console.install(log_format)
    atexit.register(sys.stdout.flush)


def _job_command(name: str, module: str, summary: str, leading: tuple[str, ...]) -> Callable[..., None]:
    @click.pass_context
    def command(context: click.Context) -> None:
        main = importlib.import_module(module).main
        code = main([*leading, *context.args], prog=f"leadscore {name}")
        sys.stdout.flush()
        context.exit(code or 0)

    command.__doc__ = f"{summary}\n\nOptions: leadscore {name} --help."
    return command


for _name, (_module, _summary, _leading) in COMMANDS.items():
    cli.command(_name, context_settings=PASS_THROUGH, add_help_option=False, short_help=_summary)(
        _job_command(_name, _module, _summary, _leading)
    )


def main() -> None:
    cli(prog_name="leadscore")
