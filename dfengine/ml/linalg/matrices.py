"""`SparseMatrix` (CSC, as Spark) and the `Matrices` factory of `pyspark.ml.linalg`."""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.ml.linalg.dense_vector import DenseMatrix, format_float


class SparseMatrix:
    """A column-compressed sparse matrix (`isTransposed=True`: row-compressed)."""

    def __init__(self, numRows: int, numCols: int, colPtrs: Any, rowIndices: Any, values: Any,
                 isTransposed: bool = False):
        self.numRows, self.numCols = int(numRows), int(numCols)
        self.isTransposed = bool(isTransposed)
        self.colPtrs = np.asarray(colPtrs, dtype=np.int32)
        self.rowIndices = np.asarray(rowIndices, dtype=np.int32)
        self.values = np.asarray(values, dtype=np.float64)
        outer = self.numRows if self.isTransposed else self.numCols
        if self.colPtrs.size != outer + 1:
            raise ValueError(f"Expected colPtrs of size {outer + 1}, got {self.colPtrs.size}.")
        if self.rowIndices.size != self.values.size:
            raise ValueError(f"Expected rowIndices of length {self.values.size}, got "
                             f"{self.rowIndices.size}.")

    @classmethod
    def _from_array(cls, arr: np.ndarray) -> SparseMatrix:
        import scipy.sparse as sp

        csc = sp.csc_matrix(np.asarray(arr, dtype=np.float64))
        return cls(arr.shape[0], arr.shape[1], csc.indptr, csc.indices, csc.data)

    def _scipy(self) -> Any:
        import scipy.sparse as sp

        if self.isTransposed:
            return sp.csr_matrix((self.values, self.rowIndices, self.colPtrs),
                                 shape=(self.numRows, self.numCols))
        return sp.csc_matrix((self.values, self.rowIndices, self.colPtrs),
                             shape=(self.numRows, self.numCols))

    def toArray(self) -> np.ndarray:
        return self._scipy().toarray()

    def toDense(self) -> DenseMatrix:
        return DenseMatrix._from_array(self.toArray())

    def __getitem__(self, idx: tuple[int, int]) -> float:
        return float(self.toArray()[idx])

    def __eq__(self, other: object) -> bool:
        return (hasattr(other, "toArray") and getattr(other, "numRows", -1) == self.numRows
                and getattr(other, "numCols", -1) == self.numCols
                and np.array_equal(self.toArray(), other.toArray()))

    def __str__(self) -> str:
        kind = "CSRMatrix" if self.isTransposed else "CSCMatrix"
        lines = [f"{self.numRows} X {self.numCols} {kind}"]
        col = 0
        for i, (r, v) in enumerate(zip(self.rowIndices[:16], self.values[:16])):
            while self.colPtrs[col + 1] <= i:
                col += 1
            pair = (col, r) if self.isTransposed else (r, col)
            lines.append(f"({pair[0]},{pair[1]}) {format_float(v)}")
        text = "\n".join(lines)
        return text + ("\n.." * 2 if self.values.size > 16 else "")

    def __repr__(self) -> str:
        def short(xs: Any, fmt: Any) -> str:
            xs = list(xs)
            items = [fmt(x) for x in xs] if len(xs) <= 16 else \
                [fmt(x) for x in xs[:8]] + ["..."] + [fmt(x) for x in xs[-8:]]
            return "[" + ", ".join(items) + "]"

        return (f"SparseMatrix({self.numRows}, {self.numCols}, {short(self.colPtrs, str)}, "
                f"{short(self.rowIndices, str)}, {short(self.values, format_float)}, "
                f"{self.isTransposed})")


class Matrices:
    @staticmethod
    def dense(numRows: int, numCols: int, values: Any) -> DenseMatrix:
        return DenseMatrix(numRows, numCols, values)

    @staticmethod
    def sparse(numRows: int, numCols: int, colPtrs: Any, rowIndices: Any,
               values: Any) -> SparseMatrix:
        return SparseMatrix(numRows, numCols, colPtrs, rowIndices, values)


def compressed_matrix(arr: Any) -> DenseMatrix | SparseMatrix:
    """Spark's `Matrix.compressed`: dense, or sparse column- or row-major, whichever Spark's
    size estimate (bytes of the arrays plus headers) finds smallest."""
    import scipy.sparse as sp

    arr = np.atleast_2d(np.asarray(arr, dtype=np.float64))
    rows, cols = arr.shape
    nnz = int(np.count_nonzero(arr))

    def sparse_size(ptrs: int) -> int:
        return 12 * nnz + 4 * ptrs + 45

    dense, csc, csr = 8 * rows * cols + 21, sparse_size(cols + 1), sparse_size(rows + 1)
    if dense <= min(csc, csr):
        return DenseMatrix._from_array(arr)
    if csc <= csr:
        return SparseMatrix._from_array(arr)
    m = sp.csr_matrix(arr)
    return SparseMatrix(rows, cols, m.indptr, m.indices, m.data, isTransposed=True)


def compressed_vector(values: Any) -> Any:
    """Spark's `Vector.compressed`: sparse when `1.5 * (nnz + 1) < size`, else dense."""
    from dfengine.ml.linalg.dense_vector import DenseVector
    from dfengine.ml.linalg.sparse_vector import SparseVector

    v = np.asarray(values, dtype=np.float64).ravel()
    nz = np.flatnonzero(v)
    if 1.5 * (nz.size + 1.0) < v.size:
        return SparseVector(v.size, nz.tolist(), v[nz].tolist())
    return DenseVector(v)
