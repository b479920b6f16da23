"""Numba kernels for the per-partition steps of the graph algorithms.

Every kernel works on dense vertex codes (int32/int64 positions in the sorted vertex-id array)
and releases the GIL, so the partitions of one iteration run in parallel on a worker's threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(nogil=True, cache=True)
def scatter_add(src, dst, x, n):  # noqa: ANN001, ANN201
    """out[v] = sum of x[src[e]] over the edges e with dst[e] == v (one PageRank message step)."""
    out = np.zeros(n, dtype=np.float64)
    for e in range(src.shape[0]):
        out[dst[e]] += x[src[e]]
    return out


@njit(nogil=True, cache=True)
def scatter_add_weighted(src, dst, w, x, n):  # noqa: ANN001, ANN201
    """out[v] = sum of w[e] * x[src[e]] over the edges e with dst[e] == v."""
    out = np.zeros(n, dtype=np.float64)
    for e in range(src.shape[0]):
        out[dst[e]] += w[e] * x[src[e]]
    return out


@njit(nogil=True, cache=True)
def scatter_add_2d(src, dst, x, n):  # noqa: ANN001, ANN201
    """The message step of k personalized PageRanks at once: x is (n, k)."""
    k = x.shape[1]
    out = np.zeros((n, k), dtype=np.float64)
    for e in range(src.shape[0]):
        s, d = src[e], dst[e]
        for j in range(k):
            out[d, j] += x[s, j]
    return out


@njit(nogil=True, cache=True)
def _find(parent, i):  # noqa: ANN001, ANN202
    while parent[i] != i:
        parent[i] = parent[parent[i]]  # path halving
        i = parent[i]
    return i


@njit(nogil=True, cache=True)
def _union(parent, a, b):  # noqa: ANN001, ANN202
    ra, rb = _find(parent, a), _find(parent, b)
    if ra < rb:
        parent[rb] = ra
    elif rb < ra:
        parent[ra] = rb


@njit(nogil=True, cache=True)
def union_find_edges(src, dst, n):  # noqa: ANN001, ANN201
    """A union-find forest of one edge partition; every root is its component's smallest code."""
    parent = np.arange(n, dtype=np.int64)
    for e in range(src.shape[0]):
        _union(parent, src[e], dst[e])
    return parent


@njit(nogil=True, cache=True)
def union_find_merge(a, b):  # noqa: ANN001, ANN201
    """Merge forest b into a copy of forest a (both over the same n vertices)."""
    parent = a.copy()
    for i in range(b.shape[0]):
        if b[i] != i:
            _union(parent, i, b[i])
    return parent


@njit(nogil=True, cache=True)
def union_find_roots(parent):  # noqa: ANN001, ANN201
    out = np.empty(parent.shape[0], dtype=np.int64)
    for i in range(parent.shape[0]):
        out[i] = _find(parent, i)
    return out


@njit(nogil=True, cache=True)
def csr(keys, values, n):  # noqa: ANN001, ANN201
    """Compressed rows: values grouped by key, as (indptr, indices)."""
    indptr = np.zeros(n + 1, dtype=np.int64)
    for e in range(keys.shape[0]):
        indptr[keys[e] + 1] += 1
    for i in range(n):
        indptr[i + 1] += indptr[i]
    fill = indptr[:-1].copy()
    indices = np.empty(keys.shape[0], dtype=np.int64)
    for e in range(keys.shape[0]):
        indices[fill[keys[e]]] = values[e]
        fill[keys[e]] += 1
    return indptr, indices


@njit(nogil=True, cache=True)
def order_by_key(keys, n):  # noqa: ANN001, ANN201
    """The permutation that orders `keys` (ints in 0..n-1) ascending, stable (counting sort)."""
    start = np.zeros(n + 1, dtype=np.int64)
    for e in range(keys.shape[0]):
        start[keys[e] + 1] += 1
    for i in range(n):
        start[i + 1] += start[i]
    order = np.empty(keys.shape[0], dtype=np.int64)
    for e in range(keys.shape[0]):
        order[start[keys[e]]] = e
        start[keys[e]] += 1
    return order


