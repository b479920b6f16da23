"""Feature selectors: ChiSqSelector, UnivariateFeatureSelector, VarianceThresholdSelector.
Scores come from `dfengine.ml.stat` (one distributed pass of sufficient statistics)."""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml.feature._common import (
    TC,
    Estimator,
    KwargsInit,
    P,
    StateModel,
    VectorMap,
    append,
    vector_type,
)
from dfengine.ml.feature.vector_ops import _Slice
from dfengine.ml.param.shared import HasFeaturesCol, HasLabelCol, HasOutputCol


def select(p_values: np.ndarray, mode: str, threshold: float) -> list[int]:
    """Indices picked by Spark's selection modes: by ascending p-value (ties by index) for
    numTopFeatures / percentile / fdr, by index for fpr / fwe."""
    n = p_values.size
    order = np.argsort(p_values, kind="stable")
    if mode == "numTopFeatures":
        chosen = order[: int(threshold)]
    elif mode == "percentile":
        chosen = order[: int(n * threshold)]
    elif mode == "fpr":
        chosen = np.flatnonzero(p_values < threshold)
    elif mode == "fdr":
        ranked = p_values[order]
        ok = np.flatnonzero(ranked <= threshold * np.arange(1, n + 1) / n)
        chosen = order[: ok.max() + 1] if ok.size else np.zeros(0, int)
    elif mode == "fwe":
        chosen = np.flatnonzero(p_values < threshold / n)
    else:
        raise IllegalArgumentException(f"Unknown selector type {mode}.")
    if mode in ("fpr", "fwe"):
        return sorted(int(i) for i in chosen)
    return [int(i) for i in chosen]


class _SelectorModel(StateModel, HasFeaturesCol, HasOutputCol):
    _extra = ("selectedFeatures",)

    @property
    def selectedFeatures(self) -> list[int]:
        return list(self._selectedFeatures)

    def _transform(self, dataset: Any) -> Any:
        col, out = self.getFeaturesCol(), self.getOutputCol()
        fn = VectorMap(col, out, _Slice(np.sort(np.asarray(self._selectedFeatures, dtype=int))))
        return append(dataset, [col], fn, [(out, vector_type())])


class _ChiSqParams(HasFeaturesCol, HasOutputCol, HasLabelCol):
    numTopFeatures = P("numTopFeatures", "Number of features that selector will select, "
                       "ordered by ascending p-value.", TC.toInt)
    percentile = P("percentile", "Percentile of features that selector will select, ordered "
                   "by ascending p-value.", TC.toFloat)
    fpr = P("fpr", "The highest p-value for features to be kept.", TC.toFloat)
    fdr = P("fdr", "The upper bound of the expected false discovery rate.", TC.toFloat)
    fwe = P("fwe", "The upper bound of the expected family-wise error rate.", TC.toFloat)
    selectorType = P("selectorType", "The selector type. Supported options: numTopFeatures "
                     "(default), percentile, fpr, fdr, fwe.", TC.toString)
    _defaults = {"numTopFeatures": 50, "percentile": 0.1, "fpr": 0.05, "fdr": 0.05,
                 "fwe": 0.05, "selectorType": "numTopFeatures"}


class ChiSqSelector(KwargsInit, Estimator, _ChiSqParams):
    """Select categorical features by the chi-squared test of independence from the label."""

    def _fit(self, dataset: Any) -> ChiSqSelectorModel:
        from dfengine.ml.stat.tests import chi_square

        p, _, _ = chi_square(dataset, self.getFeaturesCol(), self.getLabelCol())
        mode = self.getSelectorType()
        sel = select(p, mode, self.getOrDefault(mode))
        return self._copyValues(ChiSqSelectorModel(selectedFeatures=sel))


class ChiSqSelectorModel(_SelectorModel, _ChiSqParams):
    pass


class _UnivariateParams(HasFeaturesCol, HasOutputCol, HasLabelCol):
    featureType = P("featureType", "The feature type. Supported options: categorical, "
                    "continuous.", TC.toString)
    labelType = P("labelType", "The label type. Supported options: categorical, continuous.",
                  TC.toString)
    selectionMode = P("selectionMode", "The selection mode. Supported options: "
                      "numTopFeatures (default), percentile, fpr, fdr, fwe.", TC.toString)
    selectionThreshold = P("selectionThreshold", "The upper bound of the features that "
                           "selector will select.", TC.toFloat)
    _defaults = {"selectionMode": "numTopFeatures"}


_DEFAULT_THRESHOLD = {"numTopFeatures": 50, "percentile": 0.1, "fpr": 0.05, "fdr": 0.05,
                      "fwe": 0.05}


class UnivariateFeatureSelector(KwargsInit, Estimator, _UnivariateParams):
    """Select features by a univariate test chosen from the feature and label types:
    chi-squared (categorical/categorical), ANOVA F (continuous/categorical) or F-regression
    (continuous/continuous)."""

    def _fit(self, dataset: Any) -> UnivariateFeatureSelectorModel:
        from dfengine.ml.stat import tests

        if not (self.isDefined("featureType") and self.isDefined("labelType")):
            raise IllegalArgumentException(
                "requirement failed: featureType and labelType need to be set")
        kinds = (self.getFeatureType(), self.getLabelType())
        fn = {("categorical", "categorical"): tests.chi_square,
              ("continuous", "categorical"): tests.anova,
              ("continuous", "continuous"): tests.f_regression}.get(kinds)
        if fn is None:
            raise IllegalArgumentException(
                f"Unsupported combination: featureType={kinds[0]}, labelType={kinds[1]}.")
        p, _, _ = fn(dataset, self.getFeaturesCol(), self.getLabelCol())
        mode = self.getSelectionMode()
        thr = self.getSelectionThreshold() if self.isSet("selectionThreshold") else \
            _DEFAULT_THRESHOLD[mode]
        return self._copyValues(UnivariateFeatureSelectorModel(
            selectedFeatures=select(p, mode, thr)))


class UnivariateFeatureSelectorModel(_SelectorModel, _UnivariateParams):
    pass


class _VarianceParams(HasFeaturesCol, HasOutputCol):
    varianceThreshold = P("varianceThreshold", "Param for variance threshold. Features with a "
                          "variance not greater than this threshold will be removed.",
                          TC.toFloat)
    _defaults = {"varianceThreshold": 0.0}


class VarianceThresholdSelector(KwargsInit, Estimator, _VarianceParams):
    """Remove features whose (sample) variance is not above the threshold."""

    def _fit(self, dataset: Any) -> VarianceThresholdSelectorModel:
        from dfengine.ml.feature._vector_stats import vector_column_stats

        std = vector_column_stats(dataset, self.getFeaturesCol())["std"]
        sel = [int(i) for i in np.flatnonzero(std ** 2 > self.getVarianceThreshold())]
        return self._copyValues(VarianceThresholdSelectorModel(selectedFeatures=sel))


class VarianceThresholdSelectorModel(_SelectorModel, _VarianceParams):
    pass
