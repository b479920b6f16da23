"""Converting between vector columns (Arrow) and numpy row-major matrices.

Vector columns are stored as Arrow `fixed_size_list<double>` (or `list<double>`, whichever
`dfengine.sql.types.to_arrow_type(VectorUDT())` declares), so a partition's features become a
numpy `(rows, d)` matrix without a copy of each row: the flat child values are reshaped.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa


def vector_arrow_type() -> pa.DataType:
    """The Arrow type the SQL layer declares for `VectorUDT` columns."""
    from dfengine.sql.types import VectorUDT, to_arrow_type

    return to_arrow_type(VectorUDT())


def matrix_to_vector_array(mat: np.ndarray, nulls: np.ndarray | None = None) -> pa.Array:
    """A `(rows, d)` float matrix as an Arrow vector column of the declared vector type."""
    mat = np.ascontiguousarray(mat, dtype=np.float64)
    rows, d = mat.shape if mat.ndim == 2 else (mat.shape[0], 0)
    flat = pa.array(mat.reshape(-1), type=pa.float64())
    mask = pa.array(nulls) if nulls is not None and nulls.any() else None
    target = vector_arrow_type()
    if pa.types.is_fixed_size_list(target):
        return pa.FixedSizeListArray.from_arrays(flat, d, mask=mask)
    offsets = pa.array(np.arange(0, rows * d + 1, d if d else 1, dtype=np.int32)[: rows + 1]
                       if d else np.zeros(rows + 1, dtype=np.int32))
    return pa.ListArray.from_arrays(offsets, flat, mask=mask)


def vector_column_to_matrix(col: pa.ChunkedArray | pa.Array, name: str = "features") -> \
        tuple[np.ndarray, np.ndarray]:
    """A vector column as a `(rows, d)` float64 matrix and a boolean null mask.

    Null vectors become rows of NaN. Vectors of different lengths raise a clear error.
    """
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    n = len(col)
    nulls = col.is_null().to_numpy(zero_copy_only=False) if col.null_count else \
        np.zeros(n, dtype=bool)
    if pa.types.is_fixed_size_list(col.type):
        d = col.type.list_size
        values = col.flatten() if col.offset or col.null_count else col.values
        if col.null_count:
            out = np.full((n, d), np.nan)
            out[~nulls] = values.to_numpy(zero_copy_only=False).reshape(-1, d)
            return out, nulls
        return values.to_numpy(zero_copy_only=False).astype(np.float64, copy=False) \
            .reshape(n, d), nulls
    if pa.types.is_list(col.type) or pa.types.is_large_list(col.type):
        lengths = col.value_lengths().fill_null(0).to_numpy(zero_copy_only=False)
        present = lengths[~nulls]
        d = int(present[0]) if present.size else 0
        if present.size and (present != d).any():
            from dfengine.errors import IllegalArgumentException

            raise IllegalArgumentException(
                f"Vector column '{name}' holds vectors of different sizes "
                f"({int(present.min())} to {int(present.max())}); all must have size {d}.")
        values = col.flatten().to_numpy(zero_copy_only=False).astype(np.float64, copy=False)
        if col.null_count:
            out = np.full((n, d), np.nan)
            out[~nulls] = values.reshape(-1, d)
            return out, nulls
        return values.reshape(n, d), nulls
    from dfengine.errors import IllegalArgumentException

    raise IllegalArgumentException(
        f"Column '{name}' must be of type vector (Arrow fixed_size_list<double>) but is "
        f"{col.type}. Use VectorAssembler to build a features vector.")
