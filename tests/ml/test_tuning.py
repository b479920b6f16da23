"""ParamGridBuilder, CrossValidator and TrainValidationSplit.

The oracle for avgMetrics: scikit-learn fitted and scored on exactly the same fold rows
(`regParam = 1 / (C n_train)` with standardization off), AUC by `roc_auc_score`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression as SkLogistic
from sklearn.metrics import roc_auc_score

from dfengine.ml import Pipeline
from dfengine.ml.classification import LogisticRegression
from dfengine.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator
from dfengine.ml.feature import VectorAssembler
from dfengine.ml.regression import LinearRegression
from dfengine.ml.tuning import CrossValidator, ParamGridBuilder, TrainValidationSplit
from dfengine.ml.tuning.splits import split_range


def test_param_grid_builder():
    lr = LogisticRegression()
    grid = (ParamGridBuilder().addGrid(lr.regParam, [0.1, 1])
            .addGrid(lr.fitIntercept, [True, False]).baseOn({lr.maxIter: 5}).build())
    assert len(grid) == 4
    assert {(g[lr.regParam], g[lr.fitIntercept]) for g in grid} == \
        {(0.1, True), (0.1, False), (1.0, True), (1.0, False)}
    assert all(g[lr.maxIter] == 5 for g in grid)


def _feature_frame(spark, X, y):
    pdf = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])
    pdf["label"] = y
    return VectorAssembler(inputCols=list(pdf.columns[:-1]), outputCol="features").transform(
        spark.createDataFrame(pdf))


def _rows(df):
    pdf = df.select("features", "label").toPandas()
    return np.vstack([np.asarray(v) for v in pdf["features"]]), pdf["label"].to_numpy()


def test_cross_validator_matches_sklearn_per_fold(spark, binary_data):
    X, y = binary_data
    X, y = X[:900], y[:900]
    df = _feature_frame(spark, X, y)
    lr = LogisticRegression(standardization=False, tol=1e-10, maxIter=300)
    regs = [1e-3, 0.3]
    grid = ParamGridBuilder().addGrid(lr.regParam, regs).build()
    cv = CrossValidator(estimator=lr, estimatorParamMaps=grid, numFolds=3, seed=5,
                        evaluator=BinaryClassificationEvaluator(), parallelism=2)
    model = cv.fit(df)
    expected = np.zeros((3, len(regs)))
    for fold in range(3):
        train, valid = split_range(df, 5, fold / 3, (fold + 1) / 3)
        Xt, yt = _rows(train)
        Xv, yv = _rows(valid)
        assert len(yt) + len(yv) == len(y)
        for j, reg in enumerate(regs):
            sk = SkLogistic(C=1.0 / (reg * len(yt)), tol=1e-12, max_iter=10000).fit(Xt, yt)
            expected[fold, j] = roc_auc_score(yv, sk.decision_function(Xv))
    assert np.allclose(model.avgMetrics, expected.mean(axis=0), atol=1e-4)
    best = int(np.argmax(expected.mean(axis=0)))
    assert model.bestModel.getRegParam() == regs[best]
    full = lr.fit(df, {lr.regParam: regs[best]})
    assert np.allclose(model.bestModel.coefficients.toArray(), full.coefficients.toArray())


def test_train_validation_split_on_pipeline(spark, regression_data):
    X, y = regression_data
    pdf = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])
    pdf["label"] = y
    df = spark.createDataFrame(pdf)
    lin = LinearRegression()
    pipe = Pipeline(stages=[VectorAssembler(inputCols=list(pdf.columns[:-1]),
                                            outputCol="features"), lin])
    grid = ParamGridBuilder().addGrid(lin.regParam, [0.0, 5.0]).build()
    tvs = TrainValidationSplit(estimator=pipe, estimatorParamMaps=grid, trainRatio=0.8,
                               evaluator=RegressionEvaluator(), parallelism=2, seed=3)
    model = tvs.fit(df)
    assert len(model.validationMetrics) == 2
    # heavy shrinkage on a well-determined linear model can only hurt validation RMSE
    assert model.validationMetrics[0] < model.validationMetrics[1]
    assert model.bestModel.stages[-1].getRegParam() == 0.0
    assert "prediction" in model.transform(df).columns
