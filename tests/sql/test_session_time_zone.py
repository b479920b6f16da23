"""spark.sql.session.timeZone against PySpark: a TIMESTAMP is an instant and the session zone
decides how it reads as a wall clock (casts to and from strings and dates, typed literals,
hour()/date_format/date_trunc, unix_timestamp/from_unixtime, make_timestamp, show(),
toPandas()). One small table, many expressions per query, three zones: Los Angeles (with its
spring-forward gap and fall-back overlap days), Kolkata (a half-hour offset) and an offset id.
"""

from __future__ import annotations

import datetime as dt

import pytest

KEY = "spark.sql.session.timeZone"
ZONES = ("America/Los_Angeles", "Asia/Kolkata", "-03:30")
ROWS = [
    ("2024-03-10 02:30:00", dt.date(2024, 3, 10), 1710063000),   # LA gap: 02:30 is 03:30
    ("2024-11-03 01:30:00", dt.date(2024, 11, 3), 1730622600),   # LA overlap: earlier one
    ("2024-01-01 00:00:00", dt.date(2024, 1, 1), 0),
    ("2024-06-30 23:59:59", dt.date(2024, 6, 30), -86401),
    ("2040-07-01 12:00:00", dt.date(2040, 7, 1), 2224612800),   # past Arrow's tz database
    (None, None, None),
]
SCHEMA = "s string, d date, n long"

SQL = """
SELECT cast(s AS timestamp) AS t, cast(cast(s AS timestamp) AS string) AS ts_text,
  hour(cast(s AS timestamp)) AS h, minute(cast(s AS timestamp)) AS mi,
  hour(cast(s AS timestamp_ntz)) AS hn,
  dayofweek(cast(s AS timestamp)) AS dow, to_date(cast(s AS timestamp)) AS day,
  extract(HOUR FROM cast(s AS timestamp)) AS xh,
  date_format(cast(s AS timestamp), 'yyyy-MM-dd HH:mm') AS fmt,
  date_format(cast(s AS timestamp), 'X XX XXX x Z ZZZZ ZZZZZ z O OOOO VV') AS zfmt,
  date_trunc('DAY', cast(s AS timestamp)) AS dtrunc,
  date_trunc('HOUR', cast(s AS timestamp) + INTERVAL '1' HOUR) AS htrunc, trunc(cast(s AS timestamp), 'MM') AS mtrunc,
  unix_timestamp(s) AS ux, to_unix_timestamp(s, 'yyyy-MM-dd HH:mm:ss') AS tux,
  unix_timestamp(d) AS uxd, unix_seconds(cast(d AS timestamp)) AS dsec,
  from_unixtime(n) AS fu, to_timestamp(s, 'yyyy-MM-dd HH:mm:ss') AS tts,
  to_timestamp(concat(s, '+05:30'), 'yyyy-MM-dd HH:mm:ssXXX') AS ttx,
  unix_timestamp(concat(s, ' -0800'), 'yyyy-MM-dd HH:mm:ss Z') AS uxz,
  make_timestamp(2024, 3, 10, 2, 30, 0) AS mk, make_timestamp_ntz(2024, 3, 10, 2, 30, 0) AS mkn,
  cast(cast(s AS timestamp) AS timestamp_ntz) AS ntz, cast(cast(s AS timestamp_ntz) AS timestamp)
  AS ltz, convert_timezone('UTC', cast(s AS timestamp_ntz)) AS conv,
  from_utc_timestamp(cast(s AS timestamp), 'Asia/Tokyo') AS fut,
  to_utc_timestamp(cast(s AS timestamp), 'Asia/Tokyo') AS tut,
  cast(concat(substr(s, 1, 19), 'Z') AS timestamp) AS zulu,
  cast(concat(s, ' America/New_York') AS timestamp) AS ny, cast(concat(s, ' UTC') AS timestamp)
  AS utc, cast(concat(replace(s, ' ', 'T'), 'GMT+08:00') AS timestamp) AS gmt8,
  TIMESTAMP '2024-11-03 01:30:00' AS lit, timestampadd(DAY, 1, cast(s AS timestamp)) AS plus,
  timestampdiff(HOUR, cast(s AS timestamp), TIMESTAMP '2024-12-01 00:00:00') AS diff,
  cast(s AS timestamp) - INTERVAL '1' DAY AS iday, d + INTERVAL '3' HOUR AS dh,
  array(cast(s AS timestamp)) AS arr, cast(array(cast(s AS timestamp)) AS string) AS arr_text,
  cast(named_struct('t', TIMESTAMP '2024-01-01 02:00:00') AS string) AS struct_text,
  to_json(named_struct('t', cast(k AS timestamp))) AS js, from_json(concat('{"t":"', k, '"}'),
  't timestamp') AS fj, to_csv(named_struct('t', cast(k AS timestamp))) AS cs,
  from_csv(k, 't timestamp') AS fc
FROM (SELECT *, nvl(s, '2024-02-29 12:00:00') AS k FROM v) ORDER BY n
"""


