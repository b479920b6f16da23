"""Word-level text functions: sentences, jaro_winkler_similarity, quote."""

from __future__ import annotations

import re
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.functions.arrays import _py_map
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import D, S, returns

# Java's sentence BreakIterator, approximated: a sentence ends after ! or ?, or after a period
# followed by space and an upper-case letter (so "e.g. this" stays one sentence).
_SENTENCE_END = re.compile(r"(?<=[!?])\s+|(?<=\.)\s+(?=[^\w\s]*[A-Z])")
# Words as its word BreakIterator gives them: letters/digits, joined by inner . or ' (e.g, 3.5,
# it's); punctuation between words is dropped.
_WORD = re.compile(r"\w+(?:[.'\u2019]\w+)*", re.UNICODE)


def _sentences(text: str) -> list[list[str]]:
    return [_WORD.findall(s) for s in _SENTENCE_END.split(text) if s.strip()]


def _sentences_impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _py_map(args[:1], table.num_rows,
                   lambda s: None if s is None else _sentences(s),
                   pa.list_(pa.list_(pa.string())))


def _sentences_render(e: Any) -> str:
    args = [a.sql() for a in e.args] + [""] * (3 - len(e.args))
    return f"sentences({', '.join(args)})"


def jaro_winkler(a: str, b: str) -> float:
    """Jaro similarity with Winkler's prefix bonus (prefix up to 4, scale 0.1)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(max(len(a), len(b)) // 2 - 1, 0)
    used = [False] * len(b)
    matches_a = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not used[j] and b[j] == ch:
                used[j] = True
                matches_a.append(ch)
                break
    m = len(matches_a)
    if m == 0:
        return 0.0
    matches_b = [b[j] for j in range(len(b)) if used[j]]
    transpositions = sum(x != y for x, y in zip(matches_a, matches_b, strict=True)) / 2
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def _jaro_impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _py_map(args, table.num_rows,
                   lambda a, b: None if a is None or b is None else jaro_winkler(a, b),
                   pa.float64())


def _quote_impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _py_map(args, table.num_rows,
                   lambda s: None if s is None else "'" + s.replace("'", "\\'") + "'",
                   pa.string())


define(
    Function("sentences", returns(T.ArrayType(T.ArrayType(S))), lambda t: [S] * len(t),
             impl=_sentences_impl, null_intolerant=True, nullable_rule="inputs", arity=(1, 3),
             render_fn=_sentences_render, params="string, language = None, country = None",
             example="'Hello, world. How are you?'"),
    Function("jaro_winkler_similarity", returns(D), lambda t: [S, S], impl=_jaro_impl,
             null_intolerant=True, nullable_rule="inputs", arity=(2, 2), params="left, right",
             example="'dixon', 'dicksonx'"),
    Function("quote", returns(S), lambda t: [S], impl=_quote_impl, null_intolerant=True,
             nullable_rule="inputs", arity=(1, 1), params="col", example="'Spark'"),
    family="string",
)
