"""Hostile input, property-based (hypothesis): input folders whose every field may hold
unicode and emoji, 10,000-character strings, quotes, semicolons, SQL-looking text, NaN,
inf, negative numbers and dates in year 1 and 9999, written with or without a BOM and with
LF or CRLF line ends. Row-level problems never stop the build (docs/CONTRACT.md section 1): every
row is kept or quarantined (the build's rows_are_conserved tests, and counted here), the
reasons still add up, and a SQL-looking value changes nothing but its own row. Each example
is one dbt build, so the examples are few and derandomized (the same on every run).
(File-level problems, e.g. a missing required column or an empty leads file, are
test_quality_gates.py's; erasure and the remaining cases of issue 10 are not done yet.)"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DbtProject, copy_project

AS_OF = "2026-06-01"
LEAD_COLUMNS = ["lead_id", "created_at", "updated_at", "email", "first_name", "phone", "job_title", "industry",
                "country", "lead_source", "employee_count", "annual_revenue", "do_not_email"]
ACTIVITY_COLUMNS = ["activity_id", "lead_id", "activity_type", "occurred_at", "url"]
NASTY = [
    "'); drop table leads; --", "\"; delete from lead_scores; --", "a;b;c", "\"quoted\"", "it's", "",
    "NaN", "inf", "-inf", "-1", "-99999999999999999999", "1e308", "0001-01-01", "9999-12-31 23:59:59",
    "0001-01-01T00:00:00Z", "🚀🔥 CEO 👩‍💻", "Zoë Ångström", "日本語のテキスト", "\u200b", "x" * 10_000,
    "null", "NULL", "N/A", "\\", "%s", "{{ var('as_of') }}", "${HOME}", "\t", "line\nbreak",
]
# values that keep a row alive, so that scoring runs on some of the nasty ones
SANE = {
    "lead_id": ["L1", "L2", "L3"],
    "created_at": ["2026-01-05", "2026-02-10 08:00:00"],
    "activity_type": ["email_open", "page_view", "demo_request"],
    "occurred_at": ["2026-05-20 10:00:00", "2026-05-30"],
}


def value(column: str) -> st.SearchStrategy[str]:
    nasty = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))
    if column in SANE:
        return st.one_of(st.sampled_from(SANE[column]), st.sampled_from(SANE[column]), nasty)
    return nasty


def rows(columns: list[str], count: int) -> st.SearchStrategy[list[list[str]]]:
    return st.lists(st.tuples(*(value(column) for column in columns)).map(list), min_size=1, max_size=count)


def write(folder: Path, name: str, header: list[str], body: list[list[str]], bom: bool, crlf: bool) -> int:
    buffer = io.StringIO()
    # as an export tool writes it: a field holding a line break is quoted (Python's writer
    # would leave a bare carriage return unquoted in a file with LF line ends, which makes
    # the row ambiguous: see the closing note of issue 10)
    quoting = csv.QUOTE_ALL if any("\r" in field for row in body for field in row) else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n", quoting=quoting)
    writer.writerow(header)
    writer.writerows(body)
    (folder / f"{name}.csv").write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))
    return len(body)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    return copy_project(tmp_path_factory.mktemp("hostile"))


@settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck),
          database=None)
@pytest.mark.slow
@given(leads=rows(LEAD_COLUMNS, 6), activities=rows(ACTIVITY_COLUMNS, 6), bom=st.booleans(), crlf=st.booleans())
def test_hostile_values_never_stop_the_build_and_lose_no_row(
    project: DbtProject,
    leads: list[list[str]], activities: list[list[str]], bom: bool, crlf: bool,
) -> None:
    # one folder for every example: the same vars let dbt parse the project once, not per example
    folder = project.root.parent / "input"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    lead_rows = write(folder, "leads", LEAD_COLUMNS, leads, bom, crlf)
    activity_rows = write(folder, "activities", ACTIVITY_COLUMNS, activities, bom, crlf)
    project.database.unlink(missing_ok=True)
    built = project.dbt("build", "--exclude-resource-type", "unit_test",
                        dbt_vars={"input": "files", "input_path": str(folder), "as_of": AS_OF})
    assert built.returncode == 0, built.stdout[-5000:]
    assert "Traceback" not in built.stdout
    connection = duckdb.connect(str(project.database), read_only=True)
    try:
        for table, raw in (("leads", lead_rows), ("activities", activity_rows)):
            (counted,) = connection.sql(f"select count(*) from staging.base_{table}").fetchall()[0]
            (kept,) = connection.sql(f"select count(*) from intermediate.int_{table}_deduplicated").fetchall()[0]
            (quarantined,) = connection.sql(f"select count(*) from main.quarantine_{table}").fetchall()[0]
            assert counted == raw, f"{table}: {raw} rows written, {counted} read"
            assert kept + quarantined == raw, f"{table}: {kept} kept + {quarantined} quarantined != {raw}"
        # SQL-looking lead ids are data: a lead named like a statement is scored like any other
        scored = {lead for (lead,) in connection.sql("select lead_id from main.lead_scores").fetchall()}
        survivors = {lead for (lead,) in connection.sql("select lead_id from intermediate.int_leads_deduplicated").fetchall()}
        assert scored <= survivors
    finally:
        connection.close()