def _frames(spark, pyspark_session, zone):
    out = []
    for session in (spark, pyspark_session):
        session.conf.set(KEY, zone)
        session.createDataFrame(ROWS, SCHEMA).createOrReplaceTempView("v")
        out.append(session.sql(SQL))
    return out


@pytest.mark.parametrize("zone", ZONES)
def test_sql_in_session_time_zone_matches_pyspark(spark, pyspark_session, zone):
    try:
        ours, theirs = _frames(spark, pyspark_session, zone)
        assert ours.collect() == theirs.collect()
        assert ours.columns == theirs.columns
        assert ours._show_string(20, 0) == theirs._show_string(20, 0)
    finally:
        spark.conf.unset(KEY)
        pyspark_session.conf.set(KEY, "UTC")


def test_dataframe_api_and_to_pandas_in_session_time_zone(spark, pyspark_session):
    def query(session, F):
        df = session.createDataFrame(ROWS, SCHEMA)
        t = F.to_timestamp("s")
        # window() drops NULL times (Spark's TimeWindowing filter): NULLs are in the SQL test
        return df.where(df.s.isNotNull()).orderBy("n").select(
            t.alias("t"), F.hour(t), F.date_format(t, "HH:mm EEE"), F.from_unixtime("n"),
            F.unix_timestamp("s"), F.to_date(t), F.date_trunc("hour", t),
            F.make_timestamp(F.lit(2024), F.lit(11), F.lit(3), F.lit(1), F.lit(30), F.lit(0)),
            F.col("d").cast("timestamp").alias("dts"), F.current_timezone(),
            F.window(t, "1 day").alias("w"))  # epoch-aligned: 16:00 in Los Angeles

    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F
    try:
        spark.conf.set(KEY, "America/Los_Angeles")
        pyspark_session.conf.set(KEY, "America/Los_Angeles")
        ours, theirs = query(spark, F), query(pyspark_session, PF)
        assert ours.collect() == theirs.collect()
        assert ours._show_string(20, 0) == theirs._show_string(20, 0)
        mine, oracle = ours.select("t", "dts").toPandas(), theirs.select("t", "dts").toPandas()
        assert mine.astype(str).equals(oracle.astype(str)), (mine, oracle)
        # naive pandas datetimes are wall-clock times in the session zone; aware ones instants
        pdf = oracle[["t"]].head(3)
        aware = dt.datetime(2024, 1, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=5)))
        frames = [s.createDataFrame(pdf).select("t", f.lit(aware))
                  for s, f in ((spark, F), (pyspark_session, PF))]
        assert [(d.columns, d.collect()) for d in frames] == [
            (frames[1].columns, frames[1].collect())] * 2
    finally:
        spark.conf.unset(KEY)
        pyspark_session.conf.set(KEY, "UTC")


def test_an_invalid_session_time_zone_is_refused_as_spark_does(spark, pyspark_session):
    with pytest.raises(Exception) as theirs:
        pyspark_session.conf.set(KEY, "Mars/Olympus")
    with pytest.raises(Exception) as ours:
        spark.conf.set(KEY, "Mars/Olympus")
    assert type(ours.value).__name__ == type(theirs.value).__name__
    assert ours.value.getCondition() == theirs.value.getCondition()
    assert spark.conf.get(KEY, "UTC") == "UTC"


@pytest.mark.parametrize("statement", [
    "SET TIME ZONE 'Asia/Kolkata'", "SET TIME ZONE INTERVAL -3 HOURS 30 MINUTES",
    "SET TIME ZONE INTERVAL '08:30' HOUR TO MINUTE", "SET TIME ZONE LOCAL",
    "SET spark.sql.session.timeZone=America/Los_Angeles"])
def test_set_time_zone_statements(spark, pyspark_session, statement):
    query = "SELECT current_timezone(), hour(TIMESTAMP '2024-01-01 12:00:00Z') AS h"
    try:
        results = [(s.sql(statement).collect(), s.sql(query).collect())
                   for s in (spark, pyspark_session)]
    finally:
        spark.conf.unset(KEY)
        pyspark_session.conf.set(KEY, "UTC")
    assert results[0] == results[1]
