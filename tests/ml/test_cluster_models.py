"""Trees, ALS and the perceptron on a LocalCluster with two worker processes: every task
pickles, and the models equal those trained on the embedded cluster (same blocks, same
reduction order)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dfengine.ml.classification import (
    GBTClassifier,
    MultilayerPerceptronClassifier,
    RandomForestClassifier,
)
from dfengine.ml.feature import VectorAssembler
from dfengine.ml.recommendation import ALS
from dfengine.ml.regression import DecisionTreeRegressor
from tests.ml import test_cluster

pytestmark = pytest.mark.cluster

cluster_session = test_cluster.cluster_session   # the 2-process session fixture


@pytest.fixture(scope="module")
def table():
    rng = np.random.default_rng(9)
    n = 2000
    X = rng.normal(size=(n, 5))
    pdf = pd.DataFrame(X, columns=list("abcde"))
    pdf["label"] = ((X[:, 0] * X[:, 1] + X[:, 2] + rng.normal(size=n) * 0.3) > 0) * 1.0
    pdf["y"] = X[:, 0] + np.sin(X[:, 3]) + rng.normal(size=n) * 0.1
    return pdf


def _features(session, pdf):
    return VectorAssembler(inputCols=list("abcde"), outputCol="features").transform(
        session.createDataFrame(pdf))


def test_trees_equal_embedded(cluster_session, spark, table):
    ests = [RandomForestClassifier(numTrees=4, maxDepth=4, seed=4),
            GBTClassifier(maxIter=3, maxDepth=3, subsamplingRate=0.8, seed=2),
            DecisionTreeRegressor(maxDepth=4, labelCol="y")]
    for est in ests:
        a = est.fit(_features(cluster_session, table))
        b = est.fit(_features(spark, table))
        assert a.toDebugString.split("\n", 1)[1] == b.toDebugString.split("\n", 1)[1]
        pa_ = a.transform(_features(cluster_session, table)).toPandas()
        pb = b.transform(_features(spark, table)).toPandas()
        np.testing.assert_array_equal(pa_["prediction"], pb["prediction"])


def test_als_equal_embedded(cluster_session, spark):
    rng = np.random.default_rng(1)
    n = 3000
    pdf = pd.DataFrame({"user": rng.integers(0, 100, n), "item": rng.integers(0, 60, n),
                        "rating": rng.normal(size=n)}).drop_duplicates(["user", "item"])
    for kw in ({"rank": 4, "maxIter": 4, "seed": 3},
               {"rank": 3, "maxIter": 3, "implicitPrefs": True, "seed": 1}):
        a = ALS(**kw).fit(cluster_session.createDataFrame(pdf))
        b = ALS(**kw).fit(spark.createDataFrame(pdf))
        np.testing.assert_array_equal(a._uf, b._uf)
        np.testing.assert_array_equal(a._if, b._if)
        recs = a.recommendForAllUsers(2).toPandas()
        assert len(recs) == pdf["user"].nunique()


def test_mlp_equal_embedded(cluster_session, spark, table):
    est = MultilayerPerceptronClassifier(layers=[5, 4, 2], maxIter=15, seed=5)
    a = est.fit(_features(cluster_session, table))
    b = est.fit(_features(spark, table))
    np.testing.assert_allclose(a.weights.toArray(), b.weights.toArray(), rtol=1e-12)
    pa_ = a.transform(_features(cluster_session, table)).toPandas()
    assert pa_["prediction"].isin([0.0, 1.0]).all()
