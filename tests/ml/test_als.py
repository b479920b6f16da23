"""ALS against PySpark (held-out RMSE), numpy/scipy (the per-user solves) and itself."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dfengine.errors import IllegalArgumentException
from dfengine.ml.recommendation import ALS, ALSModel
from dfengine.ml.recommendation.kernels import solve_block


@pytest.fixture(scope="module")
def ratings():
    rng = np.random.default_rng(0)
    nu, ni, k = 300, 200, 3
    U, V = rng.normal(size=(nu, k)), rng.normal(size=(ni, k))
    n = 9000
    u, i = rng.integers(0, nu, n), rng.integers(0, ni, n)
    pdf = pd.DataFrame({"user": u * 7 + 3, "item": i * 5 + 1,
                        "rating": (U[u] * V[i]).sum(1) + rng.normal(size=n) * 0.1})
    pdf = pdf.drop_duplicates(["user", "item"]).reset_index(drop=True)
    test_mask = rng.random(len(pdf)) < 0.2
    return pdf[~test_mask].reset_index(drop=True), pdf[test_mask].reset_index(drop=True)


def _rmse(p: pd.DataFrame) -> float:
    p = p.dropna(subset=["prediction"])
    return float(np.sqrt(np.mean((p["prediction"] - p["rating"]) ** 2)))


def _factors(frame) -> tuple:
    p = frame.toPandas().sort_values("id")
    return p["id"].to_numpy(), np.stack(p["features"].map(np.asarray)).astype(np.float64)


@pytest.mark.parametrize("implicit", [False, True])
def test_factors_equal_pyspark(spark, pyspark_session, ratings, implicit):
    """Same seed and blocks: Spark's starting factors (its XORShift stream, `spark_init.py`),
    the same normal equations and solves, so the same factors and held-out predictions."""
    from pyspark.ml.recommendation import ALS as PALS

    train, test = ratings
    # maxIter 6: Spark's ALS lineage grows with every iteration and without a checkpoint dir
    # overflows the shared JVM's stack near 10 iterations (StackOverflowError kills the session)
    kw = {"rank": 5, "maxIter": 6, "regParam": 0.05, "seed": 7, "coldStartStrategy": "drop",
          "numUserBlocks": 3, "numItemBlocks": 2, "implicitPrefs": implicit, "alpha": 0.5}
    ours = ALS(**kw).fit(spark.createDataFrame(train))
    theirs = PALS(**kw).fit(pyspark_session.createDataFrame(train))
    for side in ("userFactors", "itemFactors"):
        (i1, f1), (i2, f2) = _factors(getattr(ours, side)), _factors(getattr(theirs, side))
        np.testing.assert_array_equal(i1, i2)
        np.testing.assert_allclose(f1, f2, rtol=1e-4, atol=1e-5)
    if not implicit:
        p1 = ours.transform(spark.createDataFrame(test)).toPandas()
        p2 = theirs.transform(pyspark_session.createDataFrame(test)).toPandas()
        assert len(p1) == len(p2)
        assert _rmse(p1) == pytest.approx(_rmse(p2), rel=1e-5)
    assert ours.rank == 5


def test_cold_start(spark, ratings):
    train, _ = ratings
    m = ALS(rank=3, maxIter=3, seed=2).fit(spark.createDataFrame(train))
    new = pd.DataFrame({"user": [3, 999999], "item": [1, 1], "rating": [1.0, 1.0]})
    p = m.transform(spark.createDataFrame(new)).toPandas()
    assert np.isfinite(p["prediction"][0]) and np.isnan(p["prediction"][1])
    m.setColdStartStrategy("drop")
    assert m.transform(spark.createDataFrame(new)).count() == 1


def _normal_equations(Y, cols, vals, reg, implicit, alpha):
    if implicit:
        c1 = alpha * np.abs(vals)
        pos = vals > 0
        A = Y.T @ Y + (Y[cols].T * c1) @ Y[cols] + reg * pos.sum() * np.eye(Y.shape[1])
        b = ((1 + c1) * pos) @ Y[cols]
    else:
        A = Y[cols].T @ Y[cols] + reg * len(cols) * np.eye(Y.shape[1])
        b = vals @ Y[cols]
    return A, b


@pytest.mark.parametrize("implicit", [False, True])
def test_block_solver_matches_numpy(implicit):
    from scipy.optimize import nnls

    rng = np.random.default_rng(3)
    Y = rng.normal(size=(40, 4))
    indptr = np.array([0, 5, 12, 20])
    cols = rng.integers(0, 40, 20)
    vals = rng.normal(size=20) * 2
    YtY = Y.T @ Y
    X = solve_block(indptr, cols, vals, Y, 0.1, implicit, 2.0, YtY, False)
    Xn = solve_block(indptr, cols, vals, Y, 0.1, implicit, 2.0, YtY, True)
    for u in range(3):
        sl = slice(indptr[u], indptr[u + 1])
        A, b = _normal_equations(Y, cols[sl], vals[sl], 0.1, implicit, 2.0)
        np.testing.assert_allclose(X[u], np.linalg.solve(A, b), rtol=1e-5, atol=1e-6)
        # NNLS of the same quadratic: min |R x - R^-T b|, R = chol(A)^T
        L = np.linalg.cholesky(A)
        ref, _ = nnls(L.T, np.linalg.solve(L, b))
        np.testing.assert_allclose(Xn[u], ref, rtol=1e-4, atol=1e-5)


def test_recommendations_match_numpy(spark, ratings, tmp_path):
    train, _ = ratings
    m = ALS(rank=4, maxIter=4, seed=5, implicitPrefs=True, alpha=0.5).fit(
        spark.createDataFrame(train))
    U = m.userFactors.toPandas().sort_values("id")
    V = m.itemFactors.toPandas().sort_values("id")
    Um, Vm = np.stack(U["features"].map(np.asarray)), np.stack(V["features"].map(np.asarray))
    recs = m.recommendForAllUsers(4).toPandas().set_index("user")
    scores = Um @ Vm.T
    for row in (0, 17, 150):
        best = V["id"].to_numpy()[np.argsort(-scores[row], kind="stable")[:4]]
        got = [r["item"] for r in recs.loc[U["id"].iloc[row], "recommendations"]]
        assert got == list(best)
    sub = m.recommendForUserSubset(spark.createDataFrame(pd.DataFrame({"user": [3, 10]})), 2)
    assert sorted(sub.toPandas()["user"]) == [3, 10]
    items = m.recommendForAllItems(3).toPandas()
    assert len(items) == train["item"].nunique()
    path = str(tmp_path / "als")
    m.write().overwrite().save(path)
    loaded = ALSModel.load(path)
    a = m.transform(spark.createDataFrame(train)).toPandas()
    b = loaded.transform(spark.createDataFrame(train)).toPandas()
    pd.testing.assert_frame_equal(a, b)


def test_nonnegative_factors(spark, ratings):
    train, _ = ratings
    m = ALS(rank=3, maxIter=3, nonnegative=True, seed=1).fit(spark.createDataFrame(train))
    f = np.stack(m.itemFactors.toPandas()["features"].map(np.asarray))
    assert (f >= 0).all() and (f > 0).any()


def test_bad_input(spark):
    df = spark.createDataFrame(pd.DataFrame({"user": [1.5, 2.0], "item": [1, 2],
                                             "rating": [1.0, 2.0]}))
    with pytest.raises(IllegalArgumentException, match="Integer range"):
        ALS().fit(df)
    with pytest.raises(IllegalArgumentException, match="does not exist"):
        ALS(userCol="u").fit(df)
    with pytest.raises(IllegalArgumentException, match="coldStartStrategy"):
        ALS(coldStartStrategy="zero").fit(df)
    with pytest.raises(IllegalArgumentException, match="rank"):
        ALS(rank=0).fit(df)


def test_defaults_match_pyspark(pyspark_session):
    from pyspark.ml.recommendation import ALS as PALS

    theirs, ours = PALS(), ALS()
    for p in theirs.params:
        if p.name != "seed" and theirs.hasDefault(p):
            assert ours.getOrDefault(p.name) == theirs.getOrDefault(p), p.name
