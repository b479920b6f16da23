"""EXPLAIN ANALYZE: the actual rows each physical operator reports equal a count of the same
subplan run on its own (without metrics), on TPC-H Q3, Q9 and Q18 at SF0.01."""

from __future__ import annotations

import re

import pytest
from dask.threaded import get

from benchmarks.tpch.data import TABLES, ensure_tpch
from benchmarks.tpch.queries import query_text
from dfengine.execution.metrics import operators
from dfengine.execution.physical import Builder


@pytest.fixture(scope="module")
def tpch(spark):
    directory = ensure_tpch(0.01)
    for name in TABLES:
        spark.read.parquet(str(directory / f"{name}.parquet")).createOrReplaceTempView(name)
    return spark


def _count(node) -> int:
    """Rows of a physical subplan, computed on its own with Dask's threaded scheduler."""
    b = Builder()
    b.share_scans(node)
    keys = b.emit("count", node.lower(b))
    return sum(t.num_rows for t in get(b.graph, keys, num_workers=2))


@pytest.mark.parametrize("n", [3, 9, 18])
def test_actual_rows_equal_subplan_counts(tpch, n):
    df = tpch.sql(query_text(n))
    qe = df._qe()
    result = qe.collect_arrow()
    ops = qe.metrics
    nodes = operators(qe.physical)
    assert len(ops) == len(nodes) > 3
    assert ops[0].rows == result.num_rows
    for m, (_i, _d, node) in zip(ops, nodes):
        if getattr(node, "key_filter", ()):  # the join above dropped rows without a partner
            assert m.rows <= _count(node) and "key_filter=[" in m.name, m.name
        else:
            assert m.rows == _count(node), m.name
        assert m.partitions >= 1 and m.seconds > 0
        assert m.bytes > 0 or not m.materialized, m.name  # a chained join's stage
    # a fused chain reports every step, its last step's rows being the chain's (Q3's join
    # outputs just the columns its aggregation reads: no projection step left to fuse)
    # Q9's five broadcast joins run as one chain per lineitem piece (join_chain), whose
    # inner joins still report their own rows (checked above) and time
    assert n != 9 or any(m.chained for m in ops)
    fused = [m for m in ops if len(m.steps) > 1]
    assert (fused or n == 3) and all(m.steps[-1]["rows"] == m.rows for m in fused)
    assert any(m.estimated_rows is not None for m in ops)


def test_explain_analyze_text_dataframe_and_sql(tpch, capsys):
    df = tpch.sql(query_text(3))
    df.explain("analyze")
    text = capsys.readouterr().out
    assert text.startswith("== Physical Plan (analyzed: 10 rows")
    lines = [x for x in text.splitlines()[1:] if x and not x.strip().startswith("step ")]
    assert len(lines) == len(operators(df._qe().physical))
    assert all(re.search(r"\[rows=\d+.*partitions=\d+, time=[\d.]+ m?s, bytes=", x)
               for x in lines)
    assert re.match(r"Sort .*\[rows=10 \(est≈10\)", lines[0])
    sql_text = tpch.sql("EXPLAIN ANALYZE " + query_text(3)).collect()[0][0]
    assert sql_text.splitlines()[1].startswith("Sort ") and "rows=10" in sql_text


def test_metrics_can_be_turned_off(tpch, conf):
    conf("dfengine.sql.metrics.enabled", "false")
    qe = tpch.sql("select count(*) from nation")._qe()
    assert qe.collect_arrow().num_rows == 1
    assert getattr(qe, "metrics", None) is None
