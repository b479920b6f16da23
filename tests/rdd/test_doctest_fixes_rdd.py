"""SparkContext and RDD behaviour behind PySpark's docstrings, compared with PySpark's RDD API:
job tags and cancelling by tag, shipped files, binary and Hadoop files, checkpoints, persist
levels, barrier mode, per-key sampling and sorting within partitions."""

from __future__ import annotations

import operator
import os
import threading
import time
import zipfile

import pytest

from dfengine.errors import (
    IllegalArgumentException,
    PySparkNotImplementedError,
    SparkRuntimeException,
    UnsupportedOperationException,
)
from tests.rdd.conftest import _register_by_value

pytestmark = pytest.mark.pyspark
_register_by_value(__name__)


# -- job tags and cancellation ----------------------------------------------------------------


def test_job_tags_are_per_thread_sets_as_pyspark(sc, psc):
    for ctx in (sc, psc):
        ctx.clearJobTags()
        ctx.addJobTag("a")
        ctx.addJobTag("b")
        ctx.addJobTag("a")
        ctx.removeJobTag("b")
        ctx.removeJobTag("never-added")
    assert sc.getJobTags() == set(psc.getJobTags()) == {"a"}
    seen: list = []
    t = threading.Thread(target=lambda: seen.append(sc.getJobTags()))
    t.start()
    t.join()
    assert seen == [set()]  # a plain thread starts without the tags
    for ctx in (sc, psc):
        ctx.clearJobTags()
    assert sc.getJobTags() == set(psc.getJobTags()) == set()


@pytest.mark.parametrize("tag", ["a,b", ""])
def test_invalid_job_tag_is_refused(sc, tag):
    with pytest.raises(IllegalArgumentException, match="tag"):
        sc.addJobTag(tag)
    with pytest.raises(IllegalArgumentException, match="tag"):
        sc.cancelJobsWithTag(tag)


def _wait_for_file(started: str, release: str):
    def run(x):
        open(started, "w").close()
        deadline = time.monotonic() + 30
        while not os.path.exists(release) and time.monotonic() < deadline:
            time.sleep(0.02)
        return x

    return run


def _wait_until(path: str) -> bool:
    deadline = time.monotonic() + 30
    while not os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.02)
    return os.path.exists(path)


@pytest.mark.parametrize("how", ["tag", "group", "all"])
def test_cancelling_stops_a_running_rdd_job(sc, tmp_path, how):
    from dfengine import InheritableThread

    started, release = str(tmp_path / "started"), str(tmp_path / "release")
    outcome: list = []

    def job() -> None:
        try:
            outcome.append(sc.parallelize(range(4), 2).map(_wait_for_file(started, release))
                           .collect())
        except Exception as e:  # noqa: BLE001 - the test inspects it
            outcome.append(e)

    sc.addJobTag("to-cancel")  # inherited by the job's thread
    if how == "group":
        sc.setJobGroup("rdd-group", "cancelled by the test")
    t = InheritableThread(target=job)
    t.start()
    sc.clearJobTags()
    sc.setLocalProperty("spark.jobGroup.id", None)
    try:
        assert _wait_until(started)
        {"tag": lambda: sc.cancelJobsWithTag("to-cancel"),
         "group": lambda: sc.cancelJobGroup("rdd-group"),
         "all": sc.cancelAllJobs}[how]()
        t.join(30)
    finally:
        open(release, "w").close()
        t.join(30)
    assert len(outcome) == 1
    assert isinstance(outcome[0], SparkRuntimeException), outcome
    assert outcome[0].getErrorClass() == "SPARK_JOB_CANCELLED"
    assert sc.parallelize([1, 2]).map(lambda x: x + 1).collect() == [2, 3]  # still usable


def test_cancelling_another_tag_leaves_the_job_running(sc, tmp_path):
    started, release = str(tmp_path / "started"), str(tmp_path / "release")
    outcome: list = []

    def job() -> None:
        sc.addJobTag("mine")
        outcome.append(sc.parallelize(range(4), 2).map(_wait_for_file(started, release))
                       .collect())

    t = threading.Thread(target=job)
    t.start()
    try:
        assert _wait_until(started)
        sc.cancelJobsWithTag("someone-else")
    finally:
        open(release, "w").close()
        t.join(30)
    assert outcome == [[0, 1, 2, 3]]


# -- context properties ------------------------------------------------------------------------


