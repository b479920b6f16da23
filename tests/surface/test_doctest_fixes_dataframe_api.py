"""DataFrame API docstring examples of PySpark (benchmarks/pyspark_doctests.py, modules
dataframe, column, group, window) that failed on dfengine, each compared with PySpark itself
on tiny data: subqueries with col.outer(), col.isin(df), repartition placement,
sameSemantics, observe, pivot over struct fields."""

from __future__ import annotations

import pytest

from tests.surface.pyspark_compare import both as _both
from tests.surface.pyspark_compare import fns as _fns
from tests.surface.pyspark_compare import same as _same

pytestmark = pytest.mark.pyspark


CUSTOMERS = ([(101, "Alice", "USA"), (102, "Bob", "Canada"), (103, "Charlie", None),
              (104, "David", "Australia"), (None, "Eve", "USA")],
             "customer_id int, name string, country string")
ORDERS = ([(1, 101, 250), (2, 102, 300), (3, 103, 400), (4, 101, 150), (5, None, 90)],
          "order_id int, customer_id int, amount int")


def _exists_query(F, c, o, negate):
    sub = o.alias("o").where(F.col("o.customer_id") == F.col("c.customer_id").outer())
    cond = sub.exists()
    return c.alias("c").where(~cond if negate else cond).orderBy("name")


@pytest.mark.parametrize("negate", [False, True])
def test_exists_with_an_outer_reference_is_a_correlated_semi_or_anti_join(
        spark, pyspark_session, negate):
    F, PF = _fns()
    dc, pc = _both(spark, pyspark_session, *CUSTOMERS)
    do, po = _both(spark, pyspark_session, *ORDERS)
    _same(_exists_query(F, dc, do, negate), _exists_query(PF, pc, po, negate))


def test_correlated_scalar_subquery_in_where_and_select(spark, pyspark_session):
    F, PF = _fns()
    rows = [(1, "Alice", 45000, 101), (2, "Bob", 54000, 101), (3, "Carl", 29000, 102),
            (4, "Dan", 61000, 102), (5, "Eve", None, 103), (6, "Fay", 10, None)]
    d, p = _both(spark, pyspark_session, rows, "id int, name string, salary int, dept int")

    def avg_of_dept(F, df):
        return df.alias("e2").where(F.col("e2.dept") == F.col("e1.dept").outer()).select(
            F.avg("salary")).scalar()

    _same(d.alias("e1").where(F.col("salary") > avg_of_dept(F, d)).select("name")
          .orderBy("name"),
          p.alias("e1").where(PF.col("salary") > avg_of_dept(PF, p)).select("name")
          .orderBy("name"))
    _same(d.alias("e1").select("name", avg_of_dept(F, d).alias("avg")).orderBy("name"),
          p.alias("e1").select("name", avg_of_dept(PF, p).alias("avg")).orderBy("name"))


def test_outer_reference_of_another_type_is_compared_after_coercion(spark, pyspark_session):
    F, PF = _fns()
    d, p = _both(spark, pyspark_session, [(2, "a"), (7, "b"), (None, "c")], "k int, s string")
    _same(d.where(spark.range(6).where(F.col("id") == F.col("k").outer()).exists()),
          p.where(pyspark_session.range(6).where(PF.col("id") == PF.col("k").outer())
                  .exists()))


def test_isin_a_dataframe_is_an_in_subquery(spark, pyspark_session):
    F, PF = _fns()
    d, p = _both(spark, pyspark_session, [(2, "Alice"), (5, "Bob"), (None, "Carl")],
                 "age int, name string")
    sd, sp = spark.range(3), pyspark_session.range(3)
    _same(d.where(d.age.isin(sd)).orderBy("age"), p.where(p.age.isin(sp)).orderBy("age"))
    _same(d.where(~d.age.isin(sd)).orderBy("age"), p.where(~p.age.isin(sp)).orderBy("age"))
    _same(d.select("age", d.age.isin(sd).alias("x")).orderBy("age"),
          p.select("age", p.age.isin(sp).alias("x")).orderBy("age"))
    _same(d.where(F.struct(d.age, d.name).isin(spark.range(6).select("id", F.lit("Bob")))),
          p.where(PF.struct(p.age, p.name).isin(
              pyspark_session.range(6).select("id", PF.lit("Bob")))))


def test_isin_a_dataframe_of_the_wrong_width_is_an_analysis_error(spark):
    from dfengine.errors import AnalysisException

    d = spark.createDataFrame([(1, "a")], "k int, s string")
    with pytest.raises(AnalysisException, match="IN_SUBQUERY_LENGTH_MISMATCH"):
        d.where(d.k.isin(spark.range(3).select("id", "id")))


