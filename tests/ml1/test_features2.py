"""Indexers, PCA, selectors and statistics against PySpark."""

from __future__ import annotations

import numpy as np
import pytest

import dfengine.ml.feature as F
from dfengine.ml.linalg import Vectors
from tests.ml1.conftest import assert_same_output, convert_rows

rng = np.random.default_rng(5)
CAT_ROWS = [(float(rng.integers(0, 3)), Vectors.dense([float(rng.integers(0, 4)),
                                                       float(rng.integers(0, 2)),
                                                       float(rng.normal()),
                                                       float(rng.integers(0, 3))]))
            for _ in range(80)]


def test_vector_indexer(spark, pyspark_session, tmp_path):
    import pyspark.ml.feature as PF

    ours, theirs = assert_same_output(
        spark, pyspark_session, CAT_ROWS, ["label", "features"],
        F.VectorIndexer(inputCol="features", outputCol="idx", maxCategories=3),
        PF.VectorIndexer(inputCol="features", outputCol="idx", maxCategories=3), ["idx"],
        fit=True)
    assert ours.categoryMaps == theirs.categoryMaps
    ours.save(str(tmp_path / "vi"))
    assert F.VectorIndexerModel.load(str(tmp_path / "vi")).categoryMaps == ours.categoryMaps


def test_index_to_string_and_sql(spark, pyspark_session):
    import pyspark.ml.feature as PF

    rows = [(0, "a"), (1, "b"), (2, "c"), (3, "a"), (4, "a"), (5, "c")]
    df = spark.createDataFrame(rows, ["id", "category"])
    indexed = F.StringIndexer(inputCol="category", outputCol="categoryIndex").fit(df) \
        .transform(df)
    back = F.IndexToString(inputCol="categoryIndex", outputCol="orig").transform(indexed)
    assert [r.orig for r in back.collect()] == [r[1] for r in rows]
    assert_same_output(spark, pyspark_session, [(0, 1.0), (1, 0.0)], ["id", "i"],
                       F.IndexToString(inputCol="i", outputCol="s", labels=["x", "y"]),
                       PF.IndexToString(inputCol="i", outputCol="s", labels=["x", "y"]), ["s"])
    stmt = "SELECT *, (id + 1) AS v3, id * 2 AS v4 FROM __THIS__"
    assert_same_output(spark, pyspark_session, rows, ["id", "category"],
                       F.SQLTransformer(statement=stmt), PF.SQLTransformer(statement=stmt),
                       ["v3", "v4"])


def test_pca_matches_pyspark(spark, pyspark_session):
    import pyspark.ml.feature as PF

    rows = [(Vectors.sparse(5, [(1, 1.0), (3, 7.0)]),),
            (Vectors.dense([2.0, 0.0, 3.0, 4.0, 5.0]),),
            (Vectors.dense([4.0, 0.0, 0.0, 6.0, 7.0]),)]
    ours, theirs = assert_same_output(spark, pyspark_session, rows, ["features"],
                                      F.PCA(k=2, inputCol="features", outputCol="p"),
                                      PF.PCA(k=2, inputCol="features", outputCol="p"), ["p"],
                                      tol=1e-9, fit=True)
    np.testing.assert_allclose(ours.explainedVariance.toArray(),
                               theirs.explainedVariance.toArray(), rtol=1e-9)


@pytest.mark.parametrize("kind", ["chisq", "univariate", "variance"])
def test_selectors(spark, pyspark_session, kind):
    import pyspark.ml.feature as PF

    if kind == "chisq":
        make = lambda M: M.ChiSqSelector(numTopFeatures=2, outputCol="s")  # noqa: E731
    elif kind == "univariate":
        make = lambda M: M.UnivariateFeatureSelector(outputCol="s").setFeatureType(  # noqa
            "continuous").setLabelType("categorical").setSelectionThreshold(2)
    else:
        make = lambda M: M.VarianceThresholdSelector(varianceThreshold=0.5,  # noqa: E731
                                                     outputCol="s")
    ours, theirs = assert_same_output(spark, pyspark_session, CAT_ROWS, ["label", "features"],
                                      make(F), make(PF), ["s"], fit=True)
    assert ours.selectedFeatures == list(theirs.selectedFeatures)


def test_anova_and_f_regression_match_scipy(spark):
    from scipy.stats import f_oneway
    from sklearn.feature_selection import f_regression

    import dfengine.ml.stat as S

    df = spark.createDataFrame(CAT_ROWS, ["label", "features"])
    X = np.array([r[1].toArray() for r in CAT_ROWS])
    y = np.array([r[0] for r in CAT_ROWS])
    a = S.ANOVATest.test(df, "features", "label").head()
    ref = f_oneway(*[X[y == c] for c in np.unique(y)])
    np.testing.assert_allclose(a.fValues.toArray(), ref.statistic, rtol=1e-9)
    np.testing.assert_allclose(a.pValues.toArray(), ref.pvalue, rtol=1e-9)
    f = S.FValueTest.test(df, "features", "label", flatten=True).collect()
    fr, pr = f_regression(X, y)
    np.testing.assert_allclose([r.fValue for r in f], fr, rtol=1e-9)
    np.testing.assert_allclose([r.pValue for r in f], pr, rtol=1e-9)


@pytest.mark.parametrize("test", ["ChiSquareTest"])
def test_hypothesis_tests(spark, pyspark_session, test):
    import pyspark.ml.stat as PS

    import dfengine.ml.stat as S

    df = spark.createDataFrame(CAT_ROWS, ["label", "features"])
    pdf = pyspark_session.createDataFrame(convert_rows(CAT_ROWS, True), ["label", "features"])
    a = getattr(S, test).test(df, "features", "label").head()
    b = getattr(PS, test).test(pdf, "features", "label").head()
    for x, y in zip(a, b):
        np.testing.assert_allclose(np.asarray(x, dtype=float), np.asarray(y, dtype=float),
                                   rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_correlation(spark, pyspark_session, method):
    from pyspark.ml.stat import Correlation as PC

    from dfengine.ml.stat import Correlation

    df = spark.createDataFrame(CAT_ROWS, ["label", "features"])
    pdf = pyspark_session.createDataFrame(convert_rows(CAT_ROWS, True), ["label", "features"])
    a = Correlation.corr(df, "features", method).head()[0].toArray()
    b = PC.corr(pdf, "features", method).head()[0].toArray()
    np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)
