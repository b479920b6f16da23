"""HashingTF and FeatureHasher: the hashing trick with Spark's MurmurHash3 (x86, 32-bit,
seed 42, `Murmur3_x86_32.hashUnsafeBytes2`), so indices equal PySpark's.

Hashing runs as one Numba kernel over a partition's flattened UTF-8 string buffer; the counts
become a CSR matrix (duplicates summed) and a sparse vector column, never densified."""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
import pyarrow as pa
import scipy.sparse as sp

from dfengine.errors import IllegalArgumentException
from dfengine.ml.feature._common import TC, KwargsInit, P, Transformer, append, vector_type
from dfengine.ml.feature._text_arrow import string_buffers
from dfengine.ml.linalg.arrow import csr_to_vector_array
from dfengine.ml.param.shared import HasInputCol, HasInputCols, HasOutputCol

SEED = 42
_M = 0xFFFFFFFF


@numba.njit(cache=True, nogil=True)
def _mix_k1(k1: int) -> int:
    k1 = (k1 * 0xCC9E2D51) & 0xFFFFFFFF
    k1 = ((k1 << 15) | (k1 >> 17)) & 0xFFFFFFFF
    return (k1 * 0x1B873593) & 0xFFFFFFFF


@numba.njit(cache=True, nogil=True)
def _mix_h1(h1: int, k1: int) -> int:
    h1 ^= k1
    h1 = ((h1 << 13) | (h1 >> 19)) & 0xFFFFFFFF
    return (h1 * 5 + 0xE6546B64) & 0xFFFFFFFF


@numba.njit(cache=True, nogil=True)
def murmur3_strings(data: np.ndarray, offsets: np.ndarray, seed: int) -> np.ndarray:
    """Murmur3 x86_32 of each string `data[offsets[i]:offsets[i+1]]`, as signed int32."""
    n = offsets.size - 1
    out = np.empty(n, dtype=np.int64)
    for i in range(n):
        a, b = offsets[i], offsets[i + 1]
        length = b - a
        h1 = seed & 0xFFFFFFFF
        aligned = a + (length - length % 4)
        for j in range(a, aligned, 4):
            k1 = (np.int64(data[j]) | (np.int64(data[j + 1]) << 8)
                  | (np.int64(data[j + 2]) << 16) | (np.int64(data[j + 3]) << 24))
            h1 = _mix_h1(h1, _mix_k1(k1))
        k1 = 0
        shift = 0
        for j in range(aligned, b):
            k1 ^= np.int64(data[j]) << shift
            shift += 8
        h1 ^= _mix_k1(k1)
        h1 ^= length
        h1 ^= h1 >> 16
        h1 = (h1 * 0x85EBCA6B) & 0xFFFFFFFF
        h1 ^= h1 >> 13
        h1 = (h1 * 0xC2B2AE35) & 0xFFFFFFFF
        h1 ^= h1 >> 16
        out[i] = h1 - 4294967296 if h1 >= 2147483648 else h1
    return out


def hash_strings(arr: pa.Array) -> np.ndarray:
    """Spark's murmur3 hash (seed 42) of every string of a string array (nulls hash to 42)."""
    if len(arr) == 0:
        return np.zeros(0, dtype=np.int64)
    h = murmur3_strings(*string_buffers(arr), SEED)
    if arr.null_count:
        h[arr.is_null().to_numpy(zero_copy_only=False)] = SEED
    return h


@numba.njit(cache=True, nogil=True)
def _term_counts(indptr: np.ndarray, idx: np.ndarray) -> tuple:
    """CSR (indptr, sorted indices, counts) of the hashed terms `idx` of each row."""
    n = indptr.size - 1
    out_ptr = np.zeros(n + 1, np.int64)
    out_idx = np.empty(idx.size, np.int32)
    out_val = np.empty(idx.size, np.float64)
    k = 0
    for r in range(n):
        row = np.sort(idx[indptr[r]:indptr[r + 1]])
        j = 0
        while j < row.size:
            v = row[j]
            c = 0
            while j < row.size and row[j] == v:
                c += 1
                j += 1
            out_idx[k] = v
            out_val[k] = c
            k += 1
        out_ptr[r + 1] = k
    return out_ptr, out_idx[:k], out_val[:k]


def hash_index(h: np.ndarray, num_features: int) -> np.ndarray:
    """Spark's `Utils.nonNegativeMod(hash, numFeatures)`."""
    return np.mod(h, num_features)


