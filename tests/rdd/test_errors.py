"""User mistakes give clear errors: failing user functions, actions inside transformations,
RDDs used after stop, missing input paths, misuse of shared variables."""

from __future__ import annotations

import pytest

from dfengine.errors import AnalysisException, PySparkRuntimeError, PythonException
from tests.rdd.conftest import _register_by_value

_register_by_value(__name__)


def parse(x):
    return int(x)


def test_user_exception_names_operation_partition_and_cause(sc):
    rdd = sc.parallelize(["1", "2", "x", "4"], 2).map(parse).filter(lambda v: v > 0)
    with pytest.raises(PythonException) as info:
        rdd.collect()
    err = info.value
    text = str(err)
    assert err.operation == "map"
    assert err.partition == 1
    assert err.exception_type == "ValueError"
    assert "invalid literal for int() with base 10: 'x'" in text
    assert "partition 1" in text and "`map`" in text
    assert "Traceback" in text and "in parse" in text
    assert "distributed" not in text and "dask" not in text.lower().replace("dask dashboard", "")


def test_exception_in_reduce_function_names_the_shuffle_op(sc):
    pairs = sc.parallelize([("a", 1), ("a", "b")], 1)
    with pytest.raises(PythonException) as info:
        pairs.reduceByKey(lambda a, b: a + b).collect()
    assert info.value.operation == "reduceByKey"
    assert info.value.exception_type == "TypeError"


def test_action_inside_transformation_is_refused(sc):
    other = sc.parallelize([1, 2, 3])
    with pytest.raises(PySparkRuntimeError) as info:
        sc.parallelize([1, 2]).map(lambda x: other.count() * x).collect()
    assert info.value.getErrorClass() == "RDD_TRANSFORM_ONLY_VALID_ON_DRIVER"
    assert "SPARK-5063" in str(info.value)
    with pytest.raises(PySparkRuntimeError) as info:
        sc.parallelize([1, 2]).map(lambda x: sc.parallelize([x]).count()).collect()
    assert info.value.getErrorClass() == "CONTEXT_ONLY_VALID_ON_DRIVER"


def test_rdd_after_stop(spark):
    from dfengine.rdd import SparkContext

    saved = SparkContext._active_spark_context
    ctx = SparkContext._from_runtime(spark._runtime, {}, "short-lived")
    rdd = ctx.parallelize([1, 2, 3])
    assert rdd.count() == 3
    ctx.stop()
    SparkContext._active_spark_context = saved
    with pytest.raises(PySparkRuntimeError) as info:
        rdd.collect()
    assert info.value.getErrorClass() == "SPARK_CONTEXT_STOPPED"
    assert "SparkContext.getOrCreate()" in str(info.value)
    assert spark.sparkContext.parallelize([1]).count() == 1  # the session is unaffected


def test_missing_input_path(sc, tmp_path):
    rdd = sc.textFile(str(tmp_path / "nope" / "*.txt"))  # lazy, as in Spark
    with pytest.raises(AnalysisException) as info:
        rdd.count()
    assert info.value.getErrorClass() == "PATH_NOT_FOUND"
    assert "nope" in str(info.value)
    with pytest.raises(AnalysisException):
        sc.textFile(str(tmp_path / "missing.txt")).collect()


def test_accumulator_value_not_readable_in_tasks(sc):
    acc = sc.accumulator(0)
    with pytest.raises(PythonException) as info:
        sc.parallelize([1]).map(lambda x: acc.value).collect()
    assert "cannot be accessed inside tasks" in str(info.value)


def test_zip_with_different_partition_counts(sc):
    from dfengine.errors import PySparkValueError

    with pytest.raises(PySparkValueError):
        sc.parallelize(range(4), 2).zip(sc.parallelize(range(4), 3))


def test_reduce_of_empty_rdd(sc):
    # PySpark raises a plain ValueError here (not a PySparkValueError): same class, same text.
    with pytest.raises(ValueError, match="^Can not reduce\\(\\) empty RDD$") as e:
        sc.parallelize([], 2).reduce(lambda a, b: a + b)
    assert type(e.value) is ValueError
    with pytest.raises(ValueError, match="^RDD is empty$") as e:
        sc.emptyRDD().first()
    assert type(e.value) is ValueError


def test_shuffle_of_non_pairs_says_what_is_needed(sc):
    with pytest.raises(PythonException, match=r"\(key, value\) pairs"):
        sc.parallelize([1, 2, 3]).groupByKey().collect()
