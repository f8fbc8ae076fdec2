"""The short table printed at the end of a run: what came in, what was kept, and what
went to quarantine and why, per input table."""

from __future__ import annotations

from collections.abc import Sequence

from leadscore.warehouse import FrameSource

INPUT_TABLES = ("leads", "activities", "outcomes", "accounts", "sales_feedback", "score_adjustments")


def input_counts(connection: FrameSource) -> list[tuple[str, int, int, int, int, str]]:
    """Per input table: raw, kept, merged duplicates, other quarantined, reasons."""
    rows = []
    for table in INPUT_TABLES:
        raw = connection.sql(f"select count(*) from staging.base_{table}").fetchall()[0][0]
        kept = connection.sql(f"select count(*) from intermediate.int_{table}_deduplicated").fetchall()[0][0]
        reasons = connection.sql(
            f"select reason, count(*) from main.quarantine_{table} group by reason order by count(*) desc, reason"
        ).fetchall()
        duplicates = sum(count for reason, count in reasons if reason == "duplicate")
        other = sum(count for reason, count in reasons if reason != "duplicate")
        detail = ", ".join(f"{reason} {count}" for reason, count in reasons if reason != "duplicate")
        rows.append((table, raw, kept, duplicates, other, detail))
    return rows


def format_table(headers: list[str], rows: Sequence[tuple[object, ...]]) -> str:
    """A plain text table with right-aligned numbers."""
    cells = [[str(value) for value in row] for row in rows]
    widths = [max(len(headers[i]), *(len(row[i]) for row in cells)) for i in range(len(headers))]

    def line(values: list[str]) -> str:
        return "  ".join(
            value.rjust(width) if value.lstrip("-").replace(".", "", 1).isdigit() else value.ljust(width)
            for value, width in zip(values, widths)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths]), *(line(row) for row in cells)])


def top_leads(connection: FrameSource, limit: int = 10) -> list[tuple[object, ...]]:
    """The highest-scoring leads with what a rep needs to act on them."""
    return connection.sql(
        f"""
        select lead_id, segment, priority, lifecycle_stage, round(total_score, 1), coalesce(top_reasons, '')
        from main.lead_scores
        order by total_score desc, lead_id
        limit {int(limit)}
        """
    ).fetchall()


def stage_counts(connection: FrameSource) -> list[tuple[object, ...]]:
    return connection.sql(
        """
        select lifecycle_stage, count(*), round(avg(total_score), 1)
        from main.lead_scores
        group by lifecycle_stage
        order by case lifecycle_stage when 'customer' then 0 when 'sql' then 1 when 'mql' then 2
            when 'lead' then 3 else 4 end
        """
    ).fetchall()


def print_summary(connection: FrameSource, published_name: str) -> None:
    rows = input_counts(connection)
    leaders = top_leads(connection)
    stages = stage_counts(connection)
    (as_of, rules_version) = connection.sql("select max(as_of), max(rules_version) from main.lead_scores").fetchall()[0]
    print(f"\nInput tables in {published_name}")
    print(format_table(["table", "raw rows", "kept", "duplicates merged", "quarantined", "quarantine reasons"], rows))
    print(f"\nLeads by lifecycle stage as of {as_of} (rules_version {rules_version})")
    print(format_table(["stage", "leads", "mean score"], stages))
    print("\nTop 10 leads")
    print(format_table(["lead_id", "segment", "priority", "stage", "score", "top reasons"], leaders))
