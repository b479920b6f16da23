"""The LIKE kernel for `%`-only patterns (kernels/like.py) against Arrow's own match_like on
random strings and patterns: runs that overlap or repeat, multi-byte characters, escaped `%`,
NULLs, sliced and chunked arrays, and through SQL against DuckDB."""

from __future__ import annotations

import random

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from dfengine.compute.evaluate import _literal_runs, _match_runs


def _strings(rnd, n):
    return [None if rnd.random() < 0.1 else "".join(rnd.choice("aabé%") for _ in range(
        rnd.randint(0, 8))) for _ in range(n)]


def _pattern(rnd):
    parts = [rnd.choice(["%", "a", "b", "ab", "é", "aa", "\\\\%"]) for _ in range(rnd.randint(1, 6))]
    return "".join(parts)


@pytest.mark.parametrize("seed", range(8))
def test_kernel_matches_arrow(seed):
    rnd = random.Random(seed)
    values = _strings(rnd, 3000)
    arrays = [pa.array(values), pa.array(values).slice(11, 2000),
              pa.chunked_array([pa.array(values[:50]), pa.array(values[50:])]),
              pa.array(values, pa.large_string())]
    tried = 0
    for _ in range(40):
        pattern = _pattern(rnd)
        runs = _literal_runs(pattern)
        if runs is None:
            continue
        tried += 1
        for arr in arrays:
            assert _match_runs(arr, *runs).equals(pc.match_like(arr, pattern)), pattern
    assert tried > 10


def test_like_through_sql_matches_duckdb(spark):
    duckdb = pytest.importorskip("duckdb")
    rows = [("special requests",), ("requests special",), ("specialrequests",), (None,),
            ("a%b",), ("spécial requests",), ("",)]
    spark.createDataFrame(rows, "s string").createOrReplaceTempView("like_t")
    con = duckdb.connect()
    con.execute("create table like_t(s varchar)")
    con.executemany("insert into like_t values (?)", rows)
    for p in ["%special%requests%", "%requests", "special%s", "%a\\%b%", "%é%", "%e%q%t%"]:
        q = f"select s, s like '{p}' as m from like_t order by s nulls first"
        ours = [tuple(r) for r in spark.sql(q).collect()]
        escaped = q.replace(f"'{p}'", f"'{p}' escape '\\'")  # DuckDB has no default escape
        theirs = con.execute(escaped if "\\" in p else q).fetchall()
        assert ours == theirs, p
    spark.catalog.dropTempView("like_t")
