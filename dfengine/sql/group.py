"""`GroupedData`: what `groupBy` returns; `agg` and the shortcut aggregates build an
Aggregate node whose output is the grouping columns followed by the aggregates."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from dfengine.errors import AnalysisException, PySparkTypeError
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.sql.column import Column, to_expr
from dfengine.sql.java_map_order import hash_map_order

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame

# Spark's RelationalGroupedDataset.strToExpr: its own aliases (average, std, size), then any
# aggregate function of the catalogue by name
_DICT_FUNCS = {"avg": "avg", "mean": "avg", "average": "avg", "sum": "sum", "min": "min",
               "max": "max", "count": "count", "size": "count", "stddev": "stddev",
               "std": "stddev", "variance": "variance",
               "first": "first", "last": "last", "collect_list": "collect_list",
               "collect_set": "collect_set", "countdistinct": "count_distinct"}


class _NumericShortcuts:
    """`sum/avg/mean/min/max(*cols)`: one aggregate per named (or every numeric) column."""

    def _numeric(self, fn: str, cols: tuple[str, ...]) -> DataFrame:  # pragma: no cover
        raise NotImplementedError

    def sum(self, *cols: str) -> DataFrame:
        return self._numeric("sum", cols)

    def avg(self, *cols: str) -> DataFrame:
        return self._numeric("avg", cols)

    mean = avg

    def min(self, *cols: str) -> DataFrame:
        return self._numeric("min", cols)

    def max(self, *cols: str) -> DataFrame:
        return self._numeric("max", cols)


class GroupedData(_NumericShortcuts):
    def __init__(self, df: DataFrame, grouping: list[E.Expression], kind: str = "groupby",
                 sets: list[list[E.Expression]] | None = None):
        self._df = df
        self._grouping = grouping
        self._kind = kind
        self._sets = sets

    def __repr__(self) -> str:
        """PySpark's GroupedData repr: grouping expressions, the input schema, the kind."""
        kind = {"groupby": "GroupBy", "rollup": "Rollup", "cube": "Cube"}.get(
            self._kind, self._kind.title())
        fields = self._df.select(*[Column(e) for e in self._grouping]).schema.fields
        # Spark prints a name given as a string unresolved, a column of the DataFrame typed
        keys = ", ".join(f.name if type(e).__name__.startswith("Unresolved") else
                         f"{f.name}: {f.dataType.simpleString()}"
                         for e, f in zip(self._grouping, fields, strict=True))
        value = ", ".join(f"{f.name}: {f.dataType.simpleString()}" for f in self._df.schema)
        return f"GroupedData[grouping expressions: [{keys}], value: [{value}], type: {kind}]"

    def agg(self, *exprs: Any) -> DataFrame:
        if len(exprs) == 1 and isinstance(exprs[0], dict):
            spec = exprs[0]  # the columns come in the order of PySpark's JVM HashMap
            aggs = [self._dict_agg(c, spec[c]) for c in hash_map_order(list(spec))]
        else:
            items = list(exprs[0]) if len(exprs) == 1 and isinstance(exprs[0], list) else exprs
            aggs = []
            for x in items:
                if not isinstance(x, Column):
                    raise PySparkTypeError("agg() arguments should all be Columns, or one dict",
                                           "NOT_COLUMN")
                aggs.append(x._expr)
        if not aggs:
            raise PySparkTypeError("agg() needs at least one aggregate expression",
                                   "CANNOT_BE_EMPTY")
        return self._aggregate(aggs)

    def _dict_agg(self, column: str, func: str) -> E.Expression:
        from dfengine.functions.registry import names_of_kind

        f = _DICT_FUNCS.get(func.lower()) or names_of_kind("aggregate").get(func.lower())
        if f is None:
            raise AnalysisException(f"Unknown aggregate function '{func}' in agg(dict). Use "
                                    "one of " + ", ".join(sorted(_DICT_FUNCS)), "UNSUPPORTED")
        if f == "count_distinct":
            return E.AggregateFunction("count", (to_expr(column),), distinct=True)
        if f == "count" and column == "*":
            return E.AggregateFunction("count", (E.make_literal(1),))
        return E.AggregateFunction(f, (to_expr(column),))

    def _aggregate(self, aggs: list[E.Expression]) -> DataFrame:
        df = self._df
        if self._kind in ("rollup", "cube", "groupingsets"):
            from dfengine.plan.grouping_sets import cube_sets, rollup_sets

            n = len(self._grouping)
            sets = (rollup_sets(n) if self._kind == "rollup" else cube_sets(n)
                    if self._kind == "cube" else self._set_indices())
            keys = [g.child if isinstance(g, E.Alias) else g for g in self._grouping]
            items = [E.named(g) for g in self._grouping] + [E.named(a) for a in aggs]
            plan = df.sparkSession._builder.grouping_sets(df._plan, keys, sets, items)
            return df.sparkSession._dataframe_of(plan)
        from dfengine.sql.batch_time_windows import expand

        df, keys = expand(df, self._grouping)  # sliding and session windows in batch
        grouping = tuple(g.child if isinstance(g, E.Alias) else g for g in keys)
        outputs = tuple(E.named(g) for g in keys) + tuple(E.named(a) for a in aggs)
        return df._new(L.Aggregate(grouping, outputs, df._plan))

    def _set_indices(self) -> list[tuple[int, ...]]:
        keys = [g.child if isinstance(g, E.Alias) else g for g in self._grouping]
        out = []
        for s in self._sets or []:
            idx = []
            for e in s:
                e = e.child if isinstance(e, E.Alias) else e
                hits = [i for i, k in enumerate(keys) if k == e or (
                    E.output_name(k).lower() == E.output_name(e).lower())]
                if not hits:
                    raise AnalysisException(
                        f"Grouping set column {e.sql()} is not among the grouping columns "
                        f"[{', '.join(k.sql() for k in keys)}]; list it in groupingSets' "
                        "cols too.", "GROUPING_SET_COLUMN_NOT_GROUPED")
                idx.append(hits[0])
            out.append(tuple(idx))
        return out

    def _numeric(self, fn: str, cols: tuple[str, ...]) -> DataFrame:
        from dfengine import types as T

        if cols:
            names = list(cols)
            for n in names:
                dt = self._df.schema[n].dataType if n in self._df.columns else None
                if dt is not None and not isinstance(dt, T.NumericType):
                    raise AnalysisException(f"\"{n}\" is not a numeric column. Aggregation "
                                            "function can only be applied on a numeric column.",
                                            "NOT_NUMERIC_COLUMN")
        else:
            group_names = {E.output_name(g) for g in self._grouping}
            names = [f.name for f in self._df.schema.fields
                     if isinstance(f.dataType, T.NumericType) and f.name not in group_names]
        return self._aggregate([E.AggregateFunction(fn, (to_expr(n),)) for n in names])

    def count(self) -> DataFrame:
        return self._aggregate([E.Alias(E.AggregateFunction("count", (E.make_literal(1),)),
                                        "count")])


    def applyInPandasWithState(self, func: Any, outputStructType: Any, stateStructType: Any,
                               outputMode: str, timeoutConf: str) -> DataFrame:
        from dfengine.sql.streaming.group_state import apply_in_pandas_with_state

        return apply_in_pandas_with_state(self, func, outputStructType, stateStructType,
                                          outputMode, timeoutConf)

    def transformWithStateInPandas(self, statefulProcessor: Any, outputStructType: Any,
                                   outputMode: str, timeMode: str, initialState: Any = None,
                                   eventTimeColumnName: str = "") -> DataFrame:
        from dfengine.sql.stateful_processor import transform_with_state

        return transform_with_state(self, statefulProcessor, outputStructType, outputMode,
                                    timeMode, initialState, pandas=True)

    def transformWithState(self, statefulProcessor: Any, outputStructType: Any,
                           outputMode: str, timeMode: str, initialState: Any = None,
                           eventTimeColumnName: str = "") -> DataFrame:
        from dfengine.sql.stateful_processor import transform_with_state

        return transform_with_state(self, statefulProcessor, outputStructType, outputMode,
                                    timeMode, initialState, pandas=False)

    def pivot(self, pivot_col: str, values: list | None = None) -> PivotedData:
        return PivotedData(self, pivot_col, values)

    # Python functions per group (dfengine/sql/grouped_map.py)
    def applyInPandas(self, func: Any, schema: Any) -> DataFrame:
        from dfengine.sql.grouped_map import apply_in_groups

        return apply_in_groups(self, func, schema)

    def applyInArrow(self, func: Any, schema: Any) -> DataFrame:
        from dfengine.sql.grouped_map import apply_in_groups

        return apply_in_groups(self, func, schema, arrow=True)

    def apply(self, udf: Any) -> DataFrame:
        """The PySpark 2 form: a `pandas_udf(schema, PandasUDFType.GROUPED_MAP)`."""
        from dfengine.sql.grouped_map import apply_in_groups

        return apply_in_groups(self, udf.func, udf._returnType)

    def cogroup(self, other: GroupedData) -> Any:
        from dfengine.sql.grouped_map import PandasCogroupedOps

        return PandasCogroupedOps(self, other)


