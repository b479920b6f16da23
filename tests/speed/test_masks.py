"""Fast paths of steady-state query speed (issue 22) give the same answers as the plain ones."""

import numpy as np
import pyarrow as pa

from dfengine.functions.arrays import bool_array


def test_bool_array_matches_arrow_conversion():
    rng = np.random.default_rng(7)
    for n in (0, 1, 7, 8, 9, 1000):
        values = rng.random(n) < 0.5
        assert bool_array(values).equals(pa.array(values, pa.bool_()))
        valid = rng.random(n) < 0.8
        got = bool_array(values, valid)
        assert got.equals(pa.array(values, pa.bool_(), mask=~valid))
        assert got.null_count == int((~valid).sum())


def test_decimal_filter_with_nulls(spark):
    df = spark.createDataFrame([(1, "1.50"), (2, None), (3, "0.25"), (4, "2.00")], "k int, s string")
    df = df.selectExpr("k", "cast(s as decimal(10,2)) as d")
    assert [r.k for r in df.where("d < 1.75").orderBy("k").collect()] == [1, 3]
    assert [r.k for r in df.where("not (d < 1.75)").orderBy("k").collect()] == [4]


def test_a_filter_every_row_passes_keeps_the_table():
    """No copy when every row passes (an inferred IS NOT NULL on a column without NULLs);
    a false or a NULL anywhere still drops that row."""
    from dfengine.execution.physical import keep_rows

    t = pa.table({"k": pa.chunked_array([[1, 2], [3]]), "s": pa.chunked_array([["a", "b"], ["c"]])})
    assert keep_rows(t, pa.chunked_array([[True, True], [True]])) is t
    assert keep_rows(t, pa.array([True, False, True])).column("k").to_pylist() == [1, 3]
    assert keep_rows(t, pa.array([True, None, True])).column("s").to_pylist() == ["a", "c"]
    empty = t.slice(0, 0)
    assert keep_rows(empty, pa.array([], pa.bool_())).num_rows == 0
