"""Time-zone, unit-arithmetic, encoding and session functions against PySpark: the forms the
catalogue's one example per entry does not reach (keyword units, F.-only names, columns as
zones, NULLs, the CASE form of decode, the current database after USE)."""

from __future__ import annotations

import datetime as dt

import pytest

from dfengine.errors import SparkRuntimeException
from tests.surface.conftest import assert_same_df

pytestmark = pytest.mark.pyspark

TS_ROWS = [(dt.datetime(2024, 1, 31, 3, 4, 5), dt.datetime(2024, 3, 1), "Asia/Seoul", 2),
           (dt.datetime(2020, 2, 29, 23, 59, 59), dt.datetime(2024, 2, 28, 0, 0, 1), "PST", -7),
           (dt.datetime(2024, 3, 31), dt.datetime(2024, 1, 31, 3, 4, 5), "+05:30", 0),
           (None, dt.datetime(2024, 1, 1), None, None)]
TS_SCHEMA = "a timestamp, b timestamp, tz string, n int"

SQL_FORMS = [
    "timestampadd(MONTH, n, a)", "timestampadd(hour, n, a)", "timestampadd(QUARTER, -1, b)",
    "timestampdiff(MONTH, a, b)", "timestampdiff(YEAR, a, b)", "timestampdiff(DAY, b, a)",
    "timestampdiff(SECOND, a, b)", "timestampdiff(WEEK, a, b)",
    "to_utc_timestamp(a, tz)", "from_utc_timestamp(a, tz)",
    "from_utc_timestamp(b, 'America/New_York')", "to_utc_timestamp(b, 'UTC')",
    "to_unix_timestamp(a)", "unix_timestamp(a)",
]


@pytest.mark.parametrize("sql", SQL_FORMS)
def test_timestamp_functions_over_columns(spark, pyspark_session, sql) -> None:
    ours = spark.createDataFrame(TS_ROWS, TS_SCHEMA).selectExpr(sql)
    theirs = pyspark_session.createDataFrame(TS_ROWS, TS_SCHEMA).selectExpr(sql)
    assert_same_df(ours, theirs)


def test_python_only_names(spark, pyspark_session) -> None:
    """F.timestamp_add / timestamp_diff / negate / position / convert_timezone(None, ...)."""
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F

    def cols(f):
        return [f.timestamp_add("DAY", f.col("n"), "a"), f.timestamp_diff("HOUR", "a", "b"),
                f.negate("n"), f.position(f.lit("b"), f.lit("abcb")),
                f.position(f.lit("b"), f.lit("abcb"), f.lit(3)),
                f.convert_timezone(None, f.lit("Europe/Brussels"), f.col("b")),
                f.convert_timezone(f.lit("Asia/Tokyo"), f.lit("UTC"), f.col("b")),
                f.to_timestamp_ntz(f.lit("2016-12-31"), f.lit("yyyy-MM-dd")),
                f.make_timestamp_ltz(f.lit(2014), f.lit(12), f.lit(28), f.lit(6), f.lit(30),
                                     f.lit(45.887), f.lit("CET"))]

    ours = spark.createDataFrame(TS_ROWS, TS_SCHEMA).select(cols(F))
    theirs = pyspark_session.createDataFrame(TS_ROWS, TS_SCHEMA).select(cols(PF))
    assert ours.columns == theirs.columns
    assert [tuple(r) for r in ours.collect()] == [tuple(r) for r in theirs.collect()]


ENC_ROWS = [("abc", "utf-8", 1), ("ßé", "UTF-16", 2), (None, "utf-8", None), ("", "UTF-16LE", 3)]
ENC_SCHEMA = "s string, cs string, k int"


@pytest.mark.parametrize("sql", [
    "encode(s, cs)", "decode(encode(s, cs), cs)", "to_base32(s)", "from_base32(to_base32(s))",
    "to_binary(s, 'utf-8')", "is_valid_utf8(s)", "hmac(concat(s, 'k'), 'msg')", "hmac('k', s, 'SHA-512')",
    "decode(k, 1, 'one', 2, 'two', 'other')", "decode(k, 1, 'one', NULL, 'none')",
    "jaro_winkler_similarity(s, 'abd')", "quote(s)", "sentences(concat(s, '. Hi you!'))",
    "sentences(concat(s, ' there... How are you? I am fine!!! e.g. this: it''s 3.5. Mr. X'))",
    "char(65 + k)", "width_bucket(k, 0, 3, 3)", "width_bucket(k, 3, 0, 2)",
])
def test_encoding_and_text_functions(spark, pyspark_session, sql) -> None:
    ours = spark.createDataFrame(ENC_ROWS, ENC_SCHEMA).selectExpr(sql)
    theirs = pyspark_session.createDataFrame(ENC_ROWS, ENC_SCHEMA).selectExpr(sql)
    assert_same_df(ours, theirs)


def test_lossy_encoding_raises_as_spark(spark) -> None:
    with pytest.raises(SparkRuntimeException, match="MALFORMED_CHARACTER_CODING"):
        spark.sql("SELECT encode('é', 'US-ASCII')").collect()
    with pytest.raises(SparkRuntimeException, match="HMAC_CRYPTO_ERROR"):
        spark.sql("SELECT hmac('', 'msg')").collect()
    with pytest.raises(SparkRuntimeException, match="INVALID_UTF8_STRING"):
        spark.sql("SELECT validate_utf8(X'80')").collect()
    with pytest.raises(SparkRuntimeException, match="VECTOR_DIMENSION_MISMATCH"):
        spark.sql("SELECT vector_inner_product(array(CAST(1 AS FLOAT)), "
                  "array(CAST(1 AS FLOAT), CAST(2 AS FLOAT)))").collect()


def test_current_database_follows_use(spark, pyspark_session, tmp_path) -> None:
    for s in (spark, pyspark_session):
        s.sql("CREATE DATABASE IF NOT EXISTS fn_env_db")
    try:
        got = []
        for s in (spark, pyspark_session):
            s.sql("USE fn_env_db")
            got.append([tuple(r) for r in s.sql(
                "SELECT current_database(), current_schema(), current_catalog(), "
                "current_path()").collect()])
            s.sql("USE default")
        assert got[0] == got[1]
    finally:
        for s in (spark, pyspark_session):
            s.sql("USE default")
            s.sql("DROP DATABASE IF EXISTS fn_env_db")


def test_raise_error_and_assert_true(spark, pyspark_session) -> None:
    """The user's message under USER_RAISED_EXCEPTION, raised only where the row is evaluated."""
    for s in (spark, pyspark_session):
        df = s.createDataFrame([(1,), (2,), (-3,)], "k int")
        assert df.selectExpr("CASE WHEN k < -5 THEN raise_error('neg') ELSE k END AS v"
                             ).collect()[2][0] == -3
        assert df.selectExpr("assert_true(k > -5)").collect()[0][0] is None
        with pytest.raises(Exception, match="USER_RAISED_EXCEPTION") as err:
            df.selectExpr("assert_true(k > 0)").collect()
        assert "'(k > 0)' is not true!" in str(err.value)
        with pytest.raises(Exception, match="custom"):
            df.selectExpr("CASE WHEN k < 0 THEN raise_error('custom') ELSE k END").collect()
