"""Writers: modes, partitionBy, csv/json/parquet/text options, file counts, round trips"""
from common import *  # noqa


def small(s):
    return s.createDataFrame([(1, "a", 1.5), (2, "b", None), (3, None, 3.0)], "id int, s string, d double")


# =============================================================== save modes
@case
def w_mode_default_exists(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.parquet(d)
    small(s).write.parquet(d)
    return "no error"


@case
def w_mode_error_alias(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.parquet(d)
    small(s).write.mode("error").parquet(d)
    return "no error"


@case
def w_mode_errorifexists(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.csv(d)
    small(s).write.mode("errorifexists").csv(d)
    return "no error"


@case
def w_mode_error_on_empty_existing_dir(s, F, T):
    d = tmp()  # exists, empty
    small(s).write.parquet(d)
    return s.read.parquet(d).count()


@case
def w_mode_overwrite(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.parquet(d)
    s.createDataFrame([(9, "z", 0.0)], "id int, s string, d double").write.mode("overwrite").parquet(d)
    return s.read.parquet(d)


@case
def w_mode_overwrite_changes_schema(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.parquet(d)
    s.createDataFrame([("q",)], "other string").write.mode("overwrite").parquet(d)
    return s.read.parquet(d)


@case
def w_mode_append(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.parquet(d)
    small(s).write.mode("append").parquet(d)
    return s.read.parquet(d).count()


@case
def w_mode_append_new_dir(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.mode("append").json(d)
    return s.read.json(d).count()


@case
def w_mode_append_different_schema(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a")], "id int, s string").write.parquet(d)
    s.createDataFrame([(2, 2.5)], "id int, x double").write.mode("append").parquet(d)
    # which file's schema wins is arbitrary (random file names) in both engines: compare the count only
    return s.read.parquet(d).count()


@case
def w_mode_ignore(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.parquet(d)
    s.createDataFrame([(9, "z", 0.0)], "id int, s string, d double").write.mode("ignore").parquet(d)
    return s.read.parquet(d)


@case
def w_mode_ignore_new(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.mode("ignore").parquet(d)
    return s.read.parquet(d).count()


@case
def w_mode_bad_name(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.mode("replace").parquet(d)
    return "no error"


@case
def w_mode_case_insensitive(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.parquet(d)
    small(s).write.mode("OVERWRITE").parquet(d)
    return s.read.parquet(d).count()


@case
def w_mode_kwarg(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.parquet(d)
    small(s).write.parquet(d, mode="append")
    return s.read.parquet(d).count()


@case
def w_save_format(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.format("json").mode("overwrite").save(d)
    return s.read.json(d)


@case
def w_save_default_format(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.save(d)
    return s.read.parquet(d)


@case
def w_overwrite_reading_same_path(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.parquet(d)
    df = s.read.parquet(d).filter("id > 1")
    df.write.mode("overwrite").parquet(d)
    return s.read.parquet(d)


@case
def w_success_marker(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.parquet(d)
    return os.path.exists(os.path.join(d, "_SUCCESS"))


# =============================================================== partitionBy
@case
def wp_partition_dirs(s, F, T):
    d = os.path.join(tmp(), "o")
    people(s).write.partitionBy("city").parquet(d)
    return subdirs(d)


@case
def wp_partition_readback(s, F, T):
    d = os.path.join(tmp(), "o")
    people(s).write.partitionBy("city").parquet(d)
    return s.read.parquet(d)


@case
def wp_partition_null_value_dir(s, F, T):
    d = os.path.join(tmp(), "o")
    people(s).write.partitionBy("city").parquet(d)
    return [x for x in subdirs(d) if "DEFAULT" in x]


@case
def wp_partition_null_readback_filter(s, F, T):
    d = os.path.join(tmp(), "o")
    people(s).write.partitionBy("city").parquet(d)
    return s.read.parquet(d).filter(F.col("city").isNull()).select("name")


@case
def wp_partition_two_cols(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, 2024, 1), (2, 2024, 2), (3, 2023, 12)], "v int, y int, m int")
    df.write.partitionBy("y", "m").parquet(d)
    return [subdirs(d), s.read.parquet(d).orderBy("v").collect()]


@case
def wp_partition_special_chars(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, "a/b"), (2, "c d"), (3, "e=f"), (4, "g%h"), (5, "ü")], "v int, k string")
    df.write.partitionBy("k").parquet(d)
    return s.read.parquet(d)


@case
def wp_partition_special_chars_dirs(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, "a/b"), (2, "c d"), (3, "e=f"), (4, "g:h")], "v int, k string")
    df.write.partitionBy("k").parquet(d)
    return subdirs(d)


@case
def wp_partition_empty_string(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, ""), (2, "x")], "v int, k string")
    df.write.partitionBy("k").parquet(d)
    return s.read.parquet(d)


@case
def wp_partition_date_col(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, date(2024, 1, 1)), (2, date(2024, 1, 2))], "v int, dt date")
    df.write.partitionBy("dt").parquet(d)
    return [subdirs(d), s.read.parquet(d).dtypes]


@case
def wp_partition_timestamp_col(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, dt(2024, 1, 1, 10, 30))], "v int, t timestamp")
    df.write.partitionBy("t").parquet(d)
    return [subdirs(d), s.read.parquet(d).collect()]


@case
def wp_partition_bool_col(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, True), (2, False)], "v int, b boolean")
    df.write.partitionBy("b").parquet(d)
    return s.read.parquet(d).dtypes


@case
def wp_partition_double_col(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, 1.5), (2, 2.0)], "v int, x double")
    df.write.partitionBy("x").parquet(d)
    return [subdirs(d), s.read.parquet(d).orderBy("v").collect()]


@case
def wp_partition_all_columns(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a")], "v int, k string").write.partitionBy("v", "k").parquet(d)
    return "no error"


@case
def wp_partition_missing_column(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.partitionBy("nope").parquet(d)
    return "no error"


@case
def wp_partition_csv(s, F, T):
    d = os.path.join(tmp(), "o")
    people(s).select("id", "name", "city").write.partitionBy("city").csv(d, header=True)
    return s.read.csv(d, header=True, inferSchema=True)


@case
def wp_partition_json(s, F, T):
    d = os.path.join(tmp(), "o")
    people(s).select("id", "city").write.partitionBy("city").json(d)
    return s.read.json(d)


@case
def wp_partition_overwrite_static(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, "a"), (2, "b")], "v int, k string")
    df.write.partitionBy("k").parquet(d)
    s.createDataFrame([(3, "a")], "v int, k string").write.mode("overwrite").partitionBy("k").parquet(d)
    return s.read.parquet(d)


@case
def wp_partition_overwrite_dynamic(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, "a"), (2, "b")], "v int, k string")
    df.write.partitionBy("k").parquet(d)
    s.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    try:
        s.createDataFrame([(3, "a")], "v int, k string").write.mode("overwrite").partitionBy("k").parquet(d)
    finally:
        s.conf.unset("spark.sql.sources.partitionOverwriteMode")
    return s.read.parquet(d)


