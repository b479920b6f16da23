"""Regression tests for the DataFrame-API defects found by trying bad input as a new user
(third session of issue 15). Each expected value or error class was read from PySpark 4 (the
same inputs are differential cases in bad_input_api.py); these run on dfengine alone, fast."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from dfengine.errors import (
    AnalysisException,
    ArithmeticException,
    IllegalArgumentException,
    PySparkIndexError,
    PySparkTypeError,
    PySparkValueError,
)
from dfengine.sql import Row, Window
from dfengine.sql import functions as F


@pytest.fixture(scope="module")
def df(spark):
    return spark.createDataFrame([(1, "a", 1.5), (2, "b", None), (None, None, float("nan"))],
                                 "id int, v string, d double")


def test_create_dataframe_verifies_nested_values(spark):
    """verifySchema checks nested values: no silent truncation, splitting or dropping."""
    with pytest.raises(PySparkTypeError, match="FIELD_DATA_TYPE_UNACCEPTABLE"):
        spark.createDataFrame([("ab",)], "a array<string>")  # was ['a', 'b']
    with pytest.raises(PySparkValueError, match="FIELD_STRUCT_LENGTH_MISMATCH"):
        spark.createDataFrame([((1, 2),)], "s struct<x:int>")  # was {x: 1}
    with pytest.raises(PySparkValueError, match="FIELD_NOT_NULLABLE"):
        spark.createDataFrame([({None: 1},)], "m map<string,int>")
    with pytest.raises(PySparkTypeError, match="FIELD_DATA_TYPE_UNACCEPTABLE"):
        spark.createDataFrame([Row(b="x", a=1)], "a int, b string")  # Rows are positional


def test_create_dataframe_decimals_round_half_up(spark):
    got = spark.createDataFrame([(Decimal("1.255"),)], "a decimal(5,2)").collect()
    assert got == [Row(a=Decimal("1.26"))]
    with pytest.raises(ArithmeticException, match="NUMERIC_VALUE_OUT_OF_RANGE"):
        spark.createDataFrame([(Decimal("12345.5"),)], "a decimal(5,2)")


def test_create_dataframe_inference_merges_as_pyspark(spark):
    for rows in ([(1,), (2.5,)], [(True,), (1,)]):  # 1 and 2.5 do not merge (was double)
        with pytest.raises(PySparkTypeError, match="CANNOT_MERGE_TYPE"):
            spark.createDataFrame(rows, ["x"])
    with pytest.raises(IllegalArgumentException, match="STRUCT_ARRAY_LENGTH_MISMATCH"):
        spark.createDataFrame([Row(a=1), Row(b=2)])  # was a=[1, 2]
    with pytest.raises(PySparkValueError, match="CANNOT_DETERMINE_TYPE"):
        spark.createDataFrame([([],)], ["a"])
    got = spark.createDataFrame([([1, "x"],)], ["a"])
    assert got.dtypes == [("a", "array<string>")] and got.collect() == [Row(a=["1", "x"])]


def test_create_dataframe_from_pandas_and_numpy(spark):
    import numpy as np
    import pandas as pd

    mixed = spark.createDataFrame(pd.DataFrame({"a": [1, "x"]}))  # was a raw ArrowInvalid
    assert mixed.dtypes == [("a", "string")] and mixed.collect() == [Row(a="1"), Row(a="x")]
    with pytest.raises(PySparkValueError, match="CANNOT_INFER_EMPTY_SCHEMA"):
        spark.createDataFrame(pd.DataFrame({"a": pd.Series([], dtype="int64")}))
    assert spark.createDataFrame(np.array([1.5, 2.5])).collect() == [Row(value=1.5),
                                                                      Row(value=2.5)]
    with pytest.raises(IllegalArgumentException, match="step"):
        spark.range(0, 5, 0)


def test_na_fill_replaces_nan_and_casts(df):
    assert [r.d for r in df.na.fill(0).collect()] == [1.5, 0.0, 0.0]  # NaN was kept
    assert [r.id for r in df.na.fill(2.7).collect()] == [1, 2, 2]
    assert [tuple(r) for r in df.na.fill({"id": 9, "d": 0.5}).collect()][2] == (9, None, 0.5)
    with pytest.raises(AnalysisException, match="UNRESOLVED_COLUMN"):
        df.na.fill(0, subset=["nope"])
    with pytest.raises(AnalysisException, match="UNRESOLVED_COLUMN"):
        df.na.fill({"nope": 1})
    with pytest.raises(PySparkValueError, match="VALUE_NOT_ALLOWED"):
        df.na.drop(how="some")


def test_na_replace_keeps_column_types(df):
    out = df.na.replace(1, 2.5)
    assert out.dtypes == df.dtypes and [r.id for r in out.collect()] == [2, 2, None]
    nan = df.replace(float("nan"), 0.0)
    assert nan.dtypes == df.dtypes and [r.d for r in nan.collect()][2] == 0.0
    with pytest.raises(PySparkValueError, match="MIXED_TYPE_REPLACEMENT"):
        df.na.replace({1: 10, "a": "z"})
    with pytest.raises(PySparkValueError, match="LENGTH_SHOULD_BE_THE_SAME"):
        df.na.replace([1, 2], [3])


def test_last_does_not_skip_nulls_by_default(df):
    assert df.agg(F.last("id")).collect()[0][0] is None  # was 2
    assert df.agg(F.last("id", True)).collect()[0][0] == 2


def test_self_join_of_derived_frame_keeps_new_columns(df):
    b = df.select(F.col("id"), F.col("v").alias("w"))
    got = df.join(b, df.id == b.id).select(df.v, b.w).collect()  # was an internal error
    assert sorted(tuple(r) for r in got) == [("a", "a"), ("b", "b")]
    with pytest.raises(AnalysisException, match="MISSING_ATTRIBUTES"):
        df.withColumn("x", df.sparkSession.createDataFrame([(1,)], "z int").z).collect()


def test_struct_cast_to_string_is_values_only(spark):
    got = spark.sql("select named_struct('a', 1, 'b', null) s").select(F.col("s").cast("string"))
    assert got.collect()[0][0] == "{1, null}"  # was {a -> 1, b -> NULL}


def test_window_specs_spark_refuses(df):
    bad = [F.sum("id").over(Window.orderBy("id").rowsBetween(1, -1)),
           F.rank().over(Window.orderBy("id").rowsBetween(-1, 1)),
           F.sum("id").over(Window.orderBy("v").rangeBetween(-1, 1)),
           F.upper("v").over(Window.orderBy("id"))]
    for c in bad:
        with pytest.raises(AnalysisException):
            df.select(c).collect()
    with pytest.raises(AnalysisException, match="WINDOW_FUNCTION_NOT_ALLOWED_IN_CLAUSE"):
        df.filter(F.row_number().over(Window.orderBy("id")) == 1).collect()


def test_argument_checks(df):
    assert df.tail(-1) == []  # was the last two rows
    with pytest.raises(PySparkIndexError):
        df.orderBy(0)
    assert [r.id for r in df.orderBy(-1).collect()] == [2, 1, None]
    with pytest.raises(PySparkTypeError, match="NOT_EXPECTED_TYPE"):
        df.sample(None)
    with pytest.raises(PySparkValueError, match="VALUE_NOT_POSITIVE"):
        df.randomSplit([1.0, -1.0])
    with pytest.raises(IllegalArgumentException, match="Sum of weights"):
        df.randomSplit([0.0, 0.0])
    with pytest.raises(AnalysisException, match="UNRESOLVED_COLUMN"):
        df.describe("nope")
    with pytest.raises(AnalysisException, match="COLUMN_ALREADY_EXISTS"):
        df.select("id", F.col("v").alias("id")).unionByName(df)
    assert not math.isnan(df.na.fill(0).collect()[2].d)


def test_select_nothing_keeps_rows(spark):
    assert spark.range(3).select().collect() == [Row(), Row(), Row()]  # was []


def test_readers_never_wrap_or_keep_empty_fields(spark, tmp_path):
    p = tmp_path / "a.json"
    p.write_text('{"a": 3000000000}\n{"a": 5}\n')
    assert [r.a for r in spark.read.json(str(p), schema="a int").collect()] == [None, 5]
    c = tmp_path / "n.csv"  # was -1294967296 above; here '' stayed a string
    c.write_text("a,b\nNA,1\n,2\n")
    assert [r.a for r in spark.read.csv(str(c), header=True, nullValue="NA").collect()] == [
        None, None]


def test_using_join_keeps_each_sides_key(spark):
    a = spark.createDataFrame([(1, "a"), (2, "b")], "k int, x string")
    b = spark.createDataFrame([(2, "c"), (3, "d")], "k int, y string")
    got = a.join(b, "k", "right").select(a.k, b.k, "k").collect()
    assert sorted(map(tuple, got), key=str) == [(2, 2, 2), (None, 3, 3)]  # a.k was 3


def test_csv_encoding_option(spark, tmp_path):
    p = tmp_path / "l.csv"
    p.write_bytes("a\ncafé\n".encode("latin-1"))
    for schema in (None, "a string"):  # was 'caf\ufffd' (the option was ignored)
        got = spark.read.csv(str(p), header=True, encoding="ISO-8859-1", schema=schema)
        assert [r.a for r in got.collect()] == ["café"]


def test_empty_string_partition_value_is_null(spark, tmp_path):
    """Spark writes '' and NULL partition values both to __HIVE_DEFAULT_PARTITION__ and reads
    NULL back (PySpark 4: [Row(v=1, p=None), Row(v=2, p=None), Row(v=3, p='x')])."""
    out = str(tmp_path / "o")
    spark.createDataFrame([(1, ""), (2, None), (3, "x")], "v int, p string") \
        .write.partitionBy("p").parquet(out)
    assert sorted(p.name for p in (tmp_path / "o").iterdir() if p.is_dir()) == [
        "p=__HIVE_DEFAULT_PARTITION__", "p=x"]
    assert sorted(spark.read.parquet(out).collect()) == [Row(v=1, p=None), Row(v=2, p=None),
                                                           Row(v=3, p="x")]


def test_rand_of_null_seed_and_base64_of_a_number(spark):
    """rand(NULL) seeds with 0 as Spark; base64 of an INT is a type error (no implicit cast to
    BINARY), of a string its UTF-8 bytes."""
    assert spark.sql("select rand(NULL) = rand(0) as same").collect() == [Row(same=True)]
    with pytest.raises(AnalysisException) as e:
        spark.sql("select base64(1)").collect()
    assert e.value.getErrorClass() == "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"
    assert spark.sql("select base64('a') as b").collect() == [Row(b="YQ==")]


def test_json_line_holding_an_array_of_objects(spark, tmp_path):
    """Spark reads each object of a top-level JSON array as a row; an array of non-objects is a
    corrupt record (PySpark 4 gives these rows)."""
    p = tmp_path / "a.json"
    p.write_text('[{"a":1,"b":"x"},{"a":2}]\n{"a":3}\n[]\n[1,2]\n')
    df = spark.read.json(str(p))
    assert df.columns == ["_corrupt_record", "a", "b"]
    assert df.collect() == [Row(_corrupt_record=None, a=1, b="x"),
                            Row(_corrupt_record=None, a=2, b=None),
                            Row(_corrupt_record=None, a=3, b=None),
                            Row(_corrupt_record="[1,2]", a=None, b=None)]
