"""Copies the input files (the four tables of docs/CONTRACT.md section 1 and the optional
sales_feedback, score_adjustments and erasure_requests; CSV or Parquet, as for input=files)
into a PostgreSQL schema with COPY, as text columns named as in the files, so that leadscore can read them with
input=tables. Each table is replaced whole, in one transaction per table: emptied and refilled
when its columns are the file's (the staging views that read it stay), else dropped with the
views that read it and created anew (the next run rebuilds those views).

A table given as a folder of deliveries (`activities/0001.parquet`, ...: one file per sync, as
with input=files) is appended to instead, one transaction per new file: each file is loaded
once, in name order, its rows stamped with the load time in the column `_loaded_at` (the var
leadscore_input_loaded_at_column's default), so that an incremental run reads only the rows
of the new deliveries (docs/incremental-runs.md). The files loaded are listed in the table
`_leadscore_deliveries` of the schema (name, size, modification time, rows); a listed file
that changed or disappeared stops the load, named, as a judged delivery stops input=files.

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
DELIVERIES = "_leadscore_deliveries"


class LoadError(Exception):
    """An input folder the loader cannot load as it is; the message names the file."""


LOADED_AT = "_loaded_at"


def connect() -> psycopg2.extensions.connection:
    return psycopg2.connect(**postgres_connection_settings(os.environ))


def input_file(folder: Path, table: str) -> Path | None:
    found = sorted(p for p in folder.glob(f"{table}.*") if p.name.lower().endswith(READABLE))
    if len(found) > 1:
        raise LoadError(f"load_input_postgres: more than one input file for {table}: {', '.join(map(str, found))}")
    if found and (folder / table).is_dir():
        raise LoadError(f"load_input_postgres: {table} is both a file ({found[0]}) and a folder ({folder / table}); keep one")
    return found[0] if found else None


def delivery_files(folder: Path) -> list[Path]:
    """A folder's delivery files (sub-folders too) in name order; names starting with . or _
    are markers (_SUCCESS, .crc). CSV and Parquet in one folder cannot be one table."""
    files = sorted(
        (
            path
            for path in folder.rglob("*")
            if path.is_file() and not any(part.startswith((".", "_")) for part in path.relative_to(folder).parts)
        ),
        key=lambda path: path.relative_to(folder).as_posix(),
    )
    unreadable = [path for path in files if not path.name.lower().endswith(READABLE)]
    if unreadable:
        raise LoadError(f"load_input_postgres: {unreadable[0]} is not CSV or Parquet")
    if len({path.name.lower().endswith(".parquet") for path in files}) > 1:
        raise LoadError(f"load_input_postgres: {folder} holds CSV and Parquet files; one format per table")
    return files


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
        for table in TABLES:
            if table not in counts and (folder / table).is_dir():
                counts[table] = append_deliveries(connection, schema, table, folder / table, encoding, delimiter)
    finally:
        connection.close()
    return counts


def append_deliveries(
    connection: psycopg2.extensions.connection, schema: str, table: str, folder: Path, encoding: str | None, delimiter: str | None
) -> int:
    """The folder's files not loaded before, each appended in a transaction of its own with
    its load time; returns the table's rows."""
    target = sql.Identifier(schema, table)
    registry = sql.Identifier(schema, DELIVERIES)
    with connection, connection.cursor() as cursor:
        cursor.execute(
            sql.SQL(
                "create table if not exists {} (table_name text, file_name text, file_size bigint, "
                "modified_at double precision, row_count bigint, loaded_at timestamp)"
            ).format(registry)
        )
        cursor.execute("select to_regclass(%s)", (target.as_string(cursor),))
        has_table = cursor.fetchone()[0] is not None
        cursor.execute(sql.SQL("select file_name, file_size, modified_at from {} where table_name = %s").format(registry), (table,))
        loaded = {name: (size, modified) for name, size, modified in cursor.fetchall()}
        if not has_table and loaded:
            # the table was dropped by hand: its deliveries are loaded again
            cursor.execute(sql.SQL("delete from {} where table_name = %s").format(registry), (table,))
            loaded = {}
    files = delivery_files(folder)
    names = {path.relative_to(folder).as_posix(): path for path in files}
    for name, (size, modified) in sorted(loaded.items()):
        path = names.get(name)
        if path is None:
            raise LoadError(f"load_input_postgres: delivery {folder / name} was loaded before and is gone (deliveries are never removed)")
        status = path.stat()
        if (status.st_size, status.st_mtime) != (size, modified):
            raise LoadError(f"load_input_postgres: delivery {path} changed since it was loaded (deliveries are never rewritten)")
    for name, path in names.items():
        if name in loaded:
            continue
        with tempfile.TemporaryDirectory() as scratch:
            rows_file = Path(scratch) / f"{table}.csv"
            columns = as_csv(path, rows_file, encoding, delimiter)
            append_file(connection, schema, table, columns, rows_file, name, path)
    with connection, connection.cursor() as cursor:
        cursor.execute(sql.SQL("analyze {}").format(target))
        cursor.execute(sql.SQL("select count(*) from {}").format(target))
        return int(cursor.fetchone()[0])