def test_application_id_and_system_properties(sc, psc):
    assert sc.applicationId.startswith("local-") and psc.applicationId.startswith("local-")
    assert sc.applicationId[len("local-"):].isdigit()
    assert sc.getSystemProperty("SPARK_SUBMIT") == psc.getSystemProperty("SPARK_SUBMIT")
    assert sc.getSystemProperty("no.such.property") is None
    assert psc.getSystemProperty("no.such.property") is None
    assert sc.getSystemProperty("file.separator") == psc.getSystemProperty("file.separator")


def test_get_or_create_returns_the_running_context(sc):
    from dfengine import SparkContext

    assert SparkContext.getOrCreate() is sc


# -- files -------------------------------------------------------------------------------------


def test_binary_files_and_records_as_pyspark(sc, psc, tmp_path):
    (tmp_path / "1.bin").write_bytes(b"binary data I")
    (tmp_path / "2.bin").write_bytes(b"\x00\x01\xffII")
    ours = sorted(sc.binaryFiles(str(tmp_path)).collect())
    theirs = sorted(psc.binaryFiles(str(tmp_path)).collect())
    assert [(os.path.basename(p), c) for p, c in ours] == \
        [(os.path.basename(p), c) for p, c in theirs]
    assert all(p.startswith("file:") for p, _ in ours)
    rec = tmp_path / "rec"
    rec.mkdir()
    (rec / "a.bin").write_bytes(b"".join(b"%04d" % i for i in range(5)))
    (rec / "b.bin").write_bytes(b"-001-002")
    assert sorted(sc.binaryRecords(str(rec), 4).collect()) == \
        sorted(psc.binaryRecords(str(rec), 4).collect())


@pytest.fixture
def forget_added(sc):
    """The context keeps what tests add for its lifetime (as Spark's does): take this test's
    names back, so PySpark's own addFile/addArchive examples later list only theirs."""
    yield
    sc._added("files").pop("factor_h4.txt", None)
    sc._added("archives").pop("bundle_h4.zip", None)


def test_added_files_and_archives_are_found_by_sparkfiles(sc, tmp_path, forget_added):
    from dfengine import SparkFiles

    f1 = tmp_path / "factor_h4.txt"
    f1.write_text("100")
    sc.addFile(str(f1))
    sc.addFile(str(f1))  # the same path again is ignored
    assert sc.listFiles.count("file:" + str(f1)) == 1
    other = tmp_path / "sub"
    other.mkdir()
    (other / "factor_h4.txt").write_text("7")
    with pytest.raises(Exception, match="already registered"):
        sc.addFile(str(other / "factor_h4.txt"))

    def mul(it):
        with open(SparkFiles.get("factor_h4.txt")) as f:
            k = int(f.read())
        return [x * k for x in it]

    assert sc.parallelize([1, 2, 3, 4], 2).mapPartitions(mul).collect() == [100, 200, 300, 400]

    archive = tmp_path / "bundle_h4.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("inner/value.txt", "3")
    sc.addArchive(str(archive))
    assert "file:" + str(archive) in sc.listArchives

    def read_inner(it):
        with open(os.path.join(SparkFiles.get("bundle_h4.zip"), "inner", "value.txt")) as f:
            k = int(f.read())
        return [x * k for x in it]

    assert sc.parallelize([1, 2], 2).mapPartitions(read_inner).collect() == [3, 6]


# -- Hadoop formats ----------------------------------------------------------------------------

_SEQ_OUT = "org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat"
_SEQ_IN = "org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat"
_TEXT_OUT = "org.apache.hadoop.mapred.TextOutputFormat"
_TEXT_IN = "org.apache.hadoop.mapred.TextInputFormat"


@pytest.mark.parametrize("data", [
    [(1, ""), (1, "a"), (3, "x"), (-7, "ünïcode")],
    [(1, {3.0: "bb", "k": True}), (2, {1.0: "aa", 5: None}), (3, {})],
    [("k", 2**40), ("j", -(2**35))],  # one Writable class per file: all LongWritable
    [(None, bytearray(b"ab")), (None, bytearray(b""))],
    [(i, float(i) / 3) for i in range(500)],  # several sync markers
], ids=["int-text", "maps", "longs", "bytes", "many"])
def test_sequence_files_read_and_written_both_ways_with_pyspark(sc, psc, tmp_path, data):
    sc.parallelize(data, 3).saveAsSequenceFile(str(tmp_path / "ours"))
    psc.parallelize(data, 3).saveAsSequenceFile(str(tmp_path / "theirs"))
    expected = sorted(data, key=repr)
    assert sorted(psc.sequenceFile(str(tmp_path / "ours")).collect(), key=repr) == expected
    assert sorted(sc.sequenceFile(str(tmp_path / "theirs")).collect(), key=repr) == expected
    assert os.path.exists(tmp_path / "ours" / "_SUCCESS")


