"""NaiveBayes, LinearSVC, OneVsRest, GeneralizedLinearRegression against PySpark."""

from __future__ import annotations

import numpy as np
import pytest

from dfengine.ml.linalg import Vectors
from tests.ml1.conftest import convert_rows

rng = np.random.default_rng(11)
X = rng.poisson(2.0, size=(120, 4)).astype(float)
Y = (X @ [0.5, -0.4, 0.3, 0.0] + rng.normal(size=120) > 0.5).astype(float)
ROWS = [(float(y), Vectors.dense(x)) for x, y in zip(X, Y)]


def _frames(spark, pyspark_session, rows):
    return (spark.createDataFrame(rows, ["label", "features"]),
            pyspark_session.createDataFrame(convert_rows(rows, True), ["label", "features"]))


@pytest.mark.parametrize("kind", ["multinomial", "bernoulli", "gaussian"])
def test_naive_bayes(spark, pyspark_session, kind, tmp_path):
    from pyspark.ml.classification import NaiveBayes as PNB

    from dfengine.ml.classification import NaiveBayes, NaiveBayesModel

    rows = [(y, Vectors.dense((x > 1.5).astype(float))) for y, x in
            ((r[0], r[1].toArray()) for r in ROWS)] if kind == "bernoulli" else ROWS
    df, pdf = _frames(spark, pyspark_session, rows)
    ours = NaiveBayes(modelType=kind, smoothing=0.5).fit(df)
    theirs = PNB(modelType=kind, smoothing=0.5).fit(pdf)
    np.testing.assert_allclose(ours.pi.toArray(), theirs.pi.toArray(), rtol=1e-9)
    np.testing.assert_allclose(ours.theta.toArray(), theirs.theta.toArray(), rtol=1e-9)
    if kind == "gaussian":
        np.testing.assert_allclose(ours.sigma.toArray(), theirs.sigma.toArray(), rtol=1e-6)
    a = ours.transform(df).collect()
    b = theirs.transform(pdf).collect()
    np.testing.assert_allclose([r.probability.toArray() for r in a],
                               [r.probability.toArray() for r in b], rtol=1e-6, atol=1e-12)
    assert [r.prediction for r in a] == [r.prediction for r in b]
    ours.save(str(tmp_path / "nb"))
    assert NaiveBayesModel.load(str(tmp_path / "nb")).transform(df).collect() == a


def test_naive_bayes_rejects_negative(spark):
    from dfengine.ml.classification import NaiveBayes

    df = spark.createDataFrame([(0.0, Vectors.dense(-1.0, 2.0))], ["label", "features"])
    with pytest.raises(Exception, match="nonnegative"):
        NaiveBayes().fit(df)


def test_linear_svc_and_ovr(spark, pyspark_session):
    from pyspark.ml.classification import LinearSVC as PSVC
    from pyspark.ml.classification import LogisticRegression as PLR
    from pyspark.ml.classification import OneVsRest as POVR

    from dfengine.ml.classification import LinearSVC, LogisticRegression, OneVsRest

    df, pdf = _frames(spark, pyspark_session, ROWS)
    ours = LinearSVC(regParam=0.01, maxIter=200).fit(df)
    theirs = PSVC(regParam=0.01, maxIter=200).fit(pdf)
    a = [r.prediction for r in ours.transform(df).collect()]
    b = [r.prediction for r in theirs.transform(pdf).collect()]
    assert np.mean(np.array(a) == np.array(b)) >= 0.97
    np.testing.assert_allclose(ours.coefficients.toArray(), theirs.coefficients.toArray(),
                               atol=0.1 * np.abs(theirs.coefficients.toArray()).max())
    y3 = np.digitize(X @ [0.5, -0.4, 0.3, 0.2], [0.3, 1.2]).astype(float)
    rows3 = [(float(y), Vectors.dense(x)) for x, y in zip(X, y3)]
    df3, pdf3 = _frames(spark, pyspark_session, rows3)
    o = OneVsRest(classifier=LogisticRegression(regParam=0.01)).fit(df3)
    p = POVR(classifier=PLR(regParam=0.01)).fit(pdf3)
    a = [r.prediction for r in o.transform(df3).collect()]
    b = [r.prediction for r in p.transform(pdf3).collect()]
    assert np.mean(np.array(a) == np.array(b)) >= 0.97


@pytest.mark.parametrize("family,link", [("gaussian", "identity"), ("poisson", "log"),
                                         ("binomial", "logit"), ("gamma", "log")])
def test_glr(spark, pyspark_session, family, link):
    from pyspark.ml.regression import GeneralizedLinearRegression as PGLR

    from dfengine.ml.regression import GeneralizedLinearRegression

    mu = np.exp(0.1 + X @ [0.2, -0.1, 0.15, 0.05])
    y = {"gaussian": mu + rng.normal(size=mu.size), "poisson": rng.poisson(mu).astype(float),
         "binomial": Y, "gamma": rng.gamma(2.0, mu / 2.0)}[family]
    rows = [(float(t), Vectors.dense(x)) for x, t in zip(X, y)]
    df, pdf = _frames(spark, pyspark_session, rows)
    kw = {"family": family, "link": link, "regParam": 0.0}
    ours = GeneralizedLinearRegression(**kw).fit(df)
    theirs = PGLR(**kw).fit(pdf)
    np.testing.assert_allclose(ours.coefficients.toArray(), theirs.coefficients.toArray(),
                               rtol=1e-5, atol=1e-8)
    assert abs(ours.intercept - theirs.intercept) < 1e-5 * max(1, abs(theirs.intercept))
    s, t = ours.summary, theirs.summary
    np.testing.assert_allclose(s.coefficientStandardErrors, t.coefficientStandardErrors,
                               rtol=1e-4)
    np.testing.assert_allclose(s.pValues, t.pValues, rtol=1e-3, atol=1e-10)
    for name in ("dispersion", "deviance", "nullDeviance"):
        assert abs(getattr(s, name) - getattr(t, name)) <= 1e-5 * abs(getattr(t, name)), name
    if family != "gamma":
        assert abs(s.aic - t.aic) <= 1e-5 * abs(t.aic)
