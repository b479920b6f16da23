"""Exact decimal arithmetic on scaled 64-bit integers.

A decimal128 value that fits in 64 bits is stored in its low 8 bytes as an ordinary two's
complement integer, so a decimal(15,2) column *is* an int64 column of cents once we look at
the buffer with a stride of two words. Arithmetic on those integers (with the scale tracked
beside them) is exact and an order of magnitude cheaper than Arrow's decimal kernels, which
widen to decimal256 for Spark's result types. Every operation checks magnitudes first and
returns None when int64 could overflow, so callers fall back to the general path; the answer
never depends on which path ran.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from dfengine.kernels._jit import njit
from dfengine.types.arrow import valid_mask

_MAX = 2**62  # headroom: |result| < 2**62 leaves room for rounding adjustments
POW10 = np.array([10**i for i in range(19)], dtype=np.int64)


def fits_int64(t: pa.DataType) -> bool:
    """Whether every value of the type fits (wider decimals may still, see `as_int64`)."""
    return pa.types.is_decimal128(t) and t.precision <= 18


def to_int64(arr: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray | None]:
    """(scaled values, validity or None) of a decimal128 array with precision <= 18."""
    out = as_int64(arr)
    assert out is not None
    return out


def as_int64(arr: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray | None] | None:
    """(scaled values, validity or None) of a decimal128 array whose values all fit in 64
    bits, else None. Results of our own arithmetic are typed decimal(38, s) yet small, so a
    wide type is checked value by value (the high word must extend the low word's sign)."""
    if not pa.types.is_decimal128(arr.type):
        return None
    if isinstance(arr, pa.ChunkedArray):
        if arr.num_chunks > 1 and arr.type.precision <= 18:
            return _chunked_int64(arr)
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    words = np.frombuffer(arr.buffers()[1], dtype=np.int64)
    words = words[2 * arr.offset: 2 * (arr.offset + len(arr))]
    valid = None
    if arr.null_count:
        valid = valid_mask(arr)  # to_numpy would import pandas
    if arr.type.precision <= 18:
        values = words[0::2]
    else:
        values = _low_words(words, valid)
        if values is None:
            return None
    if valid is not None:
        values = np.where(valid, values, 0)
    return values, valid


def _chunked_int64(arr: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray | None]:
    """`as_int64` of a narrow decimal in several chunks (a filtered scan of several row
    groups): the low words of each chunk copied once into one contiguous array, instead of
    combining the 16-byte values first and reading every other word of the copy."""
    parts = [as_int64(chunk) for chunk in arr.chunks]
    values = np.concatenate([p[0] for p in parts])
    if all(p[1] is None for p in parts):
        return values, None
    valid = np.concatenate([p[1] if p[1] is not None else np.ones(len(p[0]), dtype=np.bool_)
                            for p in parts])
    return values, valid


@njit(nogil=True, cache=True)
def _low_words_kernel(words: np.ndarray, valid: np.ndarray, has_valid: bool) -> tuple:
    n = words.shape[0] // 2
    out = np.empty(n, dtype=np.int64)
    for i in range(n):
        lo = words[2 * i]
        if (not has_valid or valid[i]) and words[2 * i + 1] != (lo >> 63):
            return out, False
        out[i] = lo
    return out, True


def _low_words(words: np.ndarray, valid: np.ndarray | None) -> np.ndarray | None:
    v = valid if valid is not None else np.ones(0, dtype=np.bool_)
    out, ok = _low_words_kernel(words, v, valid is not None)
    return out if ok else None


@njit(nogil=True, cache=True)
def _interleave(values: np.ndarray) -> np.ndarray:
    words = np.empty(2 * values.shape[0], dtype=np.int64)
    for i in range(values.shape[0]):
        v = values[i]
        words[2 * i] = v
        words[2 * i + 1] = v >> 63
    return words


def from_int64(values: np.ndarray, valid: np.ndarray | None, precision: int,
               scale: int) -> pa.Array:
    """A decimal128(precision, scale) array whose unscaled values are `values`."""
    words = _interleave(np.ascontiguousarray(values, dtype=np.int64))
    return _from_words(words, len(values), valid, precision, scale)


def _from_words(words: np.ndarray, n: int, valid: np.ndarray | None, precision: int,
                scale: int) -> pa.Array:
    mask_buf = None
    null_count = 0
    if valid is not None and not valid.all():
        mask_buf = pa.py_buffer(np.packbits(valid, bitorder="little"))
        null_count = int(n - valid.sum())
    return pa.Array.from_buffers(pa.decimal128(precision, scale), n,
                                 [mask_buf, pa.py_buffer(words)], null_count=null_count)


@njit(nogil=True, cache=True)
def _rescale_down(values: np.ndarray, factor: np.int64) -> np.ndarray:
    """Divide by `factor` rounding HALF_UP (away from zero on ties), as Spark rounds."""
    out = np.empty_like(values)
    half = factor // 2
    for i in range(values.shape[0]):
        v = values[i]
        if v >= 0:
            out[i] = (v + half) // factor
        else:
            out[i] = -((-v + half) // factor)
    return out


@njit(nogil=True, cache=True)
def _max_abs(values: np.ndarray) -> int:
    m = 0
    for i in range(values.shape[0]):
        v = values[i]
        if v < 0:
            v = -v  # int64 min stays negative: caught below
            if v < 0:
                return 2**63 - 1
        m = max(m, v)
    return m


def _bound(values: np.ndarray) -> int:
    return int(_max_abs(values)) if values.size else 0


def rescale(values: np.ndarray, from_scale: int, to_scale: int) -> np.ndarray | None:
    if to_scale == from_scale:
        return values
    if to_scale > from_scale:
        f = int(POW10[to_scale - from_scale]) if to_scale - from_scale < 19 else None
        if f is None or _bound(values) * f >= _MAX:
            return None
        return values * np.int64(f)
    k = from_scale - to_scale
    if k >= 19:
        return np.zeros_like(values)
    return _rescale_down(values, np.int64(POW10[k]))


def _operand(x: pa.Array | pa.ChunkedArray | pa.Scalar) -> tuple | None:
    """(values, validity or None, scale); a scalar is one value that every row shares."""
    if isinstance(x, pa.Scalar):
        if not pa.types.is_decimal128(x.type) or not x.is_valid:
            return None
        v = int(x.as_py().scaleb(x.type.scale))
        if abs(v) >= _MAX:
            return None
        return np.array([v], dtype=np.int64), None, x.type.scale
    got = as_int64(x)
    if got is None:
        return None
    values, valid = got
    return values, valid, x.type.scale


_OPS = {"+": 0, "-": 1, "*": 2}


@njit(nogil=True, cache=True)
def _arith_kernel(av: np.ndarray, bv: np.ndarray, n: int, op: int, fa: np.int64,
                  fb: np.int64, down: np.int64, limit: np.int64) -> tuple:
    """Decimal128 words of (a*fa) op (b*fb), divided by `down` rounding HALF_UP, in one pass;
    (words, False) as soon as a value could overflow or reach `limit` (then nothing is
    used). A one-element operand is a scalar."""
    words = np.empty(2 * n, dtype=np.int64)
    mx = np.int64(_MAX)
    half = down // 2
    xmax, ymax = mx // fa, mx // fb  # divisions hoisted: |x| < xmax keeps x * fa in range
    small = np.int64(1 << 31)  # two factors below 2**31 can't overflow a product
    for i in range(n):
        x = av[i] if av.shape[0] > 1 or n == 1 else av[0]
        y = bv[i] if bv.shape[0] > 1 or n == 1 else bv[0]
        if x >= xmax or x <= -xmax or y >= ymax or y <= -ymax:
            return words, False
        x *= fa
        y *= fb
        if op == 2:
            if (x >= small or x <= -small or y >= small or y <= -small) and x != 0 and (
                    y >= mx // abs(x) or y <= -mx // abs(x)):
                return words, False
            r = x * y
        else:
            if x >= mx or x <= -mx or y >= mx or y <= -mx:
                return words, False
            r = x + y if op == 0 else x - y
        if down != 1:
            r = (r + half) // down if r >= 0 else -((-r + half) // down)
        if r >= limit or r <= -limit:
            return words, False
        words[2 * i] = r
        words[2 * i + 1] = r >> 63
    return words, True


def arith(op: str, a: pa.Array | pa.Scalar, b: pa.Array | pa.Scalar, precision: int,
          scale: int) -> pa.Array | None:
    """a op b for + - * as decimal(precision, scale), or None to use the general path."""
    if op not in _OPS:
        return None
    n = len(a) if not isinstance(a, pa.Scalar) else (len(b) if not isinstance(b, pa.Scalar)
                                                     else 1)
    la, lb = _operand(a), _operand(b)
    if la is None or lb is None:
        return None
    av, avalid, sa = la
    bv, bvalid, sb = lb
    fa = fb = 1
    if op == "*":
        s = sa + sb
    else:
        s = max(sa, sb)
        if s - sa >= 19 or s - sb >= 19:
            return None
        fa, fb = int(POW10[s - sa]), int(POW10[s - sb])
    if scale > s:
        if scale - s >= 19:
            return None
        if op == "*":
            fa *= int(POW10[scale - s])  # exact: scaling one factor scales the product
        else:
            fa, fb = fa * int(POW10[scale - s]), fb * int(POW10[scale - s])
        down = 1
    else:
        if s - scale >= 19:
            return None
        down = int(POW10[s - scale])
    if fa >= _MAX or fb >= _MAX:
        return None
    limit = 10**min(precision, 18)
    words, ok = _arith_kernel(av, bv, n, _OPS[op], np.int64(fa), np.int64(fb), np.int64(down),
                              np.int64(limit))
    if not ok:
        return None
    valid = avalid if bvalid is None else (bvalid if avalid is None else avalid & bvalid)
    return _from_words(words, n, valid, precision, scale)


def sum_to_decimal(values: np.ndarray, valid: np.ndarray | None) -> bool:
    """Whether summing these scaled values in int64 cannot overflow."""
    return _bound(values) * max(len(values), 1) < _MAX


@njit(nogil=True, cache=True)
def kept_words(words: np.ndarray, stride: int, keep: np.ndarray, has_keep: bool,
               out: np.ndarray, start: int) -> tuple:
    """Copy every `stride`-th word of the rows `keep` keeps (all rows without `has_keep`)
    into `out` from `start`: the int64 values of an int64 column (stride 1) or the
    unscaled values of a narrow decimal128 one (stride 2, the low words). Returns (end,
    largest magnitude); the magnitude of int64's minimum counts as 2**63 - 1."""
    j = start
    m = 0
    for i in range(words.shape[0] // stride):
        if has_keep and not keep[i]:
            continue
        v = words[i * stride]
        out[j] = v
        j += 1
        a = -v if v < 0 else v
        if a < 0:
            a = 2**63 - 1
        if a > m:
            m = a
    return j, m


@njit(nogil=True, cache=True)
def gathered_words(words: np.ndarray, stride: int, rows: np.ndarray, out: np.ndarray,
                   start: int) -> tuple:
    """`kept_words` for a sparse selection: the rows are given by number (ascending), so
    only they are visited."""
    m = 0
    for j in range(rows.shape[0]):
        v = words[rows[j] * stride]
        out[start + j] = v
        a = -v if v < 0 else v
        if a < 0:
            a = 2**63 - 1
        if a > m:
            m = a
    return start + rows.shape[0], m


def sparse_rows(keep: np.ndarray | None, count: int) -> np.ndarray | None:
    """The numbers of the kept rows when under a quarter of the rows are kept (Q6, Q14,
    Q15: one date range of seven years), else None: visiting only them beats a pass over
    every row of every column."""
    if keep is None or count * 4 >= len(keep):
        return None
    return np.flatnonzero(keep)


def kept_values(col: pa.Array | pa.ChunkedArray, keep: np.ndarray | None,
                count: int, rows: np.ndarray | None = None) -> tuple[np.ndarray, int] | None:
    """(values of the kept rows, their largest magnitude) of a NULL-free int64 column or
    decimal128 column of precision <= 18 (unscaled), in one pass over its buffers; None for
    other columns. `rows` (`sparse_rows` of `keep`) visits only the kept rows."""
    t = col.type
    if pa.types.is_int64(t):
        stride = 1
    elif pa.types.is_decimal128(t) and t.precision <= 18:
        stride = 2
    else:
        return None
    if col.null_count:
        return None
    out = np.empty(count, dtype=np.int64)
    none = np.ones(0, dtype=np.bool_)
    chunks = col.chunks if isinstance(col, pa.ChunkedArray) else [col]
    j, m, row = 0, 0, 0
    for c in chunks:
        words = np.frombuffer(c.buffers()[1], dtype=np.int64)[
            stride * c.offset: stride * (c.offset + len(c))]
        if rows is not None:
            lo, hi = np.searchsorted(rows, [row, row + len(c)])
            j, cm = gathered_words(words, stride, rows[lo:hi] - row, out, j)
        else:
            part = keep[row:row + len(c)] if keep is not None else none
            j, cm = kept_words(words, stride, part, keep is not None, out, j)
        m = max(m, int(cm))
        row += len(c)
    return out, m
