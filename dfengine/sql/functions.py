"""`pyspark.sql.functions` for dfengine: each function builds an expression node; names of
the resulting columns follow Spark (`sum(x)`, `count(1)`, `SQRT(x)`)."""

from __future__ import annotations

from typing import Any

from dfengine import types as T
from dfengine.errors import PySparkTypeError
from dfengine.plan import expressions as E
from dfengine.sql.column import Column, _expr, to_expr


def _fn(name: str, *args: Any) -> Column:
    return Column(E.ScalarFunction(name, tuple(to_expr(a) for a in args)))


def _fn_lit(name: str, col: Any, *literals: Any) -> Column:
    return Column(E.ScalarFunction(name, (to_expr(col),) + tuple(_expr(x) for x in literals)))


def _agg(name: str, col: Any = None, distinct: bool = False, ignore_nulls: bool = False) -> Column:
    args = () if col is None else (to_expr(col),)
    return Column(E.AggregateFunction(name, args, distinct, ignore_nulls))


# ------------------------------------------------------------------------------ basics


def col(name: str) -> Column:
    if not isinstance(name, str):
        raise PySparkTypeError(f"Argument `col` should be a str, got {type(name).__name__}.",
                               "NOT_STR")
    return Column(to_expr(name))


column = col


def lit(value: Any) -> Column:
    if isinstance(value, Column):
        return value
    return Column(E.make_literal(value))


def expr(text: str) -> Column:
    from dfengine.sqlparse import parse_expression

    return Column(parse_expression(text))


def when(condition: Column, value: Any) -> Column:
    if not isinstance(condition, Column):
        raise PySparkTypeError("condition should be a Column", "NOT_COLUMN")
    return Column(E.CaseWhen((condition._expr,), (_expr(value),)))


def asc(c: Any) -> Column:
    return Column(E.SortOrder(to_expr(c), True, None))


def desc(c: Any) -> Column:
    return Column(E.SortOrder(to_expr(c), False, None))


def asc_nulls_first(c: Any) -> Column:
    return Column(E.SortOrder(to_expr(c), True, True))


def asc_nulls_last(c: Any) -> Column:
    return Column(E.SortOrder(to_expr(c), True, False))


def desc_nulls_first(c: Any) -> Column:
    return Column(E.SortOrder(to_expr(c), False, True))


def desc_nulls_last(c: Any) -> Column:
    return Column(E.SortOrder(to_expr(c), False, False))


def broadcast(df: Any) -> Any:
    """Mark a DataFrame as small enough to broadcast in a join."""
    return df._with_hint("broadcast")


def isnull(c: Any) -> Column:
    return Column(E.IsNull(to_expr(c)))


def isnotnull(c: Any) -> Column:
    return Column(E.IsNotNull(to_expr(c)))


def isnan(c: Any) -> Column:
    return _fn("isnan", c)


def coalesce(*cols: Any) -> Column:
    return _fn("coalesce", *cols)


def nvl(a: Any, b: Any) -> Column:
    return _fn("nvl", a, b)


def nullif(a: Any, b: Any) -> Column:
    return _fn("nullif", a, b)


def nanvl(a: Any, b: Any) -> Column:
    return _fn("nanvl", a, b)


def greatest(*cols: Any) -> Column:
    return _fn("greatest", *cols)


def least(*cols: Any) -> Column:
    return _fn("least", *cols)


def monotonically_increasing_id() -> Column:
    return Column(E.ScalarFunction("monotonically_increasing_id", ()))


def spark_partition_id() -> Column:
    return Column(E.ScalarFunction("spark_partition_id", ()))


def rand(seed: int | None = None) -> Column:
    import random

    s = seed if seed is not None else random.randint(0, 2**31)
    return Column(E.ScalarFunction("rand", (E.make_literal(s),)))


def hash(*cols: Any) -> Column:
    return _fn("hash", *cols)


def format_number(col: Any, d: int) -> Column:
    return _fn_lit("format_number", col, d)


