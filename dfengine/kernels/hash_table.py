"""A chained hash table over rows of int64 key words, compiled with Numba.

Joins build it once on the small side and probe it from every partition of the other side;
Arrow's hash join cannot be reused across calls, so a broadcast build side of a million rows
was hashed again for each probe partition. Keys arrive as a (columns, rows) int64 matrix of
*words*: equal words mean equal keys for fixed-width types, and for strings the word is a
64-bit hash that the caller verifies on the candidate pairs.

Build inserts rows last-to-first, so walking a chain yields build rows in ascending order and
pairs come out sorted by (probe row, build row) without a sort.
"""

from __future__ import annotations

import numba
import numpy as np

from dfengine.kernels.hashing import _mix


@numba.njit(nogil=True, cache=True)
def _row_hash(keys: np.ndarray, i: int) -> np.uint64:
    h = np.uint64(0)
    for c in range(keys.shape[0]):
        h = _mix(h * np.uint64(31) + np.uint64(keys[c, i]))
    return h


@numba.njit(nogil=True, cache=True)
def _same(a: np.ndarray, i: int, b: np.ndarray, j: int) -> bool:
    for c in range(a.shape[0]):
        if a[c, i] != b[c, j]:
            return False
    return True


@numba.njit(nogil=True, cache=True)
def build(keys: np.ndarray, valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(bucket heads, next-row links) for the rows of `keys` whose `valid` is set."""
    n = keys.shape[1]
    size = 16
    while size < 2 * n:
        size *= 2
    heads = np.full(size, -1, dtype=np.int64)
    links = np.full(n, -1, dtype=np.int64)
    mask = np.uint64(size - 1)
    for i in range(n - 1, -1, -1):
        if valid[i]:
            b = _row_hash(keys, i) & mask
            links[i] = heads[b]
            heads[b] = i
    return heads, links


@numba.njit(nogil=True, cache=True)
def probe(bkeys: np.ndarray, heads: np.ndarray, links: np.ndarray, pkeys: np.ndarray,
          pvalid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(probe rows, build rows) of every pair with equal key words."""
    m = pkeys.shape[1]
    cap = max(m, 16)
    pi = np.empty(cap, dtype=np.int64)
    bi = np.empty(cap, dtype=np.int64)
    count = 0
    mask = np.uint64(heads.shape[0] - 1)
    for i in range(m):
        if not pvalid[i]:
            continue
        j = heads[_row_hash(pkeys, i) & mask]
        while j != -1:
            if _same(bkeys, j, pkeys, i):
                if count == cap:
                    cap *= 2
                    pi2 = np.empty(cap, dtype=np.int64)
                    bi2 = np.empty(cap, dtype=np.int64)
                    pi2[:count] = pi[:count]
                    bi2[:count] = bi[:count]
                    pi, bi = pi2, bi2
                pi[count] = i
                bi[count] = j
                count += 1
            j = links[j]
    return pi[:count], bi[:count]


@numba.njit(nogil=True, cache=True)
def probe_exists(bkeys: np.ndarray, heads: np.ndarray, links: np.ndarray, pkeys: np.ndarray,
                 pvalid: np.ndarray, build_seen: np.ndarray) -> np.ndarray:
    """Which probe rows have a match; marks the matched build rows in `build_seen`."""
    m = pkeys.shape[1]
    found = np.zeros(m, dtype=np.bool_)
    mask = np.uint64(heads.shape[0] - 1)
    for i in range(m):
        if not pvalid[i]:
            continue
        j = heads[_row_hash(pkeys, i) & mask]
        while j != -1:
            if _same(bkeys, j, pkeys, i):
                found[i] = True
                build_seen[j] = True
            j = links[j]
    return found
