"""Every use of dfengine internals by the streaming package, in one module.

Streaming runs the ordinary batch engine on each micro-batch: a streaming DataFrame is a
normal plan whose source leaf is an empty `LocalRelation` registered here; each batch swaps
that leaf for a relation over the batch's rows (a `FileScan` of the new files, or an in-memory
table) and runs the plan through the usual analyzer, optimizer and Dask runtime. The stateful
operators rewrite `Aggregate` / `Deduplicate` nodes. When the internals move (plan builder,
datasource readers, types) this is the one file to fix.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import (  # noqa: F401 - re-exported for the package
    AnalysisException,
    IllegalArgumentException,
    PySparkException,
    PySparkTypeError,
    PySparkValueError,
    UnsupportedOperationException,
)
from dfengine.plan import expressions as E  # noqa: F401 - re-exported for stateful.py
from dfengine.plan import logical as L
from dfengine.sql.column import Column, parse_column_name
from dfengine.sql.dataframe import DataFrame

_SOURCES: dict[int, Any] = {}  # source_id of a placeholder leaf -> its SourceSpec


class StreamingQueryException(PySparkException):
    """The exception that stopped a streaming query (`query.exception()`)."""


def arrow_schema(schema: T.StructType) -> pa.Schema:
    return T.to_arrow_schema(schema)


def parse_schema(schema: Any) -> T.StructType:
    if isinstance(schema, str):
        schema = T._parse_datatype_string(schema)
    if not isinstance(schema, T.StructType):
        raise IllegalArgumentException("schema should be a StructType or a DDL string",
                                       "NOT_STR_OR_STRUCT")
    return schema


# ----------------------------------------------------------------------- streaming leaves

def streaming_dataframe(session: Any, spec: Any, schema: T.StructType) -> DataFrame:
    """A DataFrame over `spec` (a source description): its plan's leaf is an empty table
    that each micro-batch replaces with the batch's rows."""
    attrs = tuple(E.AttributeReference(f.name, f.dataType, f.nullable) for f in schema.fields)
    sid = L.new_source_id()
    _SOURCES[sid] = spec
    leaf = L.LocalRelation(attrs, sid, 1, arrow_schema(schema).empty_table())
    return DataFrame(leaf, session)


def streaming_leaves(plan: Any) -> list[tuple[int, Any, tuple]]:
    """(source id, spec, output attributes) of each streaming source in a plan."""
    return [(n.source_id, _SOURCES[n.source_id], n.attrs) for n in plan.walk()
            if isinstance(n, L.LocalRelation) and n.source_id in _SOURCES]


def is_streaming_plan(plan: Any) -> bool:
    return any(isinstance(n, L.LocalRelation) and n.source_id in _SOURCES for n in plan.walk())


def is_streaming_leaf(node: Any) -> bool:
    return isinstance(node, L.LocalRelation) and node.source_id in _SOURCES


def leaf_id(node: Any) -> int:
    return node.source_id


def plan_of(df: DataFrame) -> Any:
    return df._plan


def session_of(df: DataFrame) -> Any:
    return df.sparkSession


def dataframe(session: Any, plan: Any) -> DataFrame:
    return DataFrame(plan, session)


def expr_of(col: Column) -> Any:
    return col._expr


def resolve_name(df: DataFrame, name: str) -> Any:
    return df._resolve(parse_column_name(name))


# ------------------------------------------------------------------------ batch relations

def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """`table` with the names and types of `schema` (columns matched by position)."""
    cols = [c if c.type == f.type else c.cast(f.type)
            for c, f in zip(table.columns, schema, strict=True)]
    return pa.Table.from_arrays(cols, schema=pa.schema([f.with_nullable(True) for f in schema]))


def attrs_schema(attrs: Any) -> T.StructType:
    return T.StructType([T.StructField(a.name, a.dtype, a.nullable) for a in attrs])


