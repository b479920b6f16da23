"""A chained hash table over one int64 key word per row, compiled with Numba.

Joins build it once on the small side and probe it from every partition of the other side;
Arrow's hash join cannot be reused across calls, so a broadcast build side of a million rows
was hashed again for each probe partition. The caller reduces each row's join key to one
word: the value itself for one integer-like column, several such columns packed into 63
bits, or else a 64-bit hash whose candidate pairs the caller then verifies.

Dense words (a range a few times the row count, as surrogate keys are) skip hashing: the word
minus the minimum is the bucket, and the table is each bucket's rows side by side (a counting
sort), so probing with keys that arrive in order (lineitem by orderkey) walks memory in order
too. Hashed tables insert rows last-to-first, so walking a chain yields build rows in
ascending order; either way pairs come out sorted by (probe row, build row).
"""

from __future__ import annotations

import numpy as np

from dfengine.kernels._jit import njit
from dfengine.kernels.hashing import _mix


@njit(nogil=True, cache=True, inline="always")
def _bucket(key: np.int64, dense: bool, lo: np.int64, size: np.int64) -> np.int64:
    """The bucket of a key, or -1 for a dense key outside the table's range."""
    if dense:
        b = key - lo
        return b if 0 <= b < size else -1
    return np.int64(_mix(np.uint64(key)) & np.uint64(size - 1))


@njit(nogil=True, cache=True)
def key_range(keys: np.ndarray, valid: np.ndarray) -> tuple[int, int]:
    """(min, max) of the valid keys; (0, -1) when there are none."""
    lo, hi, seen = 0, -1, False
    for i in range(keys.shape[0]):
        if valid[i]:
            v = keys[i]
            if not seen:
                lo, hi, seen = v, v, True
            elif v < lo:
                lo = v
            elif v > hi:
                hi = v
    return lo, hi


@njit(nogil=True, cache=True)
def key_bits(keys: np.ndarray, valid: np.ndarray, lo: int, span: int) -> np.ndarray:
    """A bitmap over [lo, lo + span) with the bit of every valid key set."""
    bits = np.zeros((span + 63) >> 6, dtype=np.uint64)
    for i in range(keys.shape[0]):
        if valid[i]:
            off = keys[i] - lo
            bits[off >> 6] |= np.uint64(1) << np.uint64(off & 63)
    return bits


@njit(nogil=True, cache=True)
def in_bits(keys: np.ndarray, valid: np.ndarray, bits: np.ndarray, lo: int,
            span: int) -> np.ndarray:
    """Which valid keys have their bit set in a `key_bits` bitmap (a key the build side
    lacks is then skipped by the probe without touching the table)."""
    out = np.zeros(keys.shape[0], dtype=np.bool_)
    for i in range(keys.shape[0]):
        if valid[i]:
            off = keys[i] - lo
            if 0 <= off < span:
                out[i] = ((bits[off >> 6] >> np.uint64(off & 63)) & np.uint64(1)) != 0
    return out


def build(keys: np.ndarray, valid: np.ndarray, dense: bool, lo: int,
          size: int) -> tuple[np.ndarray, np.ndarray]:
    """(bucket heads, next-row links) for the rows whose `valid` is set. `size` is a power of
    two (hashed) or the key range (dense: then (starts, rows), see `_fill_dense`)."""
    # int32 offsets while they fit: a dense table spans the key range (6M order keys for
    # 1.5M orders), and half the bytes are half the fresh pages the build touches and half
    # the cache lines a probe misses
    dtype = np.int32 if keys.shape[0] < 2**31 - 1 else np.int64
    if not dense:
        heads = np.full(size, -1, dtype=dtype)
        links = np.full(keys.shape[0], -1, dtype=dtype)
        _link_hashed(keys, valid, heads, links)
        return heads, links
    starts = np.zeros(size + 1, dtype=dtype)
    rows = np.empty(int(np.count_nonzero(valid)), dtype=dtype)
    _fill_dense(keys, valid, lo, starts, rows)
    return starts, rows


@njit(nogil=True, cache=True)
def _link_hashed(keys: np.ndarray, valid: np.ndarray, heads: np.ndarray,
                 links: np.ndarray) -> None:
    """Chains of rows per hashed bucket (`heads`, all -1, a power of two long)."""
    n = keys.shape[0]
    size = heads.shape[0]
    for i in range(n - 1, -1, -1):
        if valid[i]:
            b = _bucket(keys[i], False, 0, size)
            links[i] = heads[b]
            heads[b] = i


@njit(nogil=True, cache=True)
def _fill_dense(keys: np.ndarray, valid: np.ndarray, lo: int, starts: np.ndarray,
                rows: np.ndarray) -> None:
    """A dense table as (starts, rows): the build rows of key lo + b are
    rows[starts[b]:starts[b + 1]], ascending. A key's rows sit side by side, where a chain
    jumped across the whole build side (Q13: ten orders per customer, ten cache misses per
    probe). `starts` (zeros, one more than the key range) serves as each bucket's fill
    cursor, then is shifted back: no second array of the key range's size."""
    size = starts.shape[0] - 1
    n = keys.shape[0]
    for i in range(n):
        if valid[i]:
            starts[keys[i] - lo + 1] += 1
    for b in range(size):
        starts[b + 1] += starts[b]
    for i in range(n):
        if valid[i]:
            b = keys[i] - lo
            rows[starts[b]] = i
            starts[b] += 1
    for b in range(size, 0, -1):
        starts[b] = starts[b - 1]
    starts[0] = 0


