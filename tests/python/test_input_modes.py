"""The input var and the table-level rules of docs/CONTRACT.md section 1: optional tables may be
absent, Parquet and other delimiters read the same, a missing required column or an
empty leads table stops the run with a message naming the problem."""

from __future__ import annotations

from pathlib import Path

import duckdb

from conftest import DbtProject, copy_project, run_main_job, write_csv

MINIMAL_LEADS = '''\
    lead_id;created_at;Job Title;Favourite Colour
    A1;2026-03-01;CEO;Blue
    A2;2026-03-02 08:00;Intern;
'''


def test_optional_tables_absent_and_semicolon_sniffed(dbt_project: DbtProject, tmp_path: Path) -> None:
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", MINIMAL_LEADS)
    dbt_project.build({"input": "files", "input_path": str(inputs)}, "--exclude-resource-type", "unit_test")
    assert dbt_project.query("select lead_id, job_title from intermediate.int_leads_deduplicated order by 1") == [
        ("A1", "CEO"), ("A2", "Intern"),
    ]
    assert dbt_project.query("select attribute_name, attribute_value from intermediate.int_lead_attributes_unpivoted") == [
        ("favourite_colour", "Blue"),
    ]
    for table in ("activities", "outcomes", "accounts"):
        assert dbt_project.query(f"select count(*) from intermediate.int_{table}_deduplicated") == [(0,)]
        assert dbt_project.query(f"select count(*) from quarantine_{table}") == [(0,)]


def test_parquet_input_and_forced_delimiter(dbt_project: DbtProject, tmp_path: Path) -> None:
    inputs = tmp_path / "input"
    inputs.mkdir()
    connection = duckdb.connect()
    connection.sql(
        f"""copy (select * from (values ('P1', timestamp '2026-03-01 10:00:00', 'Owner'),
                                       ('P2', null, 'Analyst')) as t("Lead Id", "Created At", "Job Title"))
            to '{inputs / "leads.parquet"}' (format parquet)"""
    )
    connection.close()
    write_csv(inputs, "activities.csv", "lead_id|activity_type|occurred_at\nP1|Demo Request|2026-03-02\n")
    dbt_project.build(
        {"input": "files", "input_path": str(inputs), "input_delimiter": "|"}, "--exclude-resource-type", "unit_test"
    )
    assert dbt_project.query("select lead_id, job_title from intermediate.int_leads_deduplicated") == [("P1", "Owner")]
    assert dbt_project.query("select lead_id, reason from quarantine_leads") == [("P2", "unparseable_timestamp")]
    assert dbt_project.query("select lead_id, activity_type from intermediate.int_activities_deduplicated") == [
        ("P1", "demo_request")
    ]


def test_missing_required_column_stops_with_its_name(dbt_project: DbtProject, tmp_path: Path) -> None:
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", "lead_id,email\nX1,x@example.com\n")
    result = dbt_project.dbt("build", dbt_vars={"input": "files", "input_path": str(inputs)})
    assert result.returncode != 0
    assert "has no column 'created_at', which is required" in result.stdout
    assert not dbt_project.database.exists() or dbt_project.query(
        "select count(*) from information_schema.tables where table_name = 'int_leads_deduplicated'"
    ) == [(0,)]


def test_missing_leads_file_stops(dbt_project: DbtProject, tmp_path: Path) -> None:
    inputs = tmp_path / "input"
    write_csv(inputs, "activities.csv", "lead_id,activity_type,occurred_at\nX1,email_open,2026-01-01\n")
    result = dbt_project.dbt("build", dbt_vars={"input": "files", "input_path": str(inputs)})
    assert result.returncode != 0
    assert "input table 'leads' not found" in result.stdout


def test_header_only_leads_stops_before_the_cleaned_layer(dbt_project: DbtProject, tmp_path: Path) -> None:
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", "lead_id,created_at\n")
    result = dbt_project.dbt(
        "build", "--exclude-resource-type", "unit_test", dbt_vars={"input": "files", "input_path": str(inputs)}
    )
    assert result.returncode != 0
    assert "has_rows_base_leads" in result.stdout
    assert dbt_project.query(
        "select count(*) from information_schema.tables where table_name = 'int_leads_deduplicated'"
    ) == [(0,)]


