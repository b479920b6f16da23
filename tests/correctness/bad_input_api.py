"""DataFrame-API inputs for the bad-input differential suite: each is a function of
(spark, F, T, tmp) run on PySpark and on dfengine; its result (rows) or exception class is
compared. `tmp` is a fresh directory per engine."""

from __future__ import annotations

import decimal
import os

CASES: dict = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def write_file(tmp, name, data):
    """Write text or bytes (bytes for files that are not valid UTF-8) and return the path."""
    p = os.path.join(tmp, name)
    with open(p, "wb" if isinstance(data, bytes) else "w") as fh:
        fh.write(data)
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
    return write_file(tmp, "n.csv", "a,b\n1,x\n3.5,y\nabc,z\n,w\n")


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
    p = write_file(tmp, "d.csv", "d\n2020-01-01\nnope\n2020-02-30\n")
    return spark.read.csv(p, header=True, schema="d date")


@case
def csv_ragged_rows(spark, F, T, tmp):
    p = write_file(tmp, "r.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n")
    return spark.read.csv(p, header=True)


@case
def csv_ragged_rows_schema(spark, F, T, tmp):
    p = write_file(tmp, "r2.csv", "1,2,3\n4,5\n6,7,8,9\n")
    return spark.read.csv(p, schema="a int, b int, c int")


@case
def csv_duplicate_headers(spark, F, T, tmp):
    p = write_file(tmp, "h.csv", "a,a,b\n1,2,3\n")
    return spark.read.csv(p, header=True)


@case
def csv_duplicate_headers_case(spark, F, T, tmp):
    p = write_file(tmp, "h2.csv", "A,a,b\n1,2,3\n")
    return spark.read.csv(p, header=True)


@case
def csv_empty_header(spark, F, T, tmp):
    p = write_file(tmp, "h3.csv", "a,,b\n1,2,3\n")
    return spark.read.csv(p, header=True)


@case
def csv_infer_mixed(spark, F, T, tmp):
    p = write_file(tmp, "m.csv", "a\n1\n2.5\nx\n")
    return spark.read.csv(p, header=True, inferSchema=True)


@case
def csv_infer_ints(spark, F, T, tmp):
    p = write_file(tmp, "i.csv", "a,b\n1,2\n3,\n")
    return spark.read.csv(p, header=True, inferSchema=True)


@case
def csv_missing_path(spark, F, T, tmp):
    return spark.read.csv(os.path.join(tmp, "nope.csv"))


@case
def csv_empty_file(spark, F, T, tmp):
    p = write_file(tmp, "e.csv", "")
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
        return spark.read.json(write_file(tmp, "in.json", text), **options)
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
    try:
        return spark.sql("select id, (select id from bad_input_sq) as x from bad_input_sq")
    finally:  # no view left behind for later tests (SHOW TABLES in tests/catalog)
        spark.catalog.dropTempView("bad_input_sq")


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




# ------------------------------------------------------------------ third session: createDataFrame
def _row_class(spark):
    if type(spark).__module__.startswith("pyspark"):
        from pyspark.sql import Row
    else:
        from dfengine.sql import Row
    return Row


def _df3(spark):
    return spark.createDataFrame([(1, "a", 1.5), (2, "b", None), (None, None, float("nan"))],
                                 "id int, v string, d double")


@case
def cdf_row_different_fields(spark, F, T, tmp):
    Row = _row_class(spark)
    return spark.createDataFrame([Row(a=1), Row(b=2)])


@case
def cdf_tuples_mixed_int_float(spark, F, T, tmp):
    return spark.createDataFrame([(1,), (2.5,)], ["x"])


@case
def cdf_nested_list(spark, F, T, tmp):
    return spark.createDataFrame([([1, None], {"k": 1.5})], ["a", "m"])


@case
def cdf_nested_empty_list(spark, F, T, tmp):
    return spark.createDataFrame([([],)], ["a"])


@case
def cdf_decimal_too_precise(spark, F, T, tmp):
    return spark.createDataFrame([(decimal.Decimal("1.255"),)], "a decimal(5,2)")


@case
def cdf_decimal_too_big(spark, F, T, tmp):
    return spark.createDataFrame([(decimal.Decimal("12345.5"),)], "a decimal(5,2)")


@case
def cdf_list_into_string(spark, F, T, tmp):
    return spark.createDataFrame([([1, 2],)], "a string")


@case
def cdf_str_into_array(spark, F, T, tmp):
    return spark.createDataFrame([("ab",)], "a array<string>")


@case
def cdf_array_mixed_infer(spark, F, T, tmp):
    return spark.createDataFrame([([1, "x"],)], ["a"])


@case
def cdf_map_null_key(spark, F, T, tmp):
    return spark.createDataFrame([({None: 1},)], "m map<string,int>")


@case
def cdf_dict_rows_missing_key_schema(spark, F, T, tmp):
    return spark.createDataFrame([{"a": 1}], "a int, b string")


@case
def cdf_row_with_schema_reorders(spark, F, T, tmp):
    Row = _row_class(spark)
    return spark.createDataFrame([Row(b="x", a=1)], "a int, b string")


@case
def cdf_pandas(spark, F, T, tmp):
    import pandas as pd
    return spark.createDataFrame(pd.DataFrame({"a": [1, None], "b": ["x", None], "c": [1.5, float("nan")]}))


@case
def cdf_pandas_empty(spark, F, T, tmp):
    import pandas as pd
    return spark.createDataFrame(pd.DataFrame({"a": pd.Series([], dtype="int64")}))


