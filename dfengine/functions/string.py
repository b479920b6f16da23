"""String functions (Spark's string_funcs): case, trimming, padding, search, regexps."""

from __future__ import annotations

import base64
import decimal as _decimal
import hashlib
import re
import zlib
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import AnalysisException, SparkRuntimeException
from dfengine.functions import java_regex
from dfengine.functions.arrays import _const, _full, _py_map, _unary
from dfengine.functions.registry import MANY, Function, define
from dfengine.functions.signatures import (
    INT,
    B,
    L,
    S,
    _all,
    returns,
)

_TRIMS = {"trim": ("BOTH", str.strip), "ltrim": ("LEADING", str.lstrip),
          "rtrim": ("TRAILING", str.rstrip)}


def _trim(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Spaces by default; `TRIM(LEADING 'x' FROM s)` passes the characters to remove (the
    expression's args are (str, trimStr); SQL's 2-argument `ltrim(trimStr, str)` is swapped
    by the parser)."""
    fn = {"trim": pc.utf8_trim, "ltrim": pc.utf8_ltrim, "rtrim": pc.utf8_rtrim}[e.spec.name]
    if len(args) > 1 and not isinstance(args[1], pa.Scalar):  # a column of characters
        strip = _TRIMS[e.spec.name][1]
        return _py_map(args[:2], table.num_rows,
                       lambda v, c: None if v is None or c is None else strip(v, c), pa.string())
    chars = _const(args[1]) if len(args) > 1 else " "
    if chars is None:
        return pa.nulls(table.num_rows, pa.string())
    return fn(args[0], chars) if chars else args[0]


def _render_trim(e: Any) -> str:
    """Spark names a 2-argument trim `TRIM(LEADING x FROM s)`."""
    if len(e.args) < 2:
        return f"{e.name}({e.args[0].sql()})"
    return f"TRIM({_TRIMS[e.name][0]} {e.args[1].sql()} FROM {e.args[0].sql()})"


def _initcap(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Spark title-cases the first letter after each space and lower-cases the rest (only
    spaces separate words: 'a_c' -> 'A_c', where Arrow's utf8_title gives 'A_C'; Java's full
    mappings: 'ßa' -> 'Ssa', 'İx' keeps its 'İ')."""

    def fn(v: Any) -> Any:
        return None if v is None else " ".join(w[:1].title() + w[1:].lower() for w in v.split(" "))

    return _py_map(args[:1], table.num_rows, fn, pa.string())


def _java_case(kernel: Any, method: str) -> Any:
    """upper/lower as Java's String.toUpperCase/toLowerCase (full case mapping: 'ß' -> 'SS',
    final sigma): Arrow's kernel for ASCII rows, Python's str methods (the same Unicode
    mapping) for the others."""

    def impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        a = args[0]
        if isinstance(a, pa.Scalar):
            return pa.scalar(None if not a.is_valid else getattr(a.as_py(), method)(), pa.string())
        a = a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a
        out = kernel(a)
        special = pc.fill_null(pc.invert(pc.string_is_ascii(a)), False)
        if not pc.any(special).as_py():
            return out
        fixed = [getattr(v, method)() for v in pc.filter(a, special).to_pylist()]
        return pc.replace_with_mask(out, special, pa.array(fixed, out.type))

    return impl


def _is_string_array(t: T.DataType) -> bool:
    return isinstance(t, T.ArrayType) and isinstance(t.elementType, (T.StringType, T.NullType))


def _all_arrays(types: list[T.DataType]) -> bool:
    return bool(types) and all(isinstance(t, T.ArrayType) for t in types)


def _concat_type(types: list[T.DataType]) -> T.DataType:
    """concat of arrays is their concatenation (Spark), of binaries a binary (Spark keeps
    the bytes), of anything else a string."""
    if _all_arrays(types):
        from dfengine.types.coercion import common_type

        return common_type(types) or types[0]
    if types and all(isinstance(t, T.BinaryType) for t in types):
        return T.BinaryType()
    return S


def _concat_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    if _all_arrays(types) or isinstance(_concat_type(types), T.BinaryType):
        return [_concat_type(types)] * len(types)
    return [S] * len(types)


def _concat(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    if isinstance(e.data_type, T.ArrayType):
        from dfengine.types import to_arrow_type

        return _py_map(args, table.num_rows, lambda *xs: None if any(x is None for x in xs)
                       else [v for x in xs for v in x], to_arrow_type(e.data_type))
    if not args:
        return pa.scalar("")
    n = table.num_rows
    cols = [_full(a, n) for a in args]
    empty = b"" if isinstance(e.data_type, T.BinaryType) else ""
    return pc.binary_join_element_wise(*cols, pa.scalar(empty))


def _join_array(arr: Any, sep: Any, n: int) -> Any:
    """An array<string> argument of concat_ws: its non-NULL elements joined by `sep`; an
    empty array (or one of NULLs) adds nothing, as a NULL argument does."""
    def join(xs: Any, s: Any) -> Any:
        kept = [x for x in xs or () if x is not None]
        return None if s is None or not kept else s.join(kept)

    return _py_map([arr, sep], n, join, pa.string())


def _concat_ws(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = table.num_rows
    args = [args[0]] + [_join_array(a, args[0], n) if _is_string_array(x.data_type) else a
                        for a, x in zip(args[1:], e.args[1:])]
    sep = args[0]
    cols = [_full(a, n) for a in args[1:]]
    if not cols:
        return pa.scalar("")
    if len(cols) == 1:
        # Arrow's join of one column with null_handling="skip" drops rows; NULL reads as ''
        out = pc.fill_null(cols[0], "")
        return pc.if_else(pc.is_null(_full(sep, n)), pa.scalar(None, pa.string()), out)
    return pc.binary_join_element_wise(*cols, sep, null_handling="skip")


def _substring(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    pos = _const(args[1])
    length = _const(args[2]) if len(args) > 2 else None
    if isinstance(pos, int) and (length is None or isinstance(length, int)):
        if length is not None and length <= 0:
            return pc.if_else(pc.is_null(args[0]), pa.scalar(None, pa.string()), "")
        start = pos - 1 if pos > 0 else min(0, pos)
        stop = None if length is None else start + length
        if start < 0 and stop is not None and stop >= 0:
            stop = None
        return pc.utf8_slice_codeunits(args[0], start=start, stop=stop)

    def sub(s: Any, p: Any, ln: Any = None) -> Any:
        if s is None or p is None:
            return None
        start = p - 1 if p > 0 else (len(s) + p if p < 0 else 0)
        return s[max(start, 0) : None if ln is None else max(start, 0) + max(ln, 0)]

    return _py_map(args, table.num_rows, sub, pa.string())


def _split(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    if any(not isinstance(a, pa.Scalar) for a in args[1:]):
        return _py_map(args, table.num_rows, _split_row, pa.list_(pa.string()))
    pattern = _const(args[1])
    limit = _const(args[2]) if len(args) > 2 else -1
    max_splits = None if limit is None or limit <= 0 else limit - 1
    if pattern is not None and _zero_width(pattern):  # Arrow's kernel never ends on those
        return _py_map(args, table.num_rows, _split_row, pa.list_(pa.string()))
    if re.escape(pattern) == pattern or (len(pattern) == 1 and pattern not in ".$|()[{^?*+\\"):
        return pc.split_pattern(args[0], pattern, max_splits=max_splits)
    rx = java_regex.arrow_pattern(pattern, args[0])
    if rx is None:
        return _py_map(args, table.num_rows, _split_row, pa.list_(pa.string()))
    return pc.split_pattern_regex(args[0], rx, max_splits=max_splits)


_ZERO_WIDTH = ("(?=", "(?!", "(?<", "\\b", "\\B", "^", "$")


def _zero_width(pattern: str) -> bool:
    """A pattern that can match the empty string ('|', 'a*', a lookahead)."""
    try:
        return java_regex.compile(pattern).fullmatch("") is not None or any(
            z in pattern for z in _ZERO_WIDTH)
    except re.error:
        return False


def _split_row(s: Any, pattern: Any, limit: Any = -1) -> Any:
    """`split` as Java's String.split(regex, limit): a zero-width match at the start makes no
    leading empty string ('a|b|c' split by '|' is [a, |, b, |, c, ''])."""
    if s is None or pattern is None or limit is None:
        return None
    if pattern == "":  # Spark splits into characters, no trailing empty string
        cut = len(s) if limit <= 0 else max(limit - 1, 0)
        return (list(s[:cut]) + ([s[cut:]] if s[cut:] else [])) or [""]
    parts, start = [], 0
    for m in java_regex.compile(pattern).finditer(s):
        if limit > 0 and len(parts) == limit - 1:
            break
        if m.end() == 0:
            continue
        parts.append(s[start:m.start()])
        start = m.end()
    parts.append(s[start:])
    return parts


def _binary_pad(t: list[T.DataType]) -> bool:
    """lpad/rpad of a binary with a binary pad (or none: zero bytes) pads bytes (Spark's
    BinaryLPad); any other mix pads strings."""
    return isinstance(t[0], T.BinaryType) and (len(t) < 3 or isinstance(t[2], T.BinaryType))


def _pad_type(t: list[T.DataType]) -> T.DataType:
    return T.BinaryType() if _binary_pad(t) else S


def _pad_inputs(t: list[T.DataType]) -> list[T.DataType]:
    kind = T.BinaryType() if _binary_pad(t) else S
    return [kind, INT, kind][: len(t)]


def _render_pad(e: Any) -> str:
    """Spark's name shows the default pad: `lpad(s, 8,  )`, `lpad(b, 4, X'00')`."""
    args = [a.sql() for a in e.args]
    if len(args) == 2:
        args.append("X'00'" if isinstance(e.data_type, T.BinaryType) else " ")
    return f"{e.name}({', '.join(args)})"


def _pad(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    width = _const(args[1])
    binary = isinstance(e.data_type, T.BinaryType)
    pad = _const(args[2]) if len(args) > 2 else (b"\x00" if binary else " ")
    left = e.spec.name == "lpad"

    def fn(s: Any, w: Any = width, p: Any = pad) -> Any:
        if s is None or w is None or p is None:
            return None
        if len(s) >= w or not p:
            return s[:w] if w >= 0 else ""
        fill = (p * w)[: w - len(s)]
        return fill + s if left else s + fill

    return _py_map(args[:1], table.num_rows, fn, pa.binary() if binary else pa.string())


def _replace(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    search = _const(args[1])
    repl = _const(args[2]) if len(args) > 2 else ""
    if search is None or repl is None:
        return pa.nulls(table.num_rows, pa.string())
    if isinstance(search, str) and not search:  # Spark returns the string; Arrow's kernel never ends on ''
        return args[0]
    return pc.replace_substring(args[0], search, repl)


def _regexp_replace(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Every match replaced; with a (constant, 1-based) `position`, the search starts at that
    character (`^` matching there, as Java's Matcher.region), and a string shorter than
    `position` comes back unchanged."""
    values = _full(args[0], table.num_rows)
    pattern, repl = _const(args[1]), _const(args[2])
    pos = _const(args[3]) if len(args) > 3 else 1
    if pos is None:
        return pa.nulls(table.num_rows, pa.string())
    if pos == 1:
        return java_regex.replace_all(values, pattern, repl)
    head = pc.utf8_slice_codeunits(values, start=0, stop=pos - 1)
    tail = java_regex.replace_all(pc.utf8_slice_codeunits(values, start=pos - 1), pattern,
                                  repl)
    short = pc.less(pc.utf8_length(values), pos)
    return pc.if_else(short, values, pc.binary_join_element_wise(head, tail, ""))


def _regexp_extract(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    rx = java_regex.compile(_const(args[1]))
    idx = _const(args[2]) if len(args) > 2 else 1

    def fn(s: Any) -> Any:
        if s is None:
            return None
        m = rx.search(s)
        return (m.group(idx) or "") if m else ""

    return _py_map(args[:1], table.num_rows, fn, pa.string())


def _instr_from(s: str | None, sub: str | None, start: int | None,
                occurrence: int | None) -> int | None:
    """The 1-based position of the `occurrence`-th `sub` searching forward from character
    `start`, or backward from character -`start` counted from the end when it is negative
    (matches may overlap); 0 when there is none or `start` is 0, 1 for an empty `sub`."""
    if s is None or sub is None or start is None or occurrence is None:
        return None
    if occurrence < 1:
        raise SparkRuntimeException(
            "[INVALID_PARAMETER_VALUE.OCCURRENCE] The value of parameter(s) `occurrence` in "
            f"`instr` is invalid: expects a positive integer, but got {occurrence}.",
            "INVALID_PARAMETER_VALUE.OCCURRENCE")
    if sub == "":
        return 1
    if start == 0:
        return 0
    found, at = -1, start - 1 if start > 0 else len(s) + start
    for _ in range(occurrence):
        if at < 0:
            return 0
        found = s.find(sub, at) if start > 0 else s.rfind(sub, 0, at + len(sub))
        if found < 0:
            return 0
        at = found + 1 if start > 0 else found - 1
    return found + 1


def _instr(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """1-based position in characters (Arrow's find_substring counts UTF-8 bytes, so
    non-ASCII strings take the Python path); `instr(str, substr, start, occurrence)` searches
    from `start` for the `occurrence`-th match (`_instr_from`)."""
    if len(args) > 2:
        more = args[2:] if len(args) > 3 else [args[2], pa.scalar(1, pa.int32())]
        return _py_map([args[0], args[1], *more], table.num_rows, _instr_from, pa.int32())
    sub = _const(args[1])
    s = _full(args[0], table.num_rows)
    if sub is not None and pc.all(pc.fill_null(pc.string_is_ascii(s), True)).as_py() is not False:
        return pc.cast(pc.add(pc.find_substring(s, sub), 1), pa.int32())
    return _py_map(
        [s],
        table.num_rows,
        lambda v: None if v is None or sub is None else v.find(sub) + 1,
        pa.int32(),
    )


def _left_right(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """left(s, n) = substring(s, 1, n); right(s, n) = substring(s, -n, n); '' when n <= 0."""
    n = _const(args[1])
    if n is None:
        return pa.nulls(table.num_rows, pa.string())
    if n <= 0:
        return pc.if_else(pc.is_null(args[0]), pa.scalar(None, pa.string()), "")
    if e.spec.name == "left":
        return pc.utf8_slice_codeunits(args[0], start=0, stop=n)
    return pc.utf8_slice_codeunits(args[0], start=-n)


def _locate(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Spark's StringLocate: a NULL start gives 0 (not NULL) before the others are read."""
    start = _const(args[2]) if len(args) > 2 else 1
    if start is None:
        return pa.scalar(0, pa.int32())
    sub = _const(args[0])

    def fn(s: Any) -> Any:
        if s is None or sub is None:
            return None
        if start < 1:
            return 0
        return s.find(sub, start - 1) + 1

    return _py_map(args[1:2], table.num_rows, fn, pa.int32())


def _startswith(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.starts_with(args[0], _const(args[1]))


def _endswith(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.ends_with(args[0], _const(args[1]))


def _contains(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.match_substring(args[0], _const(args[1]))


def _ascii(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _py_map(
        args, table.num_rows, lambda s: None if s is None else (ord(s[0]) if s else 0), pa.int32()
    )


def _repeat(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.binary_repeat(args[0], pc.max_element_wise(args[1], 0))


def _reverse(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """A string's characters, a binary's bytes or an array's elements in reverse order."""
    x = args[0]
    if isinstance(e.args[0].data_type, T.BinaryType):
        return pc.binary_reverse(x)
    if not isinstance(e.args[0].data_type, T.ArrayType):
        return pc.utf8_reverse(x)
    x = _full(x, table.num_rows)
    x = x.combine_chunks() if isinstance(x, pa.ChunkedArray) else x
    offsets = np.asarray(x.offsets, dtype=np.int64)
    starts, ends = offsets[:-1], offsets[1:]
    lengths = ends - starts
    rows = np.repeat(np.arange(len(x)), lengths)
    position = np.arange(offsets[-1] - offsets[0]) + offsets[0]
    mirrored = starts[rows] + ends[rows] - 1 - position  # the element's mirror in its list
    values = x.values.take(pa.array(mirrored))
    return pa.ListArray.from_arrays(pa.array(offsets - offsets[0], pa.int32()), values,
                                    mask=x.is_null())


def _substring_index(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """The part before the count-th delimiter (after the count-th from the end if negative)."""
    delim, count = _const(args[1]), _const(args[2])

    def fn(v: Any) -> Any:
        if v is None:
            return None
        if not delim or count == 0:
            return ""
        parts = v.split(delim)
        return delim.join(parts[:count] if count > 0 else parts[count:])

    return _py_map(args[:1], table.num_rows, fn, pa.string())


def _format_number(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Java's DecimalFormat('#,##0.00...'): grouped thousands, `d` decimals rounded HALF_EVEN
    (Spark's default), NULL for a negative `d`."""
    d = _const(args[1])
    if isinstance(d, str):  # a DecimalFormat pattern ('#,###.00')
        from dfengine.functions.decimal_format import decimal_format

        return _py_map(args[:1], table.num_rows, lambda v: None if v is None else (
            decimal_format(v, d)), pa.string())

    def fn(v: Any) -> Any:
        if v is None or d is None or d < 0:
            return None
        if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):  # noqa: PLR0124
            return "NaN" if v != v else ("-" if v < 0 else "") + "\u221e"  # noqa: PLR0124
        with _decimal.localcontext() as dctx:
            dctx.prec = 400
            q = _decimal.Decimal(repr(v) if isinstance(v, float) else v).quantize(
                _decimal.Decimal(1).scaleb(-d), rounding=_decimal.ROUND_HALF_EVEN
            )
        return f"{q:,.{d}f}"

    return _py_map(args[:1], table.num_rows, fn, pa.string())


def _translate(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    src, dst = _const(args[1]) or "", _const(args[2]) or ""
    table_map: dict = {}
    for i, c in enumerate(src):  # a character listed twice keeps its first replacement
        table_map.setdefault(ord(c), dst[i] if i < len(dst) else None)
    return _py_map(
        args[:1],
        table.num_rows,
        lambda s: None if s is None else s.translate(table_map),
        pa.string(),
    )


define(
    Function(
        "upper",
        returns(S),
        _all(S),
        aliases=("ucase",),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_java_case(pc.utf8_upper, "upper"),
        params="col",
        example="'SpArK'",
    ),
    Function(
        "lower",
        returns(S),
        _all(S),
        aliases=("lcase",),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_java_case(pc.utf8_lower, "lower"),
        params="col",
        example="'SpArK'",
    ),
    Function(
        "length",
        returns(INT),
        lambda types: [None if isinstance(types[0], T.BinaryType) else S] * len(types),
        aliases=("char_length", "character_length"),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unary(lambda a: pc.cast(  # a binary's length is its bytes, a string's its chars
            pc.binary_length(a) if pa.types.is_binary(a.type) else pc.utf8_length(a),
            pa.int32())),
        params="col",
        example="'Spark '",
    ),
    Function(
        "trim",
        returns(S),
        _all(S),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_trim,
        render_fn=_render_trim,
        params="col, trim = None",
        example="'  hi  '",
    ),
    Function(
        "ltrim",
        returns(S),
        _all(S),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_trim,
        render_fn=_render_trim,
        params="col, trim = None",
        example="'  hi  '",
    ),
    Function(
        "rtrim",
        returns(S),
        _all(S),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_trim,
        render_fn=_render_trim,
        params="col, trim = None",
        example="'  hi  '",
    ),
    Function(
        "reverse",
        lambda t: t[0] if isinstance(t[0], (T.ArrayType, T.BinaryType)) else S,
        lambda t: [None if isinstance(t[0], (T.ArrayType, T.BinaryType)) else S],
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_reverse,
        params="col",
        example="'Spark'",
    ),
    Function(
        "initcap",
        returns(S),
        _all(S),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_initcap,
        params="col",
        example="'hello wORLD'",
    ),
    Function("concat", _concat_type, _concat_inputs, impl=_concat, params="*cols",
             example="'a', 'b', NULL"),
    Function(
        "concat_ws",
        returns(S),
        lambda t: [None if _is_string_array(x) else S for x in t],
        impl=_concat_ws,
        params="sep: lit, *cols",
        example="'-', 'a', 'b'",
    ),
    Function(
        "substring",
        returns(S),
        lambda t: [S, INT, INT][: len(t)],
        arity=(2, 3),
        aliases=("substr",),
        shown_defaults={2: "2147483647"},
        null_intolerant=True,
        impl=_substring,
        params={"substring": "str, pos: colnum, len: colnum", "substr": "str, pos: col, len: col = None"},
        example="'Spark SQL', 2, 3",
    ),
    Function(
        "split",
        returns(T.ArrayType(S)),
        lambda t: [S, S, INT][: len(t)],
        shown_defaults={2: "-1"},
        null_intolerant=True,
        impl=_split,
        params="str, pattern: lit, limit: colnum = -1",
        example="'a,b,,c', ','",
    ),
    Function(
        "lpad",
        _pad_type,
        _pad_inputs,
        render_fn=_render_pad,
        arity=(2, 3),
        null_intolerant=True,
        impl=_pad,
        params="col, len: lit, pad: lit",
        example="'hi', 5, 'xy'",
    ),
    Function(
        "rpad",
        _pad_type,
        _pad_inputs,
        render_fn=_render_pad,
        arity=(2, 3),
        null_intolerant=True,
        impl=_pad,
        params="col, len: lit, pad: lit",
        example="'hi', 5, 'xy'",
    ),
    Function(
        "replace",
        returns(S),
        _all(S),
        null_intolerant=True,
        impl=_replace,
        params="src, search: col, replace: col = None",
        example="'abcabc', 'b', 'X'",
    ),
    Function(
        "regexp_replace",
        returns(S),
        lambda t: [S, S, S, INT][: len(t)],
        null_intolerant=True,
        impl=_regexp_replace,
        shown_defaults={3: "1"},
        params="string, pattern: lit, replacement: lit, position: lit = None",
        example="'100-200', '(\\\\d+)', 'N'",
    ),
    Function(
        "regexp_extract",
        returns(S),
        lambda t: [S, S, INT][: len(t)],
        arity=(2, 3),
        null_intolerant=True,
        impl=_regexp_extract,
        params="str, pattern: lit, idx: lit",
        example="'100-200', '(\\\\d+)-(\\\\d+)', 2",
    ),
    Function(
        "instr",
        returns(INT),
        lambda t: [S, S, INT, INT][: len(t)],
        null_intolerant=True,
        impl=_instr,
        shown_defaults={3: "1"},
        params="str, substr: lit, start: lit = None, occurrence: lit = None",
        example="'hello', 'll'",
    ),
    Function(
        "locate",
        returns(INT),
        lambda t: [S, S, INT][: len(t)],
        impl=_locate,
        aliases=("position",),
        shown_defaults={2: "1"},
        params={"locate": "substr: lit, str, pos: lit = 1", "position": "substr, str, start = None"},
        example="'b', 'abcb', 3",
    ),
    Function(
        "startswith",
        returns(B),
        _all(S),
        null_intolerant=True,
        impl=_startswith,
        params="str, prefix: col",
        example="'Spark', 'Sp'",
    ),
    Function(
        "endswith",
        returns(B),
        _all(S),
        null_intolerant=True,
        impl=_endswith,
        params="str, suffix: col",
        example="'Spark', 'rk'",
    ),
    Function(
        "contains",
        returns(B),
        _all(S),
        null_intolerant=True,
        impl=_contains,
        params="left, right: col",
        example="'Spark SQL', 'SQL'",
    ),
    Function(
        "ascii",
        returns(INT),
        _all(S),
        null_intolerant=True,
        impl=_ascii,
        params="col",
        example="'Ab'",
    ),
    Function(
        "repeat",
        returns(S),
        lambda t: [S, INT],
        null_intolerant=True,
        impl=_repeat,
        params="col, n: colnum",
        example="'ab', 3",
    ),
    Function(
        "format_number",
        returns(S),
        lambda t: [None, S if isinstance(t[1], T.StringType) else INT],
        null_intolerant=True,
        impl=_format_number,
        params="col, d: lit",
        example="12345.6789, 2",
    ),
    Function(
        "substring_index",
        returns(S),
        lambda t: [S, S, INT],
        impl=_substring_index,
        null_intolerant=True,
        nullable_rule="inputs",
        params="str, delim: lit, count: lit",
        example="'www.apache.org', '.', 2",
    ),
    Function(
        "left",
        returns(S),
        lambda t: [S, INT],
        null_intolerant=True,
        impl=_left_right,
        params="str, len: col",
        example="'Spark', 3",
    ),
    Function(
        "right",
        returns(S),
        lambda t: [S, INT],
        null_intolerant=True,
        impl=_left_right,
        params="str, len: col",
        example="'Spark', 2",
    ),
    Function(
        "translate",
        returns(S),
        _all(S),
        null_intolerant=True,
        impl=_translate,
        params="srcCol, matching: lit, replace: lit",
        example="'AaBbCc', 'abc', '123'",
    ),
    family="string",
)


# ---------------------------------------------------------------- more string functions

BIN = T.BinaryType()


def _unbase64(text: str) -> bytes:
    """Java's MIME decoder, as Spark's unbase64: padding optional, characters outside the
    alphabet skipped ('@@@' is empty)."""
    kept = "".join(c for c in text if c.isalnum() or c in "+/")
    if len(kept) % 4 == 1:  # a lone trailing character holds no whole byte
        kept = kept[:-1]
    return base64.b64decode(kept + "=" * (-len(kept) % 4))


def _row_map(fn: Any, t: pa.DataType, first: int | None = None) -> Any:
    """An implementation calling `fn` on each row's values (None when any is NULL)."""

    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        def call(*vs: Any) -> Any:
            return None if any(v is None for v in vs) else fn(*vs)

        return _py_map(args[:first], table.num_rows, call, t)

    return run


def _utf8(v: Any) -> bytes:
    return v.encode() if isinstance(v, str) else v


def _chr(n: int) -> str:
    return "" if n < 0 else chr(n % 256)


_CHR = _row_map(_chr, pa.string())
_SOUNDEX = "01230127022455012623017202"


def _soundex(s: str) -> str:
    """Spark's UTF8String.soundex: the input unchanged unless it starts with a letter."""
    if not s or not ("a" <= s[0] <= "z" or "A" <= s[0] <= "Z"):
        return s
    first = s[0].upper()
    out, last = [first], _SOUNDEX[ord(first) - 65]
    for ch in s[1:]:
        c = ch.upper() if "a" <= ch <= "z" else ch
        if not "A" <= c <= "Z":
            last = "0"
            continue
        code = _SOUNDEX[ord(c) - 65]
        if code == "7":
            continue
        if code not in ("0", last):
            out.append(code)
            if len(out) > 3:
                break
        last = code
    return "".join(out).ljust(4, "0")


def _levenshtein_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _levenshtein(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    limit = _const(args[2]) if len(args) > 2 else None

    def fn(a: Any, b: Any) -> Any:
        if a is None or b is None:
            return None
        d = _levenshtein_distance(a, b)
        return -1 if limit is not None and d > limit else d

    return _py_map(args[:2], table.num_rows, fn, pa.int32())


def _overlay(s: str, r: str, pos: int, length: int = -1) -> str:
    n = length if length >= 0 else len(r)
    return s[: max(pos - 1, 0)] + r + s[max(pos - 1 + n, 0) :]


def _format_string(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """java.util.Formatter over Spark's internal values (functions/java_format.py)."""
    from dfengine.functions import java_format

    fmt = _const(args[0])
    if fmt is None:
        return pa.nulls(table.num_rows, pa.string())
    parts = java_format.parse(fmt) if table.num_rows else []
    kinds = [java_format.java_class(a.type) for a in args[1:]]
    return _py_map(args[1:], table.num_rows,
                   lambda *vs: java_format.format_row(parts, vs, kinds), pa.string())


def _hex(v: Any) -> str:
    if isinstance(v, int):
        return format(v & 0xFFFFFFFFFFFFFFFF, "X")
    return _utf8(v).hex().upper()


def _unhex(s: str) -> Any:
    try:
        return bytes.fromhex(s if len(s) % 2 == 0 else "0" + s)
    except ValueError:
        return None


def _sha2(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    bits = _const(args[1])
    algo = {0: "sha256", 224: "sha224", 256: "sha256", 384: "sha384", 512: "sha512"}.get(bits)
    if algo is None:
        return pa.nulls(table.num_rows, pa.string())
    return _py_map(
        args[:1],
        table.num_rows,
        lambda v: None if v is None else hashlib.new(algo, _utf8(v)).hexdigest(),
        pa.string(),
    )


def _regexp_count(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    rx = java_regex.compile(_const(args[1]))
    return _py_map(
        args[:1],
        table.num_rows,
        lambda s: None if s is None else sum(1 for _ in rx.finditer(s)),
        pa.int32(),
    )


def _regexp_substr(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    rx = java_regex.compile(_const(args[1]))

    def fn(s: Any) -> Any:
        m = None if s is None else rx.search(s)
        return m.group(0) if m else None

    return _py_map(args[:1], table.num_rows, fn, pa.string())


def _split_part(s: str, delim: str, n: int) -> Any:
    if n == 0:
        raise ValueError("[INVALID_INDEX_OF_ZERO] The index 0 is invalid.")
    parts = s.split(delim) if delim else [s]
    i = n - 1 if n > 0 else len(parts) + n
    return parts[i] if 0 <= i < len(parts) else ""


def _bytes_in(types: list) -> list:
    return [None if isinstance(types[0], T.BinaryType) else S] + [None] * (len(types) - 1)


def _binary_in(types: list) -> list:
    """base64 takes BINARY; a string is cast to its UTF-8 bytes, but a number is not (Spark
    has no implicit cast from a number to BINARY)."""
    t = types[0]
    if isinstance(t, (T.BinaryType, T.StringType, T.NullType)):
        return _bytes_in(types)
    raise AnalysisException(
        f"Cannot resolve base64 due to data type mismatch: The first parameter requires the "
        f"\"BINARY\" type, however it has the type \"{t.simpleString().upper()}\". Cast it "
        "to STRING or BINARY first.", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")


def _string_fn(name: str, result: Any, impl: Any, example: str, **kw: Any) -> Function:
    kw.setdefault("inputs", _all(S))
    kw.setdefault("params", "col")
    kw.setdefault("nullable_rule", "inputs")
    return Function(name, returns(result), null_intolerant=True, impl=impl, example=example, **kw)


define(
    _string_fn(
        "bit_length",
        INT,
        _row_map(lambda v: len(_utf8(v)) * 8, pa.int32()),
        "'Spark'",
        inputs=_bytes_in,
    ),
    _string_fn(
        "octet_length",
        INT,
        _row_map(lambda v: len(_utf8(v)), pa.int32()),
        "'Spark'",
        inputs=_bytes_in,
    ),
    _string_fn(
        "btrim",
        S,
        _row_map(lambda s, c=" ": s.strip(c), pa.string()),
        "'  hi  '",
        params="str, trim: lit = None",
    ),
    _string_fn("chr", S, _CHR, "65", inputs=_all(L), aliases=("char",)),
    _string_fn("soundex", S, _row_map(_soundex, pa.string()), "'Robert'"),
    _string_fn(
        "levenshtein",
        INT,
        _levenshtein,
        "'kitten', 'sitting'",
        inputs=lambda t: [S, S] + [INT] * (len(t) - 2),
        params="left, right, threshold: lit = None",
    ),
    _string_fn(
        "overlay",
        S,
        _row_map(_overlay, pa.string()),
        "'Spark SQL', '_', 6",
        inputs=lambda t: [S, S, INT, INT][: len(t)],
        shown_defaults={3: "-1"},
        params="src, replace, pos: colnum, len: colnum = -1",
    ),
    Function(
        "format_string",
        returns(S),
        impl=_format_string,
        params="format: lit, *cols",
        example="'%d %s', 1, 'a'",
    ),
    Function(
        "printf", returns(S), impl=_format_string, params="format, *cols", example="'%d %s', 1, 'a'"
    ),
    _string_fn(
        "base64",
        S,
        _row_map(lambda v: base64.b64encode(_utf8(v)).decode(), pa.string()),
        "'Spark'",
        inputs=_binary_in,
    ),
    _string_fn("unbase64", BIN, _row_map(_unbase64, pa.binary()), "'U3Bhcms='"),
    _string_fn(
        "hex",
        S,
        _row_map(_hex, pa.string()),
        "'Spark'",
        inputs=lambda t: [
            None
            if isinstance(t[0], (T.BinaryType, T.LongType))
            else L
            if isinstance(t[0], T.IntegralType)
            else S
        ],
    ),
    _string_fn("unhex", BIN, _row_map(_unhex, pa.binary()), "'537061726B'", nullable_rule="always"),
    _string_fn(
        "md5",
        S,
        _row_map(lambda v: hashlib.md5(_utf8(v)).hexdigest(), pa.string()),
        "'Spark'",
        inputs=_bytes_in,
    ),
    _string_fn(
        "sha1",
        S,
        _row_map(lambda v: hashlib.sha1(_utf8(v)).hexdigest(), pa.string()),
        "'Spark'",
        inputs=_bytes_in,
        aliases=("sha",),
    ),
    _string_fn(
        "sha2",
        S,
        _sha2,
        "'Spark', 256",
        inputs=lambda t: _bytes_in(t)[:1] + [INT],
        nullable_rule="always",
        params="col, numBits: lit",
    ),
    _string_fn(
        "crc32",
        L,
        _row_map(lambda v: zlib.crc32(_utf8(v)), pa.int64()),
        "'Spark'",
        inputs=_bytes_in,
    ),
    _string_fn("regexp_count", INT, _regexp_count, "'ababa', 'ab'", params="str, regexp"),
    _string_fn(
        "regexp_substr",
        S,
        _regexp_substr,
        "'abc123def', '[0-9]+'",
        nullable_rule="always",
        params="str, regexp",
    ),
    _string_fn(
        "split_part",
        S,
        _row_map(_split_part, pa.string()),
        "'a,b,c', ',', 2",
        inputs=lambda t: [S, S, INT],
        nullable_rule="always",
        params="src, delimiter, partNum",
    ),
    family="string",
)


def _find_in_set(s: str, items: str) -> int:
    if "," in s:
        return 0
    parts = items.split(",")
    return parts.index(s) + 1 if s in parts else 0


def _elt(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """The i-th string; an index outside 1..n is NULL, or under ANSI INVALID_ARRAY_INDEX."""
    def fn(i: Any, *vs: Any) -> Any:
        if i is not None and not 1 <= i <= len(vs) and e.ansi:
            from dfengine.errors import invalid_array_index

            raise invalid_array_index(i, len(vs), element_at=False)
        return vs[i - 1] if i is not None and 1 <= i <= len(vs) else None

    return _py_map(args, table.num_rows, fn, pa.string())


def _luhn(s: str) -> bool:
    if not s or not s.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


define(
    _string_fn(
        "find_in_set",
        INT,
        _row_map(_find_in_set, pa.int32()),
        "'b', 'a,b,c'",
        params="str, str_array",
    ),
    Function(
        "elt",
        returns(S),
        lambda t: [INT] + [S] * (len(t) - 1),
        arity=(2, MANY),
        impl=_elt,
        params="*inputs",
        example="2, 'a', 'b', 'c'",
    ),
    _string_fn("space", S, _row_map(lambda k: " " * max(k, 0), pa.string()), "3", inputs=_all(INT)),
    _string_fn("luhn_check", B, _row_map(_luhn, pa.bool_()), "'79927398713'"),
    family="string",
)
