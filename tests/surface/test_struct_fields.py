"""Struct surface against PySpark: Column.withField / dropFields (nested paths, NULL
structs), `select("s.*")` and SQL `s.*` / `s.c.*` expansion, create_map and map_concat."""

from __future__ import annotations

import pytest

from dfengine.errors import AnalysisException
from dfengine.sql import functions as F

from .conftest import assert_same_df

ROWS = [(1, (1, "a", (2, 3))), (2, None), (3, (None, None, None))]
SCHEMA = "id int, s struct<a:int, b:string, c:struct<x:int, y:int>>"


def _pf():
    from pyspark.sql import functions as PF

    return PF


def _calls(f):
    s = f.col("s")
    return [s.withField("b", f.lit("z")), s.withField("d", f.col("id")),
            s.dropFields("a", "b"), s.withField("c.y", f.lit(9)), s.dropFields("c.x"),
            s.withField("a", f.col("id") * 10).dropFields("b"),
            f.create_map(f.lit("k"), "id"), f.create_map([f.lit(1), f.col("s.b")]),
            f.map_concat(f.create_map(f.lit(1), f.lit("a")), f.create_map(f.lit(2), "s.b"))]


def test_with_field_drop_fields_and_maps_match_pyspark(spark, pyspark_session):
    ours = spark.createDataFrame(ROWS, SCHEMA)
    theirs = pyspark_session.createDataFrame(ROWS, SCHEMA)
    assert_same_df(ours.select("id", *_calls(F)), theirs.select("id", *_calls(_pf())))


def test_struct_star_expansion_matches_pyspark(spark, pyspark_session):
    ours = spark.createDataFrame(ROWS, SCHEMA)
    theirs = pyspark_session.createDataFrame(ROWS, SCHEMA)
    assert_same_df(ours.select("id", "s.*"), theirs.select("id", "s.*"))
    ours.createOrReplaceTempView("structs")
    theirs.createOrReplaceTempView("structs")
    q = "SELECT s.*, s.c.*, structs.s.c.* FROM structs"
    assert_same_df(spark.sql(q), pyspark_session.sql(q))


def test_struct_errors(spark):
    df = spark.createDataFrame(ROWS, SCHEMA)
    with pytest.raises(AnalysisException, match="CANNOT_DROP_ALL_FIELDS"):
        df.select(F.col("s").dropFields("a", "b", "c")).collect()
    with pytest.raises(AnalysisException, match="UNEXPECTED_INPUT_TYPE"):
        df.select(F.col("id").withField("a", F.lit(1))).collect()
    with pytest.raises(AnalysisException, match="CANNOT_RESOLVE_STAR_EXPAND"):
        df.select("id.*").collect()
