"""Wrong answers and errors from PySpark's own docstring examples (benchmarks/pyspark_doctests.py,
module functions: count, reverse, array_append, instr, regexp_replace, map_*, explode, to_json,
lpad, listagg, ...), each compared with PySpark itself on tiny data, NULLs included."""

from __future__ import annotations

import pytest

from tests.surface.pyspark_compare import both as _both
from tests.surface.pyspark_compare import fns as _fns
from tests.surface.pyspark_compare import same as _same

pytestmark = pytest.mark.pyspark


def _same_sql(spark, pyspark_session, query):
    _same(spark.sql(query), pyspark_session.sql(query))


def _error_class(fn):
    with pytest.raises(Exception) as info:
        fn()
    return getattr(info.value, "getCondition", lambda: None)() or getattr(
        info.value, "error_class", None)


def test_count_of_a_star_counts_rows_as_count_1(spark, pyspark_session):
    F, PF = _fns()
    rows = [(1, None), (None, "a"), (3, "b"), (None, None)]
    d, p = _both(spark, pyspark_session, rows, "id int, s string")
    _same(d.select(F.count(F.expr("*")), F.count("*").alias("n"), F.count(F.col("*"))),
          p.select(PF.count(PF.expr("*")), PF.count("*").alias("n"), PF.count(PF.col("*"))))
    _same(d.select(F.count(d["*"])), p.select(PF.count(p["*"])))
    _same(d.groupBy("s").agg(F.count(F.expr("*"))).orderBy("s"),
          p.groupBy("s").agg(PF.count(PF.expr("*"))).orderBy("s"))
    d.createOrReplaceTempView("h1_count_t")
    p.createOrReplaceTempView("h1_count_t")
    for q in ("SELECT count(*) FROM h1_count_t", "SELECT count(*, id) FROM h1_count_t",
              "SELECT count(DISTINCT *) FROM h1_count_t"):
        _same_sql(spark, pyspark_session, q)


def test_count_of_a_table_star_is_refused_as_in_spark(spark, pyspark_session):
    d = spark.createDataFrame([(1, None)], "id int, s string")
    d.createOrReplaceTempView("h1_count_q")
    assert _error_class(lambda: spark.sql("SELECT count(h1_count_q.*) FROM h1_count_q")
                        .collect()) == "INVALID_USAGE_OF_STAR_WITH_TABLE_IDENTIFIER_IN_COUNT"


def test_reverse_of_binary_reverses_bytes(spark, pyspark_session):
    F, PF = _fns()
    rows = [(bytearray(b"\xca\xfe\x00"), "abc"), (None, None), (bytearray(b""), "")]
    d, p = _both(spark, pyspark_session, rows, "b binary, s string")
    _same(d.select(F.reverse("b"), F.hex(F.reverse(d.b)), F.reverse("s")),
          p.select(PF.reverse("b"), PF.hex(PF.reverse(p.b)), PF.reverse("s")))
    _same_sql(spark, pyspark_session, "SELECT reverse(X'CAFE'), reverse(CAST(NULL AS BINARY))")


def test_bytes_literals_are_binary(spark, pyspark_session):
    F, PF = _fns()
    rows = [("abcd",), ("xyz",), (None,), ("12",)]
    d, p = _both(spark, pyspark_session, rows, "s string")
    _same(d.select(F.lit(b"ab"), F.lit(bytearray(b"\x00\xff")), F.lpad(d.s, 6, F.lit(b"uv")),
                   F.rpad("s", 5, F.lit(b"uv"))),
          p.select(PF.lit(b"ab"), PF.lit(bytearray(b"\x00\xff")), PF.lpad(p.s, 6, PF.lit(b"uv")),
                   PF.rpad("s", 5, PF.lit(b"uv"))))


def test_listagg_and_string_agg_of_binaries_with_a_bytes_delimiter(spark, pyspark_session):
    F, PF = _fns()
    rows = [(bytearray(b"\x01"),), (bytearray(b"\x02"),), (None,), (bytearray(b"\x03"),),
            (bytearray(b"\x02"),)]
    d, p = _both(spark, pyspark_session, rows, "bytes binary")
    d, p = d.orderBy("bytes"), p.orderBy("bytes")
    _same(d.select(F.listagg_distinct("bytes", b"B"), F.string_agg_distinct("bytes", b"B")),
          p.select(PF.listagg_distinct("bytes", b"B"), PF.string_agg_distinct("bytes", b"B")))


def test_array_append_and_prepend_of_a_null_array_is_null(spark, pyspark_session):
    F, PF = _fns()
    rows = [([1, 2], 3), (None, 4), ([5], None), ([], 6)]
    d, p = _both(spark, pyspark_session, rows, "data array<int>, v int")
    _same(d.select(F.array_append(d.data, 4), F.array_prepend("data", F.col("v")),
                   F.array_append("data", F.col("v"))),
          p.select(PF.array_append(p.data, 4), PF.array_prepend("data", PF.col("v")),
                   PF.array_append("data", PF.col("v"))))


