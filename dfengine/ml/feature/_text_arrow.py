"""Vectorized text kernels over Arrow string buffers: tokenizing by a character class,
Java's lower-casing, filtering the elements of list<string> arrays, without a Python loop over
rows.

Most tokenizer patterns are one character class, repeated or not (`\\W+`, `\\s+`, `\\s`,
`[,;\\s]+`, `[^a-z]`): with tokens of at least one character (RegexTokenizer's default), Java's
`Pattern.split` then gives the maximal runs of characters outside the class, and matching
`X+` (`gaps=False`) the maximal runs inside it. `char_class_table` decides, by asking Python's
`re` in ASCII mode (Java's default meaning of `\\w \\s \\d`), which of the 128 ASCII characters
are in the class; non-ASCII characters are either all in it (a negated class, `\\W`, `\\S`,
`\\D`) or all out, so one table over UTF-8 bytes is exact. A Numba kernel then cuts the runs
straight out of the string buffer. Any other pattern keeps the caller's per-row path."""

from __future__ import annotations

import re

import numba
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

STRINGS = pa.list_(pa.string())

_ESCAPES = r"\\[wWsSdD]"
_CLASS_ITEM = r"(?:\\[wWsSdDtnrf]|\\[^A-Za-z0-9]|[^\\\]\[])"
_ONE_CLASS = re.compile(
    rf"({_ESCAPES}|\\[^A-Za-z0-9]|[^\\\[\]().*+?{{}}|^$]|\[\^?{_CLASS_ITEM}+\])(\+?)")
_NON_ASCII_PROBES = "é中\u00a0\u2028𝔘"


def char_class_table(pattern: str) -> tuple[np.ndarray, bool] | None:
    """(table of the 256 byte values in the class, repeated) when `pattern` is one character
    class, optionally followed by `+`, of ASCII members; else None."""
    m = _ONE_CLASS.fullmatch(pattern)
    if m is None or not pattern.isascii():
        return None
    try:
        rx = re.compile(m.group(1), re.ASCII)
    except re.error:
        return None
    table = np.array([rx.fullmatch(chr(c)) is not None for c in range(128)] + [False] * 128)
    non_ascii = {rx.fullmatch(ch) is not None for ch in _NON_ASCII_PROBES}
    if len(non_ascii) != 1:
        return None
    table[128:] = non_ascii.pop()
    return table, m.group(2) == "+"


@numba.njit(cache=True, nogil=True)
def _runs(data, offsets, in_token, min_len):
    """Maximal runs of bytes with `in_token[byte]`, per string, of at least `min_len` UTF-16
    units: (UTF-8 bytes of the tokens, token offsets, tokens per string)."""
    n = offsets.size - 1
    out = np.empty(offsets[n] - offsets[0], np.uint8)
    starts = np.empty(out.size + 1, np.int64)
    counts = np.zeros(n, np.int64)
    pos = 0
    k = 0
    for i in range(n):
        j, end = offsets[i], offsets[i + 1]
        while j < end:
            while j < end and not in_token[data[j]]:
                j += 1
            a = j
            units = 0
            while j < end and in_token[data[j]]:
                b = data[j]
                if b & 0xC0 != 0x80:
                    units += 2 if b >= 0xF0 else 1
                j += 1
            if j > a and units >= min_len:
                starts[k] = pos
                out[pos:pos + j - a] = data[a:j]
                pos += j - a
                k += 1
                counts[i] += 1
    starts[k] = pos
    return out[:pos], starts[:k + 1], counts


def split_runs(strings: pa.Array, in_token: np.ndarray, min_len: int) -> pa.Array:
    """list<string>: the runs of token characters of each string (nulls stay null)."""
    data, offsets = string_buffers(strings)
    chars, starts, counts = _runs(data, offsets.astype(np.int64), in_token, max(min_len, 1))
    values = pa.StringArray.from_buffers(len(starts) - 1, pa.py_buffer(starts.astype(np.int32)),
                                         pa.py_buffer(chars))
    lists = np.zeros(len(strings) + 1, np.int32)
    np.cumsum(counts, out=lists[1:])
    mask = strings.is_null() if strings.null_count else None
    return pa.ListArray.from_arrays(pa.array(lists, pa.int32()), values, type=STRINGS,
                                    mask=mask)


def string_buffers(arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(UTF-8 bytes, offsets) of a string array, zero-copy for string and large_string."""
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        arr = arr.cast(pa.large_string())
    bufs = arr.buffers()
    width = np.int64 if pa.types.is_large_string(arr.type) else np.int32
    offsets = np.frombuffer(bufs[1], dtype=width)[arr.offset: arr.offset + len(arr) + 1]
    data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None else \
        np.zeros(1, np.uint8)
    return data, np.ascontiguousarray(offsets)


def java_lower(arr: pa.Array) -> pa.Array:
    """Java's `String.toLowerCase` (Python's full Unicode mapping for non-ASCII strings,
    Arrow's kernel for the ASCII ones)."""
    lowered = pc.utf8_lower(arr)
    ascii_ = pc.string_is_ascii(arr).fill_null(True).to_numpy(zero_copy_only=False)
    if ascii_.all():
        return lowered
    idx = np.flatnonzero(~ascii_)
    values = lowered.to_pylist()
    for i, s in zip(idx, arr.take(pa.array(idx)).to_pylist()):
        values[i] = s.lower()
    return pa.array(values, pa.string())


def filter_list_elements(lists: pa.Array, keep: np.ndarray) -> pa.Array:
    """`lists` (list<string>) keeping the elements where `keep` (over `lists.flatten()`)
    is True; null lists stay null."""
    lengths = lists.value_lengths().fill_null(0).to_numpy(zero_copy_only=False)
    old = np.zeros(len(lists) + 1, np.int64)
    np.cumsum(lengths, out=old[1:])
    kept = np.zeros(keep.size + 1, np.int64)
    np.cumsum(keep, out=kept[1:])
    offsets = pa.array(kept[old].astype(np.int32), pa.int32())
    values = lists.flatten().filter(pa.array(keep, pa.bool_()))
    mask = lists.is_null() if lists.null_count else None
    return pa.ListArray.from_arrays(offsets, values, type=STRINGS, mask=mask)
