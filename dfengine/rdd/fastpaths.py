"""Recognise the tiny lambdas every word count uses, so the pipeline can skip calling them.

`flatMap(lambda line: line.split())` over a partition of lines is `"\n".join(lines).split()`
(one C call instead of one Python call per line), and `map(lambda w: (w, 1))` followed by `reduceByKey(lambda a, b: a + b)` is a word count: the
combiner can then be `collections.Counter` over the words, a C loop, instead of two Python calls
per record. A function is recognised only when its code is exactly that of the reference lambda
(same bytecode and constants, no closure, no defaults), so behaviour never changes.
"""

from __future__ import annotations

import operator
import types
from typing import Any


def _signature(fn: Any) -> tuple | None:
    if not isinstance(fn, types.FunctionType):
        return None
    if fn.__closure__ or fn.__defaults__ or fn.__kwdefaults__:
        return None
    code = fn.__code__
    return (code.co_code, code.co_consts, code.co_names, code.co_argcount, code.co_flags & 0xFFEF)  # ignore CO_NESTED and __future__ flags


_PAIR_ONE = _signature(lambda x: (x, 1))
_SPLIT_WORDS = _signature(lambda x: x.split())
_ADD = _signature(lambda a, b: a + b)


def is_pair_with_one(fn: Any) -> bool:
    """`fn` is `lambda x: (x, 1)` (any argument name)."""
    return _signature(fn) == _PAIR_ONE


def is_add(fn: Any) -> bool:
    """`fn` is `operator.add` or `lambda a, b: a + b`."""
    return fn is operator.add or _signature(fn) == _ADD


def is_split_words(fn: Any) -> bool:
    """`fn` is `lambda line: line.split()` (whitespace split, no arguments)."""
    return _signature(fn) == _SPLIT_WORDS
