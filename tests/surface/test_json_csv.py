"""JSON and CSV functions against PySpark on the same strings: malformed records (PERMISSIVE),
NULLs, schemas given as DDL or DataType, and the names Spark gives the columns."""

from __future__ import annotations

import pytest

from dfengine.sql import functions as F
from dfengine.sql import types as T

from .conftest import assert_same_df

JSON_ROWS = [('{"a": 1, "b": [1, 2], "c": {"d": "x"}}',), ('{"a": "zz"}',), ("not json",),
             (None,), ("[1, 2]",), ('{"a": 2.5, "e": null}',), ('{"a": 3, "b": null}',),
             ('{"a": 12345678901}',), ("{'a': 4, 'c': {'d': 'it\\'s \"q\"'}}",)]


def _pf():
    from pyspark.sql import functions as PF
    from pyspark.sql import types as PT

    return PF, PT


def _json_calls(f, t):
    return [
        f.from_json("s", "a INT, b ARRAY<INT>, c STRUCT<d: STRING>"),
        f.from_json("s", "a BIGINT").alias("as_long"),
        f.from_json("s", "MAP<STRING, STRING>"),
        f.from_json("s", t.ArrayType(t.IntegerType())).alias("arr"),
        f.from_json("s", t.StructType([t.StructField("a", t.DoubleType())])).alias("dbl"),
        f.get_json_object("s", "$.a"),
        f.get_json_object("s", "$.b[1]"),
        f.get_json_object("s", "$.c"),
        f.get_json_object("s", "$.c.d"),
        f.json_array_length("s"),
        f.json_object_keys("s"),
        f.json_tuple("s", "a", "c"),
        f.from_json("s", "a INT", {"allowSingleQuotes": "false"}).alias("strict"),
    ]


def test_json_parsing_functions_match_pyspark(spark, pyspark_session):
    PF, PT = _pf()
    ours = spark.createDataFrame(JSON_ROWS, "s string")
    theirs = pyspark_session.createDataFrame(JSON_ROWS, "s string")
    assert_same_df(ours.select("s", *_json_calls(F, T)), theirs.select("s", *_json_calls(PF, PT)))


SQL = """SELECT
  to_json(named_struct('a', 1, 'b', CAST(NULL AS STRING), 'c', array(1.5, NULL))) AS j1,
  to_json(array(named_struct('x', DATE '2020-01-02', 'y', true))) AS j2,
  to_json(map('k', array(1, 2))) AS j3,
  to_json(named_struct('d', CAST(1.50 AS DECIMAL(5, 2)), 'e', 1.0E30)) AS j4,
  schema_of_json('{"a": null, "b": [], "c": 1.5, "d": 12345678901, "e": "s", "f": true,
                   "g": [1, 2.5], "h": [1, "a"], "i": {"z": 1, "y": [{"q": 1}]}}') AS s1,
  schema_of_json('[1, 2]') AS s2,
  schema_of_json('[1, 12345678901234567890123, null]') AS s_big,
  schema_of_json('{"a": [{"p": 1}, {"q": "x"}], "b": [1, 1.5]}') AS s_merged,
  from_json('{"a": 1}', 'MAP<STRING, INT>') AS m,
  from_json('{"a": 1, "b": [1.5]}', schema_of_json('{"a": 0, "b": [0.5]}')) AS inferred,
  from_csv('1,x', schema_of_csv('5,abc')) AS inferred_csv,
  get_json_object('{"a": [{"b": 1}, {"b": 2}]}', '$.a[*].b') AS wild,
  get_json_object('{"a b": 1}', '$[''a b'']') AS quoted,
  from_csv('1,abc,2.5', 'a INT, b STRING, c DOUBLE') AS c1,
  from_csv('x;y', 'a INT, b STRING, c DOUBLE', map('sep', ';')) AS c2,
  to_csv(named_struct('a', 1, 'b', 'x,y', 'c', CAST(NULL AS STRING), 'd', 'q"z')) AS c3,
  schema_of_csv('1,abc,2.5,true,2020-01-01,12345678901') AS c4"""


def test_sql_json_and_csv_functions_match_pyspark(spark, pyspark_session):
    assert_same_df(spark.sql(SQL), pyspark_session.sql(SQL))


CSV_ROWS = [("1,abc,2.5",), ("x,y",), (None,), ("3",), ("1,2,3,4",), ('5,"q,r",1e3',)]


def test_csv_functions_from_F_match_pyspark(spark, pyspark_session):
    PF, _ = _pf()
    ours = spark.createDataFrame(CSV_ROWS, "s string")
    theirs = pyspark_session.createDataFrame(CSV_ROWS, "s string")

    def calls(f):
        parsed = f.from_csv("s", "a INT, b STRING, c DOUBLE")
        return ["s", parsed, f.to_csv(parsed).alias("back"),
                f.from_csv(f.col("s"), f.lit("a STRING"), {"sep": ","}).alias("one")]

    assert_same_df(ours.select(*calls(F)), theirs.select(*calls(PF)))


def test_from_json_failfast_raises(spark):
    df = spark.createDataFrame([("{bad",)], "s string")
    with pytest.raises(Exception, match="MALFORMED_RECORD_IN_PARSING"):
        df.select(F.from_json("s", "a INT", {"mode": "FAILFAST"})).collect()


def test_json_tuple_generator_matches_pyspark(spark, pyspark_session):
    PF, _ = _pf()
    ours = spark.createDataFrame(JSON_ROWS, "s string")
    theirs = pyspark_session.createDataFrame(JSON_ROWS, "s string")
    assert_same_df(ours.select("s", F.json_tuple("s", "a", "c", "zz")),
                   theirs.select("s", PF.json_tuple("s", "a", "c", "zz")))
    assert_same_df(ours.selectExpr("json_tuple(s, 'b')"), theirs.selectExpr("json_tuple(s, 'b')"))


def test_lateral_view_json_tuple_matches_pyspark(spark, pyspark_session):
    rows = [(1, '{"a": 1, "b": "x"}'), (2, None), (3, "bad")]
    for session in (spark, pyspark_session):
        session.createDataFrame(rows, "id int, s string").createOrReplaceTempView("jt")
    for q in ["SELECT id, j.a, j.b FROM jt LATERAL VIEW json_tuple(s, 'a', 'b') j AS a, b",
              "SELECT * FROM jt LATERAL VIEW json_tuple(s, 'a') j"]:
        assert_same_df(spark.sql(q), pyspark_session.sql(q))
