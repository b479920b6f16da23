"""AFTSurvivalRegression, RFormula, TargetEncoder against PySpark."""

from __future__ import annotations

import numpy as np
import pytest

from dfengine.ml.linalg import Vectors
from tests.ml1.conftest import convert_rows


def test_aft_survival_regression(spark, pyspark_session, tmp_path):
    from pyspark.ml.regression import AFTSurvivalRegression as PAFT

    from dfengine.ml.regression import AFTSurvivalRegression, AFTSurvivalRegressionModel

    rng = np.random.default_rng(3)
    X = rng.normal(size=(80, 3))
    t = np.exp(0.5 + X @ [0.3, -0.2, 0.1]) * rng.weibull(1.5, 80)
    rows = [(float(a), float(c), Vectors.dense(x))
            for a, c, x in zip(t, rng.random(80) < 0.7, X)]
    cols = ["label", "censor", "features"]
    df = spark.createDataFrame(rows, cols)
    pdf = pyspark_session.createDataFrame(convert_rows(rows, True), cols)
    kw = {"quantileProbabilities": [0.3, 0.6], "quantilesCol": "q"}
    ours, theirs = AFTSurvivalRegression(**kw).fit(df), PAFT(**kw).fit(pdf)
    np.testing.assert_allclose(ours.coefficients.toArray(), theirs.coefficients.toArray(),
                               rtol=1e-5, atol=1e-6)
    assert abs(ours.intercept - theirs.intercept) < 1e-5
    assert abs(ours.scale - theirs.scale) < 1e-5
    a = [r.q.toArray() for r in ours.transform(df).collect()]
    b = [r.q.toArray() for r in theirs.transform(pdf).collect()]
    np.testing.assert_allclose(a, b, rtol=1e-4)
    ours.save(str(tmp_path / "aft"))
    assert AFTSurvivalRegressionModel.load(str(tmp_path / "aft")).scale == ours.scale
    bad = spark.createDataFrame([(0.0, 1.0, Vectors.dense(1.0))], cols)
    with pytest.raises(Exception, match="greater than 0"):
        AFTSurvivalRegression().fit(bad)


def test_rformula(spark, pyspark_session, tmp_path):
    from pyspark.ml.feature import RFormula as PRF

    from dfengine.ml.feature import RFormula, RFormulaModel

    rows = [(7, "US", 18, 1.0, "a"), (8, "CA", 12, 0.0, "b"), (9, "NZ", 15, 0.0, "a"),
            (10, "US", 11, 1.0, "b"), (11, "CA", 3, 1.0, "a")]
    cols = ["id", "country", "hour", "clicked", "s"]
    df = spark.createDataFrame(rows, cols)
    pdf = pyspark_session.createDataFrame(rows, cols)
    for formula in ("clicked ~ country + hour", "clicked ~ . - id", "s ~ hour + country",
                    "clicked ~ hour:id + country"):
        a = RFormula(formula=formula).fit(df).transform(df).select("features", "label")
        b = PRF(formula=formula).fit(pdf).transform(pdf).select("features", "label")
        got = [(r[0].toArray().tolist(), r[1]) for r in a.collect()]
        want = [(r[0].toArray().tolist(), r[1]) for r in b.collect()]
        assert got == want, formula
    model = RFormula(formula="s ~ hour + country").fit(df)
    model.write().overwrite().save(str(tmp_path / "rf"))
    loaded = RFormulaModel.load(str(tmp_path / "rf"))
    assert loaded.getFormula() == "s ~ hour + country"
    assert loaded.transform(df).collect() == model.transform(df).collect()


def test_target_encoder(spark, pyspark_session):
    from pyspark.ml.feature import TargetEncoder as PTE

    from dfengine.ml.feature import TargetEncoder

    rows = [(0.0, 1.0, 0, 10.0), (1.0, 0.0, 1, 20.0), (2.0, 1.0, 0, 30.0),
            (0.0, 2.0, 1, 40.0), (0.0, 1.0, 0, 50.0), (2.0, 0.0, 1, 60.0)]
    cols = ["c1", "c2", "bin", "cont"]
    df = spark.createDataFrame(rows, cols)
    pdf = pyspark_session.createDataFrame(rows, cols)
    for label, kind, smooth in (("bin", "binary", 0.0), ("cont", "continuous", 1.5)):
        kw = {"inputCols": ["c1", "c2"], "outputCols": ["o1", "o2"], "labelCol": label,
              "targetType": kind, "smoothing": smooth}
        a = TargetEncoder(**kw).fit(df).transform(df).select("o1", "o2").collect()
        b = PTE(**kw).fit(pdf).transform(pdf).select("o1", "o2").collect()
        np.testing.assert_allclose(np.array(a, float), np.array(b, float), rtol=1e-12)
    model = TargetEncoder(inputCol="c1", outputCol="o", labelCol="bin").fit(df)
    unseen = spark.createDataFrame([(5.0,)], ["c1"])
    with pytest.raises(Exception, match="Unseen value"):
        model.transform(unseen).collect()


