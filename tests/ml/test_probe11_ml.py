"""Regression tests for the session-11 probe's ML findings (docs/probes/session11/README.md).

Expected values are PySpark 4.3's: from docs/probes/session11/out_pyspark.json ("recorded") or
from runs of PySpark 4.3 on the same input (noted per test), so the suite needs no JVM.
"""

from __future__ import annotations

import math

import pytest

from dfengine.errors import AnalysisException, IllegalArgumentException, PySparkException
from dfengine.ml import Pipeline, PipelineModel
from dfengine.ml.classification import LinearSVC, LogisticRegression
from dfengine.ml.evaluation import (
    BinaryClassificationEvaluator,
    MulticlassClassificationEvaluator,
    RegressionEvaluator,
)
from dfengine.ml.feature import (
    Bucketizer,
    Imputer,
    MinMaxScaler,
    StandardScaler,
    StringIndexer,
    VectorSlicer,
)
from dfengine.ml.linalg import Vectors
from dfengine.ml.regression import (
    DecisionTreeRegressor,
    LinearRegression,
    LinearRegressionModel,
)
from dfengine.ml.tuning import CrossValidator, ParamGridBuilder


@pytest.fixture(scope="module")
def line(spark):
    return spark.createDataFrame(
        [(Vectors.dense([1.0]), 3.0), (Vectors.dense([2.0]), 5.0), (Vectors.dense([3.0]), 7.0)],
        ["features", "label"])


@pytest.fixture(scope="module")
def classes(spark):
    rows = [(Vectors.dense([float(i), float(i % 3)]), float(i % 2)) for i in range(12)]
    return spark.createDataFrame(rows, ["features", "label"])


# -- transform on empty partitions ---------------------------------------------------------


def test_linreg_transform_empty_partitions(line):
    # recorded: mr_linreg_transform_empty_partitions / _filtered_empty
    m = LinearRegression().fit(line)
    got = sorted((r.label, round(r.prediction, 6)) for r in m.transform(line.repartition(6))
                 .select("label", "prediction").collect())
    assert got == [(3.0, 3.0), (5.0, 5.0), (7.0, 7.0)]
    assert m.transform(line.filter("label > 100")).count() == 0


@pytest.mark.parametrize("make", [
    lambda: LogisticRegression(regParam=0.1), lambda: DecisionTreeRegressor(),
    lambda: StandardScaler(inputCol="features", outputCol="o"),
    lambda: MinMaxScaler(inputCol="features", outputCol="o"),
])
def test_models_transform_empty_partitions(classes, make):
    """Every partition function of a model may assume rows: an empty partition gets typed
    empty columns (PySpark predicts normally, mr_logreg_transform_empty_partitions)."""
    model = make().fit(classes)
    assert model.transform(classes.repartition(20)).count() == 12
    out = model.transform(classes.filter("label > 5"))
    assert out.count() == 0 and len(out.columns) > len(classes.columns)


def test_evaluators_on_empty_partitions(classes):
    """Evaluators' per-partition statistics on a frame with empty partitions (vector
    rawPrediction): the same answer as without them."""
    preds = LogisticRegression().fit(classes).transform(classes)
    for ev in (BinaryClassificationEvaluator(),
               BinaryClassificationEvaluator(metricName="areaUnderPR"),
               MulticlassClassificationEvaluator()):
        assert ev.evaluate(preds.repartition(30)) == pytest.approx(ev.evaluate(preds))


def test_cross_validator_folds(spark):
    # recorded: mp_cross_validator -> [2, True, 0.0]
    df = spark.createDataFrame([(Vectors.dense([float(i)]), 2.0 * i + 1) for i in range(12)],
                               ["features", "label"])
    lr = LinearRegression()
    grid = ParamGridBuilder().addGrid(lr.regParam, [0.0, 10.0]).build()
    m = CrossValidator(estimator=lr, estimatorParamMaps=grid, evaluator=RegressionEvaluator(),
                       numFolds=3, seed=1).fit(df)
    assert len(m.avgMetrics) == 2 and m.avgMetrics[0] < m.avgMetrics[1]
    assert m.bestModel.getRegParam() == 0.0


def test_linear_svc_flat_gradient(classes):
    # PySpark 4.3 on this input: coefficients [0.2222, -0.2222], intercept -1.0 (its OWL-QN
    # logs "NaNHistory, resetting"; dfengine raised ZeroDivisionError)
    m = LinearSVC().fit(classes)
    assert list(m.coefficients) == pytest.approx([0.2222222222, -0.2222222222], abs=1e-8)
    assert m.intercept == pytest.approx(-1.0, abs=1e-8)


# -- evaluators ----------------------------------------------------------------------------