def grouping(col: Any) -> Column:
    """1 when `col` is rolled up in this row of a rollup/cube, else 0."""
    return _fn("grouping", col)


def grouping_id(*cols: Any) -> Column:
    """The bit vector of the rolled-up grouping columns (all of them when none are given)."""
    return _fn("grouping_id", *cols)


# ----------------------------------------------------------------------------- strings


def upper(c: Any) -> Column:
    return _fn("upper", c)


def lower(c: Any) -> Column:
    return _fn("lower", c)


def length(c: Any) -> Column:
    return _fn("length", c)


def trim(c: Any) -> Column:
    return _fn("trim", c)


def ltrim(c: Any) -> Column:
    return _fn("ltrim", c)


def rtrim(c: Any) -> Column:
    return _fn("rtrim", c)


def reverse(c: Any) -> Column:
    return _fn("reverse", c)


def initcap(c: Any) -> Column:
    return _fn("initcap", c)


def ascii(c: Any) -> Column:
    return _fn("ascii", c)


def concat(*cols: Any) -> Column:
    return _fn("concat", *cols)


def concat_ws(sep: str, *cols: Any) -> Column:
    return Column(E.ScalarFunction("concat_ws", (E.make_literal(sep),) + tuple(
        to_expr(c) for c in cols)))


def substring(c: Any, pos: int, len: int) -> Column:
    return _fn_lit("substring", c, pos, len)


substr = substring


def split(c: Any, pattern: str, limit: int = -1) -> Column:
    return _fn_lit("split", c, pattern, limit)


def lpad(c: Any, len: int, pad: str) -> Column:
    return _fn_lit("lpad", c, len, pad)


def rpad(c: Any, len: int, pad: str) -> Column:
    return _fn_lit("rpad", c, len, pad)


def regexp_replace(c: Any, pattern: str, replacement: str) -> Column:
    return _fn_lit("regexp_replace", c, pattern, replacement)


def regexp_extract(c: Any, pattern: str, idx: int) -> Column:
    return _fn_lit("regexp_extract", c, pattern, idx)


def instr(c: Any, substr: str) -> Column:
    return _fn_lit("instr", c, substr)


def locate(substr: str, c: Any, pos: int = 1) -> Column:
    return Column(E.ScalarFunction("locate", (E.make_literal(substr), to_expr(c),
                                              E.make_literal(pos))))


def repeat(c: Any, n: int) -> Column:
    return _fn_lit("repeat", c, n)


def translate(c: Any, matching: str, replace: str) -> Column:
    return _fn_lit("translate", c, matching, replace)


# ------------------------------------------------------------------------------- dates


def year(c: Any) -> Column:
    return _fn("year", c)


def month(c: Any) -> Column:
    return _fn("month", c)


def quarter(c: Any) -> Column:
    return _fn("quarter", c)


def dayofmonth(c: Any) -> Column:
    return _fn("dayofmonth", c)


def dayofweek(c: Any) -> Column:
    return _fn("dayofweek", c)


def dayofyear(c: Any) -> Column:
    return _fn("dayofyear", c)


def weekofyear(c: Any) -> Column:
    return _fn("weekofyear", c)


def hour(c: Any) -> Column:
    return _fn("hour", c)


def minute(c: Any) -> Column:
    return _fn("minute", c)


def second(c: Any) -> Column:
    return _fn("second", c)


def date_add(c: Any, days: Any) -> Column:
    return _fn_lit("date_add", c, days)


def date_sub(c: Any, days: Any) -> Column:
    return _fn_lit("date_sub", c, days)


def add_months(c: Any, months: Any) -> Column:
    return _fn_lit("add_months", c, months)


def datediff(end: Any, start: Any) -> Column:
    return _fn("datediff", end, start)


def months_between(a: Any, b: Any, roundOff: bool = True) -> Column:
    return _fn("months_between", a, b)


def to_date(c: Any, format: str | None = None) -> Column:
    return _fn("to_date", c) if format is None else _fn_lit("to_date", c, format)


