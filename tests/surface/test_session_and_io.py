"""SparkSession members, readers/writers (orc, text options, binaryFile, jdbc on SQLite,
avro, xml), show() and reprs, against PySpark where it has the feature."""

from __future__ import annotations

import datetime as dt
import decimal
import os
import sqlite3
import threading
import time

import pytest

from dfengine.sql import functions as F

from .conftest import assert_same_df, rows_of


def test_empty_dataframe_tvf_version(spark, pyspark_session):
    from pyspark.sql import functions as PF

    assert_same_df(spark.emptyDataFrame("a int, b string"),
                   pyspark_session.emptyDataFrame("a int, b string"))
    assert_same_df(spark.tvf.range(2, 9, 3), pyspark_session.tvf.range(2, 9, 3), ordered=True)
    assert_same_df(spark.tvf.explode(F.array(F.lit(1), F.lit(None), F.lit(3))),
                   pyspark_session.tvf.explode(PF.array(PF.lit(1), PF.lit(None), PF.lit(3))),
                   ordered=True)
    assert_same_df(spark.tvf.posexplode(F.array(F.lit("x"), F.lit("y"))),
                   pyspark_session.tvf.posexplode(PF.array(PF.lit("x"), PF.lit("y"))),
                   ordered=True)
    assert_same_df(spark.tvf.explode_outer(F.array(F.lit(None).cast("int"))),
                   pyspark_session.tvf.explode_outer(PF.array(PF.lit(None).cast("int"))))
    assert isinstance(spark.version, str)
    assert spark.Builder is type(spark.builder)


def test_active_and_new_session_share_the_runtime(spark):
    from dfengine.sql import SparkSession

    assert SparkSession.getActiveSession() is spark
    assert SparkSession.active() is spark
    other = spark.newSession()
    assert other._runtime is spark._runtime
    spark.createDataFrame([(1,)], "a int").createOrReplaceTempView("only_in_first")
    assert not other.catalog.tableExists("only_in_first")
    other.conf.set("spark.sql.shuffle.partitions", "3")
    assert spark.conf.get("spark.sql.shuffle.partitions") != "3"
    assert other.range(5).count() == 5


def test_tags_are_per_thread_and_validated(spark):
    spark.clearTags()
    spark.addTag("a")
    spark.addTag("b")
    seen = []
    t = threading.Thread(target=lambda: seen.append(spark.getTags()))
    t.start()
    t.join()
    assert spark.getTags() == {"a", "b"} and seen == [set()]
    spark.removeTag("a")
    assert spark.getTags() == {"b"}
    spark.clearTags()
    assert spark.getTags() == set()
    for bad in ("", "x,y"):
        with pytest.raises(ValueError):
            spark.addTag(bad)


def test_interrupt_tag_cancels_running_dask_work(spark):
    from dfengine.errors import QueryCancelledException

    ran: list[int] = []
    started = threading.Event()

    def slow(batches):
        for b in batches:
            started.set()
            time.sleep(0.2)
            ran.append(1)
            yield b

    df = spark.range(0, 60, 1, 30).mapInArrow(slow, "id long")
    errors: list[BaseException] = []

    def run() -> None:
        spark.addTag("long-job")
        try:
            df.collect()
        except BaseException as e:  # noqa: BLE001 - recorded for the assertion
            errors.append(e)
        finally:
            spark.clearTags()

    t = threading.Thread(target=run)
    t.start()
    assert started.wait(60)
    ids = spark.interruptTag("long-job")
    t.join(120)
    assert ids and isinstance(errors[0], QueryCancelledException)
    assert len(ran) < 30  # the remaining partitions never started
    assert spark.interruptAll() == []  # nothing left running
    assert spark.range(3).count() == 3  # the session still works


def test_interrupt_all_and_operation(spark):
    from dfengine.errors import QueryCancelledException

    started = threading.Event()

    def slow(batches):
        for b in batches:
            started.set()
            time.sleep(0.2)
            yield b

    errors: list[BaseException] = []

    def run() -> None:
        try:
            spark.range(0, 40, 1, 20).mapInArrow(slow, "id long").count()
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    t = threading.Thread(target=run)
    t.start()
    assert started.wait(60)
    ids = spark.interruptAll()
    t.join(120)
    assert len(ids) == 1 and isinstance(errors[0], QueryCancelledException)
    assert spark.interruptOperation("no-such-id") == []


# ------------------------------------------------------------------------------ io


