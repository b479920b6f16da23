"""Broadcast variables and accumulators, including exactly-once accumulator updates."""

from __future__ import annotations

import pytest

from dfengine import AccumulatorParam
from dfengine.errors import PythonException
from tests.rdd.conftest import _register_by_value

_register_by_value(__name__)

RECORDS = ["1,alice,NL", "2,bob,XX", "garbage", "3,carol,FR", "", "4,dan,NL", "5;eve;DE"]
COUNTRIES = {"NL": "Netherlands", "FR": "France", "DE": "Germany"}


def etl(sc, data_rdd, bad, lookup):
    def parse(line):
        parts = line.split(",")
        if len(parts) != 3:
            bad.add(1)
            return []
        uid, name, code = parts
        return [(int(uid), name, lookup.value.get(code, "unknown"))]

    return data_rdd.flatMap(parse)


def test_broadcast_lookup_and_bad_record_accumulator_match_pyspark(sc, psc):
    results = []
    for ctx in (sc, psc):
        bad = ctx.accumulator(0)
        lookup = ctx.broadcast(COUNTRIES)
        out = sorted(etl(ctx, ctx.parallelize(RECORDS, 3), bad, lookup).collect())
        results.append((out, bad.value))
    assert results[0] == results[1]
    assert results[0][1] == 3


def test_accumulator_counted_once_per_task_with_cache(sc):
    seen = sc.accumulator(0)

    def touch(x):
        seen.add(1)
        return x * 2

    cached = sc.parallelize(range(100), 4).map(touch).cache()
    assert cached.sum() == 9900
    assert seen.value == 100
    assert cached.count() == 100  # served from cache: no recomputation, no double count
    assert seen.value == 100
    cached.unpersist()
    assert cached.count() == 100  # recomputed from lineage: a new job counts again (as Spark)
    assert seen.value == 200


def test_failed_job_does_not_count(sc):
    acc = sc.accumulator(0)

    def f(x):
        acc.add(1)
        if x == 7:
            raise ValueError("bad")
        return x

    with pytest.raises(PythonException):
        sc.parallelize(range(10), 2).map(f).collect()
    assert acc.value == 0


def test_float_and_custom_accumulators(sc, psc):
    class VectorParam(AccumulatorParam):
        def zero(self, value):
            return [0.0] * len(value)

        def addInPlace(self, v1, v2):
            for i in range(len(v1)):
                v1[i] += v2[i]
            return v1

    from pyspark import AccumulatorParam as PySparkParam

    class PyVectorParam(PySparkParam):
        zero = VectorParam.zero
        addInPlace = VectorParam.addInPlace

    out = []
    for ctx, param in ((sc, VectorParam()), (psc, PyVectorParam())):
        total = ctx.accumulator(0.0)
        vec = ctx.accumulator([0.0, 0.0], param)

        def add(x, total=total, vec=vec):
            total.add(x / 2)
            vec.add([x, 1.0])

        ctx.parallelize(range(10), 3).foreach(add)
        out.append((total.value, vec.value))
    assert out[0] == out[1] == (22.5, [45.0, 10.0])


def test_accumulator_in_take_counts_only_consumed_records(sc, psc):
    out = []
    for ctx in (sc, psc):
        acc = ctx.accumulator(0)

        def f(x, acc=acc):
            acc.add(1)
            return x

        out.append((ctx.parallelize(range(40), 4).map(f).take(13), acc.value))
    assert out[0] == out[1]


def test_broadcast_value_destroy(sc):
    from dfengine.errors import PySparkRuntimeError

    b = sc.broadcast([1, 2, 3])
    assert sc.parallelize([0, 1, 2]).map(lambda i: b.value[i]).collect() == [1, 2, 3]
    b.unpersist()
    assert sc.parallelize([2]).map(lambda i: b.value[i]).collect() == [3]
    b.destroy()
    with pytest.raises(PySparkRuntimeError):
        _ = b.value


def test_default_param_rejects_unknown_types(sc):
    with pytest.raises(TypeError, match="AccumulatorParam"):
        sc.accumulator("text")
