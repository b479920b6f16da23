"""Vector columns in Arrow, and their numpy / scipy views.

A vector column is stored as Spark's VectorUDT struct, so dense and sparse vectors mix in one
column and parquet files keep Spark's layout:

    struct<type: int8 (0 sparse, 1 dense), size: int32, indices: list<int32>, values: list<double>>

Dense rows hold `values` only (size and indices null); sparse rows hold all four. A partition
becomes a `(rows, d)` float64 matrix (`vector_column_to_matrix`, densifying) or a scipy CSR
matrix (`vector_column_to_csr`, never densifying) with a few vectorized numpy steps, no Python
loop over rows. Older `list<double>` / `fixed_size_list<double>` columns are read as dense.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException

VECTOR_STRUCT = pa.struct([
    pa.field("type", pa.int8(), False),
    pa.field("size", pa.int32()),
    pa.field("indices", pa.list_(pa.field("element", pa.int32(), False))),
    pa.field("values", pa.list_(pa.field("element", pa.float64(), False))),
])


def vector_arrow_type() -> pa.DataType:
    """The Arrow type the SQL layer declares for `VectorUDT` columns."""
    from dfengine.sql.types import VectorUDT, to_arrow_type

    return to_arrow_type(VectorUDT())


def _list_array(offsets: np.ndarray, flat: pa.Array, list_type: pa.DataType) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32), pa.int32()), flat,
                                    type=list_type)


def _struct(types: np.ndarray, sizes: pa.Array, indices: pa.Array, values: pa.Array,
            nulls: np.ndarray | None) -> pa.Array:
    target = vector_arrow_type()
    mask = pa.array(nulls, pa.bool_()) if nulls is not None and nulls.any() else None
    if not pa.types.is_struct(target):   # a SQL layer still declaring list<double> storage
        return values if mask is None else pa.ListArray.from_arrays(
            values.offsets, values.values, mask=mask)
    return pa.StructArray.from_arrays(
        [pa.array(types, pa.int8()), sizes, indices, values], fields=list(VECTOR_STRUCT),
        mask=mask)


def matrix_to_vector_array(mat: np.ndarray, nulls: np.ndarray | None = None) -> pa.Array:
    """A `(rows, d)` float matrix as a column of dense vectors."""
    mat = np.ascontiguousarray(mat, dtype=np.float64)
    rows, d = mat.shape if mat.ndim == 2 else (mat.shape[0], 0)
    offsets = np.arange(rows + 1, dtype=np.int64) * d
    values = _list_array(offsets, pa.array(mat.reshape(-1), pa.float64()),
                         VECTOR_STRUCT.field("values").type)
    return _struct(np.ones(rows, np.int8), pa.nulls(rows, pa.int32()),
                   pa.nulls(rows, VECTOR_STRUCT.field("indices").type), values, nulls)


def csr_to_vector_array(csr: Any, nulls: np.ndarray | None = None) -> pa.Array:
    """A scipy CSR matrix as a column of sparse vectors (indices sorted per row)."""
    csr = csr.tocsr()
    csr.sort_indices()
    rows, d = csr.shape
    indptr = np.asarray(csr.indptr, dtype=np.int64)
    indices = _list_array(indptr, pa.array(csr.indices.astype(np.int32), pa.int32()),
                          VECTOR_STRUCT.field("indices").type)
    values = _list_array(indptr, pa.array(csr.data.astype(np.float64), pa.float64()),
                         VECTOR_STRUCT.field("values").type)
    return _struct(np.zeros(rows, np.int8), pa.array(np.full(rows, d, np.int32)), indices,
                   values, nulls)


def vectors_to_array(vectors: list) -> pa.Array:
    """Python vectors (DenseVector, SparseVector, lists or None) as a vector column."""
    from dfengine.sql.types import VectorUDT

    udt = VectorUDT()
    return pa.array([None if v is None else udt.serialize(v) for v in vectors],
                    type=vector_arrow_type())


def _combine(col: pa.ChunkedArray | pa.Array) -> pa.Array:
    if isinstance(col, pa.ChunkedArray):
        return col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    return col


def _null_mask(col: pa.Array) -> np.ndarray:
    if col.null_count:
        return col.is_null().to_numpy(zero_copy_only=False)
    return np.zeros(len(col), dtype=bool)


def _coo_parts(col: pa.Array, name: str) -> tuple:
    """(d, row pointers, column indices, values, null mask, all rows dense) of a column."""
    nulls = _null_mask(col)
    n = len(col)
    if pa.types.is_struct(col.type):
        kind, size, inds, vals = col.flatten()
        types = kind.fill_null(1).to_numpy(zero_copy_only=False).astype(np.int8)
        vlen = vals.value_lengths().fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
        flat = vals.flatten().to_numpy(zero_copy_only=False).astype(np.float64, copy=False)
        sizes = np.where(types == 0, size.fill_null(0).to_numpy(zero_copy_only=False), vlen)
        sparse_rows = types == 0
        all_dense = not sparse_rows.any()
        cols = np.empty(flat.size, dtype=np.int64)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(vlen, out=indptr[1:])
        row_of = np.repeat(np.arange(n), vlen)
        sparse_v = sparse_rows[row_of]
        cols[~sparse_v] = np.arange(flat.size)[~sparse_v] - indptr[row_of[~sparse_v]]
        if sparse_v.any():
            cols[sparse_v] = inds.flatten().to_numpy(zero_copy_only=False)
    elif pa.types.is_list(col.type) or pa.types.is_large_list(col.type) or \
            pa.types.is_fixed_size_list(col.type):
        vlen = (col.value_lengths().fill_null(0).to_numpy(zero_copy_only=False)
                if not pa.types.is_fixed_size_list(col.type)
                else np.where(nulls, 0, col.type.list_size)).astype(np.int64)
        flat = col.flatten().to_numpy(zero_copy_only=False).astype(np.float64, copy=False)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(vlen, out=indptr[1:])
        cols = np.arange(flat.size) - np.repeat(indptr[:-1], vlen)
        sizes = vlen
        all_dense = True
    else:
        raise IllegalArgumentException(
            f"Column '{name}' must be of type struct<type:tinyint,size:int,indices:array<int>,"
            f"values:array<double>> but was actually {col.type}. Use VectorAssembler to build "
            f"a features vector.")
    present = sizes[~nulls]
    d = int(present[0]) if present.size else 0
    if present.size and (present != d).any():
        raise IllegalArgumentException(
            f"Vector column '{name}' holds vectors of different sizes ({int(present.min())} to "
            f"{int(present.max())}); all must have size {d}.")
    return d, indptr, cols, flat, nulls, all_dense


def vector_column_to_matrix(col: pa.ChunkedArray | pa.Array, name: str = "features") -> \
        tuple[np.ndarray, np.ndarray]:
    """A vector column as a dense `(rows, d)` float64 matrix and a boolean null mask.

    Null vectors become rows of NaN. Vectors of different sizes raise a clear error.
    """
    col = _combine(col)
    d, indptr, cols, flat, nulls, all_dense = _coo_parts(col, name)
    n = len(col)
    if all_dense and flat.size == n * d:
        out = flat.reshape(n, d).copy() if flat.size else np.zeros((n, d))
    else:
        out = np.zeros((n, d))
        out[np.repeat(np.arange(n), np.diff(indptr)), cols] = flat
    if nulls.any():
        out[nulls] = np.nan
    return out, nulls


def vector_column_to_csr(col: pa.ChunkedArray | pa.Array, name: str = "features") -> \
        tuple[Any, np.ndarray]:
    """A vector column as a scipy CSR matrix (never densified) and a null mask."""
    import scipy.sparse as sp

    col = _combine(col)
    d, indptr, cols, flat, nulls, _ = _coo_parts(col, name)
    if not flat.flags.writeable:
        flat = flat.copy()
    csr = sp.csr_matrix((flat, cols.astype(np.int32), indptr), shape=(len(col), d))
    return csr, nulls


def vector_column_to_list(col: pa.ChunkedArray | pa.Array) -> list:
    """A vector column as Python DenseVector / SparseVector objects (None for nulls)."""
    from dfengine.ml.linalg.vectors import vector_from_struct

    return [vector_from_struct(v) for v in _combine(col).to_pylist()]


def is_vector_column(col: pa.ChunkedArray | pa.Array) -> bool:
    t = col.type
    return (pa.types.is_struct(t) and [f.name for f in t] == ["type", "size", "indices",
                                                               "values"]) or \
        pa.types.is_fixed_size_list(t)



def sparse_rows_of(col: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Which rows of a vector column are stored sparse (type 0)."""
    col = _combine(col)
    if not pa.types.is_struct(col.type):
        return np.zeros(len(col), dtype=bool)
    return col.flatten()[0].fill_null(1).to_numpy(zero_copy_only=False) == 0