def to_timestamp(c: Any, format: str | None = None) -> Column:
    return _fn("to_timestamp", c) if format is None else _fn_lit("to_timestamp", c, format)


def date_format(c: Any, format: str) -> Column:
    return _fn_lit("date_format", c, format)


def last_day(c: Any) -> Column:
    return _fn("last_day", c)


def trunc(c: Any, format: str) -> Column:
    return _fn_lit("trunc", c, format)


def current_date() -> Column:
    return Column(E.ScalarFunction("current_date", ()))


def current_timestamp() -> Column:
    return Column(E.ScalarFunction("current_timestamp", ()))


# -------------------------------------------------------------------------------- math


def abs(c: Any) -> Column:
    return _fn("abs", c)


def round(c: Any, scale: int = 0) -> Column:
    return _fn_lit("round", c, scale)


def bround(c: Any, scale: int = 0) -> Column:
    return _fn_lit("bround", c, scale)


def sqrt(c: Any) -> Column:
    return _fn("sqrt", c)


def cbrt(c: Any) -> Column:
    return _fn("cbrt", c)


def exp(c: Any) -> Column:
    return _fn("exp", c)


def log(arg1: Any, arg2: Any = None) -> Column:
    if arg2 is None:
        return _fn("ln", arg1)
    return Column(E.ScalarFunction("log", (_expr(arg1), to_expr(arg2))))


def ln(c: Any) -> Column:
    return _fn("ln", c)


def log10(c: Any) -> Column:
    return _fn("log10", c)


def log2(c: Any) -> Column:
    return _fn("log2", c)


def pow(a: Any, b: Any) -> Column:
    ea = to_expr(a) if isinstance(a, (str, Column)) else _expr(a)
    eb = to_expr(b) if isinstance(b, (str, Column)) else _expr(b)
    return Column(E.ScalarFunction("pow", (ea, eb)))


power = pow


def pmod(dividend: Any, divisor: Any) -> Column:
    a = to_expr(dividend) if isinstance(dividend, (str, Column)) else _expr(dividend)
    b = to_expr(divisor) if isinstance(divisor, (str, Column)) else _expr(divisor)
    return Column(E.ScalarFunction("pmod", (a, b)))


def floor(c: Any) -> Column:
    return _fn("floor", c)


def ceil(c: Any) -> Column:
    return _fn("ceil", c)


def signum(c: Any) -> Column:
    return _fn("signum", c)


def sin(c: Any) -> Column:
    return _fn("sin", c)


def cos(c: Any) -> Column:
    return _fn("cos", c)


def tan(c: Any) -> Column:
    return _fn("tan", c)


# ----------------------------------------------------------------------- collections


def explode(c: Any) -> Column:
    return _fn("explode", c)


def explode_outer(c: Any) -> Column:
    return _fn("explode_outer", c)


def posexplode(c: Any) -> Column:
    return _fn("posexplode", c)


def struct(*cols: Any) -> Column:
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        cols = tuple(cols[0])
    return _fn("struct", *cols)


def size(c: Any) -> Column:
    return _fn("size", c)


def array(*cols: Any) -> Column:
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        cols = tuple(cols[0])
    return _fn("array", *cols)


def array_contains(c: Any, value: Any) -> Column:
    return _fn_lit("array_contains", c, value)


def element_at(c: Any, extraction: Any) -> Column:
    return _fn_lit("element_at", c, extraction)


# -------------------------------------------------------------------------- aggregates


def count(c: Any) -> Column:
    if isinstance(c, str) and c == "*":
        return Column(E.AggregateFunction("count", (E.Literal(1, T.IntegerType()),)))
    return _agg("count", c)


def countDistinct(c: Any, *cols: Any) -> Column:
    args = (to_expr(c),) + tuple(to_expr(x) for x in cols)
    return Column(E.AggregateFunction("count", args, distinct=True))


count_distinct = countDistinct


def approx_count_distinct(c: Any, rsd: float | None = None) -> Column:
    return _agg("approx_count_distinct", c)


approxCountDistinct = approx_count_distinct


