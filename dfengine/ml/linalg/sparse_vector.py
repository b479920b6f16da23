"""`SparseVector`: PySpark's sparse vector (size, sorted int32 indices, float64 values)."""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.ml.linalg.dense_vector import DenseVector, format_float
from dfengine.sql.types import VectorUDT


def _other_array(other: Any) -> np.ndarray:
    if isinstance(other, SparseVector):
        return other.toArray()
    return other.toArray() if hasattr(other, "toArray") else np.asarray(other, dtype=float)


class SparseVector:
    """A sparse vector: `SparseVector(4, {1: 1.0, 3: 5.5})`, `SparseVector(4, [1, 3], [1., 5.5])`
    or `SparseVector(4, [(1, 1.0), (3, 5.5)])`, as in `pyspark.ml.linalg`."""

    __slots__ = ("size", "indices", "values")
    __UDT__ = VectorUDT()

    def __init__(self, size: int, *args: Any):
        self.size = int(size)
        if len(args) == 1:
            pairs = args[0]
            if isinstance(pairs, dict):
                pairs = list(pairs.items())
            pairs = sorted((int(i), float(v)) for i, v in pairs)
            idx = [i for i, _ in pairs]
            vals = [v for _, v in pairs]
        elif len(args) == 2:
            idx, vals = args
            if isinstance(idx, bytes):
                idx, vals = np.frombuffer(idx, np.int32), np.frombuffer(vals, np.float64)
        else:
            raise TypeError("SparseVector takes (size, dict), (size, pairs) or "
                            "(size, indices, values)")
        self.indices = np.array(idx, dtype=np.int32).reshape(-1)
        self.values = np.array(vals, dtype=np.float64).reshape(-1)
        self._check()

    def _check(self) -> None:
        if self.indices.size != self.values.size:
            raise ValueError(f"Index and value arrays must have the same length: "
                             f"{self.indices.size} indices, {self.values.size} values")
        if self.indices.size:
            if np.any(np.diff(self.indices) <= 0):
                order = np.argsort(self.indices, kind="stable")
                self.indices, self.values = self.indices[order], self.values[order]
                if np.any(np.diff(self.indices) == 0):
                    raise ValueError("Indices contain duplicates")
            if self.indices[0] < 0 or self.indices[-1] >= self.size:
                raise ValueError(f"Index {int(self.indices[-1])} out of bounds for a vector "
                                 f"of size {self.size}")

    @classmethod
    def _raw(cls, size: int, indices: np.ndarray, values: np.ndarray) -> SparseVector:
        v = cls.__new__(cls)
        v.size = int(size)
        v.indices = np.asarray(indices, dtype=np.int32)
        v.values = np.asarray(values, dtype=np.float64)
        return v

    def toArray(self) -> np.ndarray:
        out = np.zeros(self.size)
        out[self.indices] = self.values
        return out

    def toDense(self) -> DenseVector:
        return DenseVector(self.toArray())

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self.toArray() if dtype is None else self.toArray().astype(dtype)

    def numNonzeros(self) -> int:
        return int(np.count_nonzero(self.values))

    def numActives(self) -> int:
        return int(self.values.size)

    def norm(self, p: float) -> float:
        return float(np.linalg.norm(self.values, p))

    def dot(self, other: Any) -> float:
        if isinstance(other, SparseVector):
            common, ia, ib = np.intersect1d(self.indices, other.indices, assume_unique=True,
                                            return_indices=True)
            return float(self.values[ia] @ other.values[ib])
        arr = _other_array(other)
        if arr.ndim == 2:
            return self.values @ arr[self.indices]
        if len(arr) != self.size:
            raise ValueError(f"dimension mismatch: {self.size} vs {len(arr)}")
        return float(self.values @ arr[self.indices])

    def squared_distance(self, other: Any) -> float:
        diff = self.toArray() - _other_array(other)
        return float(diff @ diff)

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: int) -> float:
        if not isinstance(index, (int, np.integer)):
            raise TypeError("Indices must be of type integer, got type %s" % type(index))
        if index >= self.size or index < -self.size:
            raise IndexError("Index %d out of bounds." % index)
        if index < 0:
            index += self.size
        pos = np.searchsorted(self.indices, index)
        if pos < self.indices.size and self.indices[pos] == index:
            return float(self.values[pos])
        return 0.0

    def __iter__(self):
        return iter(self.toArray().tolist())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SparseVector):
            return (other.size == self.size and np.array_equal(other.indices, self.indices)
                    and np.array_equal(other.values, self.values))
        if isinstance(other, DenseVector):
            return len(other) == self.size and np.array_equal(other.array, self.toArray())
        return False

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        nz = self.values != 0
        return hash((self.size, tuple(self.indices[nz].tolist()),
                     tuple(self.values[nz].tolist())))

    def __str__(self) -> str:
        inds = ",".join(str(int(i)) for i in self.indices)
        vals = ",".join(str(float(v)) for v in self.values)
        return f"({self.size},[{inds}],[{vals}])"

    def __repr__(self) -> str:
        entries = ", ".join(f"{int(i)}: {format_float(v)}"
                            for i, v in zip(self.indices, self.values))
        return f"SparseVector({self.size}, {{{entries}}})"

    def __reduce__(self) -> Any:
        return SparseVector, (self.size, self.indices.tobytes(), self.values.tobytes())