@case
def wp_partition_overwrite_dynamic_option(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, "a"), (2, "b")], "v int, k string")
    df.write.partitionBy("k").parquet(d)
    (s.createDataFrame([(3, "a")], "v int, k string").write.mode("overwrite")
     .option("partitionOverwriteMode", "dynamic").partitionBy("k").parquet(d))
    return s.read.parquet(d)


@case
def wp_partition_append(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a")], "v int, k string").write.partitionBy("k").parquet(d)
    s.createDataFrame([(2, "b"), (3, "a")], "v int, k string").write.mode("append").partitionBy("k").parquet(d)
    return s.read.parquet(d)


@case
def wp_partition_kwarg(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a"), (2, "b")], "v int, k string").write.parquet(d, partitionBy="k")
    return subdirs(d)


@case
def wp_partition_list_arg(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a", 1)], "v int, k string, j int").write.partitionBy(["k", "j"]).parquet(d)
    return subdirs(d)


@case
def wp_partition_files_per_dir(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(i, i % 2) for i in range(10)], "v int, k int").coalesce(1).write.partitionBy("k").parquet(d)
    return [nfiles(os.path.join(d, x)) for x in subdirs(d)]


@case
def wp_bucket_by_non_table(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.bucketBy(2, "id").parquet(d)
    return "no error"


@case
def wp_sort_by_without_bucket(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.sortBy("id").parquet(d)
    return "no error"


# =============================================================== csv write
@case
def wc_header_roundtrip(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).coalesce(1).write.csv(d, header=True)
    return read_text_files(d)


@case
def wc_no_header_default(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).coalesce(1).write.csv(d)
    return read_text_files(d)


@case
def wc_sep(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).coalesce(1).write.csv(d, sep="|", header=True)
    return read_text_files(d)


@case
def wc_null_value(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).coalesce(1).write.csv(d, nullValue="NULL")
    return read_text_files(d)


@case
def wc_empty_string_vs_null(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, ""), (2, None)], "id int, s string").coalesce(1).write.csv(d)
    return read_text_files(d)


@case
def wc_empty_string_roundtrip(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, ""), (2, None)], "id int, s string").write.csv(d)
    return s.read.csv(d, schema="id int, s string")


