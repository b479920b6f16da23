"""Fused narrow operators: the per-partition function one task runs for a chain of RDD ops.

`rdd.flatMap(f).map(g).filter(h)` is one `Pipeline` of three `Op`s; a task turns the input
partition into an iterator and stacks C-level iterators on it (`map`, `filter`,
`itertools.chain.from_iterable`), so the only per-record Python calls are the user's functions.
The map-side combiner of `reduceByKey` and friends is an op too, with a `Counter` fast path for
`map(lambda w: (w, 1))` followed by an adding combiner.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

from dfengine.rdd.fastpaths import is_add, is_pair_with_one, is_split_words


@dataclass(frozen=True, slots=True)
class Op:
    """One narrow RDD operation.

    kind is "map", "filter", "flatMap" (func takes a record), "partitions" (func takes
    `(split, iterator)`) or "combine" (func is `(createCombiner | None, mergeValue)`;
    None means the value itself starts the combiner, as in `reduceByKey`).
    """

    name: str
    kind: str
    func: Any
    user_func: Any = None


def combine(create: Callable | None, merge: Callable, it: Iterable) -> Iterator:
    """Combine `(key, value)` records by key within one partition (insertion ordered)."""
    d: dict = {}
    if create is None:
        if is_add(merge):
            for k, v in it:
                if k in d:
                    d[k] = d[k] + v
                else:
                    d[k] = v
        else:
            for k, v in it:
                if k in d:
                    d[k] = merge(d[k], v)
                else:
                    d[k] = v
    else:
        for k, v in it:
            if k in d:
                d[k] = merge(d[k], v)
            else:
                d[k] = create(v)
    return iter(d.items())


def _plan(ops: tuple[Op, ...]) -> tuple:
    """Rewrite `map(pair_with_one) + combine(add)` into one counting step."""
    out = []
    i = 0
    while i < len(ops):
        op = ops[i]
        nxt = ops[i + 1] if i + 1 < len(ops) else None
        if (
            op.kind == "map"
            and nxt is not None
            and nxt.kind == "combine"
            and nxt.func[0] is None
            and is_add(nxt.func[1])
            and is_pair_with_one(op.func)
        ):
            out.append(("count", None))
            i += 2
            continue
        if i == 0 and op.kind == "flatMap" and is_split_words(op.func):
            out.append(("splitWords", op.func))
            i += 1
            continue
        out.append((op.kind, op.func))
        i += 1
    return tuple(out)


class Pipeline:
    """The composed per-partition function of a chain of narrow ops."""

    __slots__ = ("_steps", "ops")

    def __init__(self, ops: tuple[Op, ...]):
        self.ops = ops
        self._steps = _plan(ops)

    def __call__(self, split: int, part: Iterable) -> Iterable:
        steps = self._steps
        if steps and steps[0][0] == "splitWords":
            try:
                text = part if isinstance(part, str) else "\n".join(part)
                it = iter(text.split())
            except TypeError:  # not all str (e.g. bytes lines): the general path
                it = chain.from_iterable(map(steps[0][1], part))
            steps = steps[1:]
        else:
            it = iter(part)
        for kind, func in steps:
            if kind == "map":
                it = map(func, it)
            elif kind == "filter":
                it = filter(func, it)
            elif kind == "flatMap":
                it = chain.from_iterable(map(func, it))
            elif kind == "partitions":
                it = func(split, it)
                if it is None:
                    it = iter(())
            elif kind == "count":
                it = iter(Counter(it).items())
            else:  # combine
                it = combine(func[0], func[1], it)
        return it

    @property
    def splits_words_first(self) -> bool:
        return bool(self._steps) and self._steps[0][0] == "splitWords"

    def __getstate__(self):
        return self.ops

    def __setstate__(self, ops):
        self.ops = ops
        self._steps = _plan(ops)
