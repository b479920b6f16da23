"""Regular expressions as Spark runs them: java.util.regex.

Java and Python's `re` share most syntax and the same leftmost-first backtracking semantics
(the same matches, the same empty matches in a replaceAll: `regexp_replace('aaa', 'a*', 'X')`
is 'XX'), so a Java pattern is translated to `re` syntax here: Java's `\\w`, `\\d`, `\\s` are
spelled out as ASCII classes and `(?i)` folds ASCII only (`(?ai)`) unless the pattern asks for
Unicode (`(?U)`, `(?u)`), while `\\p{L}` stays Unicode. The translation covers what Java spells
differently: named groups `(?<n>...)` and `\\k<n>`, POSIX classes `\\p{Alpha}`, `\\Q...\\E`
quoting, `\\z`/`\\Z`, Java's replacement strings (`$1`, `${name}`, `\\$`).

Arrow's RE2 kernels are many times faster than a Python loop, so a pattern RE2 runs with
Java's answer takes them (`arrow_pattern`): RE2 has no backreferences, lookarounds or
possessive/atomic groups (those patterns are refused there and run in Python), and its
global replace treats an empty match after a non-empty one differently, so only patterns
that cannot match the empty string replace through Arrow."""

from __future__ import annotations

import functools
import re
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

_POSIX = {
    "Lower": "a-z", "Upper": "A-Z", "ASCII": "\\x00-\\x7F", "Alpha": "a-zA-Z", "Digit": "0-9",
    "Alnum": "a-zA-Z0-9", "Punct": "!-/:-@\\[-`{-~", "Graph": "!-~", "Print": " -~",
    "Blank": " \\t", "Cntrl": "\\x00-\\x1F\\x7F", "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0B\\f\\r", "javaLowerCase": "a-z", "javaUpperCase": "A-Z",
}
# Unicode categories are Unicode even in Java's default mode (a `(?u:)` group keeps them so
# beside the classes spelled out as ASCII; no form of them inside [...] exists in `re`)
_UNICODE_PROPERTY = {
    "L": "(?u:[^\\W\\d_])", "IsL": "(?u:[^\\W\\d_])", "IsLetter": "(?u:[^\\W\\d_])",
    "IsAlphabetic": "(?u:[^\\W\\d_])", "N": "(?u:\\d)", "Nd": "(?u:\\d)",
    "IsDigit": "(?u:\\d)", "IsWhite_Space": "(?u:\\s)", "IsWhiteSpace": "(?u:\\s)",
}
_SPACE = " \\t\\n\\x0B\\f\\r"  # Java's \s (RE2's lacks \x0B)
# Java's default classes are ASCII; `re` compiles Unicode (so \p{L} can be Unicode), so each
# is spelled out: (outside a class, inside one)
_ASCII_CLASSES = {
    "w": ("[a-zA-Z0-9_]", "a-zA-Z0-9_"), "d": ("[0-9]", "0-9"), "s": (f"[{_SPACE}]", _SPACE),
    "W": ("[^a-zA-Z0-9_]", None), "D": ("[^0-9]", None), "S": (f"[^{_SPACE}]", None),
}
_DOT = "[^\n\r\x85\u2028\u2029]"  # Java's `.` stops at every line terminator
_UNICODE_FLAGS = re.compile(r"\(\?[a-zA-Z]*[uU][a-zA-Z]*[:)]")
_FLAGS = re.compile(r"\(\?([a-zA-Z]*)(-[a-zA-Z]*)?([:)])")