@case
def wc_quote_needed(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, 'a,b'), (2, 'say "hi"'), (3, "line\nbreak")], "id int, s string").coalesce(1).write.csv(d)
    return open(os.path.join(d, data_files(d)[0])).read()


@case
def wc_quote_all(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a")], "id int, s string").coalesce(1).write.csv(d, quoteAll=True)
    return read_text_files(d)


@case
def wc_custom_quote_char(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a,b")], "id int, s string").coalesce(1).write.csv(d, quote="'")
    return read_text_files(d)


@case
def wc_escape_quotes_false(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, 'x"y')], "id int, s string").coalesce(1).write.csv(d, escapeQuotes=False)
    return read_text_files(d)


@case
def wc_compression_gzip(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).coalesce(1).write.csv(d, compression="gzip", header=True)
    return [exts(d), s.read.csv(d, header=True).count()]


@case
def wc_compression_bad_codec(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.csv(d, compression="zzz")
    return "no error"


@case
def wc_date_format_write(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(date(2024, 3, 5), dt(2024, 3, 5, 7, 8, 9))], "d date, t timestamp")
    df.coalesce(1).write.csv(d, dateFormat="dd/MM/yyyy", timestampFormat="yyyy-MM-dd HH:mm")
    return read_text_files(d)


@case
def wc_default_timestamp_text(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(date(2024, 3, 5), dt(2024, 3, 5, 7, 8, 9, 120000))], "d date, t timestamp")
    df.coalesce(1).write.csv(d)
    return read_text_files(d)


@case
def wc_double_format(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1.0, 1e20, 0.1, float("nan"), float("inf"))], "a double, b double, c double, e double, f double")
    df.coalesce(1).write.csv(d)
    return read_text_files(d)


@case
def wc_boolean_decimal_text(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(True, D("1.50"))], "b boolean, x decimal(5,2)")
    df.coalesce(1).write.csv(d)
    return read_text_files(d)


@case
def wc_array_column_error(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, [1, 2])], "id int, a array<int>").write.csv(d)
    return "no error"


@case
def wc_struct_column_error(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, (1, "x"))], "id int, st struct<a:int,b:string>").write.csv(d)
    return "no error"


@case
def wc_map_column_error(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, {"a": 1})], "id int, m map<string,int>").write.csv(d)
    return "no error"


@case
def wc_binary_column_csv(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, bytearray(b"ab"))], "id int, b binary").write.csv(d)
    return "no error"


@case
def wc_header_with_empty_df(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([], "id int, s string").write.csv(d, header=True)
    return [nfiles(d), read_text_files(d)]


@case
def wc_empty_df_readback(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([], "id int, s string").write.csv(d, header=True)
    return s.read.csv(d, header=True).columns


@case
def wc_line_sep(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1,), (2,)], "id int").coalesce(1).write.csv(d, lineSep=";")
    return open(os.path.join(d, data_files(d)[0])).read()


