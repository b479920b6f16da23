"""MulticlassClassificationEvaluator's every metric equal to PySpark's, evaluators saved and
loaded, and PySpark's default output column (uid + "__output") on every stage with one."""

from __future__ import annotations

import numpy as np
import pytest

from dfengine.ml.linalg import Vectors

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


def _spark_metric(m, kw: dict) -> float:
    """The metric through Spark's own `MulticlassMetrics` (what PySpark's evaluator calls)."""
    name, label, beta = kw["metricName"], kw.get("metricLabel", 0.0), kw.get("beta", 1.0)
    by_label = {"truePositiveRateByLabel": m.truePositiveRate, "recallByLabel": m.recall,
                "falsePositiveRateByLabel": m.falsePositiveRate,
                "precisionByLabel": m.precision}
    if name in by_label:
        return by_label[name](label)
    if name == "fMeasureByLabel":
        return m.fMeasure(label, beta)
    if name in ("f1", "weightedFMeasure"):
        return m.weightedFMeasure(1.0 if name == "f1" else beta)
    if name == "logLoss":
        return m.logLoss(kw.get("eps", 1e-15))
    return getattr(m, name) if hasattr(m, name) else m.call(name)   # hammingLoss: JVM only


def test_multiclass_metrics_equal_pyspark(spark, pyspark_session, predictions):
    """Every metric, weighted and not, equal to Spark's `MulticlassMetrics` (one Spark job per
    weighting). Ours are read from the evaluator's own merged confusion table (one job per
    weighting); a few go through `evaluate()` end to end."""
    from pyspark.ml.evaluation import MulticlassClassificationEvaluator as PE
    from pyspark.mllib.evaluation import MulticlassMetrics

    from dfengine.ml import _frame
    from dfengine.ml.evaluation import MulticlassClassificationEvaluator as E
    from dfengine.ml.evaluation import multiclass as mc

    cols = ["label", "prediction", "weight", "probability"]
    df = spark.createDataFrame(predictions, cols)
    cases = [{"metricName": m} for m in METRICS]
    cases += [{"metricName": m, "metricLabel": 2.0, "beta": 0.5} for m in METRICS
              if m.endswith("ByLabel") or m == "weightedFMeasure"]
    cases += [{"metricName": "logLoss", "eps": 1e-3}]
    end_to_end = ({"metricName": "weightedFMeasure", "beta": 0.5},
                  {"metricName": "logLoss", "eps": 1e-3}, {"metricName": "hammingLoss"})
    sc = pyspark_session.sparkContext
    for weight in (None, "weight"):
        rdd = sc.parallelize([(p, y, w if weight else 1.0, prob.toArray().tolist())
                              for y, p, w, prob in predictions], 2)
        spark_metrics = MulticlassMetrics(rdd)
        conf: dict = {}
        for part in _frame.partition_results(df, mc._confusion, "label", "prediction", weight):
            for key, value in part.items():
                conf[key] = conf.get(key, 0.0) + value
        ours_metrics = mc.MulticlassMetrics(conf)
        for kw in cases:
            want = _spark_metric(spark_metrics, kw)
            if kw["metricName"] == "logLoss" or kw in end_to_end:
                ours = E(weightCol=weight, **kw) if weight else E(**kw)
                got = ours.evaluate(df)
            else:
                got = ours_metrics.metric(kw["metricName"], kw.get("metricLabel", 0.0),
                                          kw.get("beta", 1.0))
            assert got == pytest.approx(want, rel=1e-12, abs=1e-15), (weight, kw, got, want)
            assert E(**kw).isLargerBetter() == PE(**kw).isLargerBetter(), kw
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
