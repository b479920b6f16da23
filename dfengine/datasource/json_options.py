"""JSON read options that Arrow's reader does not know, and so send a file to the
line-by-line reader (datasource/lenient.py): a record separator other than a newline
(`lineSep`), and the Jackson parser features and inference options that change what a
record means or what type it infers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

# options whose non-default value Arrow's reader would ignore
_LENIENT_WHEN_TRUE = ("allowunquotedfieldnames", "allownumericleadingzeros", "prefersdecimal",
                      "infertimestamp", "allowbackslashescapingeveryquote",
                      "allownonnumericnumbers")


def line_sep(options: dict[str, str]) -> str | None:
    """The lineSep option; None for the default (any of \\n, \\r\\n, \\r)."""
    sep = options.get("linesep")
    return None if sep in (None, "", "\n", "\r\n", "\r") else sep


def needs_lenient(options: dict[str, str]) -> bool:
    if line_sep(options) is not None:
        return True
    return any(str(options.get(k, "false")).lower() == "true" for k in _LENIENT_WHEN_TRUE)


def records(fh: IO[bytes], options: dict[str, str]) -> Iterator[bytes]:
    """The raw records of a JSON-lines file: its lines, or the text between `lineSep`s."""
    sep = line_sep(options)
    if sep is None:
        yield from fh
        return
    yield from fh.read().split(sep.encode("utf-8"))


# a string (kept as is) | a bare key after { or , | a number's leading zeros
_TOKENS = re.compile(r'("(?:[^"\\]|\\.)*")|([{,]\s*)([A-Za-z_$][A-Za-z0-9_$]*)(\s*:)'
                     r'|(?<![\w.])(-?)0+(?=\d)')


def jackson_features(text: str, options: dict[str, str]) -> str:
    """`text` rewritten as strict JSON for the Jackson features the options turn on:
    allowUnquotedFieldNames ({a: 1} is {"a": 1}) and allowNumericLeadingZeros (007 is 7)."""
    keys = _on(options, "allowunquotedfieldnames")
    zeros = _on(options, "allownumericleadingzeros")
    if not keys and not zeros:
        return text

    def one(m: re.Match) -> str:
        if m.group(1) is not None:
            return m.group(1)
        if m.group(3) is not None:
            return f'{m.group(2)}"{m.group(3)}"{m.group(4)}' if keys else m.group(0)
        return m.group(5) if zeros else m.group(0)

    return _TOKENS.sub(one, text)


def _on(options: dict[str, str], key: str) -> bool:
    return str(options.get(key, "false")).lower() == "true"
