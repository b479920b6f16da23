"""Which files a read takes, against PySpark: Spark's listing (every non-hidden file whatever
its extension, a root's own files unless k=v partitions, recursiveFileLookup) and the generic
file source options (ignoreCorruptFiles, modifiedBefore/After), and show() of control
characters. Spark's own examples/sql/datasource.py read these layouts."""

from __future__ import annotations

import gzip
import os

import pytest

from dfengine.errors import AnalysisException, SparkRuntimeException


def _rows(df) -> list[tuple]:
    return sorted(tuple(r) for r in df.collect())


@pytest.fixture
def csv_dir(tmp_path):
    """Gzipped and oddly named CSV files at the root, one more in a plain subdirectory."""
    root = tmp_path / "csvs"
    (root / "nested").mkdir(parents=True)
    with gzip.open(root / "part1.csv.gz", "wt") as fh:
        fh.write("a,b\n1,2\n3,4\n")
    (root / "data.log").write_text("a,b\n5,6\n")
    (root / "_SUCCESS").write_text("")
    (root / ".hidden.csv").write_text("a,b\n7,8\n")
    (root / "nested" / "more.csv").write_text("a,b\n9,10\n")
    return str(root)


def test_every_visible_file_of_a_root_is_read_whatever_its_name(spark, pyspark_session,
                                                                 csv_dir):
    got = _rows(spark.read.csv(csv_dir, header=True))
    assert got == _rows(pyspark_session.read.csv(csv_dir, header=True))
    assert got == [("1", "2"), ("3", "4"), ("5", "6")]


def test_recursive_file_lookup_reads_every_level(spark, pyspark_session, csv_dir):
    def read(s):
        return s.read.option("recursiveFileLookup", "true").csv(csv_dir, header=True)

    assert _rows(read(spark)) == _rows(read(pyspark_session))


@pytest.fixture
def parquet_dir(tmp_path, spark):
    """Spark's examples/src/main/resources/dir1: a parquet file, a JSON file (corrupt to a
    parquet reader) and a subdirectory with a second parquet file."""
    root = tmp_path / "dir1"
    spark.createDataFrame([("file1.parquet",)], "file string").write.parquet(
        str(tmp_path / "w1"))
    spark.createDataFrame([("file2.parquet",)], "file string").write.parquet(
        str(tmp_path / "w2"))
    (root / "dir2").mkdir(parents=True)
    os.rename(_only_part(tmp_path / "w1"), root / "file1.parquet")
    os.rename(_only_part(tmp_path / "w2"), root / "dir2" / "file2.parquet")
    (root / "file3.json").write_text('{"file":"corrupt.json"}\n')
    return root


def _only_part(path):
    (part,) = [p for p in path.iterdir() if p.name.endswith(".parquet")]
    return part


def test_corrupt_files_are_skipped_only_when_asked(spark, pyspark_session, parquet_dir):
    paths = [str(parquet_dir), str(parquet_dir / "dir2")]

    def read(s):
        return s.read.option("ignoreCorruptFiles", "true").parquet(*paths)

    assert _rows(read(spark)) == _rows(read(pyspark_session)) == [
        ("file1.parquet",), ("file2.parquet",)]
    with pytest.raises(SparkRuntimeException, match="CANNOT_READ_FILE_FOOTER.*file3.json"):
        spark.read.parquet(*paths).collect()
    spark.conf.set("spark.sql.files.ignoreCorruptFiles", "true")
    try:
        assert _rows(spark.read.parquet(*paths)) == [("file1.parquet",), ("file2.parquet",)]
    finally:
        spark.conf.unset("spark.sql.files.ignoreCorruptFiles")


def test_modified_before_and_after_filter_by_file_time(spark, pyspark_session, csv_dir):
    os.utime(os.path.join(csv_dir, "data.log"), (1.6e9, 1.6e9))  # 2020-09-13
    for opt, value in [("modifiedBefore", "2021-01-01T00:00:00"),
                       ("modifiedAfter", "2021-01-01T00:00:00"),
                       ("modifiedBefore", "2000-01-01T00:00:00")]:
        def read(s, opt=opt, value=value):
            return s.read.option(opt, value).schema("a string, b string").csv(csv_dir)

        assert _rows(read(spark)) == _rows(read(pyspark_session)), (opt, value)


def test_partitions_beside_plain_files_are_refused_with_the_fix(spark, tmp_path):
    spark.createDataFrame([(1, 2)], "a int, k int").write.partitionBy("k").parquet(
        str(tmp_path / "t"))
    spark.createDataFrame([(3,)], "a int").write.parquet(str(tmp_path / "t" / "extra"))
    with pytest.raises(AnalysisException, match="recursiveFileLookup"):
        spark.read.parquet(str(tmp_path / "t"))


def test_show_escapes_control_characters_in_cells(spark, pyspark_session, capsys):
    rows = [("Michael, 29\nAndy, 30\nJustin, 19\n", "a\tb"), ("x\ry", "bell\u0007")]
    spark.createDataFrame(rows, "s string, t string").show()
    spark.createDataFrame(rows, "s string, t string").show(truncate=False)
    got = capsys.readouterr().out
    pyspark_session.createDataFrame(rows, "s string, t string").show()
    pyspark_session.createDataFrame(rows, "s string, t string").show(truncate=False)
    assert got == capsys.readouterr().out


@pytest.fixture
def with_empty_files(tmp_path):
    """A parquet and a CSV directory each holding one real file and one zero-length file (a
    crashed writer's leftover), an empty CSV file, and an empty directory."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "pq").mkdir()
    pq.write_table(pa.table({"a": [1, 2, 3]}), tmp_path / "pq" / "good.parquet")
    (tmp_path / "pq" / "empty.parquet").write_bytes(b"")
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "a.csv").write_text("a,b\n1,2\n")
    (tmp_path / "csv" / "empty.csv").write_text("")
    (tmp_path / "only").mkdir()
    (tmp_path / "only" / "empty.parquet").write_bytes(b"")
    (tmp_path / "none").mkdir()
    (tmp_path / "empty.csv").write_text("")
    return tmp_path


READS = {
    "parquet_dir": lambda s, d: _rows(s.read.parquet(str(d / "pq"))),
    "csv_dir": lambda s, d: _rows(s.read.csv(str(d / "csv"), header=True, inferSchema=True)),
    "empty_csv": lambda s, d: s.read.csv(str(d / "empty.csv"), header=True).schema.simpleString(),
    "only_empty_parquet": lambda s, d: _rows(s.read.parquet(str(d / "only"))),
    "schema_on_empty_dir": lambda s, d: _rows(s.read.schema("a long, b string").parquet(
        str(d / "none")).groupBy().agg({"a": "count", "b": "max"})),
}


@pytest.mark.parametrize("case", sorted(READS))
def test_zero_length_files_hold_no_rows(spark, pyspark_session, with_empty_files, case):
    """Spark skips zero-length files; a scan of no files still gives a global aggregate's row."""
    def outcome(session):
        try:
            return READS[case](session, with_empty_files)
        except Exception as e:  # noqa: BLE001 - the oracle's class is the expectation
            return type(e).__name__

    assert outcome(spark) == outcome(pyspark_session)
