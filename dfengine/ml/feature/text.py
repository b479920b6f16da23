"""Text stages: Tokenizer, RegexTokenizer, StopWordsRemover, NGram (pyspark.ml.feature).

Stop word lists are Spark's own (Snowball lists, `stopwords/<language>.txt`, copied from
Spark's mllib resources)."""

from __future__ import annotations

import functools
import os
import re
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine.errors import IllegalArgumentException
from dfengine.ml.feature._common import TC, KwargsInit, P, Transformer, append
from dfengine.ml.feature._text_arrow import (
    char_class_table,
    filter_list_elements,
    java_lower,
    split_runs,
)
from dfengine.ml.param.shared import HasInputCol, HasInputCols, HasOutputCol, HasOutputCols

_STRINGS = pa.list_(pa.string())


def _array_type() -> Any:
    from dfengine.sql.types import ArrayType, StringType

    return ArrayType(StringType(), True)


def _strings(table: pa.Table, name: str) -> pa.Array:
    col = table.column(name)
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)
            or pa.types.is_string_view(col.type)):
        raise IllegalArgumentException(
            f"requirement failed: Input type must be string type but got {col.type}.")
    col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    return col.cast(pa.string())


def _token_lists(table: pa.Table, name: str) -> pa.Array:
    col = table.column(name)
    col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    if not (pa.types.is_list(col.type) or pa.types.is_large_list(col.type)):
        raise IllegalArgumentException(
            f"requirement failed: Input type must be ArrayType(StringType,true) but got "
            f"{col.type}.")
    return col


def _java_split(pattern: re.Pattern, s: str) -> list[str]:
    """Java's String.split: no match gives [s]; else trailing empty strings removed."""
    if pattern.search(s) is None:
        return [s]
    parts = pattern.split(s)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


class _Tokenize:
    def __init__(self, col: str, out: str, pattern: str, gaps: bool, lower: bool,
                 min_len: int):
        self.col, self.out, self.pattern = col, out, pattern
        self.gaps, self.lower, self.min_len = gaps, lower, min_len
        # a one-character-class pattern with tokens of length >= 1 cuts the runs of token
        # characters straight out of the string buffer; anything else goes row by row
        cls = char_class_table(pattern) if min_len >= 1 else None
        self.in_token = None
        if cls is not None and (gaps or cls[1]):
            self.in_token = ~cls[0] if gaps else cls[0]

    def __call__(self, table: pa.Table) -> dict:
        col = _strings(table, self.col)
        if self.lower:
            col = java_lower(col)
        if self.in_token is not None:
            return {self.out: split_runs(col, self.in_token, self.min_len)}
        return {self.out: self._per_row(col)}

    def _per_row(self, col: pa.Array) -> pa.Array:
        rx = re.compile(self.pattern, re.ASCII)      # Java's \w, \s, \d, \b are ASCII
        out = []
        for s in col.to_pylist():
            if s is None:
                out.append(None)
                continue
            toks = _java_split(rx, s) if self.gaps else rx.findall(s)
            out.append([t for t in toks if _java_length(t) >= self.min_len])
        return pa.array(out, _STRINGS)


def _java_length(s: str) -> int:
    """Java's String.length: UTF-16 code units."""
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


class Tokenizer(KwargsInit, Transformer, HasInputCol, HasOutputCol):
    """Lowercase the input string and split it by white space."""

    def _transform(self, dataset: Any) -> Any:
        col, out = self.getInputCol(), self.getOutputCol()
        return append(dataset, [col], _Tokenize(col, out, r"\s", True, True, 0),
                      [(out, _array_type())])


