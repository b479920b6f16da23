"""Kernels compiled ahead of time (`dfengine.kernels.aot`): a fresh process runs queries without
importing Numba, with the answers the JIT-compiled kernels give (the oracle); arguments of any
other type, and a module built from other sources, go to the JIT."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dfengine.kernels import aot

ROOT = Path(__file__).resolve().parent.parent

PROGRAM = r"""
import json, sys
from decimal import Decimal
from dfengine.sql import SparkSession
from dfengine.kernels._jit import LazyKernel
import dfengine.kernels.grouping, dfengine.kernels.decimal, dfengine.kernels.hash_table

spark = SparkSession.builder.master("local[2]").getOrCreate()
rows = [(i % 7, Decimal(i % 1000) / 100, f"name{i % 13}", i % 50) for i in range(20000)]
spark.createDataFrame(rows, "k int, v decimal(12,2), s string, j long").createOrReplaceTempView("t")
spark.range(0, 50).selectExpr("id as j", "id * 3 as w").createOrReplaceTempView("u")
queries = [
    "select k, sum(v * (1 - v / 100)) as s, avg(v) as a, count(*) as c from t group by k",
    "select s, sum(w) as sw, count(*) as c from t join u on t.j = u.j group by s",
    "select count(*) as c from t where s like 'name1%' and j in (select j from u where w > 30)",
]
out = [sorted(map(str, spark.sql(q).collect())) for q in queries]
kernels = [m for m in list(sys.modules.values()) if m and m.__name__.startswith("dfengine.kernels.")]
used = sorted({f"{m.__name__}.{k.__name__}" for m in kernels for k in vars(m).values()
               if isinstance(k, LazyKernel) and k._compiled})
print("RESULT", json.dumps({"out": out, "numba": "numba" in sys.modules, "used": used}))
"""


def _run(aot_on: bool) -> dict:
    env = dict(os.environ, DFENGINE_AOT="1" if aot_on else "0")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    done = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True,
                          env=env, cwd=ROOT, check=False, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    line = [x for x in done.stdout.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


@pytest.mark.skipif(not aot.compiled("dfengine.kernels.grouping.group_ids"),
                    reason="kernels not compiled ahead of time (no C compiler at `make`)")
def test_fresh_process_runs_queries_without_numba_and_as_the_jit():
    compiled, jit = _run(True), _run(False)
    assert not compiled["numba"] and jit["numba"]
    assert len(compiled["used"]) >= 3, compiled["used"]  # the kernels ran, compiled
    assert compiled["out"] == jit["out"]


def test_only_exact_argument_types_match_a_compiled_signature():
    (specs,) = [aot.arg_specs(("int64[::1]", ("int64[::1]", "int64", "boolean[::1]",
                                               "int64[:]", "float64")))]
    a, m, f = np.arange(6), np.zeros(6, bool), 1.5
    assert aot.matches(specs, (a, 3, m, a[::2], f))
    assert aot.matches(specs, (a, np.int64(3), m, a, np.float64(f)))  # any layout for [:]
    bad = [
        (a.astype(np.int32), 3, m, a, f),  # another dtype
        (a[::2], 3, m, a, f),  # not C-contiguous where compiled so
        (a, 3.0, m, a, f),  # a float for an int64
        (a, True, m, a, f),  # a bool for an int64
        (a, 2**63, m, a, f),  # an int out of int64's range
        (a, 3, m.astype(np.int8), a, f),
        (a.reshape(2, 3), 3, m, a, f),  # other dimensions
        (a.astype(">i8"), 3, m, a, f),  # not native byte order
        (a, 3, m, a),  # too few arguments
        (list(a), 3, m, a, f),
    ]
    assert not any(aot.matches(specs, args) for args in bad)
    ro = aot.arg_specs(("boolean", ("Array(uint8, 1, 'C', readonly=True)", "boolean")))
    assert ro == (("array", np.dtype(np.uint8), 1, True), ("boolean",))


def test_arguments_of_other_types_are_compiled_by_numba():
    from dfengine.kernels.grouping import row_counts

    ids = np.array([0, 2, 2, 1, 2], dtype=np.int32)  # compiled ahead of time for int64 only
    assert list(row_counts(ids, 3)) == [1, 1, 3]
    assert list(row_counts(ids.astype(np.int64), 3)) == [1, 1, 3]


def test_a_module_built_from_other_sources_is_not_loaded(monkeypatch):
    monkeypatch.setattr(aot, "fingerprint", lambda: "the sources changed since the build")
    assert aot._load() == {}
