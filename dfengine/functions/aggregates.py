"""Aggregate functions: result types and generated names, as Spark defines them.

`sum(decimal(p,s))` is `decimal(p+10,s)`, `avg(decimal(p,s))` is `decimal(p+4,s+4)` (both capped
at 38), `sum` of integers is bigint, `avg`/`stddev`/`variance` of anything else is double.
"""

from __future__ import annotations

from typing import Any

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.types.coercion import MAX_PRECISION

AGGREGATES = {
    "count", "sum", "avg", "min", "max", "first", "last", "stddev", "stddev_samp",
    "stddev_pop", "variance", "var_samp", "var_pop", "collect_list", "collect_set",
    "count_if", "bool_and", "bool_or", "any_value", "approx_count_distinct", "product",
    "skewness", "kurtosis", "corr", "covar_samp", "covar_pop", "median", "mode",
    "sum_distinct",
}
NUMERIC_ONLY = {"sum", "avg", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp",
                "var_pop", "product", "skewness", "kurtosis", "corr", "covar_samp", "covar_pop",
                "median"}


def aggregate_result_type(name: str, types: list[T.DataType]) -> T.DataType:
    if name in ("count", "count_if", "approx_count_distinct"):
        return T.LongType()
    t = types[0] if types else T.NullType()
    if name in NUMERIC_ONLY and not isinstance(t, (T.NumericType, T.NullType)):
        raise AnalysisException(
            f"Cannot resolve \"{name}(...)\" due to data type mismatch: the argument requires "
            f"a numeric type, however it has type \"{t.simpleString()}\". Cast it first, "
            f"e.g. col.cast('double').", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
    if name == "sum":
        if isinstance(t, T.DecimalType):
            return T.DecimalType(min(t.precision + 10, MAX_PRECISION), t.scale)
        if isinstance(t, T.IntegralType):
            return T.LongType()
        return T.DoubleType()
    if name == "avg":
        if isinstance(t, T.DecimalType):
            return T.DecimalType(min(t.precision + 4, MAX_PRECISION), min(t.scale + 4, 38))
        return T.DoubleType()
    if name in ("min", "max", "first", "last", "any_value", "mode"):
        return t
    if name in ("collect_list", "collect_set"):
        return T.ArrayType(t)
    if name in ("bool_and", "bool_or"):
        return T.BooleanType()
    return T.DoubleType()


_PRETTY = {"stddev": "stddev", "variance": "variance", "approx_count_distinct":
           "approx_count_distinct"}


def aggregate_sql(e: Any) -> str:
    name = e.name
    if name == "sum_distinct":
        return f"sum(DISTINCT {e.args[0].sql()})"
    args = ", ".join(a.sql() for a in e.args)
    if name == "count" and not e.args:
        args = "1"
    if e.distinct:
        return f"{name}(DISTINCT {args})"
    return f"{_PRETTY.get(name, name)}({args})"