def test_new_api_files_and_datasets_as_pyspark(sc, psc, tmp_path):
    data = [(1, ""), (1, "a"), (3, "x")]
    for ctx, name in ((sc, "ours"), (psc, "theirs")):
        rdd = ctx.parallelize(data)
        rdd.saveAsNewAPIHadoopFile(str(tmp_path / f"{name}-file"), _SEQ_OUT,
                                   "org.apache.hadoop.io.IntWritable",
                                   "org.apache.hadoop.io.Text")
        rdd.saveAsNewAPIHadoopDataset(conf={
            "mapreduce.job.outputformat.class": _SEQ_OUT,
            "mapreduce.job.output.key.class": "org.apache.hadoop.io.IntWritable",
            "mapreduce.job.output.value.class": "org.apache.hadoop.io.Text",
            "mapreduce.output.fileoutputformat.outputdir": str(tmp_path / f"{name}-ds")})
    for name in ("ours", "theirs"):
        got = sc.newAPIHadoopFile(str(tmp_path / f"{name}-file"), _SEQ_IN,
                                  "org.apache.hadoop.io.IntWritable",
                                  "org.apache.hadoop.io.Text").collect()
        assert sorted(got) == data
        got = sc.newAPIHadoopRDD(_SEQ_IN, "org.apache.hadoop.io.IntWritable",
                                 "org.apache.hadoop.io.Text", conf={
                                     "mapreduce.input.fileinputformat.inputdir":
                                         str(tmp_path / f"{name}-ds")}).collect()
        assert sorted(got) == data


def test_text_output_and_input_formats_as_pyspark(sc, psc, tmp_path):
    data = [(1, ""), (1, "a"), (3.5, "x"), (None, 2), (True, None), (None, None), (1e20, -0.5)]
    sc.parallelize(data, 2).saveAsHadoopFile(str(tmp_path / "ours"), _TEXT_OUT)
    psc.parallelize(data, 2).saveAsHadoopFile(str(tmp_path / "theirs"), _TEXT_OUT)
    assert sorted(sc.textFile(str(tmp_path / "ours")).collect()) == \
        sorted(psc.textFile(str(tmp_path / "theirs")).collect())
    ours = sc.hadoopFile(str(tmp_path / "theirs"), _TEXT_IN, "org.apache.hadoop.io.LongWritable",
                         "org.apache.hadoop.io.Text").collect()
    theirs = psc.hadoopFile(str(tmp_path / "theirs"), _TEXT_IN,
                            "org.apache.hadoop.io.LongWritable",
                            "org.apache.hadoop.io.Text").collect()
    assert sorted(ours) == sorted(theirs)
    via_conf = sc.hadoopRDD(_TEXT_IN, "org.apache.hadoop.io.LongWritable",
                            "org.apache.hadoop.io.Text",
                            conf={"mapreduce.input.fileinputformat.inputdir":
                                  str(tmp_path / "theirs")}).collect()
    assert sorted(via_conf) == sorted(theirs)


def test_unsupported_hadoop_formats_name_the_alternatives(sc, tmp_path):
    rdd = sc.parallelize([(1, "a")])
    with pytest.raises(PySparkNotImplementedError, match="saveAsPickleFile"):
        rdd.saveAsHadoopFile(str(tmp_path / "x"), "org.apache.hadoop.mapred.MapFileOutputFormat")
    with pytest.raises(PySparkNotImplementedError, match="compression"):
        rdd.saveAsSequenceFile(str(tmp_path / "y"), "org.apache.hadoop.io.compress.GzipCodec")
    with pytest.raises(PySparkNotImplementedError, match="converter"):
        sc.sequenceFile(str(tmp_path), keyConverter="some.Converter")
    assert not os.path.exists(tmp_path / "x") and not os.path.exists(tmp_path / "y")
    with pytest.raises(Exception, match="cannot be converted to a Hadoop Writable"):
        sc.parallelize([(1, [1, 2])]).saveAsSequenceFile(str(tmp_path / "z"))


# -- checkpoints and persistence ---------------------------------------------------------------


