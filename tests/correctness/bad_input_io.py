"""Bad-input cases, sixth session: readers, writers and the catalog as a new user misuses them
(CSV/JSON options, parquet schema merging, partitioned writes and reads, save modes, tables
and views). Each case is a function of (spark, F, T, tmp), registered in bad_input_api.CASES
and run on PySpark and dfengine; `tmp` is a fresh directory per engine and case."""

from __future__ import annotations

import os
from contextlib import contextmanager

from .bad_input_api import CASES, case, write_file


def _typed(df):
    """The schema and the rows: a reader's inferred types are half of its answer."""
    return df.schema.simpleString(), df


def _csv(spark, tmp, text, **options):
    return _typed(spark.read.options(**options).csv(write_file(tmp, "in.csv", text)))


def _json(spark, tmp, text, **options):
    return _typed(spark.read.options(**options).json(write_file(tmp, "in.json", text)))


# ------------------------------------------------------------------ CSV options
CSV_READS = {
    "u_csv_null_value_na": ("a,b\n1,NA\nNA,x\n",
        {"header": True, "inferSchema": True, "nullValue": "NA"}),
    "u_csv_escape_backslash": ('a,b\n"x\\"y",1\n', {"header": True, "escape": "\\"}),
    "u_csv_escape_doubled_quote": ('a,b\n"x""y",1\n', {"header": True, "escape": '"'}),
    "u_csv_multiline_header": ('a,b\n"line1\nline2",1\n"z",2\n',
        {"header": True, "multiLine": True}),
    "u_csv_no_multiline_quoted_newline": ('a,b\n"line1\nline2",1\n', {"header": True}),
    "u_csv_sep_semicolon": ("a;b\n1;2\n", {"header": True, "sep": ";", "inferSchema": True}),
    "u_csv_sep_wrong": ("a;b\n1;2\n", {"header": True, "inferSchema": True}),
    "u_csv_sep_multichar": ("a||b\n1||2\n", {"header": True, "sep": "||"}),
    "u_csv_header_no_infer": ("a,b\n1,2.5\n", {"header": True}),
    "u_csv_no_header_infer": ("a,b\n1,2.5\n", {"inferSchema": True}),
    "u_csv_infer_decimal_like": ("x\n1.50\n2.25\n", {"header": True, "inferSchema": True}),
    "u_csv_infer_leading_space": ("x,y\n 1,a\n2, b\n", {"header": True, "inferSchema": True}),
    "u_csv_ignore_whitespace": ("x,y\n 1 , a \n",
        {"header": True, "inferSchema": True, "ignoreLeadingWhiteSpace": True,
         "ignoreTrailingWhiteSpace": True}),
    "u_csv_comment": ("a,b\n#skip,me\n1,2\n",
        {"header": True, "comment": "#", "inferSchema": True}),
    "u_csv_single_quote": ("a,b\n'x,y',1\n", {"header": True, "quote": "'"}),
    "u_csv_empty_value": ('a,b\n"",1\n,2\n', {"header": True, "emptyValue": "EMPTY"}),
    "u_csv_empty_string_default": ('a,b\n"",1\n,2\n', {"header": True}),
    "u_csv_header_yes": ("a,b\n1,2\n", {"header": "yes"}),
    "u_csv_infer_infinity": ("x\nInfinity\n-Infinity\n1.5\n",
        {"header": True, "inferSchema": True}),
    "u_csv_infer_int_long": ("x\n1\n9999999999\n", {"header": True, "inferSchema": True}),
    "u_csv_infer_date_column": ("d\n2020-01-01\n2020-02-30\n",
        {"header": True, "inferSchema": True}),
    "u_csv_infer_timestamp_column": ("t\n2020-01-01 10:00:00\n",
        {"header": True, "inferSchema": True}),
    "u_csv_line_sep": ("a|1|2|", {"lineSep": "|"}),
    "u_csv_infer_trailing_blank_lines": ("a,b\n1,2\n\n\n", {"header": True, "inferSchema": True}),
    "u_csv_escape_default": ('a,b\n"x\\"y",1\n', {"header": True}),
    "u_csv_escaped_sep_in_quotes": ('a,b\n"x\\",y",1\n', {"header": True}),
    "u_csv_backslash_unquoted": ("a,b\nC:\\temp,1\n", {"header": True}),
    "u_csv_comment_mid_file": ("a,b\n1,2\n#c,d\n3,4\n",
        {"header": True, "comment": "#", "inferSchema": True}),
    "u_csv_multichar_sep_quoted": ('a||b\n"x||y"||2\n', {"header": True, "sep": "||"}),
    "u_csv_tab_sep_escaped": ("a\tb\n1\t2\n", {"header": True, "sep": "\\t",
                                              "inferSchema": True}),
    "u_csv_line_sep_header": ("a,b;1,2;3,4", {"header": True, "lineSep": ";",
                                              "inferSchema": True}),
    "u_csv_leading_ws_only": (" a , b \n 1 , x \n", {"ignoreLeadingWhiteSpace": True}),
    "u_csv_multiline_escaped_quote": ('a,b\n"l1\nl\\"2",1\n', {"header": True, "multiLine": True}),
    "u_csv_quoted_newline_then_rows": ('a,b\n"x\ny",1\n3,4\n', {"header": True}),
    "u_csv_padded_double_infer": ("x\n 1.5\n2 \n", {"header": True, "inferSchema": True}),
    "u_csv_crlf_lines": ("a,b\r\n1,2\r\n", {"header": True, "inferSchema": True}),
}
# case name -> (file text, reader options): CSV read as a new user would, types and rows
for _name, (_text, _options) in CSV_READS.items():
    CASES[_name] = lambda spark, F, T, tmp, t=_text, o=_options: _csv(spark, tmp, t, **o)


