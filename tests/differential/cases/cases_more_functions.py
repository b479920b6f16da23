"""Second pass over functions and operators where Java/Spark rules differ from Python's:
trim only strips spaces, length counts characters, integer `div`, decimal precision caps,
math domain errors give NaN/NULL, implicit casts in concat/year, result types of when/coalesce."""

from __future__ import annotations

from decimal import Decimal

from ..harness import case


@case()
def case_trim_only_spaces(spark, F, T, tmp_path):
    df = spark.createDataFrame([("\tx\t ",), ("  y  ",), ("\n z\n",), (None,)], "s string")
    return df.select(F.trim("s").alias("t"), F.ltrim("s").alias("l"), F.rtrim("s").alias("r"))


@case()
def case_length_unicode(spark, F, T, tmp_path):
    df = spark.createDataFrame([("é日本",), ("",), ("abc",), (None,)], "s string")
    return df.select("s", F.length("s").alias("n"), F.upper("s").alias("u"),
                     F.substring("s", 2, 1).alias("c2"))


@case()
def case_split_with_limit(spark, F, T, tmp_path):
    df = spark.createDataFrame([("a,b,c,d",), ("x",), ("",)], "s string")
    return df.select(F.split("s", ",", 2).alias("two"), F.split("s", ",", -1).alias("all"))


@case()
def case_concat_implicit_cast(spark, F, T, tmp_path):
    df = spark.createDataFrame([(1, "a", 2.5), (None, "b", 1.0)], "i int, s string, d double")
    return df.select(F.concat("s", "i").alias("si"), F.concat_ws("-", "i", "d", "s").alias("w"))


@case()
def case_integer_div_and_pmod(spark, F, T, tmp_path):
    df = spark.createDataFrame([(7, 2), (-7, 2), (7, -3), (None, 1)], "a int, b int")
    return df.select(
        F.expr("a div b").alias("q"), (df.a % df.b).alias("m"), F.pmod("a", "b").alias("p")
    )


@case()
def case_decimal_division_values(spark, F, T, tmp_path):
    df = spark.createDataFrame(
        [(Decimal("10.00"),), (Decimal("-1.00"),), (Decimal("0.07"),), (None,)], "m decimal(10,2)"
    )
    out = df.select((df.m / 3).alias("third"), (df.m / F.lit(Decimal("0.7"))).alias("r"))
    return out


@case()
def case_decimal_precision_cap(spark, F, T, tmp_path):
    rows = [(Decimal("1234567890.0123456789"), Decimal("2.0000000001"))]
    df = spark.createDataFrame(rows, "a decimal(20,10), b decimal(20,10)")
    return df.select((df.a * df.b).alias("p"), (df.a + df.b).alias("s"))


@case()
def case_decimal_precision_cap_types(spark, F, T, tmp_path):
    df = spark.createDataFrame([], "a decimal(20,10), b decimal(20,10), c decimal(38,2)")
    return df.select(df.a * df.b, df.a + df.b, df.a / df.b, df.c + 1, df.c * df.c).dtypes


@case()
def case_round_decimal_column(spark, F, T, tmp_path):
    df = spark.createDataFrame([(Decimal("1.25"),), (Decimal("-1.25"),), (None,)],
                               "m decimal(10,2)")
    return df.select(F.round("m", 1).alias("r1"), F.round("m").alias("r0"))


@case()
def case_math_domain(spark, F, T, tmp_path):
    df = spark.createDataFrame([(-1.0,), (0.0,), (4.0,)], "x double")
    return df.select("x", F.sqrt("x").alias("sq"), F.log("x").alias("ln"),
                     F.log10("x").alias("lg"), F.pow(F.lit(0.0), F.lit(0.0)).alias("zz"))


@case()
def case_when_result_types(spark, F, T, tmp_path):
    df = spark.createDataFrame([(1,), (5,), (None,)], "n int")
    return df.select(
        F.when(df.n > 2, 1).otherwise(0.5).alias("num"),
        F.coalesce(df.n, F.lit(1.5)).alias("co"),
        F.when(df.n > 2, F.lit("big")).alias("s"),
    )


@case()
def case_when_result_types_dtypes(spark, F, T, tmp_path):
    df = spark.createDataFrame([(1,)], "n int")
    return df.select(
        F.when(df.n > 2, 1).otherwise(0.5), F.coalesce(df.n, F.lit(2**40)),
        F.when(df.n > 2, F.lit(1.5)).otherwise(df.n),
    ).dtypes  # (string vs int mixes are left out: PySpark 4's ANSI coercion makes them bigint)


@case()
def case_dates_from_strings(spark, F, T, tmp_path):
    df = spark.createDataFrame([("2021-07-04 10:11:12",), ("2020-02-29",), (None,)], "s string")
    return df.select(F.to_date("s").alias("d"), F.year("s").alias("y"),
                     F.date_add(F.to_date("s"), -60).alias("back"))


@case()
def case_date_add_column_days(spark, F, T, tmp_path):
    import datetime as dt

    df = spark.createDataFrame(
        [(dt.date(2024, 1, 31), 1), (dt.date(2023, 12, 31), 366), (None, 3),
         (dt.date(2000, 3, 1), None)],
        "d date, n int",
    )
    return df.select(F.date_add("d", F.col("n")).alias("a"),
                     F.datediff(F.lit("2024-03-01"), "d").alias("dd"))


@case()
def case_count_when_conditional(spark, F, T, tmp_path):
    df = spark.createDataFrame([("a", 1), ("a", 5), ("b", None), ("b", 7)], "k string, v int")
    return df.groupBy("k").agg(
        F.count(F.when(df.v > 2, True)).alias("big"), F.sum(F.when(df.v > 2, df.v)).alias("s")
    )


@case()
def case_fill_double_into_int_column(spark, F, T, tmp_path):
    df = spark.createDataFrame([(None, None, None), (1, 2.0, "x")], "i int, d double, s string")
    return df.na.fill(0.5)
