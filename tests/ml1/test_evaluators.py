"""MulticlassClassificationEvaluator's every metric equal to PySpark's, evaluators saved and
loaded, and PySpark's default output column (uid + "__output") on every stage with one."""

from __future__ import annotations

import numpy as np
import pytest

from dfengine.ml.linalg import Vectors
from tests.ml1.conftest import convert_rows

METRICS = ("f1", "accuracy", "weightedPrecision", "weightedRecall", "weightedTruePositiveRate",
           "weightedFalsePositiveRate", "weightedFMeasure", "truePositiveRateByLabel",
           "falsePositiveRateByLabel", "precisionByLabel", "recallByLabel", "fMeasureByLabel",
           "logLoss", "hammingLoss")


@pytest.fixture(scope="module")
def predictions():
    rng = np.random.default_rng(4)
    rows = []
    for _ in range(40):
        label = float(rng.integers(0, 3))
        p = rng.dirichlet([1.0, 1.0, 1.0, 0.3])
        p[int(label)] += 0.5
        p /= p.sum()
        p[3] = 0.0 if rng.random() < 0.3 else p[3]      # some zero probabilities (eps)
        p /= p.sum()
        rows.append((label, float(np.argmax(p)), float(rng.uniform(0.5, 2.0)),
                     Vectors.dense(p)))
    rows.append((1.0, 3.0, 1.0, Vectors.dense([0.0, 0.0, 0.0, 1.0])))   # p(label) = 0
    return rows


def test_multiclass_metrics_equal_pyspark(spark, pyspark_session, predictions):
    from pyspark.ml.evaluation import MulticlassClassificationEvaluator as PE

    from dfengine.ml.evaluation import MulticlassClassificationEvaluator as E

    cols = ["label", "prediction", "weight", "probability"]
    df = spark.createDataFrame(predictions, cols)
    pdf = pyspark_session.createDataFrame(convert_rows(predictions, True), cols).cache()
    cases = [{"metricName": m} for m in METRICS]
    cases += [{"metricName": m, "metricLabel": 2.0, "beta": 0.5} for m in METRICS
              if m.endswith("ByLabel") or m == "weightedFMeasure"]
    cases += [{"metricName": "logLoss", "eps": 1e-3}]
    for weight in (None, "weight"):
        for kw in cases:
            ours = E(weightCol=weight, **kw) if weight else E(**kw)
            theirs = PE(weightCol=weight, **kw) if weight else PE(**kw)
            got, want = ours.evaluate(df), theirs.evaluate(pdf)
            assert got == pytest.approx(want, rel=1e-12, abs=1e-15), (weight, kw, got, want)
            assert ours.isLargerBetter() == theirs.isLargerBetter(), kw
    # a label that is not a true label: Spark reads its per-label maps without a default
    with pytest.raises(Exception, match="key not found: 3.0"):
        E(metricName="recallByLabel", metricLabel=3.0).evaluate(df)
    with pytest.raises(Exception, match="eps"):
        E(metricName="logLoss", eps=0.7).evaluate(df)


def test_evaluators_save_and_load(tmp_path):
    from dfengine.ml import evaluation as ev

    stages = [ev.BinaryClassificationEvaluator(metricName="areaUnderPR", numBins=10),
              ev.MulticlassClassificationEvaluator(metricName="logLoss", eps=1e-6),
              ev.RegressionEvaluator(metricName="r2", throughOrigin=True),
              ev.ClusteringEvaluator(featuresCol="f"),
              ev.MultilabelClassificationEvaluator(metricName="hammingLoss"),
              ev.RankingEvaluator(metricName="ndcgAtK", k=3)]
    for stage in stages:
        path = str(tmp_path / stage.uid)
        stage.save(path)
        back = type(stage).load(path)
        assert back.uid == stage.uid and type(back) is type(stage)
        assert {p.name: v for p, v in back.extractParamMap().items()} == \
               {p.name: v for p, v in stage.extractParamMap().items()}
    with pytest.raises(Exception, match="already exists"):
        stages[0].save(str(tmp_path / stages[0].uid))


def test_default_output_col_is_pysparks(spark, pyspark_session):
    """Every stage of pyspark.ml.feature with a default outputCol has the same default here."""
    import pyspark.ml.feature as pf

    import dfengine.ml.feature as of

    checked = []
    for name in sorted(dir(pf)):
        theirs_cls, ours_cls = getattr(pf, name), getattr(of, name, None)
        if not isinstance(theirs_cls, type) or ours_cls is None or name.endswith("Model"):
            continue
        try:
            theirs = theirs_cls()
        except Exception:   # noqa: BLE001 - stages needing constructor arguments
            continue
        if not theirs.hasParam("outputCol"):
            continue
        ours = ours_cls()
        assert theirs.getOutputCol() == theirs.uid + "__output"
        assert ours.getOutputCol() == ours.uid + "__output", name
        checked.append(name)
    assert len(checked) >= 30, checked
    # the transform writes that column; a fitted model keeps its estimator's default
    tok = of.Tokenizer(inputCol="t")
    df = spark.createDataFrame([("a b",)], ["t"])
    assert tok.transform(df).columns == ["t", tok.uid + "__output"]
    cv = of.CountVectorizer(inputCol=tok.getOutputCol())
    model = cv.fit(tok.transform(df))
    assert model.getOutputCol() == cv.uid + "__output"
