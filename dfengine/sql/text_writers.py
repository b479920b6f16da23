"""The CSV and JSON file writers, with Spark's writer options.

CSV follows univocity's writer as Spark configures it:

    null            nullValue (default: nothing; quoted under quoteAll)
    ""              emptyValue (default `""`, so it reads back as "" and not as NULL)
    whitespace      trimmed at both ends (ignoreLeading/TrailingWhiteSpace default true on
                    write)
    quoting         a value holding the separator, a line break or (escapeQuotes, default
                    true) the quote character is quoted; quoteAll quotes every value; quote=""
                    turns quoting off
    escaping        a quote inside a quoted value is written escape + quote (escape default
                    `\\`, so `say "hi"` is `"say \\"hi\\""`)
    lineSep         after every record (default \\n); encoding: the file's charset

Both formats take dateFormat / timestampFormat / timestampNTZFormat (Java patterns) for
their date and timestamp columns, and the text codecs of `compression` (datasource/compression.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from dfengine import types as T

_FORMAT_OPTION = {T.DateType: "dateformat", T.TimestampType: "timestampformat",
                  T.TimestampNTZType: "timestampntzformat"}
_BLANK = "".join(chr(i) for i in range(33))  # univocity trims every char <= ' '


@dataclass(frozen=True)
class CsvStyle:
    sep: str
    quote: str
    escape: str
    quote_all: bool
    escape_quotes: bool
    null_value: str
    empty_value: str
    trim_leading: bool
    trim_trailing: bool

    @classmethod
    def of(cls, options: dict[str, str]) -> CsvStyle:
        def flag(key: str, default: bool) -> bool:
            return str(options.get(key, str(default))).lower() == "true"

        quote = options.get("quote", '"')
        return cls(sep=options.get("sep") or options.get("delimiter") or ",",
                   quote="" if quote in ("", "\u0000") else quote[0],
                   escape=(options.get("escape") or "\\")[0],
                   quote_all=flag("quoteall", False), escape_quotes=flag("escapequotes", True),
                   null_value=options.get("nullvalue", ""),
                   empty_value=options.get("emptyvalue", '""'),
                   trim_leading=flag("ignoreleadingwhitespace", True),
                   trim_trailing=flag("ignoretrailingwhitespace", True))

    def cell(self, text: str | None) -> str:
        if text is None:  # quoteAll quotes the null value too
            return f"{self.quote}{self.null_value}{self.quote}" if self.quote_all and \
                self.quote else self.null_value
        if text == "":
            return self.empty_value
        if self.trim_leading:
            text = text.lstrip(_BLANK)
        if self.trim_trailing:
            text = text.rstrip(_BLANK)
        if not self.quote or not (self.quote_all or self._needs_quotes(text)):
            return text
        body = text.replace(self.quote, self.escape + self.quote)
        return f"{self.quote}{body}{self.quote}"

    def _needs_quotes(self, text: str) -> bool:
        return (self.sep in text or "\n" in text or "\r" in text
                or (self.escape_quotes and self.quote in text))


def csv_bytes(table: pa.Table, schema: T.StructType, options: dict[str, str]) -> bytes:
    """The CSV text of `table` (and its header when asked), encoded in its charset."""
    from dfengine.sql.file_text import csv_cell

    style = CsvStyle.of(options)
    line_sep = options.get("linesep") or "\n"
    tz = options.get("timezone")
    types = types_of(table, schema)
    cols = [formatted(c.to_pylist(), t, options) for c, t in zip(table.columns, types)]
    lines = []
    if str(options.get("header", "false")).lower() == "true":
        lines.append(style.sep.join(style.cell(n) for n in table.column_names))
    for row in zip(*cols):
        lines.append(style.sep.join(style.cell(None if v is None else csv_cell(v, t, tz))
                                    for v, t in zip(row, types)))
    text = "".join(line + line_sep for line in lines)
    return text.encode(_charset(options), errors="replace")


def json_bytes(table: pa.Table, schema: T.StructType, options: dict[str, str]) -> bytes:
    """JSON lines of `table`: NULL fields left out unless ignoreNullFields=false."""
    from dfengine.functions.datetime import check_datetime_pattern
    from dfengine.sql.file_text import datetime_patterns, json_line

    for key in _FORMAT_OPTION.values():
        if options.get(key):
            check_datetime_pattern(options[key], parsing=False)
    st = T.StructType([T.StructField(n, t or T.StringType())
                       for n, t in zip(table.column_names, types_of(table, schema))])
    keep = options.get("ignorenullfields", "true").lower() == "false"
    tz = options.get("timezone")
    line_sep = options.get("linesep") or "\n"
    with datetime_patterns(options):  # nested dates and timestamps in the patterns too
        text = "".join(json_line(row, st, tz, keep) + line_sep for row in table.to_pylist())
    return text.encode(_charset(options), errors="replace")


def types_of(table: pa.Table, schema: T.StructType) -> list[T.DataType | None]:
    by_name = {f.name: f.dataType for f in schema.fields}
    return [by_name.get(n) for n in table.column_names]


def formatted(values: list, dt: T.DataType | None, options: dict[str, str]) -> list:
    """Date/timestamp values as text in the column's pattern option; others unchanged."""
    pattern = options.get(_FORMAT_OPTION.get(type(dt), ""))
    if not pattern:
        return values
    from dfengine.functions.datetime import check_datetime_pattern, java_strftime
    from dfengine.sql.file_text import wall_clock

    check_datetime_pattern(pattern, parsing=False)
    tz = options.get("timezone") or "UTC"
    if isinstance(dt, T.TimestampType):
        return [None if v is None else java_strftime(wall_clock(v, tz), pattern, tz)
                for v in values]
    return [None if v is None else java_strftime(v, pattern, tz) for v in values]


def _charset(options: dict[str, str]) -> str:
    import codecs

    name = options.get("encoding") or options.get("charset") or "utf-8"
    try:
        codecs.lookup(name)
    except LookupError:
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"The charset {name} is not supported. Use a charset Python and Java both know, "
            "such as UTF-8, UTF-16 or ISO-8859-1.", "INVALID_PARAMETER_VALUE.CHARSET") from None
    return name
