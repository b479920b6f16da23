"""sqlglot checks the argument count of the functions it knows (`sum(x, x)`, `trim()`) while
parsing and says so in its own words; Spark's analyzer says WRONG_NUM_ARGS. This turns such a
parse error into the catalogue's `arity_error` for the call at the error's position."""

from __future__ import annotations

import re
from typing import Any

from sqlglot import exp

from dfengine.errors import AnalysisException
from dfengine.functions import find

_ARG_COUNT = re.compile(r"number of provided arguments|Required keyword: '\w+' missing for"
                        r"|Expected FROM or comma after EXTRACT")


def _offset(text: str, line: int, col: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + col - 1


def _scan(text: str, i: int, step: int, stop: str) -> tuple[int, int]:
    """From text[i] walk by `step` to the `stop` parenthesis at depth 0, skipping quoted text;
    returns (its index or -1, the commas seen at depth 0)."""
    depth, commas, quote = 0, 0, None
    opening, closing = ("(", ")") if step > 0 else (")", "(")
    while 0 <= i < len(text):
        ch = text[i]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"`":
            quote = ch
        elif ch == stop and depth == 0:
            return i, commas
        elif ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
        elif ch == "," and depth == 0:
            commas += 1
        i += step
    return -1, commas


def written_args(text: str, open_paren: int) -> int:
    """The number of arguments written between text[open_paren] == '(' and its ')'."""
    close, commas = _scan(text, open_paren + 1, 1, ")")
    inner = text[open_paren + 1:close if close >= 0 else len(text)]
    return 0 if not inner.strip() else commas + 1


def _call_at(text: str, pos: int) -> tuple[str, int] | None:
    """(function name, number of arguments) of the innermost call whose parenthesis is open
    at `pos`."""
    i, _ = _scan(text, min(pos, len(text) - 1) - (text[pos:pos + 1] == ")"), -1, "(")
    name = re.search(r"([A-Za-z_][A-Za-z_0-9]*)\s*$", text[:max(i, 0)])
    if i < 0 or name is None:
        return None
    return name.group(1), written_args(text, i)


def arity_error_for(name: str, n: int) -> AnalysisException | None:
    """WRONG_NUM_ARGS when the catalogue's `name` does not take n arguments."""
    entry = find(name)
    if entry is None:
        return None
    lo, hi = entry.arity_of(name.lower())
    if lo <= n <= hi:
        return None
    from dfengine.functions.registry import arity_error

    return arity_error(name.lower(), lo, hi, n)


def _parsed_args(node: Any) -> int:
    n = 0
    for v in node.args.values():
        if isinstance(v, list):
            n += sum(isinstance(x, exp.Expression) for x in v)
        else:
            n += isinstance(v, exp.Expression)
    return n


def check_dropped_args(text: str, node: Any, start: int, end: int) -> None:
    """sqlglot drops arguments past those it knows (`collect_list(x, x)` parses as
    `collect_list(x)`): refuse the call as Spark does when the written count is wrong."""
    paren = end + 1
    while paren < len(text) and text[paren].isspace():
        paren += 1
    if paren >= len(text) or text[paren] != "(":
        return
    n = written_args(text, paren)
    if n > _parsed_args(node):
        err = arity_error_for(text[start:end + 1], n)
        if err is not None:
            raise err


def wrong_num_args(text: str, err: Exception) -> AnalysisException | None:
    errors = getattr(err, "errors", None) or []
    if not errors or not _ARG_COUNT.search(str(errors[0].get("description", ""))):
        return None
    call = _call_at(text, _offset(text, errors[0].get("line") or 1, errors[0].get("col") or 1))
    return arity_error_for(*call) if call else None


# calls sqlglot parses into nodes of a fixed shape, keeping no source position: an extra
# argument vanishes (`substring(s, 1, 2, 3)` ran as `substring(s, 1, 2)`)
_FIXED_SHAPE = re.compile(r"(?i)\b(substring|substr|position|locate|left|right|instr)\s*\(")


def check_fixed_shape_calls(text: str) -> None:
    """WRONG_NUM_ARGS for a call of a fixed-shape function written with too many arguments
    (text inside quotes is skipped)."""
    for m in _FIXED_SHAPE.finditer(text):
        if text[:m.start()].count("'") % 2 or text[:m.start()].count('"') % 2:
            continue
        n = written_args(text, m.end() - 1)
        err = arity_error_for(m.group(1), n)
        if err is not None and n > find(m.group(1)).arity_of(m.group(1).lower())[1]:
            raise err