class PivotedData(_NumericShortcuts):
    """`groupBy(...).pivot(col, values).agg(...)`: one aggregate column per pivot value."""

    def __init__(self, grouped: GroupedData, col: str, values: list | None):
        self._g = grouped
        self._col = col
        self._values = values

    def pivot(self, pivot_col: Any, values: list | None = None) -> PivotedData:
        from dfengine.errors import UnsupportedOperationException

        raise UnsupportedOperationException(
            "The PIVOT clause may be used at most once per SUBQUERY operation: pivot() was "
            "already called. Pivot once, or aggregate and pivot the result again.",
            "REPEATED_CLAUSE")

    def agg(self, *exprs: Column) -> DataFrame:
        from dfengine.types.format import format_value

        if len(exprs) == 1 and isinstance(exprs[0], list):
            exprs = tuple(exprs[0])
        values = self._values
        if values is None:
            # aliased: a nested pivot column ("sales.course") is named "course" once selected
            key = Column(to_expr(self._col)).alias("__pivot_value")
            rows = self._g._df.select(key).distinct().orderBy("__pivot_value").collect()
            values = [r[0] for r in rows]
        out = []
        pcol = to_expr(self._col)
        for v in values:
            for x in exprs:
                agg = x._expr.child if isinstance(x._expr, E.Alias) else x._expr
                cond = E.Comparison("=", pcol, E.make_literal(v)) if v is not None else (
                    E.IsNull(pcol))
                masked = agg.transform_up(
                    lambda n, cond=cond: replace(n, args=tuple(
                        E.CaseWhen((cond,), (a,)) for a in n.args) if n.args and not (
                        n.name == "count" and isinstance(n.args[0], E.Literal)) else (
                        E.CaseWhen((cond,), (E.make_literal(1),)),))
                    if isinstance(n, E.AggregateFunction) else None)
                # Spark pivots (group, value) aggregates: a value with no row in a group
                # reads NULL even for count.
                seen = E.AggregateFunction("count", (E.CaseWhen((cond,), (E.make_literal(1),)),))
                masked = E.CaseWhen((E.Comparison(">", seen, E.make_literal(0)),), (masked,))
                label = "null" if v is None else format_value(v)
                name = label if len(exprs) == 1 else f"{label}_{E.output_name(x._expr)}"
                out.append(Column(E.Alias(masked, name)))
        if not out:  # no pivot value (an empty frame): the grouping columns only, as Spark
            return self._g._aggregate([])
        return self._g.agg(*out)

    def count(self) -> DataFrame:
        from dfengine.sql import functions as F

        return self.agg(F.count(F.lit(1)).alias("count"))

    def _numeric(self, fn: str, cols: tuple[str, ...]) -> DataFrame:
        from dfengine import types as T

        df = self._g._df
        if not cols:
            skip = {E.output_name(g) for g in self._g._grouping}  # the pivot column stays
            cols = tuple(f"`{f.name}`" for f in df.schema.fields
                         if isinstance(f.dataType, T.NumericType) and f.name not in skip)
        return self.agg(*[Column(E.AggregateFunction(fn, (to_expr(c),))) for c in cols])

