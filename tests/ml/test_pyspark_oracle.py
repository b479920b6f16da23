"""Spark's own semantics, checked against real PySpark on small data.

These pin the parts scikit-learn cannot: the standardized penalty, elastic net with Spark's
label scaling for linear regression, StringIndexer tie order, Imputer's median, scalers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dfengine.ml.classification import LogisticRegression
from dfengine.ml.feature import Imputer, MinMaxScaler, StandardScaler, StringIndexer
from dfengine.ml.regression import LinearRegression
from tests.ml.conftest import rel_err

pytestmark = pytest.mark.pyspark


@pytest.fixture(scope="module")
def small():
    rng = np.random.default_rng(21)
    n, d = 300, 4
    X = rng.normal(size=(n, d)) * np.array([1.0, 3.0, 0.5, 2.0]) + 1.0
    y = (X @ np.array([0.8, -0.3, 1.5, 0.2]) + rng.normal(size=n) > 1.5).astype(float)
    yl = X @ np.array([0.5, -1.0, 2.0, 0.0]) + rng.normal(size=n)
    return X, y, yl


def _both(spark, pyspark_session, X, y):
    from pyspark.ml.linalg import Vectors as PV

    from dfengine.ml.linalg import Vectors

    rows = [(float(t), Vectors.dense(x)) for x, t in zip(X, y)]
    prows = [(float(t), PV.dense(x.tolist())) for x, t in zip(X, y)]
    return (spark.createDataFrame(rows, ["label", "features"]),
            pyspark_session.createDataFrame(prows, ["label", "features"]))


@pytest.mark.parametrize("params", [
    {"regParam": 0.05, "standardization": True},
    {"regParam": 0.05, "standardization": False},
    {"regParam": 0.02, "elasticNetParam": 0.5, "standardization": True},
    {"regParam": 0.02, "elasticNetParam": 1.0, "standardization": False},
])
def test_logistic_regression_matches_pyspark(spark, pyspark_session, small, params):
    from pyspark.ml.classification import LogisticRegression as PLR

    X, y, _ = small
    df, pdf = _both(spark, pyspark_session, X, y)
    ours = LogisticRegression(tol=1e-12, maxIter=1000, **params).fit(df)
    theirs = PLR(tol=1e-12, maxIter=1000, **params).fit(pdf)
    # measured 4e-9 .. 7e-8 (elastic net: OWL-QN on both sides, tol 1e-12)
    assert rel_err(ours.coefficients.toArray(), theirs.coefficients.toArray()) < 1e-6
    assert abs(ours.intercept - theirs.intercept) < 1e-6


def test_multinomial_elastic_net_matches_pyspark(spark, pyspark_session, small):
    from pyspark.ml.classification import LogisticRegression as PLR

    X, _, _ = small
    rng = np.random.default_rng(4)
    y3 = np.digitize(X @ np.array([0.8, -0.3, 1.5, 0.2]) + rng.normal(size=len(X)), [1.0, 3.0])
    df, pdf = _both(spark, pyspark_session, X, y3.astype(float))
    params = {"regParam": 0.02, "elasticNetParam": 0.5, "family": "multinomial"}
    ours = LogisticRegression(tol=1e-12, maxIter=1000, **params).fit(df)
    theirs = PLR(tol=1e-12, maxIter=1000, **params).fit(pdf)
    # measured 2.5e-7 (coefficient matrix) and 1.3e-7 (intercepts)
    assert rel_err(ours.coefficientMatrix.toArray(), theirs.coefficientMatrix.toArray()) < 1e-6
    assert rel_err(ours.interceptVector.toArray(), theirs.interceptVector.toArray()) < 1e-6


@pytest.mark.parametrize("params", [
    {"regParam": 0.1, "standardization": True},
    {"regParam": 0.1, "elasticNetParam": 1.0, "standardization": False},
    {"regParam": 0.05, "elasticNetParam": 0.3, "standardization": True},
    {"regParam": 0.1, "standardization": True, "solver": "l-bfgs"},
    {"regParam": 0.1, "elasticNetParam": 0.5, "standardization": False, "solver": "l-bfgs"},
])
def test_linear_regression_matches_pyspark(spark, pyspark_session, small, params):
    from pyspark.ml.regression import LinearRegression as PLinR

    X, _, yl = small
    df, pdf = _both(spark, pyspark_session, X, yl)
    params = {"solver": "normal", **params}
    ours = LinearRegression(tol=1e-12, maxIter=1000, **params).fit(df)
    theirs = PLinR(tol=1e-12, maxIter=1000, **params).fit(pdf)
    assert rel_err(ours.coefficients.toArray(), theirs.coefficients.toArray()) < 1e-4
    assert abs(ours.intercept - theirs.intercept) < 1e-4 * max(1.0, abs(theirs.intercept))


def test_feature_stages_match_pyspark(spark, pyspark_session):
    from pyspark.ml.feature import Imputer as PImputer
    from pyspark.ml.feature import StringIndexer as PSI

    cats = ["b", "a", "c", "a", "b", "d", "c", "e"]
    vals = [1.0, 7.0, None, 4.0, 2.0, 10.0, 3.0, 8.0]
    pdf = pd.DataFrame({"cat": cats, "v": vals})
    ours_df = spark.createDataFrame(pdf)
    their_df = pyspark_session.createDataFrame(pdf)
    for order in ["frequencyDesc", "frequencyAsc", "alphabetDesc"]:
        ours = StringIndexer(inputCol="cat", outputCol="i", stringOrderType=order).fit(ours_df)
        theirs = PSI(inputCol="cat", outputCol="i", stringOrderType=order).fit(their_df)
        assert ours.labels == list(theirs.labels), order
    for strategy in ["mean", "median", "mode"]:
        ours = Imputer(inputCols=["v"], outputCols=["o"], strategy=strategy).fit(ours_df)
        theirs = PImputer(inputCols=["v"], outputCols=["o"], strategy=strategy).fit(their_df)
        expect = theirs.surrogateDF.collect()[0]["v"]
        assert ours.surrogates["v"] == pytest.approx(expect), strategy


def test_scalers_match_pyspark(spark, pyspark_session, small):
    from pyspark.ml.feature import MinMaxScaler as PMM
    from pyspark.ml.feature import StandardScaler as PSS

    X, y, _ = small
    df, pdf = _both(spark, pyspark_session, X[:50], y[:50])
    ours = StandardScaler(inputCol="features", outputCol="s", withMean=True).fit(df)
    theirs = PSS(inputCol="features", outputCol="s", withMean=True).fit(pdf)
    assert np.allclose(ours.std.toArray(), theirs.std.toArray(), rtol=1e-12)
    got = np.vstack([r.s.toArray() for r in ours.transform(df).collect()])
    want = np.vstack([r.s.toArray() for r in theirs.transform(pdf).collect()])
    assert np.allclose(got, want)
    mm_ours = MinMaxScaler(inputCol="features", outputCol="m").fit(df).transform(df)
    mm_theirs = PMM(inputCol="features", outputCol="m").fit(pdf).transform(pdf)
    assert np.allclose(np.vstack([r.m.toArray() for r in mm_ours.collect()]),
                       np.vstack([r.m.toArray() for r in mm_theirs.collect()]))