def test_orc_round_trip_and_pyspark_reads_it(spark, pyspark_session, tmp_path):
    rows = [(1, "a", 2.5, dt.date(2020, 1, 2)), (None, None, None, None),
            (3, "c", -1.0, dt.date(1999, 12, 31))]
    schema = "k int, s string, x double, d date"
    path = str(tmp_path / "o")
    spark.createDataFrame(rows, schema).write.orc(path)
    assert_same_df(spark.read.orc(path), pyspark_session.read.orc(path))
    ppath = str(tmp_path / "p")
    pyspark_session.createDataFrame(rows, schema).write.orc(ppath)
    assert_same_df(spark.read.format("orc").load(ppath), pyspark_session.read.orc(ppath))
    spark.createDataFrame(rows, schema).write.mode("append").orc(path)
    assert spark.read.orc(path).count() == 6


def test_text_wholetext_and_line_sep(spark, pyspark_session, tmp_path):
    d = tmp_path / "t"
    d.mkdir()
    (d / "a.txt").write_text("one\ntwo\r\nthree\n\nfive")
    (d / "b.txt").write_text("x;y;;z;")
    for kwargs in ({}, {"wholetext": True}, {"lineSep": ";"}):
        assert_same_df(spark.read.text(str(d), **kwargs),
                       pyspark_session.read.text(str(d), **kwargs))
    out = str(tmp_path / "w")
    spark.createDataFrame([("a",), (None,), ("c",)], "v string").coalesce(1).write.text(
        out, lineSep="|")
    assert_same_df(spark.read.text(out, lineSep="|"),
                   pyspark_session.read.text(out, lineSep="|"))
    with pytest.raises(Exception, match="single column"):
        spark.range(2).write.text(str(tmp_path / "bad"))


def test_binary_file_source(spark, pyspark_session, tmp_path):
    d = tmp_path / "bin"
    d.mkdir()
    (d / "a.bin").write_bytes(b"\x00\x01hello")
    (d / "b.dat").write_bytes(b"")
    (d / "c.bin").write_bytes(bytes(range(256)))
    ours = spark.read.format("binaryFile").load(str(d))
    theirs = pyspark_session.read.format("binaryFile").load(str(d))
    assert_same_df(ours, theirs)
    glob = {"pathGlobFilter": "*.bin"}
    assert_same_df(spark.read.format("binaryFile").options(**glob).load(str(d)).select(
        "path", "length"), pyspark_session.read.format("binaryFile").options(**glob).load(
        str(d)).select("path", "length"))


def _sqlite(tmp_path) -> str:
    db = str(tmp_path / "t.db")
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE people (id INTEGER, name TEXT, score REAL, born DATE, "
                "ok BIT(1), amount DECIMAL(10,2))")
    con.executemany("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?)", [
        (1, "ann", 1.5, "2000-01-02", 1, "3.25"), (2, None, None, None, None, None),
        (3, "bob", -2.0, "1990-05-06", 0, "-1.10"), (None, "cy", 0.0, "2010-10-10", 1, "0")])
    con.commit()
    con.close()
    return db


def test_jdbc_read_against_sqlite(spark, tmp_path):
    db = _sqlite(tmp_path)
    url = f"jdbc:sqlite:{db}"
    df = spark.read.jdbc(url, "people")
    assert df.dtypes == [("id", "bigint"), ("name", "string"), ("score", "double"),
                         ("born", "date"), ("ok", "boolean"), ("amount", "decimal(10,2)")]
    con = sqlite3.connect(db)
    expected = con.execute("SELECT id, name, score, born, ok, amount FROM people").fetchall()
    con.close()
    got = rows_of(df)
    assert len(got) == len(expected)
    for g, e in zip(sorted(got, key=str), sorted(expected, key=str)):
        assert g[0] == e[0] and g[1] == e[1] and g[2] == e[2]
        assert g[3] == (dt.date.fromisoformat(e[3]) if e[3] else None)
        assert g[4] == (bool(e[4]) if e[4] is not None else None)
        assert g[5] == (decimal.Decimal(e[5]).quantize(decimal.Decimal("0.01"))
                        if e[5] is not None else None)
    parts = spark.read.jdbc(url, "people", column="id", lowerBound=1, upperBound=4,
                            numPartitions=3)
    assert parts.rdd.getNumPartitions() == 3
    assert sorted(rows_of(parts), key=str) == sorted(got, key=str)
    q = (spark.read.format("jdbc").option("url", url)
         .option("query", "SELECT name, score * 2 AS s2 FROM people WHERE id > 1").load())
    assert q.dtypes == [("name", "string"), ("s2", "double")]
    assert set(rows_of(q)) == {(None, None), ("bob", -4.0)}
    preds = spark.read.jdbc(url, "people", predicates=["id <= 2", "id > 2"])
    assert preds.rdd.getNumPartitions() == 2 and preds.count() == 3


