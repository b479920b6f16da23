"""Python data sources (`spark.dataSource.register`, `pyspark.sql.datasource`): the same
source classes, built once over each engine's datasource module, read and written through
dfengine and through PySpark."""

from __future__ import annotations

import json
import os
import uuid

import pytest

from .conftest import assert_same_df


def _reader(ds):
    class RangePartition(ds.InputPartition):
        def __init__(self, start, end):
            self.start, self.end = start, end

    class CountReader(ds.DataSourceReader):
        def __init__(self, options):
            self.n = int(options.get("numRows", 6))
            self.prefix = options.get("prefix", "r")

        def partitions(self):
            step = (self.n + 2) // 3
            return [RangePartition(i, min(i + step, self.n)) for i in range(0, self.n, step)]

        def read(self, partition):
            for i in range(partition.start, partition.end):
                yield (i, f"{self.prefix}{i}", i * 0.5)

    class BadReader(ds.DataSourceReader):
        def read(self, partition):
            yield (1, "a", 0.5, "extra")

    return CountReader, BadReader


def _writer(ds):
    class Counted(ds.WriterCommitMessage):
        def __init__(self, rows, total):
            self.rows, self.total = rows, total

    class FileWriter(ds.DataSourceWriter):
        def __init__(self, path, overwrite):
            self.path, self.overwrite = path, overwrite

        def write(self, iterator):
            rows = [(r.id, r.name) for r in iterator]
            if any(name == "boom" for _, name in rows):
                raise ValueError("bad name")
            with open(os.path.join(self.path, f"part-{uuid.uuid4().hex}.json"), "w") as fh:
                json.dump(rows, fh)
            return Counted(len(rows), sum(i for i, _ in rows))

        def commit(self, messages):
            self._log("commit", messages)

        def abort(self, messages):
            self._log("abort", messages)

        def _log(self, what, messages):
            got = sorted([m.rows, m.total] if m is not None else [-1, -1] for m in messages)
            with open(os.path.join(self.path, "_log.json"), "w") as fh:
                json.dump({"what": what, "overwrite": self.overwrite, "messages": got}, fh)

    return FileWriter


OUT_DDL = "id int, name string, half double"


def _define(ds, tag: str):
    """The test sources over a datasource module (`dfengine.sql.datasource` or PySpark's):
    PySpark checks its own base classes, so the bodies are shared and the bases chosen."""
    CountReader, BadReader = _reader(ds)
    FileWriter = _writer(ds)

    class Counter(ds.DataSource):
        @classmethod
        def name(cls):
            return f"counter_{tag}"

        def schema(self):
            return "id int, name string, half double"

        def reader(self, schema):
            return CountReader(self.options)

        def writer(self, schema, overwrite):
            return FileWriter(self.options["path"], overwrite)

    class Bad(ds.DataSource):
        @classmethod
        def name(cls):
            return f"bad_{tag}"

        def schema(self):
            return "id int, name string, half double"

        def reader(self, schema):
            return BadReader()

    return Counter, Bad


@pytest.fixture(scope="module")
def sources(spark, pyspark_session):
    from pyspark.sql import datasource as pds

    from dfengine.sql import datasource as dds

    tag = uuid.uuid4().hex[:8]
    ours, theirs = _define(dds, tag), _define(pds, tag)
    for cls in ours:
        spark.dataSource.register(cls)
    for cls in theirs:
        pyspark_session.dataSource.register(cls)
    return ours, theirs


def _read(session, name, schema=None):
    r = session.read.format(name).option("numRows", 7).option("PREFIX", "x")
    return (r.schema(schema) if schema else r).load()


def test_read_partitions_options_and_schema(spark, pyspark_session, sources):
    (counter, _), _ = sources
    ours, theirs = _read(spark, counter.name()), _read(pyspark_session, counter.name())
    assert ours.rdd.getNumPartitions() == theirs.rdd.getNumPartitions() == 3
    assert_same_df(ours, theirs)
    assert ours.collect()[-1].name == "x6"
    # a user schema replaces the source's (same width, other names/types)
    ddl = "k long, label string, h double"
    assert_same_df(_read(spark, counter.name(), ddl), _read(pyspark_session, counter.name(), ddl))


