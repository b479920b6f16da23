"""Differential probe: PySpark 4 vs dfengine.

usage: probe.py run pyspark|dfengine     -> writes out_<engine>.json
       probe.py compare                  -> writes report.md
"""
import datetime as _dt
import decimal as _dec
import inspect
import json
import math
import os
import signal
import sys
import textwrap
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = []


def case(fn=None, *, ordered=False):
    def deco(f):
        f._ordered = ordered
        CASES.append(f)
        return f
    if fn is not None:
        return deco(fn)
    return deco


# ---------------------------------------------------------------- data helpers
PEOPLE = [(1, "Alice", 34, "NY", 5000.0), (2, "Bob", None, "LA", 4000.5),
          (3, "Cathy", 29, None, None), (4, "dave", 45, "NY", 7000.0),
          (5, "Eve", 29, "SF", 3000.0), (6, "Frank", 52, "LA", 6100.25)]


def people(s):
    return s.createDataFrame(PEOPLE, ["id", "name", "age", "city", "salary"])


def sales(s):
    data = [("2024-01", "A", "x", 10), ("2024-01", "B", "x", 20), ("2024-01", "A", "y", 5),
            ("2024-02", "A", "x", 7), ("2024-02", "B", "y", 3), ("2024-02", "B", "y", 4),
            ("2024-03", "A", None, 1)]
    return s.createDataFrame(data, "month string, store string, product string, qty int")


def emp(s):
    data = [("sales", "a", 100, 1), ("sales", "b", 200, 2), ("sales", "c", 200, 3),
            ("sales", "d", 50, 4), ("hr", "e", 300, 1), ("hr", "f", None, 2),
            ("hr", "g", 150, 3), ("it", "h", 400, 1)]
    return s.createDataFrame(data, "dept string, name string, sal int, seq int")


def strs(s):
    data = [(1, "hello world"), (2, "Straße"), (3, "élan vital"), (4, None), (5, ""),
            (6, "  padded  "), (7, "日本語テキスト"), (8, "emoji😀x"), (9, "a,b,,c")]
    return s.createDataFrame(data, "id int, s string")


def dates(s):
    data = [(1, "2024-01-31", "2024-01-31 23:59:58"), (2, "2024-02-29", "2024-02-29 00:00:00"),
            (3, "2023-12-31", "2023-12-31 12:30:45"), (4, None, None), (5, "2000-03-01", "2000-03-01 06:07:08")]
    return s.createDataFrame(data, "id int, d string, ts string")


def arrs(s):
    data = [(1, [3, 1, 2], {"a": 1, "b": 2}), (2, [], {}), (3, None, None), (4, [5, None, 5], {"z": None})]
    return s.createDataFrame(data, "id int, arr array<int>, m map<string,int>")


# =============================================================== basic columns
@case
def wc_arith(s, F, T):
    return people(s).select("id", (F.col("age") * 2).alias("a2"), (F.col("age") / 2).alias("ah"),
                            (F.col("salary") + F.col("age")).alias("sa"))


@case
def wc_int_div_type(s, F, T):
    return s.createDataFrame([(7, 2), (-7, 2), (7, -3)], "a int, b int").select(
        F.col("a") / F.col("b"), F.col("a") % F.col("b"), F.expr("a div b"), F.pmod("a", "b"))


@case
def col_names_exprs(s, F, T):
    df = people(s)
    return df.select(F.col("age") + 1, F.lit(1), F.upper("name"), F.col("age").cast("string"),
                     F.col("name").substr(1, 2), -F.col("age"), F.col("age").isNull(), ~(F.col("age") > 1),
                     F.col("age") == 1, F.col("name").isin("a", "b"), F.coalesce("age", F.lit(0)), F.abs("age")).limit(1)


@case
def col_names_when(s, F, T):
    return people(s).select(F.when(F.col("age") > 30, "old").otherwise("young"), F.when(F.col("age") > 40, 1)).orderBy(F.lit(1))


@case
def col_names_agg_default(s, F, T):
    return people(s).groupBy("city").agg(F.count("*"), F.count("age"), F.avg("salary"), F.sum("age"),
                                         F.countDistinct("age"), F.max("name")).orderBy("city")


@case
def col_names_agg_dict(s, F, T):
    return people(s).groupBy("city").agg({"age": "max", "salary": "avg", "*": "count"}).orderBy("city")


@case
def col_names_groupby_count(s, F, T):
    return people(s).groupBy("city").count().orderBy(F.col("city").asc_nulls_first())


@case
def col_names_cast_expr(s, F, T):
    return people(s).select(F.col("age").cast(T.DoubleType()), F.expr("cast(age as string)"),
                            F.expr("age::string"), (F.col("age") + 1).cast("long")).limit(2)


@case
def with_column_renamed_missing(s, F, T):
    return people(s).withColumnRenamed("nope", "x").withColumnRenamed("age", "AGE").limit(1)


@case
def drop_missing(s, F, T):
    return people(s).drop("nope", "city").limit(1)


@case
def drop_col_obj_missing(s, F, T):
    return people(s).drop(F.col("nope")).limit(1)


@case
def select_missing(s, F, T):
    return people(s).select("nope")


@case
def filter_missing_str(s, F, T):
    return people(s).filter("agee > 3")


@case
def case_insensitive_col(s, F, T):
    return people(s).select("NAME", F.col("Age")).orderBy("ID")


@case
def with_column_replace(s, F, T):
    return people(s).withColumn("age", F.col("age") + 1).withColumn("new", F.lit(None)).orderBy("id")


@case
def with_columns_dict(s, F, T):
    return people(s).withColumns({"a": F.col("id") * 10, "b": F.lit("k")}).withColumnsRenamed({"a": "A", "zz": "q"}).orderBy("id")


@case
def todf_rename(s, F, T):
    return people(s).toDF("a", "b", "c", "d", "e").orderBy("a")


@case
def todf_wrong_count(s, F, T):
    return people(s).toDF("a", "b")


@case
def when_chain(s, F, T):
    return people(s).select("id", F.when(F.col("age") < 30, "young").when(F.col("age") < 50, "mid")
                            .otherwise(F.col("city")).alias("bucket")).orderBy("id")


@case
def when_no_otherwise_null(s, F, T):
    return people(s).select("id", F.when(F.col("city") == "NY", 1).alias("ny")).orderBy("id")


@case
def when_type_mix(s, F, T):
    return people(s).select("id", F.when(F.col("age") > 30, 1).otherwise(F.lit(2.5)).alias("x")).orderBy("id")


@case
def when_type_mix_str_int(s, F, T):
    return people(s).select("id", F.when(F.col("age") > 30, F.lit("a")).otherwise(F.lit(1)).alias("x")).orderBy("id")


@case
def coalesce_nvl(s, F, T):
    return people(s).select("id", F.coalesce("age", F.lit(0)).alias("c"), F.nvl("city", F.lit("?")),
                            F.expr("nvl2(age, 'has', 'none')"), F.expr("ifnull(salary, -1)")).orderBy("id")


@case
def coalesce_type_mix(s, F, T):
    return people(s).select("id", F.coalesce("age", "salary").alias("c")).orderBy("id")


@case
def isin_list(s, F, T):
    return people(s).filter(F.col("city").isin(["NY", "SF"])).select("id").orderBy("id")


@case
def isin_with_none(s, F, T):
    return people(s).select("id", F.col("city").isin("NY", None).alias("x")).orderBy("id")


@case
def isin_type_coerce(s, F, T):
    return people(s).filter(F.col("age").isin("29", "45")).select("id").orderBy("id")


@case
def not_isin(s, F, T):
    return people(s).filter(~F.col("city").isin("NY")).select("id").orderBy("id")


@case
def between_cols(s, F, T):
    return people(s).select("id", F.col("age").between(29, 34).alias("b"), F.col("salary").between(3000, 5000.0)).orderBy("id")


@case
def like_rlike(s, F, T):
    df = people(s)
    return df.select("id", F.col("name").like("%a%"), F.col("name").rlike("^[A-C]"), F.col("name").ilike("D%"),
                     F.col("name").startswith("A"), F.col("name").endswith("e"), F.col("name").contains("v")).orderBy("id")


@case
def like_escape_underscore(s, F, T):
    df = s.createDataFrame([("a_b",), ("axb",), ("a%b",), ("A_B",)], ["s"])
    return df.select("s", F.col("s").like("a\\_b"), F.col("s").like("a_b"), F.col("s").like("a\\%b")).orderBy("s")


@case
def rlike_partial(s, F, T):
    df = s.createDataFrame([("abc123",), ("ABC",), (None,)], ["s"])
    return df.select("s", F.col("s").rlike("\\d+"), F.col("s").rlike("(?i)abc"), F.col("s").rlike("^abc$")).orderBy("s")


@case
def null_compare(s, F, T):
    df = people(s)
    return df.select("id", (F.col("city") != "NY").alias("ne"), F.col("city").eqNullSafe("NY"),
                     (F.col("age") > 30) & (F.col("city") == "LA"), (F.col("age") > 100) | F.col("city").isNull()).orderBy("id")


@case
def null_bool_logic(s, F, T):
    df = s.createDataFrame([(True,), (False,), (None,)], "b boolean")
    return df.select("b", F.col("b") & F.lit(None).cast("boolean"), F.col("b") | F.lit(None).cast("boolean"), ~F.col("b")).orderBy("b")


@case
def filter_ne_drops_null(s, F, T):
    return people(s).filter(F.col("city") != "NY").select("id").orderBy("id")


@case
def greatest_least(s, F, T):
    df = s.createDataFrame([(1, None, 3), (None, None, None), (5, 2, None)], "a int, b int, c int")
    return df.select(F.greatest("a", "b", "c"), F.least("a", "b", "c")).orderBy(F.lit(1))


@case
def greatest_mixed_types(s, F, T):
    return people(s).select("id", F.greatest("age", "salary").alias("g")).orderBy("id")


# =============================================================== casts
@case
def cast_bad_string_int(s, F, T):
    return s.createDataFrame([("12",), ("abc",)], ["s"]).select(F.col("s").cast("int")).collect() and \
        s.createDataFrame([("12",), ("abc",)], ["s"]).select(F.col("s").cast("int"))


@case
def cast_decimal_string_int(s, F, T):
    return s.createDataFrame([("1.5",), (" 7 ",), ("-0",)], ["s"]).select("s", F.col("s").cast("int"))


@case
def try_cast_expr(s, F, T):
    return s.createDataFrame([("12",), ("abc",), (None,), ("1e3",)], ["s"]).select(
        "s", F.expr("try_cast(s as int)"), F.col("s").try_cast("double")).orderBy("s")


@case
def cast_double_overflow_int(s, F, T):
    return s.createDataFrame([(1e20,)], ["x"]).select(F.col("x").cast("int"))


@case
def cast_double_to_int_trunc(s, F, T):
    return s.createDataFrame([(2.7,), (-2.7,), (float("nan"),)], ["x"]).select("x", F.col("x").cast("int"))


@case
def cast_double_nan_long(s, F, T):
    return s.createDataFrame([(float("nan"),)], ["x"]).select(F.col("x").cast("long"))


@case
def cast_bool_strings(s, F, T):
    return s.createDataFrame([("true",), ("FALSE",), ("1",), ("0",), ("yes",), ("t",), ("n",)], ["s"]).select("s", F.col("s").cast("boolean")).orderBy("s")


@case
def cast_bool_bad(s, F, T):
    return s.createDataFrame([("maybe",)], ["s"]).select(F.col("s").cast("boolean"))


@case
def cast_bool_to_string_int(s, F, T):
    return s.createDataFrame([(True,), (False,)], ["b"]).select(F.col("b").cast("string"), F.col("b").cast("int"), F.col("b").cast("double")).orderBy(F.col("b").cast("int"))


@case
def cast_double_to_string(s, F, T):
    return s.createDataFrame([(1.0,), (0.1,), (1e20,), (1.5e-7,), (123456789.125,), (-0.0,)], ["x"]).select(
        "x", F.col("x").cast("string")).orderBy("x")


@case
def cast_float_to_string(s, F, T):
    return s.createDataFrame([(0.1,), (3.0,)], ["x"]).select(F.col("x").cast("float").cast("string"), F.col("x").cast("float")).orderBy(F.col("x"))


@case
def cast_invalid_date(s, F, T):
    return s.createDataFrame([("2024-02-30",)], ["s"]).select(F.col("s").cast("date"))


@case
def cast_date_forms(s, F, T):
    return s.createDataFrame([("2024-1-5",), ("2024-01-05T10:00:00",), ("2024",), ("2024-03",), (" 2024-01-05 ",)], ["s"]).select(
        "s", F.col("s").cast("date")).orderBy("s")


@case
def cast_ts_string(s, F, T):
    return s.createDataFrame([("2024-01-05 10:11:12.5",), ("2024-01-05",), ("2024-01-05T01:02:03Z",)], ["s"]).select(
        "s", F.col("s").cast("timestamp"), F.col("s").cast("timestamp").cast("string").alias("back")).orderBy("s")


@case
def cast_chain(s, F, T):
    return s.createDataFrame([("3.99",)], ["s"]).select(F.col("s").cast("double").cast("int").cast("string"),
                                                        F.col("s").cast("decimal(10,1)"), F.col("s").cast("decimal(3,0)"))


@case
def cast_decimal_overflow(s, F, T):
    return s.createDataFrame([("12345.678",)], ["s"]).select(F.col("s").cast("decimal(4,2)"))


@case
def cast_int_to_date(s, F, T):
    return s.createDataFrame([(1,)], ["x"]).select(F.col("x").cast("date"))


@case
def cast_ts_to_long(s, F, T):
    return s.createDataFrame([("2024-01-01 00:00:01",)], ["s"]).select(F.col("s").cast("timestamp").cast("long"),
                                                                      F.col("s").cast("timestamp").cast("double"))


@case
def cast_long_to_ts(s, F, T):
    return s.createDataFrame([(86400,)], ["x"]).select(F.col("x").cast("timestamp"))


@case
def cast_array_to_string(s, F, T):
    return arrs(s).select("id", F.col("arr").cast("string"), F.col("m").cast("string")).orderBy("id")


@case
def cast_struct_to_string(s, F, T):
    return people(s).select(F.struct("id", "name", "age").cast("string").alias("x")).orderBy("x")


@case
def cast_int_overflow_byte(s, F, T):
    return s.createDataFrame([(300,)], ["x"]).select(F.col("x").cast("byte"))


@case
def string_plus_int(s, F, T):
    return s.createDataFrame([("1",), ("x",)], ["s"]).select(F.col("s") + 1)


@case
def string_plus_int_ok(s, F, T):
    return s.createDataFrame([("1",), ("2.5",)], ["s"]).select(F.col("s") + 1, F.col("s") * 2).orderBy(F.col("s"))


# =============================================================== arithmetic errors
@case
def div_by_zero_int(s, F, T):
    return s.createDataFrame([(1, 0)], "a int, b int").select(F.col("a") / F.col("b"))


@case
def div_by_zero_double(s, F, T):
    return s.createDataFrame([(1.0, 0.0)], "a double, b double").select(F.col("a") / F.col("b"))


@case
def mod_by_zero(s, F, T):
    return s.createDataFrame([(1, 0)], "a int, b int").select(F.col("a") % F.col("b"))


@case
def try_divide(s, F, T):
    return s.createDataFrame([(1, 0), (6, 4)], "a int, b int").select(F.try_divide("a", "b"), F.expr("try_add(a, 2147483647)")).orderBy(F.lit(1))


@case
def int_overflow_mul(s, F, T):
    return s.createDataFrame([(2147483647,)], "a int").select(F.col("a") * 2)


@case
def long_overflow_sum(s, F, T):
    return s.createDataFrame([(9223372036854775807,), (1,)], "a long").agg(F.sum("a"))


@case
def int_sum_widen(s, F, T):
    return s.createDataFrame([(2147483647,), (1,)], "a int").agg(F.sum("a"))


@case
def int_plus_literal_widen(s, F, T):
    return s.createDataFrame([(2147483647,)], "a int").select(F.col("a") + F.lit(1), F.col("a") + 1.0)


@case
def div_null_zero_skip(s, F, T):
    df = s.createDataFrame([(1, 0, False), (4, 2, True)], "a int, b int, ok boolean")
    return df.select(F.when(F.col("ok"), F.col("a") / F.col("b")).alias("x")).orderBy("x")


@case
def round_modes(s, F, T):
    df = s.createDataFrame([(2.5,), (-2.5,), (0.125,), (1.005,), (3.5,)], ["x"])
    return df.select("x", F.round("x"), F.round("x", 2), F.bround("x"), F.round("x", -1)).orderBy("x")


@case
def round_int_neg(s, F, T):
    return s.createDataFrame([(1250,), (1350,)], "x int").select("x", F.round("x", -2), F.ceil(F.col("x") / 100), F.floor(F.lit(-1.5))).orderBy("x")


@case
def math_funcs(s, F, T):
    df = s.createDataFrame([(4.0,), (-1.0,), (0.0,)], ["x"])
    return df.select("x", F.sqrt("x"), F.log("x"), F.log10("x"), F.exp(F.lit(0)), F.pow("x", 0.5), F.signum("x"), F.abs("x")).orderBy("x")


@case
def log_base(s, F, T):
    return s.createDataFrame([(8.0,)], ["x"]).select(F.log(2.0, "x"), F.log2("x"), F.log1p("x"), F.cbrt("x"))


@case
def ceil_floor_types(s, F, T):
    return s.createDataFrame([(1.2,)], ["x"]).select(F.ceil("x"), F.floor("x"), F.ceil(F.col("x").cast("decimal(5,2)")))


@case
def decimal_arith(s, F, T):
    df = s.createDataFrame([(_dec.Decimal("1.10"), _dec.Decimal("3.333"))], "a decimal(5,2), b decimal(6,3)")
    return df.select(F.col("a") + F.col("b"), F.col("a") * F.col("b"), F.col("a") / F.col("b"))


@case
def decimal_agg_types(s, F, T):
    df = s.createDataFrame([(_dec.Decimal("1.10"),), (_dec.Decimal("2.25"),)], "a decimal(5,2)")
    return df.agg(F.sum("a"), F.avg("a"), F.max("a"))


# =============================================================== strings
@case
def str_case_unicode(s, F, T):
    return strs(s).select("id", F.upper("s"), F.lower("s"), F.initcap("s"), F.length("s")).orderBy("id")


@case
def str_substring(s, F, T):
    return strs(s).select("id", F.substring("s", 0, 3), F.substring("s", 2, 3), F.substring("s", -3, 2),
                          F.col("s").substr(100, 2)).orderBy("id")


@case
def str_concat_null(s, F, T):
    return people(s).select("id", F.concat("name", F.lit("-"), "city"), F.concat_ws("-", "name", "city", "age")).orderBy("id")


@case
def str_concat_types(s, F, T):
    return people(s).select("id", F.concat("name", "age"), F.concat("age", "salary")).orderBy("id")


@case
def str_pad(s, F, T):
    return strs(s).select("id", F.lpad("s", 6, "*"), F.rpad("s", 3, "ab"), F.lpad("s", 8, "")).orderBy("id")


@case
def str_trim(s, F, T):
    return strs(s).select("id", F.trim("s"), F.ltrim("s"), F.rtrim("s"), F.length(F.trim("s")),
                          F.btrim(F.col("s"), F.lit("pad "))).orderBy("id")


@case
def str_trim_chars(s, F, T):
    df = s.createDataFrame([("xxhixx",), ("\tt\n",)], ["s"])
    return df.select("s", F.trim("s", "x"), F.expr("trim(BOTH 'x' FROM s)"), F.expr("trim(LEADING 'x' FROM s)"), F.trim("s")).orderBy("s")


@case
def str_instr_locate(s, F, T):
    return strs(s).select("id", F.instr("s", "l"), F.locate("l", "s"), F.locate("l", "s", 5), F.instr("s", "")).orderBy("id")


@case
def str_split(s, F, T):
    return strs(s).select("id", F.split("s", ","), F.split("s", ",", 2), F.split("s", " "), F.split("s", "")).orderBy("id")


@case
def str_split_regex(s, F, T):
    df = s.createDataFrame([("a1b22c333d",), ("a.b.c",)], ["s"])
    return df.select("s", F.split("s", "[0-9]+"), F.split("s", "."), F.split("s", "\\."), F.split("s", "[0-9]+", -1)).orderBy("s")


@case
def str_split_part(s, F, T):
    return strs(s).select("id", F.split_part("s", F.lit(","), F.lit(2)), F.split_part("s", F.lit(","), F.lit(-1)),
                          F.split_part("s", F.lit(","), F.lit(10))).orderBy("id")


@case
def str_regexp_extract(s, F, T):
    df = s.createDataFrame([("order-123-x",), ("none",), (None,), ("a-1-b-22",)], ["s"])
    return df.select("s", F.regexp_extract("s", "(\\w+)-(\\d+)", 2), F.regexp_extract("s", "(\\d+)", 0),
                     F.regexp_extract("s", "z(\\d)?", 1)).orderBy("s")


@case
def str_regexp_extract_bad_group(s, F, T):
    return s.createDataFrame([("a1",)], ["s"]).select(F.regexp_extract("s", "(\\d)", 3))


@case
def str_regexp_replace(s, F, T):
    df = s.createDataFrame([("John Smith",), ("a.b.c",), (None,)], ["s"])
    return df.select("s", F.regexp_replace("s", "(\\w+) (\\w+)", "$2, $1"), F.regexp_replace("s", "\\.", "/"),
                     F.regexp_replace("s", "", "-"), F.regexp_replace("s", "[aeiou]", "")).orderBy("s")


@case
def str_regexp_extract_all(s, F, T):
    df = s.createDataFrame([("a1b22c333",)], ["s"])
    return df.select(F.regexp_extract_all("s", F.lit("(\\d+)"), 1), F.regexp_count("s", F.lit("\\d")),
                     F.expr("regexp_like(s, '^a')"), F.regexp_substr("s", F.lit("\\d+")))


@case
def str_translate_reverse_repeat(s, F, T):
    return strs(s).select("id", F.translate("s", "lo", "0"), F.reverse("s"), F.repeat("s", 2)).orderBy("id")


@case
def str_format_string(s, F, T):
    return people(s).select("id", F.format_string("%s is %d", "name", "age"), F.format_string("%.2f|%5s", "salary", "city")).orderBy("id")


@case
def str_format_number(s, F, T):
    df = s.createDataFrame([(1234567.891,), (0.5,), (-1.5,), (None,)], "x double")
    return df.select("x", F.format_number("x", 2), F.format_number("x", 0)).orderBy("x")


@case
def str_ascii_base64(s, F, T):
    return strs(s).select("id", F.ascii("s"), F.base64(F.col("s").cast("binary")), F.hex("s"), F.md5("s"),
                          F.sha2("s", 256), F.crc32("s")).orderBy("id")


@case
def str_levenshtein_soundex(s, F, T):
    df = s.createDataFrame([("kitten", "sitting"), ("Robert", "Rupert"), ("", "abc")], ["a", "b"])
    return df.select("a", F.levenshtein("a", "b"), F.soundex("a"), F.soundex("b")).orderBy("a")


@case
def str_left_right_expr(s, F, T):
    return strs(s).select("id", F.expr("left(s, 3)"), F.expr("right(s, 3)"), F.expr("char_length(s)"),
                          F.expr("octet_length(s)"), F.bit_length("s")).orderBy("id")


