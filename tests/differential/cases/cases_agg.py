"""groupBy/agg in each of its spellings, global aggregates, nulls, empty input, and the
column names Spark generates for unaliased aggregates (`sum(qty)`, `count(1)`, `avg(qty)`)."""

from __future__ import annotations

from ..harness import case
from .data import SALES_SCHEMA, people, sales


@case()
def case_groupby_agg_columns(spark, F, T, tmp_path):
    return sales(spark).groupBy("region").agg(
        F.sum("qty").alias("total"), F.avg("ratio").alias("mean_ratio"), F.count("*").alias("n")
    )


@case()
def case_groupby_generated_names(spark, F, T, tmp_path):
    return sales(spark).groupBy("region").agg(
        F.sum("qty"), F.count(F.lit(1)), F.avg("qty"), F.min("price"), F.max("product")
    )


@case()
def case_groupby_count_star_name(spark, F, T, tmp_path):
    return sales(spark).groupBy("product").agg(F.count("*"), F.count("qty"))


@case()
def case_groupby_dict_form(spark, F, T, tmp_path):
    return sales(spark).groupBy("region").agg({"qty": "max", "ratio": "avg"})


@case()
def case_grouped_count(spark, F, T, tmp_path):
    return sales(spark).groupBy("region", "product").count()


@case()
def case_grouped_sum_avg(spark, F, T, tmp_path):
    return sales(spark).groupBy("region").sum("qty", "ratio")


@case()
def case_grouped_avg_mean(spark, F, T, tmp_path):
    df = sales(spark)
    a = df.groupBy("product").avg("qty")
    m = df.groupBy("product").mean("ratio")
    return a.join(m, "product", "full")


@case()
def case_grouped_min_max(spark, F, T, tmp_path):
    df = sales(spark)
    return df.groupBy("region").min("qty").join(df.groupBy("region").max("price"), "region")


@case()
def case_grouped_sum_all_numeric(spark, F, T, tmp_path):
    return sales(spark).groupBy("region").sum()


@case()
def case_global_agg(spark, F, T, tmp_path):
    return sales(spark).agg(
        F.count("*"), F.count("qty"), F.countDistinct("region"), F.sum("price"), F.avg("price"),
        F.min("ratio"), F.max("ratio"),
    )


@case()
def case_global_agg_dict(spark, F, T, tmp_path):
    return sales(spark).agg({"qty": "sum"})


@case()
def case_stddev_variance(spark, F, T, tmp_path):
    return people(spark).groupBy("dept").agg(
        F.stddev("age").alias("sd"), F.variance("age").alias("var"),
        F.stddev_pop("age").alias("sd_pop"), F.var_pop("age").alias("var_pop"),
    )


@case()
def case_count_distinct_multi(spark, F, T, tmp_path):
    return sales(spark).agg(
        F.countDistinct("region", "product").alias("pairs"),
        F.count_distinct("qty").alias("qtys"),
    )


@case()
def case_first_last_single_row_groups(spark, F, T, tmp_path):
    # first/last are order dependent; on one-row-per-key groups they are defined
    df = people(spark)
    return df.groupBy("id").agg(F.first("name"), F.last("age"), F.first("salary", True))


@case()
def case_agg_all_null_group(spark, F, T, tmp_path):
    df = spark.createDataFrame([("a", None), ("a", None), ("b", 1.0)], "k string, v double")
    return df.groupBy("k").agg(
        F.sum("v"), F.avg("v"), F.min("v"), F.max("v"), F.count("v"), F.stddev("v")
    )


@case()
def case_global_agg_empty_input(spark, F, T, tmp_path):
    df = spark.createDataFrame([], SALES_SCHEMA)
    return df.agg(F.count("*"), F.sum("qty"), F.avg("price"), F.max("region"))


@case()
def case_groupby_empty_input(spark, F, T, tmp_path):
    df = spark.createDataFrame([], SALES_SCHEMA)
    return df.groupBy("region").agg(F.sum("qty"))


@case()
def case_groupby_expression_key(spark, F, T, tmp_path):
    df = people(spark)
    return df.groupBy((F.col("age") % 2).alias("parity")).agg(F.count("id").alias("n"))


@case()
def case_sum_decimal_avg_decimal(spark, F, T, tmp_path):
    return sales(spark).groupBy("product").agg(F.sum("price"), F.avg("price"))


@case(ordered=True)
def case_agg_then_sort(spark, F, T, tmp_path):
    return (
        sales(spark)
        .groupBy("region")
        .agg(F.sum("qty").alias("q"))
        .orderBy(F.desc("q"), "region")
    )
