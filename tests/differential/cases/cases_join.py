"""Joins: each join type, keys given as a name, a list, a Column or a compound condition,
null keys (never equal), and same-named columns told apart through `df["col"]`."""

from __future__ import annotations

from ..harness import case
from .data import left, right


@case()
def case_join_on_name_inner(spark, F, T, tmp_path):
    return left(spark).join(right(spark), "k")


@case()
def case_join_on_list_inner(spark, F, T, tmp_path):
    return left(spark).join(right(spark), ["k", "k2"])


@case()
def case_join_on_name_left(spark, F, T, tmp_path):
    return left(spark).join(right(spark), "k", "left")


@case()
def case_join_on_name_right(spark, F, T, tmp_path):
    return left(spark).join(right(spark), "k", "right")


@case()
def case_join_on_name_full(spark, F, T, tmp_path):
    # the USING key of a full join is coalesce(left.k, right.k)
    return left(spark).join(right(spark), ["k"], "full").drop("k2")


@case()
def case_join_on_list_outer(spark, F, T, tmp_path):
    return left(spark).join(right(spark), ["k", "k2"], "outer")


@case()
def case_join_left_semi(spark, F, T, tmp_path):
    return left(spark).join(right(spark), ["k", "k2"], "left_semi")


@case()
def case_join_left_anti(spark, F, T, tmp_path):
    return left(spark).join(right(spark), "k", "left_anti")


@case()
def case_join_column_expression(spark, F, T, tmp_path):
    lhs, r = left(spark), right(spark)
    return lhs.join(r, lhs["k"] == r["k"], "inner").select(lhs["k"], r["k"].alias("rk"), "lv", "rv")


@case()
def case_join_compound_condition(spark, F, T, tmp_path):
    lhs, r = left(spark), right(spark)
    cond = (lhs.k == r.k) & (lhs.k2 == r.k2) & (r.rv > 15)
    return lhs.join(r, cond, "left").select(lhs.k, lhs.k2, "lv", "rv")


@case()
def case_join_condition_list_of_columns(spark, F, T, tmp_path):
    lhs, r = left(spark), right(spark)
    return lhs.join(r, [lhs.k == r.k, lhs.k2 == r.k2], "full").select(lhs.lv, r.rv)


@case()
def case_join_duplicate_names_resolved(spark, F, T, tmp_path):
    lhs, r = left(spark), right(spark)
    j = lhs.join(r, lhs["k"] == r["k"], "left")
    return j.select(lhs["k"], lhs["k2"], r["k2"].alias("rk2"), r["rv"])


@case()
def case_join_duplicate_columns_kept(spark, F, T, tmp_path):
    lhs, r = left(spark), right(spark)
    return lhs.join(r, lhs["k"] == r["k"]).columns


@case()
def case_join_null_safe_equality(spark, F, T, tmp_path):
    lhs, r = left(spark), right(spark)
    return lhs.join(r, lhs.k.eqNullSafe(r.k)).select(lhs.k, "lv", "rv")


@case()
def case_cross_join(spark, F, T, tmp_path):
    lhs = left(spark).select("lv").limit(100)
    r = right(spark).select("rv")
    return lhs.crossJoin(r)


@case()
def case_join_how_cross(spark, F, T, tmp_path):
    a = spark.createDataFrame([(1,), (2,)], "x int")
    b = spark.createDataFrame([("p",), ("q",), (None,)], "y string")
    return a.join(b, how="cross")


@case()
def case_join_aliased_frames(spark, F, T, tmp_path):
    lhs = left(spark).alias("l")
    r = right(spark).alias("r")
    return lhs.join(r, F.col("l.k") == F.col("r.k"), "inner").select(
        "l.k", F.col("r.k2").alias("rk2"), "l.lv", "r.rv"
    )


@case()
def case_self_join_aliases(spark, F, T, tmp_path):
    df = left(spark)
    a, b = df.alias("a"), df.alias("b")
    return a.join(b, F.col("a.k") == F.col("b.k")).select(
        F.col("a.lv").alias("x"), F.col("b.lv").alias("y")
    )
