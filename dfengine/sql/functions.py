"""`pyspark.sql.functions` for dfengine: each function builds an expression node; names of
the resulting columns follow Spark (`sum(x)`, `count(1)`, `SQRT(x)`)."""

from __future__ import annotations

from typing import Any

from dfengine import types as T
from dfengine.errors import (
    PySparkTypeError,
    SkipRestOfInputTableException,  # noqa: F401
)
from dfengine.plan import expressions as E
from dfengine.sql.column import Column, _expr, to_expr

# Python UDFs and UDTFs, re-exported as in pyspark.sql.functions
from dfengine.sql.pandas_udf import (  # noqa: F401
    ArrowUDFType,
    PandasUDFType,
    arrow_udf,
    pandas_udf,
)
from dfengine.sql.udf import UserDefinedFunction, call_udf, udf  # noqa: F401
from dfengine.sql.udtf import (  # noqa: F401
    AnalyzeArgument,
    AnalyzeResult,
    OrderingColumn,
    PartitioningColumn,
    SelectedColumn,
    UserDefinedTableFunction,
    arrow_udtf,
    udtf,
)


def _fn(name: str, *args: Any) -> Column:
    return Column(E.ScalarFunction(name, tuple(to_expr(a) for a in args)))



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
    """A literal; a list is `array(lit(x), ...)` (its elements take their common type, so
    `lit([1, 2.5])` is array<double>), as in PySpark 4. Tuples and dicts are not literals."""
    if isinstance(value, Column):
        return value
    if isinstance(value, list):
        if [v for v in value if isinstance(v, Column)]:  # (`any` here is F.any)
            from dfengine.errors import PySparkValueError

            raise PySparkValueError("lit does not allow a Column in a list; use F.array(...) "
                                    "to build an array of columns.", "COLUMN_IN_LIST")
        return Column(E.ScalarFunction("array", tuple(lit(v)._expr for v in value)))
    if isinstance(value, (tuple, dict)):
        from dfengine.errors import SparkRuntimeException

        raise SparkRuntimeException(
            f"The feature is not supported: Literal for '{value!r}' of class "
            f"{type(value).__name__}. Use a list for an array (F.lit([1, 2])), F.struct(...) "
            "for a struct or F.create_map(...) for a map.", "UNSUPPORTED_FEATURE.LITERAL_TYPE")
    return Column(E.make_literal(value))


def expr(text: str) -> Column:
    from dfengine.sqlparse import parse_expression

    return Column(parse_expression(text))


def when(condition: Column, value: Any) -> Column:
    if not isinstance(condition, Column):
        raise PySparkTypeError(f"Argument `condition` should be Column, got "
                               f"{type(condition).__name__}.", "NOT_EXPECTED_TYPE")
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


def rand(seed: int | None = None) -> Column:
    import random

    s = seed if seed is not None else random.randint(0, 2**31)
    return Column(E.ScalarFunction("rand", (E.make_literal(s),)))


# ----------------------------------------------------------------------------- strings


# ------------------------------------------------------------------------------- dates


def call_function(funcName: str, *cols: Any) -> Column:
    """A built-in function or a registered UDF by name (PySpark's call_function)."""
    from dfengine.functions import find, names_of_kind

    entry = find(funcName)
    if entry is None:
        return call_udf(funcName, *cols)
    args = tuple(to_expr(c) for c in cols)
    if entry.kind == "aggregate":
        name = names_of_kind("aggregate")[funcName.lower()]
        return Column(E.AggregateFunction(name, args, False, False))
    if entry.kind == "window":
        return Column(E.WindowFunction(funcName.lower(), args, 1))
    return Column(E.ScalarFunction(funcName.lower(), args))


def years(col: Any) -> Column:
    """Partition transform for `writeTo(...).partitionedBy(...)` (not a value function)."""
    return _fn("__transform_years", col)


def months(col: Any) -> Column:
    """Partition transform for `writeTo(...).partitionedBy(...)` (not a value function)."""
    return _fn("__transform_months", col)


def days(col: Any) -> Column:
    """Partition transform for `writeTo(...).partitionedBy(...)` (not a value function)."""
    return _fn("__transform_days", col)


def hours(col: Any) -> Column:
    """Partition transform for `writeTo(...).partitionedBy(...)` (not a value function)."""
    return _fn("__transform_hours", col)


def bucket(numBuckets: Any, col: Any) -> Column:
    """Partition transform for `writeTo(...).partitionedBy(...)` (not a value function)."""
    return Column(E.ScalarFunction("__transform_bucket", (_expr(numBuckets), to_expr(col))))


