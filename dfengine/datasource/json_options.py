"""JSON read options that Arrow's reader does not know, and so send a file to the
line-by-line reader (datasource/lenient.py): a record separator other than a newline
(`lineSep`), and the Jackson parser features and inference options that change what a
record means or what type it infers."""

from __future__ import annotations

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
