"""Small helpers for the jobs' own queries (DuckDB's Python API)."""

from __future__ import annotations

from typing import Any, Protocol


class Fetchable(Protocol):
    def fetchone(self) -> tuple[Any, ...] | None: ...


def one_row(result: Fetchable) -> tuple[Any, ...]:
    """The single row of a query that always returns one (an aggregate without group by)."""
    row = result.fetchone()
    if row is None:
        raise RuntimeError("the query returned no row")
    return row
