"""Aggregations over parquet whose low-cardinality string keys stay dictionary-encoded from
the scan to the partial aggregation (`encoded=[...]` in the physical plan), against DuckDB
on the same files: NULL keys, dictionaries that differ between files, keys also used in
expressions or as aggregate inputs (those must be decoded), and non-decomposable aggregates."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from .conftest import assert_same, rows_of_dfengine, rows_of_duckdb

duckdb = pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def encoded_env(spark, tmp_path_factory):
    root = tmp_path_factory.mktemp("encoded")
    rng = np.random.default_rng(11)
    flags = [["A", "N", "R", None], ["N", "O", "F"]]  # the second file's dictionary differs
    for i, choices in enumerate(flags):
        n = 4000
        table = pa.table({
            "f": pa.array([choices[j] for j in rng.integers(0, len(choices), n)], pa.string()),
            "s": pa.array([["O", "F", None][j] for j in rng.integers(0, 3, n)], pa.string()),
            "v": pa.array(rng.integers(-50, 50, n), pa.int64()),
            "d": pa.array(rng.integers(0, 100, n), pa.int32()),
        })
        pq.write_table(table, root / f"part-{i}.parquet", row_group_size=1000)
    spark.read.parquet(str(root)).createOrReplaceTempView("enc")
    con = duckdb.connect()
    con.execute(f"create view enc as select * from read_parquet('{root}/*.parquet')")
    yield spark, con
    con.close()


QUERIES = {
    "keys_only": (("select f, s, count(*) c, sum(v) sv, avg(v) av, min(v) mn, max(d) mx "
                  "from enc where d < 70 group by f, s"), True),
    "no_rows_left": ("select f, s, count(*), sum(v) from enc where d < 0 group by f, s", True),
    "one_key": ("select f, count(v), sum(d) from enc group by f", True),
    "post_expression": (("select f, upper(f) u, lower(coalesce(f, 'x')) l, count(*) "
                        "from enc group by f"), True),
    "key_also_input": ("select s, max(f), min(f), count(f) from enc group by s", True),
    "key_only_input": ("select max(f), count(f) from enc group by f", False),
    "expression_key": ("select substring(f, 1, 1) k, count(*) from enc group by 1", False),
    "distinct": ("select f, count(distinct v), sum(v) from enc group by f", False),
    "having_order": (("select f, s, sum(v) t from enc group by f, s having count(*) > 10 "
                     "order by f nulls first, s nulls first"), True),
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_matches_duckdb(encoded_env, name):
    spark, con = encoded_env
    sql, encoded = QUERIES[name]
    df = spark.sql(sql)
    assert_same(rows_of_dfengine(df), rows_of_duckdb(con, sql), "order by" in sql, sql)
    scans = [n for n in _walk(df._qe().physical) if type(n).__name__ == "ScanExec"]
    assert bool(scans[0].encoded) == encoded, name


def _walk(node):
    yield node
    for c in node.children:
        yield from _walk(c)