@case
def wc_leading_ws_default(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(" a ",)], "s string").coalesce(1).write.csv(d)
    return open(os.path.join(d, data_files(d)[0])).read()


@case
def wc_header_special_names(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, 2)], "`a,b` int, `c d` int").coalesce(1).write.csv(d, header=True)
    return read_text_files(d)


@case
def wc_options_method(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).coalesce(1).write.options(header="true", sep="\t").format("csv").save(d)
    return read_text_files(d)


@case
def wc_encoding_latin1(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([("café",)], "s string").coalesce(1).write.csv(d, encoding="ISO-8859-1")
    return open(os.path.join(d, data_files(d)[0]), "rb").read().hex()


# =============================================================== json write
@case
def wj_lines(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).coalesce(1).write.json(d)
    return read_text_files(d)


@case
def wj_ignore_null_fields_false(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).coalesce(1).write.json(d, ignoreNullFields=False)
    return read_text_files(d)


@case
def wj_nested(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, [1, 2], {"a": 1}, (1, "x"))], "id int, a array<int>, m map<string,int>, st struct<p:int,q:string>")
    df.coalesce(1).write.json(d)
    return read_text_files(d)


@case
def wj_dates_timestamps_text(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(date(2024, 3, 5), dt(2024, 3, 5, 7, 8, 9, 500000))], "d date, t timestamp")
    df.coalesce(1).write.json(d)
    return read_text_files(d)


@case
def wj_timestamp_format(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(dt(2024, 3, 5, 7, 8, 9),)], "t timestamp")
    df.coalesce(1).write.json(d, timestampFormat="yyyy/MM/dd HH:mm")
    return read_text_files(d)


@case
def wj_decimal_double_text(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(D("1.50"), 1.0, 1e-7, float("nan"))], "x decimal(5,2), y double, z double, w double")
    df.coalesce(1).write.json(d)
    return read_text_files(d)


@case
def wj_binary_text(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(bytearray(b"hi"),)], "b binary").coalesce(1).write.json(d)
    return read_text_files(d)


