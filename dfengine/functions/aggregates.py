"""Aggregate functions: result types and generated names, as Spark defines them.

`sum(decimal(p,s))` is `decimal(p+10,s)`, `avg(decimal(p,s))` is `decimal(p+4,s+4)` (both capped
at 38), `sum` of integers is bigint, `avg`/`stddev`/`variance` of anything else is double.
"""

from __future__ import annotations

from typing import Any

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.functions.registry import Function, define
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


def _aggregate(name: str, aliases: tuple[str, ...] = (), python_names: tuple[str, ...] | None = None,
               params: str | None = None) -> Function:
    """A catalogue entry of an aggregate: its names and result type. Its partial, merge and
    final steps live with the aggregation operator (dfengine/execution/operators/aggregate.py)."""
    return Function(name, lambda types: aggregate_result_type(name, types), aliases=aliases,
                    kind="aggregate", python_names=python_names, params=params)


define(
    _aggregate("count", python_names=("count", "countDistinct", "count_distinct")),
    _aggregate("sum", python_names=("sum", "sum_distinct", "sumDistinct")),
    _aggregate("avg", ("mean",)),
    _aggregate("min"),
    _aggregate("max"),
    _aggregate("first", ("first_value",)),
    _aggregate("last", ("last_value",)),
    _aggregate("any_value"),
    _aggregate("stddev", ("std",)),
    _aggregate("stddev_samp"),
    _aggregate("stddev_pop"),
    _aggregate("variance"),
    _aggregate("var_samp", ("variance_samp",)),
    _aggregate("var_pop", ("variance_pop",)),
    _aggregate("collect_list", ("array_agg",)),
    _aggregate("collect_set", ("array_unique_agg",)),
    _aggregate("count_if"),
    _aggregate("bool_and", ("every", "logical_and")),
    _aggregate("bool_or", ("some", "any", "logical_or")),
    _aggregate("approx_count_distinct", ("approx_distinct",),
               python_names=("approx_count_distinct", "approxCountDistinct")),
    _aggregate("median"),
    _aggregate("mode"),
    _aggregate("product"),
    _aggregate("skewness"),
    _aggregate("kurtosis"),
    _aggregate("corr"),
    _aggregate("covar_samp"),
    _aggregate("covar_pop"),
    family="aggregate",
)


def _window(name: str) -> Function:
    """Ranking and offset functions, valid only over a window (Spark's window_funcs)."""
    return Function(name, lambda types: T.LongType(), kind="window", python_names=(name,))


define(*(_window(n) for n in ("row_number", "rank", "dense_rank", "percent_rank", "cume_dist",
                              "ntile", "lag", "lead")), family="window")