@case
def cdf_pandas_object_mixed(spark, F, T, tmp):
    import pandas as pd
    return spark.createDataFrame(pd.DataFrame({"a": [1, "x"]}))


@case
def cdf_numpy_1d(spark, F, T, tmp):
    import numpy as np
    return spark.createDataFrame(np.array([1.5, 2.5]))


@case
def cdf_structtype_nested_mismatch(spark, F, T, tmp):
    s = T.StructType([T.StructField("s", T.StructType([T.StructField("x", T.IntegerType())]))])
    return spark.createDataFrame([((1, 2),)], s)


@case
def cdf_nullable_nested_not_null(spark, F, T, tmp):
    s = T.StructType([T.StructField("a", T.ArrayType(T.IntegerType(), False))])
    return spark.createDataFrame([([1, None],)], s)


@case
def cdf_bool_infer_mixed_int(spark, F, T, tmp):
    return spark.createDataFrame([(True,), (1,)], ["a"])


@case
def cdf_range_zero_step(spark, F, T, tmp):
    return spark.range(0, 5, 0)


# ------------------------------------------------------------------ third session: na, joins, windows, arguments
@case
def sel_df_attr_missing(spark, F, T, tmp):
    return _df3(spark).select(_df3(spark).nope)


@case
def sel_empty(spark, F, T, tmp):
    return _df3(spark).select()


@case
def with_column_other_df(spark, F, T, tmp):
    a = _df3(spark)
    b = spark.createDataFrame([(1,)], "z int")
    return a.withColumn("x", b.z)


@case
def join_self_derived_select(spark, F, T, tmp):
    a = _df3(spark)
    b = a.select(F.col("id"), F.col("v").alias("w"))
    return a.join(b, a.id == b.id).select(a.v, b.w)


@case
def join_bad_how(spark, F, T, tmp):
    a = _df3(spark)
    return a.join(a, "id", "sideways")


@case
def join_on_column_list(spark, F, T, tmp):
    a = _df3(spark)
    b = a.select(F.col("id").alias("k"), "v")
    return a.join(b, [a.id == b.k, a.v == b.v])


@case
def join_using_right_select_k(spark, F, T, tmp):
    a = spark.createDataFrame([(1, "a"), (2, "b")], "k int, x string")
    b = spark.createDataFrame([(2, "c"), (3, "d")], "k int, y string")
    return a.join(b, "k", "right").select(a.k, b.k, "k")


@case
def union_by_name_dup(spark, F, T, tmp):
    a = spark.createDataFrame([(1, 2)], "x int, y int").select("x", F.col("y").alias("x"))
    b = spark.createDataFrame([(2,)], "x int")
    return a.unionByName(b, allowMissingColumns=True)


@case
def na_fill_int_on_double(spark, F, T, tmp):
    return _df3(spark).na.fill(0)


@case
def na_fill_float_on_int(spark, F, T, tmp):
    return _df3(spark).na.fill(2.7)


@case
def na_fill_dict(spark, F, T, tmp):
    return _df3(spark).na.fill({"id": 9, "v": "q", "d": 0.5})


@case
def na_fill_dict_wrong_type(spark, F, T, tmp):
    return _df3(spark).na.fill({"id": "x"})


@case
def na_fill_dict_missing_col(spark, F, T, tmp):
    return _df3(spark).na.fill({"nope": 1})


@case
def na_fill_subset_missing(spark, F, T, tmp):
    return _df3(spark).na.fill(0, subset=["nope"])


@case
def na_drop_how_bad(spark, F, T, tmp):
    return _df3(spark).na.drop(how="some")


@case
def na_drop_subset_missing(spark, F, T, tmp):
    return _df3(spark).na.drop(subset=["nope"])


@case
def na_replace_mixed(spark, F, T, tmp):
    return _df3(spark).na.replace({1: 10, "a": "z"})


@case
def na_replace_type_change(spark, F, T, tmp):
    return _df3(spark).na.replace(1, 2.5)


@case
def na_replace_list_len(spark, F, T, tmp):
    return _df3(spark).na.replace([1, 2], [3])


@case
def na_replace_nan(spark, F, T, tmp):
    return _df3(spark).replace(float("nan"), 0.0)


@case
def na_replace_subset_missing(spark, F, T, tmp):
    return _df3(spark).replace(1, 3, subset=["nope"])


@case
def cast_struct_to_string(spark, F, T, tmp):
    return spark.sql("select named_struct('a', 1, 'b', null) s").select(F.col("s").cast("string"))


@case
def gb_first_ignorenulls(spark, F, T, tmp):
    return _df3(spark).agg(F.first("v", ignorenulls=True), F.last("id"))


@case
def win_rows_between_bad(spark, F, T, tmp):
    W = _window(spark)
    return _df3(spark).select(F.sum("id").over(W.orderBy("id").rowsBetween(1, -1)))


@case
def win_range_string_order(spark, F, T, tmp):
    W = _window(spark)
    return _df3(spark).select(F.sum("id").over(W.orderBy("v").rangeBetween(-1, 1)))


@case
def win_rank_with_frame(spark, F, T, tmp):
    W = _window(spark)
    return _df3(spark).select(F.rank().over(W.orderBy("id").rowsBetween(-1, 1)))


@case
def win_not_window_fn(spark, F, T, tmp):
    W = _window(spark)
    return _df3(spark).select(F.upper("v").over(W.orderBy("id")))


