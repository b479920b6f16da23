"""MultilayerPerceptronClassifier against PySpark (weight layout, forward pass, accuracy),
finite differences (gradient) and scikit-learn (accuracy)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dfengine.errors import IllegalArgumentException
from dfengine.ml.classification import (
    MultilayerPerceptronClassificationModel,
    MultilayerPerceptronClassifier,
)
from dfengine.ml.classification.multilayer_perceptron import loss_grad, num_weights
from dfengine.ml.feature import VectorAssembler


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(4)
    n = 1500
    X = rng.normal(size=(n, 4))
    logits = np.column_stack([X[:, 0] * X[:, 1], X[:, 2] - X[:, 3], np.sin(2 * X[:, 0])])
    y = np.argmax(logits * 3 + rng.gumbel(size=(n, 3)) * 0.3, axis=1).astype(float)
    pdf = pd.DataFrame(X, columns=list("abcd"))
    pdf["label"] = y
    return pdf


def _frames(spark, pyspark_session, pdf):
    from pyspark.ml.feature import VectorAssembler as PVA

    df = VectorAssembler(inputCols=list("abcd"), outputCol="features").transform(
        spark.createDataFrame(pdf))
    pdf2 = PVA(inputCols=list("abcd"), outputCol="features").transform(
        pyspark_session.createDataFrame(pdf))
    return df, pdf2


def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    layers = [3, 5, 4, 3]
    X, y = rng.normal(size=(20, 3)), rng.integers(0, 3, 20).astype(float)
    w = rng.normal(size=num_weights(layers)) * 0.5
    g = loss_grad((X, y, None), w, layers)
    eps = 1e-6
    for j in rng.choice(w.size, 15, replace=False):
        e = np.zeros_like(w)
        e[j] = eps
        num = (loss_grad((X, y, None), w + e, layers)[0] -
               loss_grad((X, y, None), w - e, layers)[0]) / (2 * eps)
        assert g[1 + j] == pytest.approx(num, rel=1e-5, abs=1e-7)


def test_same_outputs_as_pyspark_for_its_weights(spark, pyspark_session, data):
    """Spark's weights loaded into our model give Spark's raw outputs and probabilities."""
    from pyspark.ml.classification import MultilayerPerceptronClassifier as PMLP

    df, pdf = _frames(spark, pyspark_session, data)
    theirs = PMLP(layers=[4, 6, 3], maxIter=3, seed=3).fit(pdf)
    ours = MultilayerPerceptronClassificationModel([4, 6, 3], theirs.weights.toArray())
    a = ours.transform(df).toPandas()
    b = theirs.transform(pdf).toPandas()
    np.testing.assert_allclose(np.stack(a["rawPrediction"].map(np.asarray)),
                               np.stack(b["rawPrediction"].map(lambda v: v.toArray())),
                               rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(np.stack(a["probability"].map(np.asarray)),
                               np.stack(b["probability"].map(lambda v: v.toArray())),
                               rtol=1e-9, atol=1e-12)
    assert (a["prediction"] == b["prediction"]).all()


def test_accuracy_matches_pyspark_and_sklearn(spark, pyspark_session, data):
    from pyspark.ml.classification import MultilayerPerceptronClassifier as PMLP
    from sklearn.neural_network import MLPClassifier

    train, test = data.iloc[:1000], data.iloc[1000:]
    df, pdf = _frames(spark, pyspark_session, train)
    tdf, tpdf = _frames(spark, pyspark_session, test)
    w0 = np.random.default_rng(1).uniform(-0.5, 0.5, num_weights([4, 8, 3]))
    kw = {"layers": [4, 8, 3], "maxIter": 40, "seed": 1}
    from pyspark.ml.linalg import Vectors as PV

    from dfengine.ml.linalg import Vectors

    ours = MultilayerPerceptronClassifier(initialWeights=Vectors.dense(w0), **kw).fit(df)
    theirs = PMLP(initialWeights=PV.dense(w0), **kw).fit(pdf)
    acc = float((ours.transform(tdf).toPandas().eval("prediction == label")).mean())
    acc_p = float((theirs.transform(tpdf).toPandas().eval("prediction == label")).mean())
    assert abs(acc - acc_p) < 0.05
    sk = MLPClassifier((8,), activation="logistic", solver="lbfgs", alpha=0.0, max_iter=40,
                       random_state=0).fit(train[list("abcd")], train["label"])
    assert acc > sk.score(test[list("abcd")], test["label"]) - 0.05
    assert acc > 0.75


def test_gd_save_load_and_bad_input(spark, data, tmp_path):
    df = VectorAssembler(inputCols=list("abcd"), outputCol="features").transform(
        spark.createDataFrame(data.iloc[:300]))
    m = MultilayerPerceptronClassifier(layers=[4, 3], solver="gd", maxIter=20,
                                       stepSize=0.5).fit(df)
    path = str(tmp_path / "mlp")
    m.write().overwrite().save(path)
    loaded = MultilayerPerceptronClassificationModel.load(path)
    np.testing.assert_array_equal(loaded.weights.toArray(), m.weights.toArray())
    pd.testing.assert_frame_equal(m.transform(df).toPandas(), loaded.transform(df).toPandas())
    with pytest.raises(IllegalArgumentException, match="input layer"):
        MultilayerPerceptronClassifier(layers=[3, 3]).fit(df)
    with pytest.raises(IllegalArgumentException, match="output layer"):
        MultilayerPerceptronClassifier(layers=[4, 2]).fit(df)
    with pytest.raises(IllegalArgumentException, match="layers"):
        MultilayerPerceptronClassifier().fit(df)


def test_defaults_match_pyspark(pyspark_session):
    from pyspark.ml.classification import MultilayerPerceptronClassifier as PMLP

    theirs, ours = PMLP(), MultilayerPerceptronClassifier()
    for p in theirs.params:
        if p.name != "seed" and theirs.hasDefault(p):
            assert ours.getOrDefault(p.name) == theirs.getOrDefault(p), p.name
