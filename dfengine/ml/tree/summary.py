"""Classification summaries of the random forest and perceptron models.

Spark gives `RandomForestClassificationModel` and `MultilayerPerceptronClassificationModel`
a training summary (`summary`, `hasSummary`) and `evaluate(dataset)`: the multiclass metrics
of `ClassificationSummary`, plus ROC/PR curves for binary forests, plus `objectiveHistory` /
`totalIterations` for the training summary. A summary is not pickled with its model. The metrics are the logistic regression summary's
(`LabelMetrics`, `BinaryCurves`), which only need the model's prediction columns.
"""

from __future__ import annotations

from typing import Any


class HasClassificationSummary:
    """`summary`, `hasSummary` and `evaluate` on a fitted classification model."""

    _summary: ClassificationTrainingSummary | None = None

    @property
    def _multinomial(self) -> bool:         # the summaries draw curves for 2 classes only
        return self.numClasses > 2

    @property
    def hasSummary(self) -> bool:
        return self._summary is not None

    @property
    def summary(self) -> ClassificationTrainingSummary:
        if self._summary is None:
            from dfengine.errors import PySparkRuntimeError

            raise PySparkRuntimeError(
                f"No training summary available for this {type(self).__name__}: it exists "
                f"only on a model returned by fit (not on a loaded or copied one).")
        return self._summary

    def evaluate(self, dataset: Any) -> ClassificationSummary:
        """The model's metrics on `dataset`."""
        return ClassificationSummary(self, dataset)

    def __getstate__(self) -> dict:
        # the model travels to the workers inside prediction tasks; its summary (which holds
        # the training DataFrame) stays on the driver
        state = self.__dict__.copy()
        state.pop("_summary", None)
        return state

    def _attach_summary(self, dataset: Any, objective_history: list[float]) -> None:
        self._summary = ClassificationTrainingSummary(self, dataset, objective_history)


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


class ClassificationTrainingSummary(ClassificationSummary):
    """Training summary: `objectiveHistory` and `totalIterations` (its length - 1, as
    Spark's `TrainingSummary`: a forest reports [0.0] and 0)."""

    def __init__(self, model: Any, dataset: Any, objective_history: list[float]):
        super().__init__(model, dataset)
        self.objectiveHistory = [float(v) for v in objective_history]
        self.totalIterations = max(len(self.objectiveHistory) - 1, 0)
