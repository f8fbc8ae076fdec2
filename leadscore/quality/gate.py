"""The gate: each step's suites run by Great Expectations on SQL frames of the build."""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from typing import Any

from leadscore.quality.results import CheckResult, CheckTarget, RunContext, SuiteReport, describe_result, first_line
from leadscore.quality.settings import (
    INPUT_STEP,
    REGEX_EXPECTATION,
    data_docs_dir,
    expectation_arguments,
    load_checks,
    placeholder_values,
    regex_query,
    suites_of_step,
)


def keep_one_duckdb_connection() -> None:
    """GX's SQL engine opens and closes a connection per query, except for the dialects it
    lists as needing a persisted one; DuckDB's results are gone once its connection closes,
    so every expectation would fail ('list index out of range'). DuckDB joins that list.
    A private part of GX 1.24.1 (pinned exactly; tests/python/test_quality_sql.py checks it)."""
    from great_expectations.execution_engine import sqlalchemy_execution_engine as engine  # noqa: PLC0415

    class DuckDBDialect(str):
        @property
        def value(self) -> str:
            return str(self)

    listed = engine._PERSISTED_CONNECTION_DIALECTS  # noqa: SLF001
    if not any(getattr(dialect, "value", dialect) == "duckdb" for dialect in listed):
        engine._PERSISTED_CONNECTION_DIALECTS = (*listed, DuckDBDialect("duckdb"))  # type: ignore[assignment]  # noqa: SLF001


# the views of a step's frames on Postgres (frame_view), dropped when the step ends
FRAME_VIEW_PREFIX = "_leadscore_check_"


@dataclass
class FrameBatch:
    """One frame of one suite in GX: its batch, its size and columns, or why it cannot be read."""

    name: str
    rows: int | None = None
    columns: list[str] = field(default_factory=list)
    unreadable: str = ""
    batch: Any = None
    # Spark: the frame's DataFrame, which GX validates (a batch parameter of each run)
    dataframe: Any = None
    # Postgres: the view (schema, name) that holds the frame's query for the step
    view: tuple[str, str] | None = None


