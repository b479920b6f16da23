"""GraphFrame: a graph as two DataFrames, with GraphFrames' Python API.

Queries on the graph's structure (degrees, triplets, motifs, BFS, aggregateMessages, Pregel)
are DataFrame joins and aggregations. The iterative numeric algorithms (PageRank, connected
components, label propagation, shortest paths, triangle counts) lower the graph once to dense
vertex codes and encoded edge partitions cached on the Dask workers (`_compiled.py`) and run
their message steps as Numba kernels per partition; results come back as DataFrames whose
partitions are futures on the cluster (persisted, as GraphFrames returns them).
"""

from __future__ import annotations

from typing import Any

from dfengine.graphframes import bfs as _bfs
from dfengine.graphframes import communities, components, motif, pagerank, paths, triangles
from dfengine.graphframes._compiled import CompiledGraph
from dfengine.graphframes.messages import aggregate
from dfengine.graphframes.pregel import Pregel
from dfengine.sql import functions as F
from dfengine.sql import types as T

ID, SRC, DST, EDGE, WEIGHT = "id", "src", "dst", "edge", "weight"


def _condition(c: Any) -> Any:
    return F.expr(c) if isinstance(c, str) else c


class GraphFrame:
    """A graph: `v` has a unique column `id`, `e` the columns `src` and `dst`."""

    ID, SRC, DST, EDGE, WEIGHT = ID, SRC, DST, EDGE, WEIGHT

    def __init__(self, v: Any, e: Any) -> None:
        if ID not in v.columns:
            raise ValueError(f"Vertex ID column {ID} missing from vertex DataFrame, which has "
                             f"columns: {','.join(v.columns)}")
        for c, role in ((SRC, "Source"), (DST, "Destination")):
            if c not in e.columns:
                raise ValueError(f"{role} vertex ID column {c} missing from edge DataFrame, "
                                 f"which has columns: {','.join(e.columns)}")
        self._vertices, self._edges = v, e
        self._compiled: dict[Any, CompiledGraph] = {}

    # ------------------------------------------------------------------ structure

    @property
    def vertices(self) -> Any:
        return self._vertices

    @property
    def edges(self) -> Any:
        return self._edges

    @property
    def nodes(self) -> Any:
        return self._vertices

    def __repr__(self) -> str:
        v_cols = [ID] + [c for c in self._vertices.columns if c != ID]
        e_cols = [SRC, DST] + [c for c in self._edges.columns if c not in (SRC, DST)]
        return (f"GraphFrame(v:{self._vertices.select(*v_cols)!r}, "
                f"e:{self._edges.select(*e_cols)!r})")

    def cache(self) -> GraphFrame:
        return GraphFrame(self._vertices.cache(), self._edges.cache())

    def persist(self, storageLevel: Any = None) -> GraphFrame:
        return GraphFrame(self._vertices.persist(storageLevel), self._edges.persist(storageLevel))

    def unpersist(self, blocking: bool = False) -> GraphFrame:
        return GraphFrame(self._vertices.unpersist(blocking), self._edges.unpersist(blocking))

    @property
    def outDegrees(self) -> Any:
        return self._edges.groupBy(F.col(SRC).alias(ID)).agg(
            F.count("*").cast("int").alias("outDegree"))

    @property
    def inDegrees(self) -> Any:
        return self._edges.groupBy(F.col(DST).alias(ID)).agg(
            F.count("*").cast("int").alias("inDegree"))

    @property
    def degrees(self) -> Any:
        ends = self._edges.select(F.col(SRC).alias(ID)).unionAll(
            self._edges.select(F.col(DST).alias(ID)))
        return ends.groupBy(ID).agg(F.count("*").cast("int").alias("degree"))

    @property
    def triplets(self) -> Any:
        v, e = self._vertices, self._edges
        vs = F.struct(*[F.col(c) for c in v.columns])
        src = v.select(F.col(ID).alias("__s"), vs.alias(SRC))
        dst = v.select(F.col(ID).alias("__d"), vs.alias(DST))
        edges = e.select(F.col(SRC).alias("__s"), F.col(DST).alias("__d"),
                         F.struct(*[F.col(c) for c in e.columns]).alias(EDGE))
        return edges.join(src, "__s").join(dst, "__d").select(SRC, EDGE, DST)

    def filterVertices(self, condition: Any) -> GraphFrame:
        v = self._vertices.filter(_condition(condition))
        ids = v.select(ID)
        e = self._edges.join(ids.withColumnRenamed(ID, SRC), SRC, "left_semi").join(
            ids.withColumnRenamed(ID, DST), DST, "left_semi")
        return GraphFrame(v, e.select(*self._edges.columns))

    def filterEdges(self, condition: Any) -> GraphFrame:
        return GraphFrame(self._vertices, self._edges.filter(_condition(condition)))

    def dropIsolatedVertices(self) -> GraphFrame:
        ends = self._edges.select(F.col(SRC).alias(ID)).union(
            self._edges.select(F.col(DST).alias(ID)))
        return GraphFrame(self._vertices.join(ends, ID, "left_semi"), self._edges)

    def as_undirected(self) -> GraphFrame:
        attrs = [c for c in self._edges.columns if c not in (SRC, DST)]
        back = self._edges.select(F.col(DST).alias(SRC), F.col(SRC).alias(DST), *attrs)
        return GraphFrame(self._vertices, self._edges.select(SRC, DST, *attrs).union(back))

    def as_reversed(self) -> GraphFrame:
        attrs = [c for c in self._edges.columns if c not in (SRC, DST)]
        return GraphFrame(self._vertices, self._edges.select(
            F.col(DST).alias(SRC), F.col(SRC).alias(DST), *attrs))

    def validate(self, check_vertices: bool = True, intermediate_storage_level: Any = None
                 ) -> None:
        total = self._vertices.count()
        distinct = self._vertices.select(ID).distinct().count()
        if distinct != total:
            raise ValueError(f"Graph contains ({total - distinct}) duplicate vertices.")
        if check_vertices:
            ends = self._edges.select(F.col(SRC).alias(ID)).union(
                self._edges.select(F.col(DST).alias(ID))).distinct()
            bad = ends.join(self._vertices, ID, "left_anti").count()
            if bad:
                raise ValueError("Vertices DataFrame does not contain all edges src/dst. Found "
                                 f"{bad} edges src/dst that are not in the vertices DataFrame.")

    # ------------------------------------------------------------------- queries

    def find(self, pattern: str) -> Any:
        return motif.find(self, pattern)

    def bfs(self, fromExpr: Any, toExpr: Any, edgeFilter: Any = None,
            maxPathLength: int = 10) -> Any:
        return _bfs.bfs(self, fromExpr, toExpr, edgeFilter, maxPathLength)

    def aggregateMessages(self, aggCol: Any, sendToSrc: Any = None, sendToDst: Any = None,
                          intermediate_storage_level: Any = None) -> Any:
        return aggregate(self, aggCol, sendToSrc, sendToDst)

    @property
    def pregel(self) -> Pregel:
        return Pregel(self)

    # ---------------------------------------------------------------- algorithms

    def _lowered(self, weight_col: str | None = None) -> CompiledGraph:
        if weight_col not in self._compiled:
            self._compiled[weight_col] = CompiledGraph(self, weight_col)
        return self._compiled[weight_col]

    def pageRank(self, resetProbability: float = 0.15, sourceId: Any = None,
                 maxIter: int | None = None, tol: float | None = None,
                 weightCol: str | None = None) -> GraphFrame:
        """Vertices with `pagerank`, edges with `weight` (see `pagerank.py` for the maths).
        Exactly one of `maxIter` and `tol`. `weightCol` (an extension): an edge column of
        non-negative weights; each vertex passes rank in proportion to them."""
        if (maxIter is None) == (tol is None):
            raise ValueError("Exactly one of maxIter or tol should be set.")
        cg = self._lowered(weightCol)
        sources = None if sourceId is None else [sourceId]
        ranks = pagerank.run(cg, resetProbability, sources, maxIter, tol)
        v = cg.attach(ranks, pagerank.PAGERANK, self)
        return GraphFrame(v, pagerank.edge_weights(self, weightCol))

    def parallelPersonalizedPageRank(self, resetProbability: float = 0.15,
                                     sourceIds: list | None = None,
                                     maxIter: int | None = None) -> GraphFrame:
        """Vertices with `pageranks`: a vector, entry i the personalized rank from
        `sourceIds[i]` (each entry sums to 1 over the vertices); edges with `weight`."""
        if not sourceIds:
            raise ValueError("Source vertices Ids sourceIds must be provided")
        if maxIter is None:
            raise ValueError("Max number of iterations maxIter must be provided")
        from dfengine.ml.linalg import VectorUDT

        cg = self._lowered()
        ranks = pagerank.run(cg, resetProbability, list(sourceIds), maxIter, None, multi=True)
        v = cg.attach(ranks, T.StructField("pageranks", VectorUDT(), True), self)
        return GraphFrame(v, pagerank.edge_weights(self, None))

    def _label_column(self, cg: CompiledGraph, codes_f: Any, name: str, as_ids: bool) -> Any:
        t = self._vertices.schema[ID].dataType if as_ids else T.LongType()
        if as_ids and isinstance(t, T.IntegralType):
            t = T.LongType()
        return cg.attach(cg.labels(codes_f, as_ids), T.StructField(name, t, True), self)

    def connectedComponents(self, algorithm: str = "graphframes", checkpointInterval: int = 2,
                            broadcastThreshold: int = 1000000,
                            useLabelsAsComponents: bool = False,
                            use_local_checkpoints: bool = False, max_iter: int = 2**31 - 2,
                            storage_level: Any = None) -> Any:
        """Vertices with `component`: the smallest vertex id of its (weakly) connected
        component for integer ids; for other ids a long, or with `useLabelsAsComponents` the
        smallest id itself. All `algorithm`s give this same result."""
        cg = self._lowered()
        roots = components.connected(cg)
        return self._label_column(cg, roots, "component", cg.integral or useLabelsAsComponents)

    def stronglyConnectedComponents(self, maxIter: int = 10) -> Any:
        """Vertices with `component`, named by the smallest vertex of each strongly connected
        component (exact whatever `maxIter`)."""
        cg = self._lowered()
        return self._label_column(cg, components.strong(cg), "component", cg.integral)

    def labelPropagation(self, maxIter: int, algorithm: str = "graphx",
                         use_local_checkpoints: bool = False, checkpoint_interval: int = 2,
                         storage_level: Any = None) -> Any:
        """Vertices with `label` after `maxIter` synchronous rounds (ties: smallest label)."""
        cg = self._lowered()
        return self._label_column(cg, communities.run(cg, maxIter), "label", cg.integral)

    def shortestPaths(self, landmarks: list, algorithm: str = "graphx",
                      use_local_checkpoints: bool = False, checkpoint_interval: int = 2,
                      storage_level: Any = None, is_directed: bool = True) -> Any:
        """Vertices with `distances`: a map landmark -> hops from the vertex to it (reachable
        landmarks only)."""
        cg = self._lowered()
        dists = paths.run(cg, list(landmarks), is_directed)
        key = self._vertices.schema[ID].dataType
        field = T.StructField("distances", T.MapType(key, T.IntegerType(), False), True)
        return cg.attach(dists, field, self)

    def triangleCount(self, storage_level: Any = None, algorithm: str = "exact",
                      lg_nom_entries: int = 12) -> Any:
        """Vertices with `count`: triangles through the vertex (undirected, simple graph)."""
        if algorithm != "exact":
            raise ValueError(f"triangleCount algorithm {algorithm!r} is not supported; use "
                             "'exact'.")
        cg = self._lowered()
        return cg.attach(triangles.run(cg), T.StructField("count", T.LongType(), False), self)