def test_checkpoint_states_as_pyspark(sc, psc, tmp_path):
    sc.setCheckpointDir(str(tmp_path / "ours"))
    psc.setCheckpointDir(str(tmp_path / "theirs"))

    def states(ctx):
        rdd = ctx.range(5)
        out = [rdd.is_checkpointed, rdd.isCheckpointed(), rdd.getCheckpointFile() is None]
        rdd.checkpoint()
        out += [rdd.is_checkpointed, rdd.isCheckpointed(), rdd.getCheckpointFile() is None]
        out += [rdd.count(), rdd.is_checkpointed, rdd.isCheckpointed(),
                rdd.getCheckpointFile() is None, rdd.isLocallyCheckpointed()]
        out.append(rdd.map(lambda x: x * 2).sum())
        return out, rdd.getCheckpointFile()

    (ours, our_file), (theirs, their_file) = states(sc), states(psc)
    assert ours == theirs
    for path, root in ((our_file, tmp_path / "ours"), (their_file, tmp_path / "theirs")):
        assert path.startswith(f"file:{root}/") and path.rsplit("/", 1)[1].startswith("rdd-")


def test_local_checkpoint_states_as_pyspark(sc, psc):
    def states(ctx):
        rdd = ctx.range(5)
        out = [rdd.isLocallyCheckpointed()]
        rdd.localCheckpoint()
        out += [rdd.isLocallyCheckpointed(), rdd.is_checkpointed, rdd.isCheckpointed()]
        out += [rdd.collect(), rdd.isCheckpointed(), rdd.getCheckpointFile()]
        return out

    assert states(sc) == states(psc)


def test_persist_cannot_change_an_assigned_level(sc, psc):
    from pyspark import StorageLevel as PL

    from dfengine import StorageLevel as DL

    for ctx, L in ((sc, DL), (psc, PL)):
        rdd = ctx.range(5)
        rdd.persist(L.MEMORY_AND_DISK)
        rdd.persist(L.MEMORY_AND_DISK)  # the same level again is fine
    ours = sc.range(5).persist(DL.MEMORY_AND_DISK)
    with pytest.raises(UnsupportedOperationException, match="unpersist"):
        ours.persist(DL.MEMORY_ONLY_2)
    assert str(ours.getStorageLevel()) == "Disk Memory Serialized 1x Replicated"
    ours.unpersist()
    assert not ours.is_cached
    ours.persist(PL.MEMORY_ONLY_2)  # PySpark's StorageLevel objects are accepted too
    assert str(ours.getStorageLevel()) == "Memory Serialized 2x Replicated"
    assert ours.is_cached and ours.collect() == [0, 1, 2, 3, 4]
    ours.unpersist()


def test_range_lineage_is_pythonrdd_over_parallel_collection(sc, psc):
    ours = sc.range(5).toDebugString().decode()
    theirs = psc.range(5).toDebugString().decode()
    for text in (ours, theirs):
        lines = text.splitlines()
        assert "PythonRDD" in lines[0] and "ParallelCollectionRDD" in lines[1]
    assert sc.parallelize(range(3, 30, 4), 3).glom().collect() == \
        psc.parallelize(range(3, 30, 4), 3).glom().collect()


# -- actions' errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["first", "reduce", "takeSample"])
def test_action_errors_have_pysparks_class_and_text(sc, psc, action):
    import sys

    def run(ctx):
        if action == "first":
            return ctx.parallelize([]).first()
        if action == "reduce":
            return ctx.parallelize([]).reduce(operator.add)
        return ctx.range(0, 10).takeSample(False, sys.maxsize)

    errors = []
    for ctx in (sc, psc):
        with pytest.raises(Exception) as e:
            run(ctx)
        errors.append(e.value)
    assert type(errors[0]) is type(errors[1]) is ValueError
    assert str(errors[0]) == str(errors[1])


def test_take_sample_sizes(sc):
    rdd = sc.parallelize(range(10))
    assert len(rdd.takeSample(True, 20, 1)) == 20
    five = rdd.takeSample(False, 5, 2)
    assert len(five) == len(set(five)) == 5 and set(five) <= set(range(10))
    assert sorted(rdd.takeSample(False, 15, 3)) == list(range(10))
    assert rdd.takeSample(False, 5, 7) == rdd.takeSample(False, 5, 7)


# -- barrier mode, sorting within partitions, per-key sampling -------------------------------


def test_barrier_map_partitions_as_pyspark(sc, psc):
    def f(it):
        yield sum(it)

    def g(i, it):
        yield (i, len(list(it)))

    for n in (1, 2):  # a barrier stage needs a slot per partition: local[2]
        assert sc.parallelize([1, 2, 3, 4], n).barrier().mapPartitions(f).collect() == \
            psc.parallelize([1, 2, 3, 4], n).barrier().mapPartitions(f).collect()
        assert sc.parallelize(range(9), n).barrier().mapPartitionsWithIndex(g).collect() == \
            psc.parallelize(range(9), n).barrier().mapPartitionsWithIndex(g).collect()


