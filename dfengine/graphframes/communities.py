"""Label propagation (GraphX's static LPA, as GraphFrames runs it).

Every vertex starts with its own label; in each of `maxIter` synchronous rounds it takes the
label most frequent among its neighbours over both edge directions (an edge counts once per
direction, a self-loop twice). GraphX breaks ties in hash-map order; this implementation takes
the smallest label among the tied ones, so results are deterministic. The neighbour lists are
built once; each round splits the vertices into ranges, one Numba task per range.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.graphframes import _kernels as K
from dfengine.graphframes._compiled import CompiledGraph, EdgeBlock, undirected_csr


def _step(adj: tuple, labels: np.ndarray, lo: int, hi: int) -> np.ndarray:
    return K.label_mode(adj[0], adj[1], labels, lo, hi)


def _join(*chunks: np.ndarray) -> np.ndarray:
    return np.concatenate(chunks)


def _csr(block: EdgeBlock, n: int) -> tuple:
    return undirected_csr(block, n)


def run(cg: CompiledGraph, max_iter: int, chunks: int = 4) -> Any:
    """A future of each vertex's label code after `max_iter` rounds."""
    n = cg.n
    adj_f = cg.submit(_csr, cg.concat_edges(), n)
    labels_f = cg.submit(np.arange, n, dtype=np.int64)
    bounds = np.linspace(0, n, chunks + 1).astype(int)
    for _ in range(max_iter):
        parts = [cg.submit(_step, adj_f, labels_f, int(lo), int(hi))
                 for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)]
        labels_f = cg.submit(_join, *parts)
    return labels_f
