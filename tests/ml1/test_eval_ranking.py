"""MultilabelClassificationEvaluator and RankingEvaluator against PySpark (every metric)."""

from __future__ import annotations

import math

import pytest

_MULTILABEL = [([0.0, 1.0], [0.0, 2.0]), ([0.0, 2.0], [0.0, 1.0]), ([], [0.0]),
               ([2.0], [2.0]), ([2.0, 0.0], [2.0, 0.0]), ([0.0, 1.0, 2.0], [0.0, 1.0]),
               ([1.0], [1.0, 2.0]), ([3.0], [1.0])]
_RANKING = [([1.0, 6.0, 2.0, 7.0, 8.0, 3.0, 9.0, 10.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0]),
            ([4.0, 1.0, 5.0, 6.0, 2.0, 7.0, 3.0, 8.0, 9.0, 10.0], [1.0, 2.0, 3.0]),
            ([1.0, 2.0, 3.0, 4.0, 5.0], []), ([7.0, 3.0], [3.0, 9.0, 11.0, 12.0])]


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-12 * max(1.0, abs(b))


def test_multilabel_evaluator_matches_pyspark(spark, pyspark_session):
    from pyspark.ml.evaluation import MultilabelClassificationEvaluator as PE

    from dfengine.ml.evaluation import MultilabelClassificationEvaluator
    from dfengine.ml.evaluation.multilabel import _METRICS

    df = spark.createDataFrame(_MULTILABEL, ["prediction", "label"])
    pdf = pyspark_session.createDataFrame(_MULTILABEL, ["prediction", "label"])
    for metric in _METRICS:
        for label in ([1.0, 3.0] if metric.endswith("ByLabel") else [0.0]):
            ours = MultilabelClassificationEvaluator(metricName=metric, metricLabel=label)
            theirs = PE(metricName=metric, metricLabel=label)
            if label == 3.0:   # no true positive of class 3: Spark's map lookup fails
                with pytest.raises(Exception, match="key not found: 3.0"):
                    theirs.evaluate(pdf)
                with pytest.raises(Exception, match="key not found: 3.0"):
                    ours.evaluate(df)
                continue
            a, b = ours.evaluate(df), theirs.evaluate(pdf)
            assert _same(a, b), (metric, label, a, b)
            assert ours.isLargerBetter() == theirs.isLargerBetter()
    with pytest.raises(Exception, match="metricName"):
        MultilabelClassificationEvaluator(metricName="f1").evaluate(df)


def test_ranking_evaluator_matches_pyspark(spark, pyspark_session):
    from pyspark.ml.evaluation import RankingEvaluator as PR

    from dfengine.ml.evaluation import RankingEvaluator
    from dfengine.ml.evaluation.ranking import _METRICS

    df = spark.createDataFrame(_RANKING, ["prediction", "label"])
    pdf = pyspark_session.createDataFrame(_RANKING, ["prediction", "label"])
    for metric in _METRICS:
        for k in (1, 3, 10, 20):
            a = RankingEvaluator(metricName=metric, k=k).evaluate(df)
            b = PR(metricName=metric, k=k).evaluate(pdf)
            assert _same(a, b), (metric, k, a, b)
