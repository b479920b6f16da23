"""LogisticRegression summaries (curves, per-label metrics) and LinearRegression residuals
against PySpark."""

from __future__ import annotations

import numpy as np

from dfengine.ml.linalg import Vectors
from tests.ml1.conftest import convert_rows

rng = np.random.default_rng(21)
X = rng.normal(size=(260, 3))
M = X @ [1.0, -0.7, 0.4] + rng.normal(size=260) * 0.8


def _frames(spark, pyspark_session, rows):
    return (spark.createDataFrame(rows, ["label", "features"]),
            pyspark_session.createDataFrame(convert_rows(rows, True), ["label", "features"]))


def _table(df):
    return np.array([[float(v) for v in r] for r in df.collect()])


def test_binary_summary_curves(spark, pyspark_session):
    from pyspark.ml.classification import LogisticRegression as PLR

    from dfengine.ml.classification import LogisticRegression

    rows = [(float(m > 0), Vectors.dense(np.round(x, 1))) for x, m in zip(X, M)]
    df, pdf = _frames(spark, pyspark_session, rows)
    s = LogisticRegression(regParam=0.01).fit(df).summary
    t = PLR(regParam=0.01).fit(pdf).summary
    for name in ("roc", "pr", "fMeasureByThreshold", "precisionByThreshold",
                 "recallByThreshold"):
        a, b = getattr(s, name), getattr(t, name)
        assert a.columns == b.columns, name
        # thresholds are probabilities: they carry the ~1e-6 coefficient difference
        np.testing.assert_allclose(_table(a), _table(b), rtol=1e-4, atol=1e-9, err_msg=name)
    assert abs(s.areaUnderROC - t.areaUnderROC) < 1e-9
    for name in ("truePositiveRateByLabel", "falsePositiveRateByLabel", "precisionByLabel",
                 "recallByLabel", "labels"):
        np.testing.assert_allclose(getattr(s, name), getattr(t, name), rtol=1e-12)
    np.testing.assert_allclose(s.fMeasureByLabel(), t.fMeasureByLabel(), rtol=1e-12)
    for name in ("accuracy", "weightedTruePositiveRate", "weightedFalsePositiveRate",
                 "weightedPrecision", "weightedRecall"):
        assert abs(getattr(s, name) - getattr(t, name)) < 1e-12, name
    assert abs(s.weightedFMeasure(0.5) - t.weightedFMeasure(0.5)) < 1e-12


def test_multiclass_summary_and_residuals(spark, pyspark_session):
    from pyspark.ml.classification import LogisticRegression as PLR
    from pyspark.ml.regression import LinearRegression as PLinR

    from dfengine.ml.classification import LogisticRegression
    from dfengine.ml.regression import LinearRegression

    rows = [(float(np.digitize(m, [-0.8, 0.8])), Vectors.dense(x)) for x, m in zip(X, M)]
    df, pdf = _frames(spark, pyspark_session, rows)
    s = LogisticRegression(maxIter=10, regParam=0.3, elasticNetParam=0.8).fit(df).summary
    t = PLR(maxIter=10, regParam=0.3, elasticNetParam=0.8).fit(pdf).summary
    for name in ("truePositiveRateByLabel", "falsePositiveRateByLabel", "precisionByLabel"):
        np.testing.assert_allclose(getattr(s, name), getattr(t, name), atol=0.02)
    rows = [(float(m), Vectors.dense(x)) for x, m in zip(X, M)]
    df, pdf = _frames(spark, pyspark_session, rows)
    s = LinearRegression(regParam=0.1).fit(df).summary
    t = PLinR(regParam=0.1).fit(pdf).summary
    assert s.residuals.columns == t.residuals.columns == ["residuals"]
    np.testing.assert_allclose(sorted(_table(s.residuals)[:, 0]),
                               sorted(_table(t.residuals)[:, 0]), atol=1e-6)
    for name in ("r2adj", "explainedVariance", "degreesOfFreedom", "numInstances"):
        assert abs(getattr(s, name) - getattr(t, name)) < 1e-6, name
