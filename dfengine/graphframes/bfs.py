"""Breadth-first search between two vertex sets (GraphFrames' `bfs`), as DataFrame joins.

Paths grow one edge per iteration from every vertex matching `fromExpr`, never revisiting a
vertex of the same path, until some path ends at a vertex matching `toExpr`; all paths of that
(shortest) length are returned as columns `from, e0, v1, e1, ..., to` (vertex and edge structs).
When a vertex matches both expressions the result is that vertex as `from` and `to`. Nothing
within `maxPathLength` edges: an empty DataFrame with the columns `from, to`. The frontier is
checkpointed every iteration (`localCheckpoint`), so the plan does not grow with the length.
"""

from __future__ import annotations

from typing import Any

from dfengine.sql import functions as F


def _struct(df: Any) -> Any:
    return F.struct(*[F.col(c) for c in df.columns])


def _as_condition(expr: Any) -> Any:
    return F.expr(expr) if isinstance(expr, str) else expr


def bfs(graph: Any, fromExpr: Any, toExpr: Any, edgeFilter: Any = None,
        maxPathLength: int = 10) -> Any:
    v, e = graph.vertices, graph.edges
    sources = v.filter(_as_condition(fromExpr))
    targets = v.filter(_as_condition(toExpr)).select(F.col("id").alias("__t"))
    both = sources.filter(_as_condition(toExpr))
    if not both.isEmpty():
        return both.select(_struct(v).alias("from"), _struct(v).alias("to"))
    if edgeFilter is not None:
        e = e.filter(_as_condition(edgeFilter))
    vstruct = v.select(F.col("id").alias("__next"), _struct(v).alias("__vertex"))
    estruct = e.select(F.col("src").alias("__cur"), F.col("dst").alias("__next"),
                       _struct(e).alias("__edge"))
    paths = sources.select(_struct(v).alias("from"), F.col("id").alias("__v0"))
    names = ["from"]
    for i in range(1, maxPathLength + 1):
        step = paths.withColumnRenamed(f"__v{i - 1}", "__cur").join(estruct, "__cur")
        for j in range(i - 1):
            step = step.filter(F.col("__next") != F.col(f"__v{j}"))
        step = step.withColumnRenamed("__cur", f"__v{i - 1}")
        hits = step.join(targets, step["__next"] == targets["__t"], "left_semi")
        if not hits.isEmpty():
            return _finish(hits, vstruct, names, i)
        step = step.join(vstruct, "__next").withColumnRenamed("__next", f"__v{i}")
        paths = step.withColumnRenamed("__edge", f"e{i - 1}").withColumnRenamed(
            "__vertex", f"v{i}").localCheckpoint()
        names += [f"e{i - 1}", f"v{i}"]
    return graph.vertices.sparkSession.createDataFrame(
        [], _empty_schema(v))


def _finish(hits: Any, vstruct: Any, names: list[str], i: int) -> Any:
    out = hits.join(vstruct, "__next")
    return out.select(*names, F.col("__edge").alias(f"e{i - 1}"), F.col("__vertex").alias("to"))


def _empty_schema(v: Any) -> Any:
    from dfengine.sql import types as T

    vt = T.StructType([T.StructField(f.name, f.dataType, True) for f in v.schema.fields])
    return T.StructType([T.StructField("from", vt, True), T.StructField("to", vt, True)])