def _written(path):
    with open(os.path.join(path, "_log.json")) as fh:
        log = json.load(fh)
    rows = []
    for f in sorted(os.listdir(path)):
        if f.startswith("part-"):
            with open(os.path.join(path, f)) as fh:
                rows += [tuple(r) for r in json.load(fh)]
    return log, sorted(rows)


def _write(session, name, path, mode, data):
    df = session.createDataFrame(data, "id int, name string").repartition(2)
    df.write.format(name).option("path", path).mode(mode).save()


def test_write_commits_messages(spark, pyspark_session, sources, tmp_path):
    (counter, _), _ = sources
    data = [(i, f"n{i}") for i in range(5)]
    got = {}
    for label, session in (("ours", spark), ("theirs", pyspark_session)):
        path = tmp_path / label
        path.mkdir()
        _write(session, counter.name(), str(path), "overwrite", data)
        log, rows = _written(str(path))
        # which rows land in which partition differs (round-robin seeds): compare the totals
        got[label] = (log["what"], log["overwrite"], len(log["messages"]), rows,
                      sum(m[0] for m in log["messages"]), sum(m[1] for m in log["messages"]))
    assert got["ours"] == got["theirs"] == ("commit", True, 2, data, 5, 10)


def test_failed_write_aborts_and_errors(spark, pyspark_session, sources, tmp_path):
    (counter, _), _ = sources
    data = [(1, "ok"), (2, "boom")]
    logs = {}
    for label, session in (("ours", spark), ("theirs", pyspark_session)):
        path = tmp_path / label
        path.mkdir()
        with pytest.raises(Exception, match="bad name"):
            _write(session, counter.name(), str(path), "append", data)
        logs[label] = _written(str(path))[0]
    assert logs["ours"]["what"] == logs["theirs"]["what"] == "abort"
    assert logs["ours"]["overwrite"] is logs["theirs"]["overwrite"] is False


def test_errors(spark, pyspark_session, sources, tmp_path):
    from pyspark.errors import AnalysisException as PAnalysisException

    from dfengine.errors import AnalysisException, PySparkRuntimeError

    (counter, bad), _ = sources
    with pytest.raises(Exception, match="DATA_SOURCE_RETURN_SCHEMA_MISMATCH") as theirs:
        _read(pyspark_session, bad.name()).collect()
    with pytest.raises(PySparkRuntimeError, match="DATA_SOURCE_RETURN_SCHEMA_MISMATCH") as ours:
        _read(spark, bad.name()).collect()
    assert "Expected: 3 columns, Found: 4 columns" in str(theirs.value)
    assert "Expected: 3 columns, Found: 4 columns" in str(ours.value)
    assert bad.name() in str(ours.value)  # names the source
    # Arrow batches of the wrong width too
    import pyarrow as pa

    from dfengine.sql.datasource import read_partition

    class Batches:
        def read(self, partition):
            yield pa.RecordBatch.from_pydict({"id": [1]})

    with pytest.raises(PySparkRuntimeError, match="Expected: 3 columns, Found: 1 columns"):
        read_partition(Batches(), spark.createDataFrame([], OUT_DDL).schema, "b", None)
    good = pa.RecordBatch.from_pydict({"half": [0.5], "name": ["a"], "id": pa.array([1], pa.int32())})

    class Good:
        def read(self, partition):
            yield good

    got = read_partition(Good(), spark.createDataFrame([], OUT_DDL).schema, "g", None)
    assert got.to_pylist() == [{"id": 1, "name": "a", "half": 0.5}]
    with pytest.raises(AnalysisException, match="UNSUPPORTED_DATA_SOURCE"):
        spark.read.format("no_such_source").load()  # unregistered: the unknown-format error
    # save modes other than append/overwrite
    df_ours = spark.createDataFrame([(1, "a")], "id int, name string")
    df_theirs = pyspark_session.createDataFrame([(1, "a")], "id int, name string")
    with pytest.raises(PAnalysisException, match="UNSUPPORTED_DATA_SOURCE_SAVE_MODE"):
        df_theirs.write.format(counter.name()).option("path", str(tmp_path)).save()
    with pytest.raises(AnalysisException, match="UNSUPPORTED_DATA_SOURCE_SAVE_MODE"):
        df_ours.write.format(counter.name()).option("path", str(tmp_path)).save()
