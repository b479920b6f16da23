"""CSV and JSON schema inference against PySpark: types merge over every file and every row (a
ragged or malformed row included), so no value or key is lost to a type inferred from the first file(s) alone."""

from __future__ import annotations

import pytest

FILES = {
    "widen": {"p1.csv": "a,b\n1,x\n2,y\n", "p2.csv": "a,b\n1.5,z\n"},
    "int_to_long": {"p1.csv": "a\n1\n", "p2.csv": "a\n9000000000\n"},
    "ragged": {"p.csv": "a,b,c\n1,2,0.5\n2,x\n3,oops,1.5\n4,5,2.5\n"},
    "ragged_decides": {"p.csv": "a,b\n1,2\n2,3,4\n3,true\n"},
    "null_then_int": {"p1.csv": "a,b\n,x\n", "p2.csv": "a,b\n7,y\n"},
    "int_and_bool": {"p1.csv": "a\n1\n", "p2.csv": "a\ntrue\n"},
    "dates": {"p1.csv": "d\n2024-01-02\n", "p2.csv": "d\n2024-01-03\n"},
}


@pytest.mark.parametrize("case", sorted(FILES))
def test_inferred_schema_and_rows_match_pyspark(spark, pyspark_session, tmp_path, case):
    root = tmp_path / case
    root.mkdir()
    for name, text in FILES[case].items():
        (root / name).write_text(text)
    ours = spark.read.csv(str(root), header=True, inferSchema=True)
    theirs = pyspark_session.read.csv(str(root), header=True, inferSchema=True)
    assert ours.schema.simpleString() == theirs.schema.simpleString()
    key = repr
    assert sorted(map(tuple, ours.collect()), key=key) == sorted(
        map(tuple, theirs.collect()), key=key)


def test_json_inference_reads_every_file(spark, pyspark_session, tmp_path):
    """A key and a wider type found only in the tenth file are kept (the first 8 were read)."""
    for i in range(10):
        (tmp_path / f"f{i}.json").write_text('{"a": %d}\n' % i)
    (tmp_path / "f9.json").write_text('{"a": 2.5, "c": "new"}\n{"a": 1, "b": [1, \n')
    ours = spark.read.json(str(tmp_path))
    theirs = pyspark_session.read.json(str(tmp_path))
    assert ours.schema.simpleString() == theirs.schema.simpleString()
    assert sorted(map(tuple, ours.collect()), key=repr) == sorted(
        map(tuple, theirs.collect()), key=repr)


SCHEMA_DDL = ("a array<map<string, decimal(5,2)>>, t timestamp_ntz, s struct<x: int, y: binary>, "
              "l bigint, b tinyint, h smallint, f float, d date, ts timestamp, n string")


def test_schema_json_round_trips_as_pysparks(spark, pyspark_session):
    """df.schema.json() is Spark's text key for key, and StructType.fromJson reads PySpark's."""
    import json

    from pyspark.sql.types import StructType as PStructType

    from dfengine.sql.types import DataType, StructType

    ours = spark.createDataFrame([], SCHEMA_DDL).schema
    theirs = pyspark_session.createDataFrame([], SCHEMA_DDL).schema
    assert ours.json() == theirs.json()
    assert StructType.fromJson(json.loads(theirs.json())) == ours
    assert repr(ours) == repr(theirs)  # DecimalType(5,2), no space, as PySpark prints it
    assert repr(ours.toNullable()) == repr(PStructType.fromJson(json.loads(
        theirs.json())).toNullable())
    assert repr(DataType.fromDDL("b: string, a: decimal(10,10)")) == repr(
        PStructType.fromDDL("b: string, a: decimal(10,10)"))


def test_conf_reads_of_common_keys_and_unknown_ones(spark, pyspark_session):
    """Spark 4's defaults for keys programs read back; an unknown key is PySpark's error."""
    keys = ["spark.sql.execution.pythonUDF.arrow.enabled", "spark.sql.files.maxPartitionBytes",
            "spark.sql.parquet.compression.codec", "spark.sql.storeAssignmentPolicy",
            "spark.sql.ansi.enabled"]
    assert [spark.conf.get(k) for k in keys] == [pyspark_session.conf.get(k) for k in keys]
    for session in (spark, pyspark_session):
        with pytest.raises(Exception) as info:
            session.conf.get("no.such.key.anywhere")
        assert type(info.value).__name__ == "SparkNoSuchElementException"
        assert info.value.getCondition() == "SQL_CONF_NOT_FOUND"


def test_text_source_names_its_column_after_the_schema(spark, pyspark_session, tmp_path):
    (tmp_path / "t.txt").write_text("a\nb\n")
    ours = spark.read.schema("alphabets string").text(str(tmp_path / "t.txt"))
    theirs = pyspark_session.read.schema("alphabets string").text(str(tmp_path / "t.txt"))
    assert ours.collect() == theirs.collect()