def test_outer_reference_outside_a_subquery_is_a_clear_error(spark):
    from dfengine.errors import AnalysisException
    from dfengine.sql import functions as F

    d = spark.createDataFrame([(1,)], "k int")
    with pytest.raises(AnalysisException, match="outside a subquery"):
        d.where(F.col("k").outer() > 0).collect()


def test_repartition_reaches_every_partition_of_a_small_frame(spark, pyspark_session):
    F, PF = _fns()
    d = spark.range(0, 64, 1, 9).repartition(10).select(F.spark_partition_id().alias("p"))
    p = pyspark_session.range(0, 64, 1, 9).repartition(10).select(
        PF.spark_partition_id().alias("p"))
    _same(d.distinct().sort("p"), p.distinct().sort("p"))
    assert d.count() == 64


def test_repartition_by_range_cuts_where_spark_does_and_names_the_function(
        spark, pyspark_session):
    F, PF = _fns()
    rows = [(14, "Tom"), (23, "Alice"), (16, "Bob"), (None, "Nil")]
    d, p = _both(spark, pyspark_session, rows, "age int, name string")
    _same(d.repartitionByRange(2, "age").select("age", F.spark_partition_id()).orderBy("age"),
          p.repartitionByRange(2, "age").select("age", PF.spark_partition_id())
          .orderBy("age"))
    _same(d.repartitionByRange(3, F.col("age").desc()).select(
        "age", F.spark_partition_id()).orderBy("age"),
        p.repartitionByRange(3, PF.col("age").desc()).select(
        "age", PF.spark_partition_id()).orderBy("age"))


def test_repartition_by_id_sends_each_row_to_its_partition(spark, pyspark_session):
    F, PF = _fns()
    rows = [(i, None if i == 4 else i - 5) for i in range(10)]
    d, p = _both(spark, pyspark_session, rows, "id int, pid int")
    _same(d.repartitionById(3, "pid").select("id", F.spark_partition_id()).orderBy("id"),
          p.repartitionById(3, "pid").select("id", PF.spark_partition_id()).orderBy("id"))
    _same(d.repartitionById(4, F.col("id") * 3).select("id", F.spark_partition_id())
          .orderBy("id"),
          p.repartitionById(4, PF.col("id") * 3).select("id", PF.spark_partition_id())
          .orderBy("id"))


def test_repartition_by_id_checks_its_arguments(spark):
    from dfengine.errors import AnalysisException, PySparkValueError

    d = spark.createDataFrame([(1, "a")], "k int, s string")
    with pytest.raises(PySparkValueError, match="VALUE_NOT_POSITIVE"):
        d.repartitionById(0, "k")
    with pytest.raises(AnalysisException, match="integer"):
        d.repartitionById(2, "s")


def test_same_semantics_ignores_output_names(spark, pyspark_session):
    for s in (spark, pyspark_session):
        a, b = s.range(10), s.range(10)
        assert a.withColumn("c1", a.id * 2).sameSemantics(b.withColumn("c0", b.id * 2))
        assert not a.withColumn("c1", a.id * 2).sameSemantics(b.withColumn("c1", b.id + 2))
        assert a.selectExpr("id as x").semanticHash() == b.selectExpr("id as y").semanticHash()


def test_observe_accepts_unnamed_metrics(spark, pyspark_session):
    from pyspark.sql import Observation as PObservation

    from dfengine.sql import Observation

    F, PF = _fns()
    d, p = _both(spark, pyspark_session, [(2, "Alice"), (5, "Bob"), (None, "C")],
                 "age int, name string")
    o, po = Observation("m"), PObservation("m")
    assert d.observe(o, F.count(F.lit(1)).alias("n"), F.max("age"),
                     F.sum(F.col("age") + 1)).count() == p.observe(
        po, PF.count(PF.lit(1)).alias("n"), PF.max("age"), PF.sum(PF.col("age") + 1)).count()
    assert o.get == po.get