# case name -> (file text, schema, options): CSV with a header read with a schema
CSV_SCHEMA_READS = {
    "u_csv_null_value_with_schema": ("a,b\n1,-\n-,2\n", "a int, b int", {"nullValue": "-"}),
    "u_csv_date_format": ("d\n31/12/2020\n01/02/2021\n", "d date", {"dateFormat": "dd/MM/yyyy"}),
    "u_csv_date_format_mismatch": ("d\n2020-12-31\n31/12/2020\n", "d date",
        {"dateFormat": "dd/MM/yyyy"}),
    "u_csv_date_default_format_slashes": ("d\n12/31/2020\n", "d date", {}),
    "u_csv_date_failfast": ("d\n2020-12-31\nnot a date\n", "d date", {"mode": "FAILFAST"}),
    "u_csv_timestamp_format": ("t\n2020/01/02 03:04\n", "t timestamp",
        {"timestampFormat": "yyyy/MM/dd HH:mm"}),
    "u_csv_mode_unknown": ("a\n1\nx\n", "a int", {"mode": "LENIENT"}),
    "u_csv_nan_value": ("x\nmissing\n1.5\n", "x double", {"nanValue": "missing"}),
    "u_csv_schema_header_mismatch": ("b,a\n1,2\n", "a int, b int", {}),
    "u_csv_padded_int_schema": ("a,b\n 1,x\n2 ,y\n3,z\n", "a int, b string", {}),
    "u_csv_padded_bool_decimal": ("a,b\n true, 1.5\nfalse,2.5\n", "a boolean, b decimal(4,2)", {}),
    "u_csv_empty_value_schema": ('a,b\n"",1\n,2\n', "a string, b int", {"emptyValue": "E"}),
    "u_csv_comment_schema": ("a,b\n#x\n1,2\n", "a int, b int", {"comment": "#"}),
}
for _name, (_text, _schema, _options) in CSV_SCHEMA_READS.items():
    CASES[_name] = lambda spark, F, T, tmp, t=_text, s=_schema, o=_options: (
        spark.read.csv(write_file(tmp, "in.csv", t), schema=s, header=True, **o))


@case
def u_csv_header_with_spaces(spark, F, T, tmp):
    df = spark.read.csv(write_file(tmp, "in.csv", "first name,age\nann,3\n"), header=True)
    return df.select("first name")


@case
def u_csv_two_files_dir(spark, F, T, tmp):
    d = os.path.join(tmp, "d")
    os.makedirs(d)
    write_file(d, "1.csv", "a\n1\n")
    write_file(d, "2.csv", "a\n2\n")
    return _typed(spark.read.csv(d, header=True, inferSchema=True))