@case
def win_in_filter(spark, F, T, tmp):
    W = _window(spark)
    return _df3(spark).filter(F.row_number().over(W.orderBy("id")) == 1)


@case
def order_ascending_len_mismatch(spark, F, T, tmp):
    return _df3(spark).orderBy(["v", "id"], ascending=[False]).collect()


@case
def order_by_zero_position(spark, F, T, tmp):
    return _df3(spark).orderBy(0).collect()


@case
def sample_fraction_none(spark, F, T, tmp):
    return _df3(spark).sample(None)


@case
def sample_fraction_string(spark, F, T, tmp):
    return _df3(spark).sample("0.5")


@case
def random_split_weights_negative(spark, F, T, tmp):
    return [x.count() for x in _df3(spark).randomSplit([1.0, -1.0])]


@case
def random_split_weights_zero(spark, F, T, tmp):
    return [x.count() for x in _df3(spark).randomSplit([0.0, 0.0])]


@case
def tail_negative(spark, F, T, tmp):
    return _df3(spark).tail(-1)


@case
def drop_duplicates_string_arg(spark, F, T, tmp):
    return _df3(spark).dropDuplicates("v")


@case
def describe_missing(spark, F, T, tmp):
    return _df3(spark).describe("nope")


@case
def to_df_wrong_count(spark, F, T, tmp):
    return _df3(spark).toDF("a")


@case
def when_otherwise_twice(spark, F, T, tmp):
    return _df3(spark).select(F.when(F.col("id") == 1, 1).otherwise(2).otherwise(3))


@case
def substr_mixed_types(spark, F, T, tmp):
    return _df3(spark).select(F.col("v").substr(1, F.lit(2)))


# ------------------------------------------------------------------ third session: readers, writers, show()
def _show(df, *a, **k):
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        df.show(*a, **k)
    return buf.getvalue()


@case
def io_csv_header_only_infer(spark, F, T, tmp):
    return spark.read.csv(write_file(tmp, "h.csv", "a,b\n"), header=True, inferSchema=True)


@case
def io_csv_infer_bool_date(spark, F, T, tmp):
    return spark.read.csv(write_file(tmp, "b.csv", "a,b,c\ntrue,2020-01-01,1.5\nfalse,2020-01-02,\n"), header=True, inferSchema=True)


@case
def io_csv_quoted_newline(spark, F, T, tmp):
    return spark.read.csv(write_file(tmp, "q.csv", 'a,b\n"x\ny",1\n'), header=True, multiLine=True)


@case
def io_csv_null_value(spark, F, T, tmp):
    return spark.read.csv(write_file(tmp, "n.csv", "a,b\nNA,1\n,2\n"), header=True, nullValue="NA")


@case
def io_csv_bom(spark, F, T, tmp):
    return spark.read.csv(write_file(tmp, "bom.csv", "\ufeffa,b\n1,2\n"), header=True)


@case
def io_csv_schema_fewer_cols(spark, F, T, tmp):
    return spark.read.csv(write_file(tmp, "f.csv", "1,2,3\n"), schema="a int")


@case
def io_csv_bool_bad(spark, F, T, tmp):
    return spark.read.csv(write_file(tmp, "f.csv", "maybe\ntrue\n"), schema="a boolean")


@case
def io_csv_timestamp_bad(spark, F, T, tmp):
    return spark.read.csv(write_file(tmp, "f.csv", "2020-01-01 10:00:00\nxx\n"), schema="a timestamp")


@case
def io_csv_dropmalformed_ragged(spark, F, T, tmp):
    return spark.read.csv(write_file(tmp, "r.csv", "1,2\n3\n"), schema="a int, b int", mode="DROPMALFORMED")


@case
def io_json_nested(spark, F, T, tmp):
    return spark.read.json(write_file(tmp, "a.json", '{"a": {"b": [1, 2]}}\n{"a": {"b": null, "c": "x"}}\n'))


@case
def io_json_empty_lines(spark, F, T, tmp):
    return spark.read.json(write_file(tmp, "a.json", '{"a": 1}\n\n\n{"a": 2}\n'))


@case
def io_json_corrupt_col_named(spark, F, T, tmp):
    return spark.read.option("columnNameOfCorruptRecord", "bad").json(write_file(tmp, "a.json", '{"a": 1}\n{oops\n'))


@case
def io_json_schema_int_overflow(spark, F, T, tmp):
    return spark.read.json(write_file(tmp, "a.json", '{"a": 3000000000}\n'), schema="a int")


@case
def io_text_lines(spark, F, T, tmp):
    return spark.read.text(write_file(tmp, "t.txt", "a\n\nb\r\nc"))


@case
def io_parquet_merge_conflict(spark, F, T, tmp):
    d = os.path.join(tmp, "pm")
    spark.createDataFrame([(1,)], "x bigint").write.parquet(d + "/k=1")
    spark.createDataFrame([("a",)], "x string").write.parquet(d + "/k=2")
    return spark.read.option("mergeSchema", "true").parquet(d)


@case
def io_partition_by_missing(spark, F, T, tmp):
    spark.range(2).write.partitionBy("nope").parquet(os.path.join(tmp, "x"))


