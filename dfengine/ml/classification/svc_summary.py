"""LinearSVCSummary / LinearSVCTrainingSummary: PySpark's binary classification summary of a
LinearSVC model (the logistic regression summary's metrics, curves ranked by the margin)."""

from __future__ import annotations

from typing import Any

from dfengine.ml.classification.logistic_regression import LogisticRegressionSummary
from dfengine.ml.util import CallableSummary


class LinearSVCSummary(LogisticRegressionSummary):
    """PySpark's `LinearSVCSummary`: per-label metrics and the binary curves, ranked by the
    raw prediction (the margin), as Spark's."""

    @property
    def scoreCol(self) -> str:
        return self._model.getRawPredictionCol()

    @property
    def probabilityCol(self) -> str:
        raise AttributeError("LinearSVCSummary has no probabilityCol: LinearSVC outputs no "
                             "probabilities; its curves use scoreCol (rawPrediction).")


class LinearSVCTrainingSummary(CallableSummary, LinearSVCSummary):
    """Training summary: the objective at each iteration and the iteration count."""

    def __init__(self, model: Any, dataset: Any, objective_history: list[float],
                 iterations: int):
        super().__init__(model, dataset)
        self.objectiveHistory = [float(v) for v in objective_history]
        self.totalIterations = int(iterations)