class _HashTF:
    def __init__(self, col: str, out: str, n: int, binary: bool):
        self.col, self.out, self.n, self.binary = col, out, n, binary

    def __call__(self, table: pa.Table) -> dict:
        col = table.column(self.col)
        col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
        if not (pa.types.is_list(col.type) or pa.types.is_large_list(col.type)):
            raise IllegalArgumentException(
                f"requirement failed: The input column must be array, but got {col.type}.")
        rows = len(col)
        lengths = col.value_lengths().fill_null(0).to_numpy(zero_copy_only=False)
        indptr = np.zeros(rows + 1, np.int64)
        np.cumsum(lengths, out=indptr[1:])
        idx = hash_index(hash_strings(col.flatten()), self.n)
        ptr, cols, counts = _term_counts(indptr, idx.astype(np.int32))
        csr = sp.csr_matrix((counts, cols, ptr), shape=(rows, self.n))
        if self.binary:
            csr.data[:] = 1.0
        nulls = col.is_null().to_numpy(zero_copy_only=False) if col.null_count else None
        return {self.out: csr_to_vector_array(csr, nulls)}


class HashingTF(KwargsInit, Transformer, HasInputCol, HasOutputCol):
    """Term frequencies of arrays of terms, hashed into `numFeatures` buckets."""

    numFeatures = P("numFeatures", "Number of features. Should be greater than 0.", TC.toInt)
    binary = P("binary", "If True, all non zero counts are set to 1. This is useful for "
               "discrete probabilistic models that model binary events rather than integer "
               "counts. Default False.", TC.toBoolean)
    _defaults = {"numFeatures": 1 << 18, "binary": False}

    def indexOf(self, term: Any) -> int:
        return int(hash_index(hash_strings(pa.array([str(term)])), self.getNumFeatures())[0])

    def _transform(self, dataset: Any) -> Any:
        col, out = self.getInputCol(), self.getOutputCol()
        fn = _HashTF(col, out, self.getNumFeatures(), self.getBinary())
        return append(dataset, [col], fn, [(out, vector_type())])


def _java_str(col: pa.Array) -> pa.Array:
    """Column values as Java's toString would print them (for categorical hashing)."""
    if pa.types.is_boolean(col.type):
        return pa.array([None if v is None else ("true" if v else "false")
                         for v in col.to_pylist()], pa.string())
    if pa.types.is_floating(col.type):
        return pa.array([None if v is None else repr(float(v)) for v in col.to_pylist()],
                        pa.string())
    return col.cast(pa.string())


class _Hasher:
    def __init__(self, cols: list[str], categorical: set, out: str, n: int):
        self.cols, self.categorical, self.out, self.n = cols, categorical, out, n

    def _entries(self, table: pa.Table, c: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        col = table.column(c).combine_chunks()
        valid = ~col.is_null().to_numpy(zero_copy_only=False)
        numeric = (pa.types.is_integer(col.type) or pa.types.is_floating(col.type)
                   or pa.types.is_decimal(col.type)) and c not in self.categorical
        if numeric:
            h = hash_strings(pa.array([c]))[0]
            vals = col.cast(pa.float64()).fill_null(0.0).to_numpy(zero_copy_only=False)
            return np.flatnonzero(valid), np.full(valid.sum(), hash_index(h, self.n)), \
                vals[valid]
        names = pa.compute.binary_join_element_wise(c + "=", _java_str(col), "")
        idx = hash_index(hash_strings(names), self.n)
        return np.flatnonzero(valid), idx[valid], np.ones(valid.sum())

    def __call__(self, table: pa.Table) -> dict:
        parts = [self._entries(table, c) for c in self.cols]
        rows = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, int)
        idx = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, int)
        val = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0)
        csr = sp.csr_matrix((val, (rows, idx)), shape=(table.num_rows, self.n))
        csr.sum_duplicates()
        return {self.out: csr_to_vector_array(csr)}


class FeatureHasher(KwargsInit, Transformer, HasInputCols, HasOutputCol):
    """Hash several columns (numeric: value at hash(name); string/bool/categorical: 1.0 at
    hash(name=value)) into one sparse feature vector."""

    numFeatures = HashingTF.numFeatures
    categoricalCols = P("categoricalCols", "numeric columns to treat as categorical",
                        TC.toListString)
    _defaults = {"numFeatures": 1 << 18}

    def _transform(self, dataset: Any) -> Any:
        import pyarrow.compute  # noqa: F401  (pa.compute used in the partition function)

        cols, out = self.getInputCols(), self.getOutputCol()
        cat = set(self.getCategoricalCols()) if self.isSet("categoricalCols") else set()
        fn = _Hasher(cols, cat, out, self.getNumFeatures())
        return append(dataset, cols, fn, [(out, vector_type())])


__all__ = ["FeatureHasher", "HashingTF", "hash_strings"]
_ = _M
