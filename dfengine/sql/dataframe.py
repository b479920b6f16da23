"""`DataFrame`: an immutable handle on an analyzed logical plan plus the session.

Transformations build a new plan node over this one and analyze it at once, so a wrong column
name fails at the call that introduced it (as in PySpark). Actions hand the plan to a
`QueryExecution`, which optimizes, plans and runs it on the session's Dask runtime.
"""

from __future__ import annotations

import builtins
import itertools
import re
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import (
    AnalysisException,
    IllegalArgumentException,
    PySparkTypeError,
    PySparkValueError,
)
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan.analyzer import Analyzer
from dfengine.plan.builder import generator_of
from dfengine.sql.column import Column, parse_column_name, to_expr
from dfengine.sql.na import _NO_VALUE
from dfengine.sql.rows import arrow_to_rows

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.group import GroupedData
    from dfengine.sql.session import SparkSession

_JOIN_TYPES = {
    "inner": "inner", "cross": "cross", "outer": "full", "full": "full", "fullouter": "full",
    "full_outer": "full", "left": "left", "leftouter": "left", "left_outer": "left",
    "right": "right", "rightouter": "right", "right_outer": "right", "semi": "left_semi",
    "leftsemi": "left_semi", "left_semi": "left_semi", "anti": "left_anti",
    "leftanti": "left_anti", "left_anti": "left_anti",
}
_GENERATORS = {"explode", "explode_outer", "posexplode", "posexplode_outer"}


def _flatten(cols: tuple) -> list:
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        return list(cols[0])
    return list(cols)


def _check_no_outer_reference(plan: L.LogicalPlan) -> None:
    """`col.outer()` left in a query that runs: it was used outside a subquery."""
    from dfengine.sql import column

    if not column.outer_used:
        return
    from dfengine.plan import subqueries as S

    for node in plan.walk():
        for e in node.expressions():
            name = S.unbound_outer(e)
            if name is not None:
                raise AnalysisException(
                    f"The outer reference `{name}` (col.outer()) is used outside a subquery. "
                    "Use it inside a DataFrame passed as df.exists(), df.scalar() or "
                    "col.isin(df), or drop .outer().",
                    "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_CORRELATED_REFERENCE")