@case
def wj_unicode_text(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([("é\"\\\n",)], "s string").coalesce(1).write.json(d)
    return read_text_files(d)


@case
def wj_compression(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).coalesce(1).write.json(d, compression="gzip")
    return [exts(d), s.read.json(d).count()]


@case
def wj_empty_df(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([], "id int").write.json(d)
    return nfiles(d)


# =============================================================== text write
@case
def wt_text_string_column(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([("a",), ("b",), (None,)], "v string").coalesce(1).write.text(d)
    return open(os.path.join(d, data_files(d)[0])).read()


@case
def wt_text_int_column_error(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1,)], "v int").write.text(d)
    return "no error"


@case
def wt_text_two_columns_error(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([("a", "b")], "v string, w string").write.text(d)
    return "no error"


@case
def wt_text_partitioned(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([("a", "k1"), ("b", "k2")], "v string, k string").write.partitionBy("k").text(d)
    return s.read.text(d)


@case
def wt_text_compression(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([("a",)], "v string").coalesce(1).write.text(d, compression="gzip")
    return [exts(d), s.read.text(d).collect()]


@case
def wt_text_line_sep(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([("a",), ("b",)], "v string").coalesce(1).write.text(d, lineSep="|")
    return open(os.path.join(d, data_files(d)[0])).read()


# =============================================================== file counts
@case
def wf_coalesce1_one_file(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(100).repartition(4).coalesce(1).write.parquet(d)
    return nfiles(d)


@case
def wf_repartition3_files(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(100).repartition(3).write.parquet(d)
    return nfiles(d)


@case
def wf_repartition_col_files(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(100).withColumn("k", F.col("id") % 2).repartition(5, "k").write.parquet(d)
    return [nfiles(d) <= 5, s.read.parquet(d).count()]


@case
def wf_max_records_per_file(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(10).coalesce(1).write.option("maxRecordsPerFile", 3).parquet(d)
    return nfiles(d)


@case
def wf_parquet_extension(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(3).coalesce(1).write.parquet(d)
    return [exts(d), pq_codec(d)]


@case
def wf_parquet_compression_none(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(3).coalesce(1).write.option("compression", "none").parquet(d)
    return [exts(d), pq_codec(d)]


@case
def wf_parquet_compression_gzip(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(3).coalesce(1).write.parquet(d, compression="gzip")
    return [exts(d), pq_codec(d), s.read.parquet(d).count()]


@case
def wf_json_extension(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(3).coalesce(1).write.json(d)
    return exts(d)


@case
def wf_csv_extension(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(3).coalesce(1).write.csv(d)
    return exts(d)


@case
def wf_text_extension(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(3).selectExpr("cast(id as string) v").coalesce(1).write.text(d)
    return exts(d)


@case
def wf_empty_parquet_readable(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([], "a int, b string").write.parquet(d)
    return s.read.parquet(d).dtypes


@case
def wf_empty_after_filter_parquet(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(10).filter("id > 100").write.parquet(d)
    df = s.read.parquet(d)
    return [df.count(), df.dtypes]


# =============================================================== round trips
@case
def wr_parquet_alltypes(s, F, T):
    d = os.path.join(tmp(), "o")
    alltypes(s).write.parquet(d)
    return s.read.parquet(d)


@case
def wr_json_alltypes_inferred(s, F, T):
    d = os.path.join(tmp(), "o")
    alltypes(s).write.json(d)
    return s.read.json(d)


@case
def wr_json_alltypes_with_schema(s, F, T):
    d = os.path.join(tmp(), "o")
    alltypes(s).write.json(d)
    return s.read.schema(ALLTYPES_SCHEMA).json(d)


@case
def wr_orc_alltypes(s, F, T):
    d = os.path.join(tmp(), "o")
    alltypes(s).write.orc(d)
    return s.read.orc(d)


@case
def wr_parquet_decimal_precision(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(D("12345678901234567890.123456789012345678"),)], "x decimal(38,18)").write.parquet(d)
    return s.read.parquet(d)


@case
def wr_parquet_timestamp_ntz(s, F, T):
    d = os.path.join(tmp(), "o")
    s.sql("SELECT TIMESTAMP_NTZ'2024-01-02 03:04:05' t").write.parquet(d)
    return s.read.parquet(d)


@case
def wr_parquet_old_dates(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(date(1, 1, 1), dt(1000, 1, 1)), (date(9999, 12, 31), dt(9999, 12, 31, 23, 59, 59))],
                      "d date, t timestamp").write.parquet(d)
    return s.read.parquet(d)


@case
def wr_parquet_nested_deep(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, [{"a": [1, 2]}, {}], (([1.5],),))],
                           "id int, x array<map<string,array<int>>>, y struct<z:struct<w:array<double>>>")
    df.write.parquet(d)
    return s.read.parquet(d)


@case
def wr_parquet_column_names_special(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, 2)], "`a b` int, `c.d` int").write.parquet(d)
    return s.read.parquet(d)


@case
def wr_parquet_invalid_col_name_chars(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1,)], "`a,b;c` int").write.parquet(d)
    return s.read.parquet(d).columns


@case
def wr_parquet_dup_col_names(s, F, T):
    d = os.path.join(tmp(), "o")
    a = s.createDataFrame([(1, "x")], "id int, v string")
    b = s.createDataFrame([(1, "y")], "id int, v string")
    a.join(b, a.id == b.id).write.parquet(d)
    return "no error"


@case
def wr_parquet_case_dup_col_names(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, 2)], "a int, b int").withColumnRenamed("b", "A").write.parquet(d)
    return "no error"


@case
def wr_parquet_null_type_column(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(2).withColumn("n", F.lit(None)).write.parquet(d)
    return s.read.parquet(d)


@case
def wr_json_null_type_column(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(2).withColumn("n", F.lit(None)).coalesce(1).write.json(d)
    return read_text_files(d)


@case
def wr_csv_roundtrip_infer(s, F, T):
    d = os.path.join(tmp(), "o")
    df = s.createDataFrame([(1, 2.5, True, date(2024, 1, 2), dt(2024, 1, 2, 3, 4, 5), "x")],
                           "i int, d double, b boolean, dt date, ts timestamp, s string")
    df.write.csv(d, header=True)
    return s.read.csv(d, header=True, inferSchema=True)


@case
def wr_parquet_nullability(s, F, T):
    d = os.path.join(tmp(), "o")
    sch = T.StructType([T.StructField("a", T.IntegerType(), False)])
    s.createDataFrame([(1,)], sch).write.parquet(d)
    return [f.nullable for f in s.read.parquet(d).schema.fields]


@case
def wr_parquet_metadata_kept(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(2).withColumn("x", F.col("id").alias("x", metadata={"comment": "hello"})).write.parquet(d)
    return s.read.parquet(d).schema["x"].metadata


@case
def wr_parquet_float_byte_short(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1.5, 1, 2)], "f float, b tinyint, sh smallint").write.parquet(d)
    return s.read.parquet(d)


@case
def wr_json_float_byte_short(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1.5, 1, 2)], "f float, b tinyint, sh smallint").write.json(d)
    return s.read.json(d)


@case
def wr_sort_within_partitions_parquet(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(3,), (1,), (2,)], "v int").coalesce(1).sortWithinPartitions("v").write.parquet(d)
    return [r.v for r in s.read.parquet(d).collect()]


@case(ordered=True)
def wr_order_preserved_single_file(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(i, str(i)) for i in [5, 3, 9, 1]], "v int, s string").orderBy("v").coalesce(1).write.json(d)
    return s.read.json(d)


@case
def wr_write_then_read_csv_with_schema_nulls(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).write.csv(d)
    return s.read.csv(d, schema="id int, s string, d double")


@case
def wr_write_options_nonstring_values(s, F, T):
    d = os.path.join(tmp(), "o")
    small(s).coalesce(1).write.option("header", True).option("maxRecordsPerFile", 2).csv(d)
    return [nfiles(d), s.read.csv(d, header=True).count()]


@case
def wr_writer_v2_not_table(s, F, T):
    small(s).writeTo("wr_v2_tbl").using("parquet").create()
    r = s.table("wr_v2_tbl").count()
    s.sql("DROP TABLE wr_v2_tbl")
    return r


@case
def wr_writer_v2_append_missing(s, F, T):
    small(s).writeTo("wr_v2_missing_tbl").append()
    return "no error"


# --------------------------------------------------------------- follow-ups added after the first comparison
@case
def wj_array_with_null_text(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([([1, None, 3],)], "a array<int>").coalesce(1).write.json(d)
    return read_text_files(d)


@case
def wr_orc_struct_nulls(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, (1, "x")), (2, None), (3, (None, None))], "id int, st struct<x:int,y:string>").write.orc(d)
    return s.read.orc(d)


@case
def wr_orc_struct_nulls_count(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, (1, "x")), (2, None), (3, (None, None))], "id int, st struct<x:int,y:string>").write.orc(d)
    return s.read.orc(d).filter(F.col("st").isNull()).select("id")


@case
def wp_insert_into_dynamic_overwrite_table(s, F, T):
    s.sql("CREATE TABLE wp_dyn_t (v INT, k STRING) USING parquet PARTITIONED BY (k)")
    s.sql("INSERT INTO wp_dyn_t VALUES (1, 'a'), (2, 'b')")
    s.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    try:
        s.sql("INSERT OVERWRITE wp_dyn_t SELECT 3, 'a'")
    finally:
        s.conf.unset("spark.sql.sources.partitionOverwriteMode")
    return s.table("wp_dyn_t")


@case
def wp_insert_overwrite_static_partition_sql(s, F, T):
    s.sql("CREATE TABLE wp_st_t (v INT, k STRING) USING parquet PARTITIONED BY (k)")
    s.sql("INSERT INTO wp_st_t VALUES (1, 'a'), (2, 'b')")
    s.sql("INSERT OVERWRITE wp_st_t PARTITION (k = 'a') SELECT 3")
    return s.table("wp_st_t")
