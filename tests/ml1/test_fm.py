"""FMClassifier / FMRegressor: quality against PySpark on the same data (initialization is
random, so metrics within a tolerance), exact closed-form predictions, save/load, bad labels."""

from __future__ import annotations

import numpy as np
import pytest

from dfengine.ml.linalg import Vectors
from tests.ml1.conftest import convert_rows


def _data(seed: int, n: int = 240):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 4))
    return X, 0.5 + X[:, 0] - X[:, 2] + 3.0 * X[:, 0] * X[:, 1]


def _pairwise(x, V, w, b):
    """intercept + linear.x + sum_{i<j} <v_i, v_j> x_i x_j, the definition."""
    out = b + w @ x
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            out += (V[i] @ V[j]) * x[i] * x[j]
    return out


def _rmse(rows):
    return float(np.sqrt(np.mean([(r.prediction - r.label) ** 2 for r in rows])))


def test_fm_regressor_vs_pyspark(spark, pyspark_session, tmp_path):
    from pyspark.ml.regression import FMRegressor as PFM

    from dfengine.ml.regression import FMRegressionModel, FMRegressor

    X, y = _data(0)
    rows = [(float(t), Vectors.dense(x)) for t, x in zip(y, X)]
    df = spark.createDataFrame(rows, ["label", "features"])
    pdf = pyspark_session.createDataFrame(convert_rows(rows, True), ["label", "features"])
    kw = {"factorSize": 4, "stepSize": 0.1, "maxIter": 60, "seed": 7}
    ours, theirs = FMRegressor(**kw).fit(df), PFM(**kw).fit(pdf)
    got = _rmse(ours.transform(df).collect())
    want = _rmse(theirs.transform(pdf).collect())
    assert got < 0.3 and got < want * 1.5 + 0.05, (got, want)   # y's std is ~1.2
    V, w = ours.factors.toArray(), ours.linear.toArray()
    assert V.shape == (4, 4) and w.shape == (4,)
    preds = [r.prediction for r in ours.transform(df).collect()]
    np.testing.assert_allclose(preds, [_pairwise(x, V, w, ours.intercept) for x in X],
                               rtol=1e-9, atol=1e-9)
    ours.save(str(tmp_path / "fmr"))
    back = FMRegressionModel.load(str(tmp_path / "fmr"))
    np.testing.assert_array_equal(back.factors.toArray(), V)
    assert back.intercept == ours.intercept and back.getFactorSize() == 4


def test_fm_classifier_vs_pyspark(spark, pyspark_session):
    from pyspark.ml.classification import FMClassifier as PFM

    from dfengine.ml.classification import FMClassifier

    X, y = _data(1)
    lab = (y > 0.5).astype(float)
    rows = [(float(t), Vectors.dense(x)) for t, x in zip(lab, X)]
    df = spark.createDataFrame(rows, ["label", "features"])
    pdf = pyspark_session.createDataFrame(convert_rows(rows, True), ["label", "features"])
    kw = {"factorSize": 4, "stepSize": 0.5, "maxIter": 60, "seed": 3, "solver": "gd"}
    accs = []
    for model, frame in ((FMClassifier(**kw).fit(df), df), (PFM(**kw).fit(pdf), pdf)):
        out = model.transform(frame).collect()
        accs.append(np.mean([r.prediction == r.label for r in out]))
    assert accs[0] > 0.7 and accs[0] >= accs[1] - 0.05, accs
    kw.update(solver="adamW", stepSize=0.1)
    model = FMClassifier(**kw).fit(df)
    out = model.transform(df).collect()
    assert np.mean([r.prediction == r.label for r in out]) > 0.9
    summ = model.summary
    assert summ.totalIterations == len(summ.objectiveHistory) > 1
    assert summ.objectiveHistory[-1] < summ.objectiveHistory[0] and summ.areaUnderROC > 0.95
    V, w, b = model.factors.toArray(), model.linear.toArray(), model.intercept
    r0 = out[0]
    raw = _pairwise(X[0], V, w, b)
    np.testing.assert_allclose(r0.rawPrediction.toArray(), [-raw, raw], rtol=1e-9)
    np.testing.assert_allclose(r0.probability[1], 1 / (1 + np.exp(-raw)), rtol=1e-9)
    bad = spark.createDataFrame([(2.0, Vectors.dense(1.0))], ["label", "features"])
    with pytest.raises(Exception, match="binary classification"):
        FMClassifier().fit(bad)
