"""The benchmark script's bookkeeping (the benchmark itself is `make benchmark`, never a test):
a step that fails is reported as failed, with why, instead of ending the run."""

from __future__ import annotations

import sys

import pytest

from scripts.benchmark import Measurement, StepFailed, measured, table


def test_a_command_that_runs_out_of_memory_is_reported_as_such() -> None:
    command = [sys.executable, "-c",
               "import sys; print('Out of Memory Error: failed to pin block'); sys.exit(1)"]
    with pytest.raises(StepFailed) as failure:
        measured(command, None, "the ceiling statement")
    assert failure.value.reason == "out of memory"
    assert failure.value.seconds >= 0
    assert failure.value.peak_mb > 0


def test_any_other_failure_keeps_its_exit_status() -> None:
    with pytest.raises(StepFailed) as failure:
        measured([sys.executable, "-c", "import sys; sys.exit(3)"], None, "dbt run")
    assert failure.value.reason == "exit 3"


def test_a_command_that_succeeds_gives_its_output_time_and_memory() -> None:
    completed, seconds, peak_mb = measured([sys.executable, "-c", "print('ceiling 1.5 s')"], None, "x")
    assert completed.stdout.split()[1] == "1.5"
    assert seconds >= 0
    assert peak_mb > 0


def test_the_table_shows_a_failed_step_without_figures() -> None:
    rows = [
        Measurement("L", "ceiling", None, None, 4000.0, None, "failed after 120 s: out of memory"),
        Measurement("L", "full_build", 600.0, 200_000_000 / 600.0, 4900.0, None, "not checked"),
    ]
    lines = table(rows, threads=2, memory_limit="4GB").splitlines()
    assert "threads=2, memory_limit=4GB" in lines[0]
    assert lines[4] == "| L | ceiling | failed | n/a | 4,000 | n/a | failed after 120 s: out of memory |"
    assert lines[5] == "| L | full_build | 600.0 | 333,333 | 4,900 | n/a | not checked |"