class Gate:
    """One GX context for the whole run: suites of both steps land in the same Data Docs."""

    def __init__(self, checks: dict[str, Any] | None = None) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        logging.getLogger("great_expectations").setLevel(logging.ERROR)
        import great_expectations as gx  # noqa: PLC0415 - costs seconds; only a gate imports it

        logging.getLogger("great_expectations").setLevel(logging.ERROR)  # its import sets its own level
        keep_one_duckdb_connection()
        self.gx = gx
        self.checks = checks or load_checks()
        self.settings = self.checks["settings"]
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = {"globally": False}  # type: ignore[assignment]
        self.docs = data_docs_dir(self.settings)
        # The site shows this run only: pages of earlier runs would no longer be linked.
        # Only what GX writes there is removed, never the folder itself.
        for generated in ("validations", "expectations", "static"):
            shutil.rmtree(self.docs / generated, ignore_errors=True)
        (self.docs / "index.html").unlink(missing_ok=True)
        self.context.add_data_docs_site(
            site_name="leadscore",
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(self.docs)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )

    def build_docs(self) -> None:
        self.context.build_data_docs(site_names=["leadscore"])

    def run_step(self, target: CheckTarget, step: str, context: RunContext) -> list[SuiteReport]:
        """Runs the suites of a step as SQL on `target` (the build); the connection is
        closed afterwards, so the next dbt command can write the database again."""
        source: Any
        if target.dialect == "spark":
            # GX's Spark data source, on the job's own SparkSession (dbt-spark's)
            source = self.context.data_sources.add_spark(name=step)
        elif target.dialect == "postgresql":
            source = self.context.data_sources.add_postgres(name=step, connection_string=target.url)
        else:
            source = self.context.data_sources.add_sql(name=step, connection_string=target.url)
        frames: dict[str, FrameBatch] = {}
        try:
            scorable = None
            if step != INPUT_STEP:
                scorable = scalar(source, f"select count(*) from {target.quote(target.schemas['intermediate'])}.int_leads_as_of")
            values = placeholder_values(self.settings, context, scorable)
            reports = []
            for name, spec in suites_of_step(self.checks, step).items():
                started = time.monotonic()
                reports.append(self.validate(source, target, frames, name, spec, values, context))
                reports[-1].seconds = time.monotonic() - started
        finally:
            if target.dialect == "spark":
                for frame in frames.values():
                    if frame.dataframe is not None:
                        frame.dataframe.unpersist()  # GX caches each batch's DataFrame
            else:
                drop_frame_views(source, target, frames)
                close_source(source)
            self.context.data_sources.delete(step)
        self.build_docs()
        return reports

    def frame(self, source: Any, target: CheckTarget, frames: dict[str, FrameBatch], name: str) -> FrameBatch:
        """The GX batch of a frame (a query asset; on Spark a DataFrame asset), read once per step."""
        if name in frames:
            return frames[name]
        found = FrameBatch(name)
        sql = target.frame_sql(name)
        try:
            if target.dialect == "spark":
                found.dataframe = spark_session().sql(sql)
                found.columns = list(found.dataframe.columns)
                found.rows = found.dataframe.count()
            else:
                found.columns = columns_of(source, sql)
                found.rows = scalar(source, f"select count(*) from ({sql}) as frame_rows")
                if target.dialect == "postgresql":
                    found.view = frame_view(source, target, name, sql)
        except Exception as error:  # noqa: BLE001 - any failure to read is reported as such
            found.unreadable = first_line(str(getattr(error, "orig", None) or error))
        else:
            if found.dataframe is not None:
                found.batch = source.add_dataframe_asset(name=name).add_batch_definition_whole_dataframe("run")
            elif found.view is not None:
                asset = source.add_table_asset(name=name, schema_name=found.view[0], table_name=found.view[1])
                found.batch = asset.add_batch_definition_whole_table("run")
            else:
                # GX takes a query asset only if it starts with SELECT (a frame may start with WITH)
                asset = source.add_query_asset(name=name, query=f"select * from (\n{sql}) as {name}\n")
                found.batch = asset.add_batch_definition_whole_table("run")
        frames[name] = found
        return found

    def validate(
        self,
        source: Any,
        target: CheckTarget,
        frames: dict[str, FrameBatch],
        name: str,
        spec: dict[str, Any],
        values: dict[str, Any],
        context: RunContext,
    ) -> SuiteReport:
        from great_expectations.expectations.registry import get_expectation_impl  # noqa: PLC0415

        main = self.frame(source, target, frames, spec["frame"])
        report = SuiteReport(suite=name, rows=main.rows, volume_rows=main.rows)
        # by frame, and regex queries apart (they report their rows in the COMPLETE format,
        # which the other expectations must not use: it fetches every unexpected value)
        groups: dict[tuple[str, bool], list[tuple[dict[str, Any], Any]]] = {}
        index_config = spec.get("index_columns", ["raw_row_number", "lead_id"])
        for configured in spec["expectations"]:
            frame = self.frame(source, target, frames, configured.get("frame", spec["frame"]))
            column = str(configured.get("column") or configured.get("column_list") or configured.get("column_A") or "")
            label = configured["expectation"] + (
                f" (mostly {configured['mostly']})" if configured.get("mostly") not in (None, 1, 1.0) else ""
            )
            if configured.get("previous_run_band") is not None:
                report.volume_rows = frame.rows
            if frame.unreadable:
                if name.startswith(INPUT_STEP + ".") and not context.staged:
                    # staging stopped: its cause is named by dbt and by the raw-column checks
                    report.results.append(
                        CheckResult(
                            name,
                            label,
                            column,
                            configured["severity"],
                            True,
                            f"not evaluated: staging stopped ({frame.unreadable})",
                            skipped=True,
                        )
                    )
                else:
                    # fail closed: a check that cannot run is not a check that passed
                    report.results.append(
                        CheckResult(name, label, column, "critical", False, f"frame {frame.name} could not be read: {frame.unreadable}")
                    )
                    report.not_run = f"frame {frame.name} could not be read: {frame.unreadable}"
                continue
            arguments, skip = expectation_arguments(name, configured, values, context)
            if arguments is None:
                report.results.append(CheckResult(name, label, column, configured["severity"], True, skip, skipped=True))
                continue
            index_columns = [c for c in index_config if c in frame.columns][:1]
            if configured["expectation"] == REGEX_EXPECTATION:
                expectation = self.gx.expectations.UnexpectedRowsExpectation(
                    unexpected_rows_query=regex_query(target, arguments, index_columns[0] if index_columns else None),
                    description=f"{column} matches {arguments['regex']}"
                    + (f" in at least {arguments['mostly']:.0%} of the rows" if "mostly" in arguments else ""),
                    severity=arguments["severity"],
                    notes=configured.get("why"),
                )
            else:
                implementation: Any = get_expectation_impl(configured["expectation"])
                expectation = implementation(**arguments, notes=configured.get("why"))
            key = (frame.name, configured["expectation"] == REGEX_EXPECTATION)
            groups.setdefault(key, []).append(({**configured, "label": label, "column_text": column}, expectation))
        for (frame_name, is_query), members in groups.items():
            frame = frames[frame_name]
            index_columns = [c for c in index_config if c in frame.columns][:1]
            report.results += self.run_group(name, frame, is_query, members, index_columns)
        return report

    def run_group(
        self, name: str, frame: FrameBatch, is_query: bool, members: list[tuple[dict[str, Any], Any]], index_columns: list[str]
    ) -> list[CheckResult]:
        # one GX suite per frame of a configured suite (and its regex queries apart)
        suite_name = f"{name} [{frame.name}{' queries' if is_query else ''}]"
        suite = self.context.suites.add(self.gx.ExpectationSuite(name=suite_name))
        configured_by_id = {}
        for configured, expectation in members:
            added = suite.add_expectation(expectation)
            configured_by_id[added.id] = configured
        definition = self.context.validation_definitions.add(self.gx.ValidationDefinition(name=suite_name, data=frame.batch, suite=suite))
        result_format: dict[str, Any] = {
            "result_format": "COMPLETE" if is_query else "SUMMARY",
            "partial_unexpected_count": int(self.settings.get("offending_values", 5)),
        }
        if index_columns and not is_query:
            result_format["unexpected_index_column_names"] = index_columns
        batch_parameters = {"dataframe": frame.dataframe} if frame.dataframe is not None else None
        validation = definition.run(batch_parameters=batch_parameters, result_format=result_format)
        results = []
        for result in validation.results:
            config = result.expectation_config
            assert config is not None
            configured = configured_by_id[config.id]
            severity = str(getattr(config.severity, "value", config.severity))
            detail = "" if result.success else describe_result(result, index_columns)
            results.append(
                CheckResult(
                    name, configured["label"], configured["column_text"], severity, bool(result.success), detail, configured.get("why", "")
                )
            )
        return results


