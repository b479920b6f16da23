"""`DenseVector` and `DenseMatrix`: PySpark's local linear-algebra values, backed by numpy.

They are what users see in collected rows (`row.features`) and model attributes
(`model.coefficients`), so they mirror PySpark's behaviour: `repr` is `DenseVector([1.0, 2.0])`,
`str` is `[1.0,2.0]`, equality compares values, arithmetic is elementwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from dfengine.sql.types import VectorUDT


class DenseVector:
    """A dense vector of float64 values."""

    __slots__ = ("array",)
    __array_priority__ = 100
    __UDT__ = VectorUDT()  # how createDataFrame infers a vector column, as in PySpark

    def __init__(self, ar: Any):
        if isinstance(ar, bytes):
            ar = np.frombuffer(ar, dtype=np.float64)
        elif isinstance(ar, DenseVector):
            ar = ar.array
        self.array = np.array(ar, dtype=np.float64).reshape(-1)

    @property
    def values(self) -> np.ndarray:
        return self.array

    def toArray(self) -> np.ndarray:
        return self.array

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self.array if dtype is None else self.array.astype(dtype)

    def __len__(self) -> int:
        return len(self.array)

    def __iter__(self):
        return iter(self.array.tolist())

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, slice):
            return DenseVector(self.array[item])
        return float(self.array[item])

    def numNonzeros(self) -> int:
        return int(np.count_nonzero(self.array))

    def norm(self, p: float) -> float:
        return float(np.linalg.norm(self.array, p))

    def dot(self, other: Any) -> float:
        other = other.toArray() if hasattr(other, "toArray") else np.asarray(other)
        if other.ndim == 2:
            return self.array @ other
        if len(other) != len(self.array):
            raise ValueError(f"dimension mismatch: {len(self.array)} vs {len(other)}")
        return float(self.array @ other)

    def squared_distance(self, other: Any) -> float:
        other = other.toArray() if hasattr(other, "toArray") else np.asarray(other)
        diff = self.array - other
        return float(diff @ diff)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DenseVector):
            return np.array_equal(self.array, other.array)
        if hasattr(other, "indices") and hasattr(other, "size"):
            return len(self.array) == other.size and np.array_equal(self.array, other.toArray())
        return False

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(tuple(self.array.tolist()))

    def __repr__(self) -> str:
        return f"DenseVector([{', '.join(format_float(v) for v in self.array)}])"

    def __str__(self) -> str:
        return "[" + ",".join(_fmt(v) for v in self.array) + "]"

    def __reduce__(self) -> Any:
        return DenseVector, (self.array.tobytes(),)

    def _op(self, other: Any, fn: Any) -> DenseVector:
        if isinstance(other, DenseVector):
            other = other.array
        return DenseVector(fn(self.array, other))

    def __neg__(self) -> DenseVector:
        return DenseVector(-self.array)

    def __add__(self, o: Any) -> DenseVector:
        return self._op(o, np.add)

    def __sub__(self, o: Any) -> DenseVector:
        return self._op(o, np.subtract)

    def __mul__(self, o: Any) -> DenseVector:
        return self._op(o, np.multiply)

    def __truediv__(self, o: Any) -> DenseVector:
        return self._op(o, np.divide)

    def __radd__(self, o: Any) -> DenseVector:
        return self._op(o, lambda a, b: b + a)

    def __rsub__(self, o: Any) -> DenseVector:
        return self._op(o, lambda a, b: b - a)

    def __rmul__(self, o: Any) -> DenseVector:
        return self._op(o, lambda a, b: b * a)


def _fmt(v: float) -> str:
    return repr(float(v))


def format_float(f: float, digits: int = 4) -> str:
    """PySpark's short float format in vector/matrix reprs (`round` to 4 digits)."""
    s = str(round(float(f), digits))
    if "." in s:
        s = s[: s.index(".") + 1 + digits]
    return s


class DenseMatrix:
    """A column-major dense matrix (PySpark's `DenseMatrix`)."""

    def __init__(self, numRows: int, numCols: int, values: Iterable[float],
                 isTransposed: bool = False):
        self.numRows = int(numRows)
        self.numCols = int(numCols)
        self.values = np.asarray(list(values) if not isinstance(values, np.ndarray) else values,
                                 dtype=np.float64).reshape(-1)
        self.isTransposed = bool(isTransposed)
        if self.values.size != self.numRows * self.numCols:
            raise ValueError(f"DenseMatrix needs {self.numRows * self.numCols} values, "
                             f"got {self.values.size}")

    @classmethod
    def _from_array(cls, arr: np.ndarray) -> DenseMatrix:
        arr = np.asarray(arr, dtype=np.float64)
        return cls(arr.shape[0], arr.shape[1], arr.reshape(-1, order="F"))

    def toArray(self) -> np.ndarray:
        order = "C" if self.isTransposed else "F"
        return self.values.reshape((self.numRows, self.numCols), order=order)

    def __getitem__(self, idx: tuple[int, int]) -> float:
        return float(self.toArray()[idx])

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, DenseMatrix) and self.numRows == other.numRows
                and self.numCols == other.numCols
                and np.array_equal(self.toArray(), other.toArray()))

    def toSparse(self) -> Any:
        from dfengine.ml.linalg.matrices import SparseMatrix

        return SparseMatrix._from_array(self.toArray())

    def __repr__(self) -> str:
        vals = self.values
        entries = [format_float(v) for v in vals] if len(vals) < 17 else \
            [format_float(v) for v in vals[:8]] + ["..."] + [format_float(v) for v in vals[-8:]]
        return (f"DenseMatrix({self.numRows}, {self.numCols}, [{', '.join(entries)}], "
                f"{self.isTransposed})")

    def __str__(self) -> str:
        lines = repr(self.toArray()).splitlines()
        rest = "\n".join(" " * 6 + line for line in lines[1:])
        return lines[0].replace("array", "DenseMatrix") + "\n" + rest
