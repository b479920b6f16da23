"""`saveAsTable` (every mode), `insertInto` (appends by position; overwrite=True replaces),
global temp views and `writeTo`, compared with PySpark."""

from __future__ import annotations

import pytest

from tests.catalog.conftest import outcome, rows_of


def _both(dfe, pys, fn, step=0):
    """Run `fn(session)` in both engines; the same rows or the same error."""
    want = outcome(pys, fn)
    got = outcome(dfe, fn)
    assert got == want, f"step {step}"
    return got


def _read(name):
    return lambda s: rows_of(s.table(name))


def test_save_as_table_modes(dfe, pys):
    def data(s, rows=((1, "a"), (2, "b")), schema="id long, v string"):
        return s.createDataFrame(list(rows), schema)

    steps = [
        lambda s: data(s).write.saveAsTable("st"),
        lambda s: data(s).write.saveAsTable("st"),  # errorifexists
        lambda s: data(s).write.mode("ignore").saveAsTable("st"),
        lambda s: data(s).write.mode("append").saveAsTable("st"),
        _read("st"),
        lambda s: data(s, [(1,)], "x int").write.mode("append").saveAsTable("st"),
        # append matches columns by name
        lambda s: data(s, [("c", 3)], "v string, id long").write.mode("append").saveAsTable("st"),
        _read("st"),
        # overwrite replaces the table, schema included
        lambda s: data(s, [(1.5,)], "z double").write.mode("overwrite").saveAsTable("st"),
        _read("st"),
        lambda s: [tuple(c) for c in s.catalog.listColumns("st")],
        lambda s: data(s).write.partitionBy("v").saveAsTable("sp"),
        lambda s: rows_of(s.sql("SHOW PARTITIONS sp")),
        lambda s: [(c.name, c.isPartition) for c in s.catalog.listColumns("sp")],
        lambda s: data(s, [(3, "c")]).write.mode("append").partitionBy("id")
        .saveAsTable("sp"),
        lambda s: data(s).write.format("json").saveAsTable("sj"),
        _read("sj"),
        lambda s: rows_of(s.sql("DESCRIBE EXTENDED sj").filter("col_name = 'Provider'")),
    ]
    for i, step in enumerate(steps):
        _both(dfe, pys, step, i)


def test_insert_into_appends_by_position(dfe, pys):
    steps = [
        lambda s: s.createDataFrame([(1.5,)], "z double").write.saveAsTable("ins"),
        lambda s: s.createDataFrame([(2.5,)], "q double").write.insertInto("ins"),
        lambda s: s.createDataFrame([(3,)], "q int").write.insertInto("ins"),
        _read("ins"),
        lambda s: s.createDataFrame([("x",)], "q string").write.insertInto("ins"),
        lambda s: s.createDataFrame([(1.0, 2.0)], "q double, r double").write.insertInto("ins"),
        lambda s: s.createDataFrame([(9.5,)], "q double").write.insertInto("ins", overwrite=True),
        _read("ins"),
        lambda s: s.createDataFrame([(8.5,)], "q double").write.mode("overwrite")
        .insertInto("ins"),
        _read("ins"),
        lambda s: s.createDataFrame([(1,)], "q int").write.insertInto("no_such_table"),
        lambda s: s.createDataFrame([(1, "a"), (2, "b")], "id long, v string")
        .write.partitionBy("v").saveAsTable("insp"),
        # by position: the last column feeds the partition column
        lambda s: s.createDataFrame([("zz", 5)], "v string, id long").write.insertInto("insp"),
        lambda s: s.createDataFrame([(6, "b")], "a long, b string").write.insertInto("insp"),
        _read("insp"),
        lambda s: rows_of(s.sql("SHOW PARTITIONS insp")),
    ]
    for i, step in enumerate(steps):
        _both(dfe, pys, step, i)


def test_insert_into_appended_rows_are_all_there(dfe):
    """The issue-15 regression: insertInto used to replace the data."""
    dfe.createDataFrame([(i,) for i in range(5)], "a long").write.saveAsTable("keep")
    for _ in range(3):
        dfe.createDataFrame([(i,) for i in range(5)], "a long").write.insertInto("keep")
    assert dfe.table("keep").count() == 20
    assert "keep" not in dfe._views  # a real table, not a temp view


