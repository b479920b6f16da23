"""Second pass over the DataFrame API surface: join-type spellings, key type coercion,
toDF/withColumnsRenamed, printSchema nullability, show of arrays/structs/booleans/wide text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..harness import capture_show, case
from .data import left, people, right


@case()
def case_join_type_spellings(spark, F, T, tmp_path):
    lhs, r = left(spark), right(spark)
    hows = ["inner", "left_outer", "leftouter", "right_outer", "full_outer", "fullouter",
            "semi", "leftsemi", "anti", "leftanti"]
    return [(how, lhs.join(r, "k", how).count()) for how in hows]


@case()
def case_join_key_type_coercion(spark, F, T, tmp_path):
    a = spark.createDataFrame([(1, "a"), (2, "b"), (None, "n")], "k int, x string")
    b = spark.createDataFrame([(1, 1.5), (3, 3.5)], "k bigint, y double")
    return a.join(b, "k", "left")


@case()
def case_to_df_and_renamed(spark, F, T, tmp_path):
    df = people(spark).select("id", "name").toDF("key", "who")
    return df.withColumnsRenamed({"key": "k", "who": "w"})


@case()
def case_print_schema_nullability(spark, F, T, tmp_path):
    import contextlib
    import io

    df = people(spark).groupBy("dept").agg(
        F.count("*").alias("n"), F.sum("age").alias("s"), F.lit(1).alias("one")
    )
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        df.printSchema()
    return buf.getvalue()


@case()
def case_schema_nullable_flags(spark, F, T, tmp_path):
    df = spark.createDataFrame([(1, "a")], "id int not null, s string")
    out = df.select("id", "s", (df.id + 1).alias("p"), F.coalesce(df.s, F.lit("")).alias("c"),
                    F.lit(None).alias("nl"), F.lit(3).alias("three"))
    return [(f.name, f.nullable) for f in out.schema.fields]


@case()
def case_show_complex_types(spark, F, T, tmp_path):
    df = spark.createDataFrame(
        [(1, "a,b", True, Decimal("1.50"), dt.date(2020, 1, 2)), (2, None, None, None, None)],
        "id int, s string, b boolean, m decimal(5,2), d date",
    )
    out = df.select("id", F.split("s", ",").alias("arr"), F.struct("id", "b").alias("st"),
                    "b", "m", "d")
    return capture_show(out.orderBy("id"))


@case()
def case_show_truncate_small(spark, F, T, tmp_path):
    df = spark.createDataFrame([("abcdefgh", "xy"), ("abc", None)], "a string, b string")
    return capture_show(df.orderBy("a"), truncate=5) + capture_show(df.orderBy("a"), truncate=3)


@case()
def case_show_wide_characters(spark, F, T, tmp_path):
    df = spark.createDataFrame([(1, "日本語"), (2, "ab"), (3, "é")], "id int, s string")
    return capture_show(df.orderBy("id"))


@case()
def case_collect_array_and_struct(spark, F, T, tmp_path):
    df = spark.createDataFrame([(1, "a b"), (2, None)], "id int, s string")
    rows = df.select("id", F.split("s", " ").alias("w"), F.struct("id", "s").alias("st")).orderBy(
        "id").collect()
    return [(r.id, r.w, r.st.s if r.st is not None else None, r.st.asDict()) for r in rows]


@case()
def case_distinct_count_and_drop_then_count(spark, F, T, tmp_path):
    df = people(spark)
    return (df.select("dept").distinct().count(), df.dropDuplicates(["age"]).count(),
            df.na.drop(subset=["age"]).count())


@case(ordered=True)
def case_order_by_ascending_false(spark, F, T, tmp_path):
    return people(spark).select("id", "dept").orderBy("dept", "id", ascending=False)


@case()
def case_right_join_then_filter_on_right(spark, F, T, tmp_path):
    lhs, r = left(spark), right(spark)
    return lhs.join(r, "k", "right").where(F.col("lv").isNull()).select("k", "rv")