def translate(pattern: str) -> str:
    """A Java pattern in Python `re` syntax (which RE2 also reads when it has the feature)."""
    unicode_classes = re.search(r"\(\?[a-zA-Z]*U", pattern) is not None
    dot_all = re.search(r"\(\?[a-zA-Z]*s", pattern) is not None
    out: list[str] = []
    i, n, depth = 0, len(pattern), 0  # depth: nesting of [...] classes
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            i = _escape(pattern, i, depth, unicode_classes, out)
            continue
        if ch == "[":
            depth += 1
            out.append(ch)
            if pattern.startswith("^", i + 1):  # `[^]...]` / `[]...]`: a literal ]
                out.append("^")
                i += 1
            if pattern.startswith("]", i + 1):
                out.append("\\]")
                i += 1
        elif ch == "]" and depth:
            depth -= 1
            out.append(ch)
        elif ch == "." and not depth and not dot_all:
            out.append(_DOT)
        elif ch == "(" and not depth and pattern.startswith("(?<", i) and \
                not pattern.startswith(("(?<=", "(?<!"), i):
            out.append("(?P<")
            i += 3
            continue
        elif ch == "(" and not depth and _FLAGS.match(pattern, i):
            m = _FLAGS.match(pattern, i)
            out.append(_flags(m.group(1), m.group(2) or "", m.group(3)))
            i = m.end()
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _flags(on: str, off: str, end: str) -> str:
    """Inline flags: Python has no u/U/d (Unicode classes are spelled out instead), and its
    case folding is Unicode unless `a` is given, where Java's is ASCII unless `u` is."""
    unicode_case = "u" in on
    on = "".join(c for c in on if c not in "uUd")
    off = "".join(c for c in off if c not in "-uUd")
    if "i" in on and not unicode_case:
        on = "a" + on
    if not on and not off:
        return "(?:" if end == ":" else ""
    return f"(?{on}{'-' + off if off else ''}{end}"


def _escape(pattern: str, i: int, depth: int, unicode_classes: bool, out: list) -> int:
    """The escape at `pattern[i]` ('\\'), appended to `out`; returns where the next token is."""
    nxt = pattern[i + 1]
    if nxt == "Q":  # \Q...\E quotes everything between
        end = pattern.find("\\E", i + 2)
        end = len(pattern) if end < 0 else end
        out.append(re.escape(pattern[i + 2:end]))
        return end + 2
    if nxt in "pP" and pattern.startswith("{", i + 2):
        close = pattern.find("}", i + 3)
        name = pattern[i + 3:close] if close > 0 else ""
        if name in _UNICODE_PROPERTY and not depth and nxt == "p":
            out.append(_UNICODE_PROPERTY[name])
            return close + 1
        name = name[2:] if name.startswith("Is") and name[2:] in _POSIX else name
        if name not in _POSIX:
            raise re.error(f"Unknown character property name {{{name}}}")
        body = _POSIX[name]
        out.append(body if depth and nxt == "p" else f"[{'^' if nxt == 'P' else ''}{body}]")
        return close + 1
    if nxt == "k" and pattern.startswith("<", i + 2):
        close = pattern.find(">", i + 3)
        out.append(f"(?P={pattern[i + 3:close]})")
        return close + 1
    if nxt in _ASCII_CLASSES and not unicode_classes:
        outside, inside = _ASCII_CLASSES[nxt]
        out.append(inside if depth and inside else outside if not depth else "\\" + nxt)
        return i + 2
    out.append({"z": "\\Z", "Z": "(?=\\n?\\Z)", "h": "[ \\t\\xA0]", "e": "\\x1B"}.get(
        nxt, "\\" + nxt))
    return i + 2


@functools.lru_cache(maxsize=256)
def compile(pattern: str) -> re.Pattern:  # noqa: A001 - the module is used as java_regex.compile
    """The compiled pattern; a bad one raises re.error (Spark's INVALID_PARAMETER_VALUE)."""
    return re.compile(translate(pattern))


@functools.lru_cache(maxsize=256)
def _re2(pattern: str) -> tuple[str | None, bool]:
    """(the pattern for Arrow's RE2 kernels or None, whether RE2 agrees only on ASCII text)."""
    compile(pattern)  # a bad pattern is refused as Java refuses it, not as RE2 would
    text = translate(pattern)
    if _UNICODE_FLAGS.search(pattern) or "(?P=" in text or re.search(r"\\[1-9]", text):
        return None, False
    folds_case = "(?a" in text
    if folds_case:  # Java's ASCII case folding: RE2's folds Unicode, the same on ASCII
        if not pattern.isascii():
            return None, False
        text = text.replace("(?a", "(?")
    try:
        pc.match_substring_regex(pa.array([""]), text)  # compiles the pattern
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None, False
    # RE2's \b is ASCII, Java 17's knows Unicode letters; RE2 folds 'K' (Kelvin) to k
    return text, "\\b" in pattern or "\\B" in pattern or folds_case


