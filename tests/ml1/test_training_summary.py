"""`hasSummary` / `summary` / `evaluate` (PySpark's `HasTrainingSummary`) on every model,
as PySpark 4 has them.

`PYSPARK` records, per estimator, what PySpark 4.3 does: whether the model has `hasSummary`,
whether `copy()` keeps the summary, whether it has `evaluate`, and the public names of its
training summary. The fast test checks dfengine against the table; the slow twin
(`DFENGINE_SLOW=1`) re-derives the table from PySpark. A loaded model has no summary, and
`summary` raises Spark's error text.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

import dfengine.ml.classification as dc
import dfengine.ml.clustering as du
import dfengine.ml.regression as dr
from dfengine.errors import PySparkRuntimeError
from dfengine.ml.linalg import Vectors

_CLS = {"accuracy", "fMeasureByLabel", "falsePositiveRateByLabel", "labelCol", "labels",
        "precisionByLabel", "predictionCol", "predictions", "recallByLabel",
        "truePositiveRateByLabel", "weightCol", "weightedFMeasure", "weightedFalsePositiveRate",
        "weightedPrecision", "weightedRecall", "weightedTruePositiveRate"}
_BIN = _CLS | {"areaUnderROC", "fMeasureByThreshold", "pr", "precisionByThreshold",
               "recallByThreshold", "roc", "scoreCol"}
_TRAIN = {"objectiveHistory", "totalIterations"}
_CLU = {"cluster", "clusterSizes", "featuresCol", "k", "numIter", "predictionCol",
        "predictions"}
_GLR = {"aic", "degreesOfFreedom", "deviance", "dispersion", "nullDeviance", "numInstances",
        "predictionCol", "predictions", "rank", "residualDegreeOfFreedom",
        "residualDegreeOfFreedomNull", "residuals"}
_LINR = {"coefficientStandardErrors", "degreesOfFreedom", "devianceResiduals",
         "explainedVariance", "featuresCol", "labelCol", "meanAbsoluteError",
         "meanSquaredError", "numInstances", "pValues", "predictionCol", "predictions", "r2",
         "r2adj", "residuals", "rootMeanSquaredError", "tValues"}

# estimator -> (constructor kwargs, has summary, copy keeps it, has evaluate, summary names)
PYSPARK = {
    "LinearSVC": ({"maxIter": 5}, True, False, True, _BIN | _TRAIN),
    "LogisticRegression": ({"maxIter": 5}, True, True, True,
                           _BIN | _TRAIN | {"featuresCol", "probabilityCol"}),
    "RandomForestClassifier": ({"numTrees": 2, "maxDepth": 2, "seed": 1}, True, False, True,
                               _BIN | _TRAIN),
    "DecisionTreeClassifier": ({"maxDepth": 2}, False, None, False, None),
    "GBTClassifier": ({"maxIter": 2, "maxDepth": 2}, False, None, False, None),
    "MultilayerPerceptronClassifier": ({"layers": [3, 2], "maxIter": 5, "seed": 1}, True, False,
                                       True, _CLS | _TRAIN),
    "FMClassifier": ({"maxIter": 5, "seed": 1}, True, False, True, _BIN | _TRAIN),
    "NaiveBayes": ({"modelType": "gaussian"}, False, None, False, None),
    "LinearRegression": ({"maxIter": 5}, True, True, True, _LINR | _TRAIN),
    "GeneralizedLinearRegression": ({"maxIter": 5}, True, True, True,
                                    _GLR | {"coefficientStandardErrors", "numIterations",
                                            "pValues", "solver", "tValues"}),
    "DecisionTreeRegressor": ({"maxDepth": 2}, False, None, False, None),
    "RandomForestRegressor": ({"numTrees": 2, "maxDepth": 2}, False, None, False, None),
    "GBTRegressor": ({"maxIter": 2, "maxDepth": 2}, False, None, False, None),
    "FMRegressor": ({"maxIter": 5}, False, None, False, None),
    "KMeans": ({"k": 2, "seed": 1}, True, True, False, _CLU | {"trainingCost"}),
    "BisectingKMeans": ({"k": 2, "seed": 1}, True, True, False, _CLU | {"trainingCost"}),
    "GaussianMixture": ({"k": 2, "seed": 1}, True, True, False,
                        _CLU | {"logLikelihood", "probability", "probabilityCol"}),
}

# PySpark names dfengine does not have yet (LinearRegression's normal-equation statistics)
GAPS = {"LinearRegression": {"coefficientStandardErrors", "devianceResiduals", "pValues",
                             "tValues"}}


def _rows(vectors):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(float)
    return [(vectors.dense(x.tolist()), float(v)) for x, v in zip(X, y)]


def _estimator(modules, name):
    for m in modules:
        if hasattr(m, name):
            return getattr(m, name)(**PYSPARK[name][0])
    raise AssertionError(name)


def _summary(model):
    s = model.summary
    return s() if callable(s) else s     # PySpark: a method on 3 models, else a property


def _facts(model, tmp_path):
    if not hasattr(type(model), "hasSummary"):
        return False, None, hasattr(model, "evaluate"), None
    assert model.hasSummary
    names = {a for a in dir(_summary(model)) if not a.startswith("_")}
    model.write().overwrite().save(str(tmp_path / "m"))
    loaded = type(model).load(str(tmp_path / "m"))
    assert not loaded.hasSummary
    return True, model.copy().hasSummary, hasattr(model, "evaluate"), names


@pytest.fixture(scope="module")
def train(spark):
    return spark.createDataFrame(_rows(Vectors), ["features", "label"])


@pytest.mark.parametrize("name", list(PYSPARK))
def test_summaries_as_pyspark(train, tmp_path, name):
    model = _estimator((dc, dr, du), name).fit(train)
    has, keeps, evaluates, names = _facts(model, tmp_path)
    _, want_has, want_keeps, want_eval, want_names = PYSPARK[name]
    assert (has, keeps, evaluates) == (want_has, want_keeps, want_eval)
    if not has:
        return
    gaps = GAPS.get(name, set())
    assert want_names - gaps <= names, sorted(want_names - gaps - names)
    assert not gaps & names, "a recorded gap is filled: drop it from GAPS"
    loaded = type(model).load(str(tmp_path / "m"))
    with pytest.raises(PySparkRuntimeError) as err:
        _summary(loaded)
    assert str(err.value) == f"No training summary available for this {type(model).__name__}"
    if evaluates:
        s = model.evaluate(train)
        assert {a for a in dir(s) if not a.startswith("_")} >= want_names - _TRAIN - gaps - {
            "coefficientStandardErrors", "tValues", "pValues", "numIterations", "solver"}


@pytest.mark.skipif(not os.environ.get("DFENGINE_SLOW"), reason="slow: set DFENGINE_SLOW=1")
def test_recorded_table_is_pysparks(pyspark_session, tmp_path):
    import pyspark.ml.classification as pc
    import pyspark.ml.clustering as pu
    import pyspark.ml.linalg as pl
    import pyspark.ml.regression as pr

    df = pyspark_session.createDataFrame(_rows(pl.Vectors), ["features", "label"])
    for name, (_, has, keeps, evaluates, names) in PYSPARK.items():
        model = _estimator((pc, pr, pu), name).fit(df)
        got = _facts(model, tmp_path)
        assert got[:3] == (has, keeps, evaluates), name
        assert got[3] == names, (name, got[3] ^ names)


def test_linear_svc_summary(spark):
    """LinearSVC's summary (PySpark calls it as a method) and evaluate: the binary curves rank
    rows by the margin (rawPrediction), as Spark's; metrics equal scikit-learn's on the
    model's own predictions."""
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    rng = np.random.default_rng(3)
    X = rng.normal(size=(80, 3))
    y = (X @ [1.0, -0.5, 0.3] + rng.normal(scale=0.8, size=80) > 0).astype(float)
    df = spark.createDataFrame([(Vectors.dense(x.tolist()), float(v)) for x, v in zip(X, y)],
                               ["features", "label"])
    m = dc.LinearSVC(regParam=0.01).fit(df)
    s = m.summary()
    assert s is m.summary and s.scoreCol == "rawPrediction" and s.labels == [0.0, 1.0]
    p = m.transform(df).select("label", "prediction", "rawPrediction").toPandas()
    margin = p["rawPrediction"].map(lambda v: v[1])
    assert s.areaUnderROC == pytest.approx(roc_auc_score(p["label"], margin), abs=1e-12)
    assert s.accuracy == pytest.approx(accuracy_score(p["label"], p["prediction"]))
    assert s.totalIterations == len(s.objectiveHistory) - 1 > 0
    e = m.evaluate(df.limit(50))
    q = p.head(50)
    assert e.weightedFMeasure() == pytest.approx(
        f1_score(q["label"], q["prediction"], average="weighted"))
    assert not m.copy().hasSummary          # Spark's copy of a LinearSVCModel drops it


