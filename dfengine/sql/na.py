"""`df.na` / `fillna` / `dropna` / `replace`: null handling expressed as ordinary projections
and filters, with Spark's rules (DataFrameNaFunctions.scala and PySpark's argument checks):

- fill: a number fills every numeric column (cast to the column's type: 2.7 fills an int
  column with 2) and also replaces NaN in float/double columns; a string fills string
  columns, a bool boolean ones; a dict casts each value to its column's type. Every column
  named in `subset` or a dict must exist (UNRESOLVED_COLUMN).
- replace: the old and new values must be of one kind (MIXED_TYPE_REPLACEMENT); numbers
  apply to every numeric column and the result is cast back to the column's type (replacing
  1 by 2.5 in an int column gives 2, the column stays an int).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dfengine import types as T
from dfengine.errors import PySparkTypeError, PySparkValueError
from dfengine.plan import expressions as E
from dfengine.sql.column import Column

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame

_NO_VALUE = object()


def _kind_accepts(dt: T.DataType, value: Any) -> bool:
    if isinstance(value, bool):
        return isinstance(dt, T.BooleanType)
    if isinstance(value, (int, float)):
        return isinstance(dt, T.NumericType)
    if isinstance(value, str):
        return isinstance(dt, T.StringType)
    return False


def _subset(subset: Any) -> list[str] | None:
    if subset is None:
        return None
    if isinstance(subset, str):
        return [subset]
    if not isinstance(subset, (list, tuple)):
        raise PySparkTypeError(f"Argument `subset` should be a list or tuple, got "
                               f"{type(subset).__name__}.", "NOT_LIST_OR_TUPLE")
    return list(subset)


def _resolved(df: DataFrame, names: list[str]) -> list[E.AttributeReference]:
    """The columns named (each must exist: Spark resolves them, UNRESOLVED_COLUMN)."""
    out = []
    for n in names:
        e = df._column(n)._expr
        out.extend(a for a in df._attrs if isinstance(e, E.AttributeReference) and a == e)
    return out


def _fill_expr(a: E.AttributeReference, v: Any) -> E.Expression:
    lit = E.make_literal(v)
    if lit.dtype != a.dtype:
        lit = E.Cast(lit, a.dtype)
    filled: E.Expression = E.ScalarFunction("coalesce", (a, lit))
    if isinstance(a.dtype, (T.DoubleType, T.FloatType)):  # Spark: NaN is filled too
        filled = E.CaseWhen((E.ScalarFunction("isnan", (a,)),), (lit,), filled)
    return E.Alias(filled, a.name)


def fill(df: DataFrame, value: Any, subset: Any = None) -> DataFrame:
    names = _subset(subset)
    if isinstance(value, dict):
        targets = {}
        for k, v in value.items():
            if not isinstance(v, (bool, int, float, str)):
                raise PySparkTypeError(f"value for `{k}` should be a bool, float, int or str, "
                                       f"got {type(v).__name__}", "NOT_BOOL_OR_FLOAT_OR_INT_OR_STR")
            for a in _resolved(df, [k]):
                targets[a] = v
    else:
        if value is None:
            raise PySparkTypeError("Argument `value` should be a bool, dict, float, int or str, "
                                   "got NoneType.", "NOT_EXPECTED_TYPE")
        if not isinstance(value, (bool, int, float, str)):
            raise PySparkTypeError(f"value should be a bool, float, int, str or dict, got "
                                   f"{type(value).__name__}",
                                   "NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR")
        attrs = df._attrs if names is None else _resolved(df, names)
        targets = {a: value for a in attrs if _kind_accepts(a.dtype, value)}
    if not targets:
        return df
    exprs = [_fill_expr(a, targets[a]) if a in targets else a for a in df._attrs]
    return df.select(*[Column(e) for e in exprs])


def drop(df: DataFrame, how: str = "any", thresh: int | None = None,
         subset: Any = None) -> DataFrame:
    if how not in ("any", "all"):
        raise PySparkValueError(f"Value for `how` has to be amongst the following values: "
                                f"['any', 'all'], got {how!r}.", "VALUE_NOT_ALLOWED")
    names = _subset(subset)
    attrs = df._attrs if names is None else _resolved(df, names)
    if thresh is None:
        thresh = len(attrs) if how == "any" else 1
    count: E.Expression | None = None
    for a in attrs:
        nonnull: E.Expression = E.IsNotNull(a)
        if isinstance(a.dtype, (T.DoubleType, T.FloatType)):
            nonnull = E.And(nonnull, E.Not(E.ScalarFunction("isnan", (a,))))
        term = E.CaseWhen((nonnull,), (E.make_literal(1),), E.make_literal(0))
        count = term if count is None else E.BinaryArithmetic("+", count, term)
    if count is None:
        return df
    return df.filter(Column(E.Comparison(">=", count, E.make_literal(int(thresh)))))


def _replacement_map(to_replace: Any, value: Any) -> dict:
    """PySpark's checks and pairing of `to_replace` with `value`."""
    if value is _NO_VALUE:
        if not isinstance(to_replace, dict):
            raise PySparkTypeError("value is required when to_replace is not a dictionary.",
                                   "ARGUMENT_REQUIRED")
        value = None
    if not isinstance(to_replace, (bool, float, int, str, list, tuple, dict)):
        raise PySparkTypeError(f"Argument `to_replace` should be a bool, dict, float, int, "
                               f"list, str or tuple, got {type(to_replace).__name__}.",
                               "NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_LIST_OR_STR_OR_TUPLE")
    if value is not None and not isinstance(value, (bool, float, int, str, list, tuple)):
        raise PySparkTypeError(f"Argument `value` should be a bool, float, int, list, None, "
                               f"str or tuple, got {type(value).__name__}.",
                               "NOT_BOOL_OR_FLOAT_OR_INT_OR_LIST_OR_NONE_OR_STR_OR_TUPLE")
    if isinstance(to_replace, dict):
        return dict(to_replace)
    olds = list(to_replace) if isinstance(to_replace, (list, tuple)) else [to_replace]
    if isinstance(value, (list, tuple)):
        if len(value) != len(olds):
            raise PySparkValueError(f"to_replace and value should be of the same length, got "
                                    f"{len(olds)} and {len(value)}.",
                                    "LENGTH_SHOULD_BE_THE_SAME")
        return dict(zip(olds, value))
    return dict.fromkeys(olds, value)


