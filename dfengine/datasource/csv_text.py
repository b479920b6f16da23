"""Spark's CSV tokenizer (univocity's rules) for the reads Arrow's CSV reader cannot express.

Arrow parses RFC 4180 text: one-character separator, doubled quotes, no comments. Spark's reader
also takes a separator of several characters, a `comment` character, a `lineSep`, trimming of
unquoted whitespace, an `emptyValue` for quoted empty strings, and by default an escape
character (`\\"` inside quotes is a quote) and a record per line: a quoted field that runs past
the end of its line ends there without `multiLine` (the next line is another record). Such a
read is tokenized here and handed to Arrow as clean CSV text (every value quoted, NULL as an
unquoted empty field), so that inference and conversion stay one code path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc

from dfengine.datasource.compression import open_binary

_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def option_driven(options: dict[str, str]) -> bool:
    """Whether the options alone ask for Spark's tokenizer (options are lower-case)."""
    if len(_sep(options)) != 1 or options.get("comment") or options.get("linesep"):
        return True
    if any(_flag(options, k) for k in ("ignoreleadingwhitespace", "ignoretrailingwhitespace")):
        return True
    return options.get("emptyvalue") is not None


def misread(table: pa.Table, options: dict[str, str]) -> bool:
    """Whether Arrow's reading of the file differs from Spark's: a string value holding a line
    break (without multiLine Spark ends the record there) or the escape character (Arrow
    does not unescape `\\"`, and reads a doubled quote as one where Spark keeps the field
    raw). A vectorized look at the values Arrow gave, so that clean files
    keep the fast path."""
    escape, quote = _escape(options), _quote(options)
    marks = [] if _flag(options, "multiline") else ["\n", "\r"]
    if escape and escape != quote:
        marks += [escape, quote] if quote else [escape]  # `""` that Arrow read as `"`
    for col in table.columns:
        if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
            continue
        for mark in marks:
            if pc.any(pc.match_substring(col, mark)).as_py():
                return True
    return False


def clean_text(path: str, options: dict[str, str]) -> bytes:
    """The file tokenized with Spark's rules, as clean CSV text (see the module docstring)."""
    with open_binary(path) as fh:
        data = fh.read()
    text = data.decode(options.get("encoding") or options.get("charset") or "utf-8",
                       errors="replace")
    return "".join(_clean_line(r) for r in records(text, options)).encode()


# what the tokenizer has applied: the clean text is read without them
_APPLIED = ("sep", "delimiter", "quote", "escape", "comment", "linesep", "nullvalue",
            "emptyvalue", "ignoreleadingwhitespace", "ignoretrailingwhitespace", "encoding",
            "charset", "multiline")


def clean_options(options: dict[str, str]) -> dict[str, str]:
    """The options to read `clean_text` with (values may hold line breaks: multiLine)."""
    return {**{k: v for k, v in options.items() if k not in _APPLIED}, "multiline": "true"}


def records(text: str, options: dict[str, str]) -> Iterator[list[str | None]]:
    """Spark's records of `text`: blank and comment lines skipped, each field a string or None
    (an unquoted empty field, or the `nullValue`)."""
    comment = options.get("comment") or ""
    null_value = options.get("nullvalue", "")
    empty_value = options.get("emptyvalue", "")
    for line in _lines(text, options):
        if not line.strip() or (comment and line.startswith(comment)):
            continue
        fields = []
        for value, quoted in _fields(line, options):
            if not quoted and value == "":
                value = None
            elif quoted and value == "":
                value = empty_value
            fields.append(None if value is None or value == null_value else value)
        yield fields


