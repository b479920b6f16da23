"""SQL semantics closed by the third correctness session, checked against PySpark: result
column names (analysis only, nothing runs), ANSI type coercion of strings in both modes, and
errors of INSERT INTO (store assignment). The bad-input suite (bad_input_sql.py) holds the
rest of the cases: rows or error classes of each query."""

from __future__ import annotations

import pytest

from tests.correctness.test_spark4_semantics import _compare

pytestmark = pytest.mark.pyspark

NAMED = [
    "select if(k > 1, 'a', 'b') from u",
    "select substr('abc', 2), substring('hello', -3), round(2.5), bround(2.5)",
    "select sum(k) filter (where k > 1), count(*) filter (where k > 1) from u",
    "select rank() over (order by k), percent_rank() over (order by k), "
    "ntile(2) over (order by k), row_number() over (order by k) from u",
    "select lag(k) over (order by k), lead(k, 2) over (order by k) from u",
    "select sum(k) over (), sum(k) over (order by k), count(*) over (partition by v) from u",
    "select cast('2020-01-01' as date), typeof(127Y + 1Y)",
    "select cast(array(1, 2) as array<string>), cast(named_struct('a', 1) as struct<b:int>)",
    # fifth session: 2-argument trims, lateral aliases, star arguments, windows over aggregates
    "select ltrim('xxa', 'x'), rtrim(v, 'x'), trim('x', v), trim('x' from v), ltrim(v) from u",
    "select k + 1 as x, x * 2, k as y, y + 1 as z from u",
    "select count(*, k), count(distinct *), sum(sum(k)) over () from u",
    "select k, collect_list(k) over (partition by v), date'2020-03-01' - date'2020-02-01' "
    "from u",
]


def _views(*sessions) -> None:
    for s in sessions:
        s.sql("create or replace temp view u as select * from values (1, 'a'), (2, 'b'), "
              "(2, 'c') as u(k, v)")


def test_column_names_as_pyspark(spark, pyspark_session) -> None:
    _views(spark, pyspark_session)
    differ = [f"{q}\n  pyspark:  {pyspark_session.sql(q).columns}\n  dfengine: "
              f"{spark.sql(q).columns}" for q in NAMED
              if pyspark_session.sql(q).columns != spark.sql(q).columns]
    assert differ == [], "\n".join(differ)


@pytest.mark.parametrize("ansi", ["true", "false"])
def test_string_coercion_in_both_modes(spark, pyspark_session, ansi) -> None:
    """A string beside a number: bigint/double under ANSI (so 'x' fails to cast), a string
    with ANSI off."""
    queries = [
        "select typeof(coalesce('1', 1)), typeof(coalesce('1', 1.5)), "
        "typeof(coalesce('1', date'2020-01-01')), typeof(array(1, '2')), "
        "typeof(case when true then 1 else '2' end), typeof(nvl2(1, 2, '3'))",
        "select coalesce(x, 'y') from values (1), (null) as v(x)",
        "select x from values (1) as v(x) union select 'a'",
        "select greatest(1, 'a')",
    ]
    assert _compare(spark, pyspark_session, queries, ansi) == []


def test_insert_overflow_is_cast_overflow_in_table_insert(spark, tmp_path) -> None:
    from dfengine.errors import ArithmeticException

    spark.sql("create table c15_ti (x tinyint) using parquet "
              f"location '{tmp_path / 'ti'}'")
    try:
        with pytest.raises(ArithmeticException, match="CAST_OVERFLOW_IN_TABLE_INSERT"):
            spark.sql("insert into c15_ti values (1000)")
        spark.sql("insert into c15_ti values (5)")
        assert [r.x for r in spark.sql("select x from c15_ti").collect()] == [5]
    finally:
        spark.sql("drop table if exists c15_ti")


READER_FILES = {
    "big.csv": "a,b\n1,12345678901234567890\n2,3\n",
    "wide.csv": "a\n1\n99999999999999999999999\n-9223372036854775809\n",
    "huge.csv": "a\n1\n1234567890123456789012345678901234567890\n",
    "mixed.csv": "a\n1.5\n12345678901234567890\n",
    "big.json": '{"a": 12345678901234567890}\n{"a": 1}\n',
    "huge.json": '{"a": 1}\n{"a": 123456789012345678901234567890123456789012}\n',
    "mixed.json": '{"a": 1.5}\n{"a": 12345678901234567890}\n',
}


def test_integers_past_bigint_infer_decimal(spark, pyspark_session, tmp_path) -> None:
    """CSV and JSON integers beyond bigint infer decimal(p, 0) as Spark (they were doubles,
    losing digits); past 38 digits, or beside a fraction, a double."""
    for name, text in READER_FILES.items():
        (tmp_path / name).write_text(text)

    def read(s, name):
        path = str(tmp_path / name)
        df = (s.read.csv(path, header=True, inferSchema=True) if name.endswith(".csv")
              else s.read.json(path))
        return [f.dataType.simpleString() for f in df.schema.fields], sorted(
            map(tuple, df.collect()), key=repr)

    for name in READER_FILES:
        assert read(spark, name) == read(pyspark_session, name), name


def test_day_time_intervals_and_function_trims_as_pyspark(spark, pyspark_session) -> None:
    """date - date is an INTERVAL DAY, timestamp - timestamp an INTERVAL DAY TO SECOND:
    schema, collected timedelta and show() text as PySpark; F.ltrim(col, trim) reads `trim`
    as a column (or Column), as PySpark does."""
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as DF

    q = ("select date'2020-03-01' - date'2020-02-01' as d, date'2020-01-01' - date'2020-03-01' "
         "as n, timestamp'2020-01-02 00:00:00' - timestamp'2020-01-01 10:00:01.5' as t")
    theirs, ours = pyspark_session.sql(q), spark.sql(q)
    assert ours.schema.simpleString() == theirs.schema.simpleString()
    assert ours.collect() == theirs.collect()
    assert ours._show_string(20, 20, False) == theirs._jdf.showString(20, 20, False)

    def trims(s, F):
        df = s.createDataFrame([("xxaxx", "x"), (" a ", " ")], "v string, c string")
        out = df.select(F.ltrim("v", "c"), F.rtrim("v", F.lit("x")), F.trim(F.col("v"), "c"),
                        F.ltrim("v"))
        return out.columns, out.collect()

    assert trims(spark, DF) == trims(pyspark_session, PF)
