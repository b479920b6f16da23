"""A fresh process that only queries loads no more than the query needs: no Dask for small
queries over local data (they run inline), no distributed (the
embedded cluster starts on first use), no sqlglot (until `spark.sql`), no Numba (until a
kernel runs), no pandas (pyarrow imports it on the first conversion of Python values, so
literals, counts and filters build their arrays from buffers), no streaming package (until a
stream is made). Checked in a child process, by the modules it imported, not by time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, sys
import dfengine.sql
spark = dfengine.sql.SparkSession.builder.master("local[2]").getOrCreate()
assert spark.range(10).count() == 10
assert spark.range(10).filter(dfengine.sql.functions.col("id") > 3).count() == 6
row = spark.range(10).agg({"id": "sum"}).collect()[0]
assert row[0] == 45, row
modules = ("dask", "distributed", "sqlglot", "numba", "pandas", "dfengine.sql.streaming")
loaded = {m: m in sys.modules for m in modules}
spark.sql("select 1 as x").collect()
loaded["sqlglot after spark.sql"] = "sqlglot" in sys.modules
assert spark.range(100).selectExpr("id % 3 as k").groupBy("k").count().count() == 3
rdd_sum = spark.sparkContext.parallelize(range(5), 2).sum()
loaded["rdd works"] = rdd_sum == 10
print(json.dumps(loaded))
"""


def test_a_first_query_imports_no_distributed_sqlglot_numba_pandas_or_streaming():
    env = dict(os.environ, PYTHONPATH=str(ROOT), DFENGINE_QUIET="1")
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {"dask": False, "distributed": False, "sqlglot": False, "numba": False,
                      "pandas": False,
                      "dfengine.sql.streaming": False, "sqlglot after spark.sql": True,
                      "rdd works": True}


Q1_CHILD = """
import json, sys
from benchmarks.tpch.data import table_paths
from benchmarks.tpch.queries import query_text
import dfengine.sql
spark = dfengine.sql.SparkSession.builder.master("local[2]").getOrCreate()
spark.read.parquet(str(table_paths(0.01)["lineitem"])).createOrReplaceTempView("lineitem")
rows = spark.sql(query_text(1)).collect()
print(json.dumps({"rows": len(rows), "pandas": "pandas" in sys.modules}))
"""


def test_a_first_tpch_q1_collect_imports_no_pandas():
    """Q1's literals (a date, decimals), scan filter, fused scan aggregate and finalisation
    build their Arrow values from buffers: pandas (0.2-0.3 s) loads only for toPandas."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), DFENGINE_QUIET="1")
    done = subprocess.run([sys.executable, "-c", Q1_CHILD], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"rows": 4, "pandas": False}
