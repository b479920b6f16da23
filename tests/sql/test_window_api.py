"""Window functions and set operations through the DataFrame API (the analyzer extracts the
window expressions into Window nodes), checked against DuckDB on the same rows."""

from __future__ import annotations

from dfengine.sql import Window
from dfengine.sql import functions as F

from .conftest import assert_same, rows_of_dfengine, rows_of_duckdb


def test_with_column_window_functions(sql_env):
    spark, con = sql_env
    t = spark.table("t")
    w = Window.partitionBy("grp").orderBy("id")
    df = (t.withColumn("rn", F.row_number().over(w))
           .withColumn("cs", F.sum("x").over(w))
           .withColumn("lg", F.lag("x", 1).over(w))
           .select("id", "rn", "cs", "lg"))
    sql = ("select id, row_number() over (partition by grp order by id), "
           "sum(x) over (partition by grp order by id), "
           "lag(x) over (partition by grp order by id) from t")
    assert_same(rows_of_dfengine(df), rows_of_duckdb(con, sql), False, sql)


def test_select_rank_and_rows_frame(sql_env):
    spark, con = sql_env
    t = spark.table("t")
    w = Window.orderBy(F.col("y").desc_nulls_last(), "id")
    wf = Window.partitionBy("grp").orderBy("id").rowsBetween(-1, 1)
    df = t.select("id", F.rank().over(w).alias("r"), F.avg("y").over(wf).alias("a"),
                  F.max("x").over(Window.partitionBy("grp")).alias("mx"))
    sql = ("select id, rank() over (order by y desc nulls last, id), "
           "avg(y) over (partition by grp order by id rows between 1 preceding and 1 following),"
           " max(x) over (partition by grp) from t")
    assert_same(rows_of_dfengine(df), rows_of_duckdb(con, sql), False, sql)


def test_set_operations_api(sql_env):
    spark, con = sql_env
    v, w = spark.table("v"), spark.table("w")
    for df, sql in [(v.intersect(w), "select * from v intersect select * from w"),
                    (v.subtract(w), "select * from v except select * from w"),
                    (v.intersectAll(w), "select * from v intersect all select * from w"),
                    (v.exceptAll(w), "select * from v except all select * from w")]:
        assert_same(rows_of_dfengine(df), rows_of_duckdb(con, sql), False, sql)


def test_window_column_names_spell_out_the_frame_as_pyspark(spark):
    """Recorded PySpark 4 column names: the default frame is spelled out, and an API bound
    of -1 is a literal ("-1 FOLLOWING"), where SQL's "1 PRECEDING" stays as written."""
    from dfengine.sql import Window
    from dfengine.sql import functions as F

    df = spark.createDataFrame([(1, "a", 3.0)], "id int, g string, v double")
    w = Window.partitionBy("g").orderBy("id")
    names = df.select(F.row_number().over(w), F.sum("v").over(Window.partitionBy("g")),
                      F.avg("v").over(Window.orderBy(F.desc("id")).rowsBetween(-1, 1)),
                      F.lag("v").over(w)).columns
    assert names == [
        "row_number() OVER (PARTITION BY g ORDER BY id ASC NULLS FIRST ROWS BETWEEN "
        "UNBOUNDED PRECEDING AND CURRENT ROW)",
        "sum(v) OVER (PARTITION BY g ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)",
        "avg(v) OVER (ORDER BY id DESC NULLS LAST ROWS BETWEEN -1 FOLLOWING AND 1 FOLLOWING)",
        "lag(v, 1, NULL) OVER (PARTITION BY g ORDER BY id ASC NULLS FIRST ROWS BETWEEN "
        "-1 FOLLOWING AND -1 FOLLOWING)"]
