"""More wrong answers from PySpark's own docstring examples (benchmarks/pyspark_doctests.py,
module functions), each compared with PySpark itself on tiny data."""

from __future__ import annotations

import pytest

from tests.surface.pyspark_compare import both as _both
from tests.surface.pyspark_compare import fns as _fns
from tests.surface.pyspark_compare import same as _same

pytestmark = pytest.mark.pyspark


def test_array_contains_reads_the_item_per_row_and_answers_null_for_a_null_element(
        spark, pyspark_session):
    F, PF = _fns()
    rows = [(["a", "b"], "a"), (["c", None], "c"), (["c", None], "x"), (None, "a"),
            (["a"], None)]
    d, p = _both(spark, pyspark_session, rows, "data array<string>, item string")
    _same(d.select(F.array_contains("data", F.col("item")), F.array_contains(d.data, "b")),
          p.select(PF.array_contains("data", PF.col("item")), PF.array_contains(p.data, "b")))


def test_concat_of_binaries_is_binary_and_mixed_is_string(spark, pyspark_session):
    F, PF = _fns()
    rows = [(bytearray(b"abc"), bytearray(b"def"), "x"), (None, bytearray(b"1"), "y")]
    d, p = _both(spark, pyspark_session, rows, "a binary, b binary, s string")
    _same(d.select(F.concat(d.a, d.b), F.concat("a", "s")),
          p.select(PF.concat(p.a, p.b), PF.concat("a", "s")))


def test_months_between_without_round_off(spark, pyspark_session):
    F, PF = _fns()
    rows = [("1997-02-28 10:30:00", "1996-10-30"), ("2020-01-31 00:00:00", "2020-02-29")]
    d, p = _both(spark, pyspark_session, rows, "t string, d string")
    d = d.select(F.col("t").cast("timestamp").alias("t"), F.col("d").cast("date").alias("d"))
    p = p.select(PF.col("t").cast("timestamp").alias("t"), PF.col("d").cast("date").alias("d"))
    _same(d.select(F.months_between("t", "d", False), F.months_between("t", "d")),
          p.select(PF.months_between("t", "d", False), PF.months_between("t", "d")))


def test_json_and_csv_options_are_honoured_and_left_out_of_the_name(spark, pyspark_session):
    F, PF = _fns()
    rows = [("{a:123}", "   abc,  1"), ('{"a":456}', "x ,2")]
    d, p = _both(spark, pyspark_session, rows, "j string, c string")
    bare = {"allowUnquotedFieldNames": "true"}
    ws = {"ignoreLeadingWhiteSpace": "true"}
    _same(d.select(F.from_json("j", "a int", bare), F.from_json("j", "a int"),
                   F.from_csv("c", "s string, n int", ws),
                   F.schema_of_json(F.lit("{b: 1}"), bare),
                   F.schema_of_csv(F.lit("1|a"), {"sep": "|"})),
          p.select(PF.from_json("j", "a int", bare), PF.from_json("j", "a int"),
                   PF.from_csv("c", "s string, n int", ws),
                   PF.schema_of_json(PF.lit("{b: 1}"), bare),
                   PF.schema_of_csv(PF.lit("1|a"), {"sep": "|"})))


def test_get_json_object_wildcard_match_stays_json(spark, pyspark_session):
    F, PF = _fns()
    rows = [('[{"f1":"v1"},{"f1":"v2"}]',), ('[{"f1":"v12","f2":3}]',), ('["s"]',)]
    d, p = _both(spark, pyspark_session, rows, "j string")
    paths = ["$[*].f1", "$[*].f2", "$[*]", "$[0].f1", "$[0]"]
    _same(d.select(*[F.get_json_object("j", x).alias(x) for x in paths]),
          p.select(*[PF.get_json_object("j", x).alias(x) for x in paths]))


def test_kurtosis_and_skewness_round_as_spark(spark, pyspark_session):
    """Spark's online moments depend on its partitioning in the last bits; dfengine sums in
    extended precision, which gives the correctly rounded value (the docstring's -1.5)."""
    F, PF = _fns()
    rows = [(1, 1.0), (1, 1.0), (1, 2.0), (2, 1.0), (2, 2.0), (2, 3.0), (2, 4.0), (2, 10.0)]
    d, p = _both(spark, pyspark_session, rows, "g int, c double")
    got = d.groupBy("g").agg(F.kurtosis("c"), F.skewness("c")).orderBy("g").collect()
    want = p.groupBy("g").agg(PF.kurtosis("c"), PF.skewness("c")).orderBy("g").collect()
    for g, w in zip(got, want, strict=True):
        assert tuple(g) == pytest.approx(tuple(w), rel=1e-14)
    d, p = _both(spark, pyspark_session, [[1], [1], [2]], ["c"])
    _same(d.select(F.kurtosis(d.c)), p.select(PF.kurtosis(p.c)))


@pytest.mark.parametrize("n, bins", [(100, 5), (37, 4)])
def test_histogram_numeric_breaks_ties_like_spark(spark, pyspark_session, n, bins):
    F, PF = _fns()
    d = spark.range(n, numPartitions=1).select(F.histogram_numeric("id", F.lit(bins)))
    p = pyspark_session.range(n, numPartitions=1).select(
        PF.histogram_numeric("id", PF.lit(bins)))
    _same(d, p)


@pytest.mark.parametrize("fmt", ["$99.99", "S99,999.9", "999MI", "999PR", "099.9", "999"])
def test_try_to_number_and_to_number_read_spark_number_formats(spark, pyspark_session, fmt):
    F, PF = _fns()
    rows = [("$78.12",), ("-12,454.8",), ("454-",), ("<454>",), ("12.5",), ("077",),
            ("1234",), ("abc",), (None,)]
    d, p = _both(spark, pyspark_session, rows, "e string")
    _same(d.select(F.try_to_number("e", F.lit(fmt))), p.select(PF.try_to_number("e", PF.lit(fmt))))
    fine = [r.e for r in p.where(PF.try_to_number("e", PF.lit(fmt)).isNotNull()).collect()]
    if fine:  # to_number gives the same values where the input fits
        dd, pp = _both(spark, pyspark_session, [(x,) for x in fine], "e string")
        _same(dd.select(F.to_number("e", F.lit(fmt))), pp.select(PF.to_number("e", PF.lit(fmt))))
