"""Shortest paths to landmarks (GraphX's ShortestPaths, as GraphFrames runs it).

For every vertex, the number of hops of the shortest path from it to each landmark it can
reach, following edge direction (`is_directed=False`: either direction). One breadth-first
search per landmark over the reversed graph (a Numba kernel), one task per landmark.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.graphframes import _kernels as K
from dfengine.graphframes._compiled import CompiledGraph, EdgeBlock


def _reverse_csr(block: EdgeBlock, n: int, directed: bool) -> tuple:
    if directed:
        return K.csr(block.dst, block.src, n)
    return K.csr(np.concatenate([block.dst, block.src]),
                 np.concatenate([block.src, block.dst]), n)


def _bfs(adj: tuple, start: int, n: int) -> np.ndarray:
    return K.bfs_levels(adj[0], adj[1], start, n)


def _as_maps(ids: pa.Array, landmarks: list, *dists: np.ndarray) -> pa.Array:
    n = len(dists[0]) if dists else 0
    d = np.stack(dists, axis=1) if dists else np.zeros((n, 0), np.int64)
    reach = d >= 0
    offsets = np.concatenate([[0], np.cumsum(reach.sum(axis=1))]).astype(np.int32)
    rows, cols = np.nonzero(reach)
    keys = pa.array(landmarks).cast(ids.type).take(pa.array(cols, pa.int64()))
    vals = pa.array(d[rows, cols].astype(np.int32))
    return pa.MapArray.from_arrays(pa.array(offsets), keys, vals)


def run(cg: CompiledGraph, landmarks: list, directed: bool) -> Any:
    """A future of the `distances` map column (landmark id -> hops), indexed by vertex code."""
    codes = cg.codes_of(landmarks)
    adj_f = cg.submit(_reverse_csr, cg.concat_edges(), cg.n, directed)
    dists = [cg.submit(_bfs, adj_f, int(c), cg.n) for c in codes]
    return cg.submit(_as_maps, cg.ids_f, list(landmarks), *dists)
