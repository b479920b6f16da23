"""Pattern functions called by name (Spark's predicate_funcs and regexp family):
rlike / regexp_like / regexp, like / ilike as functions, regexp_extract_all, regexp_instr,
and mask. A constant pattern runs as one Arrow kernel; a pattern that differs by row is
compiled per row."""

from __future__ import annotations

import re
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine.functions import java_regex
from dfengine.functions.arrays import _const, _full, _py_map
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import INT, B, S, _all, returns
from dfengine.types import datatypes as T

_REGEX_SPECIAL = set(".^$*+?()[]{}|\\")


def like_regex(pattern: str, escape: str = "\\") -> str:
    """A LIKE pattern (`%`, `_`, `escape` quoting the next character) as an anchored regex."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == escape and i + 1 < len(pattern):
            ch, i = pattern[i + 1], i + 1
            out.append("\\" + ch if ch in _REGEX_SPECIAL else ch)
        elif ch == "%":
            out.append(".*")
        elif ch == "_":
            out.append(".")
        else:
            out.append("\\" + ch if ch in _REGEX_SPECIAL else ch)
        i += 1
    return "(?s)^" + "".join(out) + "$"


def _matcher(kind: str) -> Any:
    """rlike (a regex found anywhere), like / ilike (the whole string, `%` and `_`)."""

    def regex_of(pattern: str, escape: str) -> Any:
        if kind == "rlike":
            return java_regex.compile(pattern)
        return re.compile(like_regex(pattern, escape), re.IGNORECASE if kind == "ilike" else 0)

    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        n = table.num_rows
        escape = _const(args[2]) if len(args) > 2 else "\\"
        if isinstance(args[1], pa.Scalar):
            pattern = _const(args[1])
            if pattern is None:
                return pa.nulls(n, pa.bool_())
            if kind == "rlike":
                return java_regex.search(_full(args[0], n), pattern)
            return pc.match_substring_regex(_full(args[0], n), like_regex(pattern, escape),
                                            ignore_case=kind == "ilike")
        return _py_map(args[:2], n, lambda s, p: None if s is None or p is None else bool(
            regex_of(p, escape).search(s)), pa.bool_())

    return run


def _like_sql(e: Any) -> str:
    """`like(s, p)` is shown as Spark shows the operator, `s LIKE p`; ilike as a call."""
    a = [x.sql() for x in e.args]
    if e.name == "ilike":
        return f"ilike({', '.join(a)})"
    esc = f" ESCAPE '{e.args[2].value}'" if len(e.args) > 2 else ""
    return f"{a[0]} LIKE {a[1]}{esc}"


def _regexp_extract_all(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Group `idx` (default 1) of every match; [] when nothing matches."""
    idx = _const(args[2]) if len(args) > 2 else 1

    def fn(s: Any, p: Any) -> Any:
        if s is None or p is None:
            return None
        rx = java_regex.compile(p)
        if idx > rx.groups or idx < 0:
            raise ValueError(f"[INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX] The regex group "
                             f"index {idx} is out of range: the regex has {rx.groups} groups.")
        return [m.group(idx) or "" for m in rx.finditer(s)]

    return _py_map(args[:2], table.num_rows, fn, pa.list_(pa.string()))


def _regexp_instr(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """The 1-based position of the first match (0 when none)."""

    def fn(s: Any, p: Any) -> Any:
        if s is None or p is None:
            return None
        m = java_regex.compile(p).search(s)
        return m.start() + 1 if m else 0

    return _py_map(args[:2], table.num_rows, fn, pa.int32())


_MASK_DEFAULTS = ("X", "x", "n", None)


def _mask(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Upper-case letters, lower-case letters and digits replaced (by X, x, n unless given);
    other characters kept unless a replacement is given; a NULL replacement keeps that class."""
    given = [_const(a) for a in args[1:]]
    upper, lower, digit, other = given + list(_MASK_DEFAULTS[len(given):])

    def fn(s: Any) -> Any:
        if s is None:
            return None
        out = []
        for ch in s:
            if ch.isupper():  # Java's Character.isUpperCase: Unicode letters too
                out.append(upper if upper is not None else ch)
            elif ch.islower():
                out.append(lower if lower is not None else ch)
            elif ch.isdigit():
                out.append(digit if digit is not None else ch)
            else:
                out.append(other if other is not None else ch)
        return "".join(out)

    return _py_map(args[:1], table.num_rows, fn, pa.string())


def _rlike(name: str, aliases: tuple[str, ...] = ()) -> Function:
    return Function(name, returns(B), _all(S), aliases=aliases, impl=_matcher("rlike"),
                    display={n: n.upper() for n in (name,) + aliases}, nullable_rule="inputs",
                    params="str, regexp", example="'ab12', 'b[0-9]'")


define(
    _rlike("rlike"),
    _rlike("regexp_like"),
    _rlike("regexp"),
    Function("like", returns(B), lambda t: [S] * len(t), impl=_matcher("like"),
             render_fn=_like_sql, nullable_rule="inputs",
             params="str, pattern, escapeChar: lit = None", example="'a_b', 'a/_b', '/'"),
    Function("ilike", returns(B), lambda t: [S] * len(t), impl=_matcher("ilike"),
             render_fn=_like_sql, nullable_rule="inputs",
             params="str, pattern, escapeChar: lit = None", example="'AbC', 'a%'"),
    Function("regexp_extract_all", returns(T.ArrayType(S, True)),
             lambda t: [S, S, INT][:len(t)], impl=_regexp_extract_all, nullable_rule="inputs",
             shown_defaults={2: "1"}, params="str, regexp, idx: colnum = None",
             example="'100-200, 300-400', '(\\\\d+)-(\\\\d+)', 2"),
    Function("regexp_instr", returns(INT), lambda t: [S, S, INT][:len(t)],
             impl=_regexp_instr, nullable_rule="inputs", shown_defaults={2: "0"},
             params="str, regexp, idx: colnum = None", example="'abc123', '[0-9]+'"),
    Function("mask", returns(S), _all(S), impl=_mask, nullable_rule="inputs",
             shown_defaults={1: "X", 2: "x", 3: "n", 4: "NULL"},
             params="col, upperChar = None, lowerChar = None, digitChar = None, "
                    "otherChar = None",
             example="'AbCD123-@$#', 'Q', 'q'"),
    family="string",
)
