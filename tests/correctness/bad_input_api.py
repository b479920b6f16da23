"""DataFrame-API inputs for the bad-input differential suite: each is a function of
(spark, F, T, tmp) run on PySpark and on dfengine; its result (rows) or exception class is
compared. `tmp` is a fresh directory per engine."""

from __future__ import annotations

import os

CASES: dict = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def _write(tmp, name, text):
    p = os.path.join(tmp, name)
    with open(p, "w") as fh:
        fh.write(text)
    return p


# ------------------------------------------------------------------ createDataFrame
@case
def create_dicts_union_of_keys(spark, F, T, tmp):
    return spark.createDataFrame([{"a": 1}, {"b": 2}])


@case
def create_dicts_mixed_order(spark, F, T, tmp):
    return spark.createDataFrame([{"b": "x", "a": 1}, {"a": 2, "c": 3.5}])


@case
def create_float_into_int(spark, F, T, tmp):
    return spark.createDataFrame([(1.5,)], "a int")


@case
def create_str_into_int(spark, F, T, tmp):
    return spark.createDataFrame([("1",)], "a int")


@case
def create_int_into_string(spark, F, T, tmp):
    return spark.createDataFrame([(1,)], "a string")


@case
def create_int_into_double(spark, F, T, tmp):
    return spark.createDataFrame([(1,)], "a double")


@case
def create_bool_into_int(spark, F, T, tmp):
    return spark.createDataFrame([(True,)], "a int")


@case
def create_too_few_fields(spark, F, T, tmp):
    return spark.createDataFrame([(1,)], "a int, b int")


@case
def create_too_many_fields(spark, F, T, tmp):
    return spark.createDataFrame([(1, 2, 3)], "a int, b int")


@case
def create_null_in_not_null(spark, F, T, tmp):
    schema = T.StructType([T.StructField("a", T.IntegerType(), False)])
    return spark.createDataFrame([(None,)], schema)


@case
def create_mixed_types_column(spark, F, T, tmp):
    return spark.createDataFrame([(1,), ("a",)], ["x"])


@case
def create_int_overflow_in_int(spark, F, T, tmp):
    return spark.createDataFrame([(2**40,)], "a int")


@case
def create_empty_no_schema(spark, F, T, tmp):
    return spark.createDataFrame([])


@case
def create_all_null_column(spark, F, T, tmp):
    return spark.createDataFrame([(None,), (None,)], ["a"])


# ------------------------------------------------------------------ CSV
def _csv(tmp):
    return _write(tmp, "n.csv", "a,b\n1,x\n3.5,y\nabc,z\n,w\n")


@case
def csv_int_schema_permissive(spark, F, T, tmp):
    return spark.read.csv(_csv(tmp), header=True, schema="a int, b string")


@case
def csv_int_schema_dropmalformed(spark, F, T, tmp):
    return spark.read.csv(_csv(tmp), header=True, schema="a int, b string",
                          mode="DROPMALFORMED")


@case
def csv_int_schema_failfast(spark, F, T, tmp):
    return spark.read.csv(_csv(tmp), header=True, schema="a int, b string", mode="FAILFAST")


@case
def csv_corrupt_record_column(spark, F, T, tmp):
    return spark.read.csv(_csv(tmp), header=True,
                          schema="a int, b string, _corrupt_record string")


@case
def csv_corrupt_record_renamed(spark, F, T, tmp):
    return spark.read.option("columnNameOfCorruptRecord", "bad").csv(
        _csv(tmp), header=True, schema="a int, b string, bad string")


@case
def csv_double_schema(spark, F, T, tmp):
    return spark.read.csv(_csv(tmp), header=True, schema="a double, b string")


@case
def csv_date_schema(spark, F, T, tmp):
    p = _write(tmp, "d.csv", "d\n2020-01-01\nnope\n2020-02-30\n")
    return spark.read.csv(p, header=True, schema="d date")


@case
def csv_ragged_rows(spark, F, T, tmp):
    p = _write(tmp, "r.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n")
    return spark.read.csv(p, header=True)


@case
def csv_ragged_rows_schema(spark, F, T, tmp):
    p = _write(tmp, "r2.csv", "1,2,3\n4,5\n6,7,8,9\n")
    return spark.read.csv(p, schema="a int, b int, c int")


@case
def csv_duplicate_headers(spark, F, T, tmp):
    p = _write(tmp, "h.csv", "a,a,b\n1,2,3\n")
    return spark.read.csv(p, header=True)


@case
def csv_duplicate_headers_case(spark, F, T, tmp):
    p = _write(tmp, "h2.csv", "A,a,b\n1,2,3\n")
    return spark.read.csv(p, header=True)


@case
def csv_empty_header(spark, F, T, tmp):
    p = _write(tmp, "h3.csv", "a,,b\n1,2,3\n")
    return spark.read.csv(p, header=True)


