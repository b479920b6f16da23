"""Sliding `window()` and `session_window()` in batch aggregations.

A tumbling window is one struct per row, an ordinary grouping column. A sliding window holds
each row in several windows and a session depends on the rows around it, so both are markers
(dfengine.sql.streaming._adapter) that the streaming executor expands per micro-batch. A batch
`groupBy` expands them here, before its Aggregate is built, as Spark's TimeWindowing and
SessionWindowing rules do: a sliding window becomes an explode of the windows holding each
row; a session window is found per group with window functions (a row starts a new session
when it comes after the end of every earlier row's session, [ts, ts + gap)). Rows whose time is
NULL belong to no window and are dropped, as in Spark.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine import types as T
from dfengine.plan import expressions as E

SLIDING_ARRAY_FN = "dfengine_sliding_windows"
_WINDOWS = T.ArrayType(T.StructType([T.StructField("start", T.TimestampType()),
                                     T.StructField("end", T.TimestampType())]), False)


def _sliding_windows(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """The [start, end) windows of length `dur` every `slide` (from `offset`) holding each
    timestamp, earliest first."""
    import pyarrow.compute as pc

    ts, dur, slide, offset = args[0], *(int(a.as_py()) for a in args[1:])
    ts = ts if not isinstance(ts, pa.ChunkedArray) else ts.combine_chunks()
    valid = np.asarray(ts.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    us = np.asarray(pc.fill_null(pc.cast(pc.cast(ts, pa.timestamp("us")), pa.int64()), 0)
                    .to_numpy(zero_copy_only=False), dtype=np.int64)
    k = -(-dur // slide)
    last = us - np.mod(us - offset, slide)
    starts = last[:, None] - np.arange(k - 1, -1, -1)[None, :] * slide
    holds = (starts + dur > us[:, None]) & valid[:, None]
    counts = holds.sum(axis=1)
    flat = starts[holds]
    window = pa.StructArray.from_arrays(
        [pa.array(flat, pa.timestamp("us")), pa.array(flat + dur, pa.timestamp("us"))],
        names=["start", "end"])
    offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]), pa.int32())
    return pa.ListArray.from_arrays(offsets, window, mask=pa.array(~valid))


def _register() -> None:
    from dfengine.functions import Function, find, register

    if find(SLIDING_ARRAY_FN) is None:
        register(Function(SLIDING_ARRAY_FN, lambda t: _WINDOWS, lambda t: [None] * 4,
                          impl=_sliding_windows, arity=(4, 4), public=False))


def _marker(e: E.Expression) -> tuple[str, E.Expression]:
    """(the column name, the marker call) of a grouping expression."""
    if isinstance(e, E.Alias):
        return e.name, e.child
    return E.output_name(e), e


def expand(df: Any, grouping: list[E.Expression]) -> tuple[Any, list[E.Expression]]:
    """`df` and `grouping` with each sliding or session window marker replaced by a column of
    the rows' windows (the same for a batch DataFrame without markers)."""
    calls = [_marker(g)[1] for g in grouping]
    if df.isStreaming or not any(isinstance(c, E.ScalarFunction) and c.name.startswith(
            "dfengine_") for c in calls):  # no internal marker: streaming stays unimported
        return df, grouping
    from dfengine.sql.streaming import _adapter as A

    out = list(grouping)
    for i, g in enumerate(grouping):
        name, core = _marker(g)
        if A.sliding_args(core):
            df = _with_sliding(df, name, A.sliding_args(core))
            out[i] = E.UnresolvedAttribute((name,))
        elif A.session_args(core):
            others = [x for j, x in enumerate(grouping) if j != i]
            df = _with_sessions(df, name, A.session_args(core), others)
            out[i] = E.UnresolvedAttribute((name,))
    return df, out


def _with_sliding(df: Any, name: str, args: tuple) -> Any:
    from dfengine.sql import functions as F
    from dfengine.sql.column import Column

    _register()
    ts, dur, slide, offset = args
    lit = E.make_literal
    windows = Column(E.ScalarFunction(SLIDING_ARRAY_FN, (ts, lit(dur), lit(slide),
                                                         lit(offset))))
    return df.select("*", F.explode(windows).alias(name))


def _with_sessions(df: Any, name: str, args: tuple, keys: list[E.Expression]) -> Any:
    from dfengine.sql import functions as F
    from dfengine.sql.column import Column
    from dfengine.sql.window import Window

    ts, gap = args
    key_cols = [Column(k) for k in keys]
    t = F.unix_micros(Column(ts).cast("timestamp"))
    rows = df.select("*", t.alias("__session_t")).where(F.col("__session_t").isNotNull())
    order = Window.partitionBy(*key_cols).orderBy("__session_t")
    before = order.rowsBetween(Window.unboundedPreceding, -1)
    prev_end = F.max(F.col("__session_t") + gap).over(before)
    starts = F.when(prev_end.isNull() | (F.col("__session_t") > prev_end), 1).otherwise(0)
    rows = rows.withColumn("__session_new", starts)
    rows = rows.withColumn("__session_id", F.sum("__session_new").over(
        order.rowsBetween(Window.unboundedPreceding, 0)))
    session = Window.partitionBy(*key_cols, F.col("__session_id"))
    bounds = F.struct(
        F.timestamp_micros(F.min("__session_t").over(session)).alias("start"),
        F.timestamp_micros(F.max(F.col("__session_t") + gap).over(session)).alias("end"))
    return rows.withColumn(name, bounds).drop("__session_t", "__session_new", "__session_id")
