"""Streaming API, sources, sinks and checkpoints; oracles: DuckDB batch queries over the
union of the input, PySpark's batch reader, and hand-computed results for tiny inputs."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading

import duckdb
import pytest

from dfengine.errors import AnalysisException
from dfengine.sql import functions as F
from dfengine.sql.streaming import MemoryStream, StreamingQueryException, StreamingQueryListener
from tests.streaming.harness import write_json, write_text

T0 = dt.datetime(2024, 1, 1)


def _ts(sec: int) -> dt.datetime:
    return T0 + dt.timedelta(seconds=sec)


def _run_available_now(df, **kw):
    w = df.writeStream.trigger(availableNow=True)
    for k, v in kw.items():
        w = getattr(w, k)(*v) if isinstance(v, tuple) else getattr(w, k)(v)
    q = w.start()
    q.awaitTermination()
    return q


def test_file_sink_exactly_once_log_is_read_by_dfengine_and_pyspark(spark, pyspark_session,
                                                                    tmp_path):
    src, out = str(tmp_path / "src"), str(tmp_path / "out")
    for i in range(3):
        write_json(src, f"{i}.json", [{"k": f"k{j % 2}", "v": i * 10 + j} for j in range(4)])
    df = spark.readStream.schema("k string, v bigint").option("maxFilesPerTrigger", 1).json(src)
    q = (df.where(F.col("v") % 3 != 0).writeStream.format("parquet").partitionBy("k")
         .option("checkpointLocation", str(tmp_path / "ck")).trigger(availableNow=True)
         .start(out))
    q.awaitTermination()
    assert q.lastProgress["batchId"] == 2
    # a file a killed batch left behind: on disk, but not in the log
    os.makedirs(os.path.join(out, "k=k0"), exist_ok=True)
    spark.createDataFrame([("zz", 999)], "k string, v bigint").toPandas().to_parquet(
        os.path.join(out, "k=k0", "part-99999-orphan.c000.snappy.parquet"))
    expected = sorted((f"k{j % 2}", i * 10 + j) for i in range(3) for j in range(4)
                      if (i * 10 + j) % 3)
    ours = sorted((r.k, r.v) for r in spark.read.parquet(out).collect())
    theirs = sorted((r.k, r.v) for r in pyspark_session.read.parquet(out).collect())
    assert ours == expected == theirs
    assert sorted(os.listdir(os.path.join(out, "_spark_metadata"))) == ["0", "1", "2"]


def test_memory_sink_progress_status_and_manager(spark):
    ms = MemoryStream(spark, "id int, name string")
    q = (ms.toDF().select("id", F.upper("name").alias("u")).writeStream.format("memory")
         .queryName("mem_upper").start())
    try:
        assert q.isActive and spark.streams.get(q.id) is q and q in spark.streams.active
        ms.addData([(1, "a"), (2, "b")])
        q.processAllAvailable()
        ms.addData([(3, "c")])
        q.processAllAvailable()
        rows = spark.sql("select * from mem_upper order by id").collect()
        assert [(r.id, r.u) for r in rows] == [(1, "A"), (2, "B"), (3, "C")]
        p = q.lastProgress
        assert p["batchId"] == 1 and p.numInputRows == 1 and p["sink"]["numOutputRows"] == 1
        assert p["sources"][0]["startOffset"] == 1 and p["sources"][0]["endOffset"] == 2
        assert {"addBatch", "triggerExecution"} <= set(p["durationMs"])
        assert [x["batchId"] for x in q.recentProgress] == [0, 1]
        assert set(q.status) == {"message", "isDataAvailable", "isTriggerActive"}
        assert q.name == "mem_upper" and q.id != q.runId
    finally:
        q.stop()
    assert not q.isActive and spark.streams.get(q.id) is None
    assert spark.streams.awaitAnyTermination(1) is True
    spark.streams.resetTerminated()


def test_listener_events(spark):
    seen = []

    class L(StreamingQueryListener):
        def onQueryStarted(self, e):
            seen.append(("start", str(e.id)))

        def onQueryProgress(self, e):
            seen.append(("progress", e.progress["numInputRows"]))

        def onQueryTerminated(self, e):
            seen.append(("end", e.exception))

    listener = L()
    spark.streams.addListener(listener)
    try:
        ms = MemoryStream(spark, "x int")
        ms.addData([(1,), (2,)])
        q = _run_available_now(ms.toDF(), format="noop")
    finally:
        spark.streams.removeListener(listener)
    assert seen == [("start", q.id), ("progress", 2), ("end", None)]


def test_processing_time_windowed_complete_equals_duckdb_batch(spark, tmp_path):
    src = str(tmp_path / "src")
    os.makedirs(src)
    df = spark.readStream.schema("ts timestamp, w string, v int").json(src)
    agg = df.groupBy(F.window("ts", "10 seconds"), "w").agg(
        F.count("*").alias("n"), F.sum("v").alias("s"), F.avg("v").alias("a"),
        F.min("v").alias("lo"))
    q = (agg.select(F.col("window.start").alias("start"), "w", "n", "s", "a", "lo")
         .writeStream.outputMode("complete").format("memory").queryName("pt_complete")
         .trigger(processingTime="50 milliseconds").start())
    rows = []
    try:
        for i in range(4):
            part = [{"ts": _ts(i * 7 + j).isoformat(sep=" "), "w": "ab"[j % 2], "v": i * j}
                    for j in range(9)]
            rows += part
            write_json(src, f"{i}.json", part)
            q.processAllAvailable()
    finally:
        q.stop()
    got = sorted(tuple(r) for r in spark.sql("select * from pt_complete").collect())
    con = duckdb.connect()
    con.execute("create table t (ts timestamp, w varchar, v int)")
    con.executemany("insert into t values (?, ?, ?)", [(r["ts"], r["w"], r["v"]) for r in rows])
    want = sorted(con.execute(
        "select time_bucket(interval 10 seconds, ts) s0, w, count(*), sum(v), avg(v), min(v) "
        "from t group by all").fetchall())
    assert got == [tuple(x) for x in want]
    assert len(q.recentProgress) >= 4


def test_output_mode_and_api_errors(spark, tmp_path):
    ms = MemoryStream(spark, "ts timestamp, w string")
    df = ms.toDF()
    counts = df.groupBy("w").count()
    with pytest.raises(AnalysisException, match="without watermark"):
        counts.writeStream.outputMode("append").format("noop").start()
    with pytest.raises(AnalysisException, match="Complete output mode not supported"):
        df.writeStream.outputMode("complete").format("noop").start()
    with pytest.raises(AnalysisException, match="writeStream.start"):
        df.collect()
    with pytest.raises(AnalysisException, match="only on streaming"):
        spark.range(3).writeStream  # noqa: B018
    with pytest.raises(AnalysisException, match="Sorting is not supported"):
        df.orderBy("w").writeStream.format("noop").start()
    with pytest.raises(AnalysisException, match="does not support Complete"):
        counts.writeStream.outputMode("complete").format("parquet").option(
            "checkpointLocation", str(tmp_path / "c")).start(str(tmp_path / "o"))
    assert df.isStreaming and not spark.range(2).isStreaming


def test_failing_foreach_batch_stops_query_with_exception(spark):
    ms = MemoryStream(spark, "x int")
    ms.addData([(1,)])

    def boom(df, batch_id):
        raise ValueError("sink exploded")

    q = ms.toDF().writeStream.foreachBatch(boom).trigger(availableNow=True).start()
    with pytest.raises(StreamingQueryException, match="sink exploded"):
        q.awaitTermination()
    assert isinstance(q.exception(), StreamingQueryException) and not q.isActive


def test_rate_micro_batch_and_rate_sources(spark):
    batches = []
    df = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 3)
          .option("startTimestamp", 1_000).option("advanceMillisPerBatch", 500).load())
    q = df.writeStream.foreachBatch(lambda d, b: batches.append(
        sorted(tuple(r) for r in d.collect()))).start()
    while len(batches) < 3:
        q.awaitTermination(0.05)
    q.stop()
    start = dt.datetime(1970, 1, 1, 0, 0, 1)
    assert batches[1] == [(start + dt.timedelta(milliseconds=500), v) for v in (3, 4, 5)]
    rate = spark.readStream.format("rate").option("rowsPerSecond", 1000).load()
    q = rate.writeStream.format("memory").queryName("rate_rows").start()
    while not q.recentProgress or sum(p["numInputRows"] for p in q.recentProgress) < 50:
        q.awaitTermination(0.05)
    q.stop()
    values = [r.value for r in spark.sql("select value from rate_rows").collect()]
    assert sorted(values) == list(range(len(values))) and len(values) >= 50


def test_max_files_latest_first_and_clean_source(spark, tmp_path):
    src, archive = str(tmp_path / "src"), str(tmp_path / "archive")
    for i in range(3):
        write_text(src, f"f{i}.txt", [f"line{i}"])
        os.utime(os.path.join(src, f"f{i}.txt"), (1000 + i, 1000 + i))
    seen = []
    df = (spark.readStream.option("maxFilesPerTrigger", 1).option("latestFirst", True)
          .option("cleanSource", "archive").option("sourceArchiveDir", archive).text(src))
    _run_available_now(df, foreachBatch=lambda d, b: seen.append([r.value for r in d.collect()]),
                       option=("checkpointLocation", str(tmp_path / "ck")))
    assert seen == [["line2"], ["line1"], ["line0"]]
    assert os.listdir(src) == []
    assert len([f for _, _, fs in os.walk(archive) for f in fs]) == 3


def test_foreach_function_and_writer_object(spark):
    ms = MemoryStream(spark, "x int")
    ms.addData([(1,), (2,)])
    got, events = [], []

    class Writer:
        def open(self, partition_id, epoch_id):
            events.append(("open", epoch_id))
            return True

        def process(self, row):
            events.append(("row", row.x))

        def close(self, error):
            events.append(("close", error))

    _run_available_now(ms.toDF(), foreach=lambda r: got.append(r.x))
    _run_available_now(ms.toDF(), foreach=Writer())
    assert sorted(got) == [1, 2]
    assert events[0] == ("open", 0) and events[-1] == ("close", None)
    assert sorted(x for k, x in events if k == "row") == [1, 2]


def test_console_sink(spark, capsys):
    ms = MemoryStream(spark, "x int")
    ms.addData([(7,)])
    _run_available_now(ms.toDF(), format="console")
    out = capsys.readouterr().out
    assert "Batch: 0" in out and "|  7|" in out


def test_drop_duplicates_within_watermark(spark):
    ms = MemoryStream(spark, "ts timestamp, k string")
    df = ms.toDF().withWatermark("ts", "10 seconds").dropDuplicatesWithinWatermark(["k"])
    q = df.writeStream.format("memory").queryName("dedup_ww").start()
    try:
        ms.addData([(_ts(0), "a"), (_ts(1), "a"), (_ts(2), "b")])
        q.processAllAvailable()
        ms.addData([(_ts(5), "a"), (_ts(40), "c")])  # a still within 0 + 10s of state
        q.processAllAvailable()
        ms.addData([(_ts(45), "a"), (_ts(3), "b")])  # a expired; (3, b) is late
        q.processAllAvailable()
    finally:
        q.stop()
    got = sorted((r.ts, r.k) for r in spark.sql("select * from dedup_ww").collect())
    assert got == [(_ts(0), "a"), (_ts(2), "b"), (_ts(40), "c"), (_ts(45), "a")]


def test_socket_source_on_loopback(spark):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]

    def serve():
        conn, _ = server.accept()
        conn.sendall(b"hello world\nhello\n")
        conn.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    lines = spark.readStream.format("socket").option("host", "127.0.0.1").option(
        "port", port).load()
    words = lines.select(F.explode(F.split("value", " ")).alias("w")).groupBy("w").count()
    q = words.writeStream.outputMode("complete").format("memory").queryName("sock_wc").start()
    try:
        t.join(5)
        while sum(p["numInputRows"] for p in q.recentProgress) < 2:
            q.awaitTermination(0.05)
    finally:
        q.stop()
        server.close()
    assert sorted(tuple(r) for r in spark.sql("select * from sock_wc").collect()) == [
        ("hello", 2), ("world", 1)]


def test_no_data_batch_with_modulo_key_and_sliding_window(spark):
    """The no-data batch after a watermark move runs the plan on an empty input (x % y on an
    empty column used to fail); sliding windows count each row in every window holding it."""
    ms = MemoryStream(spark, "ts timestamp, v bigint")
    agg = (ms.toDF().withWatermark("ts", "10 seconds")
           .groupBy(F.window("ts", "10 seconds", "5 seconds"), (F.col("v") % 2).alias("k"))
           .count())
    q = agg.writeStream.outputMode("append").format("memory").queryName("slide_mod").start()
    try:
        ms.addData([(_ts(1), 1), (_ts(7), 3), (_ts(12), 4)])
        q.processAllAvailable()
        ms.addData([(_ts(40), 5)])
        q.processAllAvailable()
    finally:
        q.stop()
    got = sorted((r.window.start, r.k, r["count"]) for r in
                 spark.sql("select * from slide_mod").collect())
    # windows [-5,5) [0,10) [5,15) [10,20) closed by watermark 30 s
    assert got == [(_ts(0) - dt.timedelta(seconds=5), 1, 1), (_ts(0), 1, 2), (_ts(5), 0, 1),
                   (_ts(5), 1, 1), (_ts(10), 0, 1)]
    assert [p["numInputRows"] for p in q.recentProgress] == [3, 0, 1, 0]


def test_apply_in_pandas_with_state_event_time_timeout(spark):
    import pandas as pd

    def count_until_idle(key, pdfs, state):
        if state.hasTimedOut:
            (n,) = state.get
            state.remove()
            yield pd.DataFrame({"user": [key[0]], "n": [n], "closed": [True]})
            return
        frames = list(pdfs)
        n = (state.get[0] if state.exists else 0) + sum(len(p) for p in frames)
        last = max(p["ts"].max() for p in frames)
        state.update((n,))
        state.setTimeoutTimestamp(int(last.timestamp() * 1000) + 10_000)
        yield pd.DataFrame({"user": [key[0]], "n": [n], "closed": [False]})

    ms = MemoryStream(spark, "ts timestamp, user string")
    sessions = (ms.toDF().withWatermark("ts", "5 seconds").groupBy("user")
                .applyInPandasWithState(count_until_idle, "user string, n long, closed boolean",
                                        "n long", "update", "EventTimeTimeout"))
    batches = []
    q = sessions.writeStream.outputMode("update").foreachBatch(
        lambda df, b: batches.append((b, sorted(tuple(r) for r in df.collect())))).start()
    try:
        ms.addData([(_ts(1), "u1"), (_ts(2), "u1"), (_ts(3), "u2")])
        q.processAllAvailable()
        ms.addData([(_ts(30), "u1")])
        q.processAllAvailable()
    finally:
        q.stop()
    assert [b for b in batches if b[1]] == [
        (0, [("u1", 2, False), ("u2", 1, False)]),
        (2, [("u1", 3, False)]),
        (3, [("u2", 1, True)])]


def test_start_with_path_defaults_to_parquet_and_reader_mixes_sink_and_plain_dirs(spark,
                                                                                tmp_path):
    ms = MemoryStream(spark, "x int")
    ms.addData([(1,), (2,)])
    out = str(tmp_path / "out")
    (ms.toDF().writeStream.option("checkpointLocation", str(tmp_path / "ck"))
     .trigger(availableNow=True).start(out).awaitTermination())
    assert os.listdir(os.path.join(out, "_spark_metadata")) == ["0"]
    plain = str(tmp_path / "plain")
    spark.createDataFrame([(3,)], "x int").write.parquet(plain)
    assert sorted(r.x for r in spark.read.parquet(out, plain).collect()) == [1, 2, 3]
