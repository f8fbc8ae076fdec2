"""Turns the UCI Bank Marketing file (bank-additional-full.csv) into leadscore's input
contract (input=files): one lead per contacted client, the outcome `y` as an outcome.

    python -m leadscore.loaders.bank_marketing --source ../shared/data/bank_marketing/bank-additional-full.csv --out /tmp/bank

The file has no ids and no timestamps, but its rows are in date order (May 2008 to
November 2010): lead_id is the row number, created_at spreads the rows evenly over that
period, so time-based splits work. `duration` (the length of the call) is known only after
the call and nearly decides `y`, so it is dropped. `y = yes` becomes the outcome
`converted`, `no` becomes `lost`, dated one day after the contact. "unknown" is written as
given; leadscore's staging reads it as a missing value (a placeholder), so rules see it as
`missing`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

import duckdb

from leadscore.sql import one_row

FIRST_CONTACT = datetime(2008, 5, 1)
LAST_CONTACT = datetime(2010, 11, 30)
LEAKING_COLUMNS = ("duration",)


def load(source: Path, out: Path) -> tuple[int, int]:
    out.mkdir(parents=True, exist_ok=True)
    span_seconds = int((LAST_CONTACT - FIRST_CONTACT).total_seconds())
    connection = duckdb.connect()
    try:
        connection.execute(
            """
            create temporary table bank as
            select row_number() over () as row_number, *
            from read_csv(?, delim = ';', header = true, all_varchar = true)
            """,
            [str(source)],
        )
        columns = [row[0] for row in connection.sql("describe bank").fetchall()]
        missing = {"y", *LEAKING_COLUMNS} - set(columns)
        if missing:
            raise SystemExit(f"leadscore: {source} lacks the column(s) {', '.join(sorted(missing))}: not bank-additional")
        attributes = [c for c in columns if c not in ("row_number", "y", *LEAKING_COLUMNS)]
        rows = one_row(connection.sql("select count(*) from bank"))[0]
        created = (
            f"timestamp '{FIRST_CONTACT:%Y-%m-%d %H:%M:%S}' + to_seconds(cast(floor((row_number - 1) * "
            f"{span_seconds} / greatest({rows} - 1, 1)) as bigint))"
        )
        lead_id = "'B' || lpad(cast(row_number as varchar), 6, '0')"
        quoted = ", ".join(f'"{c}"' for c in attributes)
        connection.execute(
            f"copy (select {lead_id} as lead_id, {created} as created_at, {quoted} from bank order by row_number) "
            f"to '{out / 'leads.csv'}' (header, delimiter ',')"
        )
        connection.execute(
            f"""copy (select {lead_id} as lead_id,
                       case when y = 'yes' then 'converted' else 'lost' end as outcome,
                       {created} + interval 1 day as outcome_at
                   from bank order by row_number)
                to '{out / "outcomes.csv"}' (header, delimiter ',')"""
        )
        conversions = one_row(connection.sql("select count(*) from bank where y = 'yes'"))[0]
    finally:
        connection.close()
    return rows, conversions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, required=True, help="bank-additional-full.csv")
    parser.add_argument("--out", type=Path, required=True, help="folder for leads.csv and outcomes.csv")
    args = parser.parse_args(argv)
    rows, conversions = load(args.source, args.out)
    print(f"leadscore: wrote {rows} leads ({conversions} converted) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