def test_group_by_and_pivot_on_struct_fields(spark, pyspark_session):
    F, PF = _fns()
    rows = [("e", ("dotNET", 2012, 10000)), ("j", ("Java", 2012, 20000)),
            ("e", ("dotNET", 2012, 5000)), ("e", ("dotNET", 2013, 48000)),
            ("j", ("Java", 2013, None)), ("j", (None, 2013, 7))]
    schema = "training string, sales struct<course: string, year: int, earnings: int>"
    d, p = _both(spark, pyspark_session, rows, schema)
    _same(d.groupBy("sales.year").pivot("sales.course").agg(F.sum("sales.earnings"))
          .sort("year"),
          p.groupBy("sales.year").pivot("sales.course").agg(PF.sum("sales.earnings"))
          .sort("year"))
    _same(d.groupBy("sales.year", "training").agg(F.count("sales.course")).sort(
        "year", "training"),
        p.groupBy("sales.year", "training").agg(PF.count("sales.course")).sort(
        "year", "training"))


def test_row_number_over_a_small_frame(spark, pyspark_session):
    from pyspark.sql import Window as PW

    from dfengine.sql import Window

    F, PF = _fns()
    rows = [(1, "a"), (1, "a"), (2, "a"), (1, "b"), (2, "b"), (3, "b"), (None, "c")]
    d, p = _both(spark, pyspark_session, rows, "id int, category string")
    got = d.withColumn("rn", F.row_number().over(Window.partitionBy("id").orderBy("category")))
    want = p.withColumn("rn", PF.row_number().over(PW.partitionBy("id").orderBy("category")))
    _same(got, want, ordered=False)
    # one partition: rows come out grouped by the partition key, each group in window order
    assert [(r.id, r.rn) for r in got.collect()] == sorted(
        [(r.id, r.rn) for r in got.collect()], key=lambda t: (t[0] is not None, t))


def _lateral_sides(s):
    c = s.createDataFrame([(1, "A", [1, 2]), (2, "B", []), (3, "C", None), (None, "D", [5])],
                          "cid int, name string, xs array<int>").alias("c")
    o = s.createDataFrame([(10, 1, 5), (11, 1, 7), (12, 2, 3), (13, 1, 9), (14, None, 1)],
                          "oid int, cid int, amt int").alias("o")
    return c, o


@pytest.mark.parametrize("how", [None, "left"])
def test_lateral_join_top_rows_per_outer_row(spark, pyspark_session, how):
    F, PF = _fns()
    (dc, do), (pc, po) = _lateral_sides(spark), _lateral_sides(pyspark_session)

    def top(F, c, o):
        sub = o.where(F.col("o.cid") == F.col("c.cid").outer()).select("oid", "amt").orderBy(
            F.col("amt").desc()).limit(2)
        return c.lateralJoin(sub, how=how).drop("xs").orderBy("name", "oid")

    _same(top(F, dc, do), top(PF, pc, po))


def test_lateral_join_aggregate_and_computed_columns(spark, pyspark_session):
    F, PF = _fns()
    (dc, do), (pc, po) = _lateral_sides(spark), _lateral_sides(pyspark_session)

    def agg(F, c, o):
        return c.lateralJoin(o.where(F.col("o.cid") == F.col("c.cid").outer()).select(
            F.sum("amt").alias("s"), F.count("*").alias("n"))).drop("xs").orderBy("name")

    def computed(F, c, o):
        sub = o.select("oid", (F.col("amt") + F.col("c.cid").outer()).alias("z"))
        return c.lateralJoin(sub, on=F.col("z") > 8).drop("xs").orderBy("name", "oid")

    _same(agg(F, dc, do), agg(PF, pc, po))
    _same(computed(F, dc, do), computed(PF, pc, po))


@pytest.mark.parametrize("how", [None, "left"])
def test_lateral_join_table_function_of_outer_columns(spark, pyspark_session, how):
    F, PF = _fns()
    (dc, _), (pc, _) = _lateral_sides(spark), _lateral_sides(pyspark_session)
    _same(dc.lateralJoin(spark.tvf.explode(F.col("xs").outer()), how=how)
          .orderBy("name", "col"),
          pc.lateralJoin(pyspark_session.tvf.explode(PF.col("xs").outer()), how=how)
          .orderBy("name", "col"))
    _same(dc.lateralJoin(spark.tvf.posexplode(F.col("xs").outer()).select(
        (F.col("col") * 10).alias("y"))).orderBy("name", "y"),
        pc.lateralJoin(pyspark_session.tvf.posexplode(PF.col("xs").outer()).select(
            (PF.col("col") * 10).alias("y"))).orderBy("name", "y"))


def test_lateral_join_refuses_right_joins(spark):
    from dfengine.errors import AnalysisException

    c, o = _lateral_sides(spark)
    with pytest.raises(AnalysisException, match="UNSUPPORTED_JOIN_TYPE"):
        c.lateralJoin(o, how="right")


