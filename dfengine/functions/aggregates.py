"""Aggregate functions: result types and generated names, as Spark defines them.

`sum(decimal(p,s))` is `decimal(p+10,s)`, `avg(decimal(p,s))` is `decimal(p+4,s+4)` (both capped
at 38), `sum` of integers is bigint, `avg`/`stddev`/`variance` of anything else is double.
"""

from __future__ import annotations

from typing import Any

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.functions.registry import REGISTRY, Function, define
from dfengine.types.coercion import MAX_PRECISION

AGGREGATES = {
    "count", "sum", "avg", "min", "max", "first", "last", "stddev", "stddev_samp",
    "stddev_pop", "variance", "var_samp", "var_pop", "collect_list", "collect_set",
    "count_if", "bool_and", "bool_or", "any_value", "approx_count_distinct", "product",
    "skewness", "kurtosis", "corr", "covar_samp", "covar_pop", "median", "mode",
    "sum_distinct",
}
PAIRED = {"corr", "covar_samp", "covar_pop", "regr_count", "regr_avgx", "regr_avgy",
          "regr_slope", "regr_intercept", "regr_r2", "regr_sxx", "regr_syy", "regr_sxy"}
NUMERIC_ONLY = {"sum", "avg", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp",
                "var_pop", "product", "skewness", "kurtosis", "median", "percentile"} | PAIRED
# (least, most) arguments of the aggregates whose arguments are not all columns
AGGREGATE_ARITY = {name: (2, 2) for name in PAIRED} | {
    "max_by": (2, 3), "min_by": (2, 3), "percentile": (2, 3), "percentile_approx": (2, 3),
    "listagg": (1, 2), "histogram_numeric": (2, 2), "bit_and": (1, 1), "bit_or": (1, 1),
    "bit_xor": (1, 1), "collect_union": (1, 1), "nth_value": (2, 2)}
# aggregates whose arguments past the first are inputs too (columns or constant parameters)
MULTI_INPUT = set(AGGREGATE_ARITY) - {"bit_and", "bit_or", "bit_xor", "collect_union"}


