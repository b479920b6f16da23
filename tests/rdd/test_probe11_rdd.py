"""Regression tests for the session-11 probe's RDD findings (docs/probes/session11/README.md).

Expected values are PySpark 4.3's: from docs/probes/session11/out_pyspark.json ("recorded") or
from runs of PySpark 4.3 on the same input (noted per test), so the suite needs no JVM.
"""

from __future__ import annotations

import math

import pytest

from dfengine.errors import PySparkException


@pytest.mark.parametrize("data,buckets,expected", [
    ([1.0, float("nan"), 3.0], 2, ([1.0, 2.0, 3.0], [1, 1])),        # recorded
    (list(range(1, 11)), 3, ([1, 4, 7, 10], [3, 3, 4])),              # recorded
    ([0, 1, 5, 9, 10], [0, 5, 10], ([0, 5, 10], [2, 3])),             # recorded (explicit)
    ([1, 2, 50, 99], [0, 2, 100], ([0, 2, 100], [1, 3])),             # recorded (uneven)
    ([3, 3, 3], 4, ([3, 3], [3])),                                    # recorded (constant)
    ([1, 2, 3, 4], 1, ([1, 4], [4])),                                 # PySpark 4.3
    ([1.5, 2.5, None, 3.5], [1, 2, 3, 4], ([1, 2, 3, 4], [1, 1, 1])),  # PySpark 4.3
    (list(range(10)), 4, ([0.0, 2.25, 4.5, 6.75, 9], [3, 2, 2, 3])),  # PySpark 4.3
])
def test_histogram(sc, data, buckets, expected):
    bounds, counts = sc.parallelize(data, 2).histogram(buckets)
    assert (list(bounds), counts) == (expected[0], expected[1])
    assert [type(b) for b in bounds] == [type(b) for b in expected[0]]


def test_histogram_bad_buckets(sc):
    rdd = sc.parallelize([1, 2, 3])
    with pytest.raises(ValueError, match="sorted"):
        rdd.histogram([3, 1, 2])
    with pytest.raises(ValueError, match="None or NaN"):
        rdd.histogram([1, float("nan")])
    with pytest.raises(ValueError, match="empty"):          # recorded: rdt_histogram_empty
        sc.parallelize([], 2).histogram(2)


def test_group_with_several(sc):
    # recorded: rdp_group_with
    a = sc.parallelize([("a", 1)])
    b = sc.parallelize([("a", 2), ("b", 3)])
    c = sc.parallelize([("c", 4)])
    got = sorted((k, [sorted(v) for v in vs]) for k, vs in a.groupWith(b, c).collect())
    assert got == [("a", [[1], [2], []]), ("b", [[], [3], []]), ("c", [[], [], [4]])]
    two = sorted((k, [sorted(v) for v in vs]) for k, vs in a.groupWith(b).collect())
    assert two == [("a", [[1], [2]]), ("b", [[], [3]])]


def test_pickle_file_round_trip(sc, tmp_path):
    # recorded: rdf_pickle_file_roundtrip
    path = str(tmp_path / "pk")
    sc.parallelize([1, "a", (2, 3)] * 5, 2).saveAsPickleFile(path, batchSize=2)
    back = sc.pickleFile(path)
    assert back.getNumPartitions() == 2
    assert sorted(back.collect(), key=repr) == sorted([1, "a", (2, 3)] * 5, key=repr)
    with pytest.raises(PySparkException, match="already exists"):
        sc.parallelize([1]).saveAsPickleFile(path)


def test_approximate_actions(sc):
    # recorded: rdt_count_approx 50, rdt_count_approx_distinct within 8..12;
    # PySpark 4.3: sumApprox of [1, 2, 3] is 6.0 with confidence 1.0 (finished in time)
    assert sc.parallelize(range(50)).countApprox(1000) == 50
    assert 8 <= sc.parallelize([i % 10 for i in range(1000)]).countApproxDistinct() <= 12
    s = sc.parallelize([1, 2, 3]).sumApprox(1000)
    assert s == 6.0 and s.confidence == 1.0 and s.low == s.high == 6.0
    assert sc.parallelize([1, 2, 3]).meanApprox(1000) == 2.0
    with pytest.raises(ValueError, match="relativeSD"):
        sc.parallelize([1]).countApproxDistinct(0.0)


def test_checkpoint(sc, tmp_path):
    # recorded: rdt_checkpoint_rdd [True, [0, 2, 4, 6, 8]]
    sc.setCheckpointDir(str(tmp_path))
    r = sc.parallelize(range(5)).map(lambda x: x * 2)
    r.checkpoint()
    assert not r.isCheckpointed()        # as Spark: only after the next action
    assert r.count() == 5
    assert r.isCheckpointed() and r.collect() == [0, 2, 4, 6, 8]


def test_checkpoint_needs_dir(sc):
    # PySpark 4.3: SparkException "Checkpoint directory has not been set in the SparkContext"
    saved = getattr(sc, "_checkpoint_dir", None)
    sc._checkpoint_dir = None
    try:
        with pytest.raises(PySparkException, match="Checkpoint directory has not been set"):
            sc.parallelize([1]).checkpoint()
    finally:
        sc._checkpoint_dir = saved


def test_histogram_nan_only_bucket_bounds_are_finite(sc):
    bounds, counts = sc.parallelize([float("nan"), 2.0, 4.0]).histogram(2)
    assert all(math.isfinite(b) for b in bounds) and counts == [1, 1]
