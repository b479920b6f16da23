"""Classification summaries of the random forest and perceptron models.

Spark gives `RandomForestClassificationModel` and `MultilayerPerceptronClassificationModel`
a training summary (`summary`, `hasSummary`) and `evaluate(dataset)`: the multiclass metrics
of `ClassificationSummary`, plus ROC/PR curves for binary forests, plus `objectiveHistory` /
`totalIterations` for the training summary. A summary is not pickled with its model, and
(as Spark's) a copy of the model has none. PySpark declares the perceptron's `summary` as a
method: the training summary is callable (returns itself), so `model.summary()` and
`model.summary.accuracy` both work. The metrics are the logistic regression summary's
(`LabelMetrics`, `BinaryCurves`), which only need the model's prediction columns.
"""

from __future__ import annotations

from typing import Any

from dfengine.ml.util import CallableSummary, HasTrainingSummary


class HasClassificationSummary(HasTrainingSummary):
    """`summary`, `hasSummary` and `evaluate` on a fitted classification model."""

    _summary_survives_copy = False      # Spark's copy() of these models drops the summary

    @property
    def _multinomial(self) -> bool:         # the summaries draw curves for 2 classes only
        return self.numClasses > 2

    def evaluate(self, dataset: Any) -> ClassificationSummary:
        """The model's metrics on `dataset`."""
        return ClassificationSummary(self, dataset)

    def _attach_summary(self, dataset: Any, objective_history: list[float]) -> None:
        self._set_summary(ClassificationTrainingSummary(self, dataset, objective_history))


# After HasClassificationSummary: importing this module alone initializes dfengine.ml.classification,
# whose tree and perceptron models import HasClassificationSummary from here.
from dfengine.ml.classification.logistic_regression import LogisticRegressionSummary  # noqa: E402


class ClassificationSummary(LogisticRegressionSummary):
    """Metrics of a probabilistic classifier on a dataset (curves for 2 classes only)."""

    @property
    def weightCol(self) -> str | None:
        m = self._model
        if not m.hasParam("weightCol") or not m.isDefined(m.weightCol):
            return None
        return m.getOrDefault(m.weightCol) or None


class ClassificationTrainingSummary(CallableSummary, ClassificationSummary):
    """Training summary: `objectiveHistory` and `totalIterations` (its length - 1, as
    Spark's `TrainingSummary`: a forest reports [0.0] and 0)."""

    def __init__(self, model: Any, dataset: Any, objective_history: list[float]):
        super().__init__(model, dataset)
        self.objectiveHistory = [float(v) for v in objective_history]
        self.totalIterations = max(len(self.objectiveHistory) - 1, 0)
