"""Column operators and expressions: arithmetic across int/double/decimal, comparison,
three-valued boolean logic, null tests, isin/between/like/rlike, casts, when/otherwise,
F.expr and literals of each type. Division by zero is left out (non-ANSI only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..harness import case
from .data import people, sales

NUMS_SCHEMA = "i int, l bigint, d double, m decimal(10,2)"
NUMS_ROWS = [
    (7, 10000000000, 2.5, Decimal("3.25")),
    (-3, -2, -0.5, Decimal("-1.10")),
    (None, 5, None, Decimal("0.01")),
    (4, None, 1e-3, None),
]


def nums(spark):
    return spark.createDataFrame(NUMS_ROWS, NUMS_SCHEMA)


@case()
def case_arith_int_long(spark, F, T, tmp_path):
    df = nums(spark)
    return df.select(
        (df.i + df.l).alias("add"), (df.i - 1).alias("sub"), (df.i * df.i).alias("mul"),
        (df.l % 3).alias("mod"), (-df.i).alias("neg"),
    )


@case()
def case_arith_int_double(spark, F, T, tmp_path):
    df = nums(spark)
    return df.select((df.i + df.d).alias("a"), (df.i * 0.5).alias("b"), (df.d / 2).alias("c"))


@case()
def case_arith_division_ints(spark, F, T, tmp_path):
    df = nums(spark)
    return df.select((df.l / 4).alias("q"), (F.lit(7) / F.lit(2)).alias("h"))


@case()
def case_arith_decimal_mixes(spark, F, T, tmp_path):
    df = nums(spark)
    return df.select(
        (df.m + df.i).alias("m_plus_i"), (df.m * 2).alias("m_times_2"),
        (df.m * df.m).alias("m_sq"), (df.m + df.d).alias("m_plus_d"),
    )


@case()
def case_decimal_result_types(spark, F, T, tmp_path):
    df = nums(spark)
    return df.select(df.m + df.i, df.m * df.m, df.m / 4, df.m + df.d).dtypes


@case()
def case_comparisons(spark, F, T, tmp_path):
    df = nums(spark)
    return df.select(
        (df.i > 0).alias("gt"), (df.i <= df.l).alias("le"), (df.d == 2.5).alias("eq"),
        (df.i != 4).alias("ne"), (df.m >= Decimal(0)).alias("ge"),
    )


@case()
def case_three_valued_logic(spark, F, T, tmp_path):
    vals = [(a, b) for a in (True, False, None) for b in (True, False, None)]
    df = spark.createDataFrame(vals, "a boolean, b boolean")
    return df.select("a", "b", (df.a & df.b).alias("and"), (df.a | df.b).alias("or"),
                     (~df.a).alias("not_a"))


@case()
def case_filter_null_comparison_drops(spark, F, T, tmp_path):
    df = people(spark)
    return df.where(~(df.age > 30)).select("id")


@case()
def case_is_null_not_null(spark, F, T, tmp_path):
    df = people(spark)
    return df.select(df.id, df.age.isNull().alias("n"), df.salary.isNotNull().alias("nn"))


@case()
def case_isin_with_null(spark, F, T, tmp_path):
    df = people(spark)
    return df.select("id", df.age.isin(29, 41).alias("in_list"),
                     df.dept.isin(["eng"]).alias("eng"))


@case()
def case_between(spark, F, T, tmp_path):
    df = people(spark)
    return df.select("id", df.age.between(29, 41).alias("mid"))


@case()
def case_like_rlike(spark, F, T, tmp_path):
    df = people(spark)
    return df.select(
        "id", df.name.like("%e%").alias("has_e"), df.name.like("_o_").alias("xox"),
        df.name.rlike("^[A-C]").alias("ac"),
    )


@case()
def case_startswith_contains(spark, F, T, tmp_path):
    df = people(spark)
    return df.select("id", df.name.startswith("A").alias("s"), df.name.contains("v").alias("c"),
                     df.name.endswith("e").alias("e"))


@case()
def case_cast_string_to_numbers(spark, F, T, tmp_path):
    # PySpark 4 runs with ANSI casts: only well-formed strings, so both engines agree
    rows = [("12", "3.9", "1.005"), (" 7 ", "1e3", "-42"), ("-3", "-0.25", " 8.5 "), (None,) * 3]
    df = spark.createDataFrame(rows, "i string, d string, m string")
    return df.select(
        df.i.cast("int").alias("i"), df.i.cast("bigint").alias("l"),
        df.d.cast(T.DoubleType()).alias("d"), df.m.cast("decimal(5,2)").alias("m"),
    )


@case()
def case_cast_numbers_to_string(spark, F, T, tmp_path):
    df = nums(spark)
    return df.select(df.i.cast("string"), df.l.astype("string"), df.m.cast("string"))


@case()
def case_cast_double_to_int_and_decimal(spark, F, T, tmp_path):
    df = spark.createDataFrame([(2.7,), (-2.7,), (None,), (1234.5678,)], "d double")
    return df.select(df.d.cast("int").alias("i"), df.d.cast("decimal(8,2)").alias("m"),
                     df.d.cast("bigint").alias("l"))


@case()
def case_cast_dates(spark, F, T, tmp_path):
    df = spark.createDataFrame(
        [("2024-02-29", dt.date(2020, 1, 5)), ("2021-1-2", None), (None, dt.date(1999, 12, 31))],
        "s string, d date",
    )
    return df.select(df.s.cast("date").alias("sd"), df.d.cast("string").alias("ds"))


@case()
def case_cast_boolean(spark, F, T, tmp_path):
    df = spark.createDataFrame([("true",), ("false",), ("TRUE",), (None,)], "s string")
    return df.select(df.s.cast("boolean").alias("b"), F.lit(1).cast("boolean").alias("one"))


@case()
def case_when_otherwise_chain(spark, F, T, tmp_path):
    df = people(spark)
    band = (
        F.when(df.age < 30, "young")
        .when(df.age < 50, "mid")
        .otherwise("senior")
    )
    return df.select("id", band.alias("band"))


@case()
def case_when_without_otherwise(spark, F, T, tmp_path):
    df = people(spark)
    return df.select("id", F.when(df.salary > 4500, df.salary * 2).alias("x"))


@case()
def case_f_expr(spark, F, T, tmp_path):
    df = people(spark)
    return df.select(
        F.expr("id + 1 as id1"), F.expr("case when age > 30 then 'old' else 'new' end as a"),
        F.expr("coalesce(name, 'anon')").alias("nm"),
    )


@case()
def case_lit_types(spark, F, T, tmp_path):
    df = spark.range(1)
    return df.select(
        F.lit(1).alias("i"), F.lit(2**40).alias("l"), F.lit(1.5).alias("d"), F.lit("s").alias("s"),
        F.lit(True).alias("b"), F.lit(None).alias("n"), F.lit(Decimal("1.25")).alias("m"),
        F.lit(dt.date(2021, 3, 4)).alias("dt"),
    )


@case()
def case_lit_types_dtypes(spark, F, T, tmp_path):
    df = spark.range(1)
    return df.select(
        F.lit(1), F.lit(2**40), F.lit(1.5), F.lit("s"), F.lit(True), F.lit(Decimal("1.25"))
    ).dtypes


@case()
def case_column_generated_names(spark, F, T, tmp_path):
    df = sales(spark)
    return df.select(df.qty + 1, df.qty * df.ratio, F.col("region").isNull(), F.upper("product"))
