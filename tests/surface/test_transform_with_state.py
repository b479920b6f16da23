"""`GroupedData.transformWithStateInPandas` / `transformWithState` on batch DataFrames
(each key processed once, state starting empty), against hand-computed rows."""

from __future__ import annotations

import pandas as pd
import pytest

from dfengine.sql import Row
from dfengine.sql.streaming.stateful_processor import StatefulProcessor

DATA = [("a", 1), ("b", 5), ("a", 3), ("c", 2), ("a", 2), ("b", 1)]
OUT = "id string, count long, total long, seen long, firsts string"


def _update(handle_states, key, values):
    count, lst, seen = handle_states
    base = count.get()[0] if count.exists() else 0
    for v in values:
        lst.appendValue((v,))
        seen.updateValue((v % 2,), (1,))
    count.update((base + len(values),))
    total = sum(t[0] for t in lst.get())
    return (key[0], base + len(values), total, len(list(seen.keys())),
            ",".join(str(k[0]) for k in sorted(seen.keys())))


class PandasCounter(StatefulProcessor):
    def init(self, handle):
        self.states = (handle.getValueState("count", "c long"),
                       handle.getListState("values", "v long"),
                       handle.getMapState("parity", "p long", "one long"))

    def handleInitialState(self, key, initialState, timerValues):
        self.states[0].update((int(initialState["start"].sum()),))

    def handleInputRows(self, key, rows, timerValues):
        values = [int(v) for pdf in rows for v in pdf["v"]]
        yield pd.DataFrame([_update(self.states, key, values)],
                           columns=["id", "count", "total", "seen", "firsts"])


class RowCounter(PandasCounter):
    def handleInitialState(self, key, initialState, timerValues):
        self.states[0].update((initialState.start,))

    def handleInputRows(self, key, rows, timerValues):
        values = [r.v for r in rows]
        yield Row(*_update(self.states, key, values))


EXPECTED = [("a", 3, 6, 2, "0,1"), ("b", 2, 6, 1, "1"), ("c", 1, 2, 1, "0")]


def test_transform_with_state_in_pandas(spark):
    df = spark.createDataFrame(DATA, "id string, v long")
    out = df.groupBy("id").transformWithStateInPandas(PandasCounter(), OUT, "Append", "None")
    assert sorted(tuple(r) for r in out.collect()) == EXPECTED
    assert out.schema.simpleString() == "struct<id:string,count:bigint,total:bigint," \
                                        "seen:bigint,firsts:string>"


def test_transform_with_state_rows_and_initial_state(spark):
    df = spark.createDataFrame(DATA, "id string, v long")
    init = spark.createDataFrame([("a", 10), ("c", 100)], "id string, start long")
    out = df.groupBy("id").transformWithState(RowCounter(), OUT, "Update", "None",
                                              initialState=init.groupBy("id"))
    want = [("a", 13, 6, 2, "0,1"), ("b", 2, 6, 1, "1"), ("c", 101, 2, 1, "0")]
    assert sorted(tuple(r) for r in out.collect()) == want
    pd_out = df.groupBy("id").transformWithStateInPandas(
        PandasCounter(), OUT, "Append", "None", initialState=init.groupBy("id"))
    assert sorted(tuple(r) for r in pd_out.collect()) == want


def test_bad_modes(spark):
    from dfengine.errors import PySparkValueError

    df = spark.createDataFrame(DATA, "id string, v long")
    with pytest.raises(PySparkValueError, match="output mode"):
        df.groupBy("id").transformWithStateInPandas(PandasCounter(), OUT, "Sideways", "None")


@pytest.mark.parametrize("pandas_api", [True, False])
def test_streaming_state_carries_over_batches(spark, pandas_api):
    from dfengine.sql.streaming import MemoryStream

    ms = MemoryStream(spark, "id string, v long")
    grouped = ms.toDF().groupBy("id")
    out = (grouped.transformWithStateInPandas(PandasCounter(), OUT, "Update", "None")
           if pandas_api else grouped.transformWithState(RowCounter(), OUT, "Update", "None"))
    batches = []
    q = out.writeStream.outputMode("update").foreachBatch(
        lambda df, b: batches.append(sorted(tuple(r) for r in df.collect()))).start()
    try:
        ms.addData(DATA[:3])
        q.processAllAvailable()
        ms.addData(DATA[3:])
        q.processAllAvailable()
    finally:
        q.stop()
    assert [b for b in batches if b] == [
        [("a", 2, 4, 1, "1"), ("b", 1, 5, 1, "1")],
        [("a", 3, 6, 2, "0,1"), ("b", 2, 6, 1, "1"), ("c", 1, 2, 1, "0")]]
