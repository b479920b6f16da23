"""`aggregateMessages`: messages along every edge triplet, aggregated per receiving vertex.

Messages are Column expressions over the triplet columns `src`, `edge`, `dst` (structs of the
vertex and edge columns; `AggregateMessages.src["age"]`), the aggregate an expression over
`AggregateMessages.msg` (the column `MSG`). The result has the column `id` and one column per
aggregate; vertices that receive no message are absent (aggregates skip NULL messages).
"""

from __future__ import annotations

from typing import Any

from dfengine.sql import Column
from dfengine.sql import functions as F

MSG = "MSG"


class _ClassProperty:
    def __init__(self, f: Any) -> None:
        self.f = f
        self.__doc__ = f.__doc__

    def __get__(self, instance: Any, owner: type) -> Any:
        return self.f(owner)


class AggregateMessages:
    """Column references for `GraphFrame.aggregateMessages` (as in graphframes.lib)."""

    @_ClassProperty
    def src(cls) -> Column:
        """The source vertex of the triplet (a struct of the vertex columns)."""
        return F.col("src")

    @_ClassProperty
    def dst(cls) -> Column:
        """The destination vertex of the triplet."""
        return F.col("dst")

    @_ClassProperty
    def edge(cls) -> Column:
        """The edge of the triplet (a struct of the edge columns)."""
        return F.col("edge")

    @_ClassProperty
    def msg(cls) -> Column:
        """The message column, for the aggregation expression."""
        return F.col(MSG)


def _as_list(x: Any) -> list:
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _col(x: Any) -> Column:
    return F.expr(x) if isinstance(x, str) else x


def aggregate(graph: Any, aggCol: Any, sendToSrc: Any = None, sendToDst: Any = None) -> Any:
    aggs, to_src, to_dst = _as_list(aggCol), _as_list(sendToSrc), _as_list(sendToDst)
    if not aggs:
        raise TypeError("At least one aggregation column should be provided!")
    if not to_src and not to_dst:
        raise ValueError("Either `sendToSrc`, `sendToDst`, or both have to be provided")
    if len(to_src) > 1 or len(to_dst) > 1:
        raise ValueError("Send one message per direction; combine several values with "
                         "F.struct(...) and read them with AggregateMessages.msg[field].")
    trip = graph.triplets
    msgs = [trip.select(F.col(f"{side}.id").alias("id"), _col(m).alias(MSG))
            for side, ms in (("src", to_src), ("dst", to_dst)) for m in ms]
    union = msgs[0] if len(msgs) == 1 else msgs[0].union(msgs[1])
    return union.groupBy("id").agg(*[_col(a) for a in aggs])