def test_gaussian_mixture_summary(spark):
    """GaussianMixtureSummary: logLikelihood of the fitted mixture (scipy), cluster sizes
    counted from the predictions, as Spark's."""
    from scipy.stats import multivariate_normal

    rng = np.random.default_rng(5)
    X = np.vstack([rng.normal(0, 1, (30, 2)), rng.normal(6, 1, (30, 2))])
    df = spark.createDataFrame([(Vectors.dense(x.tolist()),) for x in X], ["features"])
    m = du.GaussianMixture(k=2, seed=3, tol=1e-9, maxIter=200).fit(df)
    s = m.summary
    dens = sum(w * multivariate_normal(g.mean.toArray(), g.cov.toArray()).pdf(X)
               for w, g in zip(m.weights, m.gaussians))
    # the summary's log-likelihood is that of the last E step (Spark's)
    assert s.logLikelihood == pytest.approx(np.log(dens).sum(), rel=1e-6)
    pred = s.predictions.toPandas()["prediction"]
    assert s.clusterSizes == [int((pred == j).sum()) for j in range(2)]
    assert s.k == 2 and 1 <= s.numIter <= 200 and s.probabilityCol == "probability"
    assert s.cluster.columns == ["prediction"] and s.probability.count() == 60


def test_glr_evaluate_equals_pysparks(spark, pyspark_session):
    """GeneralizedLinearRegressionModel.evaluate (new in this change): PySpark's values."""
    from pyspark.ml.linalg import Vectors as PV
    from pyspark.ml.regression import GeneralizedLinearRegression as PGLR

    rng = np.random.default_rng(7)
    X = rng.normal(size=(60, 2)) * 0.5
    y = rng.poisson(np.exp(0.3 + X @ [0.4, -0.2])).astype(float)
    rows = list(zip(X.tolist(), y.tolist()))
    ours = spark.createDataFrame([(Vectors.dense(x), v) for x, v in rows],
                                 ["features", "label"])
    theirs = pyspark_session.createDataFrame([(PV.dense(x), v) for x, v in rows],
                                             ["features", "label"])
    s = dr.GeneralizedLinearRegression(family="poisson").fit(ours).evaluate(ours.limit(40))
    t = PGLR(family="poisson").fit(theirs).evaluate(theirs.limit(40))
    for name in ("deviance", "nullDeviance", "aic", "dispersion"):
        assert getattr(s, name) == pytest.approx(getattr(t, name), rel=1e-6), name
    for name in ("numInstances", "rank", "degreesOfFreedom", "residualDegreeOfFreedom",
                 "residualDegreeOfFreedomNull"):
        assert getattr(s, name) == getattr(t, name), name