def _check_kinds(mapping: dict) -> None:
    news = [v for v in mapping.values() if v is not None]
    for kind in (bool, str, (int, float)):
        if all(isinstance(k, kind) for k in mapping) and all(isinstance(v, kind) for v in news):
            return
    raise PySparkValueError("Mixed type replacements are not supported: give old and new "
                            "values of one kind (numbers, strings or booleans).",
                            "MIXED_TYPE_REPLACEMENT")


def replace(df: DataFrame, to_replace: Any, value: Any = _NO_VALUE,
            subset: Any = None) -> DataFrame:
    mapping = _replacement_map(to_replace, value)
    names = _subset(subset)
    if not mapping:
        return df
    _check_kinds(mapping)
    attrs = df._attrs if names is None else _resolved(df, names)
    key = next(iter(mapping))
    targets = {a for a in attrs if _kind_accepts(a.dtype, key)}
    exprs: list[E.Expression] = []
    for a in df._attrs:
        if a not in targets:
            exprs.append(a)
            continue
        conds = tuple(E.Comparison("=", a, E.make_literal(k)) for k in mapping)
        vals = tuple(E.make_literal(v) for v in mapping.values())
        exprs.append(E.Alias(E.Cast(E.CaseWhen(conds, vals, a), a.dtype), a.name))
    return df.select(*[Column(e) for e in exprs])


class DataFrameNaFunctions:
    def __init__(self, df: DataFrame):
        self.df = df

    def fill(self, value: Any, subset: Any = None) -> DataFrame:
        return fill(self.df, value, subset)

    def drop(self, how: str = "any", thresh: int | None = None, subset: Any = None) -> DataFrame:
        return drop(self.df, how, thresh, subset)

    def replace(self, to_replace: Any, value: Any = _NO_VALUE, subset: Any = None) -> DataFrame:
        return replace(self.df, to_replace, value, subset)