def append_file(
    connection: psycopg2.extensions.connection, schema: str, table: str, columns: list[str], rows_file: Path, name: str, path: Path
) -> None:
    """One delivery's rows appended with its load time, and the delivery listed, in one transaction."""
    target = sql.Identifier(schema, table)
    with connection, connection.cursor() as cursor, rows_file.open(encoding="utf-8") as rows:
        cursor.execute(
            "select attname from pg_attribute where attrelid = to_regclass(%s) and attnum > 0 and not attisdropped order by attnum",
            (target.as_string(cursor),),
        )
        existing = [row[0] for row in cursor.fetchall()]
        if not existing:
            cursor.execute(
                sql.SQL("create table {} ({}, {} timestamp)").format(
                    target, sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in columns), sql.Identifier(LOADED_AT)
                )
            )
        elif LOADED_AT not in existing:
            raise LoadError(
                f"load_input_postgres: {schema}.{table} was loaded from one file; a folder of deliveries starts anew: "
                f"drop the table (drop table {schema}.{table} cascade) and run again with FULL_REFRESH=1"
            )
        else:
            for column in columns:  # a later delivery may carry a new column
                cursor.execute(sql.SQL("alter table {} add column if not exists {} text").format(target, sql.Identifier(column)))
        cursor.execute("select clock_timestamp() at time zone 'UTC'")
        loaded_at = cursor.fetchone()[0]
        names = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
        # the load time as the column's default while COPY runs: no second pass over the rows
        stamp = sql.SQL("alter table {} alter column {} set default {}").format(target, sql.Identifier(LOADED_AT), sql.Literal(loaded_at))
        cursor.execute(stamp)
        # frozen when this transaction created the table: nothing for autovacuum to do while the
        # job reads it (a later delivery appends to a table created before: not allowed there)
        options = sql.SQL("format csv" if existing else "format csv, freeze")
        copy = sql.SQL("copy {} ({}) from stdin with ({})").format(target, names, options)
        cursor.copy_expert(copy.as_string(cursor), rows)
        count = cursor.rowcount
        cursor.execute(sql.SQL("alter table {} alter column {} drop default").format(target, sql.Identifier(LOADED_AT)))
        status = path.stat()
        cursor.execute(
            sql.SQL("insert into {} values (%s, %s, %s, %s, %s, %s)").format(sql.Identifier(schema, DELIVERIES)),
            (table, name, status.st_size, status.st_mtime, count, loaded_at),
        )


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
        # an unquoted empty field is NULL, a quoted one an empty string: as DuckDB wrote them.
        # Frozen (the table was created or emptied in this transaction): the rows need no
        # visibility check or vacuum later, so autovacuum does not compete with the job's reads
        cursor.copy_expert(sql.SQL("copy {} from stdin with (format csv, freeze)").format(target).as_string(cursor), rows)
        # planner statistics now: the staging views read this table in the same run, before
        # autovacuum would get to it
        cursor.execute(sql.SQL("analyze {}").format(target))
        cursor.execute(sql.SQL("select count(*) from {}").format(target))
        return int(cursor.fetchone()[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input-path", type=Path, required=True)
    parser.add_argument("--schema", default="raw")
    args = parser.parse_args(argv)
    try:
        counts = load(args.input_path, args.schema)
    except LoadError as error:
        print(error, file=sys.stderr)
        return 2
    print(", ".join(f"{table}={count}" for table, count in counts.items()) + f" copied into schema {args.schema}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