def test_bisecting_kmeans(spark, pyspark_session, tmp_path):
    from pyspark.ml.clustering import BisectingKMeans as PBKM

    from dfengine.ml.clustering import BisectingKMeans, BisectingKMeansModel

    rng = np.random.default_rng(4)
    means = np.array([[0, 0], [6, 0], [0, 6], [6, 6]], float)
    X = np.concatenate([m + rng.normal(scale=0.5, size=(20 + 5 * i, 2))
                        for i, m in enumerate(means)])
    rows = [(Vectors.dense(x),) for x in X]
    df = spark.createDataFrame(rows, ["features"])
    pdf = pyspark_session.createDataFrame(convert_rows(rows, True), ["features"])
    ours, theirs = BisectingKMeans(k=4, seed=1).fit(df), PBKM(k=4, seed=1).fit(pdf)
    a = np.array(sorted(map(tuple, ours.clusterCenters())))
    b = np.array(sorted(map(tuple, theirs.clusterCenters())))
    np.testing.assert_allclose(a, b, rtol=1e-9)
    assert sorted(ours.summary.clusterSizes) == sorted(theirs.summary.clusterSizes)
    assert abs(ours.summary.trainingCost - theirs.summary.trainingCost) < 1e-6
    pa_ = [r.prediction for r in ours.transform(df).collect()]
    pb = [r.prediction for r in theirs.transform(pdf).collect()]
    centers_a, centers_b = ours.clusterCenters(), theirs.clusterCenters()
    for i, j in zip(pa_, pb):
        np.testing.assert_allclose(centers_a[i], centers_b[j])
    ours.save(str(tmp_path / "bkm"))
    assert BisectingKMeansModel.load(str(tmp_path / "bkm")).transform(df).collect() == \
        ours.transform(df).collect()


def test_lsh_join_and_neighbors(spark):
    """With 20 tables every close pair shares a bucket (miss odds ~1e-6): the joins equal the
    brute-force pairs under the threshold, distances exact (scipy)."""
    from scipy.spatial.distance import cdist

    from dfengine.ml.feature import BucketedRandomProjectionLSH, MinHashLSH

    rng = np.random.default_rng(8)
    A = (rng.random((12, 8)) < 0.4).astype(float)
    B = (rng.random((10, 8)) < 0.4).astype(float)
    A[:, 0] = B[:, 0] = 1.0
    dfa = spark.createDataFrame([(i, Vectors.dense(x)) for i, x in enumerate(A)], ["id", "v"])
    dfb = spark.createDataFrame([(i, Vectors.dense(x)) for i, x in enumerate(B)], ["id", "v"])
    for est, metric, thr in ((MinHashLSH(inputCol="v", outputCol="h", numHashTables=20),
                              "jaccard", 0.5),
                             (BucketedRandomProjectionLSH(inputCol="v", outputCol="h",
                                                          numHashTables=20, bucketLength=4.0),
                              "euclidean", 1.5)):
        model = est.fit(dfa)
        got = {(r.datasetA.id, r.datasetB.id): r.distCol
               for r in model.approxSimilarityJoin(dfa, dfb, thr).collect()}
        D = cdist(A.astype(bool), B.astype(bool), "jaccard") if metric == "jaccard" \
            else cdist(A, B)
        want = {(i, j): D[i, j] for i in range(12) for j in range(10) if D[i, j] < thr}
        assert got.keys() == want.keys()
        for k, v in want.items():
            assert abs(got[k] - v) < 1e-12
        nn = model.approxNearestNeighbors(dfa, Vectors.dense(B[0]), 3).collect()
        np.testing.assert_allclose([r.distCol for r in nn], sorted(D[:, 0])[:3], atol=1e-12)


def test_power_iteration_clustering(spark, pyspark_session):
    from pyspark.ml.clustering import PowerIterationClustering as PPIC

    from dfengine.ml.clustering import PowerIterationClustering

    rng = np.random.default_rng(2)
    edges = []
    for off in (10, 30):
        edges += [(off + i, off + j, float(rng.uniform(0.5, 1.0)))
                  for i in range(8) for j in range(i + 1, 8) if rng.random() < 0.6]
    edges.append((10, 30, 0.05))
    cols = ["src", "dst", "weight"]
    kw = {"k": 2, "maxIter": 20, "initMode": "degree", "weightCol": "weight"}
    a = PowerIterationClustering(**kw).assignClusters(spark.createDataFrame(edges, cols))
    b = PPIC(**kw).assignClusters(pyspark_session.createDataFrame(edges, cols))
    got = dict((r.id, r.cluster) for r in a.collect())
    want = dict((r.id, r.cluster) for r in b.collect())
    assert got.keys() == want.keys()
    # the same partition of the vertices (cluster numbers may be swapped)
    pairs = {(got[i], want[i]) for i in got}
    assert len(pairs) == len({p[0] for p in pairs}) == len({p[1] for p in pairs})


def test_linear_regression_rejects_nan_label(spark):
    from dfengine.ml.regression import LinearRegression

    df = spark.createDataFrame([(float("nan"), Vectors.dense(1.0)), (1.0, Vectors.dense(2.0))],
                               ["label", "features"])
    with pytest.raises(Exception, match=r"\[USER_RAISED_EXCEPTION\] Labels MUST NOT be Null or NaN"):
        LinearRegression().fit(df)