def arrow_pattern(pattern: str, values: Any = None) -> str | None:
    """The pattern for Arrow's RE2 kernels when they give Java's answer on `values`."""
    text, ascii_only = _re2(pattern)
    if text is None or not ascii_only:
        return text
    if values is None or pc.all(pc.fill_null(pc.string_is_ascii(values), True)).as_py() is False:
        return None
    return text


@functools.lru_cache(maxsize=256)
def can_match_empty(pattern: str) -> bool:
    """Whether some match may be empty ('a*', '|', '\\b', a lookahead)."""
    from re import _parser  # the parser knows a pattern's shortest match

    return _parser.parse(translate(pattern)).getwidth()[0] == 0


def search(values: Any, pattern: str) -> Any:
    """rlike: whether the pattern is found in each string."""
    rx = arrow_pattern(pattern, values)
    if rx is not None:
        return pc.match_substring_regex(values, rx)
    found = compile(pattern).search
    return pa.array([None if v is None else found(v) is not None for v in values.to_pylist()],
                    pa.bool_())


def _replacement_parts(repl: str) -> list:
    """Java's replacement string as literal text and (group,) references: `$n`, `${name}`,
    a backslash quoting the next character; `$` followed by anything else is an error."""
    parts: list[Any] = []
    i = 0
    while i < len(repl):
        ch = repl[i]
        if ch == "\\":
            if i + 1 >= len(repl):
                raise re.error("character to be escaped is missing")
            parts.append(repl[i + 1])
            i += 2
        elif ch == "$":
            if repl.startswith("{", i + 1):
                close = repl.find("}", i + 2)
                if close < 0:
                    raise re.error("named capturing group is missing trailing '}'")
                parts.append((repl[i + 2:close],))
                i = close + 1
                continue
            j = i + 1
            while j < len(repl) and repl[j].isdigit():
                j += 1
            if j == i + 1:
                raise re.error("Illegal group reference")
            parts.append((repl[i + 1:j],))
            i = j
        else:
            parts.append(ch)
            i += 1
    return parts


def _group(m: re.Match, ref: str) -> str:
    """A `$ref` of the replacement: Java reads as many digits as still name a group."""
    if not ref.isdigit():
        if ref not in m.re.groupindex:
            raise IndexError(f"No group with name {{{ref}}}")
        return m.group(ref) or ""
    digits = ref
    while len(digits) > 1 and int(digits) > m.re.groups:
        digits = digits[:-1]
    if int(digits) > m.re.groups:
        raise IndexError(f"No group {digits}")
    return (m.group(int(digits)) or "") + ref[len(digits):]


def _re2_rewrite(parts: list, groups: int) -> str | None:
    """The replacement in RE2's rewrite syntax (`\\1`), when every reference is one digit."""
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append("\\\\" if p == "\\" else p)
        elif len(p[0]) == 1 and p[0].isdigit() and int(p[0]) <= groups:
            out.append("\\" + p[0])
        else:
            return None
    return "".join(out)


def replace_all(values: Any, pattern: str, repl: str) -> Any:
    """regexp_replace: every match replaced, as Java's String.replaceAll."""
    parts = _replacement_parts(repl)
    rx = arrow_pattern(pattern, values)
    if rx is not None and not can_match_empty(pattern):
        rewrite = _re2_rewrite(parts, compile(pattern).groups)
        if rewrite is not None:
            return pc.replace_substring_regex(values, rx, rewrite)

    def expand(m: re.Match) -> str:
        return "".join(p if isinstance(p, str) else _group(m, p[0]) for p in parts)

    sub = compile(pattern).sub
    return pa.array([None if v is None else sub(expand, v) for v in values.to_pylist()],
                    pa.string())
