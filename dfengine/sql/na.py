"""`df.na` / `fillna` / `dropna`: null handling expressed as ordinary projections and filters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dfengine import types as T
from dfengine.errors import PySparkTypeError
from dfengine.plan import expressions as E
from dfengine.sql.column import Column

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame


def _accepts(dt: T.DataType, value: Any) -> bool:
    if isinstance(value, bool):
        return isinstance(dt, T.BooleanType)
    if isinstance(value, (int, float)):
        return isinstance(dt, T.NumericType)
    if isinstance(value, str):
        return isinstance(dt, T.StringType)
    return False


def fill(df: DataFrame, value: Any, subset: Any = None) -> DataFrame:
    if isinstance(subset, str):
        subset = [subset]
    if isinstance(value, dict):
        mapping = value
    else:
        if not isinstance(value, (bool, int, float, str)):
            raise PySparkTypeError(f"value should be a bool, float, int, str or dict, got "
                                   f"{type(value).__name__}", "NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR")
        names = subset if subset is not None else df.columns
        mapping = {n: value for n in names}
    lower = {k.lower(): v for k, v in mapping.items()}
    exprs: list[E.Expression] = []
    for a in df._attrs:
        v = lower.get(a.name.lower())
        if v is not None and _accepts(a.dtype, v):
            if isinstance(v, float) and isinstance(a.dtype, T.IntegralType):
                v = int(v)
            lit = E.Cast(E.make_literal(v), a.dtype) if not isinstance(
                E.make_literal(v).dtype, type(a.dtype)) else E.make_literal(v)
            exprs.append(E.Alias(E.ScalarFunction("coalesce", (a, lit)), a.name))
        else:
            exprs.append(a)
    return df.select(*[Column(e) for e in exprs])


def drop(df: DataFrame, how: str = "any", thresh: int | None = None,
         subset: Any = None) -> DataFrame:
    if isinstance(subset, str):
        subset = [subset]
    names = subset if subset is not None else df.columns
    attrs = [a for a in df._attrs if a.name in names]
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


def replace(df: DataFrame, to_replace: Any, value: Any = None, subset: Any = None) -> DataFrame:
    if isinstance(to_replace, dict):
        mapping = to_replace
    else:
        olds = to_replace if isinstance(to_replace, list) else [to_replace]
        news = value if isinstance(value, list) else [value] * len(olds)
        mapping = dict(zip(olds, news))
    if isinstance(subset, str):
        subset = [subset]
    exprs: list[E.Expression] = []
    for a in df._attrs:
        if (subset is None or a.name in subset) and any(_accepts(a.dtype, k) for k in mapping):
            conds, vals = [], []
            for k, v in mapping.items():
                if _accepts(a.dtype, k):
                    conds.append(E.Comparison("=", a, E.make_literal(k)))
                    vals.append(E.make_literal(v))
            exprs.append(E.Alias(E.CaseWhen(tuple(conds), tuple(vals), a), a.name))
        else:
            exprs.append(a)
    return df.select(*[Column(e) for e in exprs])


class DataFrameNaFunctions:
    def __init__(self, df: DataFrame):
        self.df = df

    def fill(self, value: Any, subset: Any = None) -> DataFrame:
        return fill(self.df, value, subset)

    def drop(self, how: str = "any", thresh: int | None = None, subset: Any = None) -> DataFrame:
        return drop(self.df, how, thresh, subset)

    def replace(self, to_replace: Any, value: Any = None, subset: Any = None) -> DataFrame:
        return replace(self.df, to_replace, value, subset)
