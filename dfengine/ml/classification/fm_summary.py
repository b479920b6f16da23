"""FMClassificationSummary / FMClassificationTrainingSummary: PySpark's binary classification
summary of an FM model (the same metrics as the logistic regression summary)."""

from __future__ import annotations

from typing import Any

from dfengine.ml.classification.logistic_regression import LogisticRegressionSummary
from dfengine.ml.util import CallableSummary


class FMClassificationSummary(LogisticRegressionSummary):
    """Binary classification metrics of an FM model on a dataset (PySpark's
    `FMClassificationSummary`: areaUnderROC, roc, pr, accuracy, per-label metrics...)."""

    @property
    def weightCol(self) -> None:
        return None


class FMClassificationTrainingSummary(CallableSummary, FMClassificationSummary):
    def __init__(self, model: Any, dataset: Any, history: list[float], iterations: int):
        super().__init__(model, dataset)
        self.objectiveHistory = list(history)
        self.totalIterations = int(iterations)