def _counter_udtf():
    from dfengine.sql.functions import udtf

    @udtf(returnType="k: int, n: int, first: string, mult: int")
    class Counter:
        """One row per partition of the table argument: its key, rows, first value."""

        def __init__(self):
            self.k, self.n, self.first, self.m = None, 0, None, None

        def eval(self, row, m):
            self.k, self.m = row["key"], m
            self.n += 1
            if self.first is None:
                self.first = row["value"]

        def terminate(self):
            yield self.k, self.n, self.first, self.m

    return Counter


def test_udtf_over_a_table_argument(spark):
    # (PySpark's Python worker here has no pyarrow, so these are checked against the
    # semantics of SQL's TABLE(t) PARTITION BY ... ORDER BY ... instead)
    from dfengine.sql import functions as F
    from dfengine.sql.functions import udtf

    @udtf(returnType="id: int, doubled: int")
    class Double:
        def eval(self, row):
            yield row["id"], None if row["id"] is None else row["id"] * 2

    df = spark.createDataFrame([(1,), (2,), (None,)], ["id"])
    assert sorted(Double(df.asTable()).collect(), key=repr) == sorted(
        [(1, 2), (2, 4), (None, None)], key=repr)
    counter = _counter_udtf()
    d = spark.createDataFrame([(1, "b"), (1, "a"), (2, "d"), (2, "c"), (None, "z")],
                              "key int, value string")
    by_key = counter(d.asTable().partitionBy("key").orderBy("value"), F.lit(3))
    assert [tuple(r) for r in by_key.orderBy("k").collect()] == [
        (None, 1, "z", 3), (1, 2, "a", 3), (2, 2, "c", 3)]
    desc = counter(d.asTable().partitionBy(F.col("key")).orderBy(F.col("value").desc()), F.lit(3))
    assert [r.first for r in desc.orderBy("k").collect()] == ["z", "b", "d"]
    single = counter(d.asTable().withSinglePartition().orderBy("value"), F.lit(3))
    assert [tuple(r) for r in single.collect()] == [(None, 5, "a", 3)]


def test_table_argument_call_order_is_checked(spark):
    from dfengine.errors import IllegalArgumentException

    t = spark.range(3).asTable()
    with pytest.raises(IllegalArgumentException, match="before orderBy"):
        t.orderBy("id")
    with pytest.raises(IllegalArgumentException, match="after partitionBy"):
        t.withSinglePartition().partitionBy("id")
    with pytest.raises(IllegalArgumentException, match="after partitionBy"):
        t.partitionBy("id").withSinglePartition()


def _nearest_sides(s):
    u = s.createDataFrame([(1, 10.0), (2, 20.0), (3, None), (1, 10.0)], "user_id int, score double")
    p = s.createDataFrame([("A", 11.0), ("B", 22.0), ("C", 5.0), ("D", None)],
                          "product string, pscore double")
    return u, p


@pytest.mark.parametrize("direction", ["distance", "similarity"])
def test_nearest_by_join_top_k_per_left_row(spark, pyspark_session, direction):
    F, PF = _fns()
    (du, dp), (pu, pp) = _nearest_sides(spark), _nearest_sides(pyspark_session)
    _same(du.nearestByJoin(dp, F.abs(du.score - dp.pscore), 2, "exact", direction),
          pu.nearestByJoin(pp, PF.abs(pu.score - pp.pscore), 2, "exact", direction),
          ordered=False)
    _same(du.nearestByJoin(dp.limit(0), F.abs(du.score - dp.pscore), 2, "approx", direction,
                           joinType="leftouter"),
          pu.nearestByJoin(pp.limit(0), PF.abs(pu.score - pp.pscore), 2, "approx", direction,
                           joinType="leftouter"), ordered=False)


@pytest.mark.parametrize("args, error", [
    ((0, "exact", "distance"), "NUM_RESULTS_OUT_OF_RANGE"),
    ((1, "bad", "distance"), "UNSUPPORTED_MODE"),
    ((1, "exact", "bad"), "UNSUPPORTED_DIRECTION")])
def test_nearest_by_join_checks_its_arguments(spark, args, error):
    from dfengine.errors import AnalysisException
    from dfengine.sql import functions as F

    u, p = _nearest_sides(spark)
    with pytest.raises(AnalysisException, match=error):
        u.nearestByJoin(p, F.abs(u.score - p.pscore), *args)
    with pytest.raises(AnalysisException, match="UNSUPPORTED_JOIN_TYPE"):
        u.nearestByJoin(p, F.abs(u.score - p.pscore), 1, "exact", "distance", joinType="right")