@case
def csv_infer_mixed(spark, F, T, tmp):
    p = _write(tmp, "m.csv", "a\n1\n2.5\nx\n")
    return spark.read.csv(p, header=True, inferSchema=True)


@case
def csv_infer_ints(spark, F, T, tmp):
    p = _write(tmp, "i.csv", "a,b\n1,2\n3,\n")
    return spark.read.csv(p, header=True, inferSchema=True)


@case
def csv_missing_path(spark, F, T, tmp):
    return spark.read.csv(os.path.join(tmp, "nope.csv"))


@case
def csv_empty_file(spark, F, T, tmp):
    p = _write(tmp, "e.csv", "")
    return spark.read.csv(p, schema="a int")


# ------------------------------------------------------------------ JSON
_BROKEN = '{"a": 1}\n{"a": \n{"a": 3}\n'
# name -> (file text, read options)
JSON_CASES = {
    "json_malformed_line": (_BROKEN, {}),
    "json_malformed_line_schema": (_BROKEN, {"schema": "a long"}),
    "json_malformed_dropmalformed": (_BROKEN, {"schema": "a long", "mode": "DROPMALFORMED"}),
    "json_malformed_failfast": (_BROKEN, {"schema": "a long", "mode": "FAILFAST"}),
    "json_mixed_types": ('{"a": 1}\n{"a": "x"}\n', {}),
    "json_int_and_float": ('{"a": 1}\n{"a": 2.5}\n', {}),
    "json_type_mismatch_schema": ('{"a": 1}\n{"a": "x"}\n', {"schema": "a long"}),
    "json_missing_fields": ('{"a": 1}\n{"b": 2}\n', {}),
}


def _json_case(text: str, options: dict):
    def run(spark, F, T, tmp):
        return spark.read.json(_write(tmp, "in.json", text), **options)
    return run


for _name, (_text, _options) in JSON_CASES.items():
    CASES[_name] = _json_case(_text, _options)


# ------------------------------------------------------------------ parquet
@case
def parquet_type_mismatch(spark, F, T, tmp):
    d = os.path.join(tmp, "pm")
    spark.createDataFrame([(1,)], "x bigint").write.parquet(d + "/p1")
    spark.createDataFrame([("a",)], "x string").write.parquet(d + "/p2")
    import glob
    import shutil
    os.makedirs(d + "/all")
    for i, f in enumerate(sorted(glob.glob(d + "/p*/*.parquet"))):
        shutil.copy(f, f"{d}/all/part-{i}.parquet")
    return spark.read.parquet(d + "/all")


@case
def parquet_int_long_merge(spark, F, T, tmp):
    d = os.path.join(tmp, "pw")
    spark.createDataFrame([(1,)], "x int").write.parquet(d + "/p1")
    spark.createDataFrame([(2,)], "x bigint").write.parquet(d + "/p2")
    import glob
    import shutil
    os.makedirs(d + "/all")
    for i, f in enumerate(sorted(glob.glob(d + "/p*/*.parquet"))):
        shutil.copy(f, f"{d}/all/part-{i}.parquet")
    return spark.read.option("mergeSchema", "true").parquet(d + "/all")


@case
def parquet_merge_new_column(spark, F, T, tmp):
    d = os.path.join(tmp, "pn")
    spark.createDataFrame([(1,)], "x bigint").write.parquet(d + "/k=1")
    spark.createDataFrame([(2, "b")], "x bigint, y string").write.parquet(d + "/k=2")
    return spark.read.option("mergeSchema", "true").parquet(d)


@case
def parquet_missing(spark, F, T, tmp):
    return spark.read.parquet(os.path.join(tmp, "nothing"))