def test_regression_metrics_explained_variance(spark):
    # recorded: me_regression_metrics
    df = spark.createDataFrame([(1.0, 1.5), (2.0, 2.0), (3.0, 2.0)],
                               "label double, prediction double")
    got = {m: round(RegressionEvaluator(metricName=m).evaluate(df), 3)
           for m in ["rmse", "mse", "mae", "r2", "var"]}
    assert got == {"rmse": 0.645, "mse": 0.417, "mae": 0.5, "r2": 0.375, "var": 0.083}


@pytest.mark.parametrize("labels,roc,pr", [((1.0, 1.0), 1.0, 1.0), ((0.0, 0.0), 0.0, 0.0)])
def test_binary_single_class(spark, labels, roc, pr):
    # recorded: me_binary_single_class (1.0); PySpark 4.3: all-negative ROC 0.0, PR 1.0 / 0.0
    df = spark.createDataFrame([(0.8, labels[0]), (0.4, labels[1])],
                               "rawPrediction double, label double")
    assert BinaryClassificationEvaluator().evaluate(df) == roc
    assert BinaryClassificationEvaluator(metricName="areaUnderPR").evaluate(df) == pr


def test_evaluators_on_empty_input(spark):
    # recorded: me_binary_empty 0.5, me_multiclass_empty NaN, me_regression_empty raises;
    # PySpark 4.3: f1 / weightedPrecision 0.0, hammingLoss NaN, precisionByLabel key not found
    binary = spark.createDataFrame([], "rawPrediction double, label double")
    assert BinaryClassificationEvaluator().evaluate(binary) == 0.5
    with pytest.raises(IllegalArgumentException, match="empty"):
        BinaryClassificationEvaluator(metricName="areaUnderPR").evaluate(binary)
    preds = spark.createDataFrame([], "label double, prediction double")
    mc = MulticlassClassificationEvaluator
    assert math.isnan(mc(metricName="accuracy").evaluate(preds))
    assert math.isnan(mc(metricName="hammingLoss").evaluate(preds))
    assert mc(metricName="f1").evaluate(preds) == 0.0
    assert mc(metricName="weightedPrecision").evaluate(preds) == 0.0
    with pytest.raises(PySparkException, match="key not found"):
        mc(metricName="precisionByLabel").evaluate(preds)
    with pytest.raises(IllegalArgumentException, match="Nothing has been added"):
        RegressionEvaluator().evaluate(preds)


# -- features ------------------------------------------------------------------------------


@pytest.mark.parametrize("how,expected", [
    ("keep", [(None, None), (0.5, 0.0), (float("nan"), 2.0)]),   # recorded: mf_bucketizer_nan_keep
    ("skip", [(0.5, 0.0)]),                                # PySpark 4.3
])
def test_bucketizer_null_stays_null(spark, how, expected):
    df = spark.createDataFrame([(float("nan"),), (0.5,), (None,)], "x double")
    out = Bucketizer(splits=[0.0, 1.0, 2.0], inputCol="x", outputCol="b",
                     handleInvalid=how).transform(df).collect()
    assert sorted(str((r.x, r.b)) for r in out) == sorted(str(t) for t in expected)


def test_bucketizer_null_with_error_mode(spark):
    # PySpark 4.3: a null is not invalid (only NaN is): [(1.5, 1.0), (0.5, 0.0), (None, None)]
    df = spark.createDataFrame([(1.5,), (0.5,), (None,)], "x double")
    out = Bucketizer(splits=[0.0, 1.0, 2.0], inputCol="x", outputCol="b").transform(df)
    assert [tuple(r) for r in out.collect()] == [(1.5, 1.0), (0.5, 0.0), (None, None)]


def test_imputer_string_column_and_surrogate_df(spark):
    # recorded: mf_imputer_string_column (IllegalArgumentException), mf_imputer_surrogate
    strings = spark.createDataFrame([("a",), (None,)], "a string")
    with pytest.raises(IllegalArgumentException, match="Column a must be of type numeric"):
        Imputer(inputCols=["a"], outputCols=["ao"]).fit(strings)
    df = spark.createDataFrame([(1.0, 3.0), (None, 5.0)], "a double, b double")
    sdf = Imputer(inputCols=["a", "b"], outputCols=["ao", "bo"]).fit(df).surrogateDF
    assert sdf.columns == ["a", "b"]
    assert [tuple(r) for r in sdf.collect()] == [(1.0, 4.0)]


def test_vector_slicer_out_of_range(spark):
    # recorded: mf_vector_slicer_out_of_range fails (FAILED_EXECUTE_UDF)
    df = spark.createDataFrame([(Vectors.dense([1.0, 2.0, 3.0]),)], ["features"])
    with pytest.raises(PySparkException, match="index 5 is out of range for vectors of size 3"):
        VectorSlicer(inputCol="features", outputCol="o", indices=[5]).transform(df).collect()


# -- LogisticRegression ----------------------------------------------------------------------


