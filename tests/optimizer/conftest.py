"""Tiny shared tables for optimizer tests, written as parquet with small row groups.

`t(a int, b int, c string)`: 100 rows, a = 0..99 ascending (so row groups of 10 rows have
disjoint a-ranges), b = a % 7 with NULLs every 9th row, c a short string with NULLs.
`u(x int, y int)`: 40 rows, x = 0..39 step 2 repeated, y = x * 10 with NULLs.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest


def _t() -> pa.Table:
    a = list(range(100))
    return pa.table({
        "a": pa.array(a, pa.int32()),
        "b": pa.array([None if i % 9 == 0 else i % 7 for i in a], pa.int32()),
        "c": pa.array([None if i % 11 == 0 else f"s{i % 5}" for i in a], pa.string()),
    })


def _u() -> pa.Table:
    x = [(i * 2) % 60 for i in range(40)]
    return pa.table({
        "x": pa.array(x, pa.int32()),
        "y": pa.array([None if i % 6 == 0 else v * 10 for i, v in enumerate(x)], pa.int32()),
    })


@pytest.fixture(scope="session")
def table_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("optimizer_tables")
    pq.write_table(_t(), d / "t.parquet", row_group_size=10)
    pq.write_table(_u(), d / "u.parquet", row_group_size=10)
    return d


@pytest.fixture()
def tables(spark, table_dir):
    return (spark.read.parquet(str(table_dir / "t.parquet")),
            spark.read.parquet(str(table_dir / "u.parquet")))


@pytest.fixture()
def optimizer_conf(spark):
    """Restore the optimizer switches after a test that changes them."""
    keys = ("dfengine.optimizer.enabled", "dfengine.optimizer.excludedRules",
            "spark.sql.optimizer.excludedRules", "spark.sql.autoBroadcastJoinThreshold")
    saved = {k: spark.conf.get(k, None) for k in keys}
    yield spark.conf
    for k, v in saved.items():
        if v is None:
            try:
                spark.conf.unset(k)
            except Exception:  # noqa: BLE001 - older conf objects without unset
                spark.conf.set(k, "")
        else:
            spark.conf.set(k, v)


def plan_text(plan) -> str:
    """A plan's tree with scan paths reduced to the table name and no column ids."""
    s = plan.tree_string()
    return re.sub(r"Scan parquet \S*/(\w+)\.parquet", r"Scan \1", s)
