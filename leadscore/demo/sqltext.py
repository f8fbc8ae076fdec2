"""SQL text of the demo-data generator: literals and the statements in ``sql/``.

Every value that goes into a statement is first turned into a SQL literal here (``sql_str``,
``sql_list``, ...), so quoting lives in one place.  A statement file names its parameters as
``$name`` (``string.Template``); ``render`` fills them from a dict of such literals and fails on
a missing one.  The values come from the program itself (constants, sizes, seed, paths).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from importlib import resources
from pathlib import Path
from string import Template
from typing import TypeAlias

SQL_PACKAGE = "leadscore.demo"
SQL_FOLDER = "sql"

SqlValue: TypeAlias = str | int | float | bool | Sequence["SqlValue"] | None


def sql_str(value: str | None) -> str:
    """Quote a Python string as a SQL literal (None becomes NULL)."""
    if value is None:
        return "null"
    return "'" + value.replace("'", "''") + "'"


def sql_num(value: int | float) -> str:
    """A number as Python prints it: ``42``, ``-3.8``, ``0.0``."""
    return repr(float(value)) if isinstance(value, float) else str(int(value))


def sql_value(value: SqlValue) -> str:
    """One literal: string, number, boolean, NULL or a (nested) list."""
    if value is None or isinstance(value, str):
        return sql_str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return sql_num(value)
    return sql_list(value)


def sql_list(values: Iterable[SqlValue]) -> str:
    """Render a constant SQL list of strings, numbers or nested lists: ``['a', 1, [2.5]]``."""
    return "[" + ", ".join(sql_value(value) for value in values) + "]"


def weighted_list(weights: Mapping[str, int] | Sequence[tuple[SqlValue, int]]) -> str:
    """Expand integer weights into a list so that ``pick(list, u)`` is a weighted draw."""
    items = weights.items() if isinstance(weights, Mapping) else weights
    expanded: list[SqlValue] = []
    for value, weight in items:
        expanded.extend([value] * weight)
    return sql_list(expanded)


def sql_tuple(values: Iterable[str]) -> str:
    """Render ``('a', 'b')`` (enum members)."""
    return "(" + ", ".join(sql_str(v) for v in values) + ")"


def sql_rows(rows: Iterable[Sequence[SqlValue]]) -> str:
    """Rows of a ``values`` clause: ``('a', 1, true), ('b', 2, false)``."""
    return ", ".join("(" + ", ".join(sql_value(value) for value in row) + ")" for row in rows)


def sql_map(entries: Mapping[str, int | float]) -> str:
    """A constant map from strings to numbers: ``map {'a': 0.5, 'b': 1.5}``."""
    return "map {" + ", ".join(f"{sql_str(key)}: {sql_num(value)}" for key, value in entries.items()) + "}"


def sql_ts(value: datetime) -> str:
    """A timestamp literal to the second."""
    return f"timestamp '{value:%Y-%m-%d %H:%M:%S}'"


def sql_path(path: Path) -> str:
    return sql_str(str(path))


def statement(name: str) -> str:
    """The text of ``sql/<name>.sql``."""
    return resources.files(SQL_PACKAGE).joinpath(SQL_FOLDER, f"{name}.sql").read_text(encoding="utf-8")


def render(name: str, params: Mapping[str, str]) -> str:
    """``sql/<name>.sql`` with every ``$name`` replaced by its literal (KeyError if one is missing)."""
    return Template(statement(name)).substitute(params)
