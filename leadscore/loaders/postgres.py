"""Copies the input files (the four tables of docs/CONTRACT.md section 1 and the optional
sales_feedback, score_adjustments and erasure_requests; CSV or Parquet, as for input=files)
into a PostgreSQL schema with COPY, as text columns named as in the files, so that leadscore can read them with
input=tables. Each table is replaced whole, in one transaction per table: emptied and refilled
when its columns are the file's (the staging views that read it stay), else dropped with the
views that read it and created anew (the next run rebuilds those views).

    python -m leadscore.loaders.postgres --input-path data/demo --schema raw

Connection: the LEADSCORE_PG_* variables of the `postgres` target (profiles/profiles.yml).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import duckdb
import psycopg2
from psycopg2 import sql
from tqdm import tqdm

from leadscore.warehouse import postgres_connection_settings

TABLES = ("leads", "activities", "outcomes", "accounts", "sales_feedback", "score_adjustments", "erasure_requests")
READABLE = (".csv", ".tsv", ".txt", ".csv.gz", ".parquet")


def connect() -> psycopg2.extensions.connection:
    return psycopg2.connect(**postgres_connection_settings(os.environ))


def input_file(folder: Path, table: str) -> Path | None:
    found = sorted(p for p in folder.glob(f"{table}.*") if p.name.lower().endswith(READABLE))
    if len(found) > 1:
        raise SystemExit(f"load_input_postgres: more than one input file for {table}: {', '.join(map(str, found))}")
    return found[0] if found else None


def as_csv(path: Path, out: Path, encoding: str | None = None, delimiter: str | None = None) -> list[str]:
    """Writes the file's rows to out as CSV without a header, every value as text, in file
    order; returns its columns. DuckDB reads it (sniffing CSV dialects, as input=files does)
    and writes a null as an empty field and an empty text as "" (what COPY reads back)."""
    connection = duckdb.connect()
    try:
        literal = "'" + str(path).replace("'", "''") + "'"
        reader = (
            f"read_parquet({literal})"
            if path.name.lower().endswith(".parquet")
            else (
                f"read_csv({literal}, all_varchar = true, header = true"
                + (f", encoding = '{encoding}'" if encoding and encoding.lower() not in ("utf-8", "utf8") else "")
                + (f", delim = '{delimiter}'" if delimiter else "")
                + ")"
            )
        )
        columns = connection.sql(f"select * from {reader}").columns
        as_text = ", ".join('cast("' + c.replace('"', '""') + '" as varchar)' for c in columns)
        target = "'" + str(out).replace("'", "''") + "'"
        connection.execute(f"copy (select {as_text} from {reader}) to {target} (format csv, header false)")
    finally:
        connection.close()
    return list(columns)


def load(folder: Path, schema: str, encoding: str | None = None, delimiter: str | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    connection = connect()
    try:
        with connection:
            with connection.cursor() as cursor:
                cursor.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(schema)))
        present = [(table, path) for table in TABLES if (path := input_file(folder, table)) is not None]
        for table, path in tqdm(present, desc="copy into Postgres", unit="table", disable=not sys.stderr.isatty()):
            with tempfile.TemporaryDirectory() as scratch:
                rows_file = Path(scratch) / f"{table}.csv"
                columns = as_csv(path, rows_file, encoding, delimiter)
                counts[table] = copy_table(connection, schema, table, columns, rows_file)
    finally:
        connection.close()
    return counts


def copy_table(connection: psycopg2.extensions.connection, schema: str, table: str, columns: list[str], rows_file: Path) -> int:
    """Replaces schema.table's rows with the CSV's (text columns), in one transaction."""
    target = sql.Identifier(schema, table)
    with connection, connection.cursor() as cursor, rows_file.open(encoding="utf-8") as rows:
        cursor.execute(
            "select attname, format_type(atttypid, atttypmod) from pg_attribute "
            "where attrelid = to_regclass(%s) and attnum > 0 and not attisdropped order by attnum",
            (target.as_string(cursor),),
        )
        if cursor.fetchall() == [(column, "text") for column in columns]:
            cursor.execute(sql.SQL("truncate table {}").format(target))
        else:
            cursor.execute(sql.SQL("drop table if exists {} cascade").format(target))
            cursor.execute(
                sql.SQL("create table {} ({})").format(
                    target, sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in columns)
                )
            )
        # an unquoted empty field is NULL, a quoted one an empty string: as DuckDB wrote them
        cursor.copy_expert(sql.SQL("copy {} from stdin with (format csv)").format(target).as_string(cursor), rows)
        cursor.execute(sql.SQL("select count(*) from {}").format(target))
        return int(cursor.fetchone()[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input-path", type=Path, required=True)
    parser.add_argument("--schema", default="raw")
    args = parser.parse_args(argv)
    counts = load(args.input_path, args.schema)
    print(", ".join(f"{table}={count}" for table, count in counts.items()) + f" copied into schema {args.schema}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