def mixed_vector_array(mat: np.ndarray, sparse_rows: np.ndarray,
                       nulls: np.ndarray | None = None) -> pa.Array:
    """Rows of `mat` as vectors: sparse (nonzeros only) where `sparse_rows`, else dense."""
    mat = np.ascontiguousarray(mat, dtype=np.float64)
    rows, d = mat.shape
    if not sparse_rows.any():
        return matrix_to_vector_array(mat, nulls)
    keep = (mat != 0) | ~sparse_rows[:, None]
    offsets = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(keep.sum(axis=1), out=offsets[1:])
    values = _list_array(offsets, pa.array(mat[keep], pa.float64()),
                         VECTOR_STRUCT.field("values").type)
    cols = np.broadcast_to(np.arange(d, dtype=np.int32), mat.shape)
    sp_keep = keep & sparse_rows[:, None]
    ioffsets = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(sp_keep.sum(axis=1), out=ioffsets[1:])
    indices = pa.ListArray.from_arrays(
        pa.array(ioffsets.astype(np.int32)), pa.array(cols[sp_keep], pa.int32()),
        type=VECTOR_STRUCT.field("indices").type, mask=pa.array(~sparse_rows))
    sizes = pa.array(np.full(rows, d, np.int32), mask=~sparse_rows)
    return _struct(np.where(sparse_rows, 0, 1).astype(np.int8), sizes, indices, values, nulls)


def compressed_vector_array(mat: np.ndarray, nulls: np.ndarray | None = None) -> pa.Array:
    """Rows of `mat` as Spark's `Vector.compressed`: a row is stored sparse when
    `1.5 * (nnz + 1) < size`, else dense (what VectorAssembler and friends output)."""
    mat = np.asarray(mat, dtype=np.float64)
    return mixed_vector_array(mat, 1.5 * ((mat != 0).sum(axis=1) + 1.0) < mat.shape[1], nulls)
