"""OneVsRest: one binary classifier per class (label == k), fitted one after another on the
cluster; prediction is the class whose model gives the largest positive margin."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, Model, P
from dfengine.ml.linalg.arrow import matrix_to_vector_array, vector_column_to_matrix
from dfengine.ml.param.shared import (
    HasFeaturesCol,
    HasLabelCol,
    HasParallelism,
    HasPredictionCol,
    HasRawPredictionCol,
    HasWeightCol,
)
from dfengine.ml.util import load_stage, save_stage


class _OVRParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasRawPredictionCol,
                 HasWeightCol, HasParallelism):
    classifier = P("classifier", "base binary classifier")
    _defaults = {"parallelism": 1}


class OneVsRest(KwargsInit, Estimator, _OVRParams):
    """Reduction of multiclass classification to binary classification."""

    def _fit(self, dataset: Any) -> OneVsRestModel:
        from dfengine.sql import functions as F

        label = self.getLabelCol()
        _frame.require_columns(dataset, [self.getFeaturesCol(), label])
        k = int(dataset.agg(F.max(F.col(label))).collect()[0][0]) + 1
        if k < 1:
            raise IllegalArgumentException("OneVsRest: the training data is empty.")
        base = self.getClassifier()
        tmp = "__ovr_label"
        models = []
        for c in range(k):
            binary = dataset.withColumn(tmp, F.when(F.col(label) == float(c), 1.0)
                                        .otherwise(0.0))
            est = base.copy()
            est._set(labelCol=tmp, featuresCol=self.getFeaturesCol())
            models.append(est.fit(binary))
        return self._copyValues(OneVsRestModel(models=models))


class _LRMargin:
    def __init__(self, model: Any):
        self.coef, self.intercept = model._coef, model._intercept
        self.multinomial, self.threshold = model._multinomial, model.getThreshold()

    def __call__(self, X: np.ndarray) -> np.ndarray:
        from dfengine.ml.classification.logistic_regression import predict_arrays

        return predict_arrays(X, self.coef, self.intercept, self.multinomial,
                              self.threshold)[0][:, 1]


class _PredictorMargin:
    def __init__(self, predictor: Any):
        self.predictor = predictor

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return self.predictor(X)[0][:, 1]


def _margin_fn(model: Any) -> Any:
    """A small picklable `X -> positive-class margin` of a fitted binary model (never the
    model itself, which may hold its training summary and dataset)."""
    if hasattr(model, "_predictor"):
        return _PredictorMargin(model._predictor())
    if hasattr(model, "_coef") and hasattr(model, "_intercept"):
        return _LRMargin(model)
    raise IllegalArgumentException(
        f"OneVsRest cannot use {type(model).__name__} as its binary classifier.")


class _OVRPredict:
    def __init__(self, models: list, features: str, raw: str, pred: str):
        self.models, self.features, self.raw, self.pred = models, features, raw, pred

    def __call__(self, table: pa.Table) -> dict:
        X, _ = vector_column_to_matrix(table.column(self.features), self.features)
        R = np.column_stack([m(X) for m in self.models]) if X.shape[0] else \
            np.zeros((0, len(self.models)))
        out = {}
        if self.raw:
            out[self.raw] = matrix_to_vector_array(R)
        if self.pred:
            out[self.pred] = pa.array(np.argmax(R, axis=1).astype(float) if R.shape[0]
                                      else np.zeros(0))
        return out


class OneVsRestModel(KwargsInit, Model, _OVRParams):
    def __init__(self, models: list | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.models = list(models or [])

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import DoubleType, StructField, VectorUDT

        raw, pred = self.getRawPredictionCol(), self.getPredictionCol()
        for m in self.models:   # the per-class models use this model's features column
            m._set(featuresCol=self.getFeaturesCol())
        fields = ([StructField(raw, VectorUDT(), True)] if raw else []) + \
            ([StructField(pred, DoubleType(), True)] if pred else [])
        _frame.require_columns(dataset, [self.getFeaturesCol()])
        margins = [_margin_fn(m) for m in self.models]
        return _frame.with_new_columns(
            dataset, _OVRPredict(margins, self.getFeaturesCol(), raw, pred), fields)

    def _get_state(self, path: str) -> tuple[dict, dict]:
        import os

        for i, m in enumerate(self.models):
            save_stage(m, os.path.join(path, "models", str(i)))
        return {"numModels": len(self.models)}, {}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        import os

        self.models = [load_stage(os.path.join(path, "models", str(i)))
                       for i in range(extra["numModels"])]


__all__ = ["OneVsRest", "OneVsRestModel", "TC"]
