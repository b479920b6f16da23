"""Row-wise vector transformers: Normalizer, ElementwiseProduct, PolynomialExpansion, DCT,
Binarizer, VectorSlicer, VectorSizeHint, Interaction (as in `pyspark.ml.feature`)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml.feature._common import (
    TC,
    KwargsInit,
    P,
    Transformer,
    VectorMap,
    append,
    numeric_values,
    vector_type,
)
from dfengine.ml.linalg.arrow import (
    compressed_vector_array,
    matrix_to_vector_array,
    vector_column_to_matrix,
)
from dfengine.ml.param.shared import (
    HasHandleInvalid,
    HasInputCol,
    HasInputCols,
    HasOutputCol,
    HasOutputCols,
)


def _field_type(dataset: Any, name: str) -> Any:
    from dfengine.ml._frame import field_type

    return field_type(dataset, name)


class _Unary(KwargsInit, Transformer, HasInputCol, HasOutputCol):
    """A transformer of one vector column into one vector column."""

    _csr_ok = False

    def _fn(self) -> Any:
        raise NotImplementedError

    def _transform(self, dataset: Any) -> Any:
        col, out = self.getInputCol(), self.getOutputCol()
        return append(dataset, [col], VectorMap(col, out, self._fn(), self._csr_ok),
                      [(out, vector_type())])


class _Normalize:
    def __init__(self, p: float):
        self.p = p

    def __call__(self, X: Any) -> Any:
        import scipy.sparse as sp

        if sp.issparse(X):
            absx = abs(X)
            norms = (np.asarray(absx.max(axis=1).todense()).ravel() if np.isinf(self.p) else
                     np.asarray(absx.power(self.p).sum(axis=1)).ravel() ** (1.0 / self.p))
            scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms != 0)
            return sp.diags(scale) @ X
        norms = np.linalg.norm(X, ord=self.p, axis=1)
        return X / np.where(norms == 0, 1.0, norms)[:, None]


class Normalizer(_Unary):
    """Normalize each vector to unit p-norm."""

    p = P("p", "the p norm value.", TC.toFloat)
    _defaults = {"p": 2.0}
    _csr_ok = True

    def _fn(self) -> Any:
        if self.getP() < 1.0:
            raise IllegalArgumentException("requirement failed: p must be >= 1")
        return _Normalize(self.getP())


class _Scale:
    def __init__(self, v: np.ndarray):
        self.v = v

    def __call__(self, X: Any) -> Any:
        import scipy.sparse as sp

        if X.shape[0] and X.shape[1] != self.v.size:
            raise IllegalArgumentException(
                f"requirement failed: vector sizes do not match: Expected {self.v.size} but "
                f"found {X.shape[1]}")
        return sp.csr_matrix(X.multiply(self.v)) if sp.issparse(X) else X * self.v


class ElementwiseProduct(_Unary):
    """Multiply each vector elementwise by `scalingVec` (Hadamard product)."""

    scalingVec = P("scalingVec", "Vector for hadamard product.", TC.toVector)
    _csr_ok = True

    def _fn(self) -> Any:
        return _Scale(np.asarray(self.getScalingVec().toArray(), dtype=float))


def _poly_terms(d: int, degree: int) -> list[tuple[int, ...]]:
    """Spark's PolynomialExpansion order: expand(first k features) recursively, last feature
    varying slowest: terms of x0..x_{k-1} times powers of x_k."""
    if d == 0:
        return [()]

    def rec(k: int, deg: int) -> list[tuple[int, ...]]:
        if k < 0:
            return [()]
        out = []
        for p in range(deg + 1):
            out.extend(t + (k,) * p for t in rec(k - 1, deg - p))
        return out

    return [t for t in rec(d - 1, degree) if t]


class _Poly:
    def __init__(self, degree: int):
        self.degree = degree
        self.terms: dict[int, list] = {}

    def __call__(self, X: np.ndarray) -> np.ndarray:
        d = X.shape[1]
        terms = self.terms.setdefault(d, _poly_terms(d, self.degree))
        out = np.empty((X.shape[0], len(terms)))
        for j, t in enumerate(terms):
            out[:, j] = np.prod(X[:, list(t)], axis=1)
        return out


class PolynomialExpansion(_Unary):
    """Expand a vector into the polynomial space of the given degree (Spark's term order)."""

    degree = P("degree", "the polynomial degree to expand, which should be >= 1.", TC.toInt)
    _defaults = {"degree": 2}

    def _fn(self) -> Any:
        if self.getDegree() < 1:
            raise IllegalArgumentException("requirement failed: degree should be >= 1")
        return _Poly(self.getDegree())


class _Dct:
    def __init__(self, inverse: bool):
        self.inverse = inverse

    def __call__(self, X: np.ndarray) -> np.ndarray:
        from scipy.fft import dct, idct

        if X.shape[1] == 0:
            return X
        return (idct if self.inverse else dct)(X, type=2, norm="ortho", axis=1)


class DCT(_Unary):
    """The 1-D type-II discrete cosine transform (scaled to be unitary), or its inverse."""

    inverse = P("inverse", "Set transformer to perform inverse DCT, default False.",
                TC.toBoolean)
    _defaults = {"inverse": False}

    def _transform(self, dataset: Any) -> Any:
        col, out = self.getInputCol(), self.getOutputCol()
        return append(dataset, [col], _DenseOut(col, out, _Dct(self.getInverse())),
                      [(out, vector_type())])


class _DenseOut:
    def __init__(self, col: str, out: str, fn: Any):
        self.col, self.out, self.fn = col, out, fn

    def __call__(self, table: pa.Table) -> dict:
        X, nulls = vector_column_to_matrix(table.column(self.col), self.col)
        return {self.out: matrix_to_vector_array(self.fn(X), nulls)}


class _Binarize:
    def __init__(self, cols: list[str], outs: list[str], thresholds: list[float]):
        self.cols, self.outs, self.thresholds = cols, outs, thresholds

    def __call__(self, table: pa.Table) -> dict:
        from dfengine.ml.linalg.arrow import is_vector_column

        res = {}
        for c, o, t in zip(self.cols, self.outs, self.thresholds):
            col = table.column(c)
            if is_vector_column(col):  # each row compressed, as Spark's `.compressed`
                X, nulls = vector_column_to_matrix(col, c)
                res[o] = compressed_vector_array((t < X).astype(float), nulls)
            else:
                res[o] = pa.array((numeric_values(table, c) > t).astype(float))
        return res


class Binarizer(KwargsInit, Transformer, HasInputCol, HasOutputCol, HasInputCols, HasOutputCols):
    """Threshold numerical features (or vectors) to binary 0/1 values."""

    threshold = P("threshold", "Param for threshold used to binarize continuous features. The "
                  "features greater than the threshold will be binarized to 1.0. The features "
                  "equal to or less than the threshold will be binarized to 0.0", TC.toFloat)
    thresholds = P("thresholds", "Param for array of threshold used to binarize continuous "
                   "features.", TC.toListFloat)
    _defaults = {"threshold": 0.0}

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import DoubleType, VectorUDT

        if self.isSet("inputCols"):
            cols, outs = self.getInputCols(), self.getOutputCols()
            ths = self.getThresholds() if self.isSet("thresholds") else \
                [self.getThreshold()] * len(cols)
        else:
            cols, outs, ths = [self.getInputCol()], [self.getOutputCol()], [self.getThreshold()]
        types = [vector_type() if isinstance(_field_type(dataset, c), VectorUDT) else DoubleType()
                 for c in cols]
        return append(dataset, cols, _Binarize(cols, outs, ths), list(zip(outs, types)))


class VectorSlicer(_Unary):
    """A sub-vector of the input vector at the given indices."""

    indices = P("indices", "An array of indices to select features from a vector column. "
                "There can be no overlap with names.", TC.toListInt)
    names = P("names", "An array of feature names to select features from a vector column. "
              "There can be no overlap with indices.", TC.toListString)
    _defaults = {"indices": [], "names": []}

    def _fn(self) -> Any:
        if self.getNames():
            raise IllegalArgumentException(
                "VectorSlicer by names needs ML attribute metadata, which dfengine columns do "
                "not carry; select by indices.")
        idx = list(self.getIndices())
        if len(set(idx)) != len(idx) or any(i < 0 for i in idx):
            raise IllegalArgumentException(
                f"requirement failed: VectorSlicer requires indices to be unique and "
                f">= 0; got {idx}")
        return _Slice(np.asarray(idx, dtype=int))


class _Slice:
    def __init__(self, idx: np.ndarray):
        self.idx = idx

    def __call__(self, X: np.ndarray) -> np.ndarray:
        if self.idx.size and self.idx.max() >= X.shape[1]:
            # Spark fails in its UDF with ArrayIndexOutOfBounds; say which index and size
            from dfengine.errors import SparkRuntimeException

            raise SparkRuntimeException(
                f"VectorSlicer index {int(self.idx.max())} is out of range for vectors of "
                f"size {X.shape[1]}: indices must be < the vector size. Check the indices "
                f"param or the input vector column.", "FAILED_EXECUTE_UDF")
        return X[:, self.idx]


class VectorSizeHint(KwargsInit, Transformer, HasInputCol, HasHandleInvalid):
    """Checks (or filters) vector sizes of a column: `handleInvalid` error, skip or optimistic."""

    size = P("size", "Size of vectors in column.", TC.toInt)
    _defaults = {"handleInvalid": "error"}

    def _transform(self, dataset: Any) -> Any:
        from dfengine.ml import _frame

        col, hi = self.getInputCol(), self.getHandleInvalid()
        _frame.require_columns(dataset, [col])
        if hi == "optimistic":
            return dataset
        return _frame.filter_rows(dataset, _SizeCheck(col, self.getSize(), hi))


class _SizeCheck:
    def __init__(self, col: str, size: int, how: str):
        self.col, self.size, self.how = col, size, how

    def __call__(self, table: pa.Table) -> np.ndarray:
        from dfengine.ml.linalg.arrow import _combine

        col = _combine(table.column(self.col))
        ok = np.ones(len(col), dtype=bool)
        for i, v in enumerate(col.to_pylist()):
            n = None if v is None else (v["size"] if v["type"] == 0 else len(v["values"]))
            ok[i] = n == self.size
        if self.how == "error" and not ok.all():
            raise IllegalArgumentException(
                f"VectorSizeHint: column {self.col} has a vector of a size other than "
                f"{self.size} (or a null); set handleInvalid='skip' to drop such rows.")
        return ok


class _Interact:
    def __init__(self, cols: list[str], out: str):
        self.cols, self.out = cols, out

    def __call__(self, table: pa.Table) -> dict:
        from dfengine.ml.linalg.arrow import is_vector_column

        mats = []
        for c in self.cols:
            col = table.column(c)
            mats.append(vector_column_to_matrix(col, c)[0] if is_vector_column(col)
                        else numeric_values(table, c)[:, None])
        n = table.num_rows
        out = np.ones((n, 1))
        for m in mats:   # Spark: the first column varies slowest
            out = (out[:, :, None] * m[:, None, :]).reshape(n, -1)
        return {self.out: compressed_vector_array(out)}


class Interaction(KwargsInit, Transformer, HasInputCols, HasOutputCol):
    """The product of all combinations of one value from each input column (numeric columns
    count as vectors of size 1)."""

    def _transform(self, dataset: Any) -> Any:
        cols, out = self.getInputCols(), self.getOutputCol()
        return append(dataset, cols, _Interact(cols, out), [(out, vector_type())])


__all__ = ["DCT", "Binarizer", "ElementwiseProduct", "Interaction", "Normalizer",
           "PolynomialExpansion", "VectorSizeHint", "VectorSlicer"]
