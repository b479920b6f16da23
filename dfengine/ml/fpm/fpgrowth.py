"""FPGrowth's results (frequent itemsets, association rules, predictions) mined level by level:
each level's candidate itemsets go to every partition, which counts the transactions that
contain them; the driver keeps those reaching `minSupport` (exact, as FP-growth)."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from typing import Any

import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel
from dfengine.ml.param.shared import HasPredictionCol


class _FPParams(HasPredictionCol):
    itemsCol = P("itemsCol", "items column name", TC.toString)
    minSupport = P("minSupport", "Minimal support level of the frequent pattern. [0.0, 1.0]. "
                   "Any pattern that appears more than (minSupport * size-of-the-dataset) "
                   "times will be output in the frequent itemsets.", TC.toFloat)
    numPartitions = P("numPartitions", "Number of partitions (at least 1) used by parallel "
                      "FP-growth. By default the param is not set, and partition number of "
                      "the input dataset is used.", TC.toInt)
    minConfidence = P("minConfidence", "Minimal confidence for generating Association Rule. "
                      "[0.0, 1.0]. minConfidence will not affect the mining for frequent "
                      "itemsets, but will affect the association rules generation.",
                      TC.toFloat)
    _defaults = {"itemsCol": "items", "minSupport": 0.3, "minConfidence": 0.8}


def _transactions(table: pa.Table, col: str) -> list[frozenset]:
    out = []
    for items in table.column(col).to_pylist():
        if items is None:
            continue
        if len(set(items)) != len(items):
            raise IllegalArgumentException(
                f"Items in a transaction must be unique but got {items}.")
        out.append(frozenset(items))
    return out


def _count_level(table: pa.Table, col: str, candidates: list | None) -> tuple[int, Counter]:
    txs = _transactions(table, col)
    counts: Counter = Counter()
    if candidates is None:
        for t in txs:
            counts.update((frozenset([i]) for i in t))
        return len(txs), counts
    for t in txs:
        for c in candidates:
            if c <= t:
                counts[c] += 1
    return len(txs), counts


def _next_candidates(frequent: list[frozenset], k: int) -> list[frozenset]:
    prev = set(frequent)
    items = sorted({i for s in frequent for i in s}, key=str)
    out = set()
    for a in frequent:
        for i in items:
            if i not in a:
                c = a | {i}
                if len(c) == k and all(c - {x} in prev for x in c):
                    out.add(c)
    return list(out)


class FPGrowth(KwargsInit, Estimator, _FPParams):
    """Frequent itemsets and association rules."""

    def _fit(self, dataset: Any) -> FPGrowthModel:
        col = self.getItemsCol()
        _frame.require_columns(dataset, [col])
        parts = _frame.partition_results(dataset, _count_level, col, None)
        n = sum(p[0] for p in parts)
        need = math.ceil(self.getMinSupport() * n)
        freq: dict[frozenset, int] = {}
        level = _merge(parts, need)
        k = 1
        while level:
            freq.update(level)
            k += 1
            cands = _next_candidates(list(level), k)
            if not cands:
                break
            level = _merge(_frame.partition_results(dataset, _count_level, col, cands), need)
        items = [[sorted(s, key=str), c] for s, c in freq.items()]
        return self._copyValues(FPGrowthModel(itemsets=items, numTransactions=n))


def _merge(parts: list, need: int) -> dict[frozenset, int]:
    total: Counter = Counter()
    for _, c in parts:
        total.update(c)
    return {s: c for s, c in total.items() if c >= need and c > 0}


class _Predict:
    def __init__(self, col: str, out: str, rules: list):
        self.col, self.out, self.rules = col, out, rules

    def __call__(self, table: pa.Table) -> dict:
        res = []
        for items in table.column(self.col).to_pylist():
            if items is None:
                res.append(None)
                continue
            have = set(items)
            pred = []
            for ante, cons in self.rules:
                if set(ante) <= have:
                    pred.extend(c for c in cons if c not in have and c not in pred)
            res.append(pred)
        return {self.out: pa.array(res)}


class FPGrowthModel(StateModel, _FPParams):
    _extra = ("itemsets", "numTransactions")

    def _freq(self) -> dict[frozenset, int]:
        return {frozenset(s): int(c) for s, c in self._itemsets}

    def _item_type(self) -> str:
        items = [i for s, _ in self._itemsets for i in s]
        if items and all(isinstance(i, bool) for i in items):
            return "boolean"
        if items and all(isinstance(i, int) for i in items):
            return "bigint"
        if items and all(isinstance(i, (int, float)) for i in items):
            return "double"
        return "string"

    @property
    def freqItemsets(self) -> Any:
        from dfengine.sql import SparkSession

        rows = [(list(s), int(c)) for s, c in self._itemsets]
        return SparkSession.getActiveSession().createDataFrame(
            rows, f"items array<{self._item_type()}>, freq bigint")

    def _rules(self) -> list[tuple]:
        freq, n = self._freq(), self._numTransactions
        out = []
        for s, c in freq.items():
            if len(s) < 2:
                continue
            for cons in s:
                ante = s - {cons}
                conf = c / freq[ante]
                if conf >= self.getMinConfidence():
                    lift = conf / (freq[frozenset([cons])] / n)
                    out.append((sorted(ante, key=str), [cons], conf, lift, c / n))
        return out

    @property
    def associationRules(self) -> Any:
        from dfengine.sql import SparkSession

        rows = self._rules()
        t = self._item_type()
        schema = (f"antecedent array<{t}>, consequent array<{t}>, confidence double, "
                  "lift double, support double")
        return SparkSession.getActiveSession().createDataFrame(rows, schema)

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import ArrayType, StructField, _parse_datatype_string

        col, out = self.getItemsCol(), self.getPredictionCol()
        _frame.require_columns(dataset, [col])
        rules = [(a, c) for a, c, *_ in self._rules()]
        return _frame.with_new_columns(dataset, _Predict(col, out, rules),
                                       [StructField(out, ArrayType(_parse_datatype_string(
                                           self._item_type())), True)])


__all__ = ["FPGrowth", "FPGrowthModel", "itertools"]
