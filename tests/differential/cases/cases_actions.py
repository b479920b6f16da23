"""Actions: count, collect, take, first, head, columns, dtypes, schema, show text, toPandas,
cache/persist."""

from __future__ import annotations

from ..harness import capture_show, case
from .data import people, sales


@case()
def case_count(spark, F, T, tmp_path):
    df = people(spark)
    return (df.count(), df.where("age > 30").count(), df.limit(0).count())


@case()
def case_collect_rows_fields(spark, F, T, tmp_path):
    rows = people(spark).orderBy("id").select("id", "name", "hired").collect()
    return [(r.id, r["name"], r[2], r.asDict()) for r in rows]


@case()
def case_collect_row_objects(spark, F, T, tmp_path):
    return people(spark).orderBy("id").collect()


@case()
def case_take(spark, F, T, tmp_path):
    return people(spark).orderBy(F.desc("id")).take(2)


@case()
def case_first(spark, F, T, tmp_path):
    return people(spark).orderBy("age").first()


@case()
def case_head_variants(spark, F, T, tmp_path):
    df = people(spark).orderBy("id")
    return (df.head(), df.head(2), df.limit(0).head(), df.limit(0).first())


@case()
def case_columns_dtypes(spark, F, T, tmp_path):
    df = people(spark)
    return (df.columns, df.dtypes, sales(spark).dtypes)


@case()
def case_schema(spark, F, T, tmp_path):
    df = people(spark)
    return (df.schema.simpleString(), [f.name for f in df.schema.fields],
            df.schema["age"].dataType.simpleString(), df.schema.fieldNames())


@case()
def case_row_asdict_recursive(spark, F, T, tmp_path):
    df = spark.createDataFrame([(1, "a")], "id int, s string")
    return df.select(F.struct("id", "s").alias("st")).first().asDict(recursive=True)


@case()
def case_show_default(spark, F, T, tmp_path):
    return capture_show(people(spark).orderBy("id"))


@case()
def case_show_truncate_false(spark, F, T, tmp_path):
    df = spark.createDataFrame(
        [(1, "a fairly long string that is over twenty characters"), (2, None)],
        "id int, s string",
    )
    return capture_show(df.orderBy("id"), truncate=False)


@case()
def case_show_truncated_long_strings(spark, F, T, tmp_path):
    df = spark.createDataFrame(
        [(1, "a fairly long string that is over twenty characters"), (2, "short")],
        "id int, s string",
    )
    return capture_show(df.orderBy("id"))


@case()
def case_show_n2(spark, F, T, tmp_path):
    return capture_show(sales(spark).orderBy("qty", "product"), n=2)


@case()
def case_show_numbers_nulls(spark, F, T, tmp_path):
    return capture_show(sales(spark).orderBy("qty", "product", "region"))


@case()
def case_show_empty(spark, F, T, tmp_path):
    return capture_show(people(spark).limit(0))


@case()
def case_to_pandas(spark, F, T, tmp_path):
    return people(spark).orderBy("id").toPandas()


@case()
def case_to_pandas_columns(spark, F, T, tmp_path):
    return list(sales(spark).toPandas().columns)


@case()
def case_cache_reuse(spark, F, T, tmp_path):
    df = people(spark).withColumn("x", F.col("id") * 10).cache()
    n = df.count()
    return (n, df.where("x > 20").count(), sorted(r.x for r in df.collect()))


@case()
def case_persist_then_aggregate(spark, F, T, tmp_path):
    df = sales(spark).persist()
    df.count()
    out = df.groupBy("region").agg(F.sum("qty").alias("q"))
    df.unpersist()
    return out
