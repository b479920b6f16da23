"""Connected components (edge direction ignored) and strongly connected components.

Connected components: every edge partition builds a union-find forest of its edges (Numba),
the forests merge pairwise in a tree; a forest's root is always the smallest vertex code of its
component, so the result needs no further pass. As in GraphFrames, a component is named by its
smallest vertex id when ids are integers; for other id types it is a long (the smallest
vertex's position in id order), or the smallest id itself with `useLabelsAsComponents=True`.

Strongly connected components run scipy.sparse.csgraph on one worker over the encoded edges and
name each component by its smallest vertex, as GraphX's SCC does; they are exact, so `maxIter`
does not cut them short.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.graphframes import _kernels as K
from dfengine.graphframes._compiled import CompiledGraph, EdgeBlock


def _forest(block: EdgeBlock, n: int) -> np.ndarray:
    return K.union_find_edges(block.src, block.dst, n)


def connected(cg: CompiledGraph) -> Any:
    """A future of each vertex's component root code."""
    if not cg.parts:
        return cg.submit(np.arange, cg.n)
    forest = cg.reduce(_forest, cg.n, combine=K.union_find_merge)
    return cg.submit(K.union_find_roots, forest)


def _strong(block: EdgeBlock, n: int) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    m = coo_matrix((np.ones(len(block.src)), (block.src, block.dst)), shape=(n, n)).tocsr()
    _, labels = connected_components(m, directed=True, connection="strong")
    smallest = np.full(labels.max() + 1 if n else 0, n, dtype=np.int64)
    np.minimum.at(smallest, labels, np.arange(n))
    return smallest[labels]


def strong(cg: CompiledGraph) -> Any:
    return cg.submit(_strong, cg.concat_edges(), cg.n)
