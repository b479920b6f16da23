"""`df.lateralJoin(sub, on, how)`: `sub` is evaluated for each row of `df`, naming its columns
with `col(...).outer()`, as SQL's `JOIN LATERAL`.

The outer references are bound to `df`'s columns and the plan goes through the same
decorrelation as SQL's LATERAL (plan/lateral.py): the correlated predicates become the join
condition. A table function over `outer()` columns (`spark.tvf.explode(col("items").outer())`,
an `OuterTableFunction`) is its generator applied to `df` itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dfengine.errors import AnalysisException, PySparkTypeError
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan import subqueries as S
from dfengine.plan.analyzer import Analyzer

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame

_HOW = {"inner": "inner", "cross": "inner", "left": "left", "leftouter": "left",
        "left_outer": "left"}


def lateral_join(df: DataFrame, other: DataFrame, on: Any = None,
                 how: str | None = None) -> DataFrame:
    from dfengine.plan.lateral import lateral_join as lateral_plan
    from dfengine.sql.column import Column
    from dfengine.sql.dataframe import DataFrame

    if not isinstance(other, (DataFrame, OuterTableFunction)):
        raise PySparkTypeError(f"other should be a DataFrame, got {type(other).__name__}",
                               "NOT_DATAFRAME")
    kind = _HOW.get((how or "inner").lower())
    if kind is None:
        raise AnalysisException(
            f"Unsupported join type '{how}'. Supported join types include: "
            "'inner', 'leftouter', 'left', 'left_outer', 'cross'.", "UNSUPPORTED_JOIN_TYPE")
    if isinstance(other, OuterTableFunction):
        return other.over(df, kind)
    s = df.sparkSession
    analyzer = Analyzer(s._catalog_lookup, s._case_sensitive, s._ansi)
    left = df._plan
    sub = S.bind_outer_in_plan(other._fresh_plan(), lambda r: analyzer.resolve_expression(
        r, left.output))
    cond = None
    if on is not None:
        if not isinstance(on, Column):
            raise PySparkTypeError(f"on should be a Column, got {type(on).__name__}",
                                   "NOT_COLUMN")
        cond = on._expr
    # an inner join's `on` filters the joined rows (it may name a column the subquery
    # computes from the outer row); a left join's decides which rows match
    join_cond = None
    if cond is not None and kind == "left":
        join_cond = analyzer.resolve_expression(cond, left.output + sub.output)
    plan = lateral_plan(left, sub, kind, join_cond)
    width = len(left.output) + len(sub.output)
    if len(plan.output) > width:  # columns the correlation needed, not the subquery's own
        plan = L.Project(tuple(plan.output[:width]), plan)
    if kind == "inner" and cond is not None:
        plan = L.Filter(cond, plan)
    return df._new(plan)


def names_outer(x: Any) -> bool:
    """A Column holding `col(...).outer()`."""
    e = getattr(x, "_expr", None)
    return e is not None and S.unbound_outer(e) is not None


class OuterTableFunction:
    """`spark.tvf.explode(col("items").outer())`: a table function of the outer row, which
    only a lateral join can evaluate. It records the DataFrame calls made on it
    (`.select("col.*")`, `.where(...)`) and replays them over the left side's rows, the
    generator's columns beside the left's."""

    def __init__(self, fn: Any, args: tuple, calls: tuple = ()) -> None:
        self._fn, self._args, self._calls = fn, args, calls

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in ("select", "where", "filter", "withColumn",
                                                 "withColumnRenamed", "alias", "drop",
                                                 "selectExpr"):
            raise AnalysisException(
                f"A table function of outer columns (col(...).outer()) has no `{name}`: use "
                "it as the right side of df.lateralJoin(...).",
                "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_CORRELATED_REFERENCE")

        def record(*args: Any, **kwargs: Any) -> OuterTableFunction:
            return OuterTableFunction(self._fn, self._args,
                                      self._calls + ((name, args, kwargs),))
        return record

    def over(self, df: DataFrame, kind: str) -> DataFrame:
        """The recorded calls over `df`'s rows (`kind`, inner or left, changes nothing:
        Spark's generator drops a row whose collection is empty either way)."""
        from dfengine.sql.column import Column

        args = [Column(_unwrap_outer(a._expr)) if isinstance(a, Column) else a
                for a in self._args]
        fn = self._fn
        kept = [Column(a) for a in df._plan.output]
        out = df.select(*kept, fn(*args))
        for name, a, kw in self._calls:
            if name in ("select", "selectExpr"):
                out = _select_beside(out, kept, name, a)
            else:
                out = getattr(out, name)(*a, **kw)
        return out


def _select_beside(out: DataFrame, kept: list, name: str, args: tuple) -> DataFrame:
    """The table function's select over its own columns, the left side's columns kept."""
    cols = list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args)
    if name == "selectExpr":
        from dfengine.sql.column import Column
        from dfengine.sqlparse import parse_expression

        cols = [Column(parse_expression(x)) for x in cols]
    return out.select(*kept, *cols)


def _unwrap_outer(e: E.Expression) -> E.Expression:
    return e.transform_up(lambda x: x.ref if isinstance(x, S.OuterReference) else None)