@pytest.mark.parametrize("ascending", [True, False])
def test_repartition_and_sort_within_partitions_as_pyspark(sc, psc, ascending):
    data = [(0, 5), (3, 8), (2, 6), (0, 8), (3, 8), (1, 3), (7, 1), (4, 4), (5, 0)]

    def run(ctx, **kw):
        return ctx.parallelize(data, 3).repartitionAndSortWithinPartitions(**kw).glom().collect()

    kw = {"numPartitions": 2, "partitionFunc": lambda x: x % 2, "ascending": ascending}
    assert run(sc, **kw) == run(psc, **kw)
    kw = {"numPartitions": 3, "ascending": ascending, "keyfunc": lambda k: -k}
    assert run(sc, **kw) == run(psc, **kw)


def test_sample_by_key(sc):
    fractions = {"a": 0.2, "b": 0.1, "c": 0.0, "d": 1.0}
    rdd = sc.parallelize(list(fractions)).cartesian(sc.parallelize(range(0, 1000)))
    sample = dict(rdd.sampleByKey(False, fractions, 2).groupByKey().collect())
    assert 100 < len(sample["a"]) < 300 and 50 < len(sample["b"]) < 150
    assert "c" not in sample and sorted(sample["d"]) == list(range(1000))
    assert set(sample["a"]) <= set(range(1000))
    again = dict(rdd.sampleByKey(False, fractions, 2).groupByKey().collect())
    assert {k: sorted(v) for k, v in again.items()} == {k: sorted(v) for k, v in sample.items()}
    with_repl = rdd.sampleByKey(True, {"a": 2.0, "b": 0.5, "c": 0.0, "d": 1.0}, 3).countByKey()
    assert 1700 < with_repl["a"] < 2300 and 400 < with_repl["b"] < 600 and "c" not in with_repl
    with pytest.raises(ValueError, match="Negative fraction"):
        rdd.sampleByKey(False, {"a": -0.1})
    with pytest.raises(Exception, match="no fraction for key"):
        rdd.sampleByKey(False, {"a": 0.5}, 1).collect()


def test_portable_hash_and_bounded_float_as_pyspark():
    from pyspark.core.rdd import BoundedFloat as PBF
    from pyspark.core.rdd import portable_hash as ph

    from dfengine.rdd import BoundedFloat, portable_hash

    # (strings hash by PYTHONHASHSEED in PySpark's driver; dfengine's hash is seed-free)
    for v in [None, (None, 1), 1, -5, (1, 2, None), 2.5, True, ((), (7,)), 2**70]:
        assert portable_hash(v) == ph(v), v
    b = BoundedFloat(100.0, 0.95, 95.0, 105.0)
    assert repr(b) == repr(PBF(100.0, 0.95, 95.0, 105.0)) == "100.0"
    assert (b.confidence, b.low, b.high) == (0.95, 95.0, 105.0)


def test_job_tag_cancels_a_running_dataframe_job_too(spark, sc):
    import pyarrow as pa

    from dfengine.errors import QueryCancelledException

    release, started = threading.Event(), threading.Event()

    def slow(batch: pa.RecordBatch) -> pa.RecordBatch:
        started.set()
        release.wait(20)
        return batch

    df = spark.range(0, 8, 1, 4).mapInArrow(lambda it: map(slow, it), "id long")
    errors: list = []

    def run() -> None:
        sc.addJobTag("df-tag")
        try:
            df.collect()
        except QueryCancelledException as e:
            errors.append(e)

    t = threading.Thread(target=run)
    t.start()
    try:
        assert started.wait(20)
        sc.cancelJobsWithTag("df-tag")
    finally:
        release.set()
        t.join(30)
    assert len(errors) == 1


def test_threads_inherit_tags_when_started_or_wrapped(sc, spark):
    from dfengine import InheritableThread, inheritable_thread_target

    seen: dict = {}
    sc.clearJobTags()
    sc.addJobTag("at-creation")
    spark.addTag("session-tag")
    t = InheritableThread(target=lambda: seen.update(started=(sc.getJobTags(),
                                                               spark.getTags())))
    wrapped = inheritable_thread_target(lambda: seen.update(wrapped=sc.getJobTags()))
    sc.addJobTag("before-start")
    t.start()
    t.join()
    w = threading.Thread(target=wrapped)
    w.start()
    w.join()
    sc.clearJobTags()
    spark.clearTags()
    # InheritableThread takes the tags when started, the decorator when it wraps
    assert seen["started"] == ({"at-creation", "before-start"}, {"session-tag"})
    assert seen["wrapped"] == {"at-creation"}