@case
def str_overlay_mask(s, F, T):
    df = s.createDataFrame([("SPARK_SQL",)], ["s"])
    return df.select(F.overlay("s", F.lit("CORE"), 7), F.expr("mask('AbCd-123')"), F.expr("replace(s, '_', ' ')"))


@case
def str_compare_sort(s, F, T):
    df = s.createDataFrame([("b",), ("B",), ("a",), ("A",), ("é",), ("e",), ("Z",), ("",)], ["s"])
    return df.orderBy("s")


@case(ordered=True)
def str_sort_ordered(s, F, T):
    df = s.createDataFrame([("b",), ("B",), ("a",), ("A",), ("é",), ("e",), ("Z",), ("",), (None,)], ["s"])
    return df.orderBy("s")


@case
def str_contains_null_arg(s, F, T):
    return people(s).select("id", F.col("name").contains(F.col("city")), F.col("name").startswith(F.lit(None))).orderBy("id")


@case
def str_len_func_on_int(s, F, T):
    return people(s).select("id", F.length("age"), F.upper("age")).orderBy("id")


@case
def str_sentences_initcap(s, F, T):
    df = s.createDataFrame([("hello WORLD-foo bar_baz o'neil",)], ["s"])
    return df.select(F.initcap("s"))


# =============================================================== dates
@case
def date_to_date(s, F, T):
    return dates(s).select("id", F.to_date("d"), F.to_date("ts"), F.to_timestamp("ts"), F.to_date("ts", "yyyy-MM-dd HH:mm:ss")).orderBy("id")


@case
def date_to_date_format(s, F, T):
    df = s.createDataFrame([("15/03/2024",), ("01/12/1999",)], ["s"])
    return df.select("s", F.to_date("s", "dd/MM/yyyy"), F.to_timestamp("s", "dd/MM/yyyy")).orderBy("s")


@case
def date_to_date_bad_ansi(s, F, T):
    return s.createDataFrame([("2024-13-01",)], ["s"]).select(F.to_date("s"))


@case
def date_to_date_bad_format(s, F, T):
    return s.createDataFrame([("03/15/2024",)], ["s"]).select(F.to_date("s", "yyyy-MM-dd"))


@case
def date_try_to_timestamp(s, F, T):
    return s.createDataFrame([("03/15/2024",), ("2024-03-15",)], ["s"]).select("s", F.try_to_timestamp("s", F.lit("yyyy-MM-dd"))).orderBy("s")


@case
def date_format_patterns(s, F, T):
    return dates(s).select("id", F.date_format("ts", "yyyy/MM/dd HH:mm"), F.date_format("d", "EEEE"), F.date_format("d", "MMM"),
                           F.date_format("d", "E dd MMMM yy"), F.date_format("ts", "hh:mm a"), F.date_format("ts", "D")).orderBy("id")


@case
def date_format_more(s, F, T):
    return dates(s).select("id", F.date_format("ts", "yyyyMMdd"), F.date_format("ts", "Q"), F.date_format("ts", "w"),
                           F.date_format("ts", "u"), F.date_format("ts", "SSS"), F.date_format("ts", "'T'HH")).orderBy("id")


@case
def date_parts(s, F, T):
    return dates(s).select("id", F.year("d"), F.month("d"), F.dayofmonth("d"), F.dayofweek("d"), F.dayofyear("d"),
                           F.weekofyear("d"), F.quarter("d"), F.hour("ts"), F.minute("ts"), F.second("ts")).orderBy("id")


@case
def date_arith(s, F, T):
    return dates(s).select("id", F.date_add("d", 1), F.date_sub("d", 1), F.add_months("d", 1), F.add_months("d", -12),
                           F.last_day("d"), F.next_day("d", "Mon"), F.datediff(F.lit("2024-03-01"), "d")).orderBy("id")


@case
def date_months_between(s, F, T):
    return dates(s).select("id", F.months_between(F.lit("2024-03-31"), "d"), F.months_between(F.lit("2024-03-31"), "d", False)).orderBy("id")


@case
def date_trunc_funcs(s, F, T):
    return dates(s).select("id", F.trunc("d", "month"), F.trunc("d", "year"), F.trunc("d", "week"), F.date_trunc("hour", "ts"),
                           F.date_trunc("month", "ts"), F.date_trunc("quarter", "ts")).orderBy("id")


@case
def date_trunc_bad_unit(s, F, T):
    return dates(s).select("id", F.trunc("d", "bogus")).orderBy("id")


@case
def date_unix_ts(s, F, T):
    return dates(s).select("id", F.unix_timestamp("ts"), F.unix_timestamp("d", "yyyy-MM-dd"), F.from_unixtime(F.lit(0)),
                           F.from_unixtime(F.unix_timestamp("ts"), "yyyy-MM-dd")).orderBy("id")


@case
def date_unix_ts_bad(s, F, T):
    return s.createDataFrame([("junk",)], ["s"]).select(F.unix_timestamp("s"))


@case
def date_timestamp_seconds(s, F, T):
    df = s.createDataFrame([(0,), (1700000000,)], "x long")
    return df.select("x", F.timestamp_seconds("x"), F.from_unixtime("x"), F.to_timestamp(F.col("x"))).orderBy("x")


@case
def date_utc_conv(s, F, T):
    return dates(s).select("id", F.from_utc_timestamp("ts", "America/New_York"), F.to_utc_timestamp("ts", "Asia/Kolkata"),
                           F.from_utc_timestamp("ts", "+05:30")).orderBy("id")


@case
def date_make_date(s, F, T):
    df = s.createDataFrame([(2024, 2, 29), (2023, 12, 1)], "y int, m int, d int")
    return df.select(F.make_date("y", "m", "d")).orderBy(F.lit(1))


@case
def date_make_date_bad(s, F, T):
    return s.createDataFrame([(2023, 2, 29)], "y int, m int, d int").select(F.make_date("y", "m", "d"))


@case
def date_interval_expr(s, F, T):
    return dates(s).select("id", F.expr("to_timestamp(ts) + interval 1 day"), F.expr("to_date(d) - interval '1' month"),
                           F.expr("to_timestamp(ts) + make_interval(0,0,0,0,2,0,0)")).orderBy("id")


@case
def date_compare_string(s, F, T):
    return dates(s).filter(F.to_date("d") > "2024-01-01").select("id").orderBy("id")


@case
def date_between_strings(s, F, T):
    return dates(s).filter(F.to_date("d").between("2023-12-31", "2024-01-31")).select("id").orderBy("id")


@case
def date_python_objects(s, F, T):
    df = s.createDataFrame([(_dt.date(2024, 1, 2), _dt.datetime(2024, 1, 2, 3, 4, 5, 600000))], ["d", "t"])
    return df.select("d", "t", F.date_format("t", "yyyy-MM-dd HH:mm:ss.SSS"), F.col("t").cast("string"), F.col("d") + 1)


@case
def date_current(s, F, T):
    return s.range(1).select(F.current_date().isNotNull(), F.current_timestamp().isNotNull(), F.typeof(F.current_timestamp()))


@case
def date_add_bad_type(s, F, T):
    return dates(s).select(F.date_add("d", F.lit("x")))


@case
def date_diff_ts_sub(s, F, T):
    df = s.createDataFrame([("2024-01-01 00:00:00", "2024-01-02 01:00:30")], ["a", "b"])
    return df.select((F.to_timestamp("b").cast("long") - F.to_timestamp("a").cast("long")).alias("secs"),
                     F.datediff("b", "a"), F.expr("timestampdiff(HOUR, a, b)"), F.expr("date_diff(b, a)"))


@case
def date_ts_minus_ts(s, F, T):
    df = s.createDataFrame([("2024-01-01 00:00:00", "2024-01-02 01:00:30")], ["a", "b"])
    return df.select((F.to_timestamp("b") - F.to_timestamp("a")).cast("string").alias("diff"))


@case
def date_weekday_names(s, F, T):
    return dates(s).select("id", F.dayname("d"), F.monthname("d"), F.weekday("d")).orderBy("id")


# =============================================================== windows
def W(F):
    mod = "pyspark.sql.window" if F.__name__.startswith("pyspark") else "dfengine.sql.window"
    return __import__(mod, fromlist=["Window"]).Window


@case
def win_ranks(s, F, T):
    w = W(F).partitionBy("dept").orderBy(F.desc("sal"))
    return emp(s).select("dept", "name", "sal", F.row_number().over(w.orderBy(F.desc("sal"), "name")).alias("rn"),
                         F.rank().over(w), F.dense_rank().over(w), F.percent_rank().over(w), F.cume_dist().over(w),
                         F.ntile(3).over(w)).orderBy("dept", "name")


