"""Aggregates, intervals, window functions and UDTFs from PySpark's own docstring examples
(benchmarks/pyspark_doctests.py, module functions), each compared with PySpark itself on
tiny data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.surface.pyspark_compare import both as _both
from tests.surface.pyspark_compare import fns as _fns
from tests.surface.pyspark_compare import same as _same

pytestmark = pytest.mark.pyspark


def _error_class(run):
    try:
        run()
    except Exception as exc:  # noqa: BLE001 - the class of either engine's error
        return type(exc).__name__, str(exc).split("]")[0].lstrip("[")
    return None


def test_row_number_over_a_window_ordered_by_a_dataframe_column(spark, pyspark_session):
    from pyspark.sql import Window as PW

    from dfengine.sql import Window

    F, PF = _fns()
    d, p = spark.range(3), pyspark_session.range(3)
    _same(d.withColumn("desc_order", F.row_number().over(Window.orderBy(d.id.desc()))),
          p.withColumn("desc_order", PF.row_number().over(PW.orderBy(p.id.desc()))))


@pytest.mark.parametrize("ansi", ["true", "false"])
def test_decimal_average_that_overflows(spark, pyspark_session, ansi):
    F, PF = _fns()
    rows = [(Decimal("1" * 38),), (Decimal(0),)]
    saved = spark.conf.get("spark.sql.ansi.enabled"), pyspark_session.conf.get(
        "spark.sql.ansi.enabled")
    try:
        spark.conf.set("spark.sql.ansi.enabled", ansi)
        pyspark_session.conf.set("spark.sql.ansi.enabled", ansi)
        d, p = _both(spark, pyspark_session, rows, "number DECIMAL(38, 0)")
        _same(d.select(F.try_avg(d.number), F.try_avg(F.col("number") / 10**10)),
              p.select(PF.try_avg(p.number), PF.try_avg(PF.col("number") / 10**10)))
        _same(d.groupBy((d.number > 0).alias("k")).agg(F.try_avg("number")).orderBy("k"),
              p.groupBy((p.number > 0).alias("k")).agg(PF.try_avg("number")).orderBy("k"))
        if ansi == "false":
            _same(d.select(F.avg(d.number)), p.select(PF.avg(p.number)))
        else:
            assert _error_class(lambda: d.select(F.avg(d.number)).collect()) == _error_class(
                lambda: p.select(PF.avg(p.number)).collect())
    finally:
        spark.conf.set("spark.sql.ansi.enabled", saved[0])
        pyspark_session.conf.set("spark.sql.ansi.enabled", saved[1])


def test_max_by_and_min_by_with_k(spark, pyspark_session):
    F, PF = _fns()
    rows = [("a", 10, 1), ("b", 50, 1), ("c", None, 1), (None, 40, 1), ("e", 50, 2),
            ("f", 5, 3)]
    d, p = _both(spark, pyspark_session, rows, "x string, y int, g int")
    _same(d.groupBy("g").agg(F.max_by("x", "y", 2), F.min_by(d.x, d.y, k=3)).orderBy("g"),
          p.groupBy("g").agg(PF.max_by("x", "y", 2), PF.min_by(p.x, p.y, k=3)).orderBy("g"))
    _same(d.where("g > 5").select(F.max_by("x", "y", 2), F.max_by("x", "y")),
          p.where("g > 5").select(PF.max_by("x", "y", 2), PF.max_by("x", "y")))
    q = "select max_by(x, y, 2), min_by(x, y, 1) from values ('a', 1), ('b', 2) t(x, y)"
    _same(spark.sql(q), pyspark_session.sql(q))
    for k in (0, 100001):
        assert _error_class(lambda k=k: d.select(F.max_by("x", "y", k)).collect()) == (
            _error_class(lambda k=k: p.select(PF.max_by("x", "y", k)).collect()))
    assert _error_class(lambda: d.select(F.max_by("x", "y", F.col("g"))).collect()) == (
        _error_class(lambda: p.select(PF.max_by("x", "y", PF.col("g"))).collect()))


def test_deterministic_mode_takes_the_lowest_of_tied_values(spark, pyspark_session):
    F, PF = _fns()
    rows = [(-10, "b"), (0, "a"), (10, "b"), (0, "a"), (10, None), (-10, None)]
    d, p = _both(spark, pyspark_session, rows, "col int, s string")
    _same(d.select(F.mode("col", True), F.mode("s", deterministic=True)),
          p.select(PF.mode("col", True), PF.mode("s", deterministic=True)))
    q = "select mode(y, true) from values (1), (3), (2), (3), (2) t(y)"
    _same(spark.sql(q), pyspark_session.sql(q))


def test_interval_and_timestamp_constructors_are_named_as_pyspark(spark, pyspark_session):
    F, PF = _fns()
    rows = [(2014, 12, 28, 6, 30, 45.887, "CET", 1)]
    schema = "year int, month int, day int, hour int, min int, sec double, tz string, n int"
    d, p = _both(spark, pyspark_session, rows, schema)
    _same(d.select(F.make_dt_interval(d.day, "hour"), F.make_dt_interval(),
                   F.try_make_timestamp(d.year, d.month, d.day, "hour", d.min, d.sec, "tz"),
                   F.try_make_timestamp(d.year, d.month, F.lit(40), d.hour, d.min, d.sec)),
          p.select(PF.make_dt_interval(p.day, "hour"), PF.make_dt_interval(),
                   PF.try_make_timestamp(p.year, p.month, p.day, "hour", p.min, p.sec, "tz"),
                   PF.try_make_timestamp(p.year, p.month, PF.lit(40), p.hour, p.min, p.sec)))


def test_window_structs_are_not_null(spark, pyspark_session):
    import datetime

    F, PF = _fns()
    rows = [(datetime.datetime(2016, 3, 11, 9, 0, 7), 1), (datetime.datetime(2016, 3, 11), 2)]
    d, p = _both(spark, pyspark_session, rows, "dt timestamp, v int")
    _same(d.groupBy(F.window("dt", "5 seconds")).agg(F.sum("v")).where("window is not null")
          .select("window.start", "sum(v)"),
          p.groupBy(PF.window("dt", "5 seconds")).agg(PF.sum("v")).where("window is not null")
          .select("window.start", "sum(v)"))
    for df, fn in ((d, F), (p, PF)):
        out = df.groupBy(fn.window("dt", "5 seconds")).agg(fn.sum("v"))
        assert out.schema["window"].nullable is False
        out = df.groupBy(fn.session_window("dt", "5 seconds")).agg(fn.sum("v"))
        assert out.schema["session_window"].nullable is False
    _same(d.select(F.struct("v"), F.named_struct(F.lit("a"), "dt")),
          p.select(PF.struct("v"), PF.named_struct(PF.lit("a"), "dt")), nullable=True)


def _as_text(df, F):
    df = df.toDF(*[f"c{i}" for i in range(len(df.columns))])
    return df.select(*[F.col(c).cast("string").alias(c) for c in df.columns])


def test_make_interval_and_interval_arithmetic(spark, pyspark_session):
    F, PF = _fns()
    rows = [(100, 11, 1, 1, 12, 30, 1.001001), (-1, 2, 1, -3, 4, -5, -6.5),
            (None, 1, 1, 1, 1, 1, 1.0), (2147483647, 0, 0, 0, 0, 0, 0.0)]
    schema = "year int, month int, week int, day int, hour int, min int, sec double"
    d, p = _both(spark, pyspark_session, rows, schema)

    def calls(df, fn):
        return df.select(
            fn.try_make_interval(df.year, df.month, "week", df.day, df.hour, df.min, df.sec),
            fn.try_make_interval(df.year, "month"), fn.try_make_interval(),
            fn.make_interval(df.month, df.week, df.day))

    dd, pp = calls(d, F), calls(p, PF)
    assert dd.columns == pp.columns
    assert [f.dataType.simpleString() for f in dd.schema] == [
        f.dataType.simpleString() for f in pp.schema]
    _same(_as_text(dd, F), _as_text(pp, PF))

    def scaled(df, fn):
        i = fn.make_interval(df.month, df.week, df.day, df.hour, df.min, df.sec)
        return df.select(fn.try_divide(i, df.day), fn.try_multiply(i, df.hour),
                         fn.try_multiply(i, fn.lit(2.5)), fn.try_divide(i, fn.lit(0)),
                         fn.try_multiply(fn.try_make_interval(df.year), fn.lit(13)))

    dd, pp = scaled(d, F), scaled(p, PF)
    assert dd.columns == pp.columns
    _same(_as_text(dd, F), _as_text(pp, PF))
    q = "select make_interval(1, 2) / 7, make_interval(0, 0, 0, 0, 0, 0, 1.5) * 3"
    _same(_as_text(spark.sql(q), F), _as_text(pyspark_session.sql(q), PF))
    for q in ("select make_interval(178956971)", "select make_interval(1) / 0"):
        assert _error_class(lambda q=q: spark.sql(q).collect()) == _error_class(
            lambda q=q: pyspark_session.sql(q).collect())
    # PySpark has no Python value for an interval: collect() refuses it the same way
    assert _error_class(lambda: spark.sql("select make_interval(1)").collect()) == (
        _error_class(lambda: pyspark_session.sql("select make_interval(1)").collect()))


def _kwargs_udtf(udtf, StructType):
    @udtf
    class WithKwargs:
        @staticmethod
        def analyze(a, b, **kwargs):
            from pyspark.sql.udtf import AnalyzeResult as PyResult

            from dfengine.sql.udtf import AnalyzeResult

            schema = StructType().add("a", a.dataType).add("b", b.dataType).add(
                "x", kwargs["x"].dataType)
            return (AnalyzeResult if udtf.__module__.startswith("dfengine") else PyResult)(
                schema)

        def eval(self, a, b, **kwargs):
            yield a, b, kwargs["x"]

    return WithKwargs


def test_udtf_keyword_arguments(spark, pyspark_session):
    from pyspark.sql.functions import udtf as pudtf
    from pyspark.sql.types import StructType as PStructType

    from dfengine.sql.functions import udtf
    from dfengine.sql.types import StructType

    F, PF = _fns()
    d_fn, p_fn = _kwargs_udtf(udtf, StructType), _kwargs_udtf(pudtf, PStructType)
    _same(d_fn(F.lit(1), x=F.lit("x"), b=F.lit("b")),
          p_fn(PF.lit(1), x=PF.lit("x"), b=PF.lit("b")))
    spark.udtf.register("h2_kwargs_udtf", d_fn)
    pyspark_session.udtf.register("h2_kwargs_udtf", p_fn)
    q = "SELECT * FROM h2_kwargs_udtf(1, x => 'x', b => 'b')"
    _same(spark.sql(q), pyspark_session.sql(q))

    class PlusOne:
        def eval(self, a: int):
            yield a + 1,

    assert udtf(PlusOne, returnType="r: int").asDeterministic().deterministic


def test_arrow_udtf_over_arrays(spark, pyspark_session):
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyspark.sql.functions import arrow_udtf as parrow_udtf

    from dfengine.sql.functions import arrow_udtf

    F, PF = _fns()

    class Twice:
        def eval(self, x: pa.Array, y: pa.Array):
            yield pa.table({"x": x, "y": y})
            yield pa.table({"y": y, "x": pc.add(x, 1)})

    d_fn = arrow_udtf(returnType="x int, y int")(Twice)
    p_fn = parrow_udtf(returnType="x int, y int")(Twice)
    _same(d_fn(F.lit(1), F.lit(2)), p_fn(PF.lit(1), PF.lit(2)))


def test_try_reflect_of_a_throwing_method_is_null(spark, pyspark_session):
    F, PF = _fns()
    d, p = spark.range(1), pyspark_session.range(1)
    _same(d.select(F.try_reflect(F.lit("scala.Predef"), F.lit("require"), F.lit(False)),
                   F.reflect(F.lit("scala.Predef"), F.lit("require"), F.lit(True))),
          p.select(PF.try_reflect(PF.lit("scala.Predef"), PF.lit("require"), PF.lit(False)),
                   PF.reflect(PF.lit("scala.Predef"), PF.lit("require"), PF.lit(True))))


def test_counter_diff_resets_and_errors(spark, pyspark_session):
    from datetime import datetime as D

    from pyspark.sql import Window as PW

    from dfengine.sql import Window

    F, PF = _fns()
    rows = [(1, 100, D(2026, 1, 1), 1.5), (2, None, D(2026, 1, 1), 2.5),
            (3, 200, D(2026, 1, 1), None), (4, 200, None, 4.0), (5, 300, None, 3.0),
            (6, 350, D(2026, 1, 1), 3.5), (7, 400, D(2026, 1, 2), 5.0),
            (8, 10, D(2026, 1, 3), 6.0), (9, 20, D(2026, 1, 3), 5.5),
            (10, 30, D(2026, 1, 3), 7.0)]
    d, p = _both(spark, pyspark_session, rows, "t int, c int, s timestamp, x double")

    def q(df, fn, W):
        w = W.orderBy("t")
        return df.select("t", fn.counter_diff("c").over(w), fn.counter_diff("c", "s").over(w),
                         fn.counter_diff(df.x).over(w),
                         fn.counter_diff("c").over(w.partitionBy(fn.col("t") % 2)).alias("p"))

    _same(q(d, F, Window).orderBy("t"), q(p, PF, PW).orderBy("t"))
    for bad in (lambda fn, W: fn.counter_diff(fn.col("c") - 300).over(W.orderBy("t")),
                lambda fn, W: fn.counter_diff("s").over(W.orderBy("t")),
                lambda fn, W: fn.counter_diff("c", "x").over(W.orderBy("t"))):
        assert _error_class(lambda bad=bad: d.select(bad(F, Window)).collect())[1] == (
            _error_class(lambda bad=bad: p.select(bad(PF, PW)).collect())[1])


def test_unwrap_udt_of_pyspark_ml_vectors(spark, pyspark_session):
    from pyspark.ml.linalg import Vectors

    F, PF = _fns()
    rows = [(Vectors.dense(1, 2, 3),), (Vectors.sparse(4, {1: 1.0, 3: 5.5}),), (None,)]
    d = spark.createDataFrame(rows, ["vec"]).select(F.unwrap_udt("vec"))
    p = pyspark_session.createDataFrame(rows, ["vec"]).select(PF.unwrap_udt("vec"))
    assert d.schema.simpleString() == p.schema.simpleString()

    def plain(v):  # a struct value as a dict, whichever way the engine returns it
        return v.asDict() if hasattr(v, "asDict") else v

    assert [plain(r[0]) for r in d.collect()] == [plain(r[0]) for r in p.collect()]

    from pyspark.ml.linalg import Matrices

    from dfengine.ml.linalg import Matrices as DMatrices

    for make in (Matrices, DMatrices):
        rows = [(make.dense(2, 2, range(4)),), (make.sparse(2, 2, [0, 2, 3], [0, 1, 1], [2, 3, 4]),),
                (None,)]
        d = spark.createDataFrame(rows, ["mat"])
        p = pyspark_session.createDataFrame([(Matrices.dense(2, 2, range(4)),), (
            Matrices.sparse(2, 2, [0, 2, 3], [0, 1, 1], [2, 3, 4]),), (None,)], ["mat"])
        assert d.schema.simpleString() == p.schema.simpleString()
        du, pu = d.select(F.unwrap_udt("mat")), p.select(PF.unwrap_udt("mat"))
        assert du.schema.simpleString() == pu.schema.simpleString()
        assert [plain(r[0]) for r in du.collect()] == [plain(r[0]) for r in pu.collect()]
    assert [str(r[0]) for r in d.collect()] == [str(r[0]) for r in p.collect()]


def test_nanosecond_timestamp_functions_are_refused_clearly(spark):
    from dfengine.errors import AnalysisException

    F, _ = _fns()
    df = spark.createDataFrame([(1577885075123456789,)], ["nanos"])
    with pytest.raises(AnalysisException, match="timestamp_micros"):
        df.select(F.timestamp_nanos("nanos")).collect()
    with pytest.raises(AnalysisException, match="NANOSECOND"):
        spark.sql("select unix_nanos(timestamp'2020-01-01 00:00:00')").collect()


def test_calendar_intervals_have_no_order_like_pyspark(spark, pyspark_session, tmp_path):
    F, PF = _fns()
    d = spark.range(3).select(F.make_interval(F.col("id").cast("int")).alias("i"), "id")
    p = pyspark_session.range(3).select(PF.make_interval(PF.col("id").cast("int")).alias("i"),
                                         "id")
    refused = [lambda df, fn: df.orderBy("i").collect(),
               lambda df, fn: df.where(fn.col("i") == fn.col("i")).collect(),
               lambda df, fn: df.select(fn.max("i")).collect(),
               lambda df, fn: df.join(df, "i").collect()]
    for run in refused:
        assert _error_class(lambda run=run: run(d, F)) == _error_class(
            lambda run=run: run(p, PF))
    ours = _error_class(lambda: d.write.parquet(str(tmp_path / "d")))
    theirs = _error_class(lambda: p.write.parquet(str(tmp_path / "p")))
    assert ours[1] == theirs[1] == "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE"
    assert _error_class(lambda: d.toPandas())[1] == _error_class(lambda: p.toPandas())[1]
    assert sorted(r[0] for r in d.groupBy("i").count().select("count").collect()) == [1, 1, 1]
