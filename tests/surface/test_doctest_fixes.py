"""Wrong answers found by running PySpark's docstring examples (benchmarks/pyspark_doctests.py),
each compared with PySpark itself."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pyspark

ARRAYS = [(1, [1, 2, None]), (2, []), (3, None)]


def _both(spark, pyspark_session, rows, schema):
    return spark.createDataFrame(rows, schema), pyspark_session.createDataFrame(rows, schema)


def _same(d, p):
    assert d.columns == p.columns
    assert [tuple(r) for r in d.collect()] == [tuple(r) for r in p.collect()]


@pytest.mark.parametrize("gen", ["explode", "explode_outer", "posexplode", "posexplode_outer"])
def test_star_and_generator_adds_the_generated_columns_once(spark, pyspark_session, gen):
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F

    d, p = _both(spark, pyspark_session, ARRAYS, "i int, a array<int>")
    _same(d.select("*", getattr(F, gen)("a")), p.select("*", getattr(PF, gen)("a")))


def test_outer_generators_of_maps_and_positions_of_empty_arrays(spark, pyspark_session):
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F

    rows = [(1, {1: 2, 3: None}), (2, {}), (3, None)]
    d, p = _both(spark, pyspark_session, rows, "i int, m map<int,int>")
    _same(d.select("i", F.posexplode_outer("m")), p.select("i", PF.posexplode_outer("m")))
    _same(d.select("i", F.explode_outer("m")), p.select("i", PF.explode_outer("m")))


def test_cbrt_of_negatives_and_names_of_pow_and_substr(spark, pyspark_session):
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F

    d, p = _both(spark, pyspark_session, [(-8.0,), (27.0,), (None,)], "v double")
    _same(d.select(F.cbrt("v"), F.pow("v", 2), F.col("v").cast("string").substr(1, 2)),
          p.select(PF.cbrt("v"), PF.pow("v", 2), PF.col("v").cast("string").substr(1, 2)))
