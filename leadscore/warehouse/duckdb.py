"""DuckDB: the run builds a separate file and publishes it by an atomic rename (leadscore/publish.py)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from leadscore.publish import HISTORY_TABLES, copy_tables, prepare_build, publish
from leadscore.quality import CheckTarget, duckdb_check_target
from leadscore.sql import one_row
from leadscore.warehouse.base import (
    EVENT_STORE,
    RUN_LOG_TABLE,
    FrameSource,
    RunRecord,
    append_run_log,
    current_rules_dates_query,
    exclusive_file_lock,
    history_dates_query,
    judged_query,
    last_run_query,
    run_dates_query,
    scored_dates,
)


@dataclass
class DuckDBWarehouse:
    """The published DuckDB file and the building file beside it."""

    published: Path
    building: Path | None = None

    @property
    def location(self) -> str:
        return str(self.published)

    @property
    def published_name(self) -> str:
        return f"the published database {self.location}"

    @property
    def unchanged(self) -> str:
        return f"{self.published_name} was not changed"

    def lock(self) -> AbstractContextManager[None]:
        return exclusive_file_lock(self.published.parent / ".building" / (self.published.name + ".lock"), str(self.published))

    def _run_log_rows(self, query: str) -> list[tuple[object, ...]]:
        """A query of the published run log; no rows when nothing is published (or readable)."""
        if not self.published.exists():
            return []
        try:
            connection = duckdb.connect(str(self.published), read_only=True)
        except duckdb.Error:
            return []
        try:
            return connection.sql(query).fetchall()
        except duckdb.Error:
            return []
        finally:
            connection.close()

    def last_run(self) -> tuple[object, ...] | None:
        rows = self._run_log_rows(last_run_query("main"))
        return rows[0] if rows else None

    def history_dates(self) -> set[date]:
        """The scoring dates the published history holds (none: nothing published)."""
        return scored_dates(self._run_log_rows(history_dates_query("main")))

    def run_dates(self) -> set[date]:
        """The scoring dates of the published runs (none: nothing published)."""
        return {row[0] for row in self._run_log_rows(run_dates_query("main")) if isinstance(row[0], date)}

    def dates_scored_with_current_rules(self) -> set[date]:
        """The dates of the building history scored with this run's rules (none: no history)."""
        assert self.building is not None
        connection = duckdb.connect(str(self.building), read_only=True)
        try:
            return {row[0] for row in connection.sql(current_rules_dates_query("main", "intermediate")).fetchall()}
        except duckdb.CatalogException:
            return set()
        finally:
            connection.close()

    def prepare(self, incremental: bool) -> dict[str, str]:
        prepared = prepare_build(self.published, continue_from_published=incremental)
        self.building = prepared.building
        copied = f", {prepared.copied / 2**20:,.0f} MB copied" if prepared.copied else ""
        print(f"leadscore: building in {self.building}: {prepared.how}{copied}")
        if not incremental:
            for name in HISTORY_TABLES:
                schema, table = name.split(".")
                copy_tables(self.building, self.published, schema, [table])
        return {"LEADSCORE_DB": str(self.building)}

    def is_built(self) -> bool:
        return self.building is not None and self.building.exists()

    def check_target(self, parameters: dict[str, str]) -> CheckTarget:
        assert self.building is not None
        return duckdb_check_target(self.building, parameters)

    def judged_since(self, judged_before: datetime | None) -> tuple[int, int]:
        """Activity rows the stage step judged: (kept, quarantined)."""
        assert self.building is not None
        connection = duckdb.connect(str(self.building), read_only=True)
        try:
            kept, quarantined = one_row(connection.sql(judged_query(EVENT_STORE), params=[judged_before or datetime.min]))
            return int(kept), int(quarantined)
        finally:
            connection.close()

    def newest_judged_at(self) -> datetime | None:
        """When the event store the build continues from last judged rows (None: empty)."""
        assert self.building is not None
        if not self.building.exists():
            return None
        connection = duckdb.connect(str(self.building), read_only=True)
        try:
            return one_row(connection.sql(f"select max(triaged_at) from {EVENT_STORE}"))[0]
        except duckdb.CatalogException:
            return None
        finally:
            connection.close()

    def published_frames(self) -> FrameSource:
        return duckdb.connect(str(self.published), read_only=True)

    def copy_input_tables(self, input_database: str | None, input_schema: str) -> None:
        """input=tables: the building file is new, so the input tables are copied into it,
        from INPUT_DATABASE (a DuckDB file) or else from the published file. They are
        published with the scores, so the next run finds them there again."""
        assert self.building is not None
        source = Path(input_database).expanduser().resolve() if input_database else self.published
        if input_database and not source.is_file():
            raise RuntimeError(f"on the duckdb target INPUT_DATABASE must be a DuckDB file; {source} is not one")
        copy_tables(self.building, source, input_schema)

    def record_run(self, record: RunRecord) -> None:
        assert self.building is not None
        copy_tables(self.building, self.published, "main", [RUN_LOG_TABLE])
        connection = duckdb.connect(str(self.building))
        try:
            append_run_log(connection, "main", "?", record)
        finally:
            connection.close()

    def publish(self) -> None:
        assert self.building is not None
        publish(self.building, self.published)
