"""Row hashing for hash partitioning (shuffles, joins, aggregations), compiled with Numba.

pyarrow has no public hash kernel, and Python's `hash` is salted per process, so two workers
would disagree on where a key goes. These kernels read Arrow buffers directly (fixed-width
values, or offsets + bytes for strings), release the GIL and give the same 64-bit hash for the
same value on every machine. Both sides of a join are coerced to one type by the analyzer, so
equal keys always hash equally.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from dfengine.kernels._jit import njit
from dfengine.types.arrow import numpy_values, valid_mask

_NULL_HASH = np.uint64(0x9E3779B97F4A7C15)


@njit(nogil=True, cache=True)
def _mix(x: np.uint64) -> np.uint64:
    x ^= x >> np.uint64(33)
    x *= np.uint64(0xFF51AFD7ED558CCD)
    x ^= x >> np.uint64(33)
    x *= np.uint64(0xC4CEB9FE1A85EC53)
    x ^= x >> np.uint64(33)
    return x


@njit(nogil=True, cache=True)
def _combine_fixed(acc: np.ndarray, values: np.ndarray, valid: np.ndarray) -> None:
    for i in range(acc.shape[0]):
        h = _mix(np.uint64(values[i])) if valid[i] else np.uint64(0x9E3779B97F4A7C15)
        acc[i] = _mix(acc[i] * np.uint64(31) + h)


@njit(nogil=True, cache=True)
def _combine_bytes(acc: np.ndarray, offsets: np.ndarray, data: np.ndarray,
                   valid: np.ndarray) -> None:
    for i in range(acc.shape[0]):
        if valid[i]:
            h = np.uint64(0xCBF29CE484222325)
            for j in range(offsets[i], offsets[i + 1]):
                h ^= np.uint64(data[j])
                h *= np.uint64(0x100000001B3)
            h = _mix(h)
        else:
            h = np.uint64(0x9E3779B97F4A7C15)
        acc[i] = _mix(acc[i] * np.uint64(31) + h)


def _valid_mask(arr: pa.Array) -> np.ndarray:
    return valid_mask(arr)


def _as_array(col: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    if pa.types.is_dictionary(col.type):
        col = col.dictionary_decode()
    if pa.types.is_string_view(col.type) or pa.types.is_large_string(col.type):
        col = col.cast(pa.string())
    return col


def _fixed_values(arr: pa.Array) -> np.ndarray:
    """The column as int64 words: same value -> same word, for every fixed-width type."""
    t = arr.type
    if pa.types.is_decimal(t):
        width = t.byte_width
        buf = np.frombuffer(arr.buffers()[1], dtype=np.int64)
        words = width // 8
        return buf[arr.offset * words: (arr.offset + len(arr)) * words: words].copy()
    values = numpy_values(arr)  # from the buffers: to_numpy would import pandas
    if values is not None:
        if arr.null_count:  # as fill_null(0 / False)
            values = np.where(valid_mask(arr), values, 0)
        if pa.types.is_floating(t):
            f = np.asarray(values, dtype=np.float64)
            f = np.where(f == 0.0, 0.0, f)
            f = np.where(np.isnan(f), np.nan, f)
            return f.view(np.int64)
        return np.asarray(values, dtype=np.int64)
    if arr.null_count:  # fill_null copies even when there is nothing to fill
        arr = arr.fill_null(False if pa.types.is_boolean(t) else 0)
    if pa.types.is_floating(t):
        f = np.asarray(arr.to_numpy(zero_copy_only=False), dtype=np.float64)
        f = np.where(f == 0.0, 0.0, f)
        f = np.where(np.isnan(f), np.nan, f)
        return f.view(np.int64)
    if pa.types.is_boolean(t):
        return np.asarray(arr.to_numpy(zero_copy_only=False), dtype=np.int64)
    if pa.types.is_date(t) or pa.types.is_timestamp(t) or pa.types.is_time(t) or (
            pa.types.is_duration(t)):
        arr = arr.view(pa.int32() if t.bit_width == 32 else pa.int64())
    return np.asarray(arr.to_numpy(zero_copy_only=False), dtype=np.int64)


def hash_columns(columns: list) -> np.ndarray:
    """A uint64 hash per row over all `columns` (arrays or chunked arrays of equal length)."""
    n = len(columns[0]) if columns else 0
    acc = np.zeros(n, dtype=np.uint64)
    for col in columns:
        arr = _as_array(col)
        valid = _valid_mask(arr)
        t = arr.type
        if pa.types.is_string(t) or pa.types.is_binary(t):
            offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32)[
                arr.offset: arr.offset + len(arr) + 1]
            data_buf = arr.buffers()[2]
            data = (np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None
                    else np.zeros(0, dtype=np.uint8))
            _combine_bytes(acc, offsets.astype(np.int64), data, valid)
        elif pa.types.is_large_binary(t):
            offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[
                arr.offset: arr.offset + len(arr) + 1]
            data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
            _combine_bytes(acc, offsets, data, valid)
        elif pa.types.is_null(t):
            _combine_fixed(acc, np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.bool_))
        elif (pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t)
              or pa.types.is_boolean(t) or pa.types.is_temporal(t)):
            _combine_fixed(acc, _fixed_values(arr), valid)
        else:
            # Nested values: hash their canonical text (rare in keys).
            text = pa.array([None if v is None else repr(v) for v in arr.to_pylist()],
                            pa.string())
            _combine_bytes(acc, np.frombuffer(text.buffers()[1], dtype=np.int32)[
                : len(text) + 1].astype(np.int64),
                np.frombuffer(text.buffers()[2], dtype=np.uint8) if text.buffers()[2] else
                np.zeros(0, np.uint8), _valid_mask(text))
    return acc


def partition_ids(columns: list, num_partitions: int) -> np.ndarray:
    """The partition (0..n-1) of each row when hash-partitioning by `columns`."""
    if num_partitions == 1:
        return np.zeros(len(columns[0]), dtype=np.int64)
    return (hash_columns(columns) % np.uint64(num_partitions)).astype(np.int64)


@njit(nogil=True, cache=True)
def partition_order(pid: np.ndarray, num_partitions: int) -> tuple[np.ndarray, np.ndarray]:
    """(row order grouping rows by partition, rows per partition): a stable counting sort,
    O(n) where argsort is O(n log n)."""
    counts = np.zeros(num_partitions, dtype=np.int64)
    for i in range(pid.shape[0]):
        counts[pid[i]] += 1
    starts = np.zeros(num_partitions, dtype=np.int64)
    for p in range(1, num_partitions):
        starts[p] = starts[p - 1] + counts[p - 1]
    order = np.empty(pid.shape[0], dtype=np.int64)
    for i in range(pid.shape[0]):
        p = pid[i]
        order[starts[p]] = i
        starts[p] += 1
    return order, counts
