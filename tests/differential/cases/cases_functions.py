"""Built-in functions: strings, dates, math, null handling; null in gives null out."""

from __future__ import annotations

import datetime as dt

from ..harness import case
from .data import people

MATH_SCHEMA = "x double, n int"
MATH_ROWS = [(2.5, 3), (-1.5, -2), (0.0, 0), (None, None), (16.0, 10), (1234.5678, 7)]


def maths(spark):
    return spark.createDataFrame(MATH_ROWS, MATH_SCHEMA)


@case()
def case_upper_lower(spark, F, T, tmp_path):
    return people(spark).select(F.upper("name"), F.lower(F.col("dept")))


@case()
def case_concat_and_concat_ws(spark, F, T, tmp_path):
    df = people(spark)
    return df.select(
        F.concat(df.name, F.lit("-"), df.dept).alias("c"),
        F.concat_ws("/", df.name, df.dept, F.lit("x")).alias("ws"),
    )


@case()
def case_substring(spark, F, T, tmp_path):
    df = people(spark)
    return df.select(
        F.substring("name", 1, 3).alias("a"), F.substring("name", 2, 100).alias("b"),
        F.substring("name", -2, 2).alias("c"), df.name.substr(2, 2).alias("d"),
    )


@case()
def case_length(spark, F, T, tmp_path):
    return people(spark).select("id", F.length("name"))


@case()
def case_trim_family(spark, F, T, tmp_path):
    df = people(spark)
    return df.select(
        F.trim("name").alias("t"), F.ltrim("name").alias("l"), F.rtrim("name").alias("r")
    )


@case()
def case_split(spark, F, T, tmp_path):
    df = spark.createDataFrame([("a,b,,c",), ("",), (None,), ("x",)], "s string")
    return df.select(F.split("s", ",").alias("parts"))


@case()
def case_split_getitem(spark, F, T, tmp_path):
    df = spark.createDataFrame([("2024-05-06",), ("7-8",), (None,)], "s string")
    parts = F.split(df.s, "-")
    return df.select(parts.getItem(0).alias("p0"), parts[1].alias("p1"))


@case()
def case_year_month_day(spark, F, T, tmp_path):
    return people(spark).select(
        "id", F.year("hired"), F.month("hired"), F.dayofmonth("hired")
    )


@case()
def case_date_add_datediff(spark, F, T, tmp_path):
    df = people(spark)
    return df.select(
        "id", F.date_add("hired", 30).alias("plus30"), F.date_sub("hired", 1).alias("minus1"),
        F.datediff(F.lit(dt.date(2023, 1, 1)), "hired").alias("days"),
    )


@case()
def case_to_date(spark, F, T, tmp_path):
    df = spark.createDataFrame([("2021-07-04",), ("2020-02-29",), (None,)], "s string")
    df2 = spark.createDataFrame([("04/07/2021",)], "s string")
    a = df.select(F.to_date("s").alias("d"))
    b = df2.select(F.to_date("s", "dd/MM/yyyy").alias("d"))
    return a.union(b)


@case()
def case_abs_round(spark, F, T, tmp_path):
    df = maths(spark)
    return df.select(
        F.abs("x"), F.abs("n"), F.round("x"), F.round("x", 1), F.round(F.lit(2.5)).alias("r25"),
        F.round(F.col("n"), -1).alias("rn"),
    )


@case()
def case_sqrt_exp_log(spark, F, T, tmp_path):
    df = maths(spark).where("x > 0")
    return df.select(F.sqrt("x"), F.exp("n"), F.log("x"), F.log(2.0, "x").alias("log2"),
                     F.log10("x").alias("l10"))


@case()
def case_pow(spark, F, T, tmp_path):
    df = maths(spark)
    return df.select(F.pow("x", 2).alias("p"), F.pow(F.col("n"), F.lit(0.5)).alias("h"))


@case()
def case_floor_ceil(spark, F, T, tmp_path):
    df = maths(spark)
    return df.select(F.floor("x"), F.ceil("x"), F.floor("n"))


@case()
def case_coalesce(spark, F, T, tmp_path):
    df = people(spark)
    return df.select("id", F.coalesce(df.name, df.dept, F.lit("none")).alias("c"),
                     F.coalesce(df.age, F.lit(0)).alias("a"))


@case()
def case_isnull_function(spark, F, T, tmp_path):
    df = people(spark)
    return df.select("id", F.isnull("name"), F.isnull(df.salary).alias("s"))


@case()
def case_greatest_least(spark, F, T, tmp_path):
    df = maths(spark)
    return df.select(F.greatest("x", "n").alias("g"), F.least("x", "n").alias("l"))


@case()
def case_string_functions_in_filter(spark, F, T, tmp_path):
    df = people(spark)
    return df.where(F.length(F.trim(df.name)) == 4).select("id", F.lower(F.trim(df.name)))