def _lines(text: str, options: dict[str, str]) -> list[str]:
    sep = options.get("linesep")
    if sep:
        lines = text.split(sep)
    elif _flag(options, "multiline") and _quote(options):
        lines = list(_quote_aware_lines(text, _quote(options), _escape(options)))
    else:
        lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def _quote_aware_lines(text: str, quote: str, escape: str) -> Iterator[str]:
    """Records of a multiLine read: a line break inside quotes belongs to the value."""
    start, inside, i, n = 0, False, 0, len(text)
    while i < n:
        c = text[i]
        if inside and escape and c == escape and escape != quote and i + 1 < n:
            i += 2
            continue
        if c == quote:
            inside = not inside
        elif not inside and c in "\r\n":
            yield text[start:i]
            i += 2 if text.startswith("\r\n", i) else 1
            start = i
            continue
        i += 1
    yield text[start:]


def _fields(line: str, options: dict[str, str]) -> Iterator[tuple[str, bool]]:
    """(value, was it quoted) per field of one record, as univocity's parser splits it."""
    sep, quote, escape = _sep(options), _quote(options), _escape(options)
    lead = _flag(options, "ignoreleadingwhitespace")
    trail = _flag(options, "ignoretrailingwhitespace")
    i, n = 0, len(line)
    while True:
        if lead:
            while i < n and line[i] <= " " and not line.startswith(sep, i):
                i += 1
        if quote and i < n and line[i] == quote:
            value, i, quoted = _quoted(line, i + 1, sep, quote, escape)
            yield value, quoted
        else:
            end = line.find(sep, i)
            end = n if end < 0 else end
            value = line[i:end]
            yield (value.rstrip() if trail else value), False
            i = end
        if i >= n:
            return
        i += len(sep)
        if i >= n:  # a separator ends the line: one more, empty field
            yield "", False
            return


def _quoted(line: str, i: int, sep: str, quote: str, escape: str) -> tuple[str, int, bool]:
    """A quoted value from just after its opening quote to the separator that ends the field,
    and whether it stays quoted: an escaped quote is a quote (a doubled one too when the
    escape is the quote); a value with no closing quote runs to the end of its record. A
    closing quote followed by more text is univocity's unescaped quote (STOP_AT_DELIMITER,
    Spark's default): the field is its raw text up to the separator, quotes and all
    (the field `"say ""hi"" now"` stays as written under the default escape `\\`)."""
    out, n, start = [], len(line), i - 1
    while i < n:
        c = line[i]
        if escape and c == escape and i + 1 < n and line[i + 1] in (quote, escape) and (
                escape != quote or line[i + 1] == quote):
            out.append(line[i + 1])
            i += 2
            continue
        if c == quote:
            end = line.find(sep, i + 1)
            end = n if end < 0 else end
            if line[i + 1:end].strip():
                return line[start:end], end, False
            return "".join(out), end, True
        out.append(c)
        i += 1
    return "".join(out), n, True


def _clean_line(fields: list[str | None]) -> str:
    return ",".join("" if v is None else '"' + v.replace('"', '""') + '"'
                    for v in fields) + "\n"


_SPECIAL = {"t": "\t", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def separator(options: dict[str, str]) -> str:
    """The `sep` option as Spark reads it (CSVExprUtils.toDelimiterStr): `\\t` written as two
    characters is a tab, as are the other backslash escapes; an unknown one is refused."""
    sep = options.get("sep") or options.get("delimiter") or ","
    out, i = [], 0
    while i < len(sep):
        if sep[i] == "\\" and i + 1 < len(sep):
            if sep[i + 1] not in _SPECIAL:
                from dfengine.errors import IllegalArgumentException

                raise IllegalArgumentException(
                    f"Unsupported special character for delimiter: {sep}. Use a plain "
                    "character or one of \\t, \\r, \\b, \\f.")
            out.append(_SPECIAL[sep[i + 1]])
            i += 2
        else:
            out.append(sep[i])
            i += 1
    return "".join(out)


_sep = separator


def _quote(options: dict[str, str]) -> str:
    return options.get("quote", '"') or ""


def _escape(options: dict[str, str]) -> str:
    return options.get("escape", "\\") or ""


def _flag(options: dict[str, str], key: str) -> bool:
    return str(options.get(key, "false")).strip().lower() == "true"
