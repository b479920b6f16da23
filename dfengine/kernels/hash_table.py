"""A chained hash table over rows of int64 key words, compiled with Numba.

Joins build it once on the small side and probe it from every partition of the other side;
Arrow's hash join cannot be reused across calls, so a broadcast build side of a million rows
was hashed again for each probe partition. Keys arrive as a (columns, rows) int64 matrix of
*words*: equal words mean equal keys for fixed-width types, and for strings the word is a
64-bit hash that the caller verifies on the candidate pairs.

Dense integer keys (a single key whose range is a few times the row count, as surrogate keys
are) skip hashing: the key minus its minimum is the bucket, so probing with keys that arrive
in order (lineitem by orderkey) walks memory in order too. `lo` < 0 never happens for a hashed
table's bucket count, so `size`/`lo` say which mode a table is in.

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
def _bucket(keys: np.ndarray, i: int, dense: bool, lo: int, size: int) -> int:
    """The bucket of row i, or -1 for a dense key outside the table's range."""
    if dense:
        b = keys[0, i] - lo
        return b if 0 <= b < size else -1
    return np.int64(_row_hash(keys, i) & np.uint64(size - 1))


@numba.njit(nogil=True, cache=True)
def dense_range(keys: np.ndarray, valid: np.ndarray) -> tuple[int, int]:
    """(min, max) of the valid keys of a one-column key matrix; (0, -1) when there are none."""
    lo, hi, seen = 0, -1, False
    for i in range(keys.shape[1]):
        if valid[i]:
            v = keys[0, i]
            if not seen:
                lo, hi, seen = v, v, True
            elif v < lo:
                lo = v
            elif v > hi:
                hi = v
    return lo, hi


@numba.njit(nogil=True, cache=True)
def build(keys: np.ndarray, valid: np.ndarray, dense: bool, lo: int,
          size: int) -> tuple[np.ndarray, np.ndarray]:
    """(bucket heads, next-row links) for the rows of `keys` whose `valid` is set. `size` is a
    power of two (hashed) or the key range (dense)."""
    n = keys.shape[1]
    heads = np.full(size, -1, dtype=np.int64)
    links = np.full(n, -1, dtype=np.int64)
    for i in range(n - 1, -1, -1):
        if valid[i]:
            b = _bucket(keys, i, dense, lo, size)
            links[i] = heads[b]
            heads[b] = i
    return heads, links


@numba.njit(nogil=True, cache=True)
def probe(bkeys: np.ndarray, heads: np.ndarray, links: np.ndarray, pkeys: np.ndarray,
          pvalid: np.ndarray, dense: bool, lo: int) -> tuple[np.ndarray, np.ndarray]:
    """(probe rows, build rows) of every pair with equal key words."""
    m = pkeys.shape[1]
    cap = max(m, 16)
    pi = np.empty(cap, dtype=np.int64)
    bi = np.empty(cap, dtype=np.int64)
    count = 0
    size = heads.shape[0]
    for i in range(m):
        if not pvalid[i]:
            continue
        b = _bucket(pkeys, i, dense, lo, size)
        j = heads[b] if b >= 0 else -1
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
                 pvalid: np.ndarray, dense: bool, lo: int, build_seen: np.ndarray) -> np.ndarray:
    """Which probe rows have a match; marks the matched build rows in `build_seen`."""
    m = pkeys.shape[1]
    found = np.zeros(m, dtype=np.bool_)
    size = heads.shape[0]
    for i in range(m):
        if not pvalid[i]:
            continue
        b = _bucket(pkeys, i, dense, lo, size)
        j = heads[b] if b >= 0 else -1
        while j != -1:
            if _same(bkeys, j, pkeys, i):
                found[i] = True
                build_seen[j] = True
            j = links[j]
    return found