# ------------------------------------------------------------------ JSON options
JSON_READS = {
    "u_json_primitives_as_string": ('{"a": 1, "b": true, "c": 1.5}\n',
        {"primitivesAsString": True}),
    "u_json_comments_refused": ('{"a": 1} // one\n{"a": 2}\n', {}),
    "u_json_comments_allowed": ('{"a": 1} /* one */\n{"a": 2}\n', {"allowComments": True}),
    "u_json_single_quotes": ("{'a': 1}\n", {}),
    "u_json_single_quotes_refused": ("{'a': 1}\n{\"a\": 2}\n", {"allowSingleQuotes": False}),
    "u_json_unquoted_names": ('{a: 1}\n{"a": 2}\n', {}),
    "u_json_top_level_array": ('[{"a": 1}, {"a": 2}]\n', {}),
    "u_json_int_and_string": ('{"a": 1}\n{"a": "x"}\n', {}),
    "u_json_int_and_double": ('{"a": 1}\n{"a": 2.5}\n', {}),
    "u_json_bigger_than_long": ('{"a": 12345678901234567890}\n', {}),
    "u_json_bool_and_int": ('{"a": true}\n{"a": 1}\n', {}),
    "u_json_drop_field_all_null": ('{"a": 1, "b": null}\n', {"dropFieldIfAllNull": True}),
    "u_json_nan_token": ('{"a": NaN}\n{"a": 1.0}\n', {}),
    "u_json_multiline_object": ('{\n  "a": 1,\n  "b": [1, 2]\n}\n', {"multiLine": True}),
    "u_json_case_different_keys": ('{"a": 1, "A": 2}\n', {}),
    "u_json_leading_zeros": ('{"a": 007}\n{"a": 1}\n', {}),
    "u_json_trailing_text": ('{"a": 1} and more\n{"a": 2}}\n', {}),
    "u_json_comment_inside_refused": ('{"a": /* c */ 1}\n{"a": 2}\n', {}),
    "u_json_comment_inside_allowed": ('{"a": /* c */ 1}\n// whole line\n{"a": 2}\n',
        {"allowComments": True}),
    "u_json_single_quotes_nested": ("{'a': {'b': 'it\\'s'}}\n", {}),
    "u_json_slashes_in_string": ('{"u": "http://x//y"}\n', {"allowComments": True}),
}
for _name, (_text, _options) in JSON_READS.items():
    CASES[_name] = lambda spark, F, T, tmp, t=_text, o=_options: _json(spark, tmp, t, **o)


@case
def u_json_schema_missing_field(spark, F, T, tmp):
    p = write_file(tmp, "in.json", '{"a": 1}\n')
    return spark.read.json(p, schema="a int, b string")


@case
def u_json_schema_object_for_int(spark, F, T, tmp):
    p = write_file(tmp, "in.json", '{"a": {"x": 1}}\n{"a": 2}\n')
    return spark.read.json(p, schema="a int")


@case
def u_json_date_format_schema(spark, F, T, tmp):
    p = write_file(tmp, "in.json", '{"d": "31.12.2020"}\n')
    return spark.read.json(p, schema="d date", dateFormat="dd.MM.yyyy")


@case
def u_json_string_for_int_schema(spark, F, T, tmp):
    p = write_file(tmp, "in.json", '{"a": "12"}\n')
    return spark.read.json(p, schema="a int")


@case
def u_json_invalid_utf8(spark, F, T, tmp):
    p = write_file(tmp, "in.json", b'{"a": 1, "b": "caf\xe9"}\n{"a": 2, "b": "ok"}\n')
    return _typed(spark.read.json(p))


@case
def u_csv_invalid_utf8(spark, F, T, tmp):
    p = write_file(tmp, "in.csv", b"a,b\n1,caf\xe9\n2,ok\n")
    return _typed(spark.read.csv(p, header=True))


# file text, schema, options: a JSON value of one kind under a field of another
JSON_SCHEMA_READS = {
    "u_json_float_for_int_schema": ('{"a": 1.5}\n{"a": 2}\n', "a int", {}),
    "u_json_bool_for_int_schema": ('{"a": true}\n', "a int", {}),
    "u_json_int_for_bool_schema": ('{"a": 1}\n', "a boolean", {}),
    "u_json_number_for_string_schema": ('{"a": 12, "b": [1, 2]}\n', "a string, b string", {}),
    "u_json_string_nan_for_double": ('{"a": "NaN"}\n{"a": "x"}\n', "a double", {}),
    "u_json_string_for_int_corrupt": ('{"a": "12"}\n{"a": 3}\n',
        "a int, _corrupt_record string", {}),
    "u_json_string_for_long_failfast": ('{"a": "12"}\n', "a long", {"mode": "FAILFAST"}),
    "u_json_timestamp_format_schema": ('{"t": "2020/01/02 03:04"}\n', "t timestamp",
        {"timestampFormat": "yyyy/MM/dd HH:mm"}),
    "u_json_string_for_decimal": ('{"a": "1.25"}\n{"a": 2}\n', "a decimal(5,2)", {}),
}
for _name, (_text, _schema, _options) in JSON_SCHEMA_READS.items():
    CASES[_name] = lambda spark, F, T, tmp, t=_text, s=_schema, o=_options: (
        spark.read.json(write_file(tmp, "in.json", t), schema=s, **o))