def sum(c: Any) -> Column:
    return _agg("sum", c)


def sum_distinct(c: Any) -> Column:
    return _agg("sum", c, distinct=True)


sumDistinct = sum_distinct


def avg(c: Any) -> Column:
    return _agg("avg", c)


mean = avg


def min(c: Any) -> Column:
    return _agg("min", c)


def max(c: Any) -> Column:
    return _agg("max", c)


def first(c: Any, ignorenulls: bool = False) -> Column:
    return _agg("first", c, ignore_nulls=ignorenulls)


def last(c: Any, ignorenulls: bool = False) -> Column:
    return _agg("last", c, ignore_nulls=ignorenulls)


def any_value(c: Any, ignoreNulls: bool = False) -> Column:
    return _agg("any_value", c, ignore_nulls=ignoreNulls)


def stddev(c: Any) -> Column:
    return _agg("stddev", c)


def stddev_samp(c: Any) -> Column:
    return _agg("stddev_samp", c)


def stddev_pop(c: Any) -> Column:
    return _agg("stddev_pop", c)


std = stddev


def variance(c: Any) -> Column:
    return _agg("variance", c)


def var_samp(c: Any) -> Column:
    return _agg("var_samp", c)


def var_pop(c: Any) -> Column:
    return _agg("var_pop", c)


def collect_list(c: Any) -> Column:
    return _agg("collect_list", c)


def collect_set(c: Any) -> Column:
    return _agg("collect_set", c)


def count_if(c: Any) -> Column:
    return _agg("count_if", c)


def bool_and(c: Any) -> Column:
    return _agg("bool_and", c)


def bool_or(c: Any) -> Column:
    return _agg("bool_or", c)


every = bool_and
some = bool_or


def median(c: Any) -> Column:
    return _agg("median", c)


def mode(c: Any) -> Column:
    return _agg("mode", c)


def product(c: Any) -> Column:
    return _agg("product", c)


def skewness(c: Any) -> Column:
    return _agg("skewness", c)


def kurtosis(c: Any) -> Column:
    return _agg("kurtosis", c)


# ----------------------------------------------------------------------------- window


def _win(name: str, *args: Any, offset: int = 1) -> Column:
    return Column(E.WindowFunction(name, tuple(args), offset))


def row_number() -> Column:
    return _win("row_number")


def rank() -> Column:
    return _win("rank")


def dense_rank() -> Column:
    return _win("dense_rank")


def percent_rank() -> Column:
    return _win("percent_rank")


def cume_dist() -> Column:
    return _win("cume_dist")


def ntile(n: int) -> Column:
    return _win("ntile", E.make_literal(n))


def lag(c: Any, offset: int = 1, default: Any = None) -> Column:
    args = (to_expr(c),) + ((E.make_literal(default),) if default is not None else ())
    return _win("lag", *args, offset=offset)


def lead(c: Any, offset: int = 1, default: Any = None) -> Column:
    args = (to_expr(c),) + ((E.make_literal(default),) if default is not None else ())
    return _win("lead", *args, offset=offset)


# Python UDFs and UDTFs (dfengine/sql/udf.py, pandas_udf.py, udtf.py)
from dfengine.sql.pandas_udf import (  # noqa: F401, I001
    ArrowUDFType, PandasUDFType, arrow_udf, pandas_udf)
from dfengine.sql.udf import call_udf, udf  # noqa: F401
from dfengine.sql.udtf import udtf  # noqa: F401


__all__ = [n for n in dir() if not n.startswith("_") and n not in ("Any", "annotations",
                                                                    "builtins", "E", "T")]


def window(timeColumn: Any, windowDuration: str, slideDuration: str | None = None,
           startTime: str | None = None) -> Column:
    from dfengine.sql.streaming.window import window as _window

    return _window(timeColumn, windowDuration, slideDuration, startTime)


def session_window(timeColumn: Any, gapDuration: Any) -> Column:
    from dfengine.sql.streaming.window import session_window as _session_window

    return _session_window(timeColumn, gapDuration)
