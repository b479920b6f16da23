"""Projection and row-filtering verbs: select, selectExpr, filter/where, withColumn(s),
withColumnRenamed, drop, alias with qualified names, distinct, dropDuplicates, limit."""

from __future__ import annotations

from ..harness import case
from .data import people, sales


@case()
def case_select_names(spark, F, T, tmp_path):
    return people(spark).select("name", "age")


@case()
def case_select_column_forms(spark, F, T, tmp_path):
    df = people(spark)
    return df.select(df["id"], df.name, F.col("age"), F.column("dept"), "salary")


@case()
def case_select_star_and_expression(spark, F, T, tmp_path):
    df = people(spark)
    return df.select("*", (F.col("age") + 1).alias("age_next"))


@case()
def case_select_list_argument(spark, F, T, tmp_path):
    return people(spark).select(["id", "dept"])


@case()
def case_select_expr(spark, F, T, tmp_path):
    return people(spark).selectExpr("id", "age * 2 as double_age", "upper(name) as uname")


@case()
def case_filter_column(spark, F, T, tmp_path):
    return people(spark).filter(F.col("age") > 30)


@case()
def case_where_sql_string(spark, F, T, tmp_path):
    return people(spark).where("age >= 29 and dept = 'eng'")


@case()
def case_filter_chained(spark, F, T, tmp_path):
    df = people(spark)
    return df.filter(df.salary.isNotNull()).where(df.dept != "ops").select("id")


@case()
def case_with_column(spark, F, T, tmp_path):
    df = people(spark)
    return df.withColumn("bonus", df.salary * 0.1).withColumn("age", F.col("age") + 1)


@case()
def case_with_columns_dict(spark, F, T, tmp_path):
    return people(spark).withColumns({"a2": F.col("age") * 2, "one": F.lit(1)})


@case()
def case_with_column_renamed(spark, F, T, tmp_path):
    return people(spark).withColumnRenamed("name", "full_name").withColumnRenamed("nope", "x")


@case()
def case_drop_columns(spark, F, T, tmp_path):
    df = people(spark)
    return df.drop("salary", "hired").drop(df.dept).drop("not_there")


@case()
def case_alias_qualified(spark, F, T, tmp_path):
    df = people(spark).alias("p")
    return df.select(F.col("p.id"), F.col("p.name").alias("who")).where(F.col("p.age") < 40)


@case()
def case_distinct(spark, F, T, tmp_path):
    return people(spark).select("dept", "age").union(people(spark).select("dept", "age")).distinct()


@case()
def case_drop_duplicates_subset(spark, F, T, tmp_path):
    # which duplicate survives is undefined, so keep only the deduplicated key
    return sales(spark).dropDuplicates(["region"]).select("region")


@case()
def case_drop_duplicates_all(spark, F, T, tmp_path):
    df = sales(spark).select("region", "product")
    return df.dropDuplicates()


@case(ordered=True)
def case_limit_after_sort(spark, F, T, tmp_path):
    return people(spark).orderBy("id").limit(3)


@case()
def case_limit_count(spark, F, T, tmp_path):
    return people(spark).limit(4).count()


@case()
def case_limit_zero(spark, F, T, tmp_path):
    return people(spark).limit(0)