def test_a_column_named_col_is_an_attribute(spark, pyspark_session):
    F, PF = _fns()
    rows = [([10, 20, 30, 20], 20), ([1], None), (None, 1)]
    d, p = _both(spark, pyspark_session, rows, "data array<bigint>, col bigint")
    _same(d.select(F.array_position(d.data, d.col), F.array_remove(d.data, d.col)),
          p.select(PF.array_position(p.data, p.col), PF.array_remove(p.data, p.col)))


def test_instr_with_start_and_occurrence(spark, pyspark_session):
    F, PF = _fns()
    rows = [("aabcab", 2, 2, "a"), (None, 1, 1, "b"), ("xyz", None, 1, "y"),
            ("héllo wörld ö", -1, 2, "ö"), ("aaaa", 1, 2, "aa")]
    d, p = _both(spark, pyspark_session, rows, "s string, p int, o int, sub string")
    _same(d.select(F.instr("s", "a"), F.instr(d.s, F.col("sub")), F.instr("s", "a", 2),
                   F.instr("s", "b", 1, 2), F.instr("s", F.lit("a"), F.col("p"), F.col("o")),
                   F.instr("s", "a", occurrence=2), F.instr("s", "ö", -1, 1)),
          p.select(PF.instr("s", "a"), PF.instr(p.s, PF.col("sub")), PF.instr("s", "a", 2),
                   PF.instr("s", "b", 1, 2), PF.instr("s", PF.lit("a"), PF.col("p"),
                                                      PF.col("o")),
                   PF.instr("s", "a", occurrence=2), PF.instr("s", "ö", -1, 1)))
    _same_sql(spark, pyspark_session,
              "SELECT instr('aabcab','a',1,3), instr('aabcab','a',-2,2), instr('aabcab','a',-7,1),"
              " instr('aabcab','a',7,1), instr('aabcab','a',0,1), instr('abc','',0,1),"
              " instr('abab','ab',-1,1), instr('a','a',NULL,1)")


def test_instr_refuses_a_non_positive_occurrence(spark):
    assert _error_class(lambda: spark.sql("SELECT instr('abc', 'a', 1, 0)").collect()) == (
        "INVALID_PARAMETER_VALUE.OCCURRENCE")


def test_regexp_replace_from_a_position(spark, pyspark_session):
    F, PF = _fns()
    rows = [("100-200",), ("héllo 12",), (None,), ("",), ("1",)]
    d, p = _both(spark, pyspark_session, rows, "s string")
    _same(d.select(F.regexp_replace("s", r"(\d+)", "--", 5).alias("a"),
                   F.regexp_replace("s", r"^\d", "x", 2).alias("b"),
                   F.regexp_replace("s", "l", "L", 4), F.regexp_replace("s", "x*", "y")),
          p.select(PF.regexp_replace("s", r"(\d+)", "--", 5).alias("a"),
                   PF.regexp_replace("s", r"^\d", "x", 2).alias("b"),
                   PF.regexp_replace("s", "l", "L", 4), PF.regexp_replace("s", "x*", "y")))
    _same_sql(spark, pyspark_session, "SELECT regexp_replace('abc', 'b', 'x', NULL)")


def test_regexp_replace_position_must_be_a_positive_constant(spark):
    F, _ = _fns()
    d = spark.createDataFrame([("abc", 2)], "s string, p int")
    assert _error_class(lambda: d.select(F.regexp_replace("s", "a", "Z", F.col("p")))
                        .collect()) == "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"
    assert _error_class(lambda: spark.sql("SELECT regexp_replace('abc', 'b', 'x', 0)")
                        .collect()) == "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE"


def test_values_rows_of_maps_take_their_common_type(spark, pyspark_session):
    F, PF = _fns()
    q = "SELECT * FROM VALUES (1,MAP(1,2,3,4,5,NULL)), (2,MAP()), (3,NULL) AS t(i,m)"
    _same_sql(spark, pyspark_session, q)
    d, p = spark.sql(q), pyspark_session.sql(q)
    _same(d.select("*", F.explode_outer("m")), p.select("*", PF.explode_outer("m")))
    _same(d.select("*", F.posexplode("m")), p.select("*", PF.posexplode("m")))
    _same_sql(spark, pyspark_session,
              "SELECT map() m, map_entries(map()) e, map_keys(map()) k, map_concat(map(1, 'a'),"
              " map()) c")
    _same_sql(spark, pyspark_session,
              "SELECT * FROM VALUES (1,MAP(1,'x')), (2,MAP(2L, NULL)) AS t(i,m)")


