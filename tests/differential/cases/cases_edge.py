"""Spark semantics that a pandas/Arrow engine gets wrong by default: NaN and -0.0 as keys,
NaN's place in sort order, binary (not locale) string order, Java's double formatting in
`show()` and casts, HALF_UP rounding, and a few more user errors."""

from __future__ import annotations

from ..harness import capture_show, case
from .data import left, people, right

SPECIAL_DOUBLES = [
    (1, 1.0), (2, float("nan")), (3, None), (4, float("-inf")), (5, float("inf")),
    (6, -0.0), (7, 0.0), (8, float("nan")),
]


def special(spark):
    return spark.createDataFrame(SPECIAL_DOUBLES, "id int, x double")


@case(ordered=True)
def case_order_nan_and_infinities(spark, F, T, tmp_path):
    # Spark: NaN is larger than +inf; nulls first ascending; -0.0 == 0.0 so id breaks the tie
    return special(spark).orderBy("x", "id")


@case(ordered=True)
def case_order_nan_desc(spark, F, T, tmp_path):
    return special(spark).orderBy(F.desc("x"), "id")


@case()
def case_group_by_nan_and_negative_zero(spark, F, T, tmp_path):
    # NaN keys form one group, and -0.0 groups with 0.0
    return special(spark).groupBy("x").agg(F.count("*").alias("n"), F.sum("id").alias("s"))


@case()
def case_distinct_nan(spark, F, T, tmp_path):
    return special(spark).select("x").where(F.col("x").isNull() | (F.col("x") != 1.0)).distinct()


@case()
def case_join_on_nan_keys(spark, F, T, tmp_path):
    # Spark joins NaN with NaN (NaN = NaN is true in Spark SQL)
    a = special(spark)
    b = spark.createDataFrame([(float("nan"), "nan"), (0.0, "zero"), (None, "null")],
                              "x double, tag string")
    return a.join(b, "x")


@case()
def case_nan_comparisons(spark, F, T, tmp_path):
    df = special(spark)
    return df.select(
        "id", (df.x == F.lit(float("nan"))).alias("eq_nan"), (df.x > 1e308).alias("big"),
        F.isnan("x").alias("isnan"),
    )


@case(ordered=True)
def case_order_strings_binary(spark, F, T, tmp_path):
    rows = [("b",), ("B",), ("a",), ("A",), ("é",), ("Z",), ("",), (None,), ("ab",)]
    return spark.createDataFrame(rows, "s string").orderBy("s")


@case()
def case_show_double_formatting(spark, F, T, tmp_path):
    rows = [(1, 1e20, 0.1), (2, 1.5e-7, 123456789.125), (3, -0.0, 1e7), (4, float("nan"), 1e-3)]
    df = spark.createDataFrame(rows, "id int, a double, b double").orderBy("id")
    return capture_show(df)


@case()
def case_cast_double_to_string(spark, F, T, tmp_path):
    rows = [(1e20,), (0.1,), (1.5e-7,), (1e7,), (123.0,), (-0.0,), (float("inf"),)]
    df = spark.createDataFrame(rows, "d double")
    return df.select(df.d.cast("string").alias("s"))


@case()
def case_round_half_up(spark, F, T, tmp_path):
    df = spark.createDataFrame([(0.5,), (1.5,), (2.5,), (-2.5,), (0.125,)], "x double")
    return df.select("x", F.round("x").alias("r0"), F.round("x", 2).alias("r2"),
                     F.bround("x").alias("banker"))


@case()
def case_substring_position_zero(spark, F, T, tmp_path):
    return people(spark).select(F.substring("name", 0, 2).alias("s"))


@case()
def case_split_regex(spark, F, T, tmp_path):
    df = spark.createDataFrame([("a.b|c",), ("x",), ("1..2",)], "s string")
    return df.select(F.split("s", "[.|]").alias("p"))


@case()
def case_isin_empty_and_between_reversed(spark, F, T, tmp_path):
    df = people(spark)
    return df.select("id", df.age.isin([]).alias("none"), df.age.between(50, 20).alias("rev"))


@case()
def case_select_same_column_twice(spark, F, T, tmp_path):
    return people(spark).select("id", "id", F.col("name").alias("id"))


@case()
def case_groupby_no_keys_count(spark, F, T, tmp_path):
    return people(spark).groupBy().count()


@case()
def case_select_expr_aggregate(spark, F, T, tmp_path):
    return people(spark).selectExpr("count(*)", "max(age) as oldest", "sum(salary)")


@case()
def case_generated_names_nested(spark, F, T, tmp_path):
    df = people(spark)
    return df.groupBy("dept").agg(
        F.sum(F.col("age") * 2), F.countDistinct("age"), F.max(F.length("name"))
    ).columns


@case()
def case_join_drop_right_key(spark, F, T, tmp_path):
    lhs, r = left(spark), right(spark)
    return lhs.join(r, lhs.k == r.k, "left").drop(r.k).drop(r.k2)


@case(error="AnalysisException")
def case_union_column_count_mismatch(spark, F, T, tmp_path):
    return people(spark).select("id").union(people(spark).select("id", "name"))


@case(error="AnalysisException", mentions=("lv",))
def case_self_join_ambiguous_column(spark, F, T, tmp_path):
    df = left(spark)
    return df.join(df, df.k == df.k).select("lv")


@case(error="AnalysisException", mentions=("rv",))
def case_join_using_column_missing_on_left(spark, F, T, tmp_path):
    return left(spark).join(right(spark), "rv")


@case(error="PySparkTypeError")
def case_create_rows_violating_schema(spark, F, T, tmp_path):
    return spark.createDataFrame([(1, "a"), ("oops", "b")], "id int, s string")