def _check_input(name: str, types: list[T.DataType]) -> None:
    ordered = {"min": 0, "max": 0, "max_by": 1, "min_by": 1}
    if name in ordered and len(types) > ordered[name] and isinstance(
            types[ordered[name]], T.CalendarIntervalType):
        raise AnalysisException(
            f"Cannot resolve \"{name}(...)\" due to data type mismatch: The `{name}` does not "
            'support ordering on type "INTERVAL". Aggregate the columns the interval was '
            "made from instead.", "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE")
    bad = None
    if name in NUMERIC_ONLY:
        n = 2 if name in PAIRED else 1
        ok = (T.NumericType, T.NullType) + ((T.YearMonthIntervalType,) if name in (
            "sum", "avg") else ())
        bad = next((t for t in types[:n] if not isinstance(t, ok)), None)
    elif name in ("bit_and", "bit_or", "bit_xor") and types and not isinstance(
            types[0], (T.IntegralType, T.NullType)):
        bad = types[0]
    if bad is not None:
        kind = "an integral" if name.startswith("bit_") else "a numeric"
        raise AnalysisException(
            f"Cannot resolve \"{name}(...)\" due to data type mismatch: the argument requires "
            f"{kind} type, however it has type \"{bad.simpleString()}\". Cast it first, "
            f"e.g. col.cast('double').", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")


def _percentile_type(name: str, types: list[T.DataType]) -> T.DataType:
    """percentile is double; percentile_approx keeps its input's type; an array of
    percentages gives an array."""
    value = T.DoubleType() if name == "percentile" else types[0]
    many = len(types) > 1 and isinstance(types[1], T.ArrayType)
    return T.ArrayType(value, False) if many else value


def aggregate_result_type(name: str, types: list[T.DataType]) -> T.DataType:
    if name in ("count", "count_if", "approx_count_distinct", "regr_count"):
        return T.LongType()
    t = types[0] if types else T.NullType()
    _check_input(name, types)
    if name == "try_sum":  # integral inputs only: the analyzer rewrites the others to sum
        return T.LongType()
    if name in ("sum", "avg") and isinstance(t, T.YearMonthIntervalType):
        return t  # months, summed or averaged (rounded half up) with overflow checked
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
    if name in ("max_by", "min_by") and len(types) == 3:
        return T.ArrayType(t, True)  # max_by(x, y, k): the k values of the largest y
    if name in _SAME_TYPE:
        return t
    return _OTHER_TYPES.get(name, lambda types: T.DoubleType())(types)


_SAME_TYPE = {"min", "max", "first", "last", "any_value", "mode", "max_by", "min_by", "bit_and",
              "bit_or", "bit_xor", "collect_union", "nth_value"}
_OTHER_TYPES = {
    "collect_list": lambda types: T.ArrayType(types[0]),
    "collect_set": lambda types: T.ArrayType(types[0]),
    "bool_and": lambda types: T.BooleanType(),
    "bool_or": lambda types: T.BooleanType(),
    "percentile": lambda types: _percentile_type("percentile", types),
    "percentile_approx": lambda types: _percentile_type("percentile_approx", types),
    "listagg": lambda types: T.BinaryType() if isinstance(types[0], T.BinaryType) else (
        T.StringType()),
    "vector_sum": lambda types: T.ArrayType(T.FloatType(), True),
    "vector_avg": lambda types: T.ArrayType(T.FloatType(), True),
    "histogram_numeric": lambda types: T.ArrayType(T.StructType([
        T.StructField("x", types[0], True), T.StructField("y", T.DoubleType(), True)]), True),
}


def aggregate_sql(e: Any) -> str:
    """Spark's column name of an aggregate call: the name it was written with (or the one
    Spark shows for it: `array_agg` reads `collect_list`), and the defaults Spark shows
    (`percentile(x, 0.5, 1)`)."""
    name = e.name
    if name == "sum_distinct":
        return f"sum(DISTINCT {e.args[0].sql()})"
    args = [a.sql() for a in e.args]
    if name == "count" and not e.args:
        args = ["1"]
    entry = REGISTRY.get(name)
    shown = name
    if entry is not None:
        shown = entry.display_name(getattr(e, "called", "") or name)
        while len(args) in entry.shown_defaults:
            args.append(entry.shown_defaults[len(args)])
    text = ", ".join(args)
    if name == "nth_value" and e.ignore_nulls:
        return f"{shown}({text}) ignore nulls"
    return f"{shown}(DISTINCT {text})" if e.distinct else f"{shown}({text})"


# Spark's argument counts of the aggregates without a `params` signature to derive them from
# (count is left open: count(*) is count() inside dfengine)
_ARITY = {**dict.fromkeys(
    ("sum", "avg", "min", "max", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp",
     "var_pop", "collect_list", "collect_set", "count_if", "bool_and", "bool_or", "median",
     "product", "skewness", "kurtosis"), (1, 1)),
    **dict.fromkeys(("first", "last", "any_value", "approx_count_distinct"), (1, 2)),
    **dict.fromkeys(("corr", "covar_samp", "covar_pop"), (2, 2))}


def _with_arity(name: str, params: Any, extra: dict) -> dict:
    if "arity" not in extra and not params and name in _ARITY:
        return {**extra, "arity": _ARITY[name]}
    return extra


def _aggregate(name: str, aliases: tuple[str, ...] = (), python_names: tuple[str, ...] | None = None,
               params: str | dict[str, str] | None = None, example: str | None = None,
               **extra: Any) -> Function:
    """A catalogue entry of an aggregate: its names and result type. Its partial, merge and
    final steps live with the aggregation operator (dfengine/execution/operators/aggregate.py;
    the non-decomposable ones in operators/holistic.py)."""
    return Function(name, lambda types: aggregate_result_type(name, types), aliases=aliases,
                    kind="aggregate", python_names=python_names, params=params,
                    example=example, **_with_arity(name, params, extra))


_PAIR = "col1, col2"
_REGR = "y, x"
_PCT = "col, percentage: lit, accuracy: lit = 10000"

define(
    _aggregate("count", python_names=("count", "countDistinct", "count_distinct")),
    _aggregate("sum", python_names=("sum", "sum_distinct", "sumDistinct")),
    _aggregate("avg", ("mean",)),  # F.mean is avg, named avg(x); SQL mean(x) shows mean
    _aggregate("min"),
    _aggregate("max"),
    _aggregate("first", ("first_value",), params="col, ignoreNulls: lit = None",
               example="7"),
    _aggregate("last", ("last_value",), params="col, ignoreNulls: lit = None", example="7"),
    _aggregate("any_value"),
    _aggregate("stddev", ("std",), params="col", example="2.5"),
    _aggregate("stddev_samp"),
    _aggregate("stddev_pop"),
    _aggregate("variance"),
    _aggregate("var_samp"),
    _aggregate("var_pop"),
    _aggregate("collect_list", ("array_agg",), display={"array_agg": "collect_list"},
               params="col", example="3"),
    _aggregate("collect_set"),
    _aggregate("count_if"),
    _aggregate("bool_and", ("every",), params="col", example="true"),
    _aggregate("bool_or", ("some", "any"), params="col", example="true"),
    _aggregate("approx_count_distinct",
               python_names=("approx_count_distinct", "approxCountDistinct")),
    _aggregate("median"),
    _aggregate("mode"),
    _aggregate("product"),
    _aggregate("skewness"),
    _aggregate("kurtosis"),
    _aggregate("corr", params=_PAIR, example="1.5, 2.5"),
    _aggregate("covar_samp", params=_PAIR, example="1.5, 2.5"),
    _aggregate("covar_pop", params=_PAIR, example="1.5, 2.5"),
    *(_aggregate(f"regr_{n}", params=_REGR, example="1.5, 2.5")
      for n in ("count", "avgx", "avgy", "slope", "intercept", "r2", "sxx", "syy", "sxy")),
    _aggregate("max_by", params="col, ord, k: lit = None", example="'a', 2"),
    _aggregate("min_by", params="col, ord, k: lit = None", example="'a', 2"),
    _aggregate("percentile", params="col, percentage: lit, frequency: lit = 1",
               shown_defaults={2: "1"}, example="2.5, 0.5"),
    _aggregate("percentile_approx", ("approx_percentile",), params=_PCT,
               shown_defaults={2: "10000"}, example="7, 0.5"),
    _aggregate("bit_and", params="col", example="6"),
    _aggregate("bit_or", params="col", example="6"),
    _aggregate("bit_xor", params="col", example="6"),
    _aggregate("listagg", ("string_agg",), params="col, delimiter: lit = None",
               python_names=("listagg", "listagg_distinct", "string_agg",
                             "string_agg_distinct"),
               shown_defaults={1: "NULL"}, example="'a', '-'"),
    _aggregate("histogram_numeric", params="col, nBins", example="2, 3"),
    _aggregate("collect_union", params="col", example="array(1, 2)"),
    # a window function over a frame (Spark's AggregateWindowFunction): operators/window.py
    _aggregate("nth_value", params="col, offset: lit, ignoreNulls: lit = None"),
    _aggregate("vector_sum", params="col", example="array(CAST(1.5 AS FLOAT), CAST(2.5 AS FLOAT))"),
    _aggregate("vector_avg", params="col", example="array(CAST(1.5 AS FLOAT), CAST(2.5 AS FLOAT))"),
    family="aggregate",
)


def _window(name: str) -> Function:
    """Ranking and offset functions, valid only over a window (Spark's window_funcs)."""
    return Function(name, lambda types: T.LongType(), kind="window", python_names=(name,))


define(*(_window(n) for n in ("row_number", "rank", "dense_rank", "percent_rank", "cume_dist",
                              "ntile", "lag", "lead", "counter_diff")), family="window")
