"""Scalar functions and Column methods added by name (regexp_like/rlike/regexp, like/ilike,
regexp_extract_all, regexp_instr, parse_url, url_encode/decode, mask, date_part/datepart/
extract, create_map, array_size, array_insert, map_concat, bitwise operators, inline, stack),
over columns holding NULLs, against PySpark: names, types and values."""

from __future__ import annotations

import datetime as dt

import pytest

from dfengine.errors import AnalysisException
from dfengine.sql import functions as F

from .conftest import assert_same_df

ROWS = [
    (1, "ab12", "b[0-9]", "a_b%", "http://u:p@spark.apache.org:80/path/p?query=1&b=2#Ref",
     "a b&c=é~", dt.datetime(2019, 8, 12, 1, 2, 3, 123456), [1, 2, 3], 2, {1: "x"}, {2: "y"},
     6, [{"a": 1, "b": "x"}, None]),
    (2, "AbCD-9", "^a", "A_b\\%", "https://a.org/p", "x%2By+z", dt.datetime(2020, 2, 29, 23, 59,
                                                                            0), [], -2,
     {3: "z"}, None, 3, []),
    (3, None, None, None, None, None, None, None, None, None, None, None, None),
]
SCHEMA = ("id int, s string, p string, lk string, url string, enc string, ts timestamp, "
          "xs array<int>, pos int, m1 map<int,string>, m2 map<int,string>, i int, "
          "rs array<struct<a:int,b:string>>")

CALLS = [
    lambda f: f.rlike("s", "p"),
    lambda f: f.regexp_like("s", f.lit("[A-Z]")),
    lambda f: f.regexp("s", "p"),
    lambda f: f.like("s", f.lit("a%")),
    lambda f: f.like("lk", f.lit("A!_b\\%"), f.lit("!")),
    lambda f: f.ilike("s", f.lit("ab%")),
    lambda f: f.col("s").ilike("AB%"),
    lambda f: f.regexp_extract_all("s", f.lit("([a-z])([0-9])"), 2),
    lambda f: f.regexp_extract_all("s", f.lit("[0-9]"), 0),
    lambda f: f.regexp_instr("s", f.lit("[0-9]+")),
    lambda f: f.parse_url("url", f.lit("HOST")),
    lambda f: f.parse_url("url", f.lit("QUERY"), f.lit("b")),
    lambda f: f.parse_url("url", f.lit("QUERY")),
    lambda f: f.parse_url("url", f.lit("PATH")),
    lambda f: f.parse_url("url", f.lit("USERINFO")),
    lambda f: f.url_encode("enc"),
    lambda f: f.url_decode("enc"),
    lambda f: f.mask("s"),
    lambda f: f.mask("s", f.lit("U"), f.lit("l"), f.lit("#"), f.lit("*")),
    lambda f: f.date_part(f.lit("YEAR"), "ts"),
    lambda f: f.date_part(f.lit("SECONDS"), "ts"),
    lambda f: f.datepart(f.lit("dow"), "ts"),
    lambda f: f.extract(f.lit("week"), "ts"),
    lambda f: f.create_map(f.lit("k"), "s"),
    lambda f: f.array_size("xs"),
    lambda f: f.array_insert("xs", "pos", f.lit(9)),
    lambda f: f.array_insert("xs", -1, f.lit(0)),
    lambda f: f.map_concat("m1", "m2"),
    lambda f: f.col("i").bitwiseAND(3),
    lambda f: f.col("i").bitwiseOR(f.col("id")),
    lambda f: f.col("i").bitwiseXOR(5),
    lambda f: f.bitwise_not("i"),
]


def _pf():
    from pyspark.sql import functions as PF

    return PF


def _both(spark, pyspark_session):
    return (spark.createDataFrame(ROWS, SCHEMA), pyspark_session.createDataFrame(ROWS, SCHEMA))


def test_scalar_functions_match_pyspark(spark, pyspark_session):
    ours, theirs = _both(spark, pyspark_session)
    assert_same_df(ours.select("id", *[c(F) for c in CALLS]),
                   theirs.select("id", *[c(_pf()) for c in CALLS]))


def test_generators_inline_and_stack_match_pyspark(spark, pyspark_session):
    ours, theirs = _both(spark, pyspark_session)
    for make in (lambda f: f.inline("rs"), lambda f: f.inline_outer("rs"),
                 lambda f: f.stack(f.lit(2), "id", "s", f.col("i") * 2)):
        assert_same_df(ours.select("id", make(F)), theirs.select("id", make(_pf())))
    q = "SELECT stack(3, 'a', 1, 'b', 2, 'c', NULL)"
    assert_same_df(spark.sql(q), pyspark_session.sql(q))
    with pytest.raises(AnalysisException, match="STACK_COLUMN_DIFF_TYPES"):
        spark.sql("SELECT stack(2, 'a', 1, 'b', 2.5)")  # Spark does not widen int to decimal