class RegexTokenizer(KwargsInit, Transformer, HasInputCol, HasOutputCol):
    """Split text by a regex (`gaps=True`) or extract the regex's matches (`gaps=False`)."""

    minTokenLength = P("minTokenLength", "minimum token length (>= 0)", TC.toInt)
    gaps = P("gaps", "whether regex splits on gaps (True) or matches tokens (False)",
             TC.toBoolean)
    pattern = P("pattern", "regex pattern (Java dialect) used for tokenizing", TC.toString)
    toLowercase = P("toLowercase", "whether to convert all characters to lowercase before "
                    "tokenizing", TC.toBoolean)
    _defaults = {"minTokenLength": 1, "gaps": True, "pattern": "\\s+", "toLowercase": True}

    def _transform(self, dataset: Any) -> Any:
        col, out = self.getInputCol(), self.getOutputCol()
        fn = _Tokenize(col, out, self.getPattern(), self.getGaps(), self.getToLowercase(),
                       self.getMinTokenLength())
        return append(dataset, [col], fn, [(out, _array_type())])


_LANGUAGES = ("danish", "dutch", "english", "finnish", "french", "german", "hungarian",
              "italian", "norwegian", "portuguese", "russian", "spanish", "swedish", "turkish")


@functools.cache
def _load_stop_words(language: str) -> tuple[str, ...]:
    if language not in _LANGUAGES:
        raise IllegalArgumentException(
            f"{language} is not in the supported language list: {', '.join(_LANGUAGES)}.")
    path = os.path.join(os.path.dirname(__file__), "stopwords", f"{language}.txt")
    with open(path, encoding="utf-8") as f:
        return tuple(w for w in f.read().splitlines() if w)


class _RemoveStops:
    def __init__(self, cols: list[str], outs: list[str], words: list[str], case: bool):
        self.cols, self.outs, self.case = cols, outs, case
        words = pa.array(list(words), pa.string())
        self.words = words if case else java_lower(words)

    def __call__(self, table: pa.Table) -> dict:
        res = {}
        for c, o in zip(self.cols, self.outs):
            lists = _token_lists(table, c)
            if not pa.types.is_list(lists.type):
                lists = lists.cast(_STRINGS)
            flat = lists.flatten()
            probe = flat if self.case else java_lower(flat)
            hit = pc.is_in(probe, value_set=self.words).to_numpy(zero_copy_only=False)
            res[o] = filter_list_elements(lists, ~hit)
        return res


class StopWordsRemover(KwargsInit, Transformer, HasInputCol, HasOutputCol, HasInputCols,
                       HasOutputCols):
    """Filter stop words out of arrays of strings."""

    stopWords = P("stopWords", "The words to be filtered out", TC.toListString)
    caseSensitive = P("caseSensitive", "whether to do a case sensitive comparison over the "
                      "stop words", TC.toBoolean)
    locale = P("locale", "locale of the input. ignored when case sensitive is true",
               TC.toString)

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._setDefault(stopWords=list(_load_stop_words("english")), caseSensitive=False,
                         locale="en_US")

    @staticmethod
    def loadDefaultStopWords(language: str) -> list[str]:
        return list(_load_stop_words(language))

    def _transform(self, dataset: Any) -> Any:
        if self.isSet("inputCols"):
            cols, outs = self.getInputCols(), self.getOutputCols()
        else:
            cols, outs = [self.getInputCol()], [self.getOutputCol()]
        fn = _RemoveStops(cols, outs, self.getStopWords(), self.getCaseSensitive())
        return append(dataset, cols, fn, [(o, _array_type()) for o in outs])


class _NGrams:
    def __init__(self, col: str, out: str, n: int):
        self.col, self.out, self.n = col, out, n

    def __call__(self, table: pa.Table) -> dict:
        n = self.n
        lists = _token_lists(table, self.col).to_pylist()
        return {self.out: pa.array([
            None if ts is None else [" ".join(ts[i:i + n]) for i in range(len(ts) - n + 1)]
            for ts in lists], _STRINGS)}


class NGram(KwargsInit, Transformer, HasInputCol, HasOutputCol):
    """Arrays of n-grams (space-joined) from arrays of strings."""

    n = P("n", "number of elements per n-gram (>=1)", TC.toInt)
    _defaults = {"n": 2}

    def _transform(self, dataset: Any) -> Any:
        if self.getN() < 1:
            raise IllegalArgumentException("requirement failed: n must be >= 1")
        col, out = self.getInputCol(), self.getOutputCol()
        return append(dataset, [col], _NGrams(col, out, self.getN()), [(out, _array_type())])
