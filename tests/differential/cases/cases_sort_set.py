"""Ordering (directions, null placement, several keys), set operations, na.fill/na.drop and
describe/summary."""

from __future__ import annotations

from ..harness import case
from .data import people, sales


@case(ordered=True)
def case_order_by_default_asc_nulls_first(spark, F, T, tmp_path):
    return people(spark).select("id", "age").orderBy("age", "id")


@case(ordered=True)
def case_order_by_desc_nulls_last(spark, F, T, tmp_path):
    # Spark: desc puts nulls last by default
    return people(spark).select("id", "age").orderBy(F.desc("age"), "id")


@case(ordered=True)
def case_sort_column_methods(spark, F, T, tmp_path):
    df = people(spark)
    return df.select("id", "salary").sort(df.salary.desc(), df.id.asc())


@case(ordered=True)
def case_order_asc_nulls_last(spark, F, T, tmp_path):
    return people(spark).select("id", "name").orderBy(F.col("name").asc_nulls_last())


@case(ordered=True)
def case_order_desc_nulls_first(spark, F, T, tmp_path):
    return people(spark).select("id", "dept").orderBy(
        F.col("dept").desc_nulls_first(), F.col("id").desc()
    )


@case(ordered=True)
def case_order_functions_nulls(spark, F, T, tmp_path):
    return people(spark).select("id", "age").orderBy(
        F.asc_nulls_last("age"), F.desc_nulls_last("id")
    )


@case(ordered=True)
def case_order_ascending_list(spark, F, T, tmp_path):
    return sales(spark).select("region", "qty").orderBy(
        ["region", "qty"], ascending=[False, True]
    )


@case(ordered=True)
def case_order_by_expression(spark, F, T, tmp_path):
    return people(spark).select("id").orderBy((F.col("id") % 3).desc(), "id")


@case()
def case_union_all_keeps_duplicates(spark, F, T, tmp_path):
    df = people(spark).select("id", "name")
    return df.union(df).unionAll(df.limit(0))


@case()
def case_union_by_position(spark, F, T, tmp_path):
    a = spark.createDataFrame([(1, "x")], "a int, b string")
    b = spark.createDataFrame([("y", 2)], "b string, a int")
    return a.union(b.select("a", "b"))


@case()
def case_union_by_name(spark, F, T, tmp_path):
    a = spark.createDataFrame([(1, "x")], "a int, b string")
    b = spark.createDataFrame([("y", 2)], "b string, a int")
    return a.unionByName(b)


@case()
def case_union_by_name_missing(spark, F, T, tmp_path):
    a = spark.createDataFrame([(1, "x")], "a int, b string")
    b = spark.createDataFrame([(2, 3.5)], "a int, c double")
    return a.unionByName(b, allowMissingColumns=True)


@case()
def case_union_widens_types(spark, F, T, tmp_path):
    a = spark.createDataFrame([(1,)], "v int")
    b = spark.createDataFrame([(2.5,)], "v double")
    return a.union(b)


@case()
def case_na_fill_value(spark, F, T, tmp_path):
    return people(spark).select("id", "age", "salary").na.fill(0)


@case()
def case_na_fill_dict(spark, F, T, tmp_path):
    return people(spark).fillna({"name": "?", "age": -1, "salary": 0.5})


@case()
def case_na_fill_string_subset(spark, F, T, tmp_path):
    return people(spark).na.fill("none", subset=["dept"]).select("id", "name", "dept")


@case()
def case_na_drop_any(spark, F, T, tmp_path):
    return people(spark).na.drop()


@case()
def case_dropna_how_all_subset(spark, F, T, tmp_path):
    return sales(spark).dropna(how="all", subset=["region", "qty"])


@case()
def case_dropna_thresh(spark, F, T, tmp_path):
    return sales(spark).dropna(thresh=4)


@case(ordered=True)  # statistics come in a fixed order
def case_describe(spark, F, T, tmp_path):
    df = spark.createDataFrame(
        [(1, "a"), (2, "b"), (3, None), (None, "c")], "x int, s string"
    )
    return df.describe()


@case(ordered=True)  # statistics come in a fixed order
def case_describe_columns(spark, F, T, tmp_path):
    df = spark.createDataFrame([(1.0, 2), (3.0, 4), (5.0, None)], "x double, y int")
    return df.describe("x")


@case(ordered=True)  # statistics come in a fixed order
def case_summary_selected(spark, F, T, tmp_path):
    df = spark.createDataFrame([(1,), (2,), (3,), (4,), (None,)], "x int")
    return df.summary("count", "min", "max", "mean")