def test_global_temp_views(dfe, pys):
    for s in (dfe, pys):  # global temp views outlive sessions: one left by an earlier test
        s.catalog.dropGlobalTempView("gv")
    steps = [
        lambda s: s.createDataFrame([(1, "a")], "id int, v string").createGlobalTempView("gv"),
        lambda s: s.createDataFrame([(1, "a")], "id int, v string").createGlobalTempView("gv"),
        lambda s: rows_of(s.table("global_temp.gv")),
        lambda s: rows_of(s.sql("SELECT id FROM global_temp.gv")),
        lambda s: rows_of(s.table("gv")),
        lambda s: s.createDataFrame([(2, "b")], "id int, v string")
        .createOrReplaceGlobalTempView("gv"),
        lambda s: rows_of(s.table("global_temp.gv")),
        lambda s: rows_of(s.sql("SHOW TABLES IN global_temp").filter("namespace != ''")),
        lambda s: s.catalog.tableExists("global_temp.gv"),
        lambda s: s.catalog.tableExists("gv", "global_temp"),
        lambda s: rows_of(s.newSession().table("global_temp.gv")),
        lambda s: s.catalog.dropGlobalTempView("gv"),
        lambda s: s.catalog.dropGlobalTempView("gv"),
        lambda s: rows_of(s.table("global_temp.gv")),
    ]
    for i, step in enumerate(steps):
        _both(dfe, pys, step, i)


def test_write_to_create_matches_pyspark(dfe, pys):
    steps = [
        lambda s: s.createDataFrame([(1, "a")], "id long, v string").writeTo("w1").create(),
        lambda s: s.createDataFrame([(1, "a")], "id long, v string").writeTo("w1").create(),
        _read("w1"),
        lambda s: s.createDataFrame([(1, "a"), (2, "b")], "id long, v string").writeTo("w2")
        .using("parquet").partitionedBy("v").tableProperty("k", "v").create(),
        lambda s: rows_of(s.sql("SHOW PARTITIONS w2")),
        lambda s: s.catalog.getTableProperties("w2"),
        lambda s: s.createDataFrame([(1, "a")], "id long, v string").writeTo("nope").append(),
    ]
    for i, step in enumerate(steps):
        _both(dfe, pys, step, i)


def test_write_to_v2_operations(dfe):
    """append/overwrite/overwritePartitions/replace: PySpark refuses them on its v1 session
    tables, so the expectation is DataFrameWriterV2's documented meaning."""
    df = dfe.createDataFrame([(1, "a"), (2, "b"), (3, "b")], "id long, v string")
    df.writeTo("v2").partitionedBy("v").create()
    dfe.createDataFrame([("c", 4)], "v string, id long").writeTo("v2").append()  # by name
    assert sorted(map(tuple, dfe.table("v2").collect())) == [
        (1, "a"), (2, "b"), (3, "b"), (4, "c")]
    dfe.createDataFrame([(9, "b")], "id long, v string").writeTo("v2").overwritePartitions()
    assert sorted(map(tuple, dfe.table("v2").collect())) == [(1, "a"), (4, "c"), (9, "b")]
    from dfengine.sql import functions as F

    dfe.createDataFrame([(7, "z")], "id long, v string").writeTo("v2").overwrite(F.col("id") > 3)
    assert sorted(map(tuple, dfe.table("v2").collect())) == [(1, "a"), (7, "z")]
    dfe.createDataFrame([(0.5,)], "d double").writeTo("v2").replace()
    assert [tuple(r) for r in dfe.table("v2").collect()] == [(0.5,)]
    dfe.createDataFrame([(1,)], "n int").writeTo("v3").createOrReplace()
    dfe.createDataFrame([(2,)], "n int").writeTo("v3").createOrReplace()
    assert [tuple(r) for r in dfe.table("v3").collect()] == [(2,)]
    with pytest.raises(Exception, match="TABLE_OR_VIEW_NOT_FOUND"):
        df.writeTo("v4").replace()


def test_cached_table_sees_inserts(dfe):
    dfe.createDataFrame([(1,)], "a long").write.saveAsTable("cached_t")
    dfe.catalog.cacheTable("cached_t")
    assert dfe.catalog.isCached("cached_t")
    assert dfe.table("cached_t").count() == 1
    dfe.sql("INSERT INTO cached_t VALUES (2)")
    assert dfe.catalog.isCached("cached_t")
    assert sorted(r.a for r in dfe.table("cached_t").collect()) == [1, 2]
    dfe.catalog.uncacheTable("cached_t")
    assert not dfe.catalog.isCached("cached_t")
