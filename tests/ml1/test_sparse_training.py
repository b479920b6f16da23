"""Sparse (CSR) training blocks: wide sparse data trains without densifying, same answers as
PySpark / scikit-learn."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from dfengine.ml.linalg import Vectors
from tests.ml1.conftest import convert_rows


def _sparse_rows(n, d, nnz, seed, labels):
    rng = np.random.default_rng(seed)
    X = sp.random(n, d, density=nnz / d, random_state=seed, format="csr")
    X.data[:] = rng.integers(1, 4, X.nnz)
    w = np.zeros(d)
    w[np.unique(X.indices)[:300]] = rng.normal(size=min(300, np.unique(X.indices).size))
    m = X @ w + rng.normal(size=n) * 0.3
    y = (m > np.median(m)).astype(float) if labels == "binary" else \
        np.digitize(m, np.quantile(m, [0.33, 0.66])).astype(float)
    rows = [(float(y[i]), Vectors.sparse(d, X[i].indices.tolist(), X[i].data.tolist()))
            for i in range(n)]
    return X, y, rows


def _block_kinds(df):
    from dfengine.ml.optim.blocks import Blocks

    blocks = Blocks.from_dataframe(df, "features", "label", sparse=True)
    try:
        return set(blocks.map(lambda b: sp.issparse(b[0])))
    finally:
        blocks.release()


def test_wide_sparse_logistic_matches_sklearn(spark):
    """100k features: the blocks stay CSR and the fit equals scikit-learn's optimum."""
    from sklearn.linear_model import LogisticRegression as SLR

    from dfengine.ml.classification import LogisticRegression

    n, d, reg = 200, 100_000, 0.05
    X, y, rows = _sparse_rows(n, d, 15, 1, "binary")
    df = spark.createDataFrame(rows, ["label", "features"]).repartition(3)
    assert _block_kinds(df) == {True}
    ours = LogisticRegression(regParam=reg, standardization=False, tol=1e-9,
                              maxIter=300).fit(df)
    ref = SLR(C=1.0 / (reg * n), tol=1e-12, max_iter=10000).fit(X, y)
    scale = np.abs(ref.coef_[0]).max()
    np.testing.assert_allclose(ours.coefficients.toArray(), ref.coef_[0], atol=1e-4 * scale)
    assert abs(ours.intercept - ref.intercept_[0]) < 1e-4
    got = ours.transform(df).select("features", "probability").collect()
    feats = sp.vstack([sp.csr_matrix(r[0].toArray()) for r in got])
    np.testing.assert_allclose([r[1].toArray() for r in got], ref.predict_proba(feats),
                               atol=1e-5)


def test_sparse_models_match_pyspark(spark, pyspark_session):
    """Multinomial LR and LinearRegression (L-BFGS) on 5000 sparse features (CSR blocks,
    sparse prediction) against PySpark."""
    from pyspark.ml.classification import LogisticRegression as PLR
    from pyspark.ml.regression import LinearRegression as PLinR

    from dfengine.ml.classification import LogisticRegression
    from dfengine.ml.regression import LinearRegression

    _, _, rows = _sparse_rows(120, 5000, 20, 2, "binary")
    _, _, rows3 = _sparse_rows(120, 5000, 20, 3, "multi")
    for data, kw in ((rows3, {"regParam": 0.05}),):
        df = spark.createDataFrame(data, ["label", "features"])
        pdf = pyspark_session.createDataFrame(convert_rows(data, True), ["label", "features"])
        ours = LogisticRegression(tol=1e-9, maxIter=300, **kw).fit(df)
        theirs = PLR(tol=1e-9, maxIter=300, **kw).fit(pdf)
        a, b = ours.coefficientMatrix.toArray(), theirs.coefficientMatrix.toArray()
        np.testing.assert_allclose(a, b, atol=2e-4 * np.abs(b).max())
        pa_ = [r.probability.toArray() for r in ours.transform(df).collect()]
        pb = [r.probability.toArray() for r in theirs.transform(pdf).collect()]
        np.testing.assert_allclose(pa_, pb, atol=1e-4)
    df = spark.createDataFrame(rows, ["label", "features"])
    pdf = pyspark_session.createDataFrame(convert_rows(rows, True), ["label", "features"])
    ours = LinearRegression(regParam=0.1, solver="l-bfgs", tol=1e-10).fit(df)
    theirs = PLinR(regParam=0.1, solver="l-bfgs", tol=1e-10).fit(pdf)
    b = theirs.coefficients.toArray()
    np.testing.assert_allclose(ours.coefficients.toArray(), b, atol=1e-4 * np.abs(b).max())


def test_sparse_glr_and_svc_equal_dense(spark, pyspark_session):
    """GLR (IRLS on CSR blocks) against PySpark; LinearSVC on CSR blocks equals its dense fit."""
    from pyspark.ml.regression import GeneralizedLinearRegression as PGLR

    from dfengine.ml.classification import LinearSVC
    from dfengine.ml.regression import GeneralizedLinearRegression

    rng = np.random.default_rng(5)
    X = sp.random(200, 40, density=0.1, random_state=5, format="csr")
    y = rng.poisson(np.exp(0.2 + X @ rng.normal(scale=0.5, size=40))).astype(float)
    rows = [(float(y[i]), Vectors.sparse(40, X[i].indices.tolist(), X[i].data.tolist()))
            for i in range(200)]
    df = spark.createDataFrame(rows, ["label", "features"])
    assert _block_kinds(df) == {True}
    pdf = pyspark_session.createDataFrame(convert_rows(rows, True), ["label", "features"])
    ours = GeneralizedLinearRegression(family="poisson").fit(df)
    theirs = PGLR(family="poisson").fit(pdf)
    np.testing.assert_allclose(ours.coefficients.toArray(), theirs.coefficients.toArray(),
                               rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(ours.summary.coefficientStandardErrors,
                               theirs.summary.coefficientStandardErrors, rtol=1e-4)
    yb = (y > np.median(y)).astype(float)
    sparse_rows = [(float(yb[i]), r[1]) for i, r in enumerate(rows)]
    dense_rows = [(t, Vectors.dense(v.toArray())) for t, v in sparse_rows]
    a = LinearSVC(regParam=0.01).fit(spark.createDataFrame(sparse_rows, ["label", "features"]))
    b = LinearSVC(regParam=0.01).fit(spark.createDataFrame(dense_rows, ["label", "features"]))
    np.testing.assert_allclose(a.coefficients.toArray(), b.coefficients.toArray(), atol=1e-6)
