"""Small generated tables with NULLs, registered both as dfengine temp views and in DuckDB (the
oracle), and `check(sql)` comparing the two answers."""

from __future__ import annotations

import datetime as dt
import decimal
import math

import numpy as np
import pyarrow as pa
import pytest

N_T, N_U = 60, 40


def _with_nulls(values: list, rng: np.random.Generator, rate: float = 0.15) -> list:
    return [None if rng.random() < rate else v for v in values]


def make_tables(seed: int = 7) -> dict[str, pa.Table]:
    rng = np.random.default_rng(seed)
    groups = ["a", "b", "c", "d"]
    base = dt.date(2020, 1, 1)
    t = pa.table({
        "id": pa.array(list(range(N_T)), pa.int32()),
        "grp": pa.array(_with_nulls([groups[i] for i in rng.integers(0, 4, N_T)], rng)),
        "x": pa.array(_with_nulls([int(v) for v in rng.integers(-5, 20, N_T)], rng), pa.int32()),
        "y": pa.array(_with_nulls([round(float(v), 3) for v in rng.normal(10, 5, N_T)], rng),
                      pa.float64()),
        "d": pa.array(_with_nulls([base + dt.timedelta(days=int(v))
                                   for v in rng.integers(0, 800, N_T)], rng), pa.date32()),
        "s": pa.array(_with_nulls([f"{w}_{i % 7}" for i, w in enumerate(
            rng.choice(["apple", "Banana", "cherry pie", "date"], N_T))], rng)),
        "m": pa.array(_with_nulls([decimal.Decimal(int(v)) / 100 for v in
                                   rng.integers(0, 100000, N_T)], rng), pa.decimal128(12, 2)),
    })
    u = pa.table({
        "uid": pa.array(list(range(N_U)), pa.int32()),
        "tid": pa.array(_with_nulls([int(v) for v in rng.integers(0, 70, N_U)], rng, 0.1),
                        pa.int32()),
        "grp": pa.array(_with_nulls([groups[i] for i in rng.integers(0, 4, N_U)], rng)),
        "z": pa.array(_with_nulls([int(v) for v in rng.integers(0, 10, N_U)], rng), pa.int64()),
    })
    v = pa.table({"k": pa.array([1, 2, 2, 3, None], pa.int32()),
                  "name": pa.array(["one", "two", "two", None, "null"])})
    w = pa.table({"k": pa.array([2, 3, 3, 4], pa.int32()),
                  "name": pa.array(["two", None, None, "four"])})
    nonull = pa.table({"k": pa.array([1, 5, 7], pa.int32())})
    return {"t": t, "u": u, "v": v, "w": w, "nonull": nonull}


def register_table(spark, con, name: str, table: pa.Table, partitions: int = 3) -> None:
    """The same Arrow table as a dfengine temp view and a DuckDB view, both called `name`."""
    spark._from_arrow(table, partitions).createOrReplaceTempView(name)
    con.register(f"{name}_arrow", table)
    con.execute(f"create or replace view {name} as select * from {name}_arrow")


@pytest.fixture(scope="module")
def sql_env(spark):
    import duckdb

    tables = make_tables()
    con = duckdb.connect()
    for name, table in tables.items():
        register_table(spark, con, name, table)
    yield spark, con
    con.close()


def normalize_value(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, np.integer)):
        return float(v)
    if isinstance(v, (float, np.floating, decimal.Decimal)):
        f = float(v)
        return float(f"{f:.9g}")
    if isinstance(v, dt.datetime):
        return v.date() if v.time() == dt.time(0) else v
    return v


def _sort_key(row: tuple) -> tuple:
    return tuple((v is None, type(v).__name__, v if v is not None else 0) for v in row)


def rows_of_dfengine(df) -> list[tuple]:
    return [tuple(normalize_value(v) for v in r) for r in df.collect()]


def rows_of_duckdb(con, sql: str) -> list[tuple]:
    return [tuple(normalize_value(v) for v in r) for r in con.execute(sql).fetchall()]


def assert_same(got: list[tuple], expected: list[tuple], ordered: bool, sql: str) -> None:
    if not ordered:
        got, expected = sorted(got, key=_sort_key), sorted(expected, key=_sort_key)
    assert len(got) == len(expected), f"{sql}\nrow count {len(got)} != {len(expected)}"
    for i, (a, b) in enumerate(zip(got, expected)):
        assert a == b, f"{sql}\nrow {i}: dfengine {a} != duckdb {b}"


@pytest.fixture(scope="module")
def check(sql_env):
    spark, con = sql_env

    def run(sql: str, ordered: bool = False, duck_sql: str | None = None,
            types: str | None = None, expected: list[tuple] | None = None) -> list[tuple]:
        """dfengine's rows must equal DuckDB's for `duck_sql` (default: the same text) or,
        when given, the hand-computed `expected` rows; `types` is the Spark result schema as
        `int,decimal(14,6),...` (DuckDB's types differ from Spark's, so they are spelt out)."""
        df = spark.sql(sql)
        if types is not None:
            got_types = ",".join(f.dataType.simpleString() for f in df.schema.fields)
            assert got_types == types, f"{sql}\nresult types {got_types} != {types}"
        got = rows_of_dfengine(df)
        if expected is not None:
            want = [tuple(normalize_value(v) for v in r) for r in expected]
        else:
            want = rows_of_duckdb(con, duck_sql or sql)
        assert_same(got, want, ordered, sql)
        return got

    return run
