"""Regression tests for issue 15 outside the differential suite: ML on bad data, cluster
connection errors, the commit protocol's cleanup, ANSI switches and lazy branches."""

from __future__ import annotations

import os
import socket
import threading
import time

import numpy as np
import pytest

from dfengine.errors import (
    AnalysisException,
    ArithmeticException,
    PySparkRuntimeError,
    SparkArithmeticException,
    SparkRuntimeException,
)

# ------------------------------------------------------------------ errors


def test_error_has_class_sqlstate_and_prefix(spark):
    with pytest.raises(SparkArithmeticException) as info:
        spark.sql("select 1 / 0").collect()
    e = info.value
    assert isinstance(e, ArithmeticException)
    assert e.getCondition() == "DIVIDE_BY_ZERO" and e.getSqlState() == "22012"
    assert str(e).startswith("[DIVIDE_BY_ZERO] ") and "try_divide" in str(e)


def test_errors_survive_pickling():
    import pickle

    e = pickle.loads(pickle.dumps(ArithmeticException("x", "DIVIDE_BY_ZERO")))
    assert type(e) is ArithmeticException and e.getSqlState() == "22012"


# ------------------------------------------------------------------ ANSI switch


def test_ansi_default_and_legacy_switch(spark, conf):
    assert spark.conf.get("spark.sql.ansi.enabled") == "true"
    df = spark.createDataFrame([("7",), ("x",)], "s string")
    with pytest.raises(Exception, match="CAST_INVALID_INPUT"):
        df.selectExpr("cast(s as int)").collect()
    conf("spark.sql.ansi.enabled", "false")
    assert [r[0] for r in df.selectExpr("cast(s as int)").collect()] == [7, None]
    assert spark.sql("select 2147483647 + 1").collect()[0][0] == -2147483648


def test_lazy_branches_do_not_raise(spark):
    df = spark.createDataFrame([(0,), (5,)], "a int")
    got = df.selectExpr("case when a = 0 then -1 else 10 div a end",
                        "a <> 0 and 10 / a > 1", "a = 0 or 10 / a > 1",
                        "coalesce(a, 1 / 0)").collect()
    assert [tuple(r) for r in got] == [(-1, False, True, 0.0), (2, True, True, 5.0)]


def test_bigint_sum_overflow_raises_and_avg_is_exact(spark):
    big = 9223372036854775807
    df = spark.createDataFrame([(big,), (1,)], "x bigint")
    with pytest.raises(ArithmeticException, match="ARITHMETIC_OVERFLOW"):
        df.groupBy().sum("x").collect()
    avg = spark.createDataFrame([(big,), (big,)], "x bigint").groupBy().avg("x").collect()
    assert avg[0][0] == float(big)


def test_try_cast_column(spark):
    df = spark.createDataFrame([("7",), ("x",)], "s string")
    assert [r[0] for r in df.select(df.s.try_cast("int")).collect()] == [7, None]


def test_one_statement_per_sql_call(spark):
    from dfengine.errors import ParseException

    with pytest.raises(ParseException, match="PARSE_SYNTAX_ERROR"):
        spark.sql("select 1; select 2")
    assert spark.sql("select 1;").collect()[0][0] == 1


# ------------------------------------------------------------------ commit protocol


def test_stale_staging_is_cleaned_at_next_write(spark, tmp_path):
    target = tmp_path / "t"
    spark.range(3).write.parquet(str(target))
    dead = tmp_path / ".t.dfengine-staging-deadbeef"
    dead.mkdir()
    (dead / "_dfengine_owner").write_text("999999999")  # a pid that does not exist
    (dead / "part-0.parquet").write_text("half written")
    old_style = tmp_path / ".t.dfengine-old-cafe"
    old_style.mkdir()
    spark.range(5).write.mode("append").parquet(str(target))
    assert sorted(os.listdir(tmp_path)) == ["t"] or all(
        e.endswith("dfengine-lock") for e in os.listdir(tmp_path) if e != "t")
    assert spark.read.parquet(str(target)).count() == 8


def test_failed_write_leaves_target_unchanged(spark, tmp_path):
    target = str(tmp_path / "t")
    spark.range(4).write.parquet(target)
    bad = spark.createDataFrame([("x",)], "s string").selectExpr("cast(s as int) as id")
    with pytest.raises(Exception, match="CAST_INVALID_INPUT"):
        bad.write.mode("overwrite").parquet(target)
    assert spark.read.parquet(target).count() == 4
    assert [e for e in os.listdir(tmp_path) if "staging" in e] == []


# ------------------------------------------------------------------ ML


def _vectors(spark, rows):
    from dfengine.ml.linalg import Vectors

    return spark.createDataFrame([(Vectors.dense(v), float(y)) for v, y in rows],
                                 ["features", "label"])


def test_logistic_regression_refuses_nan_features(spark):
    from dfengine.ml.classification import LogisticRegression

    df = _vectors(spark, [([1.0, float("nan")], 0), ([2.0, 1.0], 1), ([0.5, 2.0], 0)])
    with pytest.raises(SparkRuntimeException, match="MUST NOT be NaN"):
        LogisticRegression(maxIter=5).fit(df)


def test_kmeans_returns_distinct_centers(spark):
    from dfengine.ml.clustering import KMeans

    df = _vectors(spark, [([1.0, 1.0], 0), ([1.0, 1.0], 0), ([5.0, 5.0], 0)])
    model = KMeans(k=3, seed=1).fit(df)
    centers = {tuple(c) for c in model.clusterCenters()}
    assert centers == {(1.0, 1.0), (5.0, 5.0)} and len(model.clusterCenters()) == 2


def test_standard_scaler_keeps_nan(spark):
    from dfengine.ml.feature import StandardScaler

    df = _vectors(spark, [([1.0], 0), ([float("nan")], 0), ([3.0], 0)])
    out = StandardScaler(inputCol="features", outputCol="s").fit(df).transform(df)
    assert all(np.isnan(r.s[0]) for r in out.collect())  # Spark: NaN std -> NaN values


def test_corrupt_model_load_is_a_clear_error(spark, tmp_path):
    from dfengine.ml.feature import StandardScaler, StandardScalerModel

    df = _vectors(spark, [([1.0], 0), ([3.0], 0)])
    path = str(tmp_path / "m")
    StandardScaler(inputCol="features", outputCol="s").fit(df).save(path)
    with open(os.path.join(path, "metadata.json"), "w") as fh:
        fh.write("{not json")
    with pytest.raises(SparkRuntimeException, match="corrupt"):
        StandardScalerModel.load(path)


# ------------------------------------------------------------------ cluster


def _fake_server() -> int:
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)

    def serve() -> None:
        while True:
            conn, _ = srv.accept()
            conn.sendall(b"HTTP/1.0 200 OK\r\n\r\nnot a dask scheduler")

    threading.Thread(target=serve, daemon=True).start()
    return srv.getsockname()[1]


@pytest.mark.parametrize("kind", ["not dask", "closed port"])
def test_connect_fails_clearly_within_the_timeout(kind):
    from dfengine.runtime import connect

    port = _fake_server() if kind == "not dask" else 1
    start = time.monotonic()
    with pytest.raises(PySparkRuntimeError, match="CONNECT_TIMEOUT") as info:
        connect(f"tcp://127.0.0.1:{port}", "2s")
    assert time.monotonic() - start < 30  # bounded (hung forever / 31 s before)
    assert "dfengine.dask.connectTimeout" in str(info.value)


def test_unknown_table_is_analysis_error(spark):
    with pytest.raises(AnalysisException):
        spark.sql("select * from no_such_table_15")
