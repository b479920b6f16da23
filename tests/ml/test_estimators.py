"""Estimators and evaluators through DataFrames, against scikit-learn on the same data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics as skm
from sklearn.cluster import KMeans as SkKMeans
from sklearn.linear_model import LinearRegression as SkLinear
from sklearn.linear_model import LogisticRegression as SkLogistic
from sklearn.linear_model import Ridge

from dfengine.errors import IllegalArgumentException
from dfengine.ml import Pipeline
from dfengine.ml.classification import LogisticRegression
from dfengine.ml.clustering import KMeans
from dfengine.ml.evaluation import (
    BinaryClassificationEvaluator,
    ClusteringEvaluator,
    MulticlassClassificationEvaluator,
    RegressionEvaluator,
)
from dfengine.ml.feature import VectorAssembler
from dfengine.ml.linalg import DenseVector
from dfengine.ml.regression import LinearRegression
from tests.ml.conftest import rel_err


def _frame(spark, X, y, label="label"):
    pdf = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])
    pdf[label] = y
    return spark.createDataFrame(pdf), [f"x{i}" for i in range(X.shape[1])]


def _column(df, name):
    return np.asarray(df.select(name).toPandas()[name].tolist(), dtype=float)


def test_pipeline_logistic_matches_sklearn_and_auc(spark, binary_data):
    X, y = binary_data
    df, cols = _frame(spark, X, y)
    C = 0.05
    lr = LogisticRegression(regParam=1.0 / (C * len(y)), standardization=False, tol=1e-10,
                            maxIter=500)
    model = Pipeline(stages=[VectorAssembler(inputCols=cols, outputCol="features"), lr]).fit(df)
    lrm = model.stages[-1]
    sk = SkLogistic(C=C, tol=1e-12, max_iter=10000).fit(X, y)
    assert isinstance(lrm.coefficients, DenseVector)
    assert rel_err(lrm.coefficients.toArray(), sk.coef_[0]) < 1e-4
    assert abs(lrm.intercept - sk.intercept_[0]) < 1e-4
    assert lrm.summary.totalIterations == len(lrm.summary.objectiveHistory) - 1
    pred = model.transform(df).toPandas()
    probs = np.vstack([np.asarray(v) for v in pred["probability"]])
    assert np.allclose(probs[:, 1], sk.predict_proba(X)[:, 1], atol=1e-5)
    assert np.array_equal(pred["prediction"].to_numpy(), (probs[:, 1] > 0.5).astype(float))
    auc = BinaryClassificationEvaluator().evaluate(model.transform(df))
    assert abs(auc - skm.roc_auc_score(y, sk.decision_function(X))) < 1e-4
    pr = BinaryClassificationEvaluator(metricName="areaUnderPR").evaluate(model.transform(df))
    prec, rec, _ = skm.precision_recall_curve(y, probs[:, 1])
    assert abs(pr - skm.auc(rec, prec)) < 1e-3


def test_multinomial_logistic_and_multiclass_metrics(spark, multiclass_data):
    X, y = multiclass_data
    df, cols = _frame(spark, X, y)
    C = 0.1
    feats = VectorAssembler(inputCols=cols, outputCol="features").transform(df)
    model = LogisticRegression(regParam=1.0 / (C * len(y)), standardization=False,
                               tol=1e-10, maxIter=500).fit(feats)
    sk = SkLogistic(C=C, tol=1e-12, max_iter=10000).fit(X, y)
    assert model.numClasses == 3
    assert rel_err(model.coefficientMatrix.toArray(), sk.coef_) < 1e-4
    with pytest.raises(IllegalArgumentException):
        _ = model.coefficients
    pred = model.transform(feats)
    p = _column(pred, "prediction")
    assert np.array_equal(p, sk.predict(X))
    ev = MulticlassClassificationEvaluator()
    assert abs(ev.evaluate(pred) - skm.f1_score(y, p, average="weighted")) < 1e-12
    for name, fn in [("accuracy", skm.accuracy_score),
                     ("weightedPrecision",
                      lambda a, b: skm.precision_score(a, b, average="weighted")),
                     ("weightedRecall", lambda a, b: skm.recall_score(a, b, average="weighted"))]:
        assert abs(ev.evaluate(pred, {ev.metricName: name}) - fn(y, p)) < 1e-12


def test_linear_regression_ols_ridge_and_metrics(spark, regression_data):
    X, y = regression_data
    df, cols = _frame(spark, X, y)
    feats = VectorAssembler(inputCols=cols, outputCol="features").transform(df)
    ols = LinearRegression().fit(feats)
    sk = SkLinear().fit(X, y)
    assert rel_err(ols.coefficients.toArray(), sk.coef_) < 1e-4
    assert abs(ols.intercept - sk.intercept_) < 1e-4 * abs(sk.intercept_)
    alpha = 50.0
    # Spark divides the L2 term by std(y): regParam = alpha * std(y) / n is sklearn's Ridge(alpha)
    ridge = LinearRegression(regParam=alpha * y.std() / len(y), standardization=False).fit(feats)
    skr = Ridge(alpha=alpha).fit(X, y)
    assert rel_err(ridge.coefficients.toArray(), skr.coef_) < 1e-4
    lb = LinearRegression(regParam=alpha * y.std(ddof=1) / len(y), standardization=False,
                          solver="l-bfgs",
                          tol=1e-12, maxIter=500).fit(feats)
    assert rel_err(lb.coefficients.toArray(), skr.coef_) < 1e-4
    pred = ols.transform(feats)
    yhat = sk.predict(X)
    assert np.allclose(_column(pred, "prediction"), yhat)
    ev = RegressionEvaluator()
    assert abs(ev.evaluate(pred) - np.sqrt(skm.mean_squared_error(y, yhat))) < 1e-9
    assert abs(ev.evaluate(pred, {ev.metricName: "r2"}) - skm.r2_score(y, yhat)) < 1e-9
    assert abs(ev.evaluate(pred, {ev.metricName: "mae"}) -
               skm.mean_absolute_error(y, yhat)) < 1e-9
    assert abs(ols.summary.r2 - skm.r2_score(y, yhat)) < 1e-9


def test_kmeans_inertia_and_silhouette(spark):
    rng = np.random.default_rng(11)
    X = rng.permutation(np.vstack([rng.normal(size=(300, 2)) + 3 * i for i in range(3)]))
    init = X[:3].copy()
    df, cols = _frame(spark, X, np.zeros(len(X)))
    feats = VectorAssembler(inputCols=cols, outputCol="features").transform(df)
    model = KMeans(k=3, initialCenters=init.tolist(), maxIter=300, tol=0.0).fit(feats)
    sk = SkKMeans(3, init=init, n_init=1, tol=0.0, max_iter=300, algorithm="lloyd").fit(X)
    assert abs(model.summary.trainingCost - sk.inertia_) <= 1e-3 * sk.inertia_
    pred = model.transform(feats)
    labels = _column(pred, "prediction")
    assert np.array_equal(labels, sk.labels_)
    sil = ClusteringEvaluator().evaluate(pred)
    assert abs(sil - skm.silhouette_score(X, labels, metric="sqeuclidean")) < 1e-9
    default = KMeans(k=3, seed=1).fit(feats)  # k-means|| finds the same 3 blobs
    assert abs(default.summary.trainingCost - sk.inertia_) <= 1e-3 * sk.inertia_


def test_weight_col_equals_row_duplication(spark, binary_data):
    X, y = binary_data
    X, y = X[:600], y[:600]
    w = np.random.default_rng(1).integers(1, 4, size=len(y)).astype(float)
    pdf = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])
    pdf["label"], pdf["w"] = y, w
    df = VectorAssembler(inputCols=list(pdf.columns[:-2]), outputCol="features").transform(
        spark.createDataFrame(pdf))
    model = LogisticRegression(weightCol="w", regParam=0.01, tol=1e-10).fit(df)
    std = np.sqrt(np.cov(X, rowvar=False, aweights=w, ddof=0).diagonal()
                  * w.sum() / (w.sum() - 1))
    sk = SkLogistic(C=1.0 / (0.01 * w.sum()), tol=1e-12, max_iter=10000).fit(
        X / std, y, sample_weight=w)
    assert rel_err(model.coefficients.toArray(), sk.coef_[0] / std) < 1e-4


def test_clear_errors(spark, binary_data):
    X, y = binary_data
    df, cols = _frame(spark, X[:50], y[:50] * 2.5)
    feats = VectorAssembler(inputCols=cols, outputCol="features").transform(df)
    with pytest.raises(IllegalArgumentException, match="labels should be in"):
        LogisticRegression().fit(feats)
    with pytest.raises(IllegalArgumentException, match="featurez"):
        LogisticRegression(featuresCol="featurez").fit(feats)
    with pytest.raises(IllegalArgumentException, match="elasticNetParam"):
        LogisticRegression(elasticNetParam=2.0).fit(feats)
    with pytest.raises(TypeError, match="maxIter"):
        LogisticRegression(maxIter="ten")