def test_tables_input_reads_the_warehouse_schema(dbt_project: DbtProject) -> None:
    connection = duckdb.connect(str(dbt_project.database))
    connection.sql("create schema crm")
    connection.sql("""create table crm.leads as select * from (values
        ('T1', timestamp '2026-03-01 10:00:00', 'Head of Data', 'T1@Example.com'),
        ('T2', null, 'Analyst', 't2@example.com')) as t("Lead ID", "Created At", "Job Title", "E-Mail Address")""")
    connection.sql("""create table crm.activities as select * from (values
        ('T1', 'email_open', '2026-03-02'), ('T9', 'email_open', '2026-03-02')) as t(lead_id, activity_type, occurred_at)""")
    connection.close()
    dbt_project.build({"input": "tables", "input_schema": "crm"}, "--exclude-resource-type", "unit_test")
    assert dbt_project.query("select lead_id, job_title from intermediate.int_leads_deduplicated") == [("T1", "Head of Data")]
    assert dbt_project.query("select lead_id, reason from quarantine_leads") == [("T2", "unparseable_timestamp")]
    assert dbt_project.query("select lead_id, reason from quarantine_activities") == [("T9", "unknown_lead")]
    # a column the contract does not name is a custom attribute, whatever the input mode
    assert dbt_project.query("select attribute_name from intermediate.int_lead_attributes_unpivoted") == [
        ("e_mail_address",),
    ]


def test_empty_leads_file_stops_with_a_clear_message(dbt_project: DbtProject, tmp_path: Path) -> None:
    inputs = tmp_path / "input"
    inputs.mkdir()
    (inputs / "leads.csv").write_bytes(b"")
    result = dbt_project.dbt("build", dbt_vars={"input": "files", "input_path": str(inputs)})
    assert result.returncode != 0
    assert "the file is empty or has no header row" in result.stdout


def test_file_without_header_row_stops_with_a_clear_message(dbt_project: DbtProject, tmp_path: Path) -> None:
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", "L1,2026-01-01,CEO\nL2,2026-01-02,CTO\n")
    result = dbt_project.dbt("build", dbt_vars={"input": "files", "input_path": str(inputs)})
    assert result.returncode != 0
    assert "columns found: column0, column1, column2; the file is empty or has no header row" in result.stdout


def test_layouts_it_cannot_read_stop_the_run_naming_them(dbt_project: DbtProject, tmp_path: Path) -> None:
    """Nothing of a table's name is taken as absent: a format it cannot read, a file and a
    folder at once, a folder named like a file (Spark's accounts.parquet/), CSV and Parquet
    in one folder each stop the run with a message naming them (one table each, one build)."""
    inputs = tmp_path / "input"
    write_csv(inputs, "leads.csv", MINIMAL_LEADS.replace(";", ","))
    rows = "lead_id,activity_type,outcome,account_id,occurred_at\nA1,email_open,won,X1,2026-03-02\n"
    for name in ("activities.json", "outcomes.csv", "outcomes/1.csv", "accounts.parquet/part-0.csv",
                 "erasure_requests/1.csv", "erasure_requests/2.parquet"):
        path = inputs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".parquet"):
            duckdb.sql(f"copy (select 'A1' as lead_id) to '{path}' (format parquet)")
        else:
            path.write_text(rows, encoding="utf-8")
    result = dbt_project.dbt("run", "--select", "base_activities", "base_outcomes", "base_accounts", "base_erasure_requests",
                             dbt_vars={"input": "files", "input_path": str(inputs)})
    assert result.returncode != 0
    for expected in ("activities.json (not CSV or Parquet)",
                     f"both a file ({inputs}/outcomes.csv) and a folder of deliveries ({inputs}/outcomes/)",
                     "accounts.parquet/ (a folder of deliveries is named accounts/)",
                     f"the folder {inputs}/erasure_requests/ holds both Parquet and CSV files"):
        assert expected in result.stdout, (expected, result.stdout[-3000:])


