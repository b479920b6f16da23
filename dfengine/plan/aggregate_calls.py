"""One way to build an aggregate call from a name and arguments, for SQL text and `F.` alike.

The call keeps the name it was written with (`mean(x)`, `std(x)`, `first_value(x)`: Spark
names the column after it), normalizes the arguments that are flags rather than inputs
(`first(x, true)` is first IGNORE NULLS, shown as `first(x)`) and checks the argument count.
"""

from __future__ import annotations

from dfengine.errors import AnalysisException
from dfengine.functions.aggregates import AGGREGATE_ARITY
from dfengine.functions.registry import arity_error, lookup
from dfengine.plan import expressions as E

_FLAG_SECOND = ("first", "last", "any_value")  # (x, ignoreNulls)
_DROPPED_SECOND = ("approx_count_distinct", "mode")  # rsd / deterministic change no value here


def _check_relative_sd(called: str, rsd: E.Expression) -> None:
    """HyperLogLog++ needs at least 4 bits of precision (Spark: relativeSD <= 0.39)."""
    import decimal
    import math

    value = getattr(rsd, "value", None)
    if isinstance(value, bool) or not isinstance(value, (int, float, decimal.Decimal)):
        return
    value = float(value)
    if value <= 0 or math.ceil(2.0 * math.log(1.106 / value) / math.log(2.0)) < 4:
        raise AnalysisException(
            f"Failed preparing of the function `{called}` for call. Please, double check "
            "function's arguments.", "FAILED_FUNCTION_CALL")


def _check_top_k(called: str, args: tuple[E.Expression, ...]) -> None:
    """max_by(x, y, k): k is a constant int in [1, 100000], as Spark's MaxMinByK checks."""
    k = args[2]
    shown = f"{called}({', '.join(a.sql() for a in args)})"
    if isinstance(k, E.Cast) and isinstance(k.child, E.Literal):
        k = k.child
    if not isinstance(k, E.Literal):
        raise AnalysisException(
            f'Cannot resolve "{shown}" due to data type mismatch: the input k should be a '
            f"foldable int expression; however, got {k.sql()}. Pass a number such as "
            f"{called}(x, y, 3).", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT")
    try:
        value = 0 if k.value is None else int(float(k.value))
    except (TypeError, ValueError):
        raise AnalysisException(
            f'Cannot resolve "{shown}" due to data type mismatch: k must be an int, got '
            f"{k.sql()}.", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE") from None
    if not 1 <= value <= 100000:
        raise AnalysisException(
            f'Cannot resolve "{shown}" due to data type mismatch: The `k` must be between '
            f"[1, 100000] (current value = {value}).", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE")


def aggregate_call(called: str, args: tuple[E.Expression, ...], distinct: bool = False,
                   ignore_nulls: bool = False) -> E.AggregateFunction:
    """`called(args)` as the catalogue's aggregate (raises for an unknown name)."""
    entry = lookup(called, "aggregate")
    name, called = entry.name, called.lower()
    lo, hi = entry.arity_of(called)  # the count as written, flags included (Spark's check)
    if not lo <= len(args) <= hi:
        raise arity_error(called, lo, hi, len(args))
    if name in _FLAG_SECOND and len(args) > 1:
        flag = args[1]
        if not isinstance(flag, E.Literal) or not isinstance(flag.value, bool):
            raise AnalysisException(
                f"The second argument of {called} must be a boolean literal (ignoreNulls), got "
                f"{flag.sql()}.", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
        ignore_nulls, args = ignore_nulls or flag.value, args[:1]
    elif name == "nth_value" and len(args) > 2:  # nth_value(x, n, ignoreNulls)
        flag = args[2]
        ignore_nulls, args = ignore_nulls or bool(getattr(flag, "value", False)), args[:2]
    elif name in ("max_by", "min_by") and len(args) == 3:
        _check_top_k(called, args)
    elif name in _DROPPED_SECOND:
        if name == "approx_count_distinct" and len(args) > 1:
            _check_relative_sd(called, args[1])
        if name == "mode" and len(args) > 1 and getattr(args[1], "value", None) is True:
            # ties go to the lowest value either way; Spark names the deterministic call so
            shown = f"mode() WITHIN GROUP (ORDER BY {args[0].sql()} DESC)"
            return E.AggregateFunction(name, args[:1], distinct, ignore_nulls, shown=shown)
        args = args[:1]
    lo, hi = AGGREGATE_ARITY.get(name, (0, 99))
    if not lo <= len(args) <= hi:
        want = str(lo) if lo == hi else f"[{lo}, {hi}]"
        raise AnalysisException(
            f"[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `{called}` requires {want} parameters but "
            f"the actual number is {len(args)}.", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION")
    return E.AggregateFunction(name, tuple(args), distinct, ignore_nulls,
                               called if called != name else "")
