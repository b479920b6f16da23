"""A fresh process that only queries loads no more than the query needs: no distributed (the
embedded cluster starts on first use), no sqlglot (until `spark.sql`), no Numba (until a
kernel runs). Checked in a child process, by the modules it imported, not by time."""

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
loaded = {m: m in sys.modules for m in ("distributed", "sqlglot", "numba")}
spark.sql("select 1 as x").collect()
loaded["sqlglot after spark.sql"] = "sqlglot" in sys.modules
assert spark.range(100).selectExpr("id % 3 as k").groupBy("k").count().count() == 3
rdd_sum = spark.sparkContext.parallelize(range(5), 2).sum()
loaded["rdd works"] = rdd_sum == 10
print(json.dumps(loaded))
"""


def test_a_first_query_imports_neither_distributed_nor_sqlglot_nor_numba():
    env = dict(os.environ, PYTHONPATH=str(ROOT), DFENGINE_QUIET="1")
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {"distributed": False, "sqlglot": False, "numba": False,
                      "sqlglot after spark.sql": True, "rdd works": True}