class DataFrame:
    _sql_text: str | None = None  # the statement, for a DataFrame from spark.sql (job history)
    _support_repr_html = False  # set once a notebook asked for HTML (PySpark's flag)

    def __init__(self, plan: L.LogicalPlan, session: SparkSession):
        self._plan = plan
        self.sparkSession = session
        self._parsed: L.LogicalPlan | None = None

    # -------------------------------------------------------------- plumbing

    def _new(self, node: L.LogicalPlan) -> DataFrame:
        analyzed = self.sparkSession._analyze(node)
        df = DataFrame(analyzed, self.sparkSession)
        df._parsed = node
        df._sql_text = self._sql_text
        return df

    def _qe(self) -> Any:
        from dfengine.execution.query_execution import QueryExecution

        if self.isStreaming:
            raise AnalysisException("Queries with streaming sources must be executed with "
                                    "writeStream.start()", "STREAMING_QUERY_NOT_STARTED")

        _check_no_outer_reference(self._plan)
        qe = QueryExecution(self.sparkSession, self._plan)
        qe.sql_text = self._sql_text
        return qe

    def _resolve(self, e: E.Expression) -> E.Expression:
        """Resolve an expression against this DataFrame's columns."""
        from dfengine.sql import column

        s = self.sparkSession
        analyzer = Analyzer(s._catalog_lookup, s._case_sensitive, s._ansi)
        if column.outer_used:
            from dfengine.plan import subqueries as S

            if S.has_subquery(e):  # col.outer() inside: a column of this DataFrame
                e = S.bind_outer_references(
                    e, lambda r: analyzer.resolve_expression(r, self._plan.output))
        return analyzer.resolve_expression(e, self._plan.output)

    def _with_hint(self, hint: str) -> DataFrame:
        df = DataFrame(self._plan, self.sparkSession)
        df._hint = hint  # type: ignore[attr-defined]
        return df

    @property
    def _attrs(self) -> list[E.AttributeReference]:
        return self._plan.output

    # ------------------------------------------------------------- metadata

    @property
    def schema(self) -> T.StructType:
        cached = self.__dict__.get("_schema_cache")
        if cached is None:
            from dfengine.sql.attribute_metadata import schema_of

            cached = self.__dict__["_schema_cache"] = schema_of(self._plan)  # with metadata
        return cached

    @property
    def columns(self) -> list[str]:
        return [a.name for a in self._attrs]

    @property
    def dtypes(self) -> list[tuple[str, str]]:
        return [(f.name, f.dataType.simpleString()) for f in self.schema.fields]

    def printSchema(self, level: int | None = None) -> None:
        print(self.schema.treeString(level))

    def _ipython_key_completions_(self) -> list[str]:
        """Column names for df["<tab>"] in IPython, as PySpark."""
        return self.columns

    def __dir__(self) -> list[str]:
        """PySpark's: the class's attributes plus the columns usable as attributes, so
        tab completion offers df.<column>."""
        return sorted(set(dir(type(self))) | {c for c in self.columns if c.isidentifier()})

    @property
    def sql_ctx(self) -> Any:
        return self.sparkSession

    @property
    def write(self) -> Any:
        from dfengine.sql.readwriter import DataFrameWriter

        return DataFrameWriter(self)

    @property
    def writeStream(self) -> Any:
        from dfengine.sql.streaming import DataStreamWriter

        return DataStreamWriter(self)

    @property
    def isStreaming(self) -> bool:
        if "dfengine.sql.streaming" not in sys.modules:  # no stream source exists yet
            return False
        from dfengine.sql.streaming import is_streaming_plan

        return is_streaming_plan(self._plan)

    def withWatermark(self, eventTime: str, delayThreshold: str) -> DataFrame:
        from dfengine.sql.streaming.window import with_watermark

        return with_watermark(self, eventTime, delayThreshold)

    def dropDuplicatesWithinWatermark(self, subset: list[str] | None = None) -> DataFrame:
        from dfengine.sql.streaming.window import drop_duplicates_within_watermark

        if not self.isStreaming:
            raise AnalysisException("dropDuplicatesWithinWatermark is not supported with batch "
                                    "DataFrames/DataSets; use dropDuplicates.",
                                    "UNSUPPORTED_FEATURE")
        return drop_duplicates_within_watermark(self, subset)

    @property
    def na(self) -> Any:
        from dfengine.sql.na import DataFrameNaFunctions

        return DataFrameNaFunctions(self)

    def fillna(self, value: Any, subset: Any = None) -> DataFrame:
        from dfengine.sql.na import fill

        return fill(self, value, subset)

    def dropna(self, how: str = "any", thresh: int | None = None,
               subset: Any = None) -> DataFrame:
        from dfengine.sql.na import drop

        return drop(self, how, thresh, subset)

    def replace(self, to_replace: Any, value: Any = _NO_VALUE,
                subset: Any = None) -> DataFrame:
        from dfengine.sql.na import replace

        return replace(self, to_replace, value, subset)

    @property
    def stat(self) -> Any:
        from dfengine.sql.stat import DataFrameStatFunctions

        return DataFrameStatFunctions(self)

    def approxQuantile(self, col: Any, probabilities: Any, relativeError: float) -> list:
        return self.stat.approxQuantile(col, probabilities, relativeError)

    def corr(self, col1: str, col2: str, method: str | None = None) -> float:
        return self.stat.corr(col1, col2, method)

    def cov(self, col1: str, col2: str) -> float:
        return self.stat.cov(col1, col2)

    def crosstab(self, col1: str, col2: str) -> DataFrame:
        return self.stat.crosstab(col1, col2)

    def freqItems(self, cols: Any, support: float | None = None) -> DataFrame:
        return self.stat.freqItems(cols, support)

    def sampleBy(self, col: Any, fractions: dict, seed: int | None = None) -> DataFrame:
        return self.stat.sampleBy(col, fractions, seed)

    def unpivot(self, ids: Any, values: Any, variableColumnName: str,
                valueColumnName: str) -> DataFrame:
        from dfengine.sql.reshape import unpivot

        return unpivot(self, ids, values, variableColumnName, valueColumnName)

    melt = unpivot

    def transpose(self, indexColumn: Any = None) -> DataFrame:
        from dfengine.sql.reshape import transpose

        return transpose(self, indexColumn)

    def observe(self, observation: Any, *exprs: Column) -> DataFrame:
        from dfengine.sql.observation import observe

        return observe(self, observation, *exprs)

    def zipWithIndex(self, indexColName: str = "index") -> DataFrame:
        from dfengine.sql.dataframe_ops import zip_with_index

        return zip_with_index(self, indexColName)

    def zip(self, other: DataFrame) -> DataFrame:
        from dfengine.sql.dataframe_ops import zip_frames

        return zip_frames(self, other)

    def to(self, schema: T.StructType) -> DataFrame:
        from dfengine.sql.dataframe_ops import to_schema

        return to_schema(self, schema)

    def withMetadata(self, columnName: str, metadata: dict[str, Any]) -> DataFrame:
        from dfengine.sql.dataframe_ops import with_metadata

        return with_metadata(self, columnName, metadata)

    def inputFiles(self) -> list[str]:
        from dfengine.sql.dataframe_ops import input_files

        return input_files(self)

    def isLocal(self) -> bool:
        return isinstance(self._plan, L.LocalRelation)

    def sameSemantics(self, other: DataFrame) -> bool:
        from dfengine.sql.dataframe_ops import canonical_plan

        if not isinstance(other, DataFrame):
            raise PySparkTypeError(f"other should be a DataFrame, got {type(other).__name__}",
                                   "NOT_DATAFRAME")
        return canonical_plan(self) == canonical_plan(other)

    def semanticHash(self) -> int:
        from dfengine.sql.dataframe_ops import semantic_hash

        return semantic_hash(self)

    def scalar(self) -> Column:
        from dfengine.plan.subqueries import ScalarSubquery

        if len(self.columns) != 1:
            raise AnalysisException(
                "A scalar subquery must return one column, "
                f"this one returns {len(self.columns)}.", "SCALAR_SUBQUERY_TOO_MANY_COLUMNS")
        return Column(ScalarSubquery(plan=self._fresh_plan()))

    def exists(self) -> Column:
        from dfengine.plan.subqueries import Exists

        return Column(Exists(plan=self._fresh_plan()))

    def _fresh_plan(self) -> L.LogicalPlan:
        """This plan with new column ids, so a subquery over the same source as its parent
        is not taken for a correlated one."""
        from dfengine.sql.dataframe_ops import fresh_ids

        return fresh_ids(self._plan)

    def asTable(self) -> Any:
        from dfengine.sql.dataframe_ops import TableArg

        return TableArg(self)

    def pandas_api(self, index_col: Any = None) -> Any:
        raise NotImplementedError(
            "DataFrame.pandas_api() needs the pandas API on Spark (pyspark.pandas), which "
            "dfengine does not provide. Use df.toPandas() for a local pandas DataFrame, or "
            "run pandas code per partition with df.mapInPandas(...).")

    @property
    def plot(self) -> Any:
        raise NotImplementedError(
            "DataFrame.plot needs the pandas API on Spark, which dfengine does not provide. "
            "Plot a local copy instead: df.toPandas().plot(...).")

    @property
    def rdd(self) -> Any:
        from dfengine.sql.rdd_interop import dataframe_to_rdd

        return dataframe_to_rdd(self)

    def __repr__(self) -> str:
        from dfengine.sql.notebook import repr_text

        text = repr_text(self)  # spark.sql.repl.eagerEval.enabled in a plain REPL
        if text is not None:
            return text
        return "DataFrame[" + ", ".join(f"{n}: {t}" for n, t in self.dtypes) + "]"

    def _repr_html_(self) -> str | None:
        from dfengine.sql.notebook import repr_html

        return repr_html(self)

    # ------------------------------------------------------------ selecting

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, str):
            return self._column(item)
        if isinstance(item, Column):
            return self.filter(item)
        if isinstance(item, (list, tuple)):
            return self.select(*item)
        if isinstance(item, int):
            return Column(self._attrs[item])
        raise PySparkTypeError(f"unexpected item type: {type(item).__name__}",
                               "NOT_COLUMN_OR_INT_OR_LIST_OR_STR_OR_TUPLE")

    def __getattr__(self, name: str) -> Column:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self.columns:
            from dfengine.errors import PySparkAttributeError

            raise PySparkAttributeError(
                f"Attribute `{name}` is not supported: the DataFrame has no such column "
                f"(columns: {', '.join(self.columns)}).", "ATTRIBUTE_NOT_SUPPORTED")
        return self._column(name)

    def _column(self, name: str) -> Column:
        if name == "*":
            return Column(E.UnresolvedStar(of=tuple(a.expr_id for a in self._attrs)))
        return Column(self._resolve(parse_column_name(name)))

    def colRegex(self, colName: str) -> Column:
        import re

        # Spark's UnresolvedRegex stands for the matching columns themselves (a star), not a
        # struct of them: a star leaving out every column the pattern does not match
        pattern = colName.strip("`")
        return Column(E.UnresolvedStar(None, tuple(
            c for c in self.columns if not re.fullmatch(pattern, c))))

    def select(self, *cols: Any) -> DataFrame:
        items = [to_expr(c) for c in _flatten(cols)]
        if any(generator_of(e) is not None for e in items):
            return DataFrame(self.sparkSession._builder.select(self._plan, items),
                             self.sparkSession)
        from dfengine.plan import subqueries as S

        plan = self._plan
        if any(S.has_subquery(e) for e in items):  # df.scalar() / df.exists() columns
            # named before the subqueries become joins: `scalarsubquery(dept)`, as Spark
            items = [self._resolve(E.named(e)) for e in items]
            for i, e in enumerate(items):
                if S.has_subquery(e):
                    plan, items[i] = S._rewrite_nested(plan, e)
        return self._new(L.Project(tuple(E.named(e) for e in items), plan))

    def selectExpr(self, *exprs: str) -> DataFrame:
        from dfengine.sqlparse import parse_expression

        return self.select(*[Column(parse_expression(x)) for x in _flatten(exprs)])

    def withColumn(self, colName: str, col: Column) -> DataFrame:
        if not isinstance(colName, str):
            raise PySparkTypeError(
                f"Argument `colName` should be a str, got {type(colName).__name__}.", "NOT_STR")
        if not isinstance(col, Column):
            raise PySparkTypeError(
                f"Argument `col` should be Column, got {type(col).__name__}.",
                "NOT_EXPECTED_TYPE")
        return self.withColumns({colName: col})

    def withColumns(self, *colsMap: dict) -> DataFrame:
        mapping = colsMap[0] if colsMap else {}
        if not isinstance(mapping, dict):
            raise PySparkTypeError("colsMap should be a dict of column name to Column",
                                   "NOT_DICT")
        exprs: list[E.Expression] = []
        done = set()
        lower = {k.lower(): k for k in mapping}
        for a in self._attrs:
            key = lower.get(a.name.lower())
            if key is not None and key not in done:
                exprs.append(E.Alias(to_expr(mapping[key]), key))
                done.add(key)
            else:
                exprs.append(a)
        for k, v in mapping.items():
            if k not in done:
                exprs.append(E.Alias(to_expr(v), k))
        if any(generator_of(e) is not None for e in exprs):  # withColumn('e', explode(xs))
            return DataFrame(self.sparkSession._builder.select(self._plan, exprs),
                             self.sparkSession)
        from dfengine.plan import subqueries as S

        if any(S.has_subquery(e) for e in exprs):  # withColumn('m', df2.scalar())
            return self.select(*[Column(e) for e in exprs])
        return self._new(L.Project(tuple(exprs), self._plan))

    def withColumnRenamed(self, existing: str, new: str) -> DataFrame:
        return self.withColumnsRenamed({existing: new})

    def withColumnsRenamed(self, colsMap: dict[str, str]) -> DataFrame:
        # one rename after the other, each over the names the previous ones left (Spark's
        # foldLeft: {"k": "x", "x": "k"} renames both to k)
        names = [a.name for a in self._attrs]
        for old, new in colsMap.items():
            names = [new if n.lower() == old.lower() else n for n in names]
        exprs = [a if a.name == n else E.Alias(a, n) for a, n in zip(self._attrs, names)]
        return self._new(L.Project(tuple(exprs), self._plan))

    def toDF(self, *cols: str) -> DataFrame:
        names = _flatten(cols)
        if len(names) != len(self._attrs):
            raise AnalysisException(
                f"The number of columns or variables assigned or aliased: {len(names)} does "
                f"not match the number of source expressions: {len(self._attrs)} (old column "
                f"names: {', '.join(self.columns)}; new: {', '.join(names)}).",
                "ASSIGNMENT_ARITY_MISMATCH")
        return self._new(L.Project(tuple(E.Alias(a, n) for a, n in zip(self._attrs, names)),
                                   self._plan))

    def drop(self, *cols: Any) -> DataFrame:
        drop_ids = set()
        for c in _flatten(cols):
            if isinstance(c, str):
                for a in self._attrs:
                    if a.name.lower() == c.lower():
                        drop_ids.add(a.expr_id)
            elif isinstance(c, Column):
                if isinstance(c._expr, E.UnresolvedAttribute) and not self._has_name(c._expr):
                    continue  # Spark: dropping a column name that is not there is a no-op
                e = self._resolve(c._expr)
                if isinstance(e, E.AttributeReference):
                    drop_ids.add(e.expr_id)
            else:
                raise PySparkTypeError("each col in the param list should be a string or Column",
                                       "NOT_COLUMN_OR_STR")
        keep = [a for a in self._attrs if a.expr_id not in drop_ids]
        if len(keep) == len(self._attrs):
            return self
        return self._new(L.Project(tuple(keep), self._plan))

    def _has_name(self, u: E.UnresolvedAttribute) -> bool:
        try:
            self._resolve(u)
        except AnalysisException as e:
            if (e.getErrorClass() or "").startswith("UNRESOLVED_COLUMN"):
                return False
            raise
        return True

    def alias(self, alias: str) -> DataFrame:
        return self._new(L.SubqueryAlias(alias, self._plan))

    # ------------------------------------------------------------- filtering

    def filter(self, condition: Any) -> DataFrame:
        if isinstance(condition, str):
            from dfengine.sqlparse import parse_expression

            cond = parse_expression(condition)
        elif isinstance(condition, Column):
            cond = condition._expr
        else:
            raise PySparkTypeError(
                f"condition should be a Column or a str, got {type(condition).__name__}",
                "NOT_COLUMN_OR_STR")
        from dfengine.plan import subqueries as S

        if S.has_subquery(cond):
            plan, rest = S.rewrite_subqueries(self._plan, self._resolve(cond))
            if rest is not None:
                plan = L.Filter(rest, plan)
            return self._new(L.Project(tuple(self._attrs), plan))
        return self._new(L.Filter(cond, self._plan))

    where = filter

    def limit(self, num: int) -> DataFrame:
        _check_int(num, "num")
        return self._new(L.Limit(int(num), self._plan))

    def offset(self, num: int) -> DataFrame:
        return self._new(L.Limit(2**62, self._plan, int(num)))

    def distinct(self) -> DataFrame:
        return self._new(L.Distinct(self._plan))

    def dropDuplicates(self, subset: list[str] | None = None) -> DataFrame:
        if subset is None:
            return self.distinct()
        if not isinstance(subset, (list, tuple)):
            raise PySparkTypeError(f"Argument `subset` should be a list or tuple, got "
                                   f"{type(subset).__name__}.", "NOT_EXPECTED_TYPE")
        keys = []
        for name in subset:
            if not isinstance(name, str):  # PySpark takes names only, not Columns
                raise PySparkTypeError(f"Argument `subset` should be str, got "
                                       f"{type(name).__name__}.", "NOT_EXPECTED_TYPE")
            if not any(a.name.lower() == name.lower() for a in self._attrs) and (
                    "." not in name and "`" not in name):
                raise AnalysisException(
                    f"Cannot resolve column name \"{name}\" among "
                    f"({', '.join(a.name for a in self._attrs)}).",
                    "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES")
            e = self._resolve(parse_column_name(name))
            keys.append(e)
        return self._new(L.Deduplicate(tuple(keys), self._plan))

    drop_duplicates = dropDuplicates

    def sample(self, withReplacement: Any = None, fraction: Any = None,
               seed: int | None = None) -> DataFrame:
        withReplacement, fraction, seed = _sample_args(withReplacement, fraction, seed)
        import random

        if fraction is None or fraction < 0 or (fraction > 1 and not withReplacement):
            raise IllegalArgumentException(
                f"requirement failed: Sampling fraction ({fraction}) must be on interval "
                f"[0, 1]{'' if withReplacement else ' without replacement'}.",
                "INVALID_PARAMETER_VALUE")
        return self._new(L.Sample(float(fraction), bool(withReplacement),
                                  seed if seed is not None else random.randint(0, 2**31),
                                  self._plan))

    def randomSplit(self, weights: list[float], seed: int | None = None) -> list[DataFrame]:
        import random

        seed = int(seed) if seed is not None else random.randint(0, 2**31)  # as PySpark
        for w in weights:
            if w < 0.0:
                raise PySparkValueError(f"Value for `weights` must be positive, got '{w}'.",
                                        "VALUE_NOT_POSITIVE")
        total = builtins.sum(weights)
        if total <= 0:
            raise IllegalArgumentException(
                "requirement failed: Sum of weights must be positive, but got "
                f"[{','.join(str(float(w)) for w in weights)}]")
        bounds = [0.0]
        for w in weights:
            bounds.append(bounds[-1] + w / total)
        r = Column(E.ScalarFunction("rand", (E.make_literal(seed),)))
        with_r = self.withColumn("__rand", r)
        out = []
        for lo, hi in itertools.pairwise(bounds):
            out.append(with_r.filter((with_r["__rand"] >= lo) & (with_r["__rand"] < hi))
                       .drop("__rand"))
        return out

    # ----------------------------------------------------------- aggregation

    def groupBy(self, *cols: Any) -> GroupedData:
        from dfengine.sql.group import GroupedData

        return GroupedData(self, self._group_keys(cols))

    def _group_keys(self, cols: tuple) -> list[E.Expression]:
        """Grouping columns; an int is a 1-based column ordinal (df.cube(1, 2)), as in
        PySpark 4."""
        return [self._attrs[c - 1] if isinstance(c, int) and not isinstance(c, bool)
                else to_expr(c) for c in _flatten(cols)]

    groupby = groupBy

    def rollup(self, *cols: Any) -> GroupedData:
        from dfengine.sql.group import GroupedData

        return GroupedData(self, self._group_keys(cols), kind="rollup")

    def cube(self, *cols: Any) -> GroupedData:
        from dfengine.sql.group import GroupedData

        return GroupedData(self, self._group_keys(cols), kind="cube")

    def groupingSets(self, groupingSets: Any, *cols: Any) -> GroupedData:
        from dfengine.sql.group import GroupedData

        keys = [to_expr(c) for c in _flatten(cols)]
        return GroupedData(self, keys, kind="groupingsets",
                           sets=[[to_expr(c) for c in s] for s in groupingSets])

    def agg(self, *exprs: Any) -> DataFrame:
        return self.groupBy().agg(*exprs)

    def describe(self, *cols: str) -> DataFrame:
        return self.summary("count", "mean", "stddev", "min", "max", _cols=_flatten(cols))

    def summary(self, *statistics: str, _cols: list | None = None) -> DataFrame:
        from dfengine.sql.describe import summary

        return summary(self, list(statistics) or ["count", "mean", "stddev", "min", "25%",
                                                  "50%", "75%", "max"], _cols)

    # ------------------------------------------------------------------ joins

    def join(self, other: DataFrame, on: Any = None, how: str | None = None) -> DataFrame:
        if not isinstance(other, DataFrame):
            raise PySparkTypeError(f"other should be a DataFrame, got {type(other).__name__}",
                                   "NOT_DATAFRAME")
        kind = _JOIN_TYPES.get((how or "inner").lower().replace(" ", ""))
        if kind is None:
            raise AnalysisException(
                f"Unsupported join type '{how}'. Supported join types include: 'inner', "
                "'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', "
                "'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', "
                "'semi', 'leftanti', 'left_anti', 'anti', 'cross'.", "UNSUPPORTED_JOIN_TYPE")
        from dfengine.sql.dataframe_ops import join_hint

        hint = join_hint(getattr(self, "_hint", None), getattr(other, "_hint", None))
        if isinstance(on, str):
            on = [on]
        if on is None:
            node = L.Join(self._plan, other._plan, "cross" if kind == "inner" else kind, None,
                          hint)
            return self._new(node)
        if isinstance(on, (list, tuple)) and on and all(isinstance(x, str) for x in on):
            return self._using_join(other, list(on), kind, hint)
        items = on if isinstance(on, (list, tuple)) else [on]
        if not all(isinstance(c, Column) for c in items):
            raise AssertionError(  # PySpark's check; a column name list is handled above
                f"on should be Column or list of Column, got {on!r}: pass a column name, a "
                "list of names, or a join condition such as df1.id == df2.id.")
        conds = [c._expr for c in items]
        cond = E.conjoin(conds)
        right_plan, cond = self._self_join_sides(other, cond)
        return self._new(L.Join(self._plan, right_plan, "inner" if kind == "cross" else kind,
                                cond, hint))

    def _self_join_sides(self, other: DataFrame, cond: E.Expression) -> tuple[Any, Any]:
        """`df.join(df, df.id == df.id)`: both sides name the same attribute. As Spark
        does, the right side gets fresh attributes and an equality of an attribute with
        itself compares the left side's column with the right side's (not a always-true
        condition that made a cross join)."""
        from dataclasses import replace

        from dfengine.plan.analyzer import dedup_plan

        left_ids = {a.expr_id for a in self._attrs}
        if not any(a.expr_id in left_ids for a in other._plan.output):
            return other._plan, cond
        right_plan = self.sparkSession._analyze(dedup_plan(other._plan, left_ids))
        fresh = {old.expr_id: new for old, new in zip(other._plan.output, right_plan.output)}

        def fix(e: Any) -> Any:
            if (isinstance(e, E.Comparison) and e.op in ("=", "<=>")
                    and isinstance(e.left, E.AttributeReference)
                    and isinstance(e.right, E.AttributeReference)
                    and e.left.expr_id == e.right.expr_id and e.left.expr_id in fresh):
                return replace(e, right=fresh[e.left.expr_id])
            return None

        return right_plan, cond.transform_up(fix)

    def _using_join(self, other: DataFrame, names: list[str], kind: str,
                    hint: str | None) -> DataFrame:
        from dfengine.plan.analyzer import dedup_plan

        right_plan = other._plan
        left_ids = {a.expr_id for a in self._attrs}
        if any(a.expr_id in left_ids for a in right_plan.output):
            right_plan = self.sparkSession._analyze(dedup_plan(right_plan, left_ids))
        lattrs, rattrs = [], []
        for n in names:
            la = [a for a in self._attrs if a.name.lower() == n.lower()]
            ra = [a for a in right_plan.output if a.name.lower() == n.lower()]
            if not la or not ra:
                side = "left" if not la else "right"
                cols = self.columns if not la else [a.name for a in right_plan.output]
                raise AnalysisException(
                    f"USING column `{n}` cannot be resolved on the {side} side of the join. "
                    f"The {side}-side columns: [{', '.join('`' + c + '`' for c in cols)}].",
                    "UNRESOLVED_USING_COLUMN_FOR_JOIN")
            lattrs.append(la[0])
            rattrs.append(ra[0])
        cond = E.conjoin([E.Comparison("=", a, b) for a, b in zip(lattrs, rattrs)])
        join_kind = "inner" if kind == "cross" else kind
        joined = self._new(L.Join(self._plan, right_plan, join_kind, cond, hint))
        if join_kind in ("left_semi", "left_anti"):
            return joined
        key_exprs: list[E.Expression] = []
        for la, ra in zip(lattrs, rattrs):
            if join_kind == "right":
                key_exprs.append(ra)
            elif join_kind == "full":
                key_exprs.append(E.Alias(E.ScalarFunction("coalesce", (la, ra)), la.name))
            else:
                key_exprs.append(la)
        rest_l = [a for a in self._attrs if a not in lattrs]
        rest_r = [a for a in right_plan.output if a not in rattrs]
        out_attrs = {a.expr_id: a for a in joined._plan.output}
        rest = [out_attrs.get(a.expr_id, a) for a in rest_l + rest_r]
        return joined._new(L.Project(tuple(key_exprs) + tuple(rest), joined._plan))

    def lateralJoin(self, other: DataFrame, on: Any = None, how: str | None = None) -> DataFrame:
        from dfengine.sql.lateral_join import lateral_join

        return lateral_join(self, other, on, how)

    def nearestByJoin(self, other: DataFrame, rankingExpression: Column, numResults: int,
                      mode: str, direction: str, *, joinType: str = "inner") -> DataFrame:
        from dfengine.sql.nearest_join import nearest_by_join

        return nearest_by_join(self, other, rankingExpression, numResults, mode, direction,
                               joinType)

    def _joinAsOf(self, other: DataFrame, leftAsOfColumn: Any, rightAsOfColumn: Any,
                  on: Any = None, how: str | None = None, *, tolerance: Any = None,
                  allowExactMatches: bool = True, direction: str = "backward") -> DataFrame:
        from dfengine.sql.asof_join import join_as_of

        return join_as_of(self, other, leftAsOfColumn, rightAsOfColumn, on, how,
                          tolerance=tolerance, allow_exact=allowExactMatches,
                          direction=direction)

    def crossJoin(self, other: DataFrame) -> DataFrame:
        return self._new(L.Join(self._plan, other._plan, "cross", None))

    # ------------------------------------------------------------- ordering

    def orderBy(self, *cols: Any, ascending: Any = None) -> DataFrame:
        items = _flatten(cols)
        if not items:
            raise PySparkValueError("should sort by at least one column", "CANNOT_BE_EMPTY")
        orders = [self._sort_order(c) for c in items]
        return self._new(L.Sort(tuple(_apply_ascending(orders, ascending)), self._plan))

    sort = orderBy

    def _sort_order(self, c: Any) -> E.SortOrder:
        """A sort key; an int is a 1-based column position, negative for descending."""
        if isinstance(c, int) and not isinstance(c, bool):
            from dfengine.errors import PySparkIndexError

            if c == 0:
                raise PySparkIndexError("Index must be non-zero: column positions start at 1.",
                                        "ZERO_INDEX")
            if abs(c) > len(self._attrs):
                raise PySparkIndexError(f"Column position {c} is out of range: the DataFrame "
                                        f"has {len(self._attrs)} columns.", "INDEX_OUT_OF_RANGE")
            return E.SortOrder(self._attrs[abs(c) - 1], c > 0, None)
        e = to_expr(c)
        return e if isinstance(e, E.SortOrder) else E.SortOrder(e, True, None)

    def sortWithinPartitions(self, *cols: Any, ascending: Any = None) -> DataFrame:
        ordered = self.orderBy(*cols, ascending=ascending)
        node = ordered._parsed
        assert isinstance(node, L.Sort)
        return self._new(L.Sort(node.orders, node.child, is_global=False))

    def repartitionByRange(self, numPartitions: Any, *cols: Any) -> DataFrame:
        """Rows in ranges of the sort keys: the data sorted, then cut into `numPartitions`
        contiguous slices (a sort gathers its input, so this suits moderate sizes)."""
        if isinstance(numPartitions, (str, Column)):
            cols = (numPartitions,) + cols
            numPartitions = None
        if not _flatten(cols):
            raise PySparkValueError("At least one partition-by expression must be specified.",
                                    "CANNOT_BE_EMPTY")
        if numPartitions is not None and (not isinstance(numPartitions, int)
                                          or numPartitions <= 0):
            raise PySparkValueError(f"numPartitions should be a positive int, got "
                                    f"{numPartitions!r}", "NOT_POSITIVE")
        n = numPartitions or int(self.sparkSession.conf.get("spark.sql.shuffle.partitions",
                                                             "200"))
        ordered = self.orderBy(*cols)
        return ordered._new(L.Repartition(n, (), ordered._plan))

    # --------------------------------------------------------------- set ops

    def union(self, other: DataFrame) -> DataFrame:
        return DataFrame(self.sparkSession._builder.union(self._plan, other._plan),
                         self.sparkSession)

    unionAll = union

    def unionByName(self, other: DataFrame, allowMissingColumns: bool = False) -> DataFrame:
        from dfengine.sql.tables import check_unique_names

        for side in (self, other):  # by name needs unique names (Spark: COLUMN_ALREADY_EXISTS)
            check_unique_names(side.columns, " before unionByName")
        left_names = {a.name.lower() for a in self._attrs}
        left_df = self
        if allowMissingColumns:
            extra = [a for a in other._attrs if a.name.lower() not in left_names]
            if extra:
                left_df = self.select(*[Column(a) for a in self._attrs], *[
                    Column(E.Alias(E.Literal(None, a.dtype), a.name)) for a in extra])
        from dfengine.sql.union_by_name import project_by_name

        exprs = project_by_name(list(left_df._attrs), list(other._attrs), allowMissingColumns)
        if not allowMissingColumns and len(other._attrs) != len(self._attrs):
            raise AnalysisException(
                "UNION can only be performed on inputs with the same number of columns.",
                "NUM_COLUMNS_MISMATCH")
        return left_df.union(other._new(L.Project(tuple(exprs), other._plan)))

    def intersect(self, other: DataFrame) -> DataFrame:
        return self._new(L.SetOperation("intersect", self._plan, other._plan, False))

    def intersectAll(self, other: DataFrame) -> DataFrame:
        return self._new(L.SetOperation("intersect", self._plan, other._plan, True))

    def subtract(self, other: DataFrame) -> DataFrame:
        return self._new(L.SetOperation("except", self._plan, other._plan, False))

    exceptAll_ = subtract

    def exceptAll(self, other: DataFrame) -> DataFrame:
        return self._new(L.SetOperation("except", self._plan, other._plan, True))

    # ---------------------------------------------------------- partitioning

    def repartition(self, numPartitions: Any = None, *cols: Any) -> DataFrame:
        if isinstance(numPartitions, (str, Column)):
            cols = (numPartitions,) + cols
            numPartitions = None
        keys = tuple(to_expr(c) for c in _flatten(cols))
        _positive_partitions(numPartitions)
        return self._new(L.Repartition(numPartitions, keys, self._plan))

    def repartitionById(self, numPartitions: int, partitionIdCol: Any) -> DataFrame:
        """Each row to the partition its `partitionIdCol` names (modulo `numPartitions`; a
        NULL id to partition 0), as Spark 4.1's repartitionById."""
        if not isinstance(numPartitions, int) or isinstance(numPartitions, bool):
            raise PySparkTypeError(f"Argument `numPartitions` should be an int, got "
                                   f"{type(numPartitions).__name__}.", "NOT_EXPECTED_TYPE")
        if numPartitions <= 0:
            raise PySparkValueError(f"Value for `numPartitions` must be positive, got "
                                    f"'{numPartitions}'.", "VALUE_NOT_POSITIVE")
        key = self._resolve(to_expr(partitionIdCol))
        if not isinstance(key.data_type, T.IntegralType):
            raise AnalysisException(
                f"The partition ID expression {key.sql()} must be an integer, got "
                f"{key.data_type.simpleString()}; cast it with .cast(\"int\").",
                "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
        return self._new(L.Repartition(numPartitions, (key,), self._plan, by_id=True))

    def coalesce(self, numPartitions: int) -> DataFrame:
        _positive_partitions(numPartitions)
        return self._new(L.Repartition(numPartitions, (), self._plan, shuffle=False))

    def hint(self, name: str, *params: Any) -> DataFrame:
        from dfengine.sql.dataframe_ops import apply_hint

        return apply_hint(self, name, params)

    def transform(self, func: Callable, *args: Any, **kwargs: Any) -> DataFrame:
        return func(self, *args, **kwargs)

    def _map_partitions(self, fn: Callable[[pa.Table], pa.Table], schema: T.StructType,
                        label: str = "MapPartitions") -> DataFrame:
        from dfengine.sql.attribute_metadata import register_schema

        attrs = tuple(E.AttributeReference(f.name, f.dataType, f.nullable) for f in schema)
        register_schema(attrs, schema)
        return self._new(L.MapPartitions(attrs, self._plan, L.new_source_id(), label, fn))

    def mapInArrow(self, func: Callable, schema: Any, barrier: bool = False,
                   profile: Any = None) -> DataFrame:
        """`barrier` (all tasks at once) changes nothing on a local Dask run."""
        if isinstance(schema, str):
            schema = T._parse_datatype_string(schema)

        def run(table: pa.Table) -> pa.Table:
            batches = list(func(iter(table.to_batches())))
            return pa.Table.from_batches(batches) if batches else T.to_arrow_schema(
                schema).empty_table()

        return self._map_partitions(run, schema, "MapInArrow")

    def mapInPandas(self, func: Callable, schema: Any, barrier: bool = False,
                    profile: Any = None) -> DataFrame:
        """`barrier` (all tasks at once) changes nothing on a local Dask run."""
        if isinstance(schema, str):
            schema = T._parse_datatype_string(schema)
        arrow_schema = T.to_arrow_schema(schema)
        from dfengine.sql.grouped_map import _result_table

        name = getattr(func, "__name__", "function")

        def run(table: pa.Table) -> pa.Table:
            frames = list(func(iter([table.to_pandas()])))
            parts = [_result_table(f, schema, name, extra_ok=True) for f in frames]
            return pa.concat_tables(parts) if parts else arrow_schema.empty_table()

        return self._map_partitions(run, schema, "MapInPandas")

    def _to_delayed(self) -> list:
        return self._qe().to_delayed()

    def to_dask(self) -> Any:
        """A lazy dask.dataframe of the rows, with Arrow-backed (exact) column dtypes."""
        from dfengine.sql.dask_interop import to_dask

        return to_dask(self)

    # ---------------------------------------------------------------- actions

    def toArrow(self) -> pa.Table:
        table = self._qe().collect_arrow("toArrow")
        # one chunk per column, as PySpark gives for one partition (df.coalesce(1).toArrow())
        return table.combine_chunks() if self.columns else pa.table({})

    def collect(self) -> list[T.Row]:
        return arrow_to_rows(self._qe().collect_arrow("collect"), self.schema)

    def toLocalIterator(self, prefetchPartitions: bool = False) -> Iterator[T.Row]:
        return iter(self.collect())

    def take(self, num: int) -> list[T.Row]:
        return self.limit(num).collect()

    def head(self, n: int | None = None) -> Any:
        if n is None:
            rows = self.take(1)
            return rows[0] if rows else None
        return self.take(n)

    def first(self) -> T.Row | None:
        return self.head()

    def tail(self, num: int) -> list[T.Row]:
        rows = self.collect()
        return rows[-num:] if num > 0 else []

    def isEmpty(self) -> bool:
        return len(self.take(1)) == 0

    def count(self) -> int:
        from dfengine.sql import functions as F

        out = self.groupBy().agg(F.count(F.lit(1)).alias("count"))._qe().collect_arrow("count")
        return int(out.column(0)[0].as_py())

    def toPandas(self) -> Any:
        from dfengine.sql.rows import arrow_to_pandas

        return arrow_to_pandas(self._qe().collect_arrow("toPandas"), self.schema)

    def show(self, n: int = 20, truncate: Any = True, vertical: bool = False) -> None:
        print(self._show_string(n, truncate, vertical))

    def _show_string(self, n: int = 20, truncate: Any = True, vertical: bool = False) -> str:
        from dfengine.sql.show import show_arguments, show_string

        width = show_arguments(n, truncate, vertical)
        table = self.limit(max(n, 0) + 1)._qe().collect_arrow("showString")
        return show_string(table, self.schema, n, width, vertical)

    def foreach(self, f: Callable[[T.Row], None]) -> None:
        for r in self.collect():
            f(r)

    def foreachPartition(self, f: Callable[[Iterator[T.Row]], None]) -> None:
        f(iter(self.collect()))

    def toJSON(self, use_unicode: bool = True) -> Any:
        """An RDD of one JSON text per row (NULL fields left out), as PySpark's."""
        import json

        from dfengine.sql.show import json_value

        def text(r: Any) -> str:
            return json.dumps({k: json_value(v) for k, v in r.asDict(True).items()
                               if v is not None}, separators=(",", ":"))

        return self.rdd.map(text)

    # ------------------------------------------------------------- explain

    def explain(self, extended: Any = None, mode: str | None = None) -> None:
        if isinstance(extended, str):
            mode = extended
        elif extended:
            mode = "extended"
        print(self._explain_string(mode or "simple"))

    def _explain_string(self, mode: str = "simple") -> str:
        from dfengine.execution.explain import explain_string

        return explain_string(self._qe(), mode, self._parsed)

    # --------------------------------------------------------------- caching

    def cache(self) -> DataFrame:
        return self.persist()

    def persist(self, storageLevel: Any = None) -> DataFrame:
        self.sparkSession._cache_manager.cache(self._plan, storageLevel)
        return self

    def unpersist(self, blocking: bool = False) -> DataFrame:
        self.sparkSession._cache_manager.uncache(self._plan)
        return self

    @property
    def is_cached(self) -> bool:
        return self.sparkSession._cache_manager.lookup(self._plan) is not None

    @property
    def storageLevel(self) -> Any:
        entry = self.sparkSession._cache_manager.lookup(self._plan)
        from dfengine.sql.cache import StorageLevel

        return entry.level if entry else StorageLevel.NONE

    def checkpoint(self, eager: bool = True) -> DataFrame:
        return self.localCheckpoint(eager)

    def localCheckpoint(self, eager: bool = True) -> DataFrame:
        parts = self.sparkSession._runtime.client.compute(self._to_delayed())
        return self.sparkSession._from_delayed(parts, self.schema)

    # ------------------------------------------------------------ temp views

    def createOrReplaceTempView(self, name: str) -> None:
        self.sparkSession._register_view(_view_name(name), self._plan, replace=True)

    def createTempView(self, name: str) -> None:
        self.sparkSession._register_view(_view_name(name), self._plan, replace=False)

    def createGlobalTempView(self, name: str) -> None:
        from dfengine.sql.tables import register_global_view

        register_global_view(self.sparkSession, _view_name(name), self._plan, replace=False)

    def createOrReplaceGlobalTempView(self, name: str) -> None:
        from dfengine.sql.tables import register_global_view

        register_global_view(self.sparkSession, _view_name(name), self._plan, replace=True)

    def writeTo(self, table: str) -> Any:
        from dfengine.sql.writer_v2 import DataFrameWriterV2

        return DataFrameWriterV2(self, table)
    registerTempTable = createOrReplaceTempView


def _positive_partitions(n: Any) -> None:
    if n is not None and (not isinstance(n, int) or n <= 0):
        raise IllegalArgumentException(
            f"requirement failed: Number of partitions ({n}) must be positive.",
            "INVALID_PARAMETER_VALUE")


def _check_int(value: Any, name: str) -> None:
    import numbers

    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        raise PySparkTypeError(f"Argument `{name}` should be an int, got "
                               f"{type(value).__name__}.", "NOT_INT")


def _view_name(name: str) -> str:
    """A temporary view's name is one identifier (`a.b` is two parts, refused as Spark does;
    `` `a.b` `` is one)."""
    e = parse_column_name(name)
    parts = e.parts if isinstance(e, E.UnresolvedAttribute) else (name,)
    if len(parts) != 1:
        raise AnalysisException(
            "CREATE TEMPORARY VIEW or the corresponding Dataset APIs only accept single-part "
            f"view names, but got: {name}. Quote a name that holds a dot: `{name}`.",
            "TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS")
    if not name.startswith("`") and not _IDENTIFIER.match(parts[0]):
        raise AnalysisException(
            f"Invalid view name: {name}. A view name is letters, digits and _ (quote other "
            f"names in backticks: `{name}`).", "INVALID_VIEW_NAME")
    return parts[0]


_IDENTIFIER = re.compile(r"^\w+$")


def _sample_args(withReplacement: Any, fraction: Any, seed: Any) -> tuple:
    """PySpark's reading of sample(...)'s arguments: sample(0.5), sample(0.5, 3),
    sample(True, 0.5[, seed]) or keywords; anything else is NOT_EXPECTED_TYPE."""
    with_set = isinstance(withReplacement, bool) and isinstance(fraction, float)
    omitted_kw = withReplacement is None and isinstance(fraction, float)
    omitted_args = isinstance(withReplacement, float)
    if not (with_set or omitted_kw or omitted_args):
        types = ", ".join(type(a).__name__ for a in (withReplacement, fraction, seed))
        raise PySparkTypeError(
            "Argument `withReplacement (optional), fraction (required) and seed (optional)` "
            f"should be bool, float or int, got {types}.", "NOT_EXPECTED_TYPE")
    if omitted_args:  # sample(0.5[, 3]): PySpark takes the seed from the second
        # positional argument only; a seed= keyword is ignored there (a random seed)
        seed = fraction
        fraction, withReplacement = withReplacement, False
    return bool(withReplacement), fraction, int(seed) if seed is not None else None


def _apply_ascending(orders: list[E.SortOrder], ascending: Any) -> list[E.SortOrder]:
    """PySpark's `ascending=`: a true flag keeps each key's own direction (`col.desc()` stays
    descending), a false one makes it descending; a list is zipped with the keys, so a shorter
    list sorts by fewer keys."""
    if ascending is None:
        return orders
    if isinstance(ascending, (bool, int)):
        flags = [ascending] * len(orders)
    elif isinstance(ascending, list):
        flags = ascending
    else:
        raise PySparkTypeError(
            f"Argument `ascending` should be a bool, an int or a list of those, got "
            f"{type(ascending).__name__}.", "NOT_EXPECTED_TYPE")
    return [o if f else E.SortOrder(o.child, False, None) for o, f in zip(orders, flags)]

