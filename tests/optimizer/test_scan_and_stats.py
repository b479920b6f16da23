"""Row-group pruning through a join, statistics from parquet metadata, broadcast choice and
statistics-driven join order."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dfengine.optimizer.statistics import estimate
from dfengine.plan import logical as L
from dfengine.sql import functions as F


@pytest.fixture(scope="module")
def star(tmp_path_factory):
    """fact(fk, v): 20,000 rows sorted by fk (10 rows per key), 20 row groups of 1,000 rows;
    dim(dk, name): 2,000 rows."""
    d = tmp_path_factory.mktemp("star")
    fk = np.repeat(np.arange(2000, dtype=np.int32), 10)
    fact = pa.table({"fk": fk, "v": np.arange(20000, dtype=np.float64) / 7})
    dim = pa.table({"dk": np.arange(2000, dtype=np.int32),
                    "name": [f"n{i % 13}" for i in range(2000)]})
    pq.write_table(fact, d / "fact.parquet", row_group_size=1000)
    pq.write_table(dim, d / "dim.parquet", row_group_size=500)
    return d, fact.to_pandas(), dim.to_pandas()


def _scans(df):
    return [n for n in df._qe().physical.walk() if type(n).__name__ == "ScanExec"] if hasattr(
        df._qe().physical, "walk") else _walk(df._qe().physical)


def _walk(node):
    out = [node] if type(node).__name__ == "ScanExec" else []
    for c in node.children:
        out += _walk(c)
    return out


def test_selective_filter_on_joined_table_reads_a_fraction_of_row_groups(spark, star,
                                                                         optimizer_conf):
    d, fact, dim = star
    f = spark.read.parquet(str(d / "fact.parquet"))
    m = spark.read.parquet(str(d / "dim.parquet"))
    # The filter is on the dimension's key; inference copies it to the fact's key, and the
    # fact's row-group statistics then skip 19 of its 20 row groups.
    q = (f.join(m, f.fk == m.dk).where(F.col("dk") < 100)
         .groupBy("name").agg(F.sum("v").alias("s"), F.count("*").alias("n")))
    scans = {s.label: s for s in _walk(q._qe().physical)}
    fact_scan = scans["fact.parquet"]
    read = sum(len(p.row_groups) for p in fact_scan.pieces)
    assert read == 1 and fact_scan.pruned == 19
    assert "pruned_row_groups=19" in q._explain_string("extended")
    got = q.toPandas().sort_values("name").reset_index(drop=True)

    j = fact.merge(dim, left_on="fk", right_on="dk")
    j = j[j.dk < 100]
    want = (j.groupby("name").agg(s=("v", "sum"), n=("v", "size")).reset_index()
            .sort_values("name").reset_index(drop=True))
    assert list(got["name"]) == list(want["name"])
    assert np.allclose(got["s"], want["s"]) and list(got["n"]) == list(want["n"])

    optimizer_conf.set("dfengine.optimizer.enabled", "false")
    unopt = {s.label: s for s in _walk(q._qe().physical)}["fact.parquet"]
    assert sum(len(p.row_groups) for p in unopt.pieces) == 20


def test_pruning_keeps_groups_that_may_match(spark, star):
    d, fact, _ = star
    f = spark.read.parquet(str(d / "fact.parquet"))
    q = f.where((F.col("fk") >= 950) & (F.col("fk") <= 1050))   # spans groups 9 and 10
    scan = _walk(q._qe().physical)[0]
    assert sorted(g for p in scan.pieces for g in p.row_groups) == [9, 10]
    assert q.count() == int(((fact.fk >= 950) & (fact.fk <= 1050)).sum())


def test_all_row_groups_pruned_gives_empty_result(spark, star):
    d, _, _ = star
    f = spark.read.parquet(str(d / "fact.parquet"))
    m = spark.read.parquet(str(d / "dim.parquet"))
    q = f.join(m, f.fk == m.dk).where(F.col("fk") > 5000)
    assert q.collect() == []


def test_parquet_row_counts_and_filter_selectivity(spark, star):
    d, fact, _ = star
    f = spark.read.parquet(str(d / "fact.parquet"))
    s = estimate(f._plan)
    assert s.rows == len(fact)
    # fk is uniform on [0, 1999]: a range keeping 10% should be estimated near 10%.
    est = estimate(f.where(F.col("fk") < 200)._qe().optimized).rows
    assert 0.05 * len(fact) <= est <= 0.2 * len(fact)
    # A foreign-key join keeps about |fact| rows.
    m = spark.read.parquet(str(d / "dim.parquet"))
    j = estimate(f.join(m, f.fk == m.dk)._plan).rows
    assert 0.5 * len(fact) <= j <= 2 * len(fact)


def test_low_cardinality_strings_have_distinct_counts(spark, tmp_path):
    """dim.name has 13 values: grouping by it is estimated at 13 groups (not millions), and
    `name = lit` keeps 1/13; free text stays unknown."""
    rng = np.random.default_rng(3)
    n = 20_000
    t = pa.table({"flag": [f"f{i}" for i in rng.integers(0, 13, n)],
                  "text": [f"unique comment {i} " * 3 for i in range(n)],
                  "v": np.arange(n)})
    pq.write_table(t, tmp_path / "t.parquet", row_group_size=5000)
    df = spark.read.parquet(str(tmp_path / "t.parquet"))
    assert estimate(df.groupBy("flag").count()._qe().optimized).rows == 13
    est = estimate(df.where(F.col("flag") == "f3")._qe().optimized).rows
    assert est == pytest.approx(n / 13)
    assert estimate(df.groupBy("text").count()._qe().optimized).rows > 1000


def test_in_memory_source_statistics(spark):
    df = spark.createDataFrame(pd.DataFrame({"k": range(1000), "v": [1.0] * 1000}))
    s = estimate(df._plan)
    assert s.rows == 1000 and s.bytes > 0
    assert 40 <= estimate(df.where(F.col("k") < 100)._plan).rows <= 200


def test_broadcast_when_small_and_not_when_disabled(spark, star, optimizer_conf):
    d, _, _ = star
    f = spark.read.parquet(str(d / "fact.parquet"))
    m = spark.read.parquet(str(d / "dim.parquet"))
    q = f.join(m, f.fk == m.dk)
    assert "BroadcastHashJoin" in q._qe().physical.tree_string()
    optimizer_conf.set("spark.sql.autoBroadcastJoinThreshold", "-1")
    assert "BroadcastHashJoin" not in q._qe().physical.tree_string()
    assert q.count() == 20000


def test_join_reorder_starts_with_smallest_intermediate(spark, optimizer_conf):
    big = spark.createDataFrame([(i, i % 100) for i in range(5000)], "b_id int, b_m int")
    mid = spark.createDataFrame([(i, i % 10) for i in range(100)], "m_id int, m_s int")
    small = spark.createDataFrame([(i, f"s{i}") for i in range(10)], "s_id int, s_name string")
    q = big.join(mid, F.col("b_m") == F.col("m_id")).join(small, F.col("m_s") == F.col("s_id"))
    plan = q._qe().optimized
    joins = plan.find(L.Join)
    deepest = joins[-1]
    leaves = {a.name for a in deepest.left.output + deepest.right.output}
    assert {"m_id", "s_id"} <= leaves and "b_id" not in leaves
    assert sorted(q.collect()) == sorted(_unoptimized(q, optimizer_conf))


def _unoptimized(df, conf):
    conf.set("dfengine.optimizer.enabled", "false")
    try:
        return df.collect()
    finally:
        conf.set("dfengine.optimizer.enabled", "true")


def test_scan_statistics_sample_only_the_columns_read_or_filtered(spark, tmp_path, monkeypatch):
    """A column's distinct-value sample reads a row group of it: a scan samples only the
    columns it reads or filters on (a first TPC-H Q1 read lineitem's three key columns just
    for estimates), and its estimates are those of a scan of every column."""
    from dfengine.optimizer import statistics

    n = 20_000
    t = pa.table({"k": np.repeat(np.arange(n // 4, dtype=np.int64), 4),
                  "other": np.arange(n, dtype=np.int64) * 7,
                  "flag": [f"f{i % 5}" for i in range(n)],
                  "v": np.arange(n, dtype=np.float64)})
    pq.write_table(t, tmp_path / "t.parquet", row_group_size=5000)
    sampled = []
    for name in ("_distinct_ratio", "_categorical_ndv"):
        real = getattr(statistics, name)
        monkeypatch.setattr(statistics, name,
                            lambda path, mtime, column, real=real: (sampled.append(column),
                                                                    real(path, mtime, column))[1])
    df = spark.read.parquet(str(tmp_path / "t.parquet"))
    narrow = estimate(df.where(F.col("k") < 100).select("v")._qe().optimized)
    assert sorted(set(sampled)) == ["k"]
    wide = estimate(df.where(F.col("k") < 100)._qe().optimized)
    assert sorted(set(sampled)) == ["flag", "k", "other"]
    assert narrow.rows == wide.rows


@pytest.mark.parametrize("groups, sizes, parallelism", [
    (53, None, 2), (16, [12, 4], 2), (11, None, 3), (7, None, 2), (3, [1, 1, 1], 2)])
def test_few_pieces_are_recut_evenly_for_the_cores(tmp_path, groups, sizes, parallelism):
    """A one-file scan with a few pieces is re-cut at row-group boundaries into a multiple
    of the cores, of about equal rows; every row group is read once, in order."""
    from dfengine.datasource.scan import Piece, SourceFile
    from dfengine.datasource.sizing import balance_pieces

    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"x": np.arange(groups * 100)}), path, row_group_size=100)
    sizes = sizes or [5] * (groups // 5) + ([groups % 5] if groups % 5 else [])
    f, pieces, start = SourceFile(str(path)), [], 0
    for s in sizes:
        pieces.append(Piece(f, tuple(range(start, start + s)), 100 * s))
        start += s
    got = balance_pieces(pieces, parallelism)
    assert [g for p in got for g in p.row_groups] == list(range(groups))
    assert sum(p.num_rows for p in got) == 100 * groups
    want = -(-len(pieces) // parallelism) * parallelism
    if len(pieces) < 8 * parallelism and groups >= want:
        assert len(got) % parallelism == 0
        rows = [p.num_rows for p in got]
        assert max(rows) - min(rows) <= 100 + 100 * (groups // len(got) // 2)
    else:
        assert got == pieces


@pytest.mark.parametrize("group_rows, cut", [(20_000, True), (100, False)])
def test_one_large_piece_is_cut_for_the_cores(tmp_path, group_rows, cut):
    """A file read as one piece (TPC-H customer: 4 row groups, 150k rows) is cut in two on
    2 cores when it is large; a small one stays one task."""
    from dfengine.datasource.scan import Piece, SourceFile
    from dfengine.datasource.sizing import balance_pieces

    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"x": np.arange(4 * group_rows)}), path, row_group_size=group_rows)
    piece = Piece(SourceFile(str(path)), (0, 1, 2, 3), 4 * group_rows)
    got = balance_pieces([piece], 2)
    assert [p.row_groups for p in got] == ([(0, 1), (2, 3)] if cut else [(0, 1, 2, 3)])
    assert sum(p.num_rows for p in got) == 4 * group_rows


@pytest.mark.parametrize("groups, threads", [(1, True), (4, False)])
def test_pieces_decode_on_pyarrow_threads_only_when_fewer_than_cores(spark, tmp_path, groups,
                                                                      threads):
    """A scan of fewer pieces than cores decodes each piece's columns on pyarrow's threads
    (its tasks leave cores idle); a scan of more decodes each on its own task's thread."""
    from dfengine.execution.metrics import operators

    if spark.sparkContext.defaultParallelism != 2:
        pytest.skip("written for the suite's local[2] session")
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"x": np.arange(groups * 60_000)}), path, row_group_size=60_000)
    df = spark.read.parquet(str(path))
    (scan,) = [n for _i, _d, n in operators(df._qe().physical) if hasattr(n, "pieces")]
    assert len(scan.pieces) == (1 if groups == 1 else 2)
    assert all(p.decode_threads == threads for p in scan.pieces)
    assert df.count() == groups * 60_000
