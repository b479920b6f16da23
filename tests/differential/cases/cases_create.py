"""createDataFrame from tuples, Rows and dicts with each kind of schema; spark.range."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..harness import case


@case()
def case_create_tuples_ddl(spark, F, T, tmp_path):
    rows = [(1, "a", 1.5, True), (2, None, None, False), (None, "c", -0.25, None)]
    return spark.createDataFrame(rows, "id int, s string, x double, b boolean")


@case()
def case_create_tuples_structtype(spark, F, T, tmp_path):
    schema = T.StructType(
        [
            T.StructField("id", T.LongType(), False),
            T.StructField("amount", T.DecimalType(12, 3), True),
            T.StructField("day", T.DateType(), True),
        ]
    )
    rows = [(1, Decimal("10.125"), dt.date(2024, 2, 29)), (2, None, None)]
    return spark.createDataFrame(rows, schema)


@case()
def case_create_tuples_name_list(spark, F, T, tmp_path):
    return spark.createDataFrame([(1, "x", 2.5), (2, "y", None)], ["a", "b", "c"])


@case()
def case_create_rows(spark, F, T, tmp_path):
    rows = [T.Row(id=1, name="a", score=1.0), T.Row(id=2, name=None, score=None)]
    return spark.createDataFrame(rows, "id long, name string, score double")


@case()
def case_create_rows_inferred(spark, F, T, tmp_path):
    rows = [T.Row(id=1, name="a", score=1.5), T.Row(id=2, name="b", score=None)]
    return spark.createDataFrame(rows)


@case()
def case_create_dicts_ddl(spark, F, T, tmp_path):
    rows = [{"id": 1, "tag": "x"}, {"id": 2, "tag": None}, {"id": 3, "tag": "z"}]
    return spark.createDataFrame(rows, "id int, tag string")


@case()
def case_create_dicts_inferred_dtypes(spark, F, T, tmp_path):
    rows = [{"id": 1, "tag": "x", "w": 0.5}, {"id": 2, "tag": None, "w": None}]
    return spark.createDataFrame(rows).dtypes


@case()
def case_create_schema_simple_string(spark, F, T, tmp_path):
    df = spark.createDataFrame(
        [(1, Decimal("1.50"), dt.date(2020, 1, 1), "s", 2.0, True)],
        "a bigint, b decimal(10,2), c date, d string, e double, f boolean",
    )
    return df.schema.simpleString()


@case(ordered=True)
def case_range_single_arg(spark, F, T, tmp_path):
    return spark.range(5).orderBy("id")


@case(ordered=True)
def case_range_start_end_step(spark, F, T, tmp_path):
    return spark.range(3, 20, 4).orderBy("id")
