"""Differential tests: the same RDD program on dfengine and on PySpark gives the same answer.

Each case is `program(sc, text_dir) -> value`; `mode` says how to compare: "exact" (including
order, for operations that define it), "sorted" (same elements), or "approx" (floats).
"""

from __future__ import annotations

import math
import operator
import sys

import pytest

from tests.rdd.conftest import _register_by_value

_register_by_value(__name__)

PAIRS = [("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5), ("d", 6), ("a", 7)]
INT_PAIRS = [(i % 7, i) for i in range(40)]
OTHER = [("a", "x"), ("c", "y"), ("e", "z"), ("a", "w")]


def seq_op(acc, v):
    return (acc[0] + v, acc[1] + 1)


def comb_op(a, b):
    return (a[0] + b[0], a[1] + b[1])


def grouped(rdd):
    return rdd.mapValues(sorted).collect()


def cogrouped(rdd):
    return rdd.mapValues(lambda vs: (sorted(vs[0]), sorted(vs[1]))).collect()


CASES = {
    "collect": ("exact", lambda sc, d: sc.parallelize(range(20), 3).collect()),
    "map": ("exact", lambda sc, d: sc.parallelize(range(10), 2).map(lambda x: x * x).collect()),
    "flatMap": ("exact", lambda sc, d: sc.parallelize(["a b", "c", ""], 2)
                .flatMap(lambda s: s.split()).collect()),
    "filter": ("exact", lambda sc, d: sc.parallelize(range(30), 4)
               .filter(lambda x: x % 3 == 0).collect()),
    "chain": ("exact", lambda sc, d: sc.parallelize(range(30), 4).map(lambda x: x + 1)
              .filter(lambda x: x % 2).flatMap(lambda x: [x, -x]).collect()),
    "mapPartitions": ("exact", lambda sc, d: sc.parallelize(range(10), 3)
                      .mapPartitions(lambda it: [sum(it)]).collect()),
    "mapPartitionsWithIndex": ("exact", lambda sc, d: sc.parallelize(range(10), 3)
                               .mapPartitionsWithIndex(lambda i, it: [(i, len(list(it)))])
                               .collect()),
    "glom": ("exact", lambda sc, d: sc.parallelize(range(17), 4).glom().collect()),
    "glom_strings": ("exact", lambda sc, d: sc.parallelize(list("abcdefg"), 3).glom().collect()),
    "keyBy": ("exact", lambda sc, d: sc.parallelize(range(5)).keyBy(lambda x: x % 2).collect()),
    "distinct": ("sorted", lambda sc, d: sc.parallelize([1, 2, 2, 3, 3, 3, 9], 3)
                 .distinct().collect()),
    "distinct_tuples": ("sorted", lambda sc, d: sc.parallelize(PAIRS + PAIRS, 2)
                        .distinct(3).collect()),
    "union": ("exact", lambda sc, d: sc.parallelize([1, 2], 2).union(sc.parallelize([3], 1))
              .collect()),
    "sc_union": ("exact", lambda sc, d: sc.union([sc.parallelize([i], 1) for i in range(4)])
                 .collect()),
    "intersection": ("sorted", lambda sc, d: sc.parallelize(range(10), 2)
                     .intersection(sc.parallelize(range(5, 15), 3)).collect()),
    "subtract": ("sorted", lambda sc, d: sc.parallelize(range(10), 2)
                 .subtract(sc.parallelize([2, 4, 11])).collect()),
    "cartesian": ("sorted", lambda sc, d: sc.parallelize([1, 2], 2)
                  .cartesian(sc.parallelize("ab", 2)).collect()),
    "zip": ("exact", lambda sc, d: sc.parallelize(range(6), 2)
            .zip(sc.parallelize(range(6), 2).map(str)).collect()),
    "zipWithIndex": ("exact", lambda sc, d: sc.parallelize("abcdefg", 3).zipWithIndex().collect()),
    "zipWithUniqueId": ("exact", lambda sc, d: sc.parallelize("abcdefg", 3)
                        .zipWithUniqueId().collect()),
    "sample": ("exact", lambda sc, d: sc.parallelize(range(100), 4).sample(False, 0.3, 7)
               .collect()),
    "sample_replacement": ("exact", lambda sc, d: sc.parallelize(range(50), 2)
                           .sample(True, 0.5, 11).collect()),
    "takeSample": ("exact", lambda sc, d: (sc.parallelize(range(100), 3).takeSample(False, 7, 5),
                                          sc.parallelize(range(20), 2).takeSample(True, 30, 3),
                                          sc.parallelize(range(5), 2).takeSample(False, 9, 1))),
    "randomSplit": ("exact", lambda sc, d: [r.collect() for r in sc.parallelize(range(40), 2)
                                            .randomSplit([1.0, 3.0], 17)]),
    "groupBy": ("sorted", lambda sc, d: grouped(sc.parallelize(range(20), 3)
                                                .groupBy(lambda x: x % 4))),
    "groupByKey": ("sorted", lambda sc, d: grouped(sc.parallelize(PAIRS, 3).groupByKey())),
    "reduceByKey": ("sorted", lambda sc, d: sc.parallelize(PAIRS, 3)
                    .reduceByKey(operator.add).collect()),
    "reduceByKey_numPartitions": ("exact", lambda sc, d: sc.parallelize(INT_PAIRS, 3)
                                  .reduceByKey(lambda a, b: a + b, 2).glom()
                                  .map(sorted).collect()),
    "foldByKey": ("sorted", lambda sc, d: sc.parallelize(PAIRS, 2)
                  .foldByKey(0, operator.add).collect()),
    "foldByKey_list_zero": ("sorted", lambda sc, d: sc.parallelize(PAIRS, 2)
                            .foldByKey([], lambda a, b: a + [b] if not isinstance(b, list)
                                       else a + b).mapValues(sorted).collect()),
    "aggregateByKey": ("sorted", lambda sc, d: sc.parallelize(PAIRS, 3)
                       .aggregateByKey((0, 0), seq_op, comb_op).collect()),
    "combineByKey": ("sorted", lambda sc, d: sc.parallelize(PAIRS, 3).combineByKey(
        lambda v: [v], lambda c, v: c + [v], lambda a, b: a + b).mapValues(sorted).collect()),
    "sortByKey": ("exact", lambda sc, d: sc.parallelize(INT_PAIRS, 3).map(lambda kv: (kv[1], kv[0]))
                  .sortByKey().collect()),
    "sortByKey_desc": ("exact", lambda sc, d: sc.parallelize([(k, 0) for k in "qwertyuiop"], 3)
                       .sortByKey(False).collect()),
    "sortByKey_keyfunc": ("exact", lambda sc, d: sc.parallelize(
        [("B", 1), ("a", 2), ("C", 3), ("d", 4)], 2).sortByKey(True, 1, str.lower).collect()),
    "sortBy": ("exact", lambda sc, d: sc.parallelize(range(30), 3).sortBy(lambda x: (x % 5, -x))
               .collect()),
    "partitionBy_ints": ("exact", lambda sc, d: sc.parallelize(INT_PAIRS, 2).partitionBy(3)
                         .glom().collect()),
    "repartition": ("sorted", lambda sc, d: sc.parallelize(range(50), 2).repartition(5)
                    .collect() + [sc.parallelize(range(50), 2).repartition(5)
                                  .getNumPartitions()]),
    "coalesce": ("exact", lambda sc, d: sc.parallelize(range(20), 5).coalesce(2).glom().collect()),
    "join": ("sorted", lambda sc, d: sc.parallelize(PAIRS, 2).join(sc.parallelize(OTHER, 3))
             .collect()),
    "leftOuterJoin": ("sorted", lambda sc, d: sc.parallelize(PAIRS, 2)
                      .leftOuterJoin(sc.parallelize(OTHER)).collect()),
    "rightOuterJoin": ("sorted", lambda sc, d: sc.parallelize(PAIRS, 2)
                       .rightOuterJoin(sc.parallelize(OTHER)).collect()),
    "fullOuterJoin": ("sorted", lambda sc, d: sorted(
        sc.parallelize(PAIRS, 2).fullOuterJoin(sc.parallelize(OTHER)).collect(), key=repr)),
    "cogroup": ("sorted", lambda sc, d: cogrouped(sc.parallelize(PAIRS, 2)
                                                  .cogroup(sc.parallelize(OTHER)))),
    "subtractByKey": ("sorted", lambda sc, d: sc.parallelize(PAIRS, 2)
                      .subtractByKey(sc.parallelize(OTHER)).collect()),
    "mapValues_flatMapValues": ("exact", lambda sc, d: sc.parallelize(PAIRS, 2)
                                .mapValues(lambda v: v * 10)
                                .flatMapValues(lambda v: [v, v + 1]).collect()),
    "keys_values": ("exact", lambda sc, d: (sc.parallelize(PAIRS).keys().collect(),
                                            sc.parallelize(PAIRS).values().collect())),
    "count_first_take": ("exact", lambda sc, d: (
        sc.parallelize(range(100), 7).count(), sc.parallelize(range(5, 100), 7).first(),
        sc.parallelize(range(100), 7).take(23), sc.parallelize([], 3).take(2))),
    "take_skips_empty": ("exact", lambda sc, d: sc.parallelize(range(100), 10)
                         .filter(lambda x: x > 90).take(5)),
    "takeOrdered_top": ("exact", lambda sc, d: (
        sc.parallelize([5, 1, 9, 3, 7, 2], 3).takeOrdered(3),
        sc.parallelize([5, 1, 9, 3, 7, 2], 3).takeOrdered(3, key=lambda x: -x),
        sc.parallelize([5, 1, 9, 3, 7, 2], 3).top(2),
        sc.parallelize(["aa", "b", "cccc"], 2).top(1, key=len))),
    "reduce_fold_aggregate": ("exact", lambda sc, d: (
        sc.parallelize(range(1, 11), 3).reduce(operator.mul),
        sc.parallelize(range(10), 3).fold(0, operator.add),
        sc.parallelize(range(10), 3).aggregate((0, 0), seq_op, comb_op))),
    "numeric": ("approx", lambda sc, d: numeric(sc.parallelize([1.5, 2.0, 7.25, -3.0, 4.0, 10.0],
                                                                3))),
    "histogram": ("exact", lambda sc, d: (sc.parallelize(range(51), 3).histogram(5),
                                          sc.parallelize([1, 5, 9, 20], 2).histogram([0, 10, 20]))),
    "countBy": ("exact", lambda sc, d: (dict(sc.parallelize(PAIRS, 2).countByKey()),
                                        dict(sc.parallelize("abracadabra", 3).countByValue()))),
    "collectAsMap_lookup": ("exact", lambda sc, d: (
        sc.parallelize([(1, "x"), (2, "y")]).collectAsMap(),
        sorted(sc.parallelize(PAIRS, 3).lookup("a")),
        sorted(sc.parallelize(INT_PAIRS, 3).partitionBy(2).lookup(3)))),
    "isEmpty_numPartitions": ("exact", lambda sc, d: (
        sc.parallelize([], 2).isEmpty(), sc.parallelize([1], 2).isEmpty(),
        sc.emptyRDD().isEmpty(), sc.parallelize(range(9), 4).getNumPartitions(),
        sc.emptyRDD().count(), sc.range(3, 20, 4, 2).collect())),
    "word_count": ("sorted", lambda sc, d: sc.textFile(d).flatMap(lambda line: line.split())
                   .map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b).collect()),
    "textFile": ("exact", lambda sc, d: (sc.textFile(d).collect(),
                                         sc.textFile(d).getNumPartitions(),
                                         sc.textFile(d + "/part1.txt", 4).glom().map(len)
                                         .collect())),
    "textFile_glob": ("exact", lambda sc, d: sc.textFile(d + "/part[12].txt").count()),
    "wholeTextFiles": ("sorted", lambda sc, d: sc.wholeTextFiles(d)
                       .map(lambda kv: (kv[0].rsplit("/", 1)[-1], len(kv[1]))).collect()),
    "groupByKey_strings": ("sorted", lambda sc, d: grouped(sc.textFile(d)
                                                           .map(lambda w: (len(w), w))
                                                           .groupByKey(3))),
    "pagerank_step": ("approx", lambda sc, d: pagerank(sc, 3)),
}


def numeric(r):
    return [r.sum(), r.mean(), r.max(), r.min(), r.stdev(), r.sampleStdev(), r.variance(),
            r.sampleVariance(), r.stats().count()]


def pagerank(sc, iterations):
    links = sc.parallelize(
        [("a", ["b", "c"]), ("b", ["c"]), ("c", ["a"]), ("d", ["a", "b", "c"])], 2
    ).partitionBy(2).cache()
    ranks = links.mapValues(lambda _: 1.0)
    for _ in range(iterations):
        contribs = links.join(ranks).flatMap(
            lambda kv: [(dst, kv[1][1] / len(kv[1][0])) for dst in kv[1][0]])
        ranks = contribs.reduceByKey(operator.add).mapValues(lambda r: 0.15 + 0.85 * r)
    out = sorted(ranks.collect())
    links.unpersist()
    return [v for kv in out for v in kv if isinstance(v, float)] + [k for k, _ in out]


def _normalise(value, mode):
    if mode == "sorted":
        return sorted(value, key=repr)
    return value


def _close(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    return a == b


@pytest.mark.pyspark
@pytest.mark.parametrize("case", sorted(CASES))
def test_same_as_pyspark(case, sc, psc, text_dir):
    mode, program = CASES[case]
    ours = _normalise(program(sc, text_dir), mode)
    theirs = _normalise(program(psc, text_dir), mode)
    if mode == "approx":
        assert _close(ours, theirs), (ours, theirs)
    else:
        assert ours == theirs


def test_case_count():
    assert len(CASES) >= 45, len(CASES)


__all__ = ["sys"]


def test_rdd_annotations_subscript_as_in_pyspark():
    """Spark's examples/sort.py annotates `RDD[Tuple[int, int]]`: PySpark's RDD is Generic."""
    from typing import Tuple  # noqa: UP035 - the example's own spelling

    import pyspark

    from dfengine import RDD

    assert RDD[Tuple[int, int]].__origin__ is RDD
    assert pyspark.RDD[Tuple[int, int]].__origin__ is pyspark.RDD