@njit(nogil=True, cache=True)
def blocked_layout(src, dst, w, n, bits):  # noqa: ANN001, ANN201
    """Edges ordered by destination range (dst >> bits), then by source, as int32 codes (and
    their weights when `w` is not empty): two stable counting sorts writing the output arrays
    directly."""
    m = src.shape[0]
    has_w = w.shape[0] == m and m > 0
    start = np.zeros(n + 1, dtype=np.int64)
    for e in range(m):
        start[src[e] + 1] += 1
    for i in range(n):
        start[i + 1] += start[i]
    s1 = np.empty(m, dtype=np.int32)
    d1 = np.empty(m, dtype=np.int32)
    w1 = np.empty(m if has_w else 0, dtype=np.float64)
    for e in range(m):
        p = start[src[e]]
        start[src[e]] += 1
        s1[p], d1[p] = src[e], dst[e]
        if has_w:
            w1[p] = w[e]
    nb = (n >> bits) + 1
    bucket = np.zeros(nb + 1, dtype=np.int64)
    for e in range(m):
        bucket[(d1[e] >> bits) + 1] += 1
    for i in range(nb):
        bucket[i + 1] += bucket[i]
    s2 = np.empty(m, dtype=np.int32)
    d2 = np.empty(m, dtype=np.int32)
    w2 = np.empty(m if has_w else 0, dtype=np.float64)
    for e in range(m):
        k = d1[e] >> bits
        p = bucket[k]
        bucket[k] += 1
        s2[p], d2[p] = s1[e], d1[e]
        if has_w:
            w2[p] = w1[e]
    return s2, d2, w2


@njit(nogil=True, cache=True)
def dense_codes(values, table, lo):  # noqa: ANN001, ANN201
    """Codes of integer ids through a direct-address table (-1 where absent)."""
    out = np.empty(values.shape[0], dtype=np.int64)
    size = table.shape[0]
    for i in range(values.shape[0]):
        x = values[i] - lo
        out[i] = table[x] if 0 <= x < size else -1
    return out


@njit(nogil=True, cache=True)
def label_mode(indptr, indices, labels, lo, hi):  # noqa: ANN001, ANN201
    """One synchronous label-propagation step for vertices lo..hi: each takes the most frequent
    label among its neighbours (the smallest such label on a tie); no neighbours keeps its own."""
    out = labels[lo:hi].copy()
    for v in range(lo, hi):
        a, b = indptr[v], indptr[v + 1]
        if a == b:
            continue
        nb = np.sort(labels[indices[a:b]])
        best, best_n, run = nb[0], 0, 0
        for i in range(nb.shape[0]):
            run = run + 1 if i > 0 and nb[i] == nb[i - 1] else 1
            if run > best_n:
                best, best_n = nb[i], run
        out[v - lo] = best
    return out


@njit(nogil=True, cache=True)
def bfs_levels(indptr, indices, start, n):  # noqa: ANN001, ANN201
    """Hop distance from `start` along the rows of a CSR graph (-1 where unreachable)."""
    dist = np.full(n, -1, dtype=np.int64)
    queue = np.empty(n, dtype=np.int64)
    dist[start] = 0
    queue[0] = start
    head, tail = 0, 1
    while head < tail:
        v = queue[head]
        head += 1
        for i in range(indptr[v], indptr[v + 1]):
            u = indices[i]
            if dist[u] < 0:
                dist[u] = dist[v] + 1
                queue[tail] = u
                tail += 1
    return dist


@njit(nogil=True, cache=True)
def triangles_forward(indptr, indices, lo, hi, n):  # noqa: ANN001, ANN201
    """Triangles through each vertex, counted from the oriented rows lo..hi.

    `indices` of each row are sorted and hold only higher-ranked neighbours (each undirected
    edge once), so every triangle is found once, at its lowest-ranked vertex.
    """
    count = np.zeros(n, dtype=np.int64)
    for u in range(lo, hi):
        for i in range(indptr[u], indptr[u + 1]):
            v = indices[i]
            p, q = indptr[u], indptr[v]
            pe, qe = indptr[u + 1], indptr[v + 1]
            while p < pe and q < qe:
                if indices[p] < indices[q]:
                    p += 1
                elif indices[p] > indices[q]:
                    q += 1
                else:
                    w = indices[p]
                    count[u] += 1
                    count[v] += 1
                    count[w] += 1
                    p += 1
                    q += 1
    return count