def _asof_sides(s):
    left = s.createDataFrame([(1, "x", "a"), (5, "x", "b"), (10, "y", "c"), (None, "x", "d"),
                              (4, "y", "e")], "a int, k string, left_val string")
    right = s.createDataFrame([(1, "x", 1), (2, "y", 2), (3, "x", 3), (6, "x", 6), (7, "y", 7),
                               (None, "x", 0)], "a int, k string, right_val int")
    return left, right


@pytest.mark.parametrize("kwargs", [
    {}, {"how": "left"}, {"direction": "forward"}, {"direction": "nearest"},
    {"allowExactMatches": False, "how": "left"}, {"on": "k"}, {"on": "k", "how": "left",
                                                               "direction": "nearest"}])
def test_join_as_of(spark, pyspark_session, kwargs):
    F, PF = _fns()
    (dl, dr), (pl, pr) = _asof_sides(spark), _asof_sides(pyspark_session)
    _same(dl._joinAsOf(dr, "a", "a", **kwargs).select(dl.a, "left_val", "right_val"),
          pl._joinAsOf(pr, "a", "a", **kwargs).select(pl.a, "left_val", "right_val"),
          ordered=False)
    _same(dl._joinAsOf(dr, dl.a, dr.a, tolerance=F.lit(1), **kwargs).select(
        dl.a, "left_val", "right_val"),
        pl._joinAsOf(pr, pl.a, pr.a, tolerance=PF.lit(1), **kwargs).select(
        pl.a, "left_val", "right_val"), ordered=False)


def test_subquery_columns_are_named_as_spark_and_work_in_with_column(spark, pyspark_session):
    F, PF = _fns()
    rows = [(1, "A", 10, 1), (2, "B", 20, 1), (3, "C", 5, None)]
    d, p = _both(spark, pyspark_session, rows, "id int, name string, sal int, dept int")

    def q(F, s, e):
        top = e.alias("e2").where(F.col("e2.dept") == F.col("e1.dept").outer()).select(
            F.max("sal"))
        ex = e.alias("e2").where(F.col("e2.id") == F.col("e1.id").outer()).exists()
        within = F.col("sal").isin(e.alias("e2").where(
            F.col("e2.dept") == F.col("e1.dept").outer()).select("sal"))
        return e.alias("e1").select("name", top.scalar(), s.range(3).select(F.max("id"))
                                    .scalar(), ex, within).orderBy("name")

    _same(q(F, spark, d), q(PF, pyspark_session, p))
    wd = d.alias("e1").withColumn("mx", d.alias("e2").where(
        F.col("e2.dept") == F.col("e1.dept").outer()).select(F.max("sal")).scalar())
    wp = p.alias("e1").withColumn("mx", p.alias("e2").where(
        PF.col("e2.dept") == PF.col("e1.dept").outer()).select(PF.max("sal")).scalar())
    _same(wd.orderBy("id"), wp.orderBy("id"))


def test_repartition_by_column_of_a_small_frame_is_coalesced_as_spark(spark, pyspark_session):
    F, PF = _fns()
    d = spark.range(100).withColumn("k", F.col("id") % 7).repartition("k")
    p = pyspark_session.range(100).withColumn("k", PF.col("id") % 7).repartition("k")
    assert d.rdd.getNumPartitions() == p.rdd.getNumPartitions() == 1
    _same(d.groupBy("k").count().orderBy("k"), p.groupBy("k").count().orderBy("k"))
    assert spark.range(100).repartition(5, "id").rdd.getNumPartitions() == 5


def test_streaming_observe_reports_each_batch_in_progress(spark):
    import time

    from dfengine.sql import functions as F

    src = spark.readStream.format("rate").option("rowsPerSecond", 4).load()
    q = src.observe("ev", F.count(F.lit(1)).alias("rc"),
                    F.count(F.when(F.col("value") % 2 == 0, 1)).alias("even")) \
        .writeStream.format("memory").queryName("h3_observed").start()
    try:
        deadline = time.time() + 30
        while not [p for p in q.recentProgress if p["numInputRows"]] and time.time() < deadline:
            time.sleep(0.2)
    finally:
        q.stop()
    batches = [p for p in q.recentProgress if p["numInputRows"]]
    assert batches
    for p in batches:  # each batch's own rows, counted where the observe sits
        row = p.observedMetrics["ev"]
        assert row.rc == p["numInputRows"] and 0 <= row.even <= row.rc
