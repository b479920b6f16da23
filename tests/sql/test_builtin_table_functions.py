"""FROM range(...), FROM explode/inline/stack/posexplode(...) and FROM parquet.`path`.

Expected rows and column names are PySpark 4's answers to the same queries (recorded)."""

import pytest

from dfengine.errors import AnalysisException

CASES = [
    ("SELECT * FROM range(3)", [(0,), (1,), (2,)], ["id"]),
    ("SELECT * FROM range(0, 10, 3, 2)", [(0,), (3,), (6,), (9,)], ["id"]),
    ("SELECT id*2 AS d FROM range(-2, 2) r WHERE r.id > -2", [(-2,), (0,), (2,)], ["d"]),
    ("SELECT * FROM explode(array(1,2)) AS t(x)", [(1,), (2,)], ["x"]),
    ("SELECT * FROM explode(array(1,2))", [(1,), (2,)], ["col"]),
    ("SELECT * FROM stack(2, 1, 'a', 2, 'b')", [(1, "a"), (2, "b")], ["col0", "col1"]),
    ("SELECT * FROM inline(array(struct(1, 'a'), struct(2, 'b')))", [(1, "a"), (2, "b")],
     ["col1", "col2"]),
    ("SELECT * FROM posexplode(array(5,6)) t(p, v)", [(0, 5), (1, 6)], ["p", "v"]),
]


@pytest.mark.parametrize("query,rows,names", CASES, ids=[c[0][14:40] for c in CASES])
def test_builtin_table_function(spark, query, rows, names):
    df = spark.sql(query)
    assert (sorted(tuple(r) for r in df.collect()), df.columns) == (rows, names)


def test_sql_on_files(spark, tmp_path):
    spark.createDataFrame([(1, "a"), (2, None)], "k int, v string").write.parquet(
        str(tmp_path / "p"))
    spark.createDataFrame([(3, "c")], "k int, v string").write.json(str(tmp_path / "j"))
    got = spark.sql(f"SELECT k, v FROM parquet.`{tmp_path / 'p'}` UNION ALL "
                    f"SELECT k, v FROM json.`{tmp_path / 'j'}` ORDER BY k").collect()
    assert [tuple(r) for r in got] == [(1, "a"), (2, None), (3, "c")]
    with pytest.raises(AnalysisException, match="PATH_NOT_FOUND"):
        spark.sql(f"SELECT * FROM parquet.`{tmp_path / 'missing'}`")


def test_range_step_zero(spark):
    with pytest.raises(AnalysisException):
        spark.sql("SELECT * FROM range(1, 2, 0)")


def test_read_json_and_csv_from_rdd_of_strings(spark):
    """PySpark's `spark.read.json(rdd)`: recorded PySpark 4 rows, inference and corrupt record."""
    sc = spark.sparkContext
    df = spark.read.json(sc.parallelize(['{"a": 1, "b": "x"}', '{"a": 2}', "{bad"]))
    assert df.columns == ["_corrupt_record", "a", "b"]
    assert [tuple(r) for r in df.orderBy("a").collect()] == [
        ("{bad", None, None), (None, 1, "x"), (None, 2, None)]
    csv = spark.read.csv(sc.parallelize(["k,v", "1,a", "2,b"]), header=True, inferSchema=True)
    assert [tuple(r) for r in csv.collect()] == [(1, "a"), (2, "b")]
