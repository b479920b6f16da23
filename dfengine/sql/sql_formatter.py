"""`spark.sql("SELECT * FROM {df} WHERE {col} > {v}", df=df, col=df.id, v=3)`, as PySpark.

PySpark formats the query text with a `string.Formatter` before parsing it: a DataFrame
becomes a temporary view (dropped after the query is analyzed), a plain column reference
its quoted SQL name, a string a SQL string literal, anything else its `str()`. The plan is
analyzed eagerly, so dropping the views afterwards leaves the result intact.
"""

from __future__ import annotations

import re
import string
import uuid
from typing import Any, Mapping, Sequence

from dfengine.errors import PySparkValueError
from dfengine.plan import expressions as E

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def quote_if_needed(part: str) -> str:
    """Spark's `quoteIfNeeded`: backticks only around names that are not plain words."""
    return part if _PLAIN.match(part) else "`" + part.replace("`", "``") + "`"


def sql_string_literal(value: str) -> str:
    """PySpark's `get_lit_sql_str`: a single-quoted literal with \\ and ' escaped."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class SQLStringFormatter(string.Formatter):
    """One formatter per query: it owns the temporary views it creates until `clear()`."""

    def __init__(self, session: Any) -> None:
        self._session = session
        self._views: list[tuple[Any, str]] = []

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]):
        obj, first = super().get_field(field_name, args, kwargs)
        return self._convert(obj, field_name), first

    def _convert(self, val: Any, field_name: str) -> Any:
        from dfengine.sql.column import Column
        from dfengine.sql.dataframe import DataFrame

        if isinstance(val, Column):
            return _column_sql(val, field_name)
        if isinstance(val, DataFrame):
            return self._view_of(val)
        if isinstance(val, str):
            return sql_string_literal(val)
        return val

    def _view_of(self, df: Any) -> str:
        for seen, name in self._views:
            if seen is df:
                return name
        name = "_dfengine_" + uuid.uuid4().hex
        df.createOrReplaceTempView(name)
        self._views.append((df, name))
        return name

    def clear(self) -> None:
        for _, name in self._views:
            self._session.catalog.dropTempView(name)
        self._views = []


def _column_sql(col: Any, field_name: str) -> str:
    expr = col._expr
    if isinstance(expr, E.UnresolvedAttribute):
        return ".".join(quote_if_needed(p) for p in expr.parts)
    if isinstance(expr, E.AttributeReference):
        return ".".join(quote_if_needed(p) for p in (*expr.qualifier, expr.name))
    raise PySparkValueError(
        f"Value for `{field_name}` must be a plain column reference, but got {col}. "
        "Pass a column name (F.col('x')) or compute the expression inside the SQL text.",
        "VALUE_NOT_PLAIN_COLUMN_REFERENCE", parameters={"val": str(col),
                                                         "field_name": field_name})