def spark_session() -> Any:
    """The process's SparkSession: the one dbt-spark's session method and the warehouse
    made (its embedded metastore admits one JVM), never a new one."""
    from pyspark.sql import SparkSession  # noqa: PLC0415 - only the spark target has PySpark

    return SparkSession.builder.getOrCreate()


def scalar(source: Any, sql: str) -> Any:
    """One value of a query, through the data source's own engine."""
    import sqlalchemy  # noqa: PLC0415

    if getattr(source, "type", None) == "spark":
        return spark_session().sql(sql).collect()[0][0]
    with source.get_engine().connect() as connection:
        return connection.execute(sqlalchemy.text(sql)).scalar()


def columns_of(source: Any, sql: str) -> list[str]:
    import sqlalchemy  # noqa: PLC0415

    with source.get_engine().connect() as connection:
        result = connection.execute(sqlalchemy.text(f"select * from ({sql}) as frame_columns where 1 = 0"))
        names = list(result.keys())
        result.close()
        return names


def frame_view(source: Any, target: CheckTarget, name: str, sql: str) -> tuple[str, str]:
    """Postgres: the frame's query as a view in the build's intermediate schema, for the step,
    which GX reads as a table asset. GX reads a query asset's column names by running the
    whole query, and psycopg2 fetches every row of a result before the first is read: the
    input checks held all 50M judged activities at M (7.4 GB in the job's process)."""
    import sqlalchemy  # noqa: PLC0415

    schema, view = target.schemas["intermediate"], FRAME_VIEW_PREFIX + name
    qualified = f"{target.quote(schema)}.{target.quote(view)}"
    with source.get_engine().begin() as connection:
        connection.execute(sqlalchemy.text(f"drop view if exists {qualified}"))
        connection.execute(sqlalchemy.text(f"create view {qualified} as\n{sql}"))
    return schema, view


def drop_frame_views(source: Any, target: CheckTarget, frames: dict[str, FrameBatch]) -> None:
    import sqlalchemy  # noqa: PLC0415

    views = [frame.view for frame in frames.values() if frame.view is not None]
    if views:
        with source.get_engine().begin() as connection:
            for schema, view in views:
                connection.execute(sqlalchemy.text(f"drop view if exists {target.quote(schema)}.{target.quote(view)}"))


def close_source(source: Any) -> None:
    """Releases what GX holds open on the warehouse: the connection kept for DuckDB (which
    also holds the file's lock) and the pooled one of the data source's own engine."""
    engine = source.get_execution_engine()
    if getattr(engine, "_connection", None) is not None:
        engine._connection.close()  # noqa: SLF001 - kept by keep_one_duckdb_connection
        engine._connection = None  # noqa: SLF001
    engine.close()
    source.get_engine().dispose()
