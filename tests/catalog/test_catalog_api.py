"""`spark.catalog`: every method of pyspark.sql.Catalog, compared with PySpark where both
engines can run it on the same objects."""

from __future__ import annotations

import inspect

import pytest

from tests.catalog.conftest import DB, outcome, rows_of


@pytest.fixture(scope="module")
def objects(dfe, pys):
    for s in (dfe, pys):
        s.createDataFrame([(1, "a"), (2, "b")], "id long, v string").write.partitionBy("v") \
            .saveAsTable("cp")
        s.createDataFrame([(1.5,)], "x double").write.saveAsTable("cu")
        s.createDataFrame([(1,)], "t int").createOrReplaceTempView("ctv")
    yield
    for s in (dfe, pys):
        s.catalog.dropTempView("ctv")


def _tables(rows):
    return sorted((t.name, t.namespace, t.tableType, t.isTemporary) for t in rows
                  if t.name in ("cp", "cu", "ctv"))


CASES = {
    "currentCatalog": lambda c: c.currentCatalog(),
    "listCatalogs": lambda c: [tuple(x) for x in c.listCatalogs()],
    "currentDatabase": lambda c: c.currentDatabase(),
    "databaseExists": lambda c: (c.databaseExists(DB), c.databaseExists("nope_db"),
                                 c.databaseExists("default")),
    "listDatabases": lambda c: sorted(d.name for d in c.listDatabases() if d.name in
                                      ("default", DB)),
    "listDatabases pattern": lambda c: [d.name for d in c.listDatabases("dfe_c*")],
    "getDatabase": lambda c: (c.getDatabase(DB).name, c.getDatabase(DB).catalog),
    "getDatabase missing": lambda c: c.getDatabase("nope_db"),
    "listTables": lambda c: _tables(c.listTables()),
    "listTables pattern": lambda c: _tables(c.listTables(pattern="c?")),
    "listTables db": lambda c: _tables(c.listTables(DB)),
    "listViews": lambda c: sorted(t.name for t in c.listViews() if t.name == "ctv"),
    "getTable": lambda c: tuple(c.getTable("cp")),
    "getTable view": lambda c: tuple(c.getTable("ctv")),
    "getTable missing": lambda c: c.getTable("nope"),
    "tableExists": lambda c: (c.tableExists("cp"), c.tableExists("ctv"),
                              c.tableExists("nope"), c.tableExists("cp", DB),
                              c.tableExists(f"{DB}.cu")),
    "listColumns": lambda c: [tuple(x) for x in c.listColumns("cp")],
    "listColumns view": lambda c: [tuple(x) for x in c.listColumns("ctv")],
    "listColumns missing": lambda c: c.listColumns("nope"),
    "listPartitions": lambda c: [tuple(p) for p in c.listPartitions("cp")],
    "listPartitions unpartitioned": lambda c: c.listPartitions("cu"),
    "recoverPartitions": lambda c: c.recoverPartitions("cp"),
    "recoverPartitions unpartitioned": lambda c: c.recoverPartitions("cu"),
    "getTableProperties": lambda c: c.getTableProperties("cu"),
    "getCreateTableString": lambda c: c.getCreateTableString("cp"),
    "functionExists": lambda c: (c.functionExists("abs"), c.functionExists("upper"),
                                 c.functionExists("no_such_fn")),
    "getFunction": lambda c: (c.getFunction("abs").name, c.getFunction("abs").isTemporary),
    "getFunction missing": lambda c: c.getFunction("no_such_fn"),
    "listFunctions pattern": lambda c: sorted(f.name for f in c.listFunctions(pattern="upp*")),
    "cache": lambda c: (c.isCached("cu"), c.cacheTable("cu"), c.isCached("cu"),
                        c.uncacheTable("cu"), c.isCached("cu")),
    "clearCache": lambda c: (c.cacheTable("cu"), c.clearCache(), c.isCached("cu")),
    "refreshTable": lambda c: c.refreshTable("cu"),
    "analyzeTable": lambda c: c.analyzeTable("cu"),
    "setCurrentCatalog": lambda c: c.setCurrentCatalog("spark_catalog"),
    "setCurrentDatabase missing": lambda c: c.setCurrentDatabase("nope_db"),
    "dropTempView missing": lambda c: c.dropTempView("nope"),
    "dropGlobalTempView missing": lambda c: c.dropGlobalTempView("nope"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_catalog_method_matches_pyspark(dfe, pys, objects, case):
    fn = CASES[case]
    assert outcome(dfe.catalog, fn) == outcome(pys.catalog, fn)


def test_create_drop_truncate_database_and_tables(dfe, pys, tmp_path):
    def script(c):
        out = [c.createDatabase("dfe_cat2", properties={"location": str(tmp_path / c.__class__
                                                                       .__module__)})]
        out.append(c.databaseExists("dfe_cat2"))
        out.append(outcome(c, lambda c: c.createDatabase("dfe_cat2")))
        c.createDatabase("dfe_cat2", ifNotExists=True)
        df = c.createTable("dfe_cat2.made", schema=_schema(c))
        out.append(rows_of(df))
        out.append(c.tableExists("made", "dfe_cat2"))
        out.append(outcome(c, lambda c: c.dropDatabase("dfe_cat2")))
        c.truncateTable("dfe_cat2.made")
        c.dropTable("dfe_cat2.made")
        out.append(c.tableExists("dfe_cat2.made"))
        out.append(outcome(c, lambda c: c.dropTable("dfe_cat2.made")))
        c.dropTable("dfe_cat2.made", ifExists=True)
        c.dropDatabase("dfe_cat2", cascade=True)
        out.append(c.databaseExists("dfe_cat2"))
        out.append(outcome(c, lambda c: c.dropDatabase("dfe_cat2")))
        c.dropDatabase("dfe_cat2", ifExists=True)
        return out

    assert script(dfe.catalog) == script(pys.catalog)


def _schema(catalog):
    mod = catalog._s if hasattr(catalog, "_s") else None
    if mod is not None:
        from dfengine.sql.types import LongType, StructField, StructType
    else:
        from pyspark.sql.types import LongType, StructField, StructType
    return StructType([StructField("n", LongType())])


def test_every_pyspark_catalog_method_exists(spark):
    from pyspark.sql.catalog import Catalog as PyCatalog

    names = [n for n, _ in inspect.getmembers(PyCatalog, inspect.isfunction)
             if not n.startswith("_")]
    missing = [n for n in names if not hasattr(spark.catalog, n)]
    print(f"Catalog: {len(names) - len(missing)}/{len(names)} methods")
    assert not missing


def test_list_functions_reads_the_function_registry(dfe):
    names = {f.name for f in dfe.catalog.listFunctions()}
    assert {"abs", "upper", "sum", "count", "row_number", "coalesce"} <= names
    assert len(names) > 100