@case
def write_errorifexists(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.range(2).write.parquet(d)
    spark.range(3).write.parquet(d)
    return spark.read.parquet(d)


@case
def write_append_then_read(spark, F, T, tmp):
    d = os.path.join(tmp, "w2")
    spark.range(2).write.parquet(d)
    spark.range(3).write.mode("append").parquet(d)
    return spark.read.parquet(d)


@case
def write_overwrite_then_read(spark, F, T, tmp):
    d = os.path.join(tmp, "w3")
    spark.range(2).write.parquet(d)
    spark.range(3).write.mode("overwrite").parquet(d)
    return spark.read.parquet(d)


@case
def write_bad_mode(spark, F, T, tmp):
    spark.range(2).write.mode("sometimes").parquet(os.path.join(tmp, "w4"))


# ------------------------------------------------------------------ queries
def _df(spark):
    return spark.createDataFrame([(1, "a"), (2, "b")], "id int, v string")


@case
def self_join_same_attribute(spark, F, T, tmp):
    df = _df(spark)
    return df.join(df, df.id == df.id)


@case
def self_join_alias(spark, F, T, tmp):
    df = _df(spark)
    a, b = df.alias("a"), df.alias("b")
    return a.join(b, F.col("a.id") == F.col("b.id")).select("a.id", "b.v")


@case
def self_join_on_name(spark, F, T, tmp):
    df = _df(spark)
    return df.join(df, "id")


@case
def intersect_column_count(spark, F, T, tmp):
    return _df(spark).intersect(_df(spark).select("id"))


@case
def union_column_count(spark, F, T, tmp):
    return _df(spark).union(_df(spark).select("id"))


@case
def except_column_count(spark, F, T, tmp):
    return _df(spark).exceptAll(_df(spark).select("id"))


@case
def union_by_name_missing(spark, F, T, tmp):
    return _df(spark).unionByName(_df(spark).select("id"))


@case
def head_negative(spark, F, T, tmp):
    return _df(spark).head(-1)


@case
def limit_negative(spark, F, T, tmp):
    return _df(spark).limit(-1)


@case
def sample_fraction_above_one(spark, F, T, tmp):
    return _df(spark).sample(2.0).count() >= 0


@case
def sample_negative(spark, F, T, tmp):
    return _df(spark).sample(-0.5)


@case
def repartition_zero(spark, F, T, tmp):
    return _df(spark).repartition(0)


@case
def coalesce_zero(spark, F, T, tmp):
    return _df(spark).coalesce(0)


@case
def window_row_number_unordered(spark, F, T, tmp):
    W = _window(spark)
    return _df(spark).select(F.row_number().over(W.partitionBy("v")))


@case
def window_lag_unordered(spark, F, T, tmp):
    W = _window(spark)
    return _df(spark).select(F.lag("id").over(W.partitionBy("v")))


@case
def window_sum_unordered(spark, F, T, tmp):
    W = _window(spark)
    return _df(spark).select("id", F.sum("id").over(W.partitionBy("v")))


@case
def upper_of_array(spark, F, T, tmp):
    return spark.createDataFrame([([1],)], "a array<int>").select(F.upper("a"))


@case
def pivot_empty(spark, F, T, tmp):
    df = spark.createDataFrame([], "k string, p string, v int")
    return df.groupBy("k").pivot("p").sum("v")


@case
def select_missing_column(spark, F, T, tmp):
    return _df(spark).select("nope")


@case
def with_column_bad_type(spark, F, T, tmp):
    return _df(spark).withColumn("x", 5)


@case
def filter_non_boolean(spark, F, T, tmp):
    return _df(spark).filter(F.col("id") + 1)


@case
def groupby_agg_bad_function(spark, F, T, tmp):
    return _df(spark).groupBy("v").agg({"id": "nosuch"})


@case
def order_by_missing(spark, F, T, tmp):
    return _df(spark).orderBy("nope")


@case
def drop_missing_is_noop(spark, F, T, tmp):
    return _df(spark).drop("nope")


@case
def col_cast_bad_string(spark, F, T, tmp):
    return _df(spark).select(F.col("v").cast("int"))


@case
def col_try_cast_bad_string(spark, F, T, tmp):
    return _df(spark).select(F.col("v").try_cast("int"))


@case
def col_divide_zero(spark, F, T, tmp):
    return _df(spark).select(F.col("id") / 0)


@case
def col_int_overflow(spark, F, T, tmp):
    return _df(spark).select(F.col("id") * 2147483647)


@case
def col_sum_overflow(spark, F, T, tmp):
    df = spark.createDataFrame([(9223372036854775807,), (1,)], "x bigint")
    return df.agg(F.sum("x"))


@case
def col_avg_big(spark, F, T, tmp):
    df = spark.createDataFrame([(9223372036854775807,), (9223372036854775807,)], "x bigint")
    return df.agg(F.avg("x"), F.stddev("x"))


@case
def col_element_at_oob(spark, F, T, tmp):
    df = spark.createDataFrame([([1, 2],)], "a array<int>")
    return df.select(F.element_at("a", 5))


@case
def col_get_item_oob(spark, F, T, tmp):
    df = spark.createDataFrame([([1, 2],)], "a array<int>")
    return df.select(F.col("a")[5])


@case
def scalar_subquery_many_rows(spark, F, T, tmp):
    _df(spark).createOrReplaceTempView("bad_input_sq")
    return spark.sql("select id, (select id from bad_input_sq) as x from bad_input_sq")


@case
def na_fill_bad_type(spark, F, T, tmp):
    return _df(spark).na.fill([1, 2])


@case
def to_date_bad_format(spark, F, T, tmp):
    df = spark.createDataFrame([("2020-01-01",), ("junk",)], "s string")
    return df.select(F.to_date("s", "yyyy-MM-dd"))


def _window(spark):
    mod = type(spark).__module__.split(".")[0]
    if mod == "pyspark":
        from pyspark.sql import Window
    else:
        from dfengine.sql import Window
    return Window


