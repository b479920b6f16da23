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