# ------------------------------------------------------------------ parquet and partitions
def _two_parquets(spark, tmp):
    d = os.path.join(tmp, "p")
    spark.createDataFrame([(1, "a")], "id int, x string").write.parquet(os.path.join(d, "k=1"))
    spark.createDataFrame([(2, 2.5)], "id int, y double").write.parquet(os.path.join(d, "k=2"))
    return d


@case
def u_parquet_merge_schema(spark, F, T, tmp):
    d = _two_parquets(spark, tmp)
    df = spark.read.option("mergeSchema", "true").parquet(d)
    return _typed(df.select("id", "x", "y", "k"))


@case
def u_parquet_merge_schema_conflict(spark, F, T, tmp):
    d = os.path.join(tmp, "p")
    spark.createDataFrame([(1,)], "v int").write.parquet(os.path.join(d, "k=1"))
    spark.createDataFrame([("a",)], "v string").write.parquet(os.path.join(d, "k=2"))
    return spark.read.option("mergeSchema", "true").parquet(d)


@case
def u_parquet_user_schema_subset(spark, F, T, tmp):
    d = os.path.join(tmp, "p")
    spark.createDataFrame([(1, "a")], "id int, x string").write.parquet(d)
    return spark.read.schema("x string").parquet(d)


@case
def u_parquet_user_schema_extra_column(spark, F, T, tmp):
    d = os.path.join(tmp, "p")
    spark.createDataFrame([(1, "a")], "id int, x string").write.parquet(d)
    return spark.read.schema("id int, z double").parquet(d)


@case
def u_parquet_user_schema_wrong_type(spark, F, T, tmp):
    d = os.path.join(tmp, "p")
    spark.createDataFrame([(1, "a")], "id int, x string").write.parquet(d)
    return spark.read.schema("id int, x int").parquet(d)


@case
def u_parquet_column_with_space(spark, F, T, tmp):
    d = os.path.join(tmp, "p")
    spark.createDataFrame([(1,)], "`my col` int").write.parquet(d)
    return spark.read.parquet(d)


@case
def u_parquet_void_column(spark, F, T, tmp):
    d = os.path.join(tmp, "p")
    spark.range(1).select(F.lit(None).alias("n")).write.parquet(d)
    return spark.read.parquet(d)


def _partitioned(spark, tmp, rows, ddl, *keys):
    """A parquet directory written with partitionBy(*keys) under `tmp`; its path."""
    d = os.path.join(tmp, "p")
    spark.createDataFrame(rows, ddl).write.partitionBy(*keys).parquet(d)
    return d


@case
def u_partition_by_int_inferred(spark, F, T, tmp):
    d = _partitioned(spark, tmp, [(1, 10), (2, 20)], "id int, k int", "k")
    return _typed(spark.read.parquet(d).select("id", "k"))


@case
def u_partition_by_date_string(spark, F, T, tmp):
    d = _partitioned(spark, tmp, [(1, "2020-01-01")], "id int, d string", "d")
    return _typed(spark.read.parquet(d))


@case
def u_partition_by_leading_zero_string(spark, F, T, tmp):
    d = _partitioned(spark, tmp, [(1, "007")], "id int, code string", "code")
    return _typed(spark.read.parquet(d))


@case
def u_partition_by_null_value(spark, F, T, tmp):
    d = _partitioned(spark, tmp, [(1, "a"), (2, None)], "id int, k string", "k")
    return _typed(spark.read.parquet(d).select("id", "k"))


@case
def u_partition_by_every_column(spark, F, T, tmp):
    _partitioned(spark, tmp, [(1, "a")], "id int, k string", "id", "k")


@case
def u_partition_by_read_subdir(spark, F, T, tmp):
    d = _partitioned(spark, tmp, [(1, 10), (2, 20)], "id int, k int", "k")
    return _typed(spark.read.parquet(os.path.join(d, "k=10")))