def table_relation(session: Any, attrs: Any, table: pa.Table) -> Any:
    """A leaf producing `table` under the given (already referenced) attributes."""
    table = conform(table, arrow_schema(attrs_schema(attrs)))
    parallel = session._runtime.default_parallelism
    n = max(1, min(parallel, table.num_rows // 50_000 + 1))
    return L.LocalRelation(tuple(attrs), L.new_source_id(), n, table)


def fresh_attrs(schema: T.StructType) -> tuple:
    return tuple(E.AttributeReference(f.name, f.dataType, True) for f in schema.fields)


def file_relation(session: Any, fmt: str, files: list[str], options: dict[str, str],
                  schema: T.StructType, attrs: Any) -> Any:
    """A file scan of exactly `files`, producing the streaming leaf's attributes."""
    from dfengine.sql.readwriter import file_scan

    if not files:
        return table_relation(session, attrs, arrow_schema(attrs_schema(attrs)).empty_table())
    scan = file_scan(session, fmt, list(files), options, schema)
    by_name = {a.name: a for a in attrs}
    return dataclasses.replace(scan, attrs=tuple(by_name.get(a.name, a) for a in scan.attrs))


def infer_file_schema(fmt: str, files: list[str], options: dict[str, str]) -> T.StructType:
    from dfengine.datasource.scan import discover, infer_schema

    return infer_schema(fmt, discover(files, fmt), options)


def substitute(plan: Any, batches: dict[int, Any]) -> Any:
    return plan.transform_up(
        lambda n: batches.get(n.source_id) if isinstance(n, L.LocalRelation) else None)


def run(session: Any, plan: Any, action: str = "streaming micro-batch") -> pa.Table:
    """Optimize, plan and run `plan` on the session's Dask runtime; one Arrow table back."""
    from dfengine.execution.query_execution import QueryExecution

    return QueryExecution(session, plan).collect_arrow(action)


def explain_string(session: Any, plan: Any, extended: bool) -> str:
    from dfengine.execution.explain import explain_string as explain
    from dfengine.execution.query_execution import QueryExecution

    return explain(QueryExecution(session, plan), "extended" if extended else "simple")


# ---------------------------------------------------------------------- plan node helpers

def is_aggregate(node: Any) -> bool:
    return isinstance(node, L.Aggregate)


def is_dedup(node: Any) -> bool:
    return isinstance(node, (L.Deduplicate, L.Distinct))


def is_sort(node: Any) -> bool:
    return isinstance(node, L.Sort)


def is_join(node: Any) -> bool:
    return isinstance(node, L.Join)


def aggregate_node(grouping: tuple, aggregates: tuple, child: Any) -> Any:
    return L.Aggregate(tuple(grouping), tuple(aggregates), child)


def project_node(exprs: tuple, child: Any) -> Any:
    return L.Project(tuple(exprs), child)


def dedup_keys(node: Any) -> list:
    return list(node.keys) if isinstance(node, L.Deduplicate) else list(node.child.output)


# ------------------------------------------------------------------ window bound function

WINDOW_FN = "dfengine_window_bound"


def _window_bound_impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """ts - pmod(ts - offset, slide) + add, on microseconds (Spark's window start/end)."""
    import pyarrow.compute as pc

    ts, slide, offset, add = args[0], *(int(x.as_py() if isinstance(x, pa.Scalar) else x)
                                        for x in args[1:])
    us = pc.cast(pc.cast(ts, pa.timestamp("us")), pa.int64())
    shifted = pc.subtract(us, offset)
    rem = pc.subtract(shifted, pc.multiply(pc.floor(pc.divide(
        pc.cast(shifted, pa.float64()), float(slide))).cast(pa.int64()), slide))
    return pc.cast(pc.add(pc.subtract(us, rem), add), pa.timestamp("us"))


def register_window_function() -> None:
    """The scalar function behind window(): start/end of the window holding a timestamp."""
    from dfengine.functions import Function, find, register

    if find(WINDOW_FN) is not None:
        return
    ts = T.TimestampType()
    register(Function(WINDOW_FN, lambda t: ts, lambda t: [ts, None, None, None],
                      impl=_window_bound_impl, null_intolerant=True, nullable_rule="inputs",
                      arity=(4, 4), public=False))


def window_bound(ts: Column, slide_us: int, offset_us: int, add_us: int) -> Column:
    register_window_function()
    lit = E.make_literal
    return Column(E.ScalarFunction(WINDOW_FN, (ts._expr, lit(slide_us), lit(offset_us),
                                               lit(add_us))))


# ------------------------------------------------------------------------ sliding windows

SLIDING_FN = "dfengine_sliding_window"
WINDOW_TYPE = T.StructType([T.StructField("start", T.TimestampType()),
                            T.StructField("end", T.TimestampType())])


def _sliding_impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    raise UnsupportedOperationException(
        "A sliding window() needs one row per window: dfengine evaluates it in streaming "
        "aggregations (groupBy(window(...))) only; use a tumbling window in batch queries.",
        "UNSUPPORTED_FEATURE")


def _register_marker(name: str, arity: int) -> None:
    """A catalogue entry for a window marker the streaming aggregation expands."""
    from dfengine.functions import Function, find, register

    if find(name) is None:
        register(Function(name, lambda t: WINDOW_TYPE, result_from_args=lambda a: WINDOW_TYPE,
                          impl=_sliding_impl, arity=(arity, arity), public=False,
                          nullable_rule="never"))  # Spark's window struct is NOT NULL


def sliding_window(ts: Column, dur_us: int, slide_us: int, offset_us: int) -> Column:
    """A marker the streaming aggregation expands into the windows holding each row."""
    _register_marker(SLIDING_FN, 4)
    lit = E.make_literal
    return Column(E.ScalarFunction(SLIDING_FN, (ts._expr, lit(dur_us), lit(slide_us),
                                                lit(offset_us))))


def sliding_args(e: Any) -> tuple | None:
    """(ts, duration, slide, offset) of a sliding-window marker, else None."""
    if isinstance(e, E.ScalarFunction) and e.name == SLIDING_FN:
        return (e.args[0],) + tuple(int(a.value) for a in e.args[1:])
    return None


def expand_sliding(session: Any, child: Any, args: tuple, start: Any, end: Any) -> Any:
    """The child's rows once per sliding window holding them, with the window bounds as the
    attributes `start` and `end` (Spark's TimeWindowing expansion)."""
    ts, dur, slide, offset = args
    table = run(session, child)
    rel = table_relation(session, child.output, table)
    parts = []
    for i in range(-(-dur // slide)):
        lo = _bound(ts, slide, offset, -i * slide)
        hi = _bound(ts, slide, offset, dur - i * slide)
        a_lo = E.Alias(lo, start.name, expr_id=start.expr_id) if i == 0 else E.Alias(lo, "start")
        a_hi = E.Alias(hi, end.name, expr_id=end.expr_id) if i == 0 else E.Alias(hi, "end")
        proj = L.Project(tuple(child.output) + (a_lo, a_hi), rel)
        parts.append(L.Filter(E.Comparison("<", ts, a_hi.to_attribute()), proj))
    return L.Union(tuple(parts))


def _bound(ts: Any, slide: int, offset: int, add: int) -> Any:
    register_window_function()
    lit = E.make_literal
    return E.ScalarFunction(WINDOW_FN, (ts, lit(slide), lit(offset), lit(add)))


# ---------------------------------------------------------------- applyInPandasWithState

def grouped_parts(grouped: Any) -> tuple[Any, list]:
    """(DataFrame, resolved grouping expressions) of a GroupedData."""
    df = grouped._df
    return df, [df._resolve(e) for e in grouped._grouping]


def map_groups_node(df: Any, keys: list, out_schema: T.StructType, fn: Any) -> Any:
    """A leaf-like node over `df` plus its key columns `__key0..`: a MapPartitions whose
    function (`fn`) the streaming executor runs per group with state."""
    child = plan_of(df)
    key_alias = tuple(E.Alias(k, f"__key{i}") for i, k in enumerate(keys))
    proj = L.Project(tuple(child.output) + key_alias, child)
    attrs = tuple(E.AttributeReference(f.name, f.dataType, True) for f in out_schema.fields)
    return L.MapPartitions(attrs, proj, L.new_source_id(), "FlatMapGroupsWithState", fn)


def observed_metrics(session: Any, plan: Any) -> dict[str, Any]:
    """`observedMetrics` of a micro-batch: each `df.observe(name, ...)` in its plan, computed
    over the batch's rows at that point."""
    out = {}
    for node in plan.walk():
        obs = getattr(getattr(node, "fn", None), "observation", None)
        if isinstance(node, L.MapPartitions) and obs is not None:
            out[obs._name] = obs.batch_metrics(session, node.child)
    return out


def map_groups_fn(node: Any) -> Any:
    """The state function of an applyInPandasWithState node; other MapPartitions nodes
    (mapInPandas, observe's pass-through) are stateless."""
    if isinstance(node, L.MapPartitions) and hasattr(node.fn, "n_keys"):
        return node.fn
    return None


def child_of(node: Any) -> Any:
    return node.children[0]


# ------------------------------------------------------------------------ session windows

SESSION_FN = "dfengine_session_window"


def session_window(ts: Column, gap_us: int) -> Column:
    """A marker the streaming aggregation turns into per-key sessions (gap `gap_us`)."""
    _register_marker(SESSION_FN, 2)
    return Column(E.ScalarFunction(SESSION_FN, (ts._expr, E.make_literal(gap_us))))


def session_args(e: Any) -> tuple | None:
    """(ts, gap) of a session-window marker, else None."""
    if isinstance(e, E.ScalarFunction) and e.name == SESSION_FN:
        return e.args[0], int(e.args[1].value)
    return None


def expand_session(child: Any, args: tuple, start: Any, end: Any) -> Any:
    """The child's rows with the one-event session [ts, ts + gap) as `start`, `end`."""
    ts, gap = args
    lo = E.Alias(_bound(ts, 1, 0, 0), start.name, expr_id=start.expr_id)
    hi = E.Alias(_bound(ts, 1, 0, gap), end.name, expr_id=end.expr_id)
    return L.Filter(E.IsNotNull(ts), L.Project(tuple(child.output) + (lo, hi), child))


# ------------------------------------------------------------------ stream-stream joins

def is_stream_stream_join(node: Any) -> bool:
    return isinstance(node, L.Join) and all(is_streaming_plan(c) for c in node.children)


def join_how(node: Any) -> str:
    return node.how


def incremental_join(node: Any, left_new: Any, left_old: Any, right_new: Any,
                     right_old: Any) -> Any:
    """new-left x (old-right + new-right)  UNION  old-left x new-right: each pair once."""
    import dataclasses as dc

    return L.Union((dc.replace(node, left=left_new, right=L.Union((right_old, right_new))),
                    dc.replace(node, left=left_old, right=right_new)))