def test_jdbc_write_modes(spark, tmp_path):
    from dfengine.errors import AnalysisException

    url = f"jdbc:sqlite:{tmp_path / 'w.db'}"
    rows = [(1, "a", 1.5, dt.date(2021, 3, 4), True, decimal.Decimal("1.20")),
            (None, None, None, None, None, None)]
    df = spark.createDataFrame(rows, "id int, s string, x double, d date, b boolean, "
                                     "m decimal(6,2)")
    df.write.jdbc(url, "t")
    back = spark.read.jdbc(url, "t")
    assert rows_of(back.orderBy("id")) == [(None,) * 6, rows[0]]
    with pytest.raises(AnalysisException, match="already exists"):
        df.write.jdbc(url, "t")
    df.write.jdbc(url, "t", mode="append")
    assert spark.read.jdbc(url, "t").count() == 4
    df.limit(1).write.format("jdbc").options(url=url, dbtable="t").mode("overwrite").save()
    assert spark.read.jdbc(url, "t").count() == 1
    df.write.jdbc(url, "t", mode="ignore")
    assert spark.read.jdbc(url, "t").count() == 1
    with pytest.raises(Exception, match="SQLite"):
        df.write.jdbc("jdbc:postgresql://h/db", "t")


def test_avro_round_trip(spark, tmp_path):
    import fastavro

    rows = [(1, "a", 2.5, dt.date(2020, 1, 2), [1, 2]), (None, None, None, None, None)]
    schema = "k int, s string, x double, d date, arr array<int>"
    path = str(tmp_path / "av")
    df = spark.createDataFrame(rows, schema)
    df.write.format("avro").save(path)
    back = spark.read.format("avro").load(path)
    assert back.dtypes == df.dtypes
    assert sorted(rows_of(back), key=str) == sorted(rows_of(df), key=str)
    files = [f for f in os.listdir(path) if f.endswith(".avro")]
    with open(os.path.join(path, files[0]), "rb") as fh:
        reader = fastavro.reader(fh)
        assert [f["name"] for f in reader.writer_schema["fields"]] == ["k", "s", "x", "d", "arr"]


def test_xml_and_bucketing_errors_are_clear(spark, tmp_path):
    with pytest.raises(Exception, match="XML"):
        spark.read.xml(str(tmp_path))
    with pytest.raises(Exception, match="XML"):
        spark.read.format("xml").load(str(tmp_path))
    with pytest.raises(Exception, match="XML"):
        spark.range(1).write.format("xml").save(str(tmp_path / "x"))
    with pytest.raises(Exception, match="bucketBy"):
        spark.range(1).write.bucketBy(2, "id").sortBy("id").parquet(str(tmp_path / "b"))


def test_show_keeps_long_headers_whole_like_pyspark(both, capsys):
    from pyspark.sql import functions as PF

    ours, theirs = both()
    long = "a_very_long_column_name_that_is_past_twenty"
    a = ours.select(F.col("k").alias(long), "s", F.col("x").cast("string").alias("x"))
    b = theirs.select(PF.col("k").alias(long), "s", PF.col("x").cast("string").alias("x"))
    for kwargs in ({}, {"truncate": 5}, {"truncate": False}, {"n": 2},
                   {"vertical": True, "n": 3}):
        a.show(**kwargs)
        mine = capsys.readouterr().out
        b.show(**kwargs)
        assert mine == capsys.readouterr().out, kwargs


def test_row_reprs_like_pyspark():
    from pyspark.sql import Row as PRow

    from dfengine.sql import Row

    for args, kwargs in [((), {"a": 1, "b": "x"}), (("a", "b"), {}),
                         ((), {"a": None, "b": [1, 2], "c": Row(d=1.5)})]:
        theirs_kwargs = {k: (PRow(d=1.5) if isinstance(v, Row) else v) for k, v in kwargs.items()}
        assert repr(Row(*args, **kwargs)) == repr(PRow(*args, **theirs_kwargs))


def test_column_reprs_like_pyspark(pyspark_session):
    from pyspark.sql import functions as PF

    def cases(f):
        c = f.col("a")
        return [c + 1, c - 1, c * 2, c / 2, c % 2, c == 1, c != 1, c < 1, c <= 1, c > 1,
                c >= 1, (c > 1) & (c < 3), (c > 1) | (c < 3), ~(c > 1), -c, c.isNull(),
                c.isNotNull(), c.cast("int"), c.alias("b"), f.lit(1), f.lit("x"),
                c.eqNullSafe(1), f.upper(c), c.desc(), f.when(c > 1, 1).otherwise(0),
                c.isin(1, 2), c.like("a%"), c["x"], c.between(1, 2), c.contains("x"),
                f.sum("x"), f.col("t.b")]

    for ours, theirs in zip(cases(F), cases(PF)):
        assert repr(ours) == repr(theirs), (repr(ours), repr(theirs))


def test_column_transform(both):
    from pyspark.sql import functions as PF

    ours, theirs = both()
    assert_same_df(ours.select(F.col("x").transform(lambda c: c * 2 + 1).alias("t")),
                   theirs.select(PF.col("x").transform(lambda c: c * 2 + 1).alias("t")))
