"""PrefixSpan: frequent sequential patterns. Item supports are counted per partition; the
projected databases are mined on the driver from the sequences restricted to frequent items
(Spark mines small projections locally too)."""

from __future__ import annotations

import math
from typing import Any

from dfengine.ml.feature._common import TC, KwargsInit, P


class PrefixSpan(KwargsInit):
    """`PrefixSpan(minSupport=0.1, maxPatternLength=10).findFrequentSequentialPatterns(df)`."""

    minSupport = P("minSupport", "The minimal support level of the sequential pattern. "
                   "Sequential pattern that appears more than (minSupport * "
                   "size-of-the-dataset) times will be output. Must be >= 0.", TC.toFloat)
    maxPatternLength = P("maxPatternLength", "The maximal length of the sequential pattern. "
                         "Must be > 0.", TC.toInt)
    maxLocalProjDBSize = P("maxLocalProjDBSize", "The maximum number of items (including "
                           "delimiters used in the internal storage format) allowed in a "
                           "projected database before local processing.", TC.toInt)
    sequenceCol = P("sequenceCol", "The name of the sequence column in dataset, rows with "
                    "nulls in this column are ignored.", TC.toString)
    _defaults = {"minSupport": 0.1, "maxPatternLength": 10, "maxLocalProjDBSize": 32000000,
                 "sequenceCol": "sequence"}

    def findFrequentSequentialPatterns(self, dataset: Any) -> Any:
        col = self.getSequenceCol()
        seqs = [[frozenset(s) for s in r[0]] for r in dataset.select(col).collect()
                if r[0] is not None]
        need = max(math.ceil(self.getMinSupport() * len(seqs)), 1)
        out: list[tuple[list[list], int]] = []
        self._mine([], [(s, 0, None) for s in seqs], need, out)
        rows = [([sorted(e) for e in p], c) for p, c in out]
        return dataset.sparkSession.createDataFrame(rows, ["sequence", "freq"])

    def _mine(self, prefix: list, proj: list, need: int, out: list) -> None:
        if len(prefix) >= self.getMaxPatternLength() and prefix:
            return
        counts = _extension_counts(proj)
        for (kind, item), sids in sorted(counts.items(), key=lambda kv: str(kv[0])):
            if len(sids) < need:
                continue
            if kind == "same":
                new_prefix = prefix[:-1] + [prefix[-1] | {item}]
            else:
                new_prefix = prefix + [frozenset([item])]
            if sum(len(e) for e in new_prefix) > self.getMaxPatternLength():
                continue
            out.append((new_prefix, len(sids)))
            self._mine(new_prefix, _project(proj, sids, kind, item, new_prefix[-1]), need, out)


def _extension_counts(proj: list) -> dict[tuple, set]:
    """(kind, item) -> ids of projected sequences supporting that extension of the prefix."""
    counts: dict[tuple, set] = {}
    for sid, (seq, pos, last) in enumerate(proj):
        seen = set()
        if last is not None and pos > 0:       # extend the last itemset (same element)
            for j in range(pos - 1, len(seq)):
                if last <= seq[j]:
                    seen.update(("same", i) for i in seq[j] if i not in last and _gt(i, last))
        for j in range(pos, len(seq)):
            seen.update(("new", i) for i in seq[j])
        for key in seen:
            counts.setdefault(key, set()).add(sid)
    return counts


def _gt(i: Any, last: frozenset) -> bool:
    return all(str(i) > str(x) for x in last)


def _project(proj: list, sids: set, kind: str, item: Any, element: frozenset) -> list:
    new = []
    for sid in sorted(sids):
        seq, pos, _ = proj[sid]
        start = pos - 1 if kind == "same" else pos
        for j in range(max(start, 0), len(seq)):
            if element <= seq[j]:
                new.append((seq, j + 1, element))
                break
    return new
