"""Readers: csv, json, parquet, text, format().load, read.table"""
from common import *  # noqa


def csvf(text, name="data.csv", encoding="utf-8"):
    d = tmp()
    return wfile(d, name, text, encoding=encoding)


# =============================================================== csv basics
@case
def rc_header_infer(s, F, T):
    p = csvf("id,name,score\n1,a,1.5\n2,b,2.0\n3,c,\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_no_header_default_names(s, F, T):
    p = csvf("1,a,1.5\n2,b,2.0\n")
    return s.read.csv(p)


@case
def rc_header_no_infer_all_strings(s, F, T):
    p = csvf("id,flag,when\n1,true,2024-01-01\n2,false,2024-02-01\n")
    return s.read.option("header", "true").csv(p)


@case
def rc_infer_mixed_int_double(s, F, T):
    p = csvf("x\n1\n2.5\n3\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_infer_mixed_int_string(s, F, T):
    p = csvf("x,y\n1,10\nabc,20\n3,30\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_infer_long_overflow_int(s, F, T):
    p = csvf("x,y\n1,1\n3000000000,2\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_infer_bigger_than_long(s, F, T):
    p = csvf("x\n1\n99999999999999999999\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_infer_booleans(s, F, T):
    p = csvf("a,b\ntrue,TRUE\nfalse,False\n,true\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_infer_dates_timestamps(s, F, T):
    p = csvf("d,t\n2024-01-05,2024-01-05 10:11:12\n2023-12-31,2023-12-31T23:59:59\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_infer_date_default_is_date(s, F, T):
    p = csvf("d\n2024-01-05\n2024-02-29\n")
    return s.read.csv(p, header=True, inferSchema=True).dtypes


@case
def rc_infer_all_null_column(s, F, T):
    p = csvf("a,b\n1,\n2,\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_infer_decimal_like(s, F, T):
    p = csvf("a\n1.10\n2.25\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_infer_nan_inf(s, F, T):
    p = csvf("a\nNaN\nInfinity\n-Infinity\n1.0\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_sep_semicolon(s, F, T):
    p = csvf("a;b\n1;x,y\n2;z\n")
    return s.read.csv(p, header=True, sep=";")


@case
def rc_sep_tab(s, F, T):
    p = csvf("a\tb\n1\thello world\n2\t\n")
    return s.read.option("sep", "\t").option("header", True).csv(p)


@case
def rc_sep_multichar(s, F, T):
    p = csvf("a||b\n1||x\n2||y\n")
    return s.read.csv(p, header=True, sep="||")


@case
def rc_delimiter_alias(s, F, T):
    p = csvf("a|b\n1|x\n")
    return s.read.option("delimiter", "|").csv(p, header=True)


@case
def rc_quoted_field_with_sep(s, F, T):
    p = csvf('a,b\n1,"x,y"\n2,"he said ""hi"""\n')
    return s.read.csv(p, header=True)


@case
def rc_custom_quote(s, F, T):
    p = csvf("a,b\n1,'x,y'\n2,'z'\n")
    return s.read.csv(p, header=True, quote="'")


@case
def rc_escape_backslash(s, F, T):
    p = csvf('a,b\n1,"x\\"y"\n2,"plain"\n')
    return s.read.csv(p, header=True, escape="\\")


@case
def rc_default_escape_backslash_quote(s, F, T):
    p = csvf('a,b\n1,"x\\"y"\n')
    return s.read.csv(p, header=True)


@case
def rc_null_value_option(s, F, T):
    p = csvf("a,b\n1,NA\nNA,x\n3,\n")
    return s.read.csv(p, header=True, nullValue="NA", inferSchema=True)


@case
def rc_empty_value_option(s, F, T):
    p = csvf('a,b\n1,""\n2,\n')
    return s.read.csv(p, header=True, emptyValue="EMPTY")


@case
def rc_quoted_empty_vs_unquoted(s, F, T):
    p = csvf('a,b\n1,""\n2,\n')
    return s.read.csv(p, header=True)


@case
def rc_nan_value_option(s, F, T):
    p = csvf("a\n1.0\nmissing\n")
    return s.read.csv(p, header=True, schema="a double", nanValue="missing")


@case
def rc_date_format(s, F, T):
    p = csvf("d\n05/01/2024\n31/12/2023\n")
    return s.read.csv(p, header=True, schema="d date", dateFormat="dd/MM/yyyy")


@case
def rc_timestamp_format(s, F, T):
    p = csvf("t\n05/01/2024 10:30\n31/12/2023 23:59\n")
    return s.read.csv(p, header=True, schema="t timestamp", timestampFormat="dd/MM/yyyy HH:mm")


@case
def rc_date_bad_value_permissive(s, F, T):
    p = csvf("id,d\n1,2024-01-05\n2,notadate\n")
    return s.read.csv(p, header=True, schema="id int, d date")


@case
def rc_schema_ddl_string(s, F, T):
    p = csvf("1,a,2.5\n2,b,3.5\n")
    return s.read.csv(p, schema="id INT, name STRING, v DOUBLE")


@case
def rc_schema_structtype(s, F, T):
    p = csvf("1,a\n2,b\n")
    sch = T.StructType([T.StructField("id", T.LongType()), T.StructField("name", T.StringType())])
    return s.read.schema(sch).csv(p)


@case
def rc_schema_fewer_columns_than_file(s, F, T):
    p = csvf("1,a,x\n2,b,y\n")
    return s.read.csv(p, schema="id int, name string")


@case
def rc_schema_more_columns_than_file(s, F, T):
    p = csvf("1,a\n2,b\n")
    return s.read.csv(p, schema="id int, name string, extra double")


@case
def rc_permissive_bad_int(s, F, T):
    p = csvf("id,v\n1,10\n2,abc\n3,30\n")
    return s.read.csv(p, header=True, schema="id int, v int")


@case
def rc_dropmalformed(s, F, T):
    p = csvf("id,v\n1,10\n2,abc\n3,30\n")
    return s.read.csv(p, header=True, schema="id int, v int", mode="DROPMALFORMED")


@case
def rc_failfast(s, F, T):
    p = csvf("id,v\n1,10\n2,abc\n3,30\n")
    return s.read.csv(p, header=True, schema="id int, v int", mode="FAILFAST")


@case
def rc_failfast_clean(s, F, T):
    p = csvf("id,v\n1,10\n3,30\n")
    return s.read.csv(p, header=True, schema="id int, v int", mode="FAILFAST")


@case
def rc_corrupt_record_column(s, F, T):
    p = csvf("id,v\n1,10\n2,abc\n3,30\n")
    return s.read.csv(p, header=True, schema="id int, v int, _corrupt_record string")


@case
def rc_corrupt_record_custom_name(s, F, T):
    p = csvf("id,v\n1,10\nx,abc\n")
    return s.read.csv(p, header=True, schema="id int, v int, bad string", columnNameOfCorruptRecord="bad")


@case
def rc_corrupt_record_ragged(s, F, T):
    p = csvf("id,v\n1,10\n2\n3,30,99\n")
    return s.read.csv(p, header=True, schema="id int, v int, _corrupt_record string")


@case
def rc_bad_mode_name(s, F, T):
    p = csvf("id\n1\n")
    return s.read.csv(p, header=True, mode="STRICT")


@case
def rc_ragged_rows_permissive(s, F, T):
    p = csvf("a,b,c\n1,2,3\n4,5\n6,7,8,9\n")
    return s.read.csv(p, header=True)


@case
def rc_ragged_rows_dropmalformed(s, F, T):
    p = csvf("a,b,c\n1,2,3\n4,5\n6,7,8,9\n")
    return s.read.csv(p, header=True, mode="DROPMALFORMED")


@case
def rc_ragged_rows_failfast(s, F, T):
    p = csvf("a,b,c\n1,2,3\n4,5\n")
    return s.read.csv(p, header=True, schema="a int, b int, c int", mode="FAILFAST")


@case
def rc_duplicate_headers(s, F, T):
    p = csvf("a,b,a\n1,2,3\n")
    return s.read.csv(p, header=True)


@case
def rc_duplicate_headers_case(s, F, T):
    p = csvf("Name,name\nx,y\n")
    return s.read.csv(p, header=True)


@case
def rc_empty_header_name(s, F, T):
    p = csvf("a,,c\n1,2,3\n")
    return s.read.csv(p, header=True)


@case
def rc_header_with_spaces(s, F, T):
    p = csvf("first name, age \nann,3\n")
    return s.read.csv(p, header=True).columns


@case
def rc_empty_file(s, F, T):
    p = csvf("")
    df = s.read.csv(p)
    return [df.count(), df.columns]


@case
def rc_empty_file_header(s, F, T):
    p = csvf("")
    df = s.read.csv(p, header=True, inferSchema=True)
    return [df.count(), df.columns]


@case
def rc_empty_file_with_schema(s, F, T):
    p = csvf("")
    return s.read.csv(p, schema="a int, b string")


@case
def rc_header_only(s, F, T):
    p = csvf("a,b\n")
    df = s.read.csv(p, header=True, inferSchema=True)
    return [df.count(), df.dtypes]


@case
def rc_missing_path(s, F, T):
    return s.read.csv(os.path.join(tmp(), "nope.csv"))


@case
def rc_missing_path_class(s, F, T):
    try:
        s.read.csv(os.path.join(tmp(), "nope.csv")).collect()
        return "no error"
    except Exception as e:  # noqa
        return "PATH_NOT_FOUND" in str(e)


@case
def rc_glob_path(s, F, T):
    d = tmp()
    wfile(d, "a1.csv", "x\n1\n")
    wfile(d, "a2.csv", "x\n2\n")
    wfile(d, "b1.csv", "x\n3\n")
    return s.read.csv(os.path.join(d, "a*.csv"), header=True)


@case
def rc_glob_no_match(s, F, T):
    d = tmp()
    wfile(d, "a1.csv", "x\n1\n")
    return s.read.csv(os.path.join(d, "z*.csv"), header=True)


@case
def rc_directory_of_files(s, F, T):
    d = tmp()
    wfile(d, "part1.csv", "x,y\n1,a\n")
    wfile(d, "part2.csv", "x,y\n2,b\n3,c\n")
    return s.read.csv(d, header=True, inferSchema=True)


@case
def rc_directory_ignores_hidden(s, F, T):
    d = tmp()
    wfile(d, "part1.csv", "x\n1\n")
    wfile(d, "_SUCCESS", "")
    wfile(d, ".hidden.csv", "x\n99\n")
    wfile(d, "_meta.csv", "x\n98\n")
    return s.read.csv(d, header=True)


@case
def rc_list_of_paths(s, F, T):
    d = tmp()
    p1 = wfile(d, "a.csv", "x\n1\n")
    p2 = wfile(d, "b.csv", "x\n2\n")
    return s.read.csv([p1, p2], header=True)


@case
def rc_list_paths_one_missing(s, F, T):
    d = tmp()
    p1 = wfile(d, "a.csv", "x\n1\n")
    return s.read.csv([p1, os.path.join(d, "missing.csv")], header=True)


@case
def rc_multiline_quoted_newline(s, F, T):
    p = csvf('id,txt\n1,"line1\nline2"\n2,"x"\n')
    return s.read.csv(p, header=True, multiLine=True)


@case
def rc_quoted_newline_without_multiline(s, F, T):
    p = csvf('id,txt\n1,"line1\nline2"\n2,x\n')
    return s.read.csv(p, header=True).count()


@case
def rc_comment_char(s, F, T):
    p = csvf("a,b\n#skip me\n1,2\n# also\n3,4\n")
    return s.read.csv(p, header=True, comment="#")


@case
def rc_comment_not_set(s, F, T):
    p = csvf("a,b\n#skip me\n1,2\n")
    return s.read.csv(p, header=True)


@case
def rc_ignore_leading_ws(s, F, T):
    p = csvf("a,b\n  x,  y\n")
    return s.read.csv(p, header=True, ignoreLeadingWhiteSpace=True)


@case
def rc_ignore_trailing_ws(s, F, T):
    p = csvf("a,b\nx  ,y  \n")
    return s.read.csv(p, header=True, ignoreTrailingWhiteSpace=True)


@case
def rc_whitespace_kept_default(s, F, T):
    p = csvf("a,b\n  x  ,  y  \n")
    return s.read.csv(p, header=True)


@case
def rc_ws_int_infer(s, F, T):
    p = csvf("a,b\n 1, 2\n 3,4\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_encoding_latin1(s, F, T):
    p = csvf("name\ncafé\nnaïve\n", encoding="latin-1")
    return s.read.csv(p, header=True, encoding="ISO-8859-1")


@case
def rc_encoding_utf16(s, F, T):
    p = csvf("name\nabc\nxyz\n", encoding="utf-16")
    return s.read.csv(p, header=True, encoding="UTF-16", multiLine=True)


@case
def rc_utf8_bom(s, F, T):
    d = tmp()
    p = wfile(d, "bom.csv", b"\xef\xbb\xbfid,v\n1,a\n", mode="wb")
    return s.read.csv(p, header=True).columns


@case
def rc_crlf_lines(s, F, T):
    p = csvf("a,b\r\n1,x\r\n2,y\r\n")
    return s.read.csv(p, header=True, inferSchema=True)


@case
def rc_sampling_ratio(s, F, T):
    p = csvf("a\n" + "\n".join(str(i) for i in range(50)) + "\n")
    return s.read.csv(p, header=True, inferSchema=True, samplingRatio=0.5).dtypes


@case
def rc_enforce_schema_false(s, F, T):
    p = csvf("b,a\n1,x\n2,y\n")
    return s.read.csv(p, header=True, schema="a string, b int", enforceSchema=False)


@case
def rc_enforce_schema_true_positional(s, F, T):
    p = csvf("b,a\n1,x\n2,y\n")
    return s.read.csv(p, header=True, schema="a string, b string", enforceSchema=True)


@case
def rc_max_columns(s, F, T):
    p = csvf("a,b,c\n1,2,3\n")
    return s.read.csv(p, header=True, maxColumns=2)


@case
def rc_line_sep_custom(s, F, T):
    p = csvf("a,b|1,x|2,y|")
    return s.read.csv(p, header=True, lineSep="|")


@case
def rc_unescaped_quote_in_middle(s, F, T):
    p = csvf('a,b\n1,ab"cd\n2,"x"\n')
    return s.read.csv(p, header=True)


@case
def rc_prefer_date(s, F, T):
    p = csvf("d\n2024-01-05\n")
    return s.read.option("preferDate", "false").csv(p, header=True, inferSchema=True).dtypes


@case
def rc_locale_decimal_comma(s, F, T):
    p = csvf('a\n"1,5"\n')
    return s.read.csv(p, header=True, schema="a decimal(5,2)", locale="de-DE")


@case
def rc_option_case_insensitive(s, F, T):
    p = csvf("a;b\n1;2\n")
    return s.read.option("HEADER", "true").option("Sep", ";").csv(p)


@case
def rc_options_dict(s, F, T):
    p = csvf("a|b\n1|2\n")
    return s.read.options(header=True, sep="|", inferSchema=True).csv(p)


@case
def rc_format_load(s, F, T):
    p = csvf("a,b\n1,2\n")
    return s.read.format("csv").option("header", "true").load(p)


@case
def rc_format_load_schema_string(s, F, T):
    p = csvf("1,2\n")
    return s.read.format("csv").schema("a long, b long").load(p)


@case
def rc_load_default_format_parquet(s, F, T):
    p = csvf("a,b\n1,2\n")
    return s.read.load(p)


@case
def rc_unknown_format(s, F, T):
    p = csvf("a\n1\n")
    return s.read.format("xlsx").load(p)


@case
def rc_header_infer_then_filter(s, F, T):
    p = csvf("id,amount\n1,10.5\n2,20\n3,\n")
    return s.read.csv(p, header=True, inferSchema=True).filter(F.col("amount") > 15)


@case
def rc_int_schema_with_decimal_values(s, F, T):
    p = csvf("a\n1.5\n2\n")
    return s.read.csv(p, header=True, schema="a int")


@case
def rc_boolean_schema_values(s, F, T):
    p = csvf("a\ntrue\nFALSE\nyes\n1\n")
    return s.read.csv(p, header=True, schema="a boolean")


@case
def rc_decimal_schema_overflow(s, F, T):
    p = csvf("a\n123.456\n99999.1\n")
    return s.read.csv(p, header=True, schema="a decimal(5,2)")


@case
def rc_input_file_name(s, F, T):
    d = tmp()
    wfile(d, "one.csv", "x\n1\n")
    wfile(d, "two.csv", "x\n2\n")
    df = s.read.csv(d, header=True).select("x", F.input_file_name().alias("f"))
    return [(r.x, os.path.basename(r.f)) for r in df.orderBy("x").collect()]


@case
def rc_schema_then_count(s, F, T):
    p = csvf("a,b\n1,2\n3,4\nbad,5\n")
    return s.read.csv(p, header=True, schema="a int, b int").count()


@case
def rc_header_false_string(s, F, T):
    p = csvf("a,b\n1,2\n")
    return s.read.csv(p, header="false")


@case
def rc_quote_empty_disables(s, F, T):
    p = csvf('a,b\n1,"x"\n')
    return s.read.csv(p, header=True, quote="")


@case
def rc_char_to_escape_quote_escaping(s, F, T):
    p = csvf('a\n"x\\\\"\n')
    return s.read.csv(p, header=True, escape="\\", charToEscapeQuoteEscaping="\\")


@case
def rc_skip_unicode_values(s, F, T):
    p = csvf("city,v\nZürich,1\n東京,2\n")
    return s.read.csv(p, header=True, inferSchema=True)


# =============================================================== json
def jsonf(text, name="data.json"):
    return wfile(tmp(), name, text)


@case
def rj_basic_lines(s, F, T):
    p = jsonf('{"a": 1, "b": "x"}\n{"a": 2, "b": "y"}\n')
    return s.read.json(p)


@case
def rj_column_order_sorted(s, F, T):
    p = jsonf('{"z": 1, "a": 2, "m": 3}\n')
    return s.read.json(p).columns


@case
def rj_missing_fields(s, F, T):
    p = jsonf('{"a": 1}\n{"b": "x"}\n{"a": 3, "c": true}\n')
    return s.read.json(p)


@case
def rj_mixed_int_double(s, F, T):
    p = jsonf('{"a": 1}\n{"a": 2.5}\n')
    return s.read.json(p)


@case
def rj_mixed_int_string(s, F, T):
    p = jsonf('{"a": 1}\n{"a": "x"}\n')
    return s.read.json(p)


@case
def rj_mixed_struct_string(s, F, T):
    p = jsonf('{"a": {"b": 1}}\n{"a": "flat"}\n')
    return s.read.json(p)


@case
def rj_mixed_array_scalar(s, F, T):
    p = jsonf('{"a": [1, 2]}\n{"a": 3}\n')
    return s.read.json(p)


@case
def rj_big_int_to_decimal_or_double(s, F, T):
    p = jsonf('{"a": 12345678901234567890}\n{"a": 1}\n')
    return s.read.json(p).dtypes


@case
def rj_prefers_decimal(s, F, T):
    p = jsonf('{"a": 1.25}\n{"a": 10.5}\n')
    return s.read.json(p, prefersDecimal=True)


@case
def rj_primitives_as_string(s, F, T):
    p = jsonf('{"a": 1, "b": true, "c": 1.5, "d": null}\n')
    return s.read.json(p, primitivesAsString=True)


@case
def rj_multiline_array(s, F, T):
    p = jsonf('[\n  {"a": 1, "b": [1,2]},\n  {"a": 2, "b": []}\n]\n')
    return s.read.json(p, multiLine=True)


@case
def rj_multiline_single_object(s, F, T):
    p = jsonf('{\n  "a": 1,\n  "n": {"x": "y"}\n}\n')
    return s.read.option("multiLine", "true").json(p)


@case
def rj_pretty_without_multiline(s, F, T):
    p = jsonf('{\n  "a": 1\n}\n')
    return s.read.json(p)


@case
def rj_top_level_array_lines(s, F, T):
    p = jsonf('[{"a": 1}, {"a": 2}]\n{"a": 3}\n')
    return s.read.json(p)


@case
def rj_corrupt_line_permissive(s, F, T):
    p = jsonf('{"a": 1}\n{bad json\n{"a": 3}\n')
    return s.read.json(p)


@case
def rj_corrupt_line_query_only_corrupt(s, F, T):
    p = jsonf('{"a": 1}\n{bad json\n')
    return s.read.json(p).select("_corrupt_record")


@case
def rj_corrupt_dropmalformed(s, F, T):
    p = jsonf('{"a": 1}\n{bad json\n{"a": 3}\n')
    return s.read.json(p, mode="DROPMALFORMED")


@case
def rj_corrupt_failfast(s, F, T):
    p = jsonf('{"a": 1}\n{bad json\n{"a": 3}\n')
    return s.read.json(p, mode="FAILFAST")


@case
def rj_schema_type_mismatch(s, F, T):
    p = jsonf('{"a": 1}\n{"a": "x"}\n')
    return s.read.json(p, schema="a int")


@case
def rj_schema_type_mismatch_corrupt_col(s, F, T):
    p = jsonf('{"a": 1}\n{"a": "x"}\n')
    return s.read.json(p, schema="a int, _corrupt_record string")


@case
def rj_allow_comments(s, F, T):
    p = jsonf('{"a": 1 /* c */}\n// whole line\n{"a": 2}\n')
    return s.read.json(p, allowComments=True)


@case
def rj_comments_not_allowed(s, F, T):
    p = jsonf('{"a": 1 /* c */}\n{"a": 2}\n')
    return s.read.json(p)


@case
def rj_allow_single_quotes_default(s, F, T):
    p = jsonf("{'a': 'x'}\n")
    return s.read.json(p)


@case
def rj_single_quotes_disallowed(s, F, T):
    p = jsonf("{'a': 'x'}\n{\"a\": \"y\"}\n")
    return s.read.json(p, allowSingleQuotes=False)


@case
def rj_unquoted_field_names(s, F, T):
    p = jsonf('{a: 1}\n')
    return s.read.json(p, allowUnquotedFieldNames=True)


@case
def rj_numeric_leading_zeros(s, F, T):
    p = jsonf('{"a": 007}\n{"a": 8}\n')
    return s.read.option("allowNumericLeadingZeros", "true").json(p)


@case
def rj_nan_token(s, F, T):
    p = jsonf('{"a": NaN}\n{"a": 1.0}\n')
    return s.read.json(p)


@case
def rj_drop_field_if_all_null(s, F, T):
    p = jsonf('{"a": 1, "b": null}\n{"a": 2, "b": null}\n')
    return s.read.json(p, dropFieldIfAllNull=True)


@case
def rj_all_null_field_type(s, F, T):
    p = jsonf('{"a": 1, "b": null}\n{"a": 2}\n')
    return s.read.json(p).dtypes


@case
def rj_empty_array_type(s, F, T):
    p = jsonf('{"a": []}\n{"a": []}\n')
    return s.read.json(p).dtypes


@case
def rj_empty_object(s, F, T):
    p = jsonf('{"a": {}}\n')
    return s.read.json(p).dtypes


@case
def rj_nested_struct_select(s, F, T):
    p = jsonf('{"u": {"name": "a", "addr": {"city": "X"}}, "tags": ["t1", "t2"]}\n'
              '{"u": {"name": "b", "addr": null}, "tags": null}\n')
    df = s.read.json(p)
    return df.select("u.name", "u.addr.city", F.size("tags").alias("n"))


@case
def rj_nested_schema(s, F, T):
    p = jsonf('{"u": {"name": "a", "addr": {"city": "X"}}, "tags": ["t1", "t2"]}\n')
    return s.read.json(p).schema.simpleString()


@case
def rj_array_of_structs_explode(s, F, T):
    p = jsonf('{"id": 1, "items": [{"sku": "a", "q": 2}, {"sku": "b", "q": 1}]}\n{"id": 2, "items": []}\n')
    df = s.read.json(p)
    return df.select("id", F.explode("items").alias("it")).select("id", "it.sku", "it.q")


@case
def rj_array_mixed_elem_types(s, F, T):
    p = jsonf('{"a": [1, "x", 2.5]}\n')
    return s.read.json(p)


@case
def rj_empty_file(s, F, T):
    p = jsonf("")
    df = s.read.json(p)
    return [df.count(), df.columns]


@case
def rj_blank_lines(s, F, T):
    p = jsonf('{"a": 1}\n\n   \n{"a": 2}\n')
    return s.read.json(p)


@case
def rj_date_format_schema(s, F, T):
    p = jsonf('{"d": "05/01/2024", "t": "2024-01-05 10:30:00"}\n')
    return s.read.json(p, schema="d date, t timestamp", dateFormat="dd/MM/yyyy")


@case
def rj_timestamp_infer(s, F, T):
    p = jsonf('{"t": "2024-01-05T10:30:00"}\n')
    return s.read.json(p).dtypes


@case
def rj_infer_timestamp_option(s, F, T):
    p = jsonf('{"t": "2024-01-05T10:30:00"}\n')
    return s.read.option("inferTimestamp", "true").json(p).dtypes


@case
def rj_directory_and_glob(s, F, T):
    d = tmp()
    wfile(d, "a.json", '{"x": 1}\n')
    wfile(d, "b.json", '{"x": 2, "y": "n"}\n')
    wfile(d, "c.txt", '{"x": 3}\n')
    return s.read.json(os.path.join(d, "*.json"))


@case
def rj_rdd_of_strings(s, F, T):
    rdd = s.sparkContext.parallelize(['{"a": 1}', '{"a": 2, "b": "x"}'])
    return s.read.json(rdd)


@case
def rj_line_sep(s, F, T):
    p = jsonf('{"a": 1}|{"a": 2}')
    return s.read.json(p, lineSep="|")


@case
def rj_sampling_ratio_types(s, F, T):
    p = jsonf("".join('{"a": %d}\n' % i for i in range(20)) + '{"a": "x"}\n')
    return s.read.json(p, samplingRatio=1.0).dtypes


@case
def rj_case_sensitive_dup_keys(s, F, T):
    p = jsonf('{"a": 1, "A": 2}\n')
    return s.read.json(p)


@case
def rj_duplicate_key_same_case(s, F, T):
    p = jsonf('{"a": 1, "a": 2}\n')
    return s.read.json(p)


@case
def rj_schema_missing_path_error(s, F, T):
    return s.read.json(os.path.join(tmp(), "none.json"))


@case
def rj_unicode_escape(s, F, T):
    p = jsonf('{"a": "caf\\u00e9 \\ud83d\\ude00"}\n')
    return s.read.json(p)


@case
def rj_bool_schema_from_string(s, F, T):
    p = jsonf('{"a": "true"}\n{"a": true}\n')
    return s.read.json(p, schema="a boolean")


@case
def rj_long_schema_from_float(s, F, T):
    p = jsonf('{"a": 1.0}\n{"a": 2.7}\n')
    return s.read.json(p, schema="a long")


@case
def rj_map_schema(s, F, T):
    p = jsonf('{"m": {"x": 1, "y": 2}}\n{"m": {}}\n')
    return s.read.json(p, schema="m map<string,int>")


# =============================================================== parquet
@case
def rp_roundtrip_basic(s, F, T):
    d = os.path.join(tmp(), "p")
    people(s).write.parquet(d)
    return s.read.parquet(d)


@case
def rp_merge_schema(s, F, T):
    d = tmp()
    s.createDataFrame([(1, "a")], "id int, x string").write.parquet(os.path.join(d, "k=1"))
    s.createDataFrame([(2, 2.5)], "id int, y double").write.parquet(os.path.join(d, "k=2"))
    return s.read.option("mergeSchema", "true").parquet(d)


@case
def rp_no_merge_schema_columns(s, F, T):
    d = tmp()
    s.createDataFrame([(1, "a")], "id int, x string").write.parquet(os.path.join(d, "k=1"))
    s.createDataFrame([(2, "b")], "id int, x string").write.parquet(os.path.join(d, "k=2"))
    return s.read.parquet(d)


@case
def rp_merge_schema_conflict(s, F, T):
    d = tmp()
    s.createDataFrame([(1,)], "v int").write.parquet(os.path.join(d, "k=1"))
    s.createDataFrame([("x",)], "v string").write.parquet(os.path.join(d, "k=2"))
    return s.read.parquet(d, mergeSchema=True)


@case
def rp_merge_schema_int_long(s, F, T):
    d = tmp()
    s.createDataFrame([(1,)], "v int").write.parquet(os.path.join(d, "k=1"))
    s.createDataFrame([(2**40,)], "v bigint").write.parquet(os.path.join(d, "k=2"))
    return s.read.parquet(d, mergeSchema=True)


@case
def rp_partition_type_inference(s, F, T):
    d = tmp()
    for k, v, x in [("1", "2024-01-01", "a"), ("2", "2024-01-02", "b")]:
        s.createDataFrame([(x,)], "x string").write.parquet(os.path.join(d, f"year={k}", f"day={v}"))
    return s.read.parquet(d)


@case
def rp_partition_inference_double_and_string(s, F, T):
    d = tmp()
    for k in ["1.5", "abc", "10"]:
        s.createDataFrame([(k,)], "orig string").write.parquet(os.path.join(d, f"k={k}"))
    return s.read.parquet(d)


@case
def rp_partition_inference_off(s, F, T):
    d = tmp()
    for k in ["1", "2"]:
        s.createDataFrame([(k,)], "orig string").write.parquet(os.path.join(d, f"k={k}"))
    s.conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
    try:
        return s.read.parquet(d).dtypes
    finally:
        s.conf.unset("spark.sql.sources.partitionColumnTypeInference.enabled")


@case
def rp_partition_leading_zeros(s, F, T):
    d = tmp()
    for k in ["01", "02"]:
        s.createDataFrame([(k,)], "orig string").write.parquet(os.path.join(d, f"code={k}"))
    return s.read.parquet(d)


@case
def rp_partition_hive_default(s, F, T):
    d = tmp()
    s.createDataFrame([(1,)], "v int").write.parquet(os.path.join(d, "k=__HIVE_DEFAULT_PARTITION__"))
    s.createDataFrame([(2,)], "v int").write.parquet(os.path.join(d, "k=5"))
    return s.read.parquet(d)


@case
def rp_partition_url_escaped(s, F, T):
    d = tmp()
    s.createDataFrame([(1,)], "v int").write.parquet(os.path.join(d, "k=a%2Fb"))
    s.createDataFrame([(2,)], "v int").write.parquet(os.path.join(d, "k=c%20d"))
    return s.read.parquet(d)


@case
def rp_read_one_partition_dir(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a"), (2, "b")], "v int, k string").write.partitionBy("k").parquet(d)
    return s.read.parquet(os.path.join(d, "k=a"))


@case
def rp_base_path(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a"), (2, "b")], "v int, k string").write.partitionBy("k").parquet(d)
    return s.read.option("basePath", d).parquet(os.path.join(d, "k=a"))


@case
def rp_base_path_glob(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a"), (2, "b"), (3, "c")], "v int, k string").write.partitionBy("k").parquet(d)
    return s.read.option("basePath", d).parquet(os.path.join(d, "k=[ab]"))


@case
def rp_recursive_file_lookup(s, F, T):
    d = tmp()
    s.createDataFrame([(1,)], "v int").write.parquet(os.path.join(d, "x", "k=1"))
    s.createDataFrame([(2,)], "v int").write.parquet(os.path.join(d, "y", "z"))
    return s.read.option("recursiveFileLookup", "true").parquet(d)


@case
def rp_nested_dirs_no_recursive(s, F, T):
    d = tmp()
    s.createDataFrame([(1,)], "v int").write.parquet(os.path.join(d, "x"))
    s.createDataFrame([(2,)], "v int").write.parquet(os.path.join(d, "y"))
    return s.read.parquet(d)


@case
def rp_path_glob_filter(s, F, T):
    d = tmp()
    wfile(d, "a.csv", "x\n1\n")
    wfile(d, "b.txt", "x\n2\n")
    wfile(d, "c.csv", "x\n3\n")
    return s.read.option("pathGlobFilter", "*.csv").csv(d, header=True)


@case
def rp_path_glob_filter_parquet(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1,)], "v int").coalesce(1).write.parquet(d)
    return s.read.parquet(d, pathGlobFilter="*.nothing")


@case
def rp_multiple_paths(s, F, T):
    d = tmp()
    s.createDataFrame([(1,)], "v int").write.parquet(os.path.join(d, "a"))
    s.createDataFrame([(2,)], "v int").write.parquet(os.path.join(d, "b"))
    return s.read.parquet(os.path.join(d, "a"), os.path.join(d, "b"))


@case
def rp_missing_path(s, F, T):
    return s.read.parquet(os.path.join(tmp(), "nope"))


@case
def rp_empty_dir(s, F, T):
    return s.read.parquet(tmp())


@case
def rp_user_schema_subset(s, F, T):
    d = os.path.join(tmp(), "p")
    people(s).write.parquet(d)
    return s.read.schema("name string, age long").parquet(d)


@case
def rp_user_schema_missing_col(s, F, T):
    d = os.path.join(tmp(), "p")
    s.createDataFrame([(1,)], "a int").write.parquet(d)
    return s.read.schema("a int, zz string").parquet(d)


@case
def rp_user_schema_wrong_type(s, F, T):
    d = os.path.join(tmp(), "p")
    s.createDataFrame([(1,)], "a int").write.parquet(d)
    return s.read.schema("a string").parquet(d)


@case
def rp_filter_on_partition(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(i, i % 3) for i in range(9)], "v int, k int").write.partitionBy("k").parquet(d)
    return s.read.parquet(d).filter("k = 1").select("v", "k")


@case
def rp_partition_column_order(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a", 2)], "v int, k string, w int").write.partitionBy("k").parquet(d)
    return s.read.parquet(d).columns


@case
def rp_partition_and_data_same_name(s, F, T):
    d = tmp()
    s.createDataFrame([(1, "x")], "v int, k string").write.parquet(os.path.join(d, "k=y"))
    return s.read.parquet(d)


@case
def rp_sql_on_file(s, F, T):
    d = os.path.join(tmp(), "p")
    s.createDataFrame([(1, "a"), (2, "b")], "id int, v string").write.parquet(d)
    return s.sql(f"SELECT * FROM parquet.`{d}` WHERE id > 1")


@case
def rp_sql_on_csv_file(s, F, T):
    p = csvf("a,b\n1,2\n")
    return s.sql(f"SELECT * FROM csv.`{p}`")


@case
def rp_modified_after(s, F, T):
    d = tmp()
    wfile(d, "a.csv", "x\n1\n")
    return s.read.csv(d, header=True, modifiedAfter="2000-01-01T00:00:00")


@case
def rp_modified_before_excludes(s, F, T):
    d = tmp()
    wfile(d, "a.csv", "x\n1\n")
    return s.read.csv(d, header=True, modifiedBefore="2000-01-01T00:00:00").count()


# =============================================================== text
@case
def rt_text_lines(s, F, T):
    p = wfile(tmp(), "a.txt", "line one\nline two\n\nlast")
    return s.read.text(p)


@case
def rt_text_schema(s, F, T):
    p = wfile(tmp(), "a.txt", "x\n")
    return s.read.text(p).dtypes


@case
def rt_wholetext(s, F, T):
    d = tmp()
    wfile(d, "a.txt", "a1\na2\n")
    wfile(d, "b.txt", "b1\n")
    return s.read.text(d, wholetext=True)


@case
def rt_line_sep(s, F, T):
    p = wfile(tmp(), "a.txt", "a;b;c")
    return s.read.text(p, lineSep=";")


@case
def rt_crlf(s, F, T):
    p = wfile(tmp(), "a.txt", "a\r\nb\r\n")
    return s.read.text(p)


@case
def rt_glob_dir(s, F, T):
    d = tmp()
    wfile(d, "a.log", "x\n")
    wfile(d, "b.log", "y\nz\n")
    wfile(d, "c.txt", "q\n")
    return s.read.text(os.path.join(d, "*.log"))


@case
def rt_text_format_load(s, F, T):
    p = wfile(tmp(), "a.txt", "hello\n")
    return s.read.format("text").load(p)


@case
def rt_text_split_parse(s, F, T):
    p = wfile(tmp(), "log.txt", "2024-01-01 INFO start\n2024-01-01 ERROR boom\n2024-01-02 INFO end\n")
    df = s.read.text(p)
    parts = F.split("value", " ")
    return df.select(parts[0].alias("d"), parts[1].alias("lvl")).groupBy("lvl").count()


@case
def rt_missing(s, F, T):
    return s.read.text(os.path.join(tmp(), "none.txt"))


@case
def rt_empty_file(s, F, T):
    p = wfile(tmp(), "e.txt", "")
    return s.read.text(p)


@case
def rt_text_with_schema_arg(s, F, T):
    p = wfile(tmp(), "a.txt", "x\n")
    return s.read.schema("line string").text(p)


@case
def rt_text_file_rdd(s, F, T):
    p = wfile(tmp(), "a.txt", "a\nb\n\nc\n")
    return s.sparkContext.textFile(p).collect()


@case
def rt_whole_text_files_rdd(s, F, T):
    d = tmp()
    wfile(d, "a.txt", "A")
    wfile(d, "b.txt", "B\n")
    return sorted((os.path.basename(k), v) for k, v in s.sparkContext.wholeTextFiles(d).collect())


# =============================================================== read.table / orc / misc
@case
def rr_read_table_temp_view(s, F, T):
    people(s).createOrReplaceTempView("rr_people_v")
    return s.read.table("rr_people_v").filter("age > 30").select("name")


@case
def rr_read_table_missing(s, F, T):
    return s.read.table("rr_no_such_table")


@case
def rr_orc_roundtrip(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a"), (2, None)], "id int, v string").write.orc(d)
    return s.read.orc(d)


@case
def rr_csv_from_rdd_strings(s, F, T):
    rdd = s.sparkContext.parallelize(["a,b", "1,2", "3,4"])
    return s.read.csv(rdd, header=True, inferSchema=True)


@case
def rr_schema_then_json_reader_reuse(s, F, T):
    r = s.read.schema("a int")
    p1 = jsonf('{"a": 1, "b": 2}\n')
    return r.json(p1)


@case
def rr_csv_reader_option_none(s, F, T):
    p = csvf("a,b\n1,2\n")
    return s.read.csv(p, header=True, sep=None)


# --------------------------------------------------------------- follow-ups added after the first comparison
@case
def rj_array_with_null_infer(s, F, T):
    p = jsonf('{"a": [1, null, 3]}\n{"a": [null]}\n')
    return s.read.json(p)


@case
def rj_binary_schema_base64(s, F, T):
    p = jsonf('{"b": "AP8="}\n')
    return s.read.json(p, schema="b binary")


@case
def rj_crlf_lines_count(s, F, T):
    p = jsonf('{"a": 1}\r\n{"a": 2}\r\n')
    return s.read.json(p).count()


@case
def rj_array_then_empty_array_infer(s, F, T):
    p = jsonf('{"a": [1, null, 3]}\n{"b": 1}\n{"a": []}\n')
    return s.read.json(p)


@case
def rj_two_files_empty_array_merge(s, F, T):
    d = tmp()
    wfile(d, "a.json", '{"a": [1, 2]}\n')
    wfile(d, "b.json", '{"a": []}\n')
    return s.read.json(d)
