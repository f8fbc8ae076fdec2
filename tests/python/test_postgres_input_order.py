"""raw_row_number on Postgres is the same every time an input table is read.

The staging views number the rows of an input table, and models join a stored table back
to a staging view on that number (restricted.lead_contacts takes each kept lead's e-mail
that way). Postgres returns a large table's rows in a different order when a scan of it
ran, or is running, elsewhere: a sequential scan of a table larger than a quarter of
shared_buffers starts where the last scan of it reported being (synchronize_seqscans). At
M, with dbt's threads and the input checks reading the leads at once, lead_contacts gave
kept leads other leads' e-mails. Here a scan stopped part-way (offset ... limit 1) leaves
that position behind, then the staging view is read: its numbers must follow the table's
order (row i of the table is lead Li) and be the same on the next read."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project_on, postgres_connect

pytestmark = pytest.mark.postgres
# 200,000 rows of about 250 bytes: 50 MB, above a quarter of the test server's default
# shared_buffers (128 MB), the size from which Postgres synchronizes sequential scans
LEADS = 200_000


def numbering_after_a_scan_stopped_at(cursor, stop_row: int) -> list[tuple[int, str]]:
    cursor.execute("select lead_id from raw.leads offset %s limit 1", (stop_row,))
    cursor.execute("select raw_row_number, lead_id from staging.base_leads")
    return sorted(cursor.fetchall())


@pytest.mark.parametrize("relation_type", ["table", "view"])
def test_rows_are_numbered_alike_whatever_scan_ran_before(tmp_path: Path, request: pytest.FixtureRequest,
                                                          relation_type: str) -> None:
    project = copy_project_on("postgres", tmp_path, request)
    connection = postgres_connect(project.extra_env)
    try:
        with connection.cursor() as cursor:
            table = "raw.leads" if relation_type == "table" else "raw.leads_stored"
            cursor.execute("create schema raw")
            cursor.execute(f"""create table {table} as
                select 'L' || i as lead_id, '2026-01-01' as created_at, 'p' || i || '@example.com' as email,
                    repeat('x', 200) as company
                from generate_series(1, {LEADS}) as i""")
            if relation_type == "view":
                cursor.execute("create view raw.leads as select * from raw.leads_stored")
            cursor.execute(f"""select pg_relation_size('{table}')
                > pg_size_bytes(current_setting('shared_buffers')) / 4""")
            assert cursor.fetchone() == (True,), "the table is too small for synchronized scans: the test shows nothing"
        built = project.dbt("run", "--select", "base_leads", dbt_vars={"input": "tables", "input_schema": "raw"})
        assert built.returncode == 0, built.stdout[-3000:]
        with connection.cursor() as cursor:
            # one process per scan, so that each scan is one sequential pass
            cursor.execute("set max_parallel_workers_per_gather = 0")
            first = numbering_after_a_scan_stopped_at(cursor, LEADS // 3)
            second = numbering_after_a_scan_stopped_at(cursor, 2 * LEADS // 3)
    finally:
        connection.close()
    assert len(first) == LEADS
    assert first == second
    if relation_type == "table":
        # created in order by generate_series: row i of the table is lead Li
        assert first == [(i, f"L{i}") for i in range(1, LEADS + 1)]