@case
def u_partition_by_base_path(spark, F, T, tmp):
    d = _partitioned(spark, tmp, [(1, 10), (2, 20)], "id int, k int", "k")
    return _typed(spark.read.option("basePath", d).parquet(os.path.join(d, "k=10")))


@case
def u_partition_base_path_two_levels(spark, F, T, tmp):
    d = _partitioned(spark, tmp, [(1, 10, "x"), (2, 20, "y")], "id int, k int, s string",
                     "k", "s")
    return _typed(spark.read.option("basePath", d).parquet(os.path.join(d, "k=10", "s=x")))


@case
def u_partition_base_path_not_parent(spark, F, T, tmp):
    d = _partitioned(spark, tmp, [(1, 10)], "id int, k int", "k")
    return spark.read.option("basePath", os.path.join(tmp, "elsewhere")).parquet(
        os.path.join(d, "k=10"))


@case
def u_partition_base_path_is_the_path(spark, F, T, tmp):
    d = _partitioned(spark, tmp, [(1, 10), (2, 20)], "id int, k int", "k")
    return _typed(spark.read.option("basePath", d).parquet(d))


@case
def u_partition_by_filter_on_key(spark, F, T, tmp):
    d = _partitioned(spark, tmp, [(1, 10), (2, 20)], "id int, k int", "k")
    return spark.read.parquet(d).where("k > 15").select("id")


@case
def u_partition_by_csv_roundtrip(spark, F, T, tmp):
    d = os.path.join(tmp, "p")
    spark.createDataFrame([(1, "x")], "id int, k string").write.partitionBy("k") \
        .option("header", True).csv(d)
    return _typed(spark.read.option("header", True).csv(d))