def test_logreg_single_class(classes, spark):
    # recorded: mr_logreg_single_class (+inf), mr_logreg_single_class_zero (-inf);
    # PySpark 4.3: history [0.0], 0 iterations; multinomial intercepts (3,[2],[inf])
    one = LogisticRegression().fit(classes.filter("label = 1.0"))
    assert list(one.coefficients) == [0.0, 0.0] and one.intercept == math.inf
    assert one.numClasses == 2 and one.summary.objectiveHistory == [0.0]
    row = one.transform(classes).first()
    assert list(row.probability) == [0.0, 1.0] and row.prediction == 1.0
    zero = LogisticRegression().fit(classes.filter("label = 0.0"))
    assert zero.intercept == -math.inf
    three = spark.createDataFrame([(Vectors.dense([1.0]), 2.0), (Vectors.dense([2.0]), 2.0)],
                                  ["features", "label"])
    multi = LogisticRegression().fit(three)
    assert list(multi.interceptVector) == [0.0, 0.0, math.inf]
    assert list(multi.transform(three).first().probability) == [0.0, 0.0, 1.0]


def test_logreg_string_label(classes):
    # recorded: mr_logreg_string_label
    df = classes.withColumn("label", classes["label"].cast("string"))
    with pytest.raises(IllegalArgumentException,
                       match="Column label must be of type numeric but was actually of type "
                             "string"):
        LogisticRegression().fit(df)


# -- persistence, params, ml.functions -------------------------------------------------------


def test_load_errors(spark, tmp_path):
    # recorded: mp_load_missing_path (AnalysisException PATH_NOT_FOUND), mp_load_wrong_class
    # (IllegalArgumentException), mp_pipeline_save_exists (IOException "already exists")
    with pytest.raises(AnalysisException, match="PATH_NOT_FOUND"):
        PipelineModel.load(str(tmp_path / "nope"))
    df = spark.createDataFrame([("a",)], "c string")
    m = Pipeline(stages=[StringIndexer(inputCol="c", outputCol="ci")]).fit(df)
    m.save(str(tmp_path / "pm"))
    with pytest.raises(OSError, match="already exists"):
        m.save(str(tmp_path / "pm"))
    m.stages[0].save(str(tmp_path / "si"))
    with pytest.raises(IllegalArgumentException, match="StringIndexerModel"):
        LinearRegressionModel.load(str(tmp_path / "si"))


def test_linreg_params():
    # recorded: mp_params_linreg_defaults, mp_extract_param_map
    lr = LinearRegression(maxIter=3)
    assert [lr.getMaxIter(), lr.getRegParam(), lr.getSolver(), lr.getLoss(), lr.getEpsilon(),
            lr.getAggregationDepth(), lr.getMaxBlockSizeInMB()] == \
        [3, 0.0, "auto", "squaredError", 1.35, 2, 0.0]
    assert sorted(p.name for p in lr.extractParamMap()) == [
        "aggregationDepth", "elasticNetParam", "epsilon", "featuresCol", "fitIntercept",
        "labelCol", "loss", "maxBlockSizeInMB", "maxIter", "predictionCol", "regParam",
        "solver", "standardization", "tol"]


def test_vector_array_functions(spark):
    # recorded: mp_vector_to_array (array<double>), mp_array_to_vector; PySpark 4.3 names the
    # columns UDF(features) / UDF(a) and gives array<float> for dtype="float32"
    from dfengine.ml.functions import array_to_vector, vector_to_array

    vd = spark.createDataFrame([(Vectors.dense([1.0, 2.0]),), (Vectors.sparse(3, [1], [5.0]),)],
                               ["features"])
    out = vd.select(vector_to_array("features"))
    assert out.columns == ["UDF(features)"]
    assert out.schema.fields[0].dataType.simpleString() == "array<double>"
    assert [r[0] for r in out.collect()] == [[1.0, 2.0], [0.0, 5.0, 0.0]]
    f32 = vd.select(vector_to_array("features", "float32").alias("a"))
    assert f32.schema.fields[0].dataType.simpleString() == "array<float>"
    arrays = spark.createDataFrame([([1.0, 2.0],)], "a array<double>")
    vecs = arrays.select(array_to_vector("a").alias("v")).collect()
    assert vecs[0].v == Vectors.dense([1.0, 2.0])
    with pytest.raises(IllegalArgumentException, match="dtype"):
        vector_to_array("features", "int")


# -- DataFrame.stat.cov (found by the same probe, cases_d.py) --------------------------------


def test_cov_of_fewer_than_two_rows(spark):
    # recorded: ds_cov_single_row 0.0; PySpark 4.3 gives 0.0 on no rows too
    assert spark.createDataFrame([(1, 2.0)], "a int, b double").cov("a", "b") == 0.0
    assert spark.createDataFrame([], "a int, b double").cov("a", "b") == 0.0
    two = spark.createDataFrame([(1, 2.0), (3, 8.0)], "a int, b double")
    assert two.cov("a", "b") == pytest.approx(6.0)
