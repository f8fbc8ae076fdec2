"""The benchmark script's bookkeeping (the benchmark itself is `make benchmark`, never a test):
a step that fails is reported as failed, with why, instead of ending the run."""

from __future__ import annotations

import sys

import pytest

from leadscore.benchmark.measure import Measurement, StepFailed, measured, table


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


def test_the_checks_comparison_counts_failing_rows_as_great_expectations_does() -> None:
    """leadscore/benchmark/checks.py's alternative counts failing rows in SQL; a null passes
    every check but not-null, as in GX. Expected counts by hand from the five rows."""
    from datetime import datetime

    import duckdb

    from leadscore.benchmark.checks import failing_condition

    frame = ("select * from (values ('a', 'email_open', 5), ('b', 'web', 50), ('b', null, null), "
             "(null, 'email_open', 7), ('c', 'fax', 12)) as rows_(lead_id, kind, amount)")
    cases = [
        ("expect_column_values_to_not_be_null", {"column": "lead_id"}, 1),
        ("expect_column_values_to_be_between", {"column": "amount", "min_value": 6, "max_value": 12}, 2),
        ("expect_column_values_to_be_in_set", {"column": "kind", "value_set": ["email_open", "web"]}, 1),
        ("expect_column_values_to_be_unique", {"column": "lead_id"}, 2),
        ("expect_column_values_to_match_regex", {"column": "kind", "regex": "^e"}, 2),
    ]
    connection = duckdb.connect()
    for expectation, arguments, expected in cases:
        condition = failing_condition(expectation, arguments, frame)
        count = connection.execute(f"select count(*) from ({frame}) as frame_rows where {condition}").fetchone()
        assert count == (expected,), expectation
    between_times = failing_condition("expect_column_values_to_be_between",
                                      {"column": "t", "min_value": datetime(2000, 1, 1), "max_value": datetime(2030, 1, 1)}, "")
    assert "cast('2000-01-01 00:00:00' as timestamp)" in str(between_times)
    assert failing_condition("expect_table_row_count_to_be_between", {}, frame) is None


def test_a_ceiling_too_large_for_memory_runs_in_slices_and_still_checks_every_lead(tmp_path, monkeypatch) -> None:
    """With --parts main at L no timed ceiling says it does not fit: the untimed single
    statement runs out of memory, and the check runs it again in CEILING_SLICES slices."""
    import leadscore.benchmark.speed as benchmark

    slices: list[int] = []

    def ceiling(source, out, threads, memory_limit, as_of, slices_asked=1):  # noqa: ANN001, ANN202
        slices.append(slices_asked)
        if slices_asked == 1:
            raise StepFailed("the ceiling statement", 100.0, 4000.0, "out of memory")
        return 1.0, 100.0

    monkeypatch.setattr(benchmark, "timed_ceiling", ceiling)
    monkeypatch.setattr(benchmark, "disagreement", lambda database, check: (0, 1e-12))
    bench = benchmark.Bench("L", 2, "4GB", tmp_path, tmp_path, tmp_path, tmp_path)
    note = bench.agreement(tmp_path / "job.duckdb", 0)
    assert slices == [1, benchmark.CEILING_SLICES]
    assert note == "agrees with the ceiling on every lead (max difference 1.0e-12)"


def test_the_ceiling_in_slices_scores_every_lead_as_the_single_statement_does(tmp_path) -> None:
    """The slices partition the leads: together they give the single statement's scores,
    lead for lead (the demo data as Parquet, every column text as the benchmark's input)."""
    import duckdb

    from leadscore.benchmark import ceiling as benchmark_ceiling
    from leadscore.project import PROJECT_ROOT

    demo = PROJECT_ROOT / "data" / "demo"
    if not (demo / "activities.csv").exists():
        pytest.skip("no demo data in data/demo (make test generates it)")
    connection = duckdb.connect()
    for table in ("leads", "activities"):
        source, target = str(demo / f"{table}.csv"), str(tmp_path / f"{table}.parquet")
        connection.execute(f"copy (select * from read_csv('{source}', all_varchar = true)) to '{target}' (format parquet)")
    connection.close()
    scores = {}
    for slices in (1, 3):
        out = tmp_path / f"scores_{slices}.parquet"
        assert benchmark_ceiling.main(["--input", str(tmp_path), "--as-of", "2026-06-30", "--out", str(out),
                                       "--slices", str(slices), "--memory-limit", "1GB"]) == 0
        scores[slices] = dict(duckdb.sql(f"select lead_id, total_score from read_parquet('{out}')").fetchall())
    assert len(scores[1]) > 1000
    assert scores[3].keys() == scores[1].keys()
    assert max(abs(scores[3][lead] - scores[1][lead]) for lead in scores[1]) < 1e-9


def test_the_history_is_stretched_with_copies_of_its_first_date_moved_back(tmp_path) -> None:
    """Two dates of two leads stretched to five: three copies of the first date (06-01), on
    05-31, 05-30 and 05-29, with as_of moved back as many days."""
    from datetime import date, datetime

    import duckdb

    from leadscore.benchmark.speed import stretch_history

    database = tmp_path / "leadscore.duckdb"
    connection = duckdb.connect(str(database))
    connection.execute("create table lead_score_history (lead_id varchar, score_date date, as_of timestamp, "
                       "total_score double)")
    connection.execute("""insert into lead_score_history values
        ('L1', '2026-06-01', '2026-06-01 00:00', 5), ('L2', '2026-06-01', '2026-06-01 00:00', 7),
        ('L1', '2026-06-02', '2026-06-02 00:00', 6)""")
    connection.execute("create table lead_scores as select timestamp '2026-06-02 00:00' as as_of")
    connection.close()
    assert stretch_history(database, 5) == (3 + 3 * 2, "2026-06-02 00:00:00")
    connection = duckdb.connect(str(database), read_only=True)
    rows = connection.sql("select score_date, count(*), min(as_of), sum(total_score) "
                          "from lead_score_history group by score_date order by score_date").fetchall()
    connection.close()
    assert rows[:3] == [
        (date(2026, 5, 29), 2, datetime(2026, 5, 29), 12.0),
        (date(2026, 5, 30), 2, datetime(2026, 5, 30), 12.0),
        (date(2026, 5, 31), 2, datetime(2026, 5, 31), 12.0),
    ]
    assert len(rows) == 5


def test_a_partial_run_replaces_its_own_profile_sections_and_keeps_the_others(tmp_path) -> None:
    from leadscore.benchmark.speed import merged_profiles  # noqa: PLC0415

    path = tmp_path / "profile_S.md"
    path.write_text(
        "# Where the time goes at size S\n\n"
        "### full_build: the slowest models (dbt run_results)\n\n| model | seconds |\n| a | 1.0 |\n\n"
        "### main_full: the build step's nodes (dbt run_results)\n\n| old | 9.0 |\n"
    )
    merged = merged_profiles(path, "# Where the time goes at size S", ["### main_full: the build step's nodes (dbt run_results)\n\n| new | 2.0 |\n"])
    assert merged == (
        "# Where the time goes at size S\n\n"
        "### full_build: the slowest models (dbt run_results)\n\n| model | seconds |\n| a | 1.0 |\n\n"
        "### main_full: the build step's nodes (dbt run_results)\n\n| new | 2.0 |\n"
    )