@case
def u_write_ignore_keeps_old(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.range(2).write.parquet(d)
    spark.range(5).write.mode("ignore").parquet(d)
    return spark.read.parquet(d)


@case
def u_write_error_alias(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.range(2).write.parquet(d)
    spark.range(5).write.mode("error").parquet(d)


@case
def u_write_append_uppercase(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.range(2).write.parquet(d)
    spark.range(1).write.mode("APPEND").parquet(d)
    return spark.read.parquet(d)


@case
def u_write_overwrite_partitioned(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.createDataFrame([(1, 1), (2, 2)], "id int, k int").write.partitionBy("k").parquet(d)
    spark.createDataFrame([(3, 1)], "id int, k int").write.mode("overwrite").partitionBy("k") \
        .parquet(d)
    return spark.read.parquet(d)


@case
def u_write_csv_no_header_read_header(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.createDataFrame([(1, "a"), (2, "b")], "id int, v string").coalesce(1).write.csv(d)
    return spark.read.option("header", True).csv(d)


@case
def u_write_json_read_schema(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.createDataFrame([(1, "a")], "id int, v string").write.json(d)
    return spark.read.schema("v string, id long").json(d)


@case
def u_write_unknown_format(spark, F, T, tmp):
    spark.range(1).write.format("excel").save(os.path.join(tmp, "w"))


@case
def u_read_unknown_format(spark, F, T, tmp):
    return spark.read.format("excel").load(tmp)


@case
def u_write_default_format(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.range(2).write.save(d)
    return spark.read.parquet(d)


@case
def u_write_bad_compression(spark, F, T, tmp):
    spark.range(1).write.option("compression", "zipzap").parquet(os.path.join(tmp, "w"))


@case
def u_write_csv_map_column(spark, F, T, tmp):
    spark.sql("select map('a', 1) m").write.csv(os.path.join(tmp, "w"))


@case
def u_write_json_map_roundtrip(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.sql("select map('a', 1) m, array(1, null) xs").write.json(d)
    return _typed(spark.read.json(d))


@case
def u_read_parquet_empty_dir(spark, F, T, tmp):
    d = os.path.join(tmp, "empty")
    os.makedirs(d)
    return spark.read.parquet(d)


@case
def u_read_csv_glob(spark, F, T, tmp):
    write_file(tmp, "a1.csv", "x\n1\n")
    write_file(tmp, "a2.csv", "x\n2\n")
    write_file(tmp, "b.csv", "x\n3\n")
    return spark.read.csv(os.path.join(tmp, "a*.csv"), header=True)


# ------------------------------------------------------------------ catalog, tables and views
@contextmanager
def _table(spark, tmp, name, columns="", select=""):
    """A parquet table at a path under `tmp` (no warehouse directory), dropped afterwards."""
    path = os.path.join(tmp, "t")
    body = f"({columns}) " if columns else ""
    tail = f" as {select}" if select else ""
    spark.sql(f"create table {name} {body}using parquet location '{path}'{tail}")
    try:
        yield path
    finally:
        spark.sql(f"drop table if exists {name}")


@contextmanager
def _view(spark, df, name, is_global=False):
    """A temporary (or global temporary) view, dropped afterwards."""
    (df.createOrReplaceGlobalTempView if is_global else df.createOrReplaceTempView)(name)
    try:
        yield
    finally:
        (spark.catalog.dropGlobalTempView if is_global else spark.catalog.dropTempView)(name)


@case
def u_table_location_roundtrip(spark, F, T, tmp):
    spark.createDataFrame([(1, "a")], "id int, v string").write.parquet(os.path.join(tmp, "t"))
    with _table(spark, tmp, "u_loc_t"):
        return spark.table("u_loc_t")


@case
def u_table_insert_into_wrong_arity(spark, F, T, tmp):
    with _table(spark, tmp, "u_ins_t", "id int, v string"):
        spark.createDataFrame([(1,)], "id int").write.insertInto("u_ins_t")
        return spark.table("u_ins_t")


@case
def u_table_insert_into_by_position(spark, F, T, tmp):
    with _table(spark, tmp, "u_pos_t", "a int, b int"):
        spark.createDataFrame([(1, 2)], "b int, a int").write.insertInto("u_pos_t")
        return spark.table("u_pos_t")


@case
def u_table_insert_string_into_int(spark, F, T, tmp):
    with _table(spark, tmp, "u_str_t", "a int"):
        spark.sql("insert into u_str_t values ('x')")
        return spark.table("u_str_t")


@case
def u_table_insert_missing(spark, F, T, tmp):
    spark.range(1).write.insertInto("u_no_such_table")


@case
def u_table_ctas_location(spark, F, T, tmp):
    with _table(spark, tmp, "u_ctas_t", select="select 1 as a, 'x' as b"):
        return spark.sql("select * from u_ctas_t")


@case
def u_table_create_twice(spark, F, T, tmp):
    with _table(spark, tmp, "u_twice_t", "a int") as path:
        spark.sql(f"create table u_twice_t (a int) using parquet location '{path}'")


@case
def u_table_drop_missing(spark, F, T, tmp):
    spark.sql("drop table u_never_created")


@case
def u_table_drop_if_exists_missing(spark, F, T, tmp):
    return spark.sql("drop table if exists u_never_created")


@case
def u_table_alter_add_column(spark, F, T, tmp):
    with _table(spark, tmp, "u_alter_t", "a int"):
        spark.sql("insert into u_alter_t values (1)")
        spark.sql("alter table u_alter_t add columns (b string)")
        return spark.table("u_alter_t")


@case
def u_view_temp_replace(spark, F, T, tmp):
    spark.range(1).createOrReplaceTempView("u_v")
    with _view(spark, spark.range(3), "u_v"):
        return spark.table("u_v")


@case
def u_view_temp_create_twice(spark, F, T, tmp):
    with _view(spark, spark.range(1), "u_v2"):
        spark.range(3).createTempView("u_v2")


@case
def u_view_global_unqualified(spark, F, T, tmp):
    with _view(spark, spark.range(2), "u_gv", is_global=True):
        return spark.table("u_gv")


@case
def u_view_global_qualified(spark, F, T, tmp):
    with _view(spark, spark.range(2), "u_gv2", is_global=True):
        return spark.sql("select * from global_temp.u_gv2")


@case
def u_view_drop_missing(spark, F, T, tmp):
    return spark.catalog.dropTempView("u_never_view")


@case
def u_view_name_with_dot(spark, F, T, tmp):
    spark.range(1).createOrReplaceTempView("u.v")


@case
def u_view_table_exists(spark, F, T, tmp):
    with _view(spark, spark.range(1), "u_exists_v"):
        return (spark.catalog.tableExists("u_exists_v"), spark.catalog.tableExists("u_nope_v"))


@case
def u_view_sees_later_data_change(spark, F, T, tmp):
    d = os.path.join(tmp, "w")
    spark.range(2).write.parquet(d)
    with _view(spark, spark.read.parquet(d), "u_file_v"):
        return spark.sql("select count(*) c from u_file_v")


@case
def u_sql_create_view_missing_table(spark, F, T, tmp):
    spark.sql("create temporary view u_bad_v as select * from u_not_there")
