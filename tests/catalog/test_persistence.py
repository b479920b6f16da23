"""Tables survive the session: written by one dfengine session (a separate process), read,
appended to and described by another, then read again by a third."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _run(code: str, warehouse: str) -> dict:
    prog = textwrap.dedent("""
        import json, sys
        from dfengine.sql import SparkSession
        spark = (SparkSession.builder.master("local[1]")
                 .config("dfengine.ui.showProgress", "false")
                 .config("spark.sql.warehouse.dir", sys.argv[1]).getOrCreate())
        out = {}
    """) + textwrap.dedent(code) + "\nprint(json.dumps(out, default=str))\nspark.stop()\n"
    env = dict(os.environ, PYTHONPATH=_ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    res = subprocess.run([sys.executable, "-c", prog, warehouse], check=False,
                         capture_output=True,
                         text=True, timeout=300, env=env, cwd=warehouse)
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_tables_survive_a_new_session(spark, tmp_path):
    wh = str(tmp_path / "warehouse")
    os.makedirs(wh)
    first = _run("""
        spark.sql("CREATE DATABASE sales COMMENT 'kept'")
        df = spark.createDataFrame([(1, "eu", 10.0), (2, "us", 20.0)],
                                   "id long, region string, amount double")
        df.write.partitionBy("region").saveAsTable("sales.orders")
        spark.sql("CREATE TABLE plain (a INT, b STRING) USING parquet")
        spark.sql("INSERT INTO plain VALUES (1, 'x')")
        spark.sql("ALTER TABLE sales.orders ADD PARTITION (region='apac')")
        out["tables"] = sorted(t.name for t in spark.catalog.listTables("sales"))
    """, wh)
    assert first["tables"] == ["orders"]

    saved = spark.conf.get("spark.sql.warehouse.dir", None)
    spark.conf.set("spark.sql.warehouse.dir", wh)
    try:
        assert [d.name for d in spark.catalog.listDatabases()] == ["default", "sales"]
        assert spark.catalog.getDatabase("sales").description == "kept"
        rows = sorted(map(tuple, spark.table("sales.orders").collect()))
        assert rows == [(1, 10.0, "eu"), (2, 20.0, "us")]
        assert [r.partition for r in spark.sql("SHOW PARTITIONS sales.orders").collect()] == [
            "region=apac", "region=eu", "region=us"]
        assert [tuple(r) for r in spark.table("plain").collect()] == [(1, "x")]
        spark.createDataFrame([(3, 30.0, "apac")], "id long, amount double, region string") \
            .write.insertInto("sales.orders")
        spark.sql("INSERT INTO plain VALUES (2, 'y')")
        spark.sql("DROP TABLE plain")
    finally:
        if saved is None:
            spark.conf.unset("spark.sql.warehouse.dir")
        else:
            spark.conf.set("spark.sql.warehouse.dir", saved)

    third = _run("""
        out["orders"] = sorted(map(list, spark.table("sales.orders").collect()))
        out["plain"] = spark.catalog.tableExists("plain")
        out["describe"] = [r.col_name for r in spark.sql("DESCRIBE sales.orders").collect()]
    """, wh)
    assert third["orders"] == [[1, 10.0, "eu"], [2, 20.0, "us"], [3, 30.0, "apac"]]
    assert third["plain"] is False
    assert third["describe"] == ["id", "amount", "region", "# Partition Information",
                                 "# col_name", "region"]
    assert not os.path.exists(os.path.join(wh, "plain"))  # a managed table's files go too


def test_default_warehouse_is_spark_warehouse_in_the_working_directory(tmp_path):
    out = _run("""
        import os
        out["before"] = os.path.exists("spark-warehouse")
        spark.conf.unset("spark.sql.warehouse.dir")
        spark.table  # a lookup of a missing table must not create the warehouse
        try:
            spark.table("nope")
        except Exception as e:
            out["error"] = type(e).__name__
        out["after_lookup"] = os.path.exists("spark-warehouse")
        spark.range(3).write.saveAsTable("t")
        out["files"] = sorted(f for f in os.listdir("spark-warehouse")
                              if not f.endswith("-lock"))
    """, str(tmp_path))
    assert out == {"before": False, "error": "AnalysisException", "after_lookup": False,
                   "files": [".dfengine_metastore.sqlite", "t"]}
