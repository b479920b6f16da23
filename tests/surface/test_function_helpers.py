"""F.call_function, F.window_time, F.unwrap_udt and the UDTF helper classes against PySpark."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.pyspark


def _both(spark, pyspark_session, rows, schema):
    return spark.createDataFrame(rows, schema), pyspark_session.createDataFrame(rows, schema)


def test_call_function_scalar_aggregate_and_udf(spark, pyspark_session) -> None:
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F

    ours, theirs = _both(spark, pyspark_session, [(1, "a", 2.0), (1, "b", 4.0), (2, "c", None)],
                         "k int, s string, x double")
    for df in (ours, theirs):
        df.sparkSession.udf.register("twice_fn", lambda v: v * 2, "int")
    got = []
    for df, f in ((ours, F), (theirs, PF)):
        scalar = df.select(f.call_function("upper", "s"), f.call_function("twice_fn", "k"))
        agg = df.groupBy("k").agg(f.call_function("avg", "x"), f.call_function("count", "s"))
        got.append((scalar.columns, sorted(map(tuple, scalar.collect())), agg.columns,
                    sorted(map(tuple, agg.collect()))))
    assert got[0] == got[1]


def test_window_time_of_a_window_struct(spark) -> None:
    """PySpark accepts only a window column made by window(): its value is end - 1 microsecond
    and its name window_time(window) (pyspark.sql.functions.window_time docs)."""
    from dfengine.sql import functions as F

    rows = [(dt.datetime(2024, 1, 1, 0, 0, 5), dt.datetime(2024, 1, 1, 0, 0, 10))]
    w = spark.createDataFrame(rows, "start timestamp, end timestamp").select(
        F.struct("start", "end").alias("window"))
    out = w.select(F.window_time("window"))
    assert out.columns == ["window_time(window)"]
    assert out.collect()[0][0] == dt.datetime(2024, 1, 1, 0, 0, 9, 999999)


def test_unwrap_udt_gives_the_stored_struct(spark) -> None:
    from dfengine.ml.linalg import Vectors
    from dfengine.sql import functions as F

    df = spark.createDataFrame([(Vectors.sparse(3, [1], [5.0]),)], ["v"])
    out = df.select(F.unwrap_udt("v"))
    assert out.columns == ["unwrap_udt(v)"]
    assert out.schema.simpleString() == (
        "struct<unwrap_udt(v):struct<type:tinyint,size:int,indices:array<int>,values:array<double>>>")
    assert tuple(out.collect()[0][0]) == (0, 3, [1], [5.0])


def test_udtf_helper_classes_and_skip_rest_of_input(spark, pyspark_session) -> None:
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F

    for name in ("AnalyzeArgument", "AnalyzeResult", "OrderingColumn", "PartitioningColumn",
                 "SelectedColumn", "SkipRestOfInputTableException", "UserDefinedFunction",
                 "UserDefinedTableFunction"):
        assert isinstance(getattr(F, name), type), name
    assert F.OrderingColumn("x").ascending is True and F.SelectedColumn("a").alias == ""

    def make(f):
        @f.udtf(returnType="v int")
        class UpToThree:
            def eval(self, v: int):
                if v > 3:
                    raise f.SkipRestOfInputTableException()
                yield (v,)

        return UpToThree

    got = []
    for s, f in ((spark, F), (pyspark_session, PF)):
        df = s.range(1, 7, numPartitions=1).selectExpr("CAST(id AS INT) v")
        s.udtf.register("up_to_three", make(f))
        df.createOrReplaceTempView("nums_skip")
        rows = s.sql("SELECT t.v FROM nums_skip, LATERAL up_to_three(nums_skip.v) t").collect()
        got.append(sorted(r[0] for r in rows))
    assert got[0] == got[1] == [1, 2, 3]


def test_input_file_name_over_file_scans(spark, pyspark_session, tmp_path) -> None:
    """Each row names the file it was read from (parquet and csv), '' / -1 elsewhere."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for i in range(2):
        pq.write_table(pa.table({"k": [i * 10 + j for j in range(3)]}),
                       tmp_path / f"part-{i}.parquet")
        (tmp_path / f"part-{i}.csv").write_text("".join(f"{i * 10 + j}\n" for j in range(3)))
    got = []
    for s in (spark, pyspark_session):
        pq_rows = s.read.parquet(str(tmp_path / "*.parquet")).selectExpr(
            "k", "input_file_name() AS f", "input_file_block_start() AS b").filter("k > 0")
        csv_rows = s.read.csv(str(tmp_path / "*.csv"), schema="k int").selectExpr(
            "k", "input_file_name() AS f")
        none = s.range(1).selectExpr("input_file_name()", "input_file_block_length()")
        got.append((sorted(map(tuple, pq_rows.collect())), sorted(map(tuple, csv_rows.collect())),
                    none.columns, [tuple(r) for r in none.collect()]))
    assert got[0] == got[1]


@pytest.mark.parametrize("name", ["years", "months", "days", "hours", "bucket"])
def test_partition_transforms_refused_outside_partitioned_by(spark, pyspark_session,
                                                             name) -> None:
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F

    rows = [(dt.datetime(2024, 1, 2), 1)]
    names = []
    for df, f in zip(_both(spark, pyspark_session, rows, "ts timestamp, k int"), (F, PF),
                     strict=True):
        col = f.bucket(4, "k") if name == "bucket" else getattr(f, name)("ts")
        names.append(df.select(col).columns)
        with pytest.raises(Exception, match="PARTITION_TRANSFORM_EXPRESSION_NOT_IN_PARTITIONED_BY"):
            df.select(col).collect()
    assert names[0] == names[1]


@pytest.mark.parametrize("sql", [
    "reflect('java.util.UUID', 'fromString', s)", "java_method('java.lang.Math', 'abs', k)",
    "reflect('java.net.URLDecoder', 'decode', 'a%20b+c', 'UTF-8')",
    "reflect('java.net.URLEncoder', 'encode', concat(s, ' &~'), 'UTF-8')",
    "reflect('java.lang.Integer', 'parseInt', CAST(k AS STRING))",
    "reflect('java.lang.Math', 'max', k, 0)", "reflect('java.lang.Math', 'sqrt', x)",
    "reflect('java.lang.Math', 'floor', x)", "try_reflect('java.lang.Integer', 'parseInt', s)",
])
def test_reflect_maps_common_static_methods(spark, pyspark_session, sql) -> None:
    rows = [("a5cf6c42-0c85-418f-af6c-3e4e5b1328f2", -5, 2.5),
            ("A5CF6C42-0C85-418F-AF6C-3E4E5B1328F3", 7, 9.0)]
    got = []
    for df in _both(spark, pyspark_session, rows, "s string, k int, x double"):
        out = df.selectExpr(sql)
        got.append((out.columns, sorted(map(tuple, out.collect()), key=str)))
    assert got[0] == got[1]


def test_reader_changes_refused_for_session_catalog_tables(spark) -> None:
    from dfengine.errors import AnalysisException

    spark.range(2).createOrReplaceTempView("no_cdc")
    with pytest.raises(AnalysisException, match="change data capture"):
        spark.read.changes("no_cdc")
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
        spark.read.changes("missing_table_for_changes")
