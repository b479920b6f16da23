"""PCA from one distributed Gram-matrix pass (covariance on the driver, d x d), as Spark's
RowMatrix.computePrincipalComponentsAndExplainedVariance; the transform projects without
centering, as Spark does."""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException, UnsupportedOperationException
from dfengine.ml.feature._common import (
    TC,
    Estimator,
    KwargsInit,
    P,
    StateModel,
    append,
    vector_type,
)
from dfengine.ml.feature.vector_ops import _DenseOut
from dfengine.ml.linalg import DenseMatrix, DenseVector
from dfengine.ml.param.shared import HasInputCol, HasOutputCol


class _PCAParams(HasInputCol, HasOutputCol):
    k = P("k", "the number of principal components (> 0)", TC.toInt)


class PCA(KwargsInit, Estimator, _PCAParams):
    """Project vectors to their top-k principal components."""

    def _fit(self, dataset: Any) -> PCAModel:
        from dfengine.ml.stat._stats import covariance, gram

        # Spark's RowMatrix reads the first row for the size: no rows, "empty collection"
        n, s, g = gram(dataset, self.getInputCol(),
                       empty=UnsupportedOperationException("empty collection"))
        d, k = s.size, self.getK()
        if not 0 < k <= d:
            raise IllegalArgumentException(
                f"requirement failed: source vector size {d} must be no less than k={k}")
        cov = covariance(n, s, g)
        if not np.isfinite(cov).all():   # NaN in the data: Spark answers with NaN components
            nan = np.full((d, k), np.nan)
            return self._copyValues(PCAModel(pc=nan, explainedVariance=np.full(k, np.nan)))
        u, sv, _ = np.linalg.svd(cov)
        return self._copyValues(PCAModel(pc=u[:, :k], explainedVariance=(sv / sv.sum())[:k]))


class _Project:
    def __init__(self, pc: np.ndarray):
        self.pc = pc

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return X @ self.pc


class PCAModel(StateModel, _PCAParams):
    _arrays = ("pc", "explainedVariance")

    @property
    def pc(self) -> DenseMatrix:
        return DenseMatrix._from_array(np.asarray(self._pc))

    @property
    def explainedVariance(self) -> DenseVector:
        return DenseVector(self._explainedVariance)

    def _transform(self, dataset: Any) -> Any:
        col, out = self.getInputCol(), self.getOutputCol()
        return append(dataset, [col], _DenseOut(col, out, _Project(np.asarray(self._pc))),
                      [(out, vector_type())])
