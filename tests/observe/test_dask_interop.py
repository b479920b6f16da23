"""`df.to_dask()` and `spark.createDataFrame(dask_df)`: exact round trips of decimals, dates and
strings, and laziness (a counter of computed partitions stays at zero until Dask computes)."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import dask
import dask.dataframe as dd
import pandas as pd
import pyarrow as pa

ROWS = [
    (1, Decimal("12345678901234.56"), Decimal("0.1234567890123456789012345678"),
     dt.date(1992, 1, 2), "héllo wörld"),
    (2, Decimal("-0.01"), None, dt.date(9999, 12, 31), None),
    (3, None, Decimal("1.0000000000000000000000000001"), None, ""),
    (4, Decimal("99999999999999.99"), Decimal("-9.9999999999999999999999999999"),
     dt.date(1, 1, 1), "z" * 50),
]
SCHEMA = "id long, money decimal(16,2), fine decimal(38,28), day date, s string"

_lock = threading.Lock()


def test_to_dask_is_lazy_and_exact(spark):
    calls: list[int] = []

    def count_partition(batches):  # called once per partition
        with _lock:
            calls.append(1)
        yield from batches

    src = spark.createDataFrame(ROWS, SCHEMA).repartition(2, "id")
    counted = src.mapInArrow(count_partition, src.schema)
    ddf = counted.to_dask()
    assert calls == []  # building the Dask collection computes nothing
    assert isinstance(ddf, dd.DataFrame) and ddf.npartitions == 2
    assert str(ddf.dtypes["money"]) == "decimal128(16, 2)[pyarrow]"
    assert str(ddf.dtypes["fine"]) == "decimal128(38, 28)[pyarrow]"
    assert str(ddf.dtypes["day"]) == "date32[day][pyarrow]"
    assert str(ddf.dtypes["s"]) == "string[pyarrow]"
    first = ddf.partitions[0].compute(scheduler="threads")
    assert len(calls) == 1 and len(first) >= 0  # one partition computed, not all
    out = ddf.compute(scheduler="threads").sort_values("id")
    assert [tuple(None if pd.isna(v) else v for v in r) for r in out.itertuples(index=False)] \
        == ROWS


def test_create_dataframe_from_dask_is_lazy_and_round_trips(spark):
    computed: list[int] = []

    def part(i: int) -> pd.DataFrame:
        with _lock:
            computed.append(i)
        table = pa.Table.from_pylist(
            [dict(zip(["id", "money", "fine", "day", "s"], r)) for r in ROWS[2 * i:2 * i + 2]],
            schema=pa.schema([("id", pa.int64()), ("money", pa.decimal128(16, 2)),
                              ("fine", pa.decimal128(38, 28)), ("day", pa.date32()),
                              ("s", pa.string())]))
        return table.to_pandas(types_mapper=pd.ArrowDtype)

    meta = part(0).iloc[:0]
    computed.clear()
    ddf = dd.from_delayed([dask.delayed(part)(i) for i in range(2)], meta=meta,
                          verify_meta=False)
    sdf = spark.createDataFrame(ddf)
    assert computed == []
    assert sdf.schema == spark.createDataFrame(ROWS, SCHEMA).schema
    filtered = sdf.where("id > 1").select("id", "money", "fine", "day", "s")
    assert computed == []
    rows = sorted(tuple(r) for r in filtered.collect())
    assert rows == ROWS[1:] and sorted(computed) == [0, 1]
    # and back again: the round trip keeps every value
    back = spark.createDataFrame(spark.createDataFrame(ROWS, SCHEMA).to_dask())
    assert sorted(tuple(r) for r in back.collect()) == ROWS