def test_a_folder_of_deliveries_is_read_whole_with_markers_left_out(dbt_project: DbtProject, tmp_path: Path) -> None:
    """leads/ and activities/ as folders: every file read (sub-folders too; columns matched by
    name across files), `_SUCCESS` and dot-files are markers, and a row's position is its
    file's delivery number * 10^10 plus its row in the file (files in name order)."""
    inputs = tmp_path / "input"
    write_csv(inputs / "leads", "a.csv", "lead_id,created_at\nD1,2026-03-01\n")
    write_csv(inputs / "leads" / "2026", "b.csv", "created_at,lead_id,job_title\n2026-03-02,D2,CEO\n")
    write_csv(inputs / "activities", "1.csv", "lead_id,activity_type,occurred_at\nD1,email_open,2026-03-02\nD2,email_open,2026-03-03\n")
    write_csv(inputs / "activities", "2.csv", "lead_id,activity_type,occurred_at\nD2,page_view,2026-03-04\n")
    (inputs / "activities" / "_SUCCESS").write_text("", encoding="utf-8")
    (inputs / "activities" / ".2.csv.crc").write_text("x", encoding="utf-8")
    dbt_project.build({"input": "files", "input_path": str(inputs)}, "--exclude-resource-type", "unit_test")
    assert dbt_project.query("select lead_id, job_title from intermediate.int_leads_deduplicated order by 1") == [
        ("D1", None), ("D2", "CEO"),
    ]
    assert dbt_project.query(
        "select raw_row_number, lead_id, activity_type from intermediate.int_activities_deduplicated order by 1") == [
        (10_000_000_001, "D1", "email_open"), (10_000_000_002, "D2", "email_open"), (20_000_000_001, "D2", "page_view"),
    ]
    assert dbt_project.query(
        "select delivery_number, raw_rows from intermediate.int_activity_deliveries_judged order by 1") == [(1, 2), (2, 1)]


GERMAN_EXCEL_LEADS = (
    "lead_id;created_at;job_title;employee_count;annual_revenue\r\n"
    "G1;2026-03-01;Geschäftsführer;500,0;1.234.567,5\r\n"
    "G2;2026-03-02;Leiterin Vertrieb;1.000;12,5\r\n"
    "G3;2026-03-03;Einkäufer;1.00;\r\n"
)


def test_a_german_excel_export_is_read_with_its_encoding_and_decimal_comma(dbt_project: DbtProject,
                                                                          tmp_path: Path) -> None:
    """The same leads file as German Excel writes it (Windows-1252, ';', decimal comma): with
    the vars for its encoding and decimal separator, every letter and number reads as written;
    the malformed "1.00" becomes null with a warning, not 1 or 100."""
    inputs = tmp_path / "input"
    inputs.mkdir()
    (inputs / "leads.csv").write_bytes(GERMAN_EXCEL_LEADS.encode("cp1252"))
    ran = dbt_project.dbt("run", "--select", "+stg_leads", dbt_vars={
        "input": "files", "input_path": str(inputs), "input_encoding": "latin-1", "decimal_separator": ","})
    assert ran.returncode == 0, ran.stdout[-3000:]
    assert dbt_project.query(
        "select lead_id, job_title, employee_count, annual_revenue, data_quality_warnings "
        "from staging.stg_leads order by lead_id") == [
        ("G1", "Geschäftsführer", 500.0, 1234567.5, None),
        ("G2", "Leiterin Vertrieb", 1000.0, 12.5, None),
        ("G3", "Einkäufer", None, None, "invalid_number:employee_count"),
    ]


def test_a_file_in_another_encoding_stops_the_job_naming_the_var(tmp_path: Path) -> None:
    """Without the encoding var the main job stops at its stage step and says which var to set."""
    inputs = tmp_path / "input"
    inputs.mkdir()
    (inputs / "leads.csv").write_bytes(GERMAN_EXCEL_LEADS.encode("cp1252"))
    project = copy_project(tmp_path / "job")
    stopped = run_main_job(project, tmp_path / "published.duckdb", inputs, "2026-03-10")
    assert stopped.returncode == 5
    assert "not utf-8 encoded" in stopped.stderr and "leadscore_input_encoding" in stopped.stderr
    assert "--encoding latin-1" in stopped.stderr