@case
def io_write_ignore(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.range(2).write.parquet(d)
    spark.range(5).write.mode("ignore").parquet(d)
    return spark.read.parquet(d)


@case
def io_write_csv_then_read(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.createDataFrame([(1, None, "a,b")], "a int, b string, c string").write.csv(d)
    return spark.read.csv(d)


@case
def io_write_json_nulls(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.createDataFrame([(1, None)], "a int, b string").write.json(d)
    return spark.read.json(d)


@case
def show_empty(spark, F, T, tmp):
    return _show(spark.createDataFrame([], "a int, b string"))


@case
def show_nulls_nested(spark, F, T, tmp):
    return _show(spark.sql("select array(1, null) a, map('k', null) m, named_struct('x', null, 'y', 1.5d) s, cast(null as string) n"))


@case
def show_truncate(spark, F, T, tmp):
    return _show(spark.createDataFrame([("a" * 30, "ü" * 25)], "a string, b string"))


@case
def show_truncate_5(spark, F, T, tmp):
    return _show(spark.createDataFrame([("abcdefgh",)], "a string"), truncate=5)


@case
def show_vertical(spark, F, T, tmp):
    return _show(spark.createDataFrame([(1, "x")], "a int, b string"), vertical=True)


@case
def show_floats(spark, F, T, tmp):
    return _show(spark.createDataFrame([(1e20, 1.0, float("nan"), -0.0, 1e-5)], "a double, b double, c double, d double, e double"))


@case
def show_binary_dates(spark, F, T, tmp):
    return _show(spark.sql("select cast('ab' as binary) b, date'2020-01-01' d, timestamp'2020-01-01 10:00:00' t, 1.50bd dec"))


@case
def show_wide_unicode(spark, F, T, tmp):
    return _show(spark.createDataFrame([("日本語",)], "a string"))



# ------------------------------------------------------------------ fourth session (c15api3)
# verifySchema=False, names as written (select("ID")), DDL with backticks, F.lit of lists,
# unions of structs, show()/toPandas() edge values, map explode/slices, JSON/CSV writers,
# joins, drop/withColumn, na, summary, pivot, Row, nested fields, set operations on maps.
def _df4(spark):
    return spark.createDataFrame([(1, "a", 1.5), (2, "b", None), (None, None, float("nan"))],
                                 "id int, v string, d double")


def _kv4(spark):
    return spark.createDataFrame([(1, "x"), (2, "y"), (3, None)], "k int, v string")


@case
def s4_vs_false_str_int(spark, F, T, tmp):
    return spark.createDataFrame([("1",)], "a int", verifySchema=False)


@case
def s4_vs_false_float_int(spark, F, T, tmp):
    return spark.createDataFrame([(1.5,)], "a int", verifySchema=False)


@case
def s4_vs_false_int_double(spark, F, T, tmp):
    return spark.createDataFrame([(1,)], "a double", verifySchema=False)


@case
def s4_vs_false_big_int(spark, F, T, tmp):
    return spark.createDataFrame([(2**40,)], "a int", verifySchema=False)


@case
def s4_vs_false_str_bool(spark, F, T, tmp):
    return spark.createDataFrame([("x", 1)], "a boolean, b long", verifySchema=False)


@case
def s4_vs_false_list_str(spark, F, T, tmp):
    return spark.createDataFrame([([1, 2],)], "a string", verifySchema=False)


@case
def s4_vs_false_str_date(spark, F, T, tmp):
    return spark.createDataFrame([("2020-01-01",)], "a date", verifySchema=False)


@case
def s4_vs_false_too_few(spark, F, T, tmp):
    return spark.createDataFrame([(1,)], "a int, b int", verifySchema=False)


def _union_sql(spark, left, right, by_name=False):
    a, b = spark.sql(left), spark.sql(right)
    return a.unionByName(b) if by_name else a.union(b)


@case
def s4_union_struct_names(spark, F, T, tmp):
    return _union_sql(spark, "select named_struct('x', 1, 'y', 'a') s",
                      "select named_struct('p', 2, 'q', 'b') s")


@case
def s4_union_by_name_struct_names(spark, F, T, tmp):
    return _union_sql(spark, "select named_struct('x', 1, 'y', 'a') s",
                      "select named_struct('p', 2, 'q', 'b') s", by_name=True)


@case
def s4_union_struct_types(spark, F, T, tmp):
    return _union_sql(spark, "select named_struct('x', 1, 'y', 'a') s",
                      "select named_struct('x', 2L, 'y', 'b') s")


@case
def s4_union_struct_count(spark, F, T, tmp):
    return _union_sql(spark, "select named_struct('x', 1, 'y', 'a') s",
                      "select named_struct('x', 2) s")


@case
def s4_union_array_struct_names(spark, F, T, tmp):
    return _union_sql(spark, "select array(named_struct('x', 1)) s",
                      "select array(named_struct('p', 2)) s")


@case
def s4_union_by_name_struct_reordered(spark, F, T, tmp):
    return _union_sql(spark, "select named_struct('x', 1, 'y', 'a') s",
                      "select named_struct('y', 'b', 'x', 2) s", by_name=True)


@case
def s4_select_upper_name(spark, F, T, tmp):
    return _df4(spark).select("ID")


@case
def s4_select_upper_col(spark, F, T, tmp):
    return _df4(spark).select(F.col("ID"), F.col("V").alias("w"))


@case
def s4_select_upper_expr(spark, F, T, tmp):
    return _df4(spark).selectExpr("ID + 1", "V")


@case
def s4_select_upper_attr(spark, F, T, tmp):
    df = _df4(spark)
    return df.select(df.ID, df["V"])


@case
def s4_groupby_upper(spark, F, T, tmp):
    return _df4(spark).groupBy("V").agg(F.sum("ID"))


@case
def s4_with_column_upper_replace(spark, F, T, tmp):
    return _df4(spark).withColumn("ID", F.lit(5))


@case
def s4_with_column_renamed_upper(spark, F, T, tmp):
    return _df4(spark).withColumnRenamed("ID", "x")


@case
def s4_drop_upper(spark, F, T, tmp):
    return _df4(spark).drop("ID")


@case
def s4_ddl_backtick_dot(spark, F, T, tmp):
    return spark.createDataFrame([(1, 2)], "`a.b` int, c int")


@case
def s4_ddl_backtick_dot_select(spark, F, T, tmp):
    return spark.createDataFrame([(1, 2)], "`a.b` int, c int").select("`a.b`")


@case
def s4_ddl_backtick_space(spark, F, T, tmp):
    return spark.createDataFrame([(1,)], "`my col` int")


@case
def s4_ddl_struct_backtick(spark, F, T, tmp):
    return spark.createDataFrame([((1,),)], "s struct<`x.y`: int>")


@case
def s4_ddl_backtick_escaped(spark, F, T, tmp):
    return spark.createDataFrame([(1,)], "`a``b` int")


@case
def s4_lit_list_mixed(spark, F, T, tmp):
    return spark.range(1).select(F.lit([1, 2.5]))


@case
def s4_lit_list_empty(spark, F, T, tmp):
    return spark.range(1).select(F.lit([]))


@case
def s4_lit_list_mixed_str(spark, F, T, tmp):
    return spark.range(1).select(F.lit([1, "a"]))


@case
def s4_lit_dict(spark, F, T, tmp):
    return spark.range(1).select(F.lit({"a": 1}))


@case
def s4_lit_tuple(spark, F, T, tmp):
    return spark.range(1).select(F.lit((1, "a")))


@case
def s4_lit_nested_list(spark, F, T, tmp):
    return spark.range(1).select(F.lit([[1], [2, 3]]))


@case
def s4_lit_list_bool_int(spark, F, T, tmp):
    return spark.range(1).select(F.lit([True, 1]))


@case
def s4_win_in_agg(spark, F, T, tmp):
    W = _window(spark)
    return _df4(spark).groupBy("v").agg(F.sum("id").over(W.orderBy("id")))


@case
def s4_win_in_agg2(spark, F, T, tmp):
    W = _window(spark)
    return _df4(spark).groupBy("v").agg(F.row_number().over(W.orderBy("v")))


@case
def s4_win_of_agg_in_select(spark, F, T, tmp):
    W = _window(spark)
    return _df4(spark).groupBy("v").agg(F.sum("id").alias("s")).select("v", F.sum("s").over(W.orderBy("v")))


@case
def s4_show_neg(spark, F, T, tmp):
    return _show(_df4(spark), -1)


@case
def s4_show_trunc_0(spark, F, T, tmp):
    return _show(spark.createDataFrame([("a" * 30,)], "a string"), truncate=0)


@case
def s4_show_trunc_1(spark, F, T, tmp):
    return _show(spark.createDataFrame([("abcdef",)], "a string"), truncate=1)


@case
def s4_show_trunc_3(spark, F, T, tmp):
    return _show(spark.createDataFrame([("abcdef",)], "a string"), truncate=3)


@case
def s4_show_trunc_neg(spark, F, T, tmp):
    return _show(spark.createDataFrame([("abcdef",)], "a string"), truncate=-1)


@case
def s4_show_trunc_str(spark, F, T, tmp):
    return _show(spark.createDataFrame([("abcdef",)], "a string"), truncate="x")


@case
def s4_show_n_str(spark, F, T, tmp):
    return _show(_df4(spark), "2")


@case
def s4_show_n_bool(spark, F, T, tmp):
    return _show(_df4(spark), True)


@case
def s4_show_n_float(spark, F, T, tmp):
    return _show(_df4(spark), 1.5)


@case
def s4_show_vertical_neg(spark, F, T, tmp):
    return _show(_df4(spark), -1, vertical=True)


@case
def s4_show_vertical_trunc(spark, F, T, tmp):
    return _show(spark.createDataFrame([("abcdef",)], "a string"), truncate=3, vertical=True)


@case
def s4_show_vertical_empty(spark, F, T, tmp):
    return _show(spark.createDataFrame([], "a string"), vertical=True)


@case
def s4_topandas_empty(spark, F, T, tmp):
    p = spark.createDataFrame([], "a int, b string, c double, d date, e boolean, f bigint").toPandas()
    return [str(x) for x in p.dtypes]


@case
def s4_topandas_nulls(spark, F, T, tmp):
    p = spark.createDataFrame([(None, None, None, None, None)], "a int, b string, c double, d date, e boolean").toPandas()
    return [str(x) for x in p.dtypes]


@case
def s4_topandas_values(spark, F, T, tmp):
    p = spark.createDataFrame([(1, "x", 1.5, True, 2)], "a int, b string, c double, e boolean, f tinyint").toPandas()
    return [str(x) for x in p.dtypes]


@case
def s4_map_filter_then(spark, F, T, tmp):
    df = spark.createDataFrame([(i, {"a": i, "b": i + 1}) for i in range(6)], "i int, m map<string,int>")
    return df.filter("i > 2").select("i", F.map_keys("m"), F.map_values("m"), F.map_entries("m"), F.m["a"] if False else F.col("m")["a"], F.map_contains_key("m", "a"))


@case
def s4_map_concat_sliced(spark, F, T, tmp):
    df = spark.createDataFrame([(i, {"a": i}, {"b": i}) for i in range(6)], "i int, m map<string,int>, n map<string,int>")
    return df.filter("i > 2").select("i", F.map_concat("m", "n"), F.map_filter("m", lambda k, v: v > 3), F.transform_keys("m", lambda k, v: F.upper(k)), F.transform_values("n", lambda k, v: v * 2))


@case
def s4_map_explode_sliced(spark, F, T, tmp):
    df = spark.createDataFrame([(i, {"a": i, "b": -i}) for i in range(6)], "i int, m map<string,int>")
    return df.filter("i > 2").select("i", F.explode("m"))


@case
def s4_map_from_entries_sliced(spark, F, T, tmp):
    df = spark.createDataFrame([(i, {"a": i, "b": -i}) for i in range(6)], "i int, m map<string,int>")
    return df.filter("i > 2").select("i", F.map_from_entries(F.map_entries("m")), F.map_zip_with("m", "m", lambda k, a, b: a + b))


@case
def s4_map_explode_outer_empty(spark, F, T, tmp):
    df = spark.createDataFrame([(1, {"a": 1}), (2, {}), (3, None), (4, {"b": 2, "c": 3})], "i int, m map<string,int>")
    return df.select("i", F.explode_outer("m"))


@case
def s4_map_posexplode_outer_empty(spark, F, T, tmp):
    df = spark.createDataFrame([(1, {"a": 1}), (2, {}), (3, None), (4, {"b": 2, "c": 3})], "i int, m map<string,int>")
    return df.select("i", F.posexplode_outer("m"))


@case
def s4_map_explode_sliced_filter(spark, F, T, tmp):
    df = spark.createDataFrame([(i, {"a": i, "b": -i} if i % 3 else None) for i in range(9)], "i int, m map<string,int>")
    return df.filter("i > 3").select("i", F.explode_outer("m"), F.size("m"), F.map_keys("m"))


@case
def s4_explode_outer_null_array(spark, F, T, tmp):
    df = spark.createDataFrame([(1, [1, None]), (2, []), (3, None)], "i int, a array<int>")
    return df.select("i", F.explode_outer("a"), F.posexplode_outer("a"))


@case
def s4_explode_non_array(spark, F, T, tmp):
    return _df4(spark).select(F.explode("v"))


@case
def s4_explode_in_groupby(spark, F, T, tmp):
    df = spark.createDataFrame([(1, [1, 2])], "i int, a array<int>")
    return df.groupBy(F.explode("a")).count()


@case
def s4_explode_nested_in_expr(spark, F, T, tmp):
    df = spark.createDataFrame([(1, [1, 2])], "i int, a array<int>")
    return df.select(F.explode("a") + 1)


@case
def s4_join_dup_names_all(spark, F, T, tmp):
    a = _df4(spark)
    b = _kv4(spark).withColumnRenamed("k", "id")
    return a.join(b, a.id == b.id)


@case
def s4_join_using_missing(spark, F, T, tmp):
    return _df4(spark).join(_kv4(spark), "nope")


@case
def s4_join_semi_select_right(spark, F, T, tmp):
    a = _df4(spark)
    b = _kv4(spark)
    return a.join(b, a.id == b.k, "left_semi").select(b.v)


@case
def s4_join_on_int(spark, F, T, tmp):
    return _df4(spark).join(_kv4(spark), 5)


@case
def s4_wcs_not_dict(spark, F, T, tmp):
    return _df4(spark).withColumns([("x", F.lit(1))])


@case
def s4_wcr_to_existing(spark, F, T, tmp):
    return _df4(spark).withColumnRenamed("id", "v")


@case
def s4_drop_column_obj_missing(spark, F, T, tmp):
    return _df4(spark).drop(F.col("nope"))


@case
def s4_drop_after_join_dup(spark, F, T, tmp):
    a = _df4(spark)
    b = _kv4(spark).withColumnRenamed("k", "id")
    return a.join(b, a.id == b.id).drop("id")


@case
def s4_drop_int(spark, F, T, tmp):
    return _df4(spark).drop(1)


@case
def s4_na_fill_none(spark, F, T, tmp):
    return _df4(spark).na.fill(None)


@case
def s4_na_fill_dict_bool_on_int(spark, F, T, tmp):
    return _df4(spark).na.fill({"id": True})


@case
def s4_na_fill_big_int_on_int(spark, F, T, tmp):
    return _df4(spark).na.fill(2**40)


@case
def s4_na_replace_int_to_str(spark, F, T, tmp):
    return _df4(spark).na.replace(1, "x")


@case
def s4_na_replace_float_on_int(spark, F, T, tmp):
    return _df4(spark).na.replace(1.0, 7)


@case
def s4_summary_bad_stat(spark, F, T, tmp):
    return _df4(spark).summary("nope")


@case
def s4_summary_bad_percent(spark, F, T, tmp):
    return _df4(spark).summary("150%")


@case
def s4_sample_with_replacement_neg(spark, F, T, tmp):
    return _df4(spark).sample(True, -1.0)


@case
def s4_sample_bool_only(spark, F, T, tmp):
    return _df4(spark).sample(True)


@case
def s4_random_split_not_list(spark, F, T, tmp):
    return [x.count() for x in _df4(spark).randomSplit(0.5)]


@case
def s4_random_split_seed_str(spark, F, T, tmp):
    return [x.count() for x in _df4(spark).randomSplit([0.5, 0.5], "x")]


@case
def s4_ubn_case_diff(spark, F, T, tmp):
    a = _kv4(spark)
    b = _kv4(spark).select(F.col("K"), F.col("V"))
    return a.unionByName(b)


@case
def s4_union_type_str_int(spark, F, T, tmp):
    a = spark.createDataFrame([(1,)], "x int")
    b = spark.createDataFrame([("2",)], "x string")
    return a.union(b)


@case
def s4_union_not_df(spark, F, T, tmp):
    return _df4(spark).union([1, 2])


@case
def s4_pivot_missing_col(spark, F, T, tmp):
    return _df4(spark).groupBy("v").pivot("nope").count()


@case
def s4_pivot_twice(spark, F, T, tmp):
    df = spark.createDataFrame([("a", "p", 1)], "k string, p string, v int")
    return df.groupBy("k").pivot("p").pivot("k").sum("v")


@case
def s4_write_mode_append_schema_change(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.range(2).write.parquet(d)
    spark.createDataFrame([("x",)], "id string").write.mode("append").parquet(d)
    return spark.read.parquet(d)


@case
def s4_write_mode_none(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.range(2).write.mode(None).parquet(d)
    return spark.read.parquet(d)


@case
def s4_write_json_nested_read(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.sql("select array(1,2) a, named_struct('x', 1) s, map('k', 1) m").write.json(d)
    return spark.read.json(d)


@case
def s4_write_text_multi_col(spark, F, T, tmp):
    _df4(spark).write.text(os.path.join(tmp, "w"))


@case
def s4_write_text_int_col(spark, F, T, tmp):
    _df4(spark).select("id").write.text(os.path.join(tmp, "w"))


@case
def s4_write_csv_array(spark, F, T, tmp):
    spark.sql("select array(1,2) a").write.csv(os.path.join(tmp, "w"))


@case
def s4_write_parquet_dup_cols(spark, F, T, tmp):
    _df4(spark).select("id", F.col("v").alias("id")).write.parquet(os.path.join(tmp, "w"))


@case
def s4_read_corrupt_parquet(spark, F, T, tmp):
    return spark.read.parquet(write_file(tmp, "x.parquet", "junk"))


@case
def s4_read_json_missing(spark, F, T, tmp):
    return spark.read.json(os.path.join(tmp, "none.json"))


@case
def s4_read_text_missing(spark, F, T, tmp):
    return spark.read.text(os.path.join(tmp, "none.txt"))


@case
def s4_read_load_no_path(spark, F, T, tmp):
    return spark.read.format("parquet").load()


@case
def s4_read_csv_binary_junk(spark, F, T, tmp):
    return spark.read.csv(write_file(tmp, "b.csv", b"\x00\x01\xff,\xfe\n", "wb"))


@case
def s4_read_csv_schema_bad_ddl(spark, F, T, tmp):
    return spark.read.csv(write_file(tmp, "a.csv", "1\n"), schema="a foo")


@case
def s4_row_missing_attr(spark, F, T, tmp):
    Row = _row_class(spark)
    return Row(a=1).b


@case
def s4_row_missing_key(spark, F, T, tmp):
    Row = _row_class(spark)
    return Row(a=1)["b"]


@case
def s4_row_class_too_many(spark, F, T, tmp):
    Row = _row_class(spark)
    P = Row("x")
    return P(1, 2)


@case
def s4_nested_missing_field(spark, F, T, tmp):
    df = spark.sql("select named_struct('x', 1) s")
    return df.select("s.nope")


@case
def s4_nested_drop_all_fields(spark, F, T, tmp):
    df = spark.sql("select named_struct('x', 1) s")
    return df.select(F.col("s").dropFields("x"))


@case
def s4_nested_get_item_array_struct(spark, F, T, tmp):
    df = spark.sql("select array(named_struct('x', 1), named_struct('x', 2)) a")
    return df.select(F.col("a.x"), F.col("a")[0]["x"])


@case
def s4_nested_star_non_struct(spark, F, T, tmp):
    return _df4(spark).select("v.*")


@case
def s4_groupby_missing(spark, F, T, tmp):
    return _df4(spark).groupBy("nope").count()


@case
def s4_groupby_mean_string(spark, F, T, tmp):
    return _df4(spark).groupBy("v").mean("v")


@case
def s4_groupby_sum_missing(spark, F, T, tmp):
    return _df4(spark).groupBy("v").sum("nope")


@case
def s4_agg_nonagg_expr(spark, F, T, tmp):
    return _df4(spark).groupBy("v").agg(F.col("id"))


@case
def s4_agg_alias_dup(spark, F, T, tmp):
    return _df4(spark).groupBy("v").agg(F.sum("id").alias("x"), F.max("id").alias("x"))


@case
def s4_select_dup_names_then_ref(spark, F, T, tmp):
    return _df4(spark).select("id", F.col("v").alias("id")).select("id")


@case
def s4_select_int_arg(spark, F, T, tmp):
    return _df4(spark).select(1)


@case
def s4_select_none(spark, F, T, tmp):
    return _df4(spark).select(None)


@case
def s4_getitem_bad_int(spark, F, T, tmp):
    df = _df4(spark)
    return df.select(df[7])


@case
def s4_where_string_bad(spark, F, T, tmp):
    return _df4(spark).where("id >")


@case
def s4_where_int(spark, F, T, tmp):
    return _df4(spark).where(1)


@case
def s4_sort_mixed_asc(spark, F, T, tmp):
    return _df4(spark).sort(F.col("id").desc(), "v", ascending=True).collect()


@case
def s4_sort_ascending_bad(spark, F, T, tmp):
    return _df4(spark).sort("id", ascending="yes").collect()


@case
def s4_distinct_map_col(spark, F, T, tmp):
    return spark.sql("select map('a', 1) m").distinct()


@case
def s4_dropdup_missing(spark, F, T, tmp):
    return _df4(spark).dropDuplicates(["nope"])


@case
def s4_freq_items_bad(spark, F, T, tmp):
    return _df4(spark).freqItems(["id"], support=2.0)


@case
def s4_approx_quantile_bad(spark, F, T, tmp):
    return _df4(spark).approxQuantile("id", [0.5, 1.5], 0.1)


@case
def s4_corr_string(spark, F, T, tmp):
    return _df4(spark).corr("id", "v")


@case
def s4_topandas_empty_strings(spark, F, T, tmp):
    p = spark.createDataFrame([("a", None)], "a string, b string").toPandas()
    return [str(x) for x in p.dtypes] + [repr(x) for x in p["b"].tolist()]


@case
def s4_to_df_dup_names(spark, F, T, tmp):
    return _df4(spark).toDF("a", "a", "b").select("b")


@case
def s4_isin_mixed(spark, F, T, tmp):
    return _df4(spark).filter(F.col("id").isin(1, "2"))


@case
def s4_isin_empty(spark, F, T, tmp):
    return _df4(spark).filter(F.col("id").isin())


@case
def s4_col_bool_op_python(spark, F, T, tmp):
    return _df4(spark).filter((F.col("id") > 1) and (F.col("id") < 3))


@case
def s4_col_in_python(spark, F, T, tmp):
    return 1 in F.col("id")


@case
def s4_col_iter(spark, F, T, tmp):
    return list(F.col("id"))


# ------------------------------------------------------------------ fifth session (c15api4)
@case
def s5_json_date_like_strings(spark, F, T, tmp):
    df = spark.read.json(write_file(tmp, "a.json", '{"d": "2020-01-02", "t": "2020-01-02T10:00:00",'
                                ' "u": "2020-01-02 10:00:00"}\n{"d": "x"}\n'))
    return df.select(F.lit(df.schema.simpleString()).alias("schema"), "*")


@case
def s5_json_date_like_strings_schema(spark, F, T, tmp):
    return spark.read.json(write_file(tmp, "a.json", '{"d": "2020-01-02", "n": 1}\n'),
                           schema="d string, n bigint")


@case
def s5_json_nested_nulls_are_strings(spark, F, T, tmp):
    df = spark.read.json(write_file(tmp, "a.json", '{"a": {"x": null, "y": 1}, "l": [null], '
                                '"e": [], "n": null}\n'))
    return df.select(F.lit(df.schema.simpleString()).alias("schema"), "*")


@case
def s5_json_nested_date_string(spark, F, T, tmp):
    df = spark.read.json(write_file(tmp, "a.json", '{"s": {"d": "2020-01-02"}, "l": ["2020-01-02"]}\n'))
    return df.select(F.lit(df.schema.simpleString()).alias("schema"), "*")


_MULTILINE_BROKEN = '{"a": 1,\n "b": \n'


@case
def s5_json_multiline_malformed_schema(spark, F, T, tmp):
    df = spark.read.option("multiLine", True).json(write_file(tmp, "a.json", _MULTILINE_BROKEN))
    return [df.schema.simpleString()]


@case
def s5_json_multiline_malformed_with_schema(spark, F, T, tmp):
    return spark.read.option("multiLine", True).schema("a int, _corrupt_record string").json(
        write_file(tmp, "a.json", _MULTILINE_BROKEN))


@case
def s5_json_multiline_malformed_failfast(spark, F, T, tmp):
    return spark.read.option("multiLine", True).option("mode", "FAILFAST").json(
        write_file(tmp, "a.json", _MULTILINE_BROKEN))


@case
def s5_json_multiline_malformed_dropmalformed(spark, F, T, tmp):
    return spark.read.option("multiLine", True).option("mode", "DROPMALFORMED").json(
        write_file(tmp, "a.json", _MULTILINE_BROKEN))


@case
def s5_json_multiline_date_string(spark, F, T, tmp):
    df = spark.read.option("multiLine", True).json(
        write_file(tmp, "a.json", '[{"d": "2020-01-02", "n": null},\n {"d": "x", "n": null}]\n'))
    return df.select(F.lit(df.schema.simpleString()).alias("schema"), "*")


def _ab(spark):
    return spark.createDataFrame([(1, 2), (3, 0), (5, 7)], "a int, b int")


@case
def s5_filter_on_column_dropped_by_select(spark, F, T, tmp):
    df = _ab(spark)
    return df.select("a").filter(df.b > 1)


@case
def s5_orderby_column_dropped_by_select(spark, F, T, tmp):
    df = _ab(spark)
    return [tuple(r) for r in df.select("a").orderBy(df.b.desc()).collect()]


@case
def s5_filter_dropped_through_two_selects(spark, F, T, tmp):
    df = _ab(spark)
    return df.select("a", "b").select((F.col("a") + 1).alias("x")).where(df.b > 1)


@case
def s5_select_of_column_dropped_by_select(spark, F, T, tmp):
    df = _ab(spark)
    return df.select("a").select(df.b)


@case
def s5_filter_on_column_hidden_by_groupby(spark, F, T, tmp):
    df = _ab(spark)
    return df.groupBy("a").count().filter(df.b > 1)