@njit(nogil=True, cache=True)
def _probe_dense(heads: np.ndarray, links: np.ndarray, pkeys: np.ndarray, pvalid: np.ndarray,
                 lo: int, start: int, pi: np.ndarray, bi: np.ndarray) -> tuple[int, int]:
    """`_probe_into` over a dense (starts, rows) table."""
    m = pkeys.shape[0]
    cap = pi.shape[0]
    count = 0
    size = heads.shape[0] - 1
    for i in range(start, m):
        if not pvalid[i]:
            continue
        b = pkeys[i] - lo
        if b < 0 or b >= size:
            continue
        first, end = heads[b], heads[b + 1]
        if count + end - first > cap:
            return count, i
        for t in range(first, end):
            pi[count] = i
            bi[count] = links[t]
            count += 1
    return count, m


@njit(nogil=True, cache=True)
def _probe_into(bkeys: np.ndarray, heads: np.ndarray, links: np.ndarray, pkeys: np.ndarray,
                pvalid: np.ndarray, dense: bool, lo: int, start: int, pi: np.ndarray,
                bi: np.ndarray) -> tuple[int, int]:
    """Fill (pi, bi) with pairs from probe row `start` on; (pairs written, first row not
    done). Stops before a row whose pairs don't all fit, so the caller can resume there with
    more room (growing the buffers inside this loop would make it twice as slow)."""
    m = pkeys.shape[0]
    cap = pi.shape[0]
    count = 0
    size = heads.shape[0]
    for i in range(start, m):
        if not pvalid[i]:
            continue
        k = pkeys[i]
        b = _bucket(k, dense, lo, size)
        j = heads[b] if b >= 0 else -1
        row_start = count
        while j != -1:
            if bkeys[j] == k:
                if count == cap:
                    return row_start, i
                pi[count] = i
                bi[count] = j
                count += 1
            j = links[j]
    return count, m


def probe(bkeys: np.ndarray, heads: np.ndarray, links: np.ndarray, pkeys: np.ndarray,
          pvalid: np.ndarray, dense: bool, lo: int) -> tuple[np.ndarray, np.ndarray]:
    """(probe rows, build rows) of every pair with equal key words."""
    m = pkeys.shape[0]
    cap = max(m, 16)
    pis, bis = [], []
    start = 0
    while True:
        pi = np.empty(cap, dtype=np.int64)
        bi = np.empty(cap, dtype=np.int64)
        if dense:
            count, start = _probe_dense(heads, links, pkeys, pvalid, lo, start, pi, bi)
        else:
            count, start = _probe_into(bkeys, heads, links, pkeys, pvalid, dense, lo, start,
                                       pi, bi)
        pis.append(pi[:count])
        bis.append(bi[:count])
        if start >= m:
            break
        cap *= 2
    if len(pis) == 1:
        return pis[0], bis[0]
    return np.concatenate(pis), np.concatenate(bis)


@njit(nogil=True, cache=True)
def probe_exists(bkeys: np.ndarray, heads: np.ndarray, links: np.ndarray, pkeys: np.ndarray,
                 pvalid: np.ndarray, dense: bool, lo: int, build_seen: np.ndarray) -> np.ndarray:
    """Which probe rows have a match; marks the matched build rows in `build_seen`."""
    m = pkeys.shape[0]
    found = np.zeros(m, dtype=np.bool_)
    size = heads.shape[0]
    if dense:
        for i in range(m):
            b = pkeys[i] - lo
            if pvalid[i] and 0 <= b < size - 1:
                for t in range(heads[b], heads[b + 1]):
                    found[i] = True
                    build_seen[links[t]] = True
        return found
    for i in range(m):
        if not pvalid[i]:
            continue
        k = pkeys[i]
        b = _bucket(k, dense, lo, size)
        j = heads[b] if b >= 0 else -1
        while j != -1:
            if bkeys[j] == k:
                found[i] = True
                build_seen[j] = True
            j = links[j]
    return found


@njit(nogil=True, cache=True)
def pack(columns: np.ndarray, valid: np.ndarray, lows: np.ndarray, highs: np.ndarray,
         shifts: np.ndarray) -> np.ndarray:
    """One word per row from several integer columns, each offset by its low and shifted
    into its own bits; rows with a value outside [low, high] can't match and turn invalid."""
    n = columns.shape[1]
    out = np.zeros(n, dtype=np.int64)
    for i in range(n):
        if not valid[i]:
            continue
        w = np.int64(0)
        for c in range(columns.shape[0]):
            v = columns[c, i]
            if v < lows[c] or v > highs[c]:
                valid[i] = False
                break
            w |= (v - lows[c]) << shifts[c]
        out[i] = w
    return out
