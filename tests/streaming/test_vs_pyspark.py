"""dfengine Structured Streaming against real PySpark Structured Streaming on the same files:
batch by batch (Trigger.AvailableNow after each step, so each step also restarts the query
from its checkpoint)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from tests.streaming.harness import nonempty, norm, run_steps, write_json, write_text

pytestmark = pytest.mark.pyspark


def _both(spark, pyspark_session, tmp_path, build, steps, mode, writer=None):
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as DF

    ours = run_steps(spark, str(tmp_path / "dfe"), lambda s, p: build(s, p, DF), steps, mode,
                     writer)
    theirs = run_steps(pyspark_session, str(tmp_path / "spark"), lambda s, p: build(s, p, PF),
                       steps, mode, writer)
    return ours, theirs


def _ts(sec: int) -> str:
    return (dt.datetime(2024, 1, 1) + dt.timedelta(seconds=sec)).strftime("%Y-%m-%d %H:%M:%S")


def test_word_count_complete(spark, pyspark_session, tmp_path):
    steps = [lambda d: write_text(d, "a.txt", ["the cat", "the dog"]),
             lambda d: write_text(d, "b.txt", ["a cat", "the end"]),
             lambda d: write_text(d, "c.txt", ["cat"])]

    def build(s, path, F):
        lines = s.readStream.format("text").load(path)
        return lines.select(F.explode(F.split("value", " ")).alias("word")).groupBy(
            "word").count()

    ours, theirs = _both(spark, pyspark_session, tmp_path, build, steps, "complete")
    assert ours == theirs
    assert dict(ours[-1][1])["cat"] == 3


EVENTS = [
    [{"ts": _ts(1), "w": "a"}, {"ts": _ts(4), "w": "b"}, {"ts": _ts(12), "w": "a"}],
    [{"ts": _ts(23), "w": "a"}, {"ts": _ts(2), "w": "late-but-open"}, {"ts": _ts(15), "w": "b"}],
    [{"ts": _ts(41), "w": "a"}, {"ts": _ts(5), "w": "too-late"}, {"ts": _ts(38), "w": "c"}],
    [{"ts": _ts(14), "w": "too-late"}, {"ts": _ts(60), "w": "a"}],
]


def _event_steps():
    return [lambda d, i=i, rows=rows: write_json(d, f"e{i}.json", rows)
            for i, rows in enumerate(EVENTS)]


def _windowed(slide):
    def build(s, path, F):
        events = s.readStream.schema("ts timestamp, w string").json(path)
        return (events.withWatermark("ts", "10 seconds")
                .groupBy(F.window("ts", "10 seconds", slide), "w")
                .agg(F.count("*").alias("n"), F.max("ts").alias("last")))
    return build


@pytest.mark.parametrize(("mode", "slide"), [("append", "5 seconds"), ("update", None)])
def test_windowed_counts_with_watermark(spark, pyspark_session, tmp_path, mode, slide):
    """append: sliding windows (each row in two windows); update: tumbling windows"""
    ours, theirs = _both(spark, pyspark_session, tmp_path, _windowed(slide), _event_steps(),
                         mode)
    assert ours == theirs
    words = [r[1] for _, rows in ours for r in rows]
    assert "late-but-open" in words
    # (5, too-late) is too late for [0, 10) but its sliding window [5, 15) is still open
    assert words.count("too-late") == (1 if slide else 0)


def test_stream_static_join_and_filter(spark, pyspark_session, tmp_path):
    static_rows = [("a", "alpha"), ("b", "beta"), ("c", "gamma")]

    def build(s, path, F):
        dim = s.createDataFrame(static_rows, "w string, name string")
        events = s.readStream.schema("ts timestamp, w string").json(path)
        return (events.where(F.col("w") != "c").join(dim, "w", "left")
                .select("w", "name", (F.length("name") * 2).alias("n2")))

    ours, theirs = _both(spark, pyspark_session, tmp_path, build, _event_steps(), "append")
    assert ours == theirs
    assert sum(len(rows) for _, rows in ours) == sum(
        1 for rows in EVENTS for r in rows if r["w"] != "c")


def test_drop_duplicates_with_watermark(spark, pyspark_session, tmp_path):
    rows = [[{"ts": _ts(1), "w": "a"}, {"ts": _ts(1), "w": "a"}, {"ts": _ts(2), "w": "a"}],
            [{"ts": _ts(1), "w": "a"}, {"ts": _ts(30), "w": "b"}, {"ts": _ts(2), "w": "b"}],
            [{"ts": _ts(30), "w": "b"}, {"ts": _ts(1), "w": "a"}, {"ts": _ts(45), "w": "c"}]]
    steps = [lambda d, i=i, r=r: write_json(d, f"d{i}.json", r) for i, r in enumerate(rows)]

    def build(s, path, F):
        events = s.readStream.schema("ts timestamp, w string").json(path)
        return events.withWatermark("ts", "5 seconds").dropDuplicates(["w", "ts"])

    ours, theirs = _both(spark, pyspark_session, tmp_path, build, steps, "append")
    assert nonempty(ours) == nonempty(theirs)
    assert sum(len(r) for _, r in ours) == 5


def test_processing_time_trigger_final_results(spark, pyspark_session, tmp_path):
    """processingTime batches depend on timing, so compare the final complete-mode tables."""
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as DF

    def run(s, F, root, name):
        src = str(root / "src")
        os.makedirs(src)
        events = s.readStream.schema("ts timestamp, w string").json(src)
        agg = events.groupBy(F.window("ts", "10 seconds"), "w").agg(
            F.count("*").alias("n"), F.min("ts").alias("first"))
        q = (agg.writeStream.outputMode("complete").format("memory").queryName(name)
             .option("checkpointLocation", str(root / "ck"))
             .trigger(processingTime="100 milliseconds").start())
        try:
            for i, rows in enumerate(EVENTS):
                write_json(src, f"e{i}.json", rows)
                q.processAllAvailable()
        finally:
            q.stop()
        return sorted(norm(r) for r in s.sql(f"select * from {name}").collect())

    ours = run(spark, DF, tmp_path / "dfe", "pt_ours")
    theirs = run(pyspark_session, PF, tmp_path / "spark", "pt_theirs")
    assert ours == theirs and len(ours) == 11


def test_session_windows_append(spark, pyspark_session, tmp_path):
    rows = [[{"ts": _ts(1), "w": "a"}, {"ts": _ts(4), "w": "a"}, {"ts": _ts(3), "w": "b"}],
            [{"ts": _ts(9), "w": "a"}, {"ts": _ts(20), "w": "a"}, {"ts": _ts(2), "w": "b"},
             {"ts": _ts(14), "w": "a"}],
            [{"ts": _ts(45), "w": "b"}, {"ts": _ts(5), "w": "late"}, {"ts": _ts(31), "w": "a"}],
            [{"ts": _ts(70), "w": "a"}]]
    steps = [lambda d, i=i, r=r: write_json(d, f"s{i}.json", r) for i, r in enumerate(rows)]

    def build(s, path, F):
        events = s.readStream.schema("ts timestamp, w string").json(path)
        return (events.withWatermark("ts", "5 seconds")
                .groupBy(F.session_window("ts", "5 seconds"), "w")
                .agg(F.count("*").alias("n"), F.min("ts").alias("first")))

    ours, theirs = _both(spark, pyspark_session, tmp_path, build, steps, "append")
    assert ours == theirs
    assert any(r[2] == 4 for _, rs in ours for r in rs)  # 1, 4, 9, 14 merged into one session


def test_stream_stream_inner_join(spark, pyspark_session, tmp_path):
    clicks = [[{"ad": 1, "u": "x"}, {"ad": 2, "u": "y"}], [{"ad": 3, "u": "z"}],
              [{"ad": 1, "u": "w"}, {"ad": 4, "u": "v"}]]
    shows = [[{"ad": 1, "page": "p1"}], [{"ad": 2, "page": "p2"}, {"ad": 3, "page": "p3"}],
             [{"ad": 9, "page": "p9"}, {"ad": 1, "page": "p1b"}]]

    def step(i):
        def write(d):
            write_json(os.path.join(d, "clicks"), f"c{i}.json", clicks[i])
            write_json(os.path.join(d, "shows"), f"s{i}.json", shows[i])
        return write

    def build(s, path, F):
        c = s.readStream.schema("ad int, u string").json(os.path.join(path, "clicks"))
        v = s.readStream.schema("ad int, page string").json(os.path.join(path, "shows"))
        return c.join(v, "ad").select("ad", "u", "page")

    ours, theirs = _both(spark, pyspark_session, tmp_path, build, [step(i) for i in range(3)],
                         "append")
    assert ours == theirs
    assert sorted(r for _, rows in ours for r in rows) == [
        (1, "w", "p1"), (1, "w", "p1b"), (1, "x", "p1"), (1, "x", "p1b"), (2, "y", "p2"),
        (3, "z", "p3")]


WRITER_MISUSE = {
    "unknown_mode": lambda w: w.outputMode("upsert"),
    "two_triggers": lambda w: w.trigger(once=True, availableNow=True),
    "no_trigger": lambda w: w.trigger(),
    "negative_interval": lambda w: w.trigger(processingTime="-1 seconds").start(),
    "empty_interval": lambda w: w.trigger(processingTime=""),
    "once_false": lambda w: w.trigger(once=False),
}


@pytest.mark.parametrize("case", sorted(WRITER_MISUSE))
def test_writer_misuse_raises_pysparks_class(spark, pyspark_session, tmp_path, case):
    """The same exception class and error condition as PySpark for a misused writeStream."""
    def outcome(session, sub):
        os.makedirs(tmp_path / sub, exist_ok=True)
        w = session.readStream.schema("a int").json(str(tmp_path / sub)).writeStream.format(
            "console")
        try:
            WRITER_MISUSE[case](w)
        except Exception as e:  # noqa: BLE001 - the oracle's class is the expectation
            return type(e).__name__, getattr(e, "getCondition", lambda: None)()
        return None

    theirs = outcome(pyspark_session, "spark")
    assert theirs is not None
    assert outcome(spark, "dfe") == theirs