def window_time(windowColumn: Any) -> Column:
    """The event time of a time window: its end minus one microsecond."""
    window_col = windowColumn if isinstance(windowColumn, Column) else Column(
        to_expr(windowColumn))
    end = window_col.getField("end")
    micros = Column(E.ScalarFunction("unix_micros", (end._expr,)))
    name = windowColumn if isinstance(windowColumn, str) else "window"
    return Column(E.ScalarFunction("timestamp_micros", ((micros - 1)._expr,))).alias(
        f"window_time({name})")


def months_between(a: Any, b: Any, roundOff: bool = True) -> Column:
    return _fn("months_between", a, b) if roundOff else _fn("months_between", a, b, lit(False))


def convert_timezone(sourceTz: Any, targetTz: Any, sourceTs: Any) -> Column:
    """sourceTz None: from the session time zone (Spark's two-argument form)."""
    if sourceTz is None:
        return _fn("convert_timezone", targetTz, sourceTs)
    return _fn("convert_timezone", sourceTz, targetTz, sourceTs)


def instr(str: Any, substr: Any, start: Any = None, occurrence: Any = None) -> Column:
    """`instr(str, substr[, start[, occurrence]])`; an `occurrence` without `start` searches
    from the first character, as PySpark passes start=1."""
    args = [str, lit(substr)]
    if start is not None or occurrence is not None:
        args.append(lit(1 if start is None else start))
    if occurrence is not None:
        args.append(lit(occurrence))
    return Column(E.ScalarFunction("instr", tuple(to_expr(a) for a in args)))


# -------------------------------------------------------------------------------- math


def log(arg1: Any, arg2: Any = None) -> Column:
    if arg2 is None:
        return _fn("ln", arg1)
    return Column(E.ScalarFunction("log", (_expr(arg1), to_expr(arg2))))


# ----------------------------------------------------------------------- collections


def create_map(*cols: Any) -> Column:
    """`map(k1, v1, k2, v2, ...)`: Spark names the column `map(...)`."""
    if len(cols) == 1 and isinstance(cols[0], (list, tuple, set)):
        cols = tuple(cols[0])
    return Column(E.ScalarFunction("map", tuple(to_expr(c) for c in cols)))


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




# PySpark's F.mean names its column avg(x) (SQL's mean(x) shows mean)
mean = avg


def try_sum(col: Any) -> Column:
    return _agg("try_sum", col)


def try_avg(col: Any) -> Column:
    return _agg("try_avg", col)


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




def median(c: Any) -> Column:
    return _agg("median", c)


def mode(col: Any, deterministic: bool = False) -> Column:
    """The most frequent value; dfengine always breaks ties by the lowest value, which is
    what Spark's deterministic mode returns (a call Spark names `mode() WITHIN GROUP (ORDER
    BY col DESC)`)."""
    from dfengine.plan.aggregate_calls import aggregate_call

    if not isinstance(deterministic, bool):
        raise PySparkTypeError(
            f"Argument `deterministic` should be a bool, got {type(deterministic).__name__}.",
            "NOT_BOOL")
    return Column(aggregate_call("mode", (to_expr(col), E.make_literal(deterministic))))


def product(c: Any) -> Column:
    return _agg("product", c)


def skewness(c: Any) -> Column:
    return _agg("skewness", c)


def kurtosis(c: Any) -> Column:
    return _agg("kurtosis", c)


# ----------------------------------------------------------------------------- window


def _win(name: str, *args: Any, offset: int = 1) -> Column:
    return Column(E.WindowFunction(name, tuple(args), offset))


def counter_diff(value: Any, startTime: Any = None) -> Column:
    """The increase of a cumulative counter since the previous row of the window (NULL at
    the first row and where the counter was reset: it decreased or startTime advanced)."""
    args = (to_expr(value),) + (() if startTime is None else (to_expr(startTime),))
    return _win("counter_diff", *args)


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


def _install_generated() -> None:
    from dfengine.sql.generated_functions import generated_wrappers

    globals().update(generated_wrappers(globals()))


_install_generated()

__all__ = [n for n in dir() if not n.startswith("_") and n not in ("Any", "Column", "to_expr", "annotations",
                                                                    "builtins", "E", "T")]


def window(timeColumn: Any, windowDuration: str, slideDuration: str | None = None,
           startTime: str | None = None) -> Column:
    from dfengine.sql.streaming.window import window as _window

    return _window(timeColumn, windowDuration, slideDuration, startTime)


def session_window(timeColumn: Any, gapDuration: Any) -> Column:
    from dfengine.sql.streaming.window import session_window as _session_window

    return _session_window(timeColumn, gapDuration)