@pytest.fixture
def last_win(spark, pyspark_session):
    for s in (spark, pyspark_session):
        s.conf.set("spark.sql.mapKeyDedupPolicy", "LAST_WIN")
    yield
    for s in (spark, pyspark_session):
        s.conf.set("spark.sql.mapKeyDedupPolicy", "EXCEPTION")


def test_map_key_dedup_policy_last_win(spark, pyspark_session, last_win):
    F, PF = _fns()
    _same_sql(spark, pyspark_session,
              "SELECT map(1,'a',2,'b',1,'c') m, map_keys(map(1,'a',1,'b')) k,"
              " map_entries(map(1,'a',1,'b')) e,"
              " map_concat(map(1,'a',2,'b'), map(2,'c',3,'d')) c,"
              " map_from_arrays(array(1,1), array(2,3)) fa,"
              " map_from_entries(array(struct(1,'x'), struct(1,'y'))) fe,"
              " str_to_map('a:1,a:2') sm, transform_keys(map(1,'a',2,'b'), (k,v) -> 0) tk")
    _same_sql(spark, pyspark_session, "SELECT * FROM VALUES (map(1,'a',1,'b')) AS t(m)")
    rows = [({1: "a", 2: "b"}, {2: "c", 3: "d"}), (None, {1: "x"})]
    d, p = _both(spark, pyspark_session, rows, "m1 map<int,string>, m2 map<int,string>")
    _same(d.select(F.map_concat("m1", "m2")), p.select(PF.map_concat("m1", "m2")))


def test_map_key_dedup_policy_exception_is_the_default(spark):
    assert _error_class(lambda: spark.sql("SELECT map_concat(map(1,'a'), map(1,'b'))")
                        .collect()) == "DUPLICATED_MAP_KEY"
    assert _error_class(lambda: spark.sql("SELECT map(1,'a',1,'b')").collect()) == (
        "DUPLICATED_MAP_KEY")


def test_sql_tuples_are_structs_and_to_json_is_named_after_its_column(
        spark, pyspark_session):
    F, PF = _fns()
    q = "SELECT (DATE('2022-02-22'), 1) AS date, (1 AS a, 'x' AS b) AS n"
    _same_sql(spark, pyspark_session, q)
    d, p = spark.sql(q), pyspark_session.sql(q)
    _same(d.select("date", F.to_json(d.date), F.to_json(d.date, {"dateFormat": "yyyy/MM/dd"}),
                   F.to_csv("n", {"sep": ";"})),
          p.select("date", PF.to_json(p.date), PF.to_json(p.date, {"dateFormat": "yyyy/MM/dd"}),
                   PF.to_csv("n", {"sep": ";"})))


def test_lpad_and_rpad_of_binaries_pad_bytes(spark, pyspark_session):
    rows = [(bytearray(b"\x01\x02"), "abc"), (None, None), (bytearray(b""), "")]
    d, p = _both(spark, pyspark_session, rows, "b binary, t string")
    exprs = ["lpad(b, 4)", "rpad(b, 3)", "lpad(b, 4, X'AB')", "lpad(b, 4, 'x')", "lpad(t, 6)",
             "rpad(t, 2, X'00')", "rpad(b, 1, X'00')"]
    _same(d.selectExpr(*exprs), p.selectExpr(*exprs))


def test_values_columns_are_nullable_only_when_a_cell_is(spark, pyspark_session):
    q = "SELECT * FROM VALUES (1, 'a', CAST(NULL AS INT)), (NULL, 'b', 2) AS t(i, s, n)"
    d, p = spark.sql(q), pyspark_session.sql(q)
    assert [(f.name, f.nullable) for f in d.schema.fields] == [
        (f.name, f.nullable) for f in p.schema.fields]
    _same(d, p)


def test_struct_fields_are_nullable_as_their_values(spark, pyspark_session):
    F, PF = _fns()
    q = ('SELECT * FROM VALUES (1,ARRAY(NAMED_STRUCT("a",1,"b",2), NULL, NAMED_STRUCT("a",3,'
         '"b",4))), (2,ARRAY()), (3,NULL) AS t(i,s)')
    d, p = spark.sql(q), pyspark_session.sql(q)
    assert d.schema.jsonValue() == p.schema.jsonValue()
    _same(d.select("*", F.inline_outer("s")), p.select("*", PF.inline_outer("s")))
    q = "SELECT named_struct('a', 1, 'b', CAST(NULL AS INT)) s, struct(1, 'x') t"
    d, p = spark.sql(q), pyspark_session.sql(q)
    assert [f.dataType.jsonValue() for f in d.schema.fields] == [
        f.dataType.jsonValue() for f in p.schema.fields]