@case
def win_lag_lead(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq")
    return emp(s).select("dept", "seq", F.lag("sal").over(w), F.lag("sal", 1, 0).over(w), F.lead("sal", 2).over(w),
                         F.lead("name", 1, "none").over(w)).orderBy("dept", "seq")


@case
def win_rows_between(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq").rowsBetween(-1, 1)
    return emp(s).select("dept", "seq", F.sum("sal").over(w), F.avg("sal").over(w), F.count("sal").over(w),
                         F.max("sal").over(w)).orderBy("dept", "seq")


@case
def win_range_between(s, F, T):
    w = W(F).partitionBy("dept").orderBy("sal").rangeBetween(-100, 50)
    return emp(s).select("dept", "name", "sal", F.sum("sal").over(w), F.count("*").over(w)).orderBy("dept", "name")


@case
def win_running(s, F, T):
    Wd = W(F)
    w = Wd.partitionBy("dept").orderBy("seq").rowsBetween(Wd.unboundedPreceding, Wd.currentRow)
    return emp(s).select("dept", "seq", F.sum("sal").over(w).alias("run"), F.avg("sal").over(w),
                         F.collect_list("name").over(w)).orderBy("dept", "seq")


@case
def win_default_frame_ties(s, F, T):
    w = W(F).partitionBy("dept").orderBy("sal")
    return emp(s).select("dept", "name", "sal", F.sum("sal").over(w).alias("s"), F.last("name").over(w), F.count("*").over(w)).orderBy("dept", "name")


@case
def win_no_order(s, F, T):
    w = W(F).partitionBy("dept")
    return emp(s).select("dept", "name", F.sum("sal").over(w), F.max("sal").over(w), F.count("sal").over(w),
                         (F.col("sal") / F.sum("sal").over(w)).alias("share")).orderBy("dept", "name")


@case
def win_first_last_ignorenulls(s, F, T):
    Wd = W(F)
    w = Wd.partitionBy("dept").orderBy("seq").rowsBetween(Wd.unboundedPreceding, Wd.unboundedFollowing)
    return emp(s).select("dept", "seq", F.first("sal").over(w), F.last("sal", ignorenulls=True).over(w),
                         F.nth_value("sal", 2).over(w)).orderBy("dept", "seq")


@case
def win_global(s, F, T):
    return emp(s).select("name", F.row_number().over(W(F).orderBy("name")).alias("rn"), F.sum("sal").over(W(F).partitionBy()).alias("tot")).orderBy("name")


@case
def win_rank_nulls(s, F, T):
    w = W(F).orderBy(F.col("sal").asc_nulls_last())
    return emp(s).select("name", "sal", F.rank().over(w), F.ntile(4).over(w)).orderBy("name")


@case
def win_range_unbounded_following(s, F, T):
    Wd = W(F)
    w = Wd.partitionBy("dept").orderBy("sal").rangeBetween(Wd.currentRow, Wd.unboundedFollowing)
    return emp(s).select("dept", "name", F.sum("sal").over(w), F.count("*").over(w)).orderBy("dept", "name")


@case
def win_rank_without_order(s, F, T):
    return emp(s).select(F.rank().over(W(F).partitionBy("dept")))


@case
def win_range_string_order(s, F, T):
    w = W(F).orderBy("name").rangeBetween(-1, 1)
    return emp(s).select(F.sum("sal").over(w))


@case
def win_lag_negative(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq")
    return emp(s).select("dept", "seq", F.lag("seq", -1).over(w)).orderBy("dept", "seq")


@case
def win_filter_on_rank(s, F, T):
    w = W(F).partitionBy("dept").orderBy(F.desc("sal"), "name")
    return emp(s).withColumn("rn", F.row_number().over(w)).filter("rn = 1").drop("rn").orderBy("dept")


# =============================================================== aggregations
@case
def agg_multi_alias(s, F, T):
    return emp(s).groupBy("dept").agg(F.count("*").alias("n"), F.count("sal").alias("nsal"), F.sum("sal").alias("tot"),
                                      F.avg("sal").alias("avg"), F.min("name").alias("mn"), F.max("sal").alias("mx")).orderBy("dept")


@case
def agg_stats(s, F, T):
    return emp(s).groupBy("dept").agg(F.stddev("sal"), F.stddev_pop("sal"), F.variance("sal"), F.var_pop("sal"),
                                      F.skewness("sal"), F.kurtosis("sal")).orderBy("dept")


@case
def agg_first_last(s, F, T):
    return emp(s).orderBy("seq").groupBy("dept").agg(F.first("sal", ignorenulls=True), F.min_by("name", "sal"), F.max_by("name", "sal")).orderBy("dept")


@case
def agg_collect_sorted(s, F, T):
    return emp(s).groupBy("dept").agg(F.array_sort(F.collect_list("sal")).alias("l"), F.array_sort(F.collect_set("sal")).alias("st"),
                                      F.sort_array(F.collect_list("name"), asc=False).alias("names")).orderBy("dept")


@case
def agg_count_distinct_null(s, F, T):
    df = s.createDataFrame([(1, "a"), (1, None), (2, "a"), (None, None)], "x int, y string")
    return df.agg(F.countDistinct("x"), F.countDistinct("x", "y"), F.count_distinct("y"), F.approx_count_distinct("x"),
                  F.sum_distinct("x"), F.count(F.lit(None)))


@case
def agg_empty_df(s, F, T):
    df = emp(s).filter("sal > 10000")
    return df.agg(F.count("*"), F.sum("sal"), F.avg("sal"), F.max("sal"), F.collect_list("sal"))


@case
def agg_empty_groupby(s, F, T):
    return emp(s).filter("sal > 10000").groupBy("dept").agg(F.count("*"))


@case
def agg_groupby_nullkey(s, F, T):
    return sales(s).groupBy("product").agg(F.sum("qty")).orderBy("product")


@case
def agg_mean_types(s, F, T):
    return emp(s).agg(F.mean("sal"), F.sum("sal"), F.sum(F.col("sal").cast("double")), F.sum(F.col("sal").cast("short")))


@case
def agg_groupby_expr(s, F, T):
    return emp(s).groupBy(F.upper("dept"), (F.col("sal") > 150).alias("hi")).count().orderBy("upper(dept)", "hi")


@case
def agg_groupby_missing_col(s, F, T):
    return emp(s).groupBy("nope").count()


@case
def agg_nonagg_select(s, F, T):
    return emp(s).groupBy("dept").agg(F.col("name"))


@case
def agg_shortcuts(s, F, T):
    return emp(s).groupBy("dept").sum("sal", "seq").orderBy("dept")


@case
def agg_shortcut_avg_string(s, F, T):
    return emp(s).groupBy("dept").avg("name")


@case
def agg_percentile(s, F, T):
    return emp(s).groupBy("dept").agg(F.percentile_approx("sal", 0.5), F.median("sal"), F.percentile("sal", 0.25), F.mode("sal")).orderBy("dept")


@case
def agg_bool(s, F, T):
    return emp(s).groupBy("dept").agg(F.bool_and(F.col("sal") > 100), F.bool_or(F.col("sal") > 300), F.every(F.col("seq") > 0)).orderBy("dept")


@case
def agg_count_if_any(s, F, T):
    return emp(s).groupBy("dept").agg(F.count_if(F.col("sal") > 100), F.any_value("dept"), F.expr("sum(if(sal > 100, 1, 0))")).orderBy("dept")


@case
def pivot_values(s, F, T):
    return sales(s).groupBy("month").pivot("store", ["A", "B"]).sum("qty").orderBy("month")


@case
def pivot_infer(s, F, T):
    return sales(s).groupBy("month").pivot("product").agg(F.sum("qty")).orderBy("month")


@case
def pivot_multi_agg(s, F, T):
    return sales(s).groupBy("store").pivot("month").agg(F.sum("qty").alias("s"), F.count("*").alias("n")).orderBy("store")


@case
def pivot_no_groupby(s, F, T):
    return sales(s).groupBy().pivot("store").sum("qty")


@case
def rollup_gid(s, F, T):
    return sales(s).rollup("month", "store").agg(F.sum("qty").alias("q"), F.grouping_id().alias("g")).orderBy(
        F.col("month").asc_nulls_last(), F.col("store").asc_nulls_last())


@case
def cube_grouping(s, F, T):
    return sales(s).cube("store", "product").agg(F.sum("qty"), F.grouping("store"), F.grouping("product")).orderBy(
        F.col("store").asc_nulls_last(), F.col("product").asc_nulls_last(), "grouping(product)")


@case
def cube_count(s, F, T):
    return sales(s).cube("store").count().orderBy("store")


# =============================================================== explode / arrays / maps
@case
def explode_arr(s, F, T):
    return arrs(s).select("id", F.explode("arr")).orderBy("id", "col")


@case
def explode_outer_arr(s, F, T):
    return arrs(s).select("id", F.explode_outer("arr").alias("v")).orderBy("id", "v")


@case
def posexplode_arr(s, F, T):
    return arrs(s).select("id", F.posexplode("arr")).orderBy("id", "pos")


@case
def posexplode_outer_arr(s, F, T):
    return arrs(s).select("id", F.posexplode_outer("arr")).orderBy("id", "pos")


@case
def explode_map(s, F, T):
    return arrs(s).select("id", F.explode("m")).orderBy("id", "key")


@case
def explode_map_alias(s, F, T):
    return arrs(s).select("id", F.explode("m").alias("k", "v")).orderBy("id", "k")


@case
def explode_two_generators(s, F, T):
    return arrs(s).select(F.explode("arr"), F.explode("m"))


@case
def explode_withcolumn(s, F, T):
    return arrs(s).withColumn("e", F.explode("arr")).select("id", "e").orderBy("id", "e")


@case
def explode_split(s, F, T):
    return strs(s).filter("id in (1, 9)").select("id", F.explode(F.split("s", "[ ,]")).alias("w")).orderBy("id", "w")


@case
def inline_structs(s, F, T):
    df = s.createDataFrame([(1, [(1, "a"), (2, "b")])], "id int, xs array<struct<n:int, c:string>>")
    return df.select("id", F.inline("xs")).orderBy("n")


@case
def array_funcs_basic(s, F, T):
    return arrs(s).select("id", F.size("arr"), F.array_contains("arr", 5), F.array_max("arr"), F.array_min("arr"),
                          F.array_distinct("arr"), F.array_position("arr", 5), F.array_remove("arr", 5)).orderBy("id")


@case
def array_sort_funcs(s, F, T):
    return arrs(s).select("id", F.array_sort("arr"), F.sort_array("arr"), F.sort_array("arr", asc=False), F.reverse("arr")).orderBy("id")


@case
def array_getitem(s, F, T):
    return arrs(s).select("id", F.col("arr").getItem(0), F.col("arr")[1], F.element_at("arr", -1)).filter("id = 1")


@case
def array_getitem_oob(s, F, T):
    return arrs(s).select("id", F.col("arr").getItem(5)).orderBy("id")


@case
def array_element_at_oob(s, F, T):
    return arrs(s).select("id", F.element_at("arr", 5)).orderBy("id")


@case
def array_try_element_at(s, F, T):
    return arrs(s).select("id", F.try_element_at("arr", F.lit(5)), F.try_element_at("m", F.lit("a"))).orderBy("id")


@case
def array_element_at_zero(s, F, T):
    return arrs(s).select(F.element_at("arr", 0))


@case
def array_set_ops(s, F, T):
    df = s.createDataFrame([([1, 2, 3, 3], [3, 4, None])], "a array<int>, b array<int>")
    return df.select(F.array_union("a", "b"), F.array_intersect("a", "b"), F.array_except("a", "b"), F.arrays_overlap("a", "b"),
                     F.concat("a", "b"), F.flatten(F.array("a", "b")))


@case
def array_join_null(s, F, T):
    return arrs(s).select("id", F.array_join("arr", ","), F.array_join("arr", ",", "NULL")).orderBy("id")


@case
def array_slice_seq(s, F, T):
    return s.range(1).select(F.sequence(F.lit(1), F.lit(10), F.lit(3)), F.slice(F.array(*[F.lit(i) for i in range(6)]), 2, 3),
                             F.slice(F.array(*[F.lit(i) for i in range(6)]), -2, 5), F.sequence(F.lit(5), F.lit(1)))


@case
def array_create_types(s, F, T):
    return people(s).select("id", F.array("id", "age"), F.array("id", "salary"), F.array()).orderBy("id")


@case
def array_arrays_zip(s, F, T):
    df = s.createDataFrame([([1, 2], ["a", "b", "c"])], "a array<int>, b array<string>")
    return df.select(F.arrays_zip("a", "b"), F.zip_with("a", "a", lambda x, y: x + y))


@case
def array_size_null(s, F, T):
    return arrs(s).select("id", F.size("arr"), F.size("m"), F.cardinality("arr"), F.array_size("arr")).orderBy("id")


@case
def lambda_transform(s, F, T):
    return arrs(s).select("id", F.transform("arr", lambda x: x * 10), F.transform("arr", lambda x, i: x + i)).orderBy("id")


@case
def lambda_filter_exists(s, F, T):
    return arrs(s).select("id", F.filter("arr", lambda x: x > 1), F.exists("arr", lambda x: x > 4), F.forall("arr", lambda x: x > 0)).orderBy("id")


@case
def lambda_aggregate(s, F, T):
    return arrs(s).select("id", F.aggregate("arr", F.lit(0), lambda acc, x: acc + x),
                          F.aggregate("arr", F.lit(0.0), lambda acc, x: acc + x, lambda acc: acc / 2)).orderBy("id")


@case
def lambda_aggregate_coalesce(s, F, T):
    return arrs(s).select("id", F.aggregate("arr", F.lit(0), lambda acc, x: acc + F.coalesce(x, F.lit(0)))).orderBy("id")


@case
def lambda_sql(s, F, T):
    return arrs(s).selectExpr("id", "transform(arr, x -> x + 1) as t", "filter(arr, x -> x is not null) as f",
                              "aggregate(arr, 0L, (a, x) -> a + x) as agg", "array_sort(arr, (a, b) -> b - a) as srt").orderBy("id")


@case
def map_funcs(s, F, T):
    return arrs(s).select("id", F.map_keys("m"), F.map_values("m"), F.col("m")["a"], F.col("m").getItem("zz"), F.element_at("m", "b")).orderBy("id")


@case
def map_create(s, F, T):
    return people(s).select("id", F.create_map(F.lit("name"), "name", F.lit("city"), "city").alias("m")).orderBy("id")


@case
def map_create_dup_key(s, F, T):
    return s.range(1).select(F.create_map(F.lit("a"), F.lit(1), F.lit("a"), F.lit(2)))


@case
def map_from_arrays_entries(s, F, T):
    df = s.createDataFrame([(["a", "b"], [1, 2])], "k array<string>, v array<int>")
    return df.select(F.map_from_arrays("k", "v").alias("m")).select("m", F.map_entries("m"), F.map_concat("m", F.create_map(F.lit("c"), F.lit(3))),
                                                                     F.map_contains_key("m", "a"))


@case
def map_transform_filter(s, F, T):
    return arrs(s).filter("id = 1").select(F.transform_values("m", lambda k, v: v * 2), F.transform_keys("m", lambda k, v: F.upper(k)),
                                           F.map_filter("m", lambda k, v: v > 1))


@case
def struct_ops(s, F, T):
    df = people(s).select("id", F.struct("name", F.col("age").alias("a")).alias("st"))
    return df.select("id", "st", F.col("st").getField("name"), F.col("st.a"), "st.*").orderBy("id")


@case
def struct_with_field(s, F, T):
    df = people(s).select("id", F.struct("name", "age").alias("st"))
    return df.select("id", F.col("st").withField("age", F.lit(0)).alias("x"), F.col("st").dropFields("name").alias("y")).orderBy("id")


@case
def struct_missing_field(s, F, T):
    return people(s).select(F.struct("name", "age").alias("st")).select(F.col("st.nope"))


@case
def nested_schema_create(s, F, T):
    schema = T.StructType([T.StructField("id", T.IntegerType()),
                           T.StructField("info", T.StructType([T.StructField("x", T.StringType()), T.StructField("tags", T.ArrayType(T.StringType()))])),
                           T.StructField("m", T.MapType(T.StringType(), T.DoubleType()))])
    df = s.createDataFrame([(1, ("a", ["t1", "t2"]), {"k": 1.5}), (2, None, None)], schema)
    return df.select("id", "info.x", F.col("info.tags")[0], F.col("m")["k"], "info").orderBy("id")


@case
def json_funcs(s, F, T):
    df = s.createDataFrame([('{"a": 1, "b": {"c": "x"}, "arr": [1,2]}',), ('bad json',), (None,)], ["j"])
    return df.select("j", F.get_json_object("j", "$.b.c"), F.get_json_object("j", "$.arr[1]"), F.json_tuple("j", "a", "zz")).orderBy("j")


@case
def json_from_to(s, F, T):
    df = s.createDataFrame([('{"a": 1, "b": "x"}',), ('{"a": "notint"}',)], ["j"])
    return df.select("j", F.from_json("j", "a int, b string").alias("p")).select("j", "p", F.to_json("p"), "p.a").orderBy("j")


@case
def json_to_json_map(s, F, T):
    return arrs(s).select("id", F.to_json("m"), F.to_json(F.struct("id", "arr"))).orderBy("id")


@case
def schema_of_json(s, F, T):
    return s.range(1).select(F.schema_of_json(F.lit('{"a": 1, "b": [1.5], "c": {"d": "x"}}')))


# =============================================================== joins
def jl(s):
    return s.createDataFrame([(1, "a", 10), (2, "b", 20), (3, "c", 30), (None, "n", 0)], "k int, v string, x int")


def jr(s):
    return s.createDataFrame([(1, "A", 100), (3, "C", 300), (3, "C2", 301), (4, "D", 400), (None, "N", 0)], "k int, w string, x int")


@case
def join_inner_on_str(s, F, T):
    return jl(s).join(jr(s), "k").orderBy("k", "w")


@case
def join_inner_on_list_cols(s, F, T):
    return jl(s).join(jr(s), ["k", "x"]).orderBy("k")


@case
def join_left(s, F, T):
    return jl(s).join(jr(s), "k", "left").orderBy(F.col("k").asc_nulls_first(), "w")


@case
def join_right(s, F, T):
    return jl(s).join(jr(s), "k", "right").orderBy(F.col("k").asc_nulls_first(), "w")


@case
def join_full_using(s, F, T):
    return jl(s).join(jr(s), "k", "full").orderBy(F.col("k").asc_nulls_first(), "v", "w")


@case
def join_full_expr(s, F, T):
    a, b = jl(s).alias("a"), jr(s).alias("b")
    return a.join(b, F.col("a.k") == F.col("b.k"), "full_outer").select("a.k", "b.k", "v", "w").orderBy(
        F.col("a.k").asc_nulls_first(), F.col("b.k").asc_nulls_first(), "v", "w")


@case
def join_semi_anti(s, F, T):
    return jl(s).join(jr(s), "k", "left_semi").union(jl(s).join(jr(s), "k", "anti")).orderBy("v")


@case
def join_cross(s, F, T):
    return jl(s).select("v").crossJoin(jr(s).select("w")).orderBy("v", "w")


@case
def join_dup_cols_select_ambiguous(s, F, T):
    return jl(s).join(jr(s), jl(s).k == jr(s).k).select("x")


@case
def join_dup_cols_columns(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r, l.k == r.k).orderBy(l.k, r.w)


@case
def join_dup_cols_select_via_df(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r, l.k == r.k, "left").select(l.k, l.x, r.x.alias("rx")).orderBy(F.col("k").asc_nulls_first())


@case
def join_null_safe(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r, l.k.eqNullSafe(r.k)).select(l.v, r.w).orderBy("v", "w")


@case
def join_multi_condition(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r, (l.k == r.k) & (r.x > 200), "left").select(l.v, r.w).orderBy("v", "w")


@case
def join_self_alias(s, F, T):
    e = emp(s)
    a, b = e.alias("a"), e.alias("b")
    return a.join(b, (F.col("a.dept") == F.col("b.dept")) & (F.col("a.seq") + 1 == F.col("b.seq"))).select(
        F.col("a.name").alias("n1"), F.col("b.name").alias("n2")).orderBy("n1")


@case
def join_self_no_alias_ambiguous(s, F, T):
    e = emp(s)
    return e.join(e, e.dept == e.dept).count() and e.join(e, e.dept == e.dept).select("name")


@case
def join_bad_how(s, F, T):
    return jl(s).join(jr(s), "k", "sideways")


@case
def join_missing_key(s, F, T):
    return jl(s).join(jr(s), "v")


@case
def join_type_mismatch_key(s, F, T):
    a = s.createDataFrame([("1", "s")], "k string, a string")
    b = s.createDataFrame([(1, "i")], "k int, b string")
    return a.join(b, "k")


@case
def join_then_groupby(s, F, T):
    return jl(s).join(jr(s), "k", "left").groupBy("v").agg(F.count("w"), F.sum(jr(s).x if False else "k")).orderBy("v")


@case
def join_using_with_dup_nonkey_then_drop(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r, "k").drop(r.x).orderBy("k", "w")


@case
def join_broadcast_hint(s, F, T):
    return jl(s).join(F.broadcast(jr(s)), "k", "left_anti").orderBy("v")


# =============================================================== union/distinct
@case
def union_by_position(s, F, T):
    a = s.createDataFrame([(1, "a")], "x int, y string")
    b = s.createDataFrame([("b", 2)], "y string, x int")
    return a.union(b)


@case
def union_type_widen(s, F, T):
    a = s.createDataFrame([(1,)], "x int")
    b = s.createDataFrame([(2.5,)], "x double")
    return a.union(b).orderBy("x")


@case
def union_int_string(s, F, T):
    a = s.createDataFrame([(1,)], "x int")
    b = s.createDataFrame([("z",)], "x string")
    return a.union(b).orderBy("x")


@case
def union_col_count(s, F, T):
    a = s.createDataFrame([(1, 2)], "x int, y int")
    b = s.createDataFrame([(1,)], "x int")
    return a.union(b)


@case
def union_by_name(s, F, T):
    a = s.createDataFrame([(1, "a")], "x int, y string")
    b = s.createDataFrame([("b", 2)], "y string, x int")
    return a.unionByName(b).orderBy("x")


@case
def union_by_name_missing(s, F, T):
    a = s.createDataFrame([(1, "a")], "x int, y string")
    b = s.createDataFrame([(2, 3.5)], "x int, z double")
    return a.unionByName(b, allowMissingColumns=True).orderBy("x")


@case
def union_by_name_missing_err(s, F, T):
    a = s.createDataFrame([(1, "a")], "x int, y string")
    b = s.createDataFrame([(2, 3.5)], "x int, z double")
    return a.unionByName(b)


@case
def union_by_name_case(s, F, T):
    a = s.createDataFrame([(1,)], "X int")
    b = s.createDataFrame([(2,)], "x int")
    return a.unionByName(b).orderBy(F.col("x"))


@case
def union_dups_kept(s, F, T):
    a = s.createDataFrame([(1,), (1,)], "x int")
    return a.union(a).unionAll(a).orderBy("x")


@case
def distinct_drop_dup(s, F, T):
    df = s.createDataFrame([(1, "a", 1.0), (1, "a", 1.0), (1, "b", None), (2, None, None), (2, None, None)], "x int, y string, z double")
    return df.distinct().orderBy("x", "y")


@case
def drop_dup_subset(s, F, T):
    df = s.createDataFrame([(1, "a"), (1, "b"), (2, "c")], "x int, y string")
    return df.dropDuplicates(["x"]).select("x").orderBy("x")


@case
def drop_dup_subset_missing(s, F, T):
    df = s.createDataFrame([(1, "a")], "x int, y string")
    return df.dropDuplicates(["nope"])


@case
def drop_dup_nan(s, F, T):
    df = s.createDataFrame([(float("nan"),), (float("nan"),), (0.0,), (-0.0,)], "x double")
    return df.distinct().orderBy("x")


@case
def intersect_except(s, F, T):
    a = s.createDataFrame([(1,), (1,), (2,), (3,), (None,)], "x int")
    b = s.createDataFrame([(1,), (3,), (None,)], "x int")
    return a.intersect(b).withColumn("t", F.lit("i")).union(a.subtract(b).withColumn("t", F.lit("s"))).union(
        a.exceptAll(b).withColumn("t", F.lit("ea"))).union(a.intersectAll(a).withColumn("t", F.lit("ia"))).orderBy("t", "x")


# =============================================================== na
@case
def na_fill_num(s, F, T):
    return people(s).na.fill(0).orderBy("id")


@case
def na_fill_str(s, F, T):
    return people(s).na.fill("unknown").orderBy("id")


@case
def na_fill_float_into_int(s, F, T):
    return people(s).fillna(1.7).orderBy("id")


@case
def na_fill_dict(s, F, T):
    return people(s).fillna({"age": -1, "city": "?", "salary": 0.5}).orderBy("id")


@case
def na_fill_subset(s, F, T):
    return people(s).na.fill(0, subset=["age"]).orderBy("id")


@case
def na_fill_bool(s, F, T):
    df = s.createDataFrame([(True, None), (None, "x")], "b boolean, s string")
    return df.fillna(False).orderBy("s")


@case
def na_fill_type_mismatch_dict(s, F, T):
    return people(s).fillna({"age": "x"}).orderBy("id")


@case
def na_drop_any_all(s, F, T):
    df = people(s)
    return df.na.drop().select("id").withColumn("t", F.lit("any")).union(
        df.na.drop(how="all", subset=["age", "city"]).select("id").withColumn("t", F.lit("all"))).union(
        df.na.drop(thresh=5).select("id").withColumn("t", F.lit("thresh"))).orderBy("t", "id")


@case
def na_drop_nan(s, F, T):
    df = s.createDataFrame([(1, float("nan")), (2, None), (3, 1.0)], "i int, x double")
    return df.na.drop().orderBy("i")


@case
def na_fill_nan(s, F, T):
    df = s.createDataFrame([(1, float("nan")), (2, None), (3, 1.0)], "i int, x double")
    return df.na.fill(9.0).orderBy("i")


@case
def na_replace(s, F, T):
    df = people(s)
    return df.na.replace({"NY": "New York", "LA": "Los Angeles"}, subset=["city"]).orderBy("id")


@case
def na_replace_num(s, F, T):
    return people(s).replace(29, 30).orderBy("id")


@case
def na_replace_list(s, F, T):
    return people(s).replace(["Alice", "Bob"], ["A", "B"], "name").orderBy("id")


@case
def na_replace_to_none(s, F, T):
    return people(s).replace("NY", None).orderBy("id")


@case
def na_replace_mixed_err(s, F, T):
    return people(s).replace({"NY": 1})


@case
def isnan_isnull(s, F, T):
    df = s.createDataFrame([(1, float("nan")), (2, None), (3, 1.0)], "i int, x double")
    return df.select("i", F.isnan("x"), F.isnull("x"), F.nanvl("x", F.lit(0.0)), (F.col("x") == F.lit(float("nan")))).orderBy("i")


@case
def nan_agg(s, F, T):
    df = s.createDataFrame([(1, float("nan")), (1, 2.0), (2, None)], "g int, x double")
    return df.groupBy("g").agg(F.max("x"), F.min("x"), F.sum("x"), F.count("x")).orderBy("g")


@case
def nan_sort(s, F, T):
    df = s.createDataFrame([(float("nan"),), (None,), (1.0,), (float("inf"),), (-1.0,)], "x double")
    return df.orderBy("x")


@case(ordered=True)
def nan_sort_ordered(s, F, T):
    df = s.createDataFrame([(float("nan"),), (None,), (1.0,), (float("inf"),), (-1.0,)], "x double")
    return df.orderBy(F.desc("x"))


# =============================================================== ordering / limit / sample
@case(ordered=True)
def order_nulls(s, F, T):
    return people(s).select("id", "age").orderBy(F.col("age").desc(), "id")


@case(ordered=True)
def order_nulls_last(s, F, T):
    return people(s).select("id", "city").orderBy(F.col("city").asc_nulls_last(), F.desc("id"))


@case(ordered=True)
def order_ascending_list(s, F, T):
    return people(s).select("city", "id").orderBy(["city", "id"], ascending=[False, True])


@case(ordered=True)
def order_sort_desc_nulls_first(s, F, T):
    return people(s).select("id", "age").sort(F.col("age").desc_nulls_first(), "id")


@case(ordered=True)
def order_then_limit(s, F, T):
    return people(s).orderBy(F.desc("salary")).limit(3).select("id")


@case(ordered=True)
def order_expr_string(s, F, T):
    return people(s).orderBy(F.expr("length(name)"), "name").select("name")


@case(ordered=True)
def order_by_missing(s, F, T):
    return people(s).orderBy("nope")


@case
def sample_full(s, F, T):
    return people(s).sample(fraction=1.0).select("id").orderBy("id")


@case
def sample_zero(s, F, T):
    return people(s).sample(False, 0.0, seed=1).select("id")


@case
def sample_bad_fraction(s, F, T):
    return people(s).sample(False, 1.5)


@case
def limit_neg(s, F, T):
    return people(s).limit(-1)


@case
def limit_count(s, F, T):
    return s.createDataFrame([(people(s).limit(3).count(), people(s).filter("age > 100").count(), people(s).distinct().count())], "a long, b long, c long")


@case
def offset_limit(s, F, T):
    return people(s).orderBy("id").offset(2).limit(2).select("id")


@case
def take_first_head(s, F, T):
    df = people(s).orderBy("id")
    r = df.first()
    h = df.head(2)
    return [tuple(r), [tuple(x) for x in h], df.take(0), df.isEmpty(), people(s).filter("id > 99").first()]


# =============================================================== describe / stats
@case
def describe_df(s, F, T):
    return people(s).describe()


@case
def describe_cols(s, F, T):
    return people(s).describe("age", "name")


@case
def summary_df(s, F, T):
    return people(s).select("age", "salary").summary()


@case
def summary_sel(s, F, T):
    return people(s).select("age", "name").summary("count", "min", "25%", "max", "mean")


@case
def crosstab_df(s, F, T):
    return sales(s).crosstab("store", "month")


@case
def crosstab_null(s, F, T):
    return sales(s).crosstab("store", "product")


@case
def approx_quantile(s, F, T):
    return people(s).approxQuantile("age", [0.0, 0.25, 0.5, 0.75, 1.0], 0.0)


@case
def approx_quantile_multi(s, F, T):
    return people(s).approxQuantile(["age", "salary"], [0.5], 0.0)


@case
def corr_cov(s, F, T):
    df = people(s)
    return [df.corr("age", "salary"), df.cov("age", "salary"), df.stat.corr("id", "age")]


@case
def corr_agg(s, F, T):
    return people(s).agg(F.corr("age", "salary"), F.covar_samp("age", "salary"), F.covar_pop("id", "age"))


@case
def freq_items(s, F, T):
    r = people(s).freqItems(["city"], 0.4).collect()[0]
    return [sorted(x for x in r[0] if x is not None) if r[0] else r[0], people(s).freqItems(["city"]).columns]


@case
def count_value(s, F, T):
    return [people(s).count(), people(s).select("city").distinct().count(), len(people(s).columns)]


# =============================================================== SQL
def views(s):
    people(s).createOrReplaceTempView("people")
    emp(s).createOrReplaceTempView("emp")
    sales(s).createOrReplaceTempView("sales")
    arrs(s).createOrReplaceTempView("arrs")


def sql(s, q):
    views(s)
    return s.sql(q)


@case
def sql_cte(s, F, T):
    return sql(s, "WITH hi AS (SELECT * FROM emp WHERE sal > 100), d AS (SELECT dept, count(*) n FROM hi GROUP BY dept) "
                  "SELECT * FROM d ORDER BY n DESC, dept")


@case
def sql_window(s, F, T):
    return sql(s, "SELECT dept, name, sal, rank() OVER (PARTITION BY dept ORDER BY sal DESC) r, "
                  "sum(sal) OVER (PARTITION BY dept ORDER BY seq ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) s2 FROM emp ORDER BY dept, name")


@case
def sql_window_range_interval(s, F, T):
    return sql(s, "SELECT id, d, count(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL 31 DAYS PRECEDING AND CURRENT ROW) c "
                  "FROM (SELECT id, to_date(d) d FROM VALUES (1,'2024-01-01'),(2,'2024-01-20'),(3,'2024-02-15'),(4,'2024-03-30') AS t(id, d)) ORDER BY id")


@case
def sql_case(s, F, T):
    return sql(s, "SELECT id, CASE WHEN age IS NULL THEN 'unknown' WHEN age < 30 THEN 'young' ELSE 'old' END AS grp, "
                  "CASE city WHEN 'NY' THEN 1 WHEN 'LA' THEN 2 END AS code FROM people ORDER BY id")


@case
def sql_in_list(s, F, T):
    return sql(s, "SELECT id FROM people WHERE city IN ('NY', 'SF') OR age NOT IN (29, 45) ORDER BY id")


@case
def sql_not_in_null(s, F, T):
    return sql(s, "SELECT id FROM people WHERE age NOT IN (29, NULL) ORDER BY id")


@case
def sql_in_subquery(s, F, T):
    return sql(s, "SELECT id, name FROM people WHERE city IN (SELECT city FROM people WHERE salary > 5500) ORDER BY id")


@case
def sql_not_in_subquery_null(s, F, T):
    return sql(s, "SELECT id FROM people WHERE age NOT IN (SELECT age FROM people WHERE id IN (2, 3)) ORDER BY id")


@case
def sql_exists(s, F, T):
    return sql(s, "SELECT dept FROM (SELECT DISTINCT dept FROM emp) d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.dept AND e.sal >= 300) ORDER BY dept")


@case
def sql_scalar_subquery(s, F, T):
    return sql(s, "SELECT name, sal, sal - (SELECT avg(sal) FROM emp) AS diff FROM emp WHERE sal > (SELECT avg(sal) FROM emp) ORDER BY name")


@case
def sql_correlated_scalar(s, F, T):
    return sql(s, "SELECT name, sal FROM emp e WHERE sal = (SELECT max(sal) FROM emp x WHERE x.dept = e.dept) ORDER BY name")


@case
def sql_scalar_subquery_multi_row(s, F, T):
    return sql(s, "SELECT (SELECT sal FROM emp) AS x")


@case
def sql_literals(s, F, T):
    return sql(s, "SELECT 'it''s' a, \"dq\" b, DATE '2024-02-29' c, TIMESTAMP '2024-01-01 10:00:00' d, 1.5 e, 1e2 f, 10L g, "
                  "X'41' h, true i, NULL j, 2147483648 k, -0.0 l, 100Y m, 1.5BD n")


@case
def sql_literal_types(s, F, T):
    return sql(s, "SELECT typeof(1.5), typeof(1), typeof(1e0), typeof(9999999999), typeof(DATE'2024-01-01'), typeof(1/2), typeof(5 div 2), typeof('a')")


@case
def sql_decimal_division(s, F, T):
    return sql(s, "SELECT 1/3, 1.0/3, 10/4, CAST(1 AS DECIMAL(10,2)) / 3, 0.1 + 0.2, 0.1D + 0.2D")


@case
def sql_having(s, F, T):
    return sql(s, "SELECT dept, sum(sal) AS total FROM emp GROUP BY dept HAVING sum(sal) > 300 ORDER BY total DESC")


@case
def sql_having_alias(s, F, T):
    return sql(s, "SELECT dept, count(*) AS n FROM emp GROUP BY dept HAVING n >= 3")


@case(ordered=True)
def sql_order_ordinal(s, F, T):
    return sql(s, "SELECT dept, count(*) FROM emp GROUP BY 1 ORDER BY 2 DESC, 1")


@case(ordered=True)
def sql_order_alias_expr(s, F, T):
    return sql(s, "SELECT name, sal * 2 AS dbl FROM emp ORDER BY dbl DESC NULLS LAST, name")


@case(ordered=True)
def sql_nulls_first(s, F, T):
    return sql(s, "SELECT id, city FROM people ORDER BY city DESC NULLS FIRST, id")


@case(ordered=True)
def sql_order_default_nulls(s, F, T):
    return sql(s, "SELECT id, age FROM people ORDER BY age DESC, id")


@case
def sql_group_by_alias(s, F, T):
    return sql(s, "SELECT upper(dept) AS D, count(*) c FROM emp GROUP BY D ORDER BY D")


@case
def sql_group_by_all(s, F, T):
    return sql(s, "SELECT dept, count(*) c FROM emp GROUP BY ALL ORDER BY dept")


@case
def sql_union_intersect(s, F, T):
    return sql(s, "SELECT city FROM people UNION SELECT 'XX' UNION ALL SELECT 'NY' INTERSECT SELECT 'NY' ORDER BY city")


@case
def sql_except(s, F, T):
    return sql(s, "SELECT dept FROM emp EXCEPT SELECT 'hr' ORDER BY 1")


@case
def sql_lateral_view(s, F, T):
    return sql(s, "SELECT id, v FROM arrs LATERAL VIEW explode(arr) t AS v ORDER BY id, v")


@case
def sql_lateral_view_outer(s, F, T):
    return sql(s, "SELECT id, v FROM arrs LATERAL VIEW OUTER explode(arr) t AS v ORDER BY id, v")


@case
def sql_count_distinct_multi(s, F, T):
    return sql(s, "SELECT count(DISTINCT dept), count(DISTINCT dept, sal), count(*), count(sal), count(1) FROM emp")


@case
def sql_string_concat(s, F, T):
    return sql(s, "SELECT id, name || '-' || city AS c, concat(name, city) c2 FROM people ORDER BY id")


@case
def sql_if_nvl(s, F, T):
    return sql(s, "SELECT id, IF(age > 30, 'y', 'n') a, nvl(city, 'x') b, coalesce(age, 0) c, nullif(city, 'NY') d, iff(age > 30, 1, 0) e FROM people ORDER BY id")


@case
def sql_div_mod(s, F, T):
    return sql(s, "SELECT 7 DIV 2, -7 DIV 2, -7 % 3, 7 % -3, pmod(-7, 3), 7 / 2, power(2, 10), 2 ^ 3, 5 & 3, mod(10, 4)")


@case
def sql_div_zero(s, F, T):
    return sql(s, "SELECT 1 / 0")


@case
def sql_div_zero_decimal(s, F, T):
    return sql(s, "SELECT 1.5 / 0")


@case
def sql_cast_syntax(s, F, T):
    return sql(s, "SELECT CAST('42' AS INT), '42'::int + 1, CAST('2024-01-01' AS DATE), CAST(3.7 AS INT), CAST('x' AS INT)")


@case
def sql_try_cast(s, F, T):
    return sql(s, "SELECT try_cast('x' AS INT), try_cast('42' AS BIGINT), try_cast('2024-02-30' AS DATE)")


@case
def sql_malformed(s, F, T):
    return sql(s, "SELEC id FROM people")


@case
def sql_malformed2(s, F, T):
    return sql(s, "SELECT id, FROM people")


@case
def sql_missing_table(s, F, T):
    return sql(s, "SELECT * FROM no_such_table")


@case
def sql_missing_column(s, F, T):
    return sql(s, "SELECT nme FROM people")


@case
def sql_group_by_missing_agg(s, F, T):
    return sql(s, "SELECT dept, name, count(*) FROM emp GROUP BY dept")


@case
def sql_ambiguous(s, F, T):
    return sql(s, "SELECT x FROM (SELECT 1 x) a JOIN (SELECT 1 x) b ON a.x = b.x")


@case
def sql_join_using(s, F, T):
    views(s)
    jl(s).createOrReplaceTempView("l")
    jr(s).createOrReplaceTempView("r")
    return s.sql("SELECT * FROM l FULL OUTER JOIN r USING (k) ORDER BY k NULLS FIRST, v, w")


@case
def sql_join_natural_left(s, F, T):
    jl(s).createOrReplaceTempView("l")
    jr(s).select("k", "w").createOrReplaceTempView("r")
    return s.sql("SELECT * FROM l NATURAL LEFT JOIN r ORDER BY v, w")


@case
def sql_left_semi(s, F, T):
    jl(s).createOrReplaceTempView("l")
    jr(s).createOrReplaceTempView("r")
    return s.sql("SELECT * FROM l LEFT SEMI JOIN r ON l.k = r.k ORDER BY v")


@case
def sql_values(s, F, T):
    return s.sql("SELECT * FROM VALUES (1, 'a'), (2, NULL) AS t(x, y) ORDER BY x")


@case
def sql_values_no_alias(s, F, T):
    return s.sql("SELECT * FROM VALUES (1, 'a'), (2, 'b')")


@case
def sql_string_funcs(s, F, T):
    return s.sql("SELECT substr('hello', 2), substring('hello', 2, 2), upper('ß'), lower('İ'), length('héllo'), "
                 "split('a,b', ','), instr('hello', 'z'), lpad('7', 3, '0'), replace('aaa', 'a', 'bb'), position('l' IN 'hello')")


@case
def sql_date_funcs(s, F, T):
    return s.sql("SELECT date_add('2024-02-28', 2), datediff('2024-03-01', '2024-02-01'), date_format('2024-07-04', 'EEE, MMM d'), "
                 "to_date('2024/07/04', 'yyyy/MM/dd'), extract(YEAR FROM DATE'2024-07-04'), date_part('dow', DATE'2024-07-04'), "
                 "last_day('2024-02-10'), unix_timestamp('1970-01-02', 'yyyy-MM-dd')")


@case
def sql_timestamp_tz(s, F, T):
    return s.sql("SELECT to_timestamp('2024-03-10 12:00:00+02:00'), CAST('2024-03-10T12:00:00Z' AS TIMESTAMP), "
                 "from_utc_timestamp('2024-07-01 12:00:00', 'Europe/Paris'), date_format(TIMESTAMP'2024-07-01 12:00:00', 'yyyy-MM-dd HH:mm:ss XXX')")


@case
def sql_interval_arith(s, F, T):
    return s.sql("SELECT DATE'2024-01-31' + INTERVAL 1 MONTH, TIMESTAMP'2024-01-01 00:00:00' - INTERVAL '90' MINUTE, "
                 "DATE'2024-03-01' - DATE'2024-02-01', DATE'2024-03-01' + 3")


@case
def sql_qualify(s, F, T):
    return sql(s, "SELECT dept, name, sal FROM emp QUALIFY row_number() OVER (PARTITION BY dept ORDER BY sal DESC, name) = 1 ORDER BY dept")


@case
def sql_pivot(s, F, T):
    return sql(s, "SELECT * FROM (SELECT month, store, qty FROM sales) PIVOT (sum(qty) FOR store IN ('A', 'B')) ORDER BY month")


@case
def sql_grouping_sets(s, F, T):
    return sql(s, "SELECT month, store, sum(qty) q, grouping_id() g FROM sales GROUP BY GROUPING SETS ((month), (store), ()) "
                  "ORDER BY g, month, store")


@case
def sql_rollup(s, F, T):
    return sql(s, "SELECT store, product, sum(qty) FROM sales GROUP BY ROLLUP(store, product) ORDER BY store NULLS LAST, product NULLS LAST")


@case
def sql_distinct_order_not_selected(s, F, T):
    return sql(s, "SELECT DISTINCT dept FROM emp ORDER BY sal")


@case
def sql_order_by_not_selected(s, F, T):
    return sql(s, "SELECT name FROM emp ORDER BY sal DESC NULLS LAST, name LIMIT 3")


@case
def sql_like_escape(s, F, T):
    return s.sql("SELECT 'a_b' LIKE 'a\\\\_b', 'axb' LIKE 'a\\\\_b', 'a%' LIKE 'a!%' ESCAPE '!', 'ABC' ILIKE 'abc', 'abc' RLIKE 'b', 'abc' LIKE ANY ('x%', 'a%')")


@case
def sql_between_strings(s, F, T):
    return sql(s, "SELECT name FROM people WHERE name BETWEEN 'B' AND 'E' ORDER BY name")


@case
def sql_null_semantics(s, F, T):
    return s.sql("SELECT NULL = NULL, NULL <=> NULL, 1 <> NULL, NULL AND false, NULL OR true, NOT NULL, NULL IS DISTINCT FROM 1, 1 IN (NULL, 1), 2 IN (NULL, 1)")


@case
def sql_aggregate_filter_clause(s, F, T):
    return sql(s, "SELECT dept, count(*) FILTER (WHERE sal > 100) c, sum(sal) FILTER (WHERE seq > 1) s FROM emp GROUP BY dept ORDER BY dept")


@case
def sql_star_except(s, F, T):
    return sql(s, "SELECT * EXCEPT (age, salary) FROM people ORDER BY id")


@case
def sql_temp_view_replace(s, F, T):
    people(s).createOrReplaceTempView("tv")
    people(s).filter("id < 3").createOrReplaceTempView("tv")
    return s.sql("SELECT count(*) FROM tv")


@case
def sql_table_name_case(s, F, T):
    views(s)
    return s.sql("SELECT COUNT(*) FROM PEOPLE")


@case
def sql_col_names(s, F, T):
    return sql(s, "SELECT id + 1, upper(name), age IS NULL, CAST(age AS STRING), count(*) OVER (), 'lit', 3, sum(id) OVER (PARTITION BY city) FROM people ORDER BY id")


@case
def sql_agg_col_names(s, F, T):
    return sql(s, "SELECT avg(sal), sum(sal), count(DISTINCT dept), max(sal) + 1, approx_count_distinct(dept), stddev(sal) FROM emp")


@case
def sql_string_to_number_compare(s, F, T):
    return sql(s, "SELECT id FROM people WHERE age > '30' ORDER BY id")


@case
def sql_string_compare_bad(s, F, T):
    return sql(s, "SELECT id FROM people WHERE age > 'abc'")


@case
def sql_int_overflow(s, F, T):
    return s.sql("SELECT 2147483647 + 1, CAST(2147483647 AS INT) + CAST(1 AS INT)")


@case
def sql_abs_overflow(s, F, T):
    return s.sql("SELECT abs(CAST(-2147483648 AS INT))")


@case
def sql_array_index(s, F, T):
    return s.sql("SELECT array(1,2,3)[0], element_at(array(1,2,3), 1), array(1,2,3)[5]")


@case
def sql_map_missing_key(s, F, T):
    return s.sql("SELECT map('a', 1)['b'], element_at(map('a', 1), 'b')")


@case
def sql_explode_in_select_alias(s, F, T):
    return s.sql("SELECT explode(map('a', 1, 'b', 2)) AS (k, v) ORDER BY k")


@case
def sql_stack(s, F, T):
    return s.sql("SELECT stack(2, 'a', 1, 'b', 2) AS (name, val) ORDER BY name")


@case
def sql_range(s, F, T):
    return s.sql("SELECT id, id % 3 AS m FROM range(1, 10, 3) ORDER BY id")


@case
def sql_struct_access(s, F, T):
    return s.sql("SELECT named_struct('a', 1, 'b', 'x') AS st, named_struct('a', 1, 'b', 'x').b AS b, struct(1, 'y') AS st2")


@case
def sql_collect_sort(s, F, T):
    return sql(s, "SELECT dept, array_sort(collect_list(name)) names, sort_array(collect_set(sal), false) sals FROM emp GROUP BY dept ORDER BY dept")


@case
def sql_window_lag_default(s, F, T):
    return sql(s, "SELECT name, lag(sal, 1, -1) OVER (PARTITION BY dept ORDER BY seq) p, lead(sal) IGNORE NULLS OVER (PARTITION BY dept ORDER BY seq) n FROM emp ORDER BY name")


@case
def sql_window_named(s, F, T):
    return sql(s, "SELECT name, sum(sal) OVER w s, avg(sal) OVER w a FROM emp WINDOW w AS (PARTITION BY dept ORDER BY seq) ORDER BY name")


@case
def sql_nested_subquery_alias(s, F, T):
    return sql(s, "SELECT t.d, t.c FROM (SELECT dept d, count(*) c FROM emp GROUP BY dept) t WHERE t.c > 1 ORDER BY t.d")


@case
def sql_percentile_cont(s, F, T):
    return sql(s, "SELECT dept, percentile_cont(0.5) WITHIN GROUP (ORDER BY sal) m, percentile_disc(0.5) WITHIN GROUP (ORDER BY sal) d FROM emp GROUP BY dept ORDER BY dept")


@case
def sql_cast_string_to_ts_bad(s, F, T):
    return s.sql("SELECT CAST('2024-01-01 25:00:00' AS TIMESTAMP)")


@case
def sql_to_number(s, F, T):
    return s.sql("SELECT to_number('$1,234.50', '$9,999.99'), try_to_number('abc', '999'), to_char(1234.5, '9,999.00')")


@case
def sql_describe_table(s, F, T):
    views(s)
    return s.sql("DESCRIBE people")


@case
def sql_show_views(s, F, T):
    return s.table("people").select("id").limit(1) if views(s) is None else None


# =============================================================== createDataFrame / schema
@case
def create_tuples_infer(s, F, T):
    df = s.createDataFrame([(1, 2.0, "a", True, None)])
    return [df.columns, df.dtypes, df.schema.simpleString()]


@case
def create_rows(s, F, T):
    Row = __import__("pyspark.sql" if F.__name__.startswith("pyspark") else "dfengine.sql", fromlist=["Row"]).Row
    df = s.createDataFrame([Row(name="a", age=1), Row(name="b", age=None)])
    return df.orderBy("name")


@case
def create_dicts(s, F, T):
    df = s.createDataFrame([{"b": 1, "a": "x"}, {"b": 2, "a": "y", "c": 3.0}])
    return df.orderBy("b")


@case
def create_dicts_missing_key(s, F, T):
    df = s.createDataFrame([{"b": 1, "c": 3.0}, {"b": 2, "a": "y"}])
    return df.orderBy("b")


@case
def create_mixed_int_float(s, F, T):
    df = s.createDataFrame([(1,), (2.5,)], ["x"])
    return df.orderBy("x")


@case
def create_mixed_int_str(s, F, T):
    return s.createDataFrame([(1,), ("a",)], ["x"])


@case
def create_all_none_col(s, F, T):
    return s.createDataFrame([(1, None), (2, None)], ["x", "y"])


@case
def create_nested_infer(s, F, T):
    df = s.createDataFrame([(1, [1, 2], {"k": "v"}, (1, "s"))], ["a", "b", "c", "d"])
    return [df.schema.simpleString(), [tuple(r) for r in df.collect()][0].__repr__()]


@case
def create_nested_row_infer(s, F, T):
    Row = __import__("pyspark.sql" if F.__name__.startswith("pyspark") else "dfengine.sql", fromlist=["Row"]).Row
    df = s.createDataFrame([Row(id=1, info=Row(x=1.5, y=[Row(z="a")]))])
    return df.select("id", "info.x", F.col("info.y")[0]["z"], F.col("info.y").getItem(0).getField("z").alias("zz"))


@case
def create_schema_string(s, F, T):
    df = s.createDataFrame([(1, "a", 1.5)], "a: int, b: string, c: float")
    return df


@case
def create_schema_list_names(s, F, T):
    df = s.createDataFrame([(1, "a")], schema=["x", "y"])
    return [df.schema.simpleString(), df.columns]


@case
def create_schema_struct_nonnull_violation(s, F, T):
    schema = T.StructType([T.StructField("a", T.IntegerType(), False)])
    return s.createDataFrame([(None,)], schema)


@case
def create_schema_type_mismatch(s, F, T):
    schema = T.StructType([T.StructField("a", T.IntegerType())])
    return s.createDataFrame([("x",)], schema)


@case
def create_schema_int_for_float(s, F, T):
    schema = T.StructType([T.StructField("a", T.DoubleType())])
    return s.createDataFrame([(1,)], schema)


@case
def create_schema_long_for_int_overflow(s, F, T):
    schema = T.StructType([T.StructField("a", T.IntegerType())])
    return s.createDataFrame([(2 ** 40,)], schema)


@case
def create_ints_atomic(s, F, T):
    return s.createDataFrame([1, 2, 3], T.IntegerType()).orderBy("value")


@case
def create_ints_atomic_string(s, F, T):
    return s.createDataFrame(["a", "b"], "string").orderBy("value")


@case
def create_atomic_no_schema(s, F, T):
    return s.createDataFrame([1, 2, 3])


@case
def create_empty_no_schema(s, F, T):
    return s.createDataFrame([])


@case
def create_empty_with_schema(s, F, T):
    df = s.createDataFrame([], "a int, b string")
    return df


@case
def create_pandas(s, F, T):
    import pandas as pd
    pdf = pd.DataFrame({"i": [1, 2, 3], "f": [1.5, float("nan"), None], "s": ["a", None, "c"], "b": [True, False, True]})
    return s.createDataFrame(pdf).orderBy("i")


@case
def create_pandas_nullable_int(s, F, T):
    import pandas as pd
    pdf = pd.DataFrame({"i": pd.array([1, None, 3], dtype="Int64"), "d": pd.to_datetime(["2024-01-01", None, "2024-03-01 12:00"])})
    return s.createDataFrame(pdf).orderBy("i")


@case
def create_pandas_schema(s, F, T):
    import pandas as pd
    pdf = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    return s.createDataFrame(pdf, "a int, b string").orderBy("a")


@case
def create_pandas_object_mixed(s, F, T):
    import pandas as pd
    pdf = pd.DataFrame({"a": [1, "x"]})
    return s.createDataFrame(pdf)


@case
def schema_simple_string_nested(s, F, T):
    schema = "a int, b array<struct<c:string, d:map<string,bigint>>>, e decimal(10,2), f timestamp, g date, h binary, i tinyint, j smallint, k float"
    df = s.createDataFrame([], schema)
    return [df.schema.simpleString(), df.dtypes, [f.nullable for f in df.schema.fields]]


@case
def schema_json_roundtrip(s, F, T):
    df = people(s)
    return [df.schema.json(), str(df.schema["age"]), df.schema.fieldNames()]


@case
def schema_after_ops(s, F, T):
    df = people(s).groupBy("city").agg(F.avg("age").alias("a"), F.collect_list("name").alias("l"), F.count("*").alias("n"))
    return [df.schema.simpleString(), [f.nullable for f in df.schema.fields]]


@case
def schema_nullable_lit(s, F, T):
    df = people(s).select(F.lit(1).alias("one"), F.lit(None).alias("n"), F.col("id"), (F.col("id") + 1).alias("p"), F.coalesce("age", F.lit(0)).alias("c"))
    return [df.schema.simpleString(), [f.nullable for f in df.schema.fields]]


@case
def datatype_repr(s, F, T):
    return [repr(T.StructType([T.StructField("a", T.LongType())])), T.ArrayType(T.IntegerType()).simpleString(),
            T.DecimalType(10, 2).simpleString(), T.DecimalType().simpleString(), repr(T.StringType())]


@case
def struct_type_parse(s, F, T):
    return [T._parse_datatype_string("a int, b array<string>").simpleString() if hasattr(T, "_parse_datatype_string") else "n/a"]


@case
def row_ops(s, F, T):
    Row = __import__("pyspark.sql" if F.__name__.startswith("pyspark") else "dfengine.sql", fromlist=["Row"]).Row
    r = people(s).orderBy("id").first()
    return [r["name"], r.age, r[0], r.asDict(), "name" in r, repr(Row(a=1, b="x"))]


@case
def collect_types(s, F, T):
    r = s.createDataFrame([(1, 1.5, "a", _dec.Decimal("1.20"), _dt.date(2024, 1, 1), [1], {"k": 1})],
                          "a int, b double, c string, d decimal(5,2), e date, f array<int>, g map<string,int>").collect()[0]
    return [type(x).__name__ for x in r]


@case
def to_pandas_types(s, F, T):
    pdf = people(s).orderBy("id").toPandas()
    return [str(t) for t in pdf.dtypes] + [repr(pdf["age"].tolist())]


# =============================================================== selectExpr / expr / misc
@case
def select_expr_alias(s, F, T):
    return people(s).selectExpr("id", "age + 1 AS a1", "upper(name) nm", "age * salary", "city IS NULL").orderBy("id")


@case
def expr_alias_inside(s, F, T):
    return people(s).select(F.expr("age + 1 as x"), F.expr("name")).orderBy("x")


@case
def filter_string_sql(s, F, T):
    return people(s).filter("age > 30 AND city = 'NY' OR name LIKE 'F%'").select("id").orderBy("id")


@case
def where_col_bool_python_and(s, F, T):
    return people(s).filter((F.col("age") > 30) and (F.col("city") == "NY"))


@case
def col_in_python_if(s, F, T):
    return people(s).filter(F.col("age") > 30 if F.col("age") else F.col("age") < 30)


@case
def filter_non_boolean(s, F, T):
    return people(s).filter(F.col("age"))


@case
def filter_string_column_truthy(s, F, T):
    return people(s).filter("name")


@case
def lit_types(s, F, T):
    return s.range(1).select(F.lit(1), F.lit(1.5), F.lit("s"), F.lit(True), F.lit(None), F.lit(_dec.Decimal("1.50")),
                             F.lit(_dt.date(2024, 1, 1)), F.lit(2 ** 40), F.lit([1, 2]))


@case
def range_df(s, F, T):
    return s.range(0, 10, 3).select("id", (F.col("id") * 1.5).alias("x"))


@case
def alias_df_col_ref(s, F, T):
    df = people(s).alias("p")
    return df.select("p.name", F.col("p.age")).orderBy("p.name")


@case
def col_dot_in_name(s, F, T):
    df = s.createDataFrame([(1, 2)], ["a.b", "c"])
    return df.select("`a.b`", F.col("`a.b`") + 1, "c")


@case
def col_dot_in_name_unquoted(s, F, T):
    df = s.createDataFrame([(1, 2)], ["a.b", "c"])
    return df.select("a.b")


@case
def col_space_in_name(s, F, T):
    df = s.createDataFrame([(1, 2)], ["my col", "c"])
    return df.select("my col", F.col("my col") * 2).withColumnRenamed("my col", "x")


@case
def dup_column_names_create(s, F, T):
    df = s.createDataFrame([(1, 2)], ["a", "a"])
    return df.select("a")


@case
def dup_column_names_collect(s, F, T):
    return s.createDataFrame([(1, 2)], ["a", "a"])


@case
def df_getattr_missing(s, F, T):
    return people(s).select(people(s).nope)


@case
def df_getitem_index(s, F, T):
    df = people(s)
    return df.select(df[1], df["age"], df[["id", "city"]] if False else df.id).orderBy("id")


@case
def hash_funcs(s, F, T):
    return people(s).select("id", F.hash("name"), F.xxhash64("name"), F.hash("id", "name")).orderBy("id")


@case
def bitwise_funcs(s, F, T):
    df = s.createDataFrame([(12, 10)], "a int, b int")
    return df.select(F.col("a").bitwiseAND(F.col("b")), F.col("a").bitwiseOR(F.col("b")), F.col("a").bitwiseXOR(F.col("b")),
                     F.shiftleft("a", 2), F.shiftright("a", 1), F.bitwise_not("a"), F.bit_count("a"))


@case
def conv_funcs(s, F, T):
    return s.createDataFrame([("255",)], ["s"]).select(F.conv("s", 10, 16), F.conv("s", 10, 2), F.bin(F.lit(5)), F.hex(F.lit(255)), F.unhex(F.lit("41")))


@case
def udf_simple(s, F, T):
    f = F.udf(lambda x: (x or "").upper() + "!", T.StringType())
    return people(s).select("id", f("city").alias("u")).orderBy("id")


@case
def udf_default_return(s, F, T):
    f = F.udf(lambda x: x * 2 if x is not None else None)
    return people(s).select("id", f("age").alias("u")).orderBy("id")


@case
def udf_wrong_return_type(s, F, T):
    f = F.udf(lambda x: "notint", T.IntegerType())
    return people(s).select("id", f("age").alias("u")).orderBy("id")


@case
def udf_exception(s, F, T):
    f = F.udf(lambda x: 1 // 0, T.IntegerType())
    return people(s).select(f("age"))


@case
def pandas_udf_simple(s, F, T):
    import pandas as pd

    @F.pandas_udf("double")
    def plus(x: pd.Series) -> pd.Series:
        return x * 1.5
    return people(s).select("id", plus("age").alias("p")).orderBy("id")


@case
def sort_within_agg_struct(s, F, T):
    return emp(s).groupBy("dept").agg(F.max(F.struct("sal", "name")).alias("m")).select("dept", "m.name", "m.sal").orderBy("dept")


@case
def monotonic_id_small(s, F, T):
    return people(s).coalesce(1).select(F.monotonically_increasing_id().alias("m")).orderBy("m").limit(3)


@case
def repartition_count(s, F, T):
    return [people(s).repartition(3).count(), people(s).repartition("city").select("id").orderBy("id").collect().__len__(), people(s).coalesce(1).rdd.getNumPartitions()]


@case
def rdd_map(s, F, T):
    return people(s).rdd.map(lambda r: (r.id, r.name.lower())).sortByKey().collect()


@case
def df_na_functions_on_missing_subset(s, F, T):
    return people(s).na.fill(0, subset=["nope"]).orderBy("id")


@case
def when_bad_condition(s, F, T):
    return people(s).select(F.when("age > 30", 1))


@case
def col_func_wrong_type_arg(s, F, T):
    return people(s).select(F.round("name", 2))


@case
def col_func_wrong_arg_python(s, F, T):
    return people(s).select(F.substring("name", "1", 2))


@case
def sum_of_string(s, F, T):
    return people(s).agg(F.sum("name"))


@case
def sum_of_numeric_string(s, F, T):
    return s.createDataFrame([("1",), ("2.5",)], ["s"]).agg(F.sum("s"), F.avg("s"))


@case
def avg_of_bool(s, F, T):
    return s.createDataFrame([(True,), (False,)], "b boolean").agg(F.avg("b"))


@case
def compare_string_to_int_col(s, F, T):
    return people(s).filter(F.col("name") > 5).select("id")


@case
def explode_non_array(s, F, T):
    return people(s).select(F.explode("name"))


@case
def getitem_on_string(s, F, T):
    return people(s).select(F.col("name")[0])


@case
def array_contains_type_mismatch(s, F, T):
    return arrs(s).select(F.array_contains("arr", "x"))


@case
def concat_array_string(s, F, T):
    return arrs(s).select(F.concat("arr", F.lit("x")))


@case
def with_column_non_column(s, F, T):
    return people(s).withColumn("x", 5)


@case
def select_none(s, F, T):
    return people(s).select()


@case
def groupby_agg_no_args(s, F, T):
    return people(s).groupBy("city").agg()


@case
def window_in_filter(s, F, T):
    return emp(s).filter(F.row_number().over(W(F).orderBy("name")) == 1)


@case
def agg_in_withcolumn(s, F, T):
    return emp(s).withColumn("m", F.max("sal"))


@case
def nested_agg(s, F, T):
    return emp(s).agg(F.max(F.sum("sal")))


@case
def cast_unknown_type(s, F, T):
    return people(s).select(F.col("age").cast("integr"))


@case
def to_date_int_col(s, F, T):
    return s.createDataFrame([(20240115,)], "d int").select(F.to_date(F.col("d").cast("string"), "yyyyMMdd"))


@case
def date_format_invalid_pattern(s, F, T):
    return dates(s).select(F.date_format("d", "yyyy-qq-bb"))


@case
def to_timestamp_fraction(s, F, T):
    df = s.createDataFrame([("2024-01-01 10:00:00.123456",), ("2024-01-01 10:00:00",)], ["s"])
    return df.select("s", F.to_timestamp("s"), F.to_timestamp("s", "yyyy-MM-dd HH:mm:ss.SSSSSS")).orderBy("s")


@case
def to_timestamp_12h(s, F, T):
    df = s.createDataFrame([("01/02/2024 01:30 PM",)], ["s"])
    return df.select(F.to_timestamp("s", "MM/dd/yyyy hh:mm a"), F.unix_timestamp("s", "MM/dd/yyyy hh:mm a"))


@case
def date_trunc_week(s, F, T):
    return dates(s).select("id", F.date_trunc("week", "ts"), F.date_trunc("day", "ts"), F.date_trunc("minute", "ts")).orderBy("id")


@case
def window_time_bucket(s, F, T):
    df = s.createDataFrame([("2024-01-01 10:03:00", 1), ("2024-01-01 10:07:00", 2), ("2024-01-01 10:12:00", 3)], ["t", "v"])
    return df.groupBy(F.window(F.to_timestamp("t"), "5 minutes")).agg(F.sum("v")).select("window.start", "window.end", "sum(v)").orderBy("start")


@case
def str_to_map_funcs(s, F, T):
    return s.range(1).select(F.str_to_map(F.lit("a:1,b:2")), F.expr("str_to_map('x=1;y=2', ';', '=')"))


@case
def array_repeat_sort_nulls(s, F, T):
    df = s.createDataFrame([([3, None, 1],)], "a array<int>")
    return df.select(F.sort_array("a"), F.sort_array("a", False), F.array_sort("a"), F.array_repeat(F.lit("x"), 3), F.array_compact("a"))


@case
def collect_list_order_after_sort(s, F, T):
    return emp(s).filter("dept = 'sales'").coalesce(1).orderBy("seq").groupBy("dept").agg(F.collect_list("name"))


@case
def greatest_strings_dates(s, F, T):
    return dates(s).select("id", F.greatest(F.to_date("d"), F.lit("2024-01-15").cast("date")), F.greatest(F.lit("b"), F.lit("B"))).orderBy("id")


@case
def sql_if_type_mismatch(s, F, T):
    return s.sql("SELECT if(true, 1, 'a'), coalesce(1, 'x')")


@case
def sql_case_type_mismatch(s, F, T):
    return s.sql("SELECT CASE WHEN true THEN 1 ELSE DATE'2024-01-01' END")


@case
def sql_union_type_mismatch(s, F, T):
    return s.sql("SELECT 1 AS x UNION ALL SELECT DATE'2024-01-01'")


@case
def sql_sum_string_col(s, F, T):
    return sql(s, "SELECT sum(name) FROM people")


@case
def sql_ntile_cume(s, F, T):
    return sql(s, "SELECT name, ntile(3) OVER (ORDER BY name) nt, cume_dist() OVER (ORDER BY sal) cd, percent_rank() OVER (ORDER BY sal) pr FROM emp ORDER BY name")


@case
def sql_count_star_empty(s, F, T):
    return sql(s, "SELECT count(*), sum(sal), max(name) FROM emp WHERE 1 = 0")


@case
def sql_group_by_empty(s, F, T):
    return sql(s, "SELECT dept, count(*) FROM emp WHERE 1 = 0 GROUP BY dept")


@case
def sql_limit_offset(s, F, T):
    return sql(s, "SELECT name FROM emp ORDER BY name LIMIT 2 OFFSET 3")


@case
def sql_string_escape_backslash(s, F, T):
    return s.sql(r"SELECT 'a\tb', 'a\\b', length('a\nb'), r'raw\n'")


@case
def sql_typed_literals_cmp(s, F, T):
    return s.sql("SELECT DATE'2024-01-01' < '2024-01-02', TIMESTAMP'2024-01-01 00:00:00' = DATE'2024-01-01', '10' > 9, 'abc' < 'abd'")


@case
def sql_in_mixed_types(s, F, T):
    return s.sql("SELECT 1 IN ('1', 2), 'a' IN (1, 'a')")


@case
def sql_with_cte_shadow(s, F, T):
    return sql(s, "WITH people AS (SELECT 1 AS id) SELECT * FROM people")


@case
def sql_semicolon(s, F, T):
    return sql(s, "SELECT 1 AS x;")


@case
def sql_backtick_cols(s, F, T):
    return s.sql("SELECT `my col` + 1 AS `x y` FROM (SELECT 1 AS `my col`)")


@case
def sql_comments(s, F, T):
    return s.sql("SELECT 1 AS x -- comment\n, /* block */ 2 AS y")


# =============================================================== batch 2 (fixed variants + more probes)
@case
def cast_bool_strings_alias(s, F, T):
    return s.createDataFrame([("true",), ("FALSE",), ("1",), ("0",), ("yes",), ("t",), ("n",), (" true ",)], ["s"]).select("s", F.col("s").cast("boolean").alias("c")).orderBy("s")


@case
def cast_double_to_string_alias(s, F, T):
    return s.createDataFrame([(1.0,), (0.1,), (1e20,), (1.5e-7,), (123456789.125,), (-0.0,), (1e7,), (0.001,)], ["x"]).select(
        "x", F.col("x").cast("string").alias("c")).orderBy("x")


@case
def cast_date_forms_alias(s, F, T):
    return s.createDataFrame([("2024-1-5",), ("2024-01-05T10:00:00",), ("2024",), ("2024-03",), (" 2024-01-05 ",)], ["s"]).select(
        "s", F.col("s").cast("date").alias("c")).orderBy("s")


@case
def cast_ts_string_alias(s, F, T):
    return s.createDataFrame([("2024-01-05 10:11:12.5",), ("2024-01-05",), ("2024-01-05T01:02:03Z",), ("2024-01-05 01:02:03+05:00",)], ["s"]).select(
        "s", F.col("s").cast("timestamp").alias("c"), F.col("s").cast("timestamp").cast("string").alias("back")).orderBy("s")


@case
def try_cast_expr_alias(s, F, T):
    return s.createDataFrame([("12",), ("abc",), (None,), ("1e3",), (" 5 ",)], ["s"]).select(
        "s", F.expr("try_cast(s as int)").alias("i"), F.col("s").try_cast("double").alias("d")).orderBy("s")


@case
def cast_string_binary_spaces(s, F, T):
    return s.createDataFrame([("  a b  ",)], ["s"]).select(F.length(F.col("s").cast("binary")).alias("n"), F.hex(F.col("s").cast("binary")).alias("h"))


@case
def cast_numeric_string_spaces(s, F, T):
    return s.createDataFrame([(" 12 ",), ("\t7\n",)], ["s"]).select(F.col("s").cast("int").alias("i"), F.col("s").cast("double").alias("d")).orderBy("i")


@case
def cast_double_trunc_no_nan(s, F, T):
    return s.createDataFrame([(2.7,), (-2.7,), (2147483647.5,)], ["x"]).select("x", F.col("x").cast("int").alias("i"), F.col("x").cast("long").alias("l")).orderBy("x")


@case
def string_arith_ok(s, F, T):
    return s.createDataFrame([("1",), ("2",)], ["s"]).select(F.col("s") + 1, F.col("s") * 2, F.col("s") / 2, F.col("s") + 1.5).orderBy(F.col("s"))


@case
def create_tuples_infer2(s, F, T):
    df = s.createDataFrame([(1, 2.0, "a", True, _dt.date(2024, 1, 1), _dt.datetime(2024, 1, 1, 1), _dec.Decimal("1.5"), [1], {"a": 1}, bytearray(b"x"))])
    return [df.columns, df.dtypes, df.schema.simpleString()]


@case
def str_trim_chars2(s, F, T):
    df = s.createDataFrame([("xxhixx",), ("\tt\n",)], ["s"])
    return df.select("s", F.trim("s", F.lit("x")).alias("t"), F.expr("trim(BOTH 'x' FROM s)").alias("b"), F.expr("trim(LEADING 'x' FROM s)").alias("l"), F.trim("s").alias("ws")).orderBy("s")


@case
def to_timestamp_fraction2(s, F, T):
    df = s.createDataFrame([("2024-01-01 10:00:00.123456",), ("2024-01-01 10:00:00",), ("2024-01-01 10:00:00.1",)], ["s"])
    return df.select("s", F.to_timestamp("s").alias("t")).orderBy("s")


@case
def lambda_sql2(s, F, T):
    return arrs(s).selectExpr("id", "transform(arr, x -> x + 1) as t", "filter(arr, x -> x is not null) as f",
                              "aggregate(arr, 0L, (a, x) -> a + coalesce(x, 0)) as agg",
                              "array_sort(filter(arr, x -> x is not null), (a, b) -> b - a) as srt").orderBy("id")


@case
def create_pandas_nullable_int2(s, F, T):
    import pandas as pd
    pdf = pd.DataFrame({"i": pd.array([1, None, 3], dtype="Int64"), "d": pd.to_datetime(["2024-01-01", None, "2024-03-01"])})
    return s.createDataFrame(pdf).orderBy("i")


@case
def explode_withcolumn_map(s, F, T):
    return arrs(s).withColumn("e", F.explode_outer("arr")).select("id", "e").orderBy("id", "e")


@case
def explode_then_groupby(s, F, T):
    return arrs(s).select("id", F.explode("arr").alias("v")).groupBy("v").count().orderBy("v")


@case
def explode_nested_in_expr(s, F, T):
    return arrs(s).select((F.explode("arr") + 1).alias("x"))


@case
def explode_array_of_arrays(s, F, T):
    df = s.createDataFrame([(1, [[1, 2], [3]]), (2, [[], None])], "id int, aa array<array<int>>")
    return df.select("id", F.explode("aa").alias("a")).select("id", "a", F.size("a").alias("n")).orderBy("id", "n")


@case
def array_join_nulls2(s, F, T):
    df = s.createDataFrame([(["a", None, "c"],), ([None],)], "a array<string>")
    return df.select(F.array_join("a", "-").alias("j"), F.array_join("a", "-", "?").alias("k")).orderBy("j")


@case
def array_join_int(s, F, T):
    df = s.createDataFrame([([1, 2, 3],)], "a array<int>")
    return df.select(F.array_join("a", "|").alias("j"))


@case
def reverse_array(s, F, T):
    return arrs(s).select("id", F.reverse("arr").alias("r")).orderBy("id")


@case
def contains_col_arg(s, F, T):
    return people(s).select("id", F.col("name").contains(F.col("city")).alias("c"), F.col("name").startswith(F.col("name")).alias("s")).orderBy("id")


@case
def like_col_pattern(s, F, T):
    df = s.createDataFrame([("abc", "a%"), ("xyz", "%z"), ("q", None)], ["s", "p"])
    return df.select("s", F.expr("s LIKE p").alias("l"), F.col("s").like(F.col("p")) if False else F.lit(1)).orderBy("s")


@case
def instr_col_arg(s, F, T):
    df = s.createDataFrame([("hello", "l"), ("abc", "z")], ["s", "t"])
    return df.select("s", F.expr("instr(s, t)").alias("i"), F.expr("locate(t, s)").alias("l"), F.expr("replace(s, t, '_')").alias("r")).orderBy("s")


@case
def substring_col_args(s, F, T):
    df = s.createDataFrame([("hello", 2, 3), ("world", 1, 1)], ["s", "p", "n"])
    return df.select("s", F.substring(F.col("s"), F.col("p"), F.col("n")).alias("x") if hasattr(F, "substring") else None,
                     F.col("s").substr(F.col("p"), F.col("n")).alias("y")).orderBy("s")


@case
def lpad_col_len(s, F, T):
    df = s.createDataFrame([("7", 3), ("42", 5)], ["s", "n"])
    return df.select("s", F.expr("lpad(s, n, '0')").alias("p")).orderBy("s")


@case
def regexp_replace_col_args(s, F, T):
    df = s.createDataFrame([("a1b2", "\\d", "#")], ["s", "p", "r"])
    return df.select(F.regexp_replace("s", F.col("p"), F.col("r")).alias("x"))


@case
def split_limit_zero(s, F, T):
    df = s.createDataFrame([("a,b,,",)], ["s"])
    return df.select(F.split("s", ",").alias("a"), F.split("s", ",", 0).alias("b"), F.split("s", ",", 1).alias("c"))


@case
def concat_ws_array(s, F, T):
    df = s.createDataFrame([(["a", None, "b"], "x")], "arr array<string>, s string")
    return df.select(F.concat_ws("/", "arr", "s").alias("c"))


@case
def initcap_mixed(s, F, T):
    df = s.createDataFrame([("hELLO wORLD",), ("a-b c_d",), ("  two  spaces",)], ["s"])
    return df.select("s", F.initcap("s").alias("i")).orderBy("s")


@case
def upper_lower_special(s, F, T):
    df = s.createDataFrame([("ǅ",), ("ﬁ",), ("Σίσυφος",), ("İstanbul",)], ["s"])
    return df.select("s", F.upper("s").alias("u"), F.lower("s").alias("l"), F.length("s").alias("n")).orderBy("s")


@case
def length_emoji(s, F, T):
    df = s.createDataFrame([("😀",), ("e\u0301",), ("𝔘",)], ["s"])
    return df.select("s", F.length("s").alias("n"), F.reverse("s").alias("r"), F.substring("s", 1, 1).alias("f")).orderBy("s")


@case
def regexp_extract_unicode(s, F, T):
    df = s.createDataFrame([("prix: 12€",), ("日本123",)], ["s"])
    return df.select("s", F.regexp_extract("s", "(\\d+)", 1).alias("d"), F.regexp_extract("s", "^(\\w+)", 1).alias("w")).orderBy("s")


@case
def format_string_null_prec(s, F, T):
    df = s.createDataFrame([(None, 1.5)], "a double, b double")
    return df.select(F.format_string("%.2f|%s|%d", "a", "a", F.lit(None).cast("int")).alias("x"), F.format_string("%05.1f", "b").alias("y"))


@case
def date_format_iso(s, F, T):
    return dates(s).select("id", F.date_format("ts", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX").alias("a"), F.date_format("ts", "MM/dd/yy").alias("b"),
                           F.date_format("ts", "EEE MMM d HH:mm:ss yyyy").alias("c"), F.date_format("ts", "L LLL").alias("d")).orderBy("id")


@case
def to_date_various_patterns(s, F, T):
    df = s.createDataFrame([("Jan 5 2024",), ("Feb 29 2024",)], ["s"])
    return df.select("s", F.to_date("s", "MMM d yyyy").alias("d")).orderBy("s")


@case
def to_date_single_letter(s, F, T):
    df = s.createDataFrame([("5/3/2024",), ("12/31/2024",)], ["s"])
    return df.select("s", F.to_date("s", "M/d/yyyy").alias("d")).orderBy("s")


@case
def to_date_twodigit_year(s, F, T):
    df = s.createDataFrame([("05-03-99",), ("05-03-24",)], ["s"])
    return df.select("s", F.to_date("s", "dd-MM-yy").alias("d")).orderBy("s")


@case
def to_timestamp_tz_offset(s, F, T):
    df = s.createDataFrame([("2024-06-01 12:00:00 +0200",)], ["s"])
    return df.select(F.to_timestamp("s", "yyyy-MM-dd HH:mm:ss Z").alias("t"), F.unix_timestamp("s", "yyyy-MM-dd HH:mm:ss Z").alias("u"))


@case
def to_timestamp_numeric_col(s, F, T):
    df = s.createDataFrame([(1700000000,), (0,)], "x long")
    return df.select("x", F.to_timestamp(F.col("x")).alias("t")).orderBy("x")


@case
def cast_long_to_timestamp(s, F, T):
    df = s.createDataFrame([(1700000000,), (0,)], "x long")
    return df.select("x", F.col("x").cast("timestamp").alias("t")).orderBy("x")


@case
def session_tz_conversions(s, F, T):
    df = s.createDataFrame([("2024-03-10 01:30:00",)], ["s"])
    return df.select(F.from_utc_timestamp("s", "America/Los_Angeles").alias("a"), F.to_utc_timestamp("s", "PST").alias("b"),
                     F.convert_timezone(F.lit("UTC"), F.lit("Asia/Tokyo"), F.to_timestamp_ntz("s")).alias("c"))


@case
def timestamp_ntz(s, F, T):
    df = s.createDataFrame([("2024-03-10 01:30:00",)], ["s"])
    return df.select(F.to_timestamp_ntz("s").alias("a"), F.to_timestamp_ltz("s").alias("b"), F.expr("TIMESTAMP_NTZ'2024-01-01 00:00:00'").alias("c"))


@case
def date_diff_funcs(s, F, T):
    df = s.createDataFrame([("2024-01-31", "2024-03-01")], ["a", "b"])
    return df.select(F.datediff("a", "b").alias("d"), F.months_between("b", "a").alias("m"), F.date_diff("b", "a").alias("dd"),
                     F.expr("datediff(day, a, b)").alias("e"))


@case
def date_add_months_end(s, F, T):
    df = s.createDataFrame([("2024-01-31",), ("2024-02-29",), ("2023-03-31",)], ["d"])
    return df.select("d", F.add_months("d", 1).alias("p1"), F.add_months("d", -1).alias("m1"), F.add_months("d", 12).alias("y")).orderBy("d")


@case
def date_add_col_days(s, F, T):
    df = s.createDataFrame([("2024-01-31", 3), ("2024-02-28", -30)], ["d", "n"])
    return df.select("d", F.date_add("d", F.col("n")).alias("a"), F.date_sub(F.col("d"), F.col("n")).alias("b"), F.expr("d + n").alias("c")).orderBy("d")


@case
def date_from_parts_sql(s, F, T):
    return s.sql("SELECT make_timestamp(2024, 2, 29, 23, 59, 59.5), make_date(2024, 12, 31), date_from_unix_date(1), unix_date(DATE'1970-01-11'), "
                 "unix_seconds(TIMESTAMP'1970-01-01 00:01:00'), unix_millis(TIMESTAMP'1970-01-01 00:00:01')")


@case
def extract_fields(s, F, T):
    return s.sql("SELECT extract(DOW FROM DATE'2024-07-07'), extract(DOY FROM DATE'2024-07-07'), extract(WEEK FROM DATE'2024-01-01'), "
                 "extract(QUARTER FROM DATE'2024-07-07'), extract(SECOND FROM TIMESTAMP'2024-01-01 00:00:12.345'), dayofweek('2024-07-07'), weekday('2024-07-07')")


@case
def window_rows_unbounded_following_count(s, F, T):
    Wd = W(F)
    w = Wd.partitionBy("dept").orderBy("seq").rowsBetween(0, Wd.unboundedFollowing)
    return emp(s).select("dept", "seq", F.count("*").over(w).alias("c"), F.min("sal").over(w).alias("m"), F.collect_list("seq").over(w).alias("l")).orderBy("dept", "seq")


@case
def window_range_desc(s, F, T):
    w = W(F).partitionBy("dept").orderBy(F.desc("sal")).rangeBetween(-50, 0)
    return emp(s).select("dept", "name", "sal", F.sum("sal").over(w).alias("s")).orderBy("dept", "name")


@case
def window_range_nulls(s, F, T):
    w = W(F).orderBy("sal").rangeBetween(W(F).unboundedPreceding, 0)
    return emp(s).select("name", "sal", F.count("*").over(w).alias("c"), F.sum("sal").over(w).alias("s")).orderBy("name")


@case
def window_lag_over_expr(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq")
    return emp(s).select("dept", "seq", (F.col("sal") - F.lag("sal", 1).over(w)).alias("diff"),
                         F.coalesce(F.lag("sal").over(w), F.lit(0)).alias("c")).orderBy("dept", "seq")


@case
def window_multiple_specs_same_select(s, F, T):
    Wd = W(F)
    return emp(s).select("name", F.rank().over(Wd.orderBy("sal")).alias("r1"), F.rank().over(Wd.partitionBy("dept").orderBy(F.desc("seq"))).alias("r2"),
                         F.avg("sal").over(Wd.partitionBy("dept")).alias("a")).orderBy("name")


@case
def window_ntile_more_than_rows(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq")
    return emp(s).select("dept", "seq", F.ntile(5).over(w).alias("n")).orderBy("dept", "seq")


@case
def window_percent_rank_single(s, F, T):
    w = W(F).partitionBy("dept").orderBy("sal")
    return emp(s).select("dept", "name", F.percent_rank().over(w).alias("p"), F.cume_dist().over(w).alias("c")).orderBy("dept", "name")


@case
def window_first_default_frame(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq")
    return emp(s).select("dept", "seq", F.first("sal").over(w).alias("f"), F.last("sal").over(w).alias("l"),
                         F.first("sal", True).over(w).alias("fi")).orderBy("dept", "seq")


@case
def window_order_by_two_cols_range(s, F, T):
    w = W(F).orderBy("dept", "seq").rangeBetween(-1, 0)
    return emp(s).select(F.sum("sal").over(w))


@case
def window_countdistinct(s, F, T):
    return emp(s).select(F.countDistinct("sal").over(W(F).partitionBy("dept")))


@case
def window_approx_count_distinct(s, F, T):
    return emp(s).select("dept", "name", F.approx_count_distinct("sal").over(W(F).partitionBy("dept")).alias("c"),
                         F.size(F.collect_set("sal").over(W(F).partitionBy("dept"))).alias("n")).orderBy("dept", "name")


@case
def window_sum_over_ordered_dup(s, F, T):
    df = s.createDataFrame([(1, 10), (1, 20), (2, 5)], "k int, v int")
    return df.select("k", "v", F.sum("v").over(W(F).orderBy("k")).alias("s")).orderBy("k", "v")


@case
def groupby_agg_alias_collision(s, F, T):
    return emp(s).groupBy("dept").agg(F.sum("sal").alias("dept")).orderBy("dept")


@case
def groupby_multiple_same_agg(s, F, T):
    return emp(s).groupBy("dept").agg(F.sum("sal"), F.sum("sal")).orderBy("dept")


@case
def groupby_col_obj_and_str(s, F, T):
    e = emp(s)
    return e.groupBy(e.dept, "seq").agg(F.max("sal").alias("m")).filter("seq = 1").orderBy("dept")


@case
def agg_expr_strings(s, F, T):
    return emp(s).groupBy("dept").agg(F.expr("sum(sal) / count(*)").alias("x"), F.expr("max(sal) - min(sal)")).orderBy("dept")


@case
def agg_sum_int_type(s, F, T):
    df = s.createDataFrame([(1, 1.5, 2)], "i int, d double, b tinyint")
    return df.agg(F.sum("i"), F.sum("d"), F.sum("b"), F.avg("b"), F.max("b"), F.min("i"))


@case
def agg_avg_decimal(s, F, T):
    df = s.createDataFrame([(_dec.Decimal("1.00"),), (_dec.Decimal("2.00"),), (_dec.Decimal("2.00"),)], "d decimal(10,2)")
    return df.agg(F.avg("d"), F.sum("d"), F.stddev("d"))


@case
def agg_collect_list_nulls(s, F, T):
    return emp(s).groupBy("dept").agg(F.size(F.collect_list("sal")).alias("n"), F.array_sort(F.collect_set("sal")).alias("s")).orderBy("dept")


@case
def agg_first_no_ignore(s, F, T):
    df = s.createDataFrame([(1, None), (1, None)], "g int, v int")
    return df.groupBy("g").agg(F.first("v"), F.last("v"), F.first("v", True))


@case
def agg_string_minmax(s, F, T):
    df = s.createDataFrame([("b",), ("B",), ("a",), ("é",)], ["s"])
    return df.agg(F.min("s"), F.max("s"))


@case
def agg_date_minmax(s, F, T):
    return dates(s).agg(F.min(F.to_date("d")).alias("mn"), F.max(F.to_timestamp("ts")).alias("mx"), F.count("d"))


@case
def agg_bool_minmax(s, F, T):
    df = s.createDataFrame([(True,), (False,), (None,)], "b boolean")
    return df.agg(F.min("b"), F.max("b"), F.count("b"), F.sum(F.col("b").cast("int")))


@case
def agg_count_col_expression_name(s, F, T):
    return emp(s).agg(F.count(F.col("sal") > 100), F.sum(F.when(F.col("sal") > 100, 1).otherwise(0)))


@case
def pivot_values_missing(s, F, T):
    return sales(s).groupBy("month").pivot("store", ["A", "Z"]).agg(F.sum("qty")).orderBy("month")


@case
def pivot_int_values(s, F, T):
    return emp(s).groupBy("dept").pivot("seq").agg(F.max("sal")).orderBy("dept")


@case
def pivot_null_value(s, F, T):
    return sales(s).groupBy("store").pivot("product").count().orderBy("store")


@case
def pivot_alias_single(s, F, T):
    return sales(s).groupBy("month").pivot("store").agg(F.sum("qty").alias("total")).orderBy("month")


@case
def pivot_then_fillna(s, F, T):
    return sales(s).groupBy("month").pivot("store").sum("qty").na.fill(0).orderBy("month")


@case
def unpivot_melt(s, F, T):
    df = s.createDataFrame([(1, 10, 20), (2, 30, None)], "id int, a int, b int")
    return df.unpivot("id", ["a", "b"], "var", "val").orderBy("id", "var")


@case
def unpivot_type_mix(s, F, T):
    df = s.createDataFrame([(1, 10, 2.5)], "id int, a int, b double")
    return df.melt(ids=["id"], values=None, variableColumnName="k", valueColumnName="v").orderBy("k")


@case
def rollup_with_having_like(s, F, T):
    return sales(s).rollup("store").agg(F.sum("qty").alias("q")).filter(F.col("store").isNull()).select("q")


@case
def cube_grouping_id_multi(s, F, T):
    return sales(s).cube("month", "store").agg(F.grouping_id("month", "store").alias("g"), F.count("*").alias("n")).groupBy("g").agg(F.sum("n")).orderBy("g")


@case
def join_on_col_list_objects(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r, [l.k == r.k, l.x < r.x]).select(l.v, r.w).orderBy("v", "w")


@case
def join_how_aliases(s, F, T):
    l, r = jl(s), jr(s)
    out = []
    for how in ["leftouter", "left_outer", "rightouter", "fullouter", "outer", "semi", "leftanti", "cross", "inner"]:
        out.append((how, l.join(r, "k", how).count()))
    return out


@case
def join_result_column_order(s, F, T):
    l = s.createDataFrame([(1, 2, "a")], "a int, b int, c string")
    r = s.createDataFrame([(2, 1, "z")], "b int, a int, d string")
    return l.join(r, ["b", "a"], "full")


@case
def join_using_select_qualified(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r, "k").select(l.k, r.k, l.x, r.x).orderBy(l.k, "w")


@case
def join_using_right_select_key(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r, "k", "right").select(r.k, l.v).orderBy(F.col("k").asc_nulls_first(), "v")


@case
def join_after_withcolumn_same_df(s, F, T):
    e = emp(s)
    tot = e.groupBy("dept").agg(F.sum("sal").alias("t"))
    return e.join(tot, "dept").select("name", (F.col("sal") / F.col("t")).alias("share")).orderBy("name")


@case
def join_self_derived_ambiguous(s, F, T):
    e = emp(s)
    e2 = e.filter("sal > 100")
    return e.join(e2, e.name == e2.name).select(e.name, e2.sal).orderBy(e.name)


@case
def join_string_expr(s, F, T):
    a = jl(s).alias("a")
    b = jr(s).alias("b")
    return a.join(b, F.expr("a.k = b.k AND b.x > 100")).select("a.v", "b.w").orderBy("v", "w")


@case
def join_different_types_keys(s, F, T):
    a = s.createDataFrame([(1, "x")], "k int, a string")
    b = s.createDataFrame([(1.0, "y"), (1.5, "z")], "k double, b string")
    return a.join(b, a.k == b.k).select("a", "b")


@case
def join_string_int_keys_ok(s, F, T):
    a = s.createDataFrame([("1", "s")], "k string, a string")
    b = s.createDataFrame([(1, "i")], "k int, b string")
    return a.join(b, a.k == b.k).select("a", "b")


@case
def join_left_null_fill_after(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r.select("k", "w"), "k", "left").fillna({"w": "none"}).orderBy("v", "w")


@case
def join_then_drop_col_str_ambiguous(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r, l.k == r.k).drop("k").orderBy("v", "w")


@case
def join_then_drop_col_obj(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r, l.k == r.k).drop(r.k).drop(r.x).orderBy("v", "w")


@case
def join_withcolumnrenamed_dup(s, F, T):
    l, r = jl(s), jr(s)
    return l.join(r, l.k == r.k).withColumnRenamed("x", "xx").orderBy("v", "w")


@case
def union_after_select_order(s, F, T):
    a = s.createDataFrame([(1, "a")], "x int, y string")
    return a.select("y", "x").union(a).orderBy("y")


@case
def union_nested_struct_widen(s, F, T):
    a = s.createDataFrame([((1, "a"),)], "s struct<i:int,t:string>")
    b = s.createDataFrame([((2, "b"),)], "s struct<i:bigint,t:string>")
    return a.union(b).orderBy("s.i")


@case
def union_by_name_missing_nested(s, F, T):
    a = s.createDataFrame([(1, [1])], "x int, arr array<int>")
    b = s.createDataFrame([(2.5,)], "x double")
    return a.unionByName(b, allowMissingColumns=True).orderBy("x")


@case
def union_date_string(s, F, T):
    a = s.createDataFrame([(_dt.date(2024, 1, 1),)], "d date")
    b = s.createDataFrame([("2024-02-01",)], "d string")
    return a.union(b).orderBy("d")


@case
def distinct_struct_array(s, F, T):
    df = s.createDataFrame([([1, 2], {"a": 1}), ([1, 2], {"a": 1}), ([2], {"a": 1})], "a array<int>, m map<string,int>")
    return df.select("a").distinct().orderBy(F.size("a"))


@case
def distinct_map_col(s, F, T):
    df = s.createDataFrame([([1, 2], {"a": 1}), ([1, 2], {"a": 1})], "a array<int>, m map<string,int>")
    return df.distinct()


@case
def drop_duplicates_keep_first_sorted(s, F, T):
    return emp(s).orderBy("sal").dropDuplicates(["dept"]).select("dept").orderBy("dept")


@case
def na_fill_int_into_double_and_long(s, F, T):
    df = s.createDataFrame([(None, None, None)], "a int, b double, c decimal(5,2)")
    return df.fillna(3)


@case
def na_fill_dict_bad_col(s, F, T):
    return people(s).fillna({"nope": 1})


@case
def na_fill_subset_str_single(s, F, T):
    return people(s).fillna("?", subset="city").orderBy("id")


@case
def na_drop_subset_missing(s, F, T):
    return people(s).dropna(subset=["nope"])


@case
def na_replace_int_to_float(s, F, T):
    return people(s).select("id", "age").replace(29, 29.5).orderBy("id")


@case
def na_replace_all_cols_str(s, F, T):
    df = s.createDataFrame([("a", "a", 1)], "x string, y string, z int")
    return df.replace("a", "b")


@case
def na_replace_bool(s, F, T):
    df = s.createDataFrame([(True, 1)], "b boolean, i int")
    return df.replace(True, False)


@case
def describe_types_and_names(s, F, T):
    df = s.createDataFrame([(1, 1.5, "x", True), (3, None, "y", False)], "i int, d double, s string, b boolean")
    return df.describe()


@case
def summary_percentiles_even(s, F, T):
    df = s.createDataFrame([(i,) for i in [1, 2, 3, 4]], "x int")
    return df.summary()


@case
def approx_quantile_null_col(s, F, T):
    df = s.createDataFrame([(None,), (None,)], "x double")
    return df.approxQuantile("x", [0.5], 0.0)


@case
def approx_quantile_bad_prob(s, F, T):
    return people(s).approxQuantile("age", [1.5], 0.0)


@case
def corr_string_col(s, F, T):
    return people(s).corr("age", "name")


@case
def cov_no_variance(s, F, T):
    df = s.createDataFrame([(1, 1.0), (1, 2.0)], "a int, b double")
    return df.agg(F.corr("a", "b"), F.stddev("a"), F.covar_samp("a", "b"))


@case
def stddev_single_row(s, F, T):
    return s.createDataFrame([(1.0,)], "x double").agg(F.stddev("x"), F.variance("x"), F.stddev_pop("x"), F.skewness("x"))


@case
def crosstab_ints(s, F, T):
    return emp(s).crosstab("dept", "seq")


@case
def sql_cte_recursive_name_reuse(s, F, T):
    return sql(s, "WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS x FROM a) SELECT * FROM a UNION ALL SELECT * FROM b ORDER BY x")


@case
def sql_subquery_from_with_alias_cols(s, F, T):
    return s.sql("SELECT t.a, t.b FROM (SELECT 1, 'x') AS t(a, b)")


@case
def sql_exists_not(s, F, T):
    return sql(s, "SELECT id FROM people p WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE e.seq = p.id) ORDER BY id")


@case
def sql_in_subquery_correlated(s, F, T):
    return sql(s, "SELECT name FROM emp e WHERE sal IN (SELECT max(sal) FROM emp x WHERE x.dept = e.dept) ORDER BY name")


@case
def sql_scalar_subquery_in_select_correlated(s, F, T):
    return sql(s, "SELECT name, (SELECT count(*) FROM emp x WHERE x.dept = e.dept) AS n FROM emp e ORDER BY name")


@case
def sql_case_when_null(s, F, T):
    return s.sql("SELECT CASE NULL WHEN NULL THEN 'a' ELSE 'b' END, CASE WHEN NULL THEN 1 ELSE 2 END, CASE 1 WHEN 1.0 THEN 'x' END")


@case
def sql_group_by_expression_select_other(s, F, T):
    return sql(s, "SELECT sal > 100 AS hi, count(*) FROM emp GROUP BY sal > 100 ORDER BY hi NULLS FIRST")


@case
def sql_group_by_ordinal_out_of_range(s, F, T):
    return sql(s, "SELECT dept, count(*) FROM emp GROUP BY 3")


@case
def sql_order_by_ordinal_out_of_range(s, F, T):
    return sql(s, "SELECT dept FROM emp ORDER BY 2")


@case
def sql_having_without_groupby(s, F, T):
    return sql(s, "SELECT count(*) AS n FROM emp HAVING count(*) > 3")


@case
def sql_order_by_agg_not_selected(s, F, T):
    return sql(s, "SELECT dept FROM emp GROUP BY dept ORDER BY sum(sal) DESC")


@case
def sql_window_in_order_by(s, F, T):
    return sql(s, "SELECT name FROM emp ORDER BY row_number() OVER (ORDER BY name DESC) LIMIT 3")


@case
def sql_nested_window_agg(s, F, T):
    return sql(s, "SELECT dept, sum(sal) AS s, rank() OVER (ORDER BY sum(sal) DESC) AS r FROM emp GROUP BY dept ORDER BY r")


@case
def sql_distinct_on_multiple_with_nulls(s, F, T):
    return sql(s, "SELECT DISTINCT city, age > 30 AS o FROM people ORDER BY city NULLS LAST, o NULLS LAST")


@case
def sql_union_column_names(s, F, T):
    return s.sql("SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2 AS c, 'y' AS d ORDER BY a")


@case
def sql_insert_like_values_types(s, F, T):
    return s.sql("SELECT * FROM VALUES (1, 2.5), (2, NULL), (3, 4) AS t(a, b) ORDER BY a")


@case
def sql_inline_table_mixed(s, F, T):
    return s.sql("SELECT * FROM VALUES (1), (2.5), (NULL) AS t(a) ORDER BY a NULLS LAST")


@case
def sql_explode_posexplode(s, F, T):
    return s.sql("SELECT posexplode(array('a', 'b'))")


@case
def sql_explode_generator_alias_single(s, F, T):
    return s.sql("SELECT explode(array(3, 1)) AS v ORDER BY v")


@case
def sql_lateral_view_map(s, F, T):
    return sql(s, "SELECT id, k, v FROM arrs LATERAL VIEW explode(m) t AS k, v ORDER BY id, k")


@case
def sql_lateral_view_posexplode(s, F, T):
    return sql(s, "SELECT id, p, v FROM arrs LATERAL VIEW posexplode(arr) t AS p, v ORDER BY id, p")


@case
def sql_array_functions(s, F, T):
    return s.sql("SELECT array_contains(array(1, NULL), 2), array_position(array(3, 4), 4), array_distinct(array(1, 1, NULL, NULL)), "
                 "size(NULL), cardinality(array()), array_append(array(1), 2), array_prepend(array(1), 0), array_insert(array(1, 3), 2, 2)")


@case
def sql_map_functions(s, F, T):
    return s.sql("SELECT map_keys(map('b', 1, 'a', 2)), map_from_entries(array(struct('x', 1))), map('a', 1) = map('a', 1)")


@case
def sql_struct_functions(s, F, T):
    return s.sql("SELECT struct(1 AS a, 2 AS b).a, named_struct('x', array(1, 2)).x[1], to_json(named_struct('a', 1, 'b', NULL))")


@case
def sql_string_functions2(s, F, T):
    return s.sql("SELECT concat_ws(',', 'a', NULL, 'b'), repeat('ab', 3), left('abc', 5), right('abc', 0), lcase('ABC'), "
                 "startswith('abc', 'a'), endswith('abc', 'bc'), contains('abc', 'x'), btrim('  x  '), char(65), chr(256 + 66), string(12)")


@case
def sql_number_functions(s, F, T):
    return s.sql("SELECT round(2.5), round(-2.5), round(2.345, 2), bround(2.5), round(1.23456789E3, -2), ceil(-0.5), floor(-0.5), "
                 "ceiling(1.2), sign(-3), abs(-3.5), greatest(1, 2.5), least('a', 'B')")


@case
def sql_round_double_vs_decimal(s, F, T):
    return s.sql("SELECT round(CAST(2.5 AS DOUBLE)), round(0.125D, 2), round(0.125, 2), round(1.005D, 2), round(CAST(1.005 AS FLOAT), 2)")


@case
def sql_typeof_results(s, F, T):
    return s.sql("SELECT typeof(1 + 1.5), typeof(1 / 1), typeof(2 * 1.5D), typeof(sum(1)), typeof(avg(1)), typeof(round(1.5)), typeof(ceil(1.5)), typeof(CAST(1 AS TINYINT) + CAST(1 AS TINYINT))")


@case
def sql_tinyint_overflow(s, F, T):
    return s.sql("SELECT CAST(127 AS TINYINT) + CAST(1 AS TINYINT)")


@case
def sql_long_overflow_mul(s, F, T):
    return s.sql("SELECT 9223372036854775807 * 2")


@case
def sql_decimal_overflow(s, F, T):
    return s.sql("SELECT CAST(99999999999999999999999999999999999999 AS DECIMAL(38,0)) + 1")


@case
def sql_string_to_date_compare(s, F, T):
    return sql(s, "SELECT count(*) FROM (SELECT to_date(d) AS d FROM VALUES ('2024-01-01'), ('2024-02-01') AS t(d)) WHERE d >= '2024-01-15'")


@case
def sql_date_plus_string(s, F, T):
    return s.sql("SELECT DATE'2024-01-01' + 1, date_add(DATE'2024-01-01', '2'), '2024-01-01' + INTERVAL 1 DAY")


@case
def sql_like_null(s, F, T):
    return s.sql("SELECT NULL LIKE 'a', 'a' LIKE NULL, 'abc' LIKE '%', '' LIKE '%', 'a\nb' LIKE 'a%b'")


@case
def sql_rlike_special(s, F, T):
    return s.sql("SELECT 'a.b' RLIKE 'a.b', 'axb' RLIKE 'a\\\\.b', regexp('abc', '^a'), regexp_replace('aaa', 'a*', 'X')")


@case
def sql_nvl2_decode(s, F, T):
    return s.sql("SELECT decode(2, 1, 'one', 2, 'two', 'other'), nvl2(NULL, 1, 2), nullifzero(0), zeroifnull(NULL), equal_null(NULL, NULL)")


@case
def sql_between_symmetric(s, F, T):
    return s.sql("SELECT 5 BETWEEN 10 AND 1, 5 NOT BETWEEN 1 AND 10, 'b' BETWEEN 'a' AND 'c'")


@case
def sql_limit_all_and_expr(s, F, T):
    return sql(s, "SELECT name FROM emp ORDER BY name LIMIT 1 + 1")


@case
def sql_tablesample(s, F, T):
    return sql(s, "SELECT count(*) FROM emp TABLESAMPLE (100 PERCENT)")


@case
def sql_set_conf_ansi_off(s, F, T):
    s.sql("SET spark.sql.ansi.enabled=false")
    try:
        return s.sql("SELECT CAST('abc' AS INT), 1/0, 2147483647 + 1, element_at(array(1), 5)").collect() and s.createDataFrame(
            [tuple(s.sql("SELECT CAST('abc' AS INT) a, 1/0 b, 2147483647 + 1 c, element_at(array(1), 5) d, size(NULL) e").collect()[0])], "a int, b double, c int, d int, e int")
    finally:
        s.sql("SET spark.sql.ansi.enabled=true")


@case
def conf_get_ansi(s, F, T):
    return [s.conf.get("spark.sql.ansi.enabled"), s.conf.get("spark.sql.shuffle.partitions"), s.conf.get("spark.sql.session.timeZone")]


@case
def df_create_from_rdd_like_list_rows_schema_order(s, F, T):
    Row = __import__("pyspark.sql" if F.__name__.startswith("pyspark") else "dfengine.sql", fromlist=["Row"]).Row
    df = s.createDataFrame([Row(b=1, a="x")], "a string, b int")
    return df


@case
def create_row_kwargs_order(s, F, T):
    Row = __import__("pyspark.sql" if F.__name__.startswith("pyspark") else "dfengine.sql", fromlist=["Row"]).Row
    return s.createDataFrame([Row(z=1, a=2)])


@case
def create_from_pandas_index(s, F, T):
    import pandas as pd
    pdf = pd.DataFrame({"x": [1, 2]}, index=[10, 20])
    return s.createDataFrame(pdf).orderBy("x")


@case
def create_from_pandas_datetime_tz(s, F, T):
    import pandas as pd
    pdf = pd.DataFrame({"t": pd.to_datetime(["2024-01-01 12:00"]).tz_localize("America/New_York")})
    return s.createDataFrame(pdf)


@case
def create_from_pandas_categorical(s, F, T):
    import pandas as pd
    pdf = pd.DataFrame({"c": pd.Categorical(["a", "b", "a"])})
    return s.createDataFrame(pdf).orderBy("c")


@case
def create_from_pandas_empty(s, F, T):
    import pandas as pd
    return s.createDataFrame(pd.DataFrame({"a": pd.Series([], dtype="int64"), "b": pd.Series([], dtype="object")}))


@case
def create_nested_dict_infer(s, F, T):
    df = s.createDataFrame([{"a": {"x": 1}, "b": [{"y": "q"}]}])
    return [df.schema.simpleString()]


@case
def create_tuple_schema_mismatch_len(s, F, T):
    return s.createDataFrame([(1, 2, 3)], "a int, b int")


@case
def create_float_for_int_schema_string(s, F, T):
    return s.createDataFrame([(1.5,)], "a int")


@case
def create_str_date_schema(s, F, T):
    return s.createDataFrame([("2024-01-01",)], "d date")


@case
def create_int_to_long_schema_ok(s, F, T):
    return s.createDataFrame([(1, 2.5)], "a long, b float")


@case
def create_verify_schema_false(s, F, T):
    schema = T.StructType([T.StructField("a", T.IntegerType())])
    return s.createDataFrame([("x",)], schema, verifySchema=False)


@case
def print_schema_tree(s, F, T):
    import io, contextlib
    df = s.createDataFrame([(1, [1], {"k": (1, "x")})], "a int, b array<int>, c map<string, struct<p:int,q:string>>")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        df.printSchema()
    return buf.getvalue()


@case
def show_output(s, F, T):
    import io, contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        people(s).orderBy("id").show(3, truncate=False)
        s.createDataFrame([(1.0, None, [1, None], {"a": None}, "a very long string value exceeding twenty")], "a double, b string, c array<int>, d map<string,int>, e string").show()
    return buf.getvalue()


@case
def show_vertical(s, F, T):
    import io, contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        people(s).orderBy("id").show(2, vertical=True)
    return buf.getvalue()


@case
def df_repr(s, F, T):
    return [repr(people(s)), str(people(s).select(F.col("age") + 1)), repr(F.col("age") + 1)]


@case
def column_repr(s, F, T):
    return [repr(F.col("a")), repr(F.lit(1)), repr(F.col("a").alias("b")), repr(F.sum("a")), repr((F.col("a") > 1) & (F.col("b") == "x"))]


@case
def with_column_renamed_to_existing(s, F, T):
    return people(s).withColumnRenamed("name", "age").orderBy("id")


@case
def select_star_and_expr(s, F, T):
    return people(s).select("*", (F.col("id") * 2).alias("d")).orderBy("id")


@case
def select_list_arg(s, F, T):
    return people(s).select(["id", "name"]).orderBy("id")


@case
def select_regex_colregex(s, F, T):
    return people(s).select(people(s).colRegex("`(na|ag).*`")).orderBy("name")


@case
def filter_isin_empty(s, F, T):
    return people(s).filter(F.col("city").isin([])).select("id")


@case
def filter_isin_column(s, F, T):
    return people(s).filter(F.col("city").isin(F.lit("NY"), F.col("name"))).select("id").orderBy("id")


@case
def between_strings_dates(s, F, T):
    return people(s).filter(F.col("name").between("B", "E")).select("name").orderBy("name")


@case
def when_otherwise_null_type(s, F, T):
    df = people(s).select("id", F.when(F.col("age") > 30, F.lit(None)).otherwise(F.col("salary")).alias("x"))
    return df.orderBy("id")


@case
def when_multiple_true_first_wins(s, F, T):
    return people(s).select("id", F.when(F.col("age") > 20, "a").when(F.col("age") > 30, "b").alias("w")).orderBy("id")


@case
def nested_when_in_agg(s, F, T):
    return people(s).groupBy("city").agg(F.sum(F.when(F.col("age") > 30, F.col("salary")).otherwise(0)).alias("s")).orderBy("city")


@case
def col_getattr_struct(s, F, T):
    df = s.createDataFrame([((1, "x"),)], "st struct<a:int,b:string>")
    return df.select(df.st.a, df.st["b"], F.col("st")["a"])


@case
def getfield_on_map(s, F, T):
    return arrs(s).select("id", F.col("m").getField("a").alias("x")).orderBy("id")


@case
def getitem_string_on_array(s, F, T):
    return arrs(s).select(F.col("arr").getItem("a"))


@case
def array_of_structs_field(s, F, T):
    df = s.createDataFrame([([(1, "a"), (2, "b")],)], "xs array<struct<n:int,c:string>>")
    return df.select(F.col("xs.n").alias("ns"), F.col("xs")["c"].alias("cs"), F.col("xs")[0]["c"].alias("c0"))


@case
def array_contains_null_elem(s, F, T):
    return arrs(s).select("id", F.array_contains("arr", 1).alias("c"), F.array_contains("arr", F.lit(None).cast("int")).alias("n")).orderBy("id")


@case
def array_min_max_strings(s, F, T):
    df = s.createDataFrame([(["b", "A", None, "a"],)], "a array<string>")
    return df.select(F.array_min("a"), F.array_max("a"), F.array_sort("a"), F.sort_array("a", False))


@case
def array_position_null(s, F, T):
    return arrs(s).select("id", F.array_position("arr", 5).alias("p"), F.array_remove("arr", 5).alias("r"), F.array_distinct("arr").alias("d")).orderBy("id")


@case
def array_union_nulls(s, F, T):
    df = s.createDataFrame([([1, None], [None, 2])], "a array<int>, b array<int>")
    return df.select(F.array_union("a", "b"), F.array_intersect("a", "b"), F.array_except("a", "b"))


@case
def array_lambda_index(s, F, T):
    return arrs(s).select("id", F.filter("arr", lambda x, i: i % 2 == 0).alias("f"), F.transform("arr", lambda x: F.when(x.isNull(), -1).otherwise(x)).alias("t")).orderBy("id")


@case
def array_lambda_nested(s, F, T):
    df = s.createDataFrame([([[1, 2], [3]],)], "aa array<array<int>>")
    return df.select(F.transform("aa", lambda a: F.aggregate(a, F.lit(0), lambda acc, x: acc + x)).alias("sums"),
                     F.flatten("aa").alias("f"))


@case
def array_lambda_outer_col_ref(s, F, T):
    return arrs(s).select("id", F.transform("arr", lambda x: x + F.col("id")).alias("t")).orderBy("id")


@case
def array_aggregate_type_mismatch(s, F, T):
    df = s.createDataFrame([([1.5, 2.5],)], "a array<double>")
    return df.select(F.aggregate("a", F.lit(0), lambda acc, x: acc + x))


@case
def array_zip_with_diff_len(s, F, T):
    df = s.createDataFrame([([1, 2, 3], [10, 20])], "a array<int>, b array<int>")
    return df.select(F.zip_with("a", "b", lambda x, y: F.coalesce(x, F.lit(0)) + F.coalesce(y, F.lit(0))).alias("z"))


@case
def array_sort_comparator(s, F, T):
    df = s.createDataFrame([(["bb", "a", "ccc"],)], "a array<string>")
    return df.select(F.array_sort("a", lambda x, y: F.length(y) - F.length(x)).alias("s"))


@case
def map_null_key_error(s, F, T):
    return s.range(1).select(F.create_map(F.lit(None).cast("string"), F.lit(1)))


@case
def map_values_order(s, F, T):
    df = s.createDataFrame([({"b": 2, "a": 1, "c": 3},)], "m map<string,int>")
    return df.select(F.map_keys("m"), F.map_values("m"), F.map_entries("m"))


@case
def map_explode_order(s, F, T):
    df = s.createDataFrame([({"b": 2, "a": 1, "c": 3},)], "m map<string,int>")
    return df.select(F.explode("m"))


@case
def map_from_arrays_null_key(s, F, T):
    df = s.createDataFrame([(["a", None], [1, 2])], "k array<string>, v array<int>")
    return df.select(F.map_from_arrays("k", "v"))


@case
def map_size_and_access_int_key(s, F, T):
    df = s.createDataFrame([({1: "a", 2: "b"},)], "m map<int,string>")
    return df.select(F.size("m"), F.col("m")[1], F.col("m")[3], F.element_at("m", 2))


@case
def struct_star_after_join(s, F, T):
    df = s.createDataFrame([(1, (2, 3))], "id int, st struct<a:int,b:int>")
    return df.select("id", "st.*").orderBy("id")


@case
def struct_compare_sort(s, F, T):
    df = s.createDataFrame([((2, "a"),), ((1, "z"),), ((1, "b"),)], "st struct<i:int,s:string>")
    return df.orderBy("st")


@case
def struct_nested_withfield(s, F, T):
    df = s.createDataFrame([((1, (2, 3)),)], "st struct<a:int,n:struct<x:int,y:int>>")
    return df.select(F.col("st").withField("n.y", F.lit(99)).alias("r"))


@case
def json_from_json_array(s, F, T):
    df = s.createDataFrame([('[{"a": 1}, {"a": 2}]',)], ["j"])
    return df.select(F.from_json("j", "array<struct<a:int>>").alias("p")).select(F.col("p.a").alias("as"))


@case
def json_from_json_map(s, F, T):
    df = s.createDataFrame([('{"x": 1, "y": 2}',)], ["j"])
    return df.select(F.from_json("j", "map<string,int>").alias("m")).select(F.col("m")["y"].alias("y"))


@case
def json_from_json_ddl_struct_type(s, F, T):
    df = s.createDataFrame([('{"a": "2024-01-01", "b": 1.5}',)], ["j"])
    schema = T.StructType([T.StructField("a", T.DateType()), T.StructField("b", T.DecimalType(5, 2))])
    return df.select(F.from_json("j", schema).alias("p")).select("p.a", "p.b")


@case
def json_get_object_paths(s, F, T):
    df = s.createDataFrame([('{"a": [{"b": 1}, {"b": 2}], "c": null, "d": "x\\"y", "e": 1.0}',)], ["j"])
    return df.select(F.get_json_object("j", "$.a[*].b").alias("x"), F.get_json_object("j", "$.c").alias("c"),
                     F.get_json_object("j", "$.d").alias("d"), F.get_json_object("j", "$.e").alias("e"), F.get_json_object("j", "$.a").alias("a"))


@case
def json_to_json_types(s, F, T):
    df = s.createDataFrame([(1.0, _dt.date(2024, 1, 1), _dt.datetime(2024, 1, 1, 1, 2, 3), None, _dec.Decimal("1.50"))], "d double, dt date, ts timestamp, n string, dec decimal(5,2)")
    return df.select(F.to_json(F.struct("*")).alias("j"))


@case
def udf_returns_array(s, F, T):
    f = F.udf(lambda x: [x, x] if x is not None else None, T.ArrayType(T.LongType()))
    return people(s).select("id", f("age").alias("u")).orderBy("id")


@case
def udf_returns_struct(s, F, T):
    f = F.udf(lambda x: (x, str(x)), "a long, b string")
    return people(s).select("id", f("id").alias("u")).select("id", "u.a", "u.b").orderBy("id")


@case
def udf_decorator_and_null(s, F, T):
    @F.udf(returnType=T.IntegerType())
    def slen(x):
        return len(x)
    return people(s).select(slen("city").alias("n"))


@case
def udf_register_sql(s, F, T):
    s.udf.register("plus_one", lambda x: x + 1 if x is not None else None, T.LongType())
    views(s)
    return s.sql("SELECT id, plus_one(age) AS p FROM people ORDER BY id")


@case
def pandas_udf_grouped_agg(s, F, T):
    import pandas as pd

    @F.pandas_udf("double")
    def mean_udf(v: pd.Series) -> float:
        return float(v.mean())
    return emp(s).groupBy("dept").agg(mean_udf("sal").alias("m")).orderBy("dept")


@case
def apply_in_pandas(s, F, T):
    def norm_(pdf):
        pdf = pdf.copy()
        pdf["sal"] = pdf["sal"].fillna(0) - pdf["sal"].fillna(0).mean()
        return pdf[["dept", "name", "sal"]]
    return emp(s).groupBy("dept").applyInPandas(norm_, schema="dept string, name string, sal double").orderBy("name")


@case
def map_in_pandas(s, F, T):
    def f(it):
        for pdf in it:
            yield pdf[pdf.sal > 150][["name"]]
    return emp(s).mapInPandas(f, "name string").orderBy("name")


@case
def rdd_to_df(s, F, T):
    rdd = s.sparkContext.parallelize([(1, "a"), (2, "b")])
    return rdd.toDF(["x", "y"]).orderBy("x")


@case
def cache_then_modify(s, F, T):
    df = people(s).cache()
    c = df.count()
    out = df.filter("age > 30").select("id").orderBy("id")
    df.unpersist()
    return out


@case
def checkpoint_local(s, F, T):
    return people(s).localCheckpoint().filter("age > 30").select("id").orderBy("id")


@case
def transform_method(s, F, T):
    return people(s).transform(lambda d: d.filter("age > 30")).transform(lambda d, n: d.limit(n), 2).select("id").orderBy("id") if True else None


@case
def df_sort_within_partitions(s, F, T):
    return people(s).coalesce(1).sortWithinPartitions(F.desc("id")).select("id")


@case(ordered=True)
def df_sort_within_partitions_ordered(s, F, T):
    return people(s).coalesce(1).sortWithinPartitions(F.desc("id")).select("id")


@case
def hint_and_repartition_by_range(s, F, T):
    return people(s).repartitionByRange(2, "age").hint("broadcast").select("id").orderBy("id")


@case
def temp_view_global(s, F, T):
    people(s).createOrReplaceGlobalTempView("gpeople")
    return s.sql("SELECT count(*) FROM global_temp.gpeople")


@case
def catalog_list(s, F, T):
    views(s)
    return [s.catalog.tableExists("people"), sorted(t.name for t in s.catalog.listTables() if t.name in ("people", "emp")), s.catalog.currentDatabase()]


@case
def drop_temp_view(s, F, T):
    views(s)
    r = s.catalog.dropTempView("arrs")
    return [r, s.catalog.tableExists("arrs")]


@case
def sql_select_from_dropped_view(s, F, T):
    views(s)
    s.catalog.dropTempView("arrs")
    return s.sql("SELECT * FROM arrs")


# =============================================================== batch 3 (column-valued args, regex/date dialect)
def cargs(s):
    return s.createDataFrame([("hello world", "o", 2, "x", 3, "a.b.c", "."), ("banana", "an", 1, "-", 0, "1,2", ","),
                              ("", "z", 5, "", 1, "no", ";"), (None, "a", None, None, 2, None, None)],
                             "s string, t string, n int, r string, k int, d string, sep string")


@case
def colarg_repeat(s, F, T):
    return cargs(s).select("s", F.expr("repeat(s, k)").alias("x")).orderBy("s")


@case
def colarg_left_right(s, F, T):
    return cargs(s).select("s", F.expr("left(s, n)").alias("l"), F.expr("right(s, n)").alias("r"), F.expr("substr(s, n)").alias("sub")).orderBy("s")


@case
def colarg_substring_index(s, F, T):
    return cargs(s).select("d", F.substring_index("d", ".", 2).alias("a"), F.expr("substring_index(d, sep, -1)").alias("b")).orderBy("d")


@case
def colarg_split(s, F, T):
    return cargs(s).select("d", F.split(F.col("d"), F.col("sep")).alias("a") if False else F.expr("split(d, sep)").alias("a")).orderBy("d")


@case
def colarg_translate(s, F, T):
    return cargs(s).select("s", F.expr("translate(s, t, r)").alias("x")).orderBy("s")


@case
def colarg_locate_pos(s, F, T):
    return cargs(s).select("s", F.expr("locate(t, s, n)").alias("x"), F.expr("position(t IN s)").alias("p")).orderBy("s")


@case
def colarg_rpad(s, F, T):
    return cargs(s).select("s", F.expr("rpad(t, k, r)").alias("x")).orderBy("s")


@case
def colarg_concat_ws_sep(s, F, T):
    return cargs(s).select("s", F.expr("concat_ws(sep, t, r)").alias("x")).orderBy("s")


@case
def colarg_startswith_endswith(s, F, T):
    return cargs(s).select("s", F.col("s").startswith(F.col("t")).alias("a"), F.col("s").endswith(F.col("t")).alias("b"),
                           F.col("s").contains(F.col("t")).alias("c")).orderBy("s")


@case
def colarg_rlike(s, F, T):
    return cargs(s).select("s", F.col("s").rlike(F.col("t")) if False else F.expr("s RLIKE t").alias("x")).orderBy("s")


@case
def colarg_regexp_extract_col_pattern(s, F, T):
    return cargs(s).select("s", F.expr("regexp_extract(s, t, 0)").alias("x")).orderBy("s")


@case
def colarg_array_contains(s, F, T):
    df = s.createDataFrame([([1, 2, 3], 2), ([4], 5), (None, 1), ([None, 1], None)], "a array<int>, v int")
    return df.select("v", F.array_contains("a", F.col("v")).alias("c"), F.array_position("a", F.col("v")).alias("p"),
                     F.array_remove("a", F.col("v")).alias("r")).orderBy("v")


@case
def colarg_element_at(s, F, T):
    df = s.createDataFrame([([1, 2, 3], 2), ([4], 1), ([7, 8], -1)], "a array<int>, i int")
    return df.select("i", F.element_at("a", F.col("i")).alias("e"), F.col("a")[F.col("i")].alias("g")).orderBy("i")


@case
def colarg_sequence(s, F, T):
    df = s.createDataFrame([(1, 4, 1), (10, 4, -3)], "a int, b int, c int")
    return df.select("a", F.sequence("a", "b", "c").alias("q"), F.sequence("a", "b").alias("q2") if False else F.lit(1)).orderBy("a")


@case
def colarg_slice(s, F, T):
    df = s.createDataFrame([([1, 2, 3, 4], 2, 2), ([1, 2], -1, 5)], "a array<int>, st int, ln int")
    return df.select("st", F.slice("a", F.col("st"), F.col("ln")).alias("x")).orderBy("st")


@case
def colarg_array_repeat(s, F, T):
    df = s.createDataFrame([("a", 2), ("b", 0)], "v string, n int")
    return df.select("v", F.array_repeat("v", F.col("n")).alias("x")).orderBy("v")


@case
def colarg_date_trunc_format(s, F, T):
    df = s.createDataFrame([("2024-05-17 10:11:12", "yyyy-MM", "month"), ("2024-05-17 10:11:12", "HH:mm", "hour")], "t string, f string, u string")
    return df.select("f", F.date_format(F.to_timestamp("t"), "yyyy").alias("y"), F.expr("date_format(t, f)").alias("x"), F.expr("date_trunc(u, t)").alias("d")).orderBy("f")


@case
def colarg_add_months(s, F, T):
    df = s.createDataFrame([("2024-01-31", 1), ("2024-05-31", -3)], "d string, n int")
    return df.select("d", F.add_months("d", F.col("n")).alias("x")).orderBy("d")


@case
def colarg_round_scale(s, F, T):
    df = s.createDataFrame([(1.2345, 2)], "x double, n int")
    return df.select(F.round("x", F.col("n")) if False else F.expr("round(x, n)"))


@case
def colarg_pow_mod(s, F, T):
    df = s.createDataFrame([(2, 10, 3), (3, 2, -2)], "a int, b int, c int")
    return df.select("a", F.pow("a", "b").alias("p"), (F.col("b") % F.col("c")).alias("m"), F.pmod("b", "c").alias("pm"),
                     F.expr("a DIV c").alias("d")).orderBy("a")


@case
def colarg_format_string_pattern(s, F, T):
    df = s.createDataFrame([("%s-%s", "a", "b")], "f string, x string, y string")
    return df.select(F.expr("format_string(f, x, y)").alias("z"))


@case
def colarg_lpad_pad_col(s, F, T):
    return cargs(s).select("s", F.lpad("t", 4, "*").alias("x"), F.expr("lpad(t, 4, r)").alias("y")).orderBy("s")


@case
def colarg_nanvl_when(s, F, T):
    df = s.createDataFrame([(float("nan"), 1.0), (2.0, 3.0)], "a double, b double")
    return df.select(F.nanvl("a", "b").alias("n"), F.when(F.isnan("a"), F.col("b")).otherwise(F.col("a")).alias("w")).orderBy("n")


@case
def colarg_greatest_str_int(s, F, T):
    df = s.createDataFrame([("10", 9)], "s string, i int")
    return df.select(F.greatest("s", "i"))


@case
def colarg_levenshtein_threshold(s, F, T):
    df = s.createDataFrame([("kitten", "sitting")], "a string, b string")
    return df.select(F.levenshtein("a", "b", 2).alias("x"), F.levenshtein("a", "b", 5).alias("y"))


# --- regex dialect (Java vs Python/RE2)
def rx(s):
    return s.createDataFrame([("abc 123",), ("ÀÉ ñ",), ("١٢٣",), ("line1\nline2",), ("a.b*c",), ("AbC",), ("x_y-z",)], ["s"])


@case
def regex_word_unicode(s, F, T):
    return rx(s).select("s", F.regexp_extract("s", "(\\w+)", 1).alias("w"), F.regexp_extract("s", "(\\d+)", 1).alias("d"), F.col("s").rlike("^\\w").alias("r")).orderBy("s")


@case
def regex_posix_classes(s, F, T):
    return rx(s).select("s", F.regexp_replace("s", "\\p{Alpha}", "#").alias("a"), F.regexp_replace("s", "\\p{L}", "L").alias("l"),
                        F.regexp_replace("s", "\\p{Punct}", "!").alias("p")).orderBy("s")


@case
def regex_quote_literal(s, F, T):
    return rx(s).select("s", F.regexp_replace("s", "\\Q.b*\\E", "_").alias("q")).orderBy("s")


@case
def regex_named_group(s, F, T):
    return rx(s).select("s", F.regexp_extract("s", "(?<num>[0-9]+)", 1).alias("n"), F.regexp_replace("s", "(?<w>[a-z]+)", "<${w}>").alias("r")).orderBy("s")


@case
def regex_replacement_dollar(s, F, T):
    return rx(s).select("s", F.regexp_replace("s", "([a-z])", "$1$1").alias("dbl"), F.regexp_replace("s", "[0-9]", "\\$").alias("dl"),
                        F.regexp_replace("s", "b", "$0$0").alias("z")).orderBy("s")


@case
def regex_dotall_multiline(s, F, T):
    return rx(s).select("s", F.col("s").rlike("line1.line2").alias("dot"), F.col("s").rlike("(?s)line1.line2").alias("dotall"),
                        F.col("s").rlike("1$").alias("dollar"), F.col("s").rlike("(?m)1$").alias("m")).orderBy("s")


@case
def regex_case_insensitive_unicode(s, F, T):
    return rx(s).select("s", F.col("s").rlike("(?i)àé").alias("ci"), F.col("s").rlike("(?iu)àé").alias("ciu"), F.lower("s").alias("l")).orderBy("s")


@case
def regex_possessive_atomic(s, F, T):
    return rx(s).select("s", F.col("s").rlike("a++b").alias("pos"), F.col("s").rlike("(?>a|ab)c").alias("atomic")).orderBy("s")


@case
def regex_split_lookahead(s, F, T):
    df = s.createDataFrame([("CamelCaseString",)], ["s"])
    return df.select(F.split("s", "(?=[A-Z])").alias("x"), F.split("s", "").alias("chars"))


@case
def regex_empty_matches_replace(s, F, T):
    df = s.createDataFrame([("abc",)], ["s"])
    return df.select(F.regexp_replace("s", "x*", "-").alias("a"), F.regexp_replace("s", "", "-").alias("b"), F.regexp_replace("s", "$", "!").alias("c"))


@case
def regex_invalid_pattern(s, F, T):
    return rx(s).select(F.regexp_extract("s", "(unclosed", 1))


@case
def regex_backslash_escapes(s, F, T):
    df = s.createDataFrame([("tab\there",), ("a\\b",)], ["s"])
    return df.select("s", F.regexp_replace("s", "\\t", " ").alias("t"), F.regexp_replace("s", "\\\\", "/").alias("bs")).orderBy("s")


@case
def like_special_chars(s, F, T):
    df = s.createDataFrame([("a.c",), ("abc",), ("a[c",), ("a\nc",), ("100%",)], ["s"])
    return df.select("s", F.col("s").like("a.c").alias("dot"), F.col("s").like("a[c").alias("br"), F.col("s").like("a_c").alias("us"),
                     F.col("s").like("%\\%").alias("pct")).orderBy("s")


# --- datetime dialect
@case
def dt_parse_month_name_case(s, F, T):
    df = s.createDataFrame([("05-jan-2024",), ("05-JAN-2024",), ("05-Jan-2024",)], ["s"])
    return df.select("s", F.to_date("s", "dd-MMM-yyyy").alias("d")).orderBy("s")


@case
def dt_parse_non_padded_strict(s, F, T):
    df = s.createDataFrame([("2024-1-5",)], ["s"])
    return df.select(F.to_date("s", "yyyy-MM-dd").alias("d"))


@case
def dt_parse_extra_text(s, F, T):
    df = s.createDataFrame([("2024-01-05 garbage",)], ["s"])
    return df.select(F.to_date("s", "yyyy-MM-dd").alias("d"))


@case
def dt_parse_default_to_date_with_time(s, F, T):
    df = s.createDataFrame([("2024-01-05 10:00:00",), ("2024-01-05T10:00",), ("2024-01-05 10:00:00.123+01:00",)], ["s"])
    return df.select("s", F.to_date("s").alias("d"), F.to_timestamp("s").alias("t")).orderBy("s")


@case
def dt_parse_fraction_pattern_short(s, F, T):
    df = s.createDataFrame([("2024-01-05 10:00:00.5",)], ["s"])
    return df.select(F.to_timestamp("s", "yyyy-MM-dd HH:mm:ss.SSS").alias("t"))


@case
def dt_parse_epoch_pattern(s, F, T):
    df = s.createDataFrame([("20240105103000",)], ["s"])
    return df.select(F.to_timestamp("s", "yyyyMMddHHmmss").alias("t"), F.unix_timestamp("s", "yyyyMMddHHmmss").alias("u"))


@case
def dt_format_week_year(s, F, T):
    df = s.createDataFrame([("2024-12-30",), ("2021-01-01",)], ["s"])
    return df.select("s", F.date_format("s", "yyyy").alias("y"), F.weekofyear("s").alias("w"), F.date_format("s", "EEEE, d MMMM").alias("e")).orderBy("s")


@case
def dt_format_YYYY_error(s, F, T):
    df = s.createDataFrame([("2024-12-30",)], ["s"])
    return df.select(F.date_format("s", "YYYY-ww"))


@case
def dt_format_literal_quotes(s, F, T):
    df = s.createDataFrame([("2024-03-05 14:07:09",)], ["s"])
    return df.select(F.date_format("s", "'Day' D 'of' yyyy, h 'o''clock' a").alias("x"), F.date_format("s", "k K H h").alias("y"))


@case
def dt_format_zone(s, F, T):
    df = s.createDataFrame([("2024-03-05 14:07:09",)], ["s"])
    return df.select(F.date_format("s", "yyyy-MM-dd HH:mm z").alias("z"), F.date_format("s", "VV").alias("v"), F.date_format("s", "Z").alias("zz"), F.date_format("s", "O").alias("o"))


@case
def dt_from_unixtime_formats(s, F, T):
    df = s.createDataFrame([(1709647629,)], "x long")
    return df.select(F.from_unixtime("x", "EEE MMM dd HH:mm:ss yyyy").alias("a"), F.from_unixtime("x", "yyyy-MM-dd'T'HH:mm:ssXXX").alias("b"))


@case
def dt_unix_timestamp_date_col(s, F, T):
    return dates(s).select("id", F.unix_timestamp(F.to_date("d")).alias("u"), F.unix_timestamp(F.to_timestamp("ts")).alias("v")).orderBy("id")


@case
def dt_to_timestamp_date_type(s, F, T):
    return dates(s).select("id", F.to_timestamp(F.to_date("d")).alias("t"), F.to_date(F.to_timestamp("ts")).alias("d")).orderBy("id")


@case
def dt_date_format_on_date_type(s, F, T):
    return dates(s).select("id", F.date_format(F.to_date("d"), "yyyy-MM-dd HH:mm:ss").alias("x")).orderBy("id")


@case
def dt_ts_compare_date(s, F, T):
    return dates(s).filter(F.to_timestamp("ts") >= F.to_date(F.lit("2024-01-31"))).select("id").orderBy("id")


@case
def dt_dayofweek_sunday(s, F, T):
    df = s.createDataFrame([("2024-07-07",), ("2024-07-08",)], ["s"])
    return df.select("s", F.dayofweek("s").alias("dow"), F.weekday("s").alias("wd"), F.next_day("s", "Sunday").alias("n"), F.next_day("s", "su").alias("n2")).orderBy("s")


@case
def dt_next_day_bad(s, F, T):
    df = s.createDataFrame([("2024-07-07",)], ["s"])
    return df.select(F.next_day("s", "Funday"))


@case
def dt_window_session(s, F, T):
    df = s.createDataFrame([("2024-01-01 10:00:00", 1), ("2024-01-01 10:04:00", 1), ("2024-01-01 10:20:00", 1)], ["t", "v"])
    return df.groupBy(F.session_window(F.to_timestamp("t"), "5 minutes")).agg(F.sum("v").alias("s")).select("session_window.start", "session_window.end", "s").orderBy("start")


@case
def dt_window_sliding(s, F, T):
    df = s.createDataFrame([("2024-01-01 10:03:00", 1), ("2024-01-01 10:07:00", 2)], ["t", "v"])
    return df.groupBy(F.window(F.to_timestamp("t"), "10 minutes", "5 minutes")).agg(F.sum("v").alias("s")).select("window.start", "s").orderBy("start")


@case
def dt_interval_column_cast(s, F, T):
    return s.sql("SELECT CAST(INTERVAL '1 02:03:04' DAY TO SECOND AS STRING), INTERVAL 3 HOURS + INTERVAL 30 MINUTES, typeof(INTERVAL 1 YEAR)")


@case
def dt_make_dt_interval(s, F, T):
    return s.range(1).select(F.make_dt_interval(F.lit(1), F.lit(2)).alias("i"), F.make_ym_interval(F.lit(1), F.lit(2)).alias("j"))


@case
def dt_timestamp_add_diff(s, F, T):
    return s.sql("SELECT timestampadd(MONTH, 1, TIMESTAMP'2024-01-31 00:00:00'), timestampdiff(MONTH, DATE'2024-01-31', DATE'2024-02-29'), "
                 "date_add(DATE'2024-02-28', 1), dateadd(DATE'2024-02-28', 2)")


@case
def dt_leap_second_like(s, F, T):
    df = s.createDataFrame([("2024-06-30 23:59:60",)], ["s"])
    return df.select(F.to_timestamp("s").alias("t"))


@case
def dt_year_0001_and_9999(s, F, T):
    df = s.createDataFrame([("0001-01-01",), ("9999-12-31",), ("1582-10-10",)], ["s"])
    return df.select("s", F.to_date("s").alias("d"), F.date_add(F.to_date("s"), 1).alias("p")).orderBy("s")


@case
def dt_1900_unix(s, F, T):
    df = s.createDataFrame([("1900-01-01 00:00:00",)], ["s"])
    return df.select(F.unix_timestamp("s").alias("u"), F.to_timestamp("s").cast("long").alias("l"))


# --- misc numeric formatting / types
@case
def num_float_ops(s, F, T):
    df = s.createDataFrame([(0.1, 0.2)], "a float, b float")
    return df.select((F.col("a") + F.col("b")).alias("s"), (F.col("a") + F.col("b")).cast("string").alias("st"), F.typeof(F.col("a") + 1).alias("t"))


@case
def num_decimal_to_string(s, F, T):
    df = s.createDataFrame([(_dec.Decimal("1.50"),), (_dec.Decimal("0.00"),), (_dec.Decimal("-0.05"),)], "d decimal(5,2)")
    return df.select(F.col("d").cast("string").alias("s"), (F.col("d") * 2).alias("x"), F.col("d").cast("double").alias("f")).orderBy("f")


@case
def num_decimal_literal_python(s, F, T):
    return s.range(1).select(F.lit(_dec.Decimal("123.456")).alias("a"), (F.lit(_dec.Decimal("1.1")) * 3).alias("b"))


@case
def num_long_precision(s, F, T):
    df = s.createDataFrame([(9007199254740993,)], "x long")
    return df.select("x", (F.col("x") + 1).alias("p"), F.col("x").cast("double").cast("long").alias("dl"), F.col("x").cast("string").alias("s"))


@case
def num_int_div_negative(s, F, T):
    df = s.createDataFrame([(-7, 2), (7, -2), (-7, -2)], "a int, b int")
    return df.select("a", "b", F.expr("a div b").alias("d"), (F.col("a") % F.col("b")).alias("m"), F.floor(F.col("a") / F.col("b")).alias("f")).orderBy("a", "b")


@case
def num_abs_neg_zero(s, F, T):
    df = s.createDataFrame([(-0.0,), (0.0,)], "x double")
    return df.select(F.abs("x").alias("a"), F.signum("x").alias("s"), (F.col("x") == 0).alias("eq")).orderBy("a")


@case
def num_inf_ops(s, F, T):
    df = s.createDataFrame([(float("inf"),), (float("-inf"),)], "x double")
    return df.select("x", (F.col("x") * 0).alias("z"), F.col("x").cast("string").alias("s"), F.isnan(F.col("x") - F.col("x")).alias("n")).orderBy("x")


@case
def num_cast_inf_to_int(s, F, T):
    return s.createDataFrame([(float("inf"),)], "x double").select(F.col("x").cast("int"))


@case
def num_sqrt_negative(s, F, T):
    return s.createDataFrame([(-4.0,)], "x double").select(F.sqrt("x"), F.log(F.lit(0.0)), F.log(F.lit(-1.0)), F.asin(F.lit(2.0)))


@case
def num_bround_decimals(s, F, T):
    df = s.createDataFrame([(2.5,), (3.5,), (-2.5,), (0.125,)], "x double")
    return df.select("x", F.bround("x", 0).alias("b0"), F.bround("x", 2).alias("b2"), F.round(F.col("x").cast("decimal(10,3)"), 2).alias("rd")).orderBy("x")


@case
def num_rand_seeded_type(s, F, T):
    return s.range(3).select(F.rand(42).between(0, 1).alias("ok"), F.randn(1).isNotNull().alias("n"))


@case
def num_rint_trunc(s, F, T):
    df = s.createDataFrame([(2.5,), (-2.7,)], "x double")
    return df.select("x", F.rint("x").alias("r"), F.expr("trunc(x)") if False else F.lit(1), F.expr("cast(x as int)").alias("c")).orderBy("x")


@case
def num_width_bucket_factorial(s, F, T):
    return s.sql("SELECT width_bucket(5.3, 0.2, 10.6, 5), factorial(5), factorial(25), e(), pi(), degrees(pi()), hypot(3, 4), atan2(1, 1)")


@case
def num_sum_overflow_int_window(s, F, T):
    df = s.createDataFrame([(2147483647,), (2147483647,)], "x int")
    return df.select(F.sum("x").over(W(F).partitionBy()).alias("s"))


@case
def str_number_formatting_cast(s, F, T):
    df = s.createDataFrame([(1e-5,), (123456789012.0,), (1.0e16,), (12345678.9,)], "x double")
    return df.select("x", F.col("x").cast("string").alias("s"), F.col("x").cast("float").cast("string").alias("f")).orderBy("x")


@case
def str_concat_numeric_double(s, F, T):
    df = s.createDataFrame([(1.0, 2)], "d double, i int")
    return df.select(F.concat(F.col("d"), F.lit("|"), F.col("i")).alias("c"), F.concat_ws("-", "d", "i").alias("w"))


@case
def str_bool_concat(s, F, T):
    df = s.createDataFrame([(True, _dt.date(2024, 1, 1))], "b boolean, d date")
    return df.select(F.concat(F.col("b"), F.lit("/"), F.col("d")).alias("c"))


@case
def str_collation_sort_case(s, F, T):
    df = s.createDataFrame([("apple",), ("Banana",), ("cherry",), ("Apple",)], ["s"])
    return df.orderBy(F.lower("s"), "s")


@case(ordered=True)
def str_collation_sort_case_ordered(s, F, T):
    df = s.createDataFrame([("apple",), ("Banana",), ("cherry",), ("Apple",), ("ä",), ("z",)], ["s"])
    return df.orderBy("s")


@case
def str_encode_decode(s, F, T):
    df = s.createDataFrame([("héllo",)], ["s"])
    return df.select(F.encode("s", "UTF-8").alias("e"), F.decode(F.encode("s", "UTF-8"), "UTF-8").alias("d"), F.length(F.encode("s", "UTF-8")).alias("n"),
                     F.unbase64(F.base64(F.col("s").cast("binary"))).cast("string").alias("rt"))


@case
def str_soundex_unicode_empty(s, F, T):
    df = s.createDataFrame([("",), ("Ärger",), ("123",)], ["s"])
    return df.select("s", F.soundex("s").alias("x")).orderBy("s")


@case
def str_trim_unicode_spaces(s, F, T):
    df = s.createDataFrame([("\u00a0x\u00a0",), ("\u3000y",), (" z\t",)], ["s"])
    return df.select(F.length(F.trim("s")).alias("n"), F.length("s").alias("m")).orderBy("m", "n")


@case
def str_split_limit_negative_trailing(s, F, T):
    df = s.createDataFrame([("a,,b,,",)], ["s"])
    return df.select(F.split("s", ",", -1).alias("a"), F.split("s", ",", 2).alias("b"), F.size(F.split("s", ",")).alias("n"))


@case
def str_substring_zero_negative_len(s, F, T):
    df = s.createDataFrame([("abcdef",)], ["s"])
    return df.select(F.substring("s", 0, 2).alias("a"), F.substring("s", 1, -1).alias("b"), F.substring("s", -10, 3).alias("c"),
                     F.substring("s", -2, 10).alias("d"), F.expr("substring(s, 3)").alias("e"))


@case
def str_instr_unicode(s, F, T):
    df = s.createDataFrame([("日本語テキスト",)], ["s"])
    return df.select(F.instr("s", "テ").alias("i"), F.locate("語", "s").alias("l"), F.substring("s", 2, 2).alias("sub"), F.lpad("s", 9, "*").alias("p"))


@case
def str_format_number_decimal_arg(s, F, T):
    df = s.createDataFrame([(1234.5,)], "x double")
    return df.select(F.format_number("x", "#,###.##").alias("a") if False else F.expr("format_number(x, '#,###.000')").alias("a"),
                     F.format_number(F.lit(-0.5), 0).alias("b"), F.format_number(F.lit(2.5), 0).alias("c"))


# =============================================================== runner
def norm(v):
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return "F:" + repr(v)
    if isinstance(v, (_dec.Decimal, _dt.date, _dt.datetime, _dt.time, _dt.timedelta)):
        return type(v).__name__[:3] + ":" + str(v)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "B:" + bytes(v).hex()
    if isinstance(v, dict):
        return {"__map__": sorted([[norm(k), norm(x)] for k, x in v.items()], key=repr)}
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    if hasattr(v, "__fields__") or type(v).__name__ == "Row":
        return [norm(x) for x in tuple(v)]
    try:
        import numpy as np
        if isinstance(v, np.generic):
            return norm(v.item())
    except Exception:
        pass
    return "R:" + repr(v)


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout("case took > 60 s")


def run(engine):
    os.environ["TZ"] = "UTC"
    time.tzset()
    if engine == "pyspark":
        os.environ["PYSPARK_PYTHON"] = sys.executable
        os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
        from pyspark.sql import SparkSession, functions as F, types as T
        from pyspark.sql import DataFrame
    else:
        from dfengine.sql import SparkSession, functions as F, types as T
        from dfengine.sql import DataFrame
    spark = (SparkSession.builder.master("local[2]").config("spark.sql.session.timeZone", "UTC")
             .config("spark.ui.enabled", "false").getOrCreate())
    if engine == "pyspark":
        spark.sparkContext.setLogLevel("OFF")
    out_path = os.path.join(HERE, f"out_{engine}.json")
    res = {}
    if os.path.exists(out_path):
        res = json.load(open(out_path))
    only = set(sys.argv[3:])
    signal.signal(signal.SIGALRM, _alarm)
    for f in CASES:
        if only and f.__name__ not in only:
            continue
        if f.__name__ in res and not only:
            continue
        # mark in-progress for crash detection
        res[f.__name__] = {"kind": "crash"}
        json.dump(res, open(out_path, "w"))
        t0 = time.time()
        signal.alarm(60)
        try:
            r = f(spark, F, T)
            if isinstance(r, DataFrame):
                rows = r.collect()
                o = {"kind": "rows", "rows": [norm(x) for x in rows], "columns": list(r.columns),
                     "types": [t for _, t in r.dtypes]}
            else:
                o = {"kind": "value", "value": norm(r)}
        except Timeout as e:
            o = {"kind": "hang", "msg": str(e)}
        except BaseException as e:  # noqa
            if isinstance(e, KeyboardInterrupt):
                raise
            o = {"kind": "error", "cls": type(e).__name__, "module": type(e).__module__, "msg": str(e)[:200]}
        finally:
            signal.alarm(0)
        o["secs"] = round(time.time() - t0, 2)
        res[f.__name__] = o
        json.dump(res, open(out_path, "w"), indent=0)
        print(f.__name__, o["kind"], o.get("cls", ""), o["secs"], flush=True)
    spark.stop()


# =============================================================== compare
def _eq(a, b):
    if isinstance(a, str) and isinstance(b, str) and a.startswith("F:") and b.startswith("F:"):
        x, y = float(a[2:]), float(b[2:])
        if math.isnan(x) and math.isnan(y):
            return True
        if x == y:
            return True
        if math.isinf(x) or math.isinf(y):
            return False
        return abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_eq(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_eq(a[k], b[k]) for k in a)
    return type(a) == type(b) and a == b


def _skey(r):
    def k(v):
        if isinstance(v, str) and v.startswith("F:"):
            try:
                x = float(v[2:])
                return "F:%.9e" % x if not math.isnan(x) else "F:nan"
            except ValueError:
                return v
        if isinstance(v, list):
            return [k(x) for x in v]
        if isinstance(v, dict):
            return {kk: k(vv) for kk, vv in v.items()}
        return v
    return json.dumps(k(r), sort_keys=True, default=str)


UNCLEAR_WORDS = ["pandas", "pyarrow", "arrow", "dask", "numpy", "Traceback", "object has no attribute", "KeyError",
                 "unhashable", "NoneType", "not supported between instances", "index out of range", "unsupported operand",
                 "ufunc", "dtype", "sqlglot", "Series", "_internal", "lambda"]
UNCLEAR_CLS = {"KeyError", "IndexError", "AttributeError", "TypeError", "ValueError", "ArrowInvalid", "ArrowTypeError",
               "ArrowNotImplementedError", "ZeroDivisionError", "NotImplementedError", "AssertionError", "RuntimeError",
               "OverflowError", "RecursionError", "ParseError", "OptimizeError", "UnboundLocalError", "NameError", "Exception"}


def _errclass(msg):
    import re
    m = re.match(r"\s*\[([A-Z_0-9.]+)\]", msg or "")
    return m.group(1) if m else None


def classify(p, d, ordered):
    if p["kind"] == "crash" or d["kind"] == "crash":
        return "crash" if d["kind"] == "crash" else "oracle-crash"
    if d["kind"] == "hang":
        return "hang"
    if p["kind"] != d["kind"]:
        if p["kind"] == "error":
            return "rows where PySpark errors"
        if d["kind"] == "error":
            unclear = d["cls"] in UNCLEAR_CLS or any(w.lower() in d["msg"].lower() for w in UNCLEAR_WORDS)
            return "error where PySpark gives rows" + (" (unclear error)" if unclear else "")
        return "different result kind"
    if p["kind"] == "error":
        unclear = (d["cls"] in UNCLEAR_CLS and d["cls"] != p["cls"]) or any(
            w.lower() in d["msg"].lower() and w.lower() not in p["msg"].lower() for w in UNCLEAR_WORDS)
        if p["cls"] == "Py4JJavaError" and _errclass(d["msg"]) and ("[" + _errclass(d["msg"]) + "]") in p["msg"]:
            return None
        if p["cls"] != d["cls"]:
            return "different exception class" + (" (unclear error)" if unclear else "")
        if unclear:
            return "unclear error message"
        pe, de = _errclass(p["msg"]), _errclass(d["msg"])
        if pe and de and pe.split(".")[0] != de.split(".")[0]:
            return "different error class tag"
        return None
    if p["kind"] == "value":
        return None if _eq(p["value"], d["value"]) else "wrong value"
    probs = []
    pr, dr = p["rows"], d["rows"]
    if ordered:
        if not _eq(pr, dr):
            if _eq(sorted(pr, key=_skey), sorted(dr, key=_skey)):
                probs.append("wrong row order")
            else:
                probs.append("wrong rows")
    else:
        if not _eq(sorted(pr, key=_skey), sorted(dr, key=_skey)):
            probs.append("wrong rows")
    if p["columns"] != d["columns"]:
        probs.append("wrong column names")
    if p["types"] != d["types"]:
        probs.append("wrong types")
    return ", ".join(probs) or None


SEVERITY = ["wrong rows", "wrong value", "wrong row order", "rows where PySpark errors", "wrong types",
            "error where PySpark gives rows", "hang", "crash", "different result kind", "wrong column names",
            "different exception class", "different error class tag", "unclear error message", "oracle-crash"]


def _sev(c):
    for i, s in enumerate(SEVERITY):
        if c.startswith(s):
            return i
    return 99


def fmt(o):
    o = dict(o)
    o.pop("secs", None)
    if o["kind"] == "rows":
        rows = o["rows"]
        s = "rows(%d): %s\ncolumns: %s\ntypes: %s" % (len(rows), json.dumps(rows, ensure_ascii=False), o["columns"], o["types"])
    elif o["kind"] == "value":
        s = "value: " + json.dumps(o["value"], ensure_ascii=False)
    elif o["kind"] == "error":
        s = "%s: %s" % (o["cls"], o["msg"])
    else:
        s = json.dumps(o)
    if len(s) > 3000:
        s = s[:3000] + " ...(truncated)"
    return s


def compare():
    p = json.load(open(os.path.join(HERE, "out_pyspark.json")))
    d = json.load(open(os.path.join(HERE, "out_dfengine.json")))
    by = {f.__name__: f for f in CASES}
    diffs, agree = [], []
    for name, f in by.items():
        if name not in p or name not in d:
            continue
        c = classify(p[name], d[name], f._ordered)
        if c:
            diffs.append((name, c))
        else:
            agree.append(name)
    diffs.sort(key=lambda x: (_sev(x[1]), x[0]))
    L = ["# dfengine vs PySpark 4 differential probe (/tmp/probe3/probe.py)", "",
         f"Cases run on both engines: {len(agree) + len(diffs)}; agree: {len(agree)}; differ: {len(diffs)}", "",
         "Outcome notation: rows(n) = collected rows (floats as F:repr, Decimal dec:, date dat:, datetime dat:...), then df.columns and dtypes;",
         "or ExceptionClass: first 200 chars of message. Rows compared as sorted multisets unless the case is marked ordered.", "",
         ]
    if os.path.exists(os.path.join(HERE, "notes.md")):
        L += [open(os.path.join(HERE, "notes.md")).read(), ""]
    L += ["## Summary table (automatic classification, most serious class first)", "", "| # | case | difference |", "|---|---|---|"]
    for i, (n, c) in enumerate(diffs, 1):
        L.append(f"| {i} | `{n}` | {c} |")
    L.append("")
    L.append("## Details (most serious first)")
    for i, (n, c) in enumerate(diffs, 1):
        src = textwrap.dedent(inspect.getsource(by[n]))
        L += ["", f"### {i}. `{n}` — {c}", "", "```python", src.rstrip(), "```", "", "PySpark:", "```", fmt(p[n]), "```",
              "dfengine:", "```", fmt(d[n]), "```"]
    open(os.path.join(HERE, "report.md"), "w").write("\n".join(L) + "\n")
    print(f"total {len(agree) + len(diffs)} agree {len(agree)} differ {len(diffs)}")
    for n, c in diffs:
        print(f"  {n}: {c}")


if __name__ == "__main__":
    if sys.argv[1] == "run":
        run(sys.argv[2])
    elif sys.argv[1] == "compare":
        compare()
    elif sys.argv[1] == "count":
        print(len(CASES))
