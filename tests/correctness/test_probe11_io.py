"""Regressions of the session-11 probe's reader/writer differences (docs/probes/session11).

Each test runs the same program on dfengine and on PySpark (the `pyspark_session` fixture)
and compares what is read back; where a live PySpark run is not needed, the expected value is
PySpark 4.3's recorded answer (out_pyspark.json), written in the test and marked so.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from dfengine.errors import SparkRuntimeException


def _rows(df) -> list[tuple]:
    return sorted((tuple(r) for r in df.collect()), key=repr)


def _both(spark, pyspark_session, tmp_path, program) -> tuple:
    """`program(session, directory)` on both engines, each in its own directory."""
    ours = program(spark, str(tmp_path / "dfengine"))
    theirs = program(pyspark_session, str(tmp_path / "pyspark"))
    return ours, theirs


def _write(path: str, name: str, text: str, encoding: str = "utf-8") -> str:
    os.makedirs(path, exist_ok=True)
    p = os.path.join(path, name)
    with open(p, "w", encoding=encoding, newline="") as fh:
        fh.write(text)
    return p


# ----------------------------------------------------------- dynamic partition overwrite


def _dynamic_overwrite(by_option: bool):
    def program(s, d):
        df = s.createDataFrame([(1, "a", 1), (2, "b", 1), (3, "b", 2), (4, "c", 2)],
                               "v int, k string, j int")
        df.write.partitionBy("k", "j").parquet(d)
        new = s.createDataFrame([(10, "b", 1), (11, "d", 5)], "v int, k string, j int")
        w = new.write.mode("overwrite").partitionBy("k", "j")
        if by_option:
            w.option("partitionOverwriteMode", "dynamic").parquet(d)
        else:
            s.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
            try:
                w.parquet(d)
            finally:
                s.conf.unset("spark.sql.sources.partitionOverwriteMode")
        return _rows(s.read.parquet(d))
    return program


@pytest.mark.parametrize("by_option", [False, True], ids=["conf", "option"])
def test_dynamic_partition_overwrite_keeps_other_partitions(spark, tmp_path, by_option):
    ours = _dynamic_overwrite(by_option)(spark, str(tmp_path / "o"))
    # PySpark 4.3's answer: k=b/j=1 replaced, k=d/j=5 added, the other partitions kept
    assert ours == sorted([(1, "a", 1), (3, "b", 2), (4, "c", 2), (10, "b", 1), (11, "d", 5)],
                          key=repr)


def test_static_overwrite_still_replaces_everything(spark, tmp_path):
    d = str(tmp_path / "o")
    spark.createDataFrame([(1, "a"), (2, "b")], "v int, k string").write.partitionBy("k").parquet(d)
    spark.createDataFrame([(3, "a")], "v int, k string").write.mode("overwrite") \
        .partitionBy("k").parquet(d)
    assert _rows(spark.read.parquet(d)) == [(3, "a")]


# ----------------------------------------------------------------------- ORC structs


def test_orc_struct_nulls_round_trip(spark, pyspark_session, tmp_path):
    def program(s, d):
        df = s.createDataFrame(
            [(1, (1, "x"), [(1, None)]), (2, None, None), (3, (None, None), [None]),
             (4, (4, "y"), [])],
            "id int, st struct<x:int,y:string>, l array<struct<a:int,b:string>>")
        df.repartition(1).write.orc(d)
        back = s.read.orc(d)
        return _rows(back), back.filter("st is null").count()
    ours, theirs = _both(spark, pyspark_session, tmp_path, program)
    assert ours == theirs


# ------------------------------------------------------------------------- JSON read


def test_json_line_sep(spark, pyspark_session, tmp_path):
    def program(s, d):
        p = _write(d, "a.json", '{"a": 1}|{"a": 2, "b": "x"}|{"a": 3}')
        df = s.read.json(p, lineSep="|")
        return _rows(df), df.dtypes
    ours, theirs = _both(spark, pyspark_session, tmp_path, program)
    assert ours == theirs


def test_json_inference_merges_across_files(spark, pyspark_session, tmp_path):
    def program(s, d):
        _write(d, "a.json", '{"a": [1, 2], "n": {"z": 1, "b": {"y": "q", "c": 2}}}\n')
        _write(d, "b.json", '{"a": [], "n": null, "e": {}}\n{"a": null, "e": {}}\n')
        _write(d, "c.json", '{"a": [null], "n": {"b": {"d": [1.5]}}}\n')
        df = s.read.json(d)
        return df.schema.simpleString(), _rows(df)
    ours, theirs = _both(spark, pyspark_session, tmp_path, program)
    assert ours == theirs


def test_json_dropmalformed_has_no_corrupt_column(spark, pyspark_session, tmp_path):
    def program(s, d):
        p = _write(d, "a.json", '{"a": 1}\n{bad json\n{"a": 3}\n')
        df = s.read.json(p, mode="DROPMALFORMED")
        return df.columns, _rows(df)
    ours, theirs = _both(spark, pyspark_session, tmp_path, program)
    assert ours == theirs


def test_json_binary_and_map_schema(spark, pyspark_session, tmp_path):
    def program(s, d):
        p = _write(d, "a.json", '{"b": "AP8=", "m": {"x": 1, "y": 2}}\n{"b": "", "m": {}}\n'
                                '{"b": null, "m": null}\n')
        q = _write(d, "m.json", '[{"b": "AP8=", "m": {"k": 1}}, {"b": null}]')
        out = []
        for df in (s.read.json(p, schema="b binary, m map<string,int>"),
                   s.read.json(q, schema="b binary, m map<string,int>", multiLine=True)):
            out.append([(None if b is None else bytes(b), m) for b, m in
                        sorted(((r.b, r.m) for r in df.collect()), key=repr)])
        return out
    ours, theirs = _both(spark, pyspark_session, tmp_path, program)
    assert ours == theirs


def test_json_binary_round_trip(spark, tmp_path):
    d = str(tmp_path / "o")
    spark.createDataFrame([(bytearray(b"\x00\xff"),), (bytearray(b""),), (None,)],
                          "b binary").write.json(d)
    back = spark.read.schema("b binary").json(d)
    assert sorted((r.b for r in back.collect()), key=repr) == sorted(
        [bytearray(b"\x00\xff"), bytearray(b""), None], key=repr)


# -------------------------------------------------------------------------- CSV read


def test_csv_boolean_only_true_false(spark, tmp_path):
    p = _write(str(tmp_path), "a.csv", "a\ntrue\nFALSE\nyes\n1\nTrue\nt\n")
    # PySpark 4.3's answer: only true/false (any case) are booleans
    assert [r.a for r in spark.read.csv(p, header=True, schema="a boolean").collect()] == [
        True, False, None, None, True, None]


def test_csv_enforce_schema_false_checks_header(spark, tmp_path):
    p = _write(str(tmp_path), "a.csv", "b,a\n1,x\n2,y\n")
    # PySpark 4.3: [FAILED_READ_FILE.NO_HINT] ... CSV header does not conform to the schema
    with pytest.raises(SparkRuntimeException, match="FAILED_READ_FILE") as e:
        spark.read.csv(p, header=True, schema="a string, b int", enforceSchema=False).collect()
    assert "Expected: a but found: b" in str(e.value)
    ok = spark.read.csv(p, header=True, schema="B int, A string", enforceSchema=False)
    assert _rows(ok) == [(1, "x"), (2, "y")]


# ------------------------------------------------------------------------ parquet


def test_parquet_timestamp_kinds_and_metadata(spark, pyspark_session, tmp_path):
    def program(s, d):
        q = ("SELECT TIMESTAMP_NTZ'2024-01-02 03:04:05' n, TIMESTAMP'2024-01-02 03:04:05' t, "
             "named_struct('x', TIMESTAMP_NTZ'2024-01-02 03:04:05') st")
        s.sql(q).write.parquet(d)
        df = s.read.parquet(d)
        return df.dtypes, _rows(df)
    ours, theirs = _both(spark, pyspark_session, tmp_path, program)
    assert ours == theirs


def test_parquet_column_metadata_kept(spark, tmp_path):
    from dfengine.sql import functions as F

    d = str(tmp_path / "o")
    spark.range(2).withColumn("x", F.col("id").alias("x", metadata={"comment": "hi"})) \
        .write.parquet(d)
    # PySpark 4.3's answer: {'comment': 'hi'} survives the round trip
    assert spark.read.parquet(d).schema["x"].metadata == {"comment": "hi"}


def test_partition_timestamp_and_inference_off(spark, pyspark_session, tmp_path, conf):
    def program(s, d):
        s.createDataFrame([(1, dt.datetime(2024, 1, 1, 10, 30), "1", "2024-01-01"),
                           (2, dt.datetime(2024, 1, 2, 0, 0, 0, 500000), "2",
                            "2024-02-01 00:00:00")],
                          "v int, t timestamp, k string, m string") \
            .write.partitionBy("t", "k", "m").parquet(d)
        typed = s.read.parquet(d)  # m: a date beside a timestamp is a timestamp
        s.conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        try:
            plain = s.read.parquet(d).dtypes
        finally:
            s.conf.unset("spark.sql.sources.partitionColumnTypeInference.enabled")
        return typed.dtypes, _rows(typed), plain
    ours, theirs = _both(spark, pyspark_session, tmp_path, program)
    assert ours == theirs


# ---------------------------------------------------------------------- file writers


def _data_files(d: str) -> list[str]:
    return sorted(f for f in os.listdir(d) if f.startswith("part-"))


def _file_bytes(d: str) -> bytes:
    import gzip

    out = b""
    for f in _data_files(d):
        opener = gzip.open if f.endswith(".gz") else open
        with opener(os.path.join(d, f), "rb") as fh:
            out += fh.read()
    return out


_CSV_OPTIONS = [
    {},
    {"quoteAll": True, "header": True},
    {"quote": "'", "sep": ";"},
    {"escapeQuotes": False},
    {"escape": '"'},
    {"lineSep": "|", "nullValue": "NA"},
    {"ignoreLeadingWhiteSpace": False, "ignoreTrailingWhiteSpace": False},
    {"encoding": "ISO-8859-1", "emptyValue": "EMPTY"},
    {"dateFormat": "dd/MM/yyyy", "timestampFormat": "yyyy-MM-dd HH:mm"},
]


def test_csv_writer_options(spark, pyspark_session, tmp_path):
    rows = [(1, "a,b", " pad ", dt.date(2024, 3, 5), dt.datetime(2024, 3, 5, 7, 8, 9)),
            (2, 'say "hi"', "", None, None), (3, "line\nbreak", None, dt.date(1999, 1, 1),
                                               dt.datetime(1999, 1, 1)), (4, "café", "x'y", None, None)]

    def program(s, d):
        df = s.createDataFrame(rows, "id int, s string, t string, d date, ts timestamp")
        out = []
        for i, opts in enumerate(_CSV_OPTIONS):
            p = os.path.join(d, str(i))
            df.coalesce(1).write.options(**opts).csv(p)
            out.append(_file_bytes(p))
        return out
    ours, theirs = _both(spark, pyspark_session, tmp_path, program)
    for opts, a, b in zip(_CSV_OPTIONS, ours, theirs):
        assert a == b, opts


def test_csv_round_trip_keeps_empty_strings_and_quotes(spark, tmp_path):
    d = str(tmp_path / "o")
    df = spark.createDataFrame([(1, ""), (2, None), (3, 'q"uote'), (4, "back\\slash")],
                               "id int, s string")
    df.coalesce(1).write.csv(d)
    with open(os.path.join(d, _data_files(d)[0])) as fh:
        assert fh.read() == '1,""\n2,\n3,"q\\"uote"\n4,back\\slash\n'  # as PySpark 4.3 writes
    # PySpark 4.3 reads its own file so: "" and the empty field both NULL (nullValue "")
    assert _rows(spark.read.csv(d, schema="id int, s string")) == [
        (1, None), (2, None), (3, 'q"uote'), (4, "back\\slash")]


def test_compression_and_max_records(spark, pyspark_session, tmp_path):
    def program(s, d):
        df = s.range(7).selectExpr("id", "cast(id as string) s", "current_date() - 1 d")
        out = []
        for fmt, codec in [("csv", "gzip"), ("json", "bzip2"), ("csv", "deflate"),
                           ("json", "none")]:
            p = os.path.join(d, fmt + codec)
            df.coalesce(1).write.option("maxRecordsPerFile", 3).option("compression", codec) \
                .format(fmt).save(p)
            exts = sorted({f.split(".c0")[-1].split(".", 1)[-1] for f in _data_files(p)})
            back = s.read.format(fmt).load(p)
            out.append((len(_data_files(p)), exts, back.count()))
        s.createDataFrame([("a",)], "v string").write.text(os.path.join(d, "t"),
                                                          compression="gzip")
        out.append(_file_bytes(os.path.join(d, "t")))
        return out
    ours, theirs = _both(spark, pyspark_session, tmp_path, program)
    assert ours == theirs


def test_unknown_codec_refused(spark, tmp_path):
    from dfengine.errors import IllegalArgumentException

    # PySpark 4.3: IllegalArgumentException [CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION]
    with pytest.raises(IllegalArgumentException, match="CODEC_NOT_AVAILABLE"):
        spark.range(1).write.csv(str(tmp_path / "o"), compression="zzz")


def test_json_writer_formats(spark, pyspark_session, tmp_path):
    def program(s, d):
        df = s.createDataFrame(
            [(dt.date(2024, 3, 5), dt.datetime(2024, 3, 5, 7, 8, 9), b"\x00\xff",
              (dt.date(2024, 1, 2), [dt.datetime(2024, 1, 1, 1, 2, 3)]))],
            "d date, t timestamp, b binary, st struct<x:date, y:array<timestamp>>")
        df.coalesce(1).write.json(d, dateFormat="MM/dd/yyyy", timestampFormat="yyyy/MM/dd HH:mm")
        return _file_bytes(d)
    ours, theirs = _both(spark, pyspark_session, tmp_path, program)
    assert ours == theirs


# ---------------------------------------------------------------------- reader options

_READS = [  # (file name, text, read) run on both engines
    ("q.csv", 'a,b\n1,"x,y"\n2,"say ""hi"" now"\n3,"a\\"b"\n4,"p"q,r\n',
     lambda r, p: r.csv(p, header=True)),
    ("q2.csv", 'a,b\n2,"say ""hi"""\n', lambda r, p: r.csv(p, header=True, escape='"')),
    ("d.csv", "d,t\n2024-01-05,2024-01-05 10:00:00\n",
     lambda r, p: r.option("preferDate", "false").csv(p, header=True, inferSchema=True)),
    ("l.csv", 'a;b\n"1.234,5";"2,25"\n', lambda r, p: r.csv(
        p, header=True, sep=";", schema="a decimal(10,2), b decimal(5,2)", locale="de-DE")),
    ("u.csv", "name,n\nabc,1\nxyz,2\n",
     lambda r, p: r.csv(p, header=True, encoding="UTF-16", multiLine=True)),
    ("a.json", '{a: 1, b_2: "x:y"}\n{"a": 2}\n',
     lambda r, p: r.json(p, allowUnquotedFieldNames=True)),
    ("z.json", '{"a": 007, "b": -00.5, "c": "007"}\n{"a": 8}\n',
     lambda r, p: r.option("allowNumericLeadingZeros", "true").json(p)),
    ("dec.json", '{"a": 1.25, "b": [0.5, 12]}\n{"a": 10.5, "b": [3]}\n{"a": 7}\n',
     lambda r, p: r.json(p, prefersDecimal=True)),
    ("ts.json", '{"t": "2024-01-05T10:30:00", "s": "x", "u": "2024-01-05 10:30:00.123"}\n',
     lambda r, p: r.option("inferTimestamp", "true").json(p)),
]


def test_reader_options(spark, pyspark_session, tmp_path):
    def program(s, d):
        out = []
        for name, text, read in _READS:
            p = _write(d, name, text, "utf-16" if name == "u.csv" else "utf-8")
            df = read(s.read, p)
            out.append((name, df.dtypes, _rows(df)))
        return out
    ours, theirs = _both(spark, pyspark_session, tmp_path, program)
    for a, b in zip(ours, theirs):
        assert a == b


def test_csv_max_columns(spark, tmp_path):
    p = _write(str(tmp_path), "a.csv", "a,b,c\n1,2,3\n")
    # PySpark 4.3: SparkRuntimeException [MALFORMED_CSV_RECORD] Malformed CSV record: a,b,c
    with pytest.raises(SparkRuntimeException, match="MALFORMED_CSV_RECORD"):
        spark.read.csv(p, header=True, maxColumns=2).collect()
    assert spark.read.csv(p, header=True, maxColumns=3).count() == 1
