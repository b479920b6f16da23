"""`DataFrame.show()` text, byte for byte as Spark's showString lays it out."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.types.format import format_value, json_value  # noqa: F401 (re-export)


def show_string(table: pa.Table, schema: T.StructType, n: int, truncate: int,
                vertical: bool) -> str:
    from dfengine.sql.rows import arrow_to_rows

    rows = arrow_to_rows(wall_clock(table, schema), schema, display=True)
    n = max(n, 0)  # Spark shows no rows for a negative count
    has_more = len(rows) > n
    rows = rows[:n]
    names = schema.names
    # Spark 4 escapes control characters (a newline prints as \n) in cells and names so a
    # value cannot break the table, and prints names whole whatever `truncate` says.
    cells = [[_cut(_escape_meta(format_value(v, f.dataType)), truncate)
              for v, f in zip(r, schema.fields)] for r in rows]
    header = [_escape_meta(c) for c in names]
    tail = f"only showing top {n} {'row' if n == 1 else 'rows'}" if has_more else ""
    if vertical:
        return _vertical(header, cells, tail)
    widths = [max(3, len(h)) for h in header]
    for r in cells:
        for i, c in enumerate(r):
            widths[i] = max(widths[i], _width(c))
    sep = "+" + "+".join("-" * w for w in widths) + "+\n"

    def line(values: list[str]) -> str:
        out = []
        for v, w in zip(values, widths):
            pad = " " * (w - _width(v))
            out.append(pad + v if truncate > 0 else v + pad)
        return "|" + "|".join(out) + "|\n"

    return sep + line(header) + sep + "".join(line(r) for r in cells) + sep + tail


def wall_clock(table: pa.Table, schema: T.StructType) -> pa.Table:
    """TIMESTAMP values (also inside structs and arrays, as window()'s start/end) as
    wall-clock times in the session zone, as Spark's show() casts them to strings (and
    toPandas() converts them)."""
    from dfengine.functions.zone_shift import has_timestamp, is_utc, session_zone, walled

    zone = session_zone()
    if is_utc(zone):
        return table
    for i, f in enumerate(schema.fields):
        if has_timestamp(f.dataType):
            col = walled(table.column(i), f.dataType, zone)
            table = table.set_column(i, pa.field(f.name, col.type), col)
    return table


def show_arguments(n: Any, truncate: Any, vertical: Any) -> int:
    """PySpark's checks of show()'s arguments; the cell width `truncate` stands for."""
    from dfengine.errors import PySparkTypeError

    if not isinstance(n, int) or isinstance(n, bool):
        raise PySparkTypeError(f"Argument `n` should be int, got {type(n).__name__}.",
                               "NOT_EXPECTED_TYPE")
    if not isinstance(vertical, bool):
        raise PySparkTypeError(f"Argument `vertical` should be bool, got "
                               f"{type(vertical).__name__}.", "NOT_BOOL")
    if isinstance(truncate, bool):
        return 20 if truncate else 0
    try:
        return int(truncate)
    except ValueError:
        raise PySparkTypeError(f"Argument `truncate` should be bool, got "
                               f"{type(truncate).__name__}.", "NOT_EXPECTED_TYPE") from None


def _vertical(header: list[str], cells: list[list[str]], tail: str) -> str:
    if not cells:
        return "(0 rows)"
    name_w = max([3] + [_width(h) for h in header])
    data_w = max([3] + [_width(c) for r in cells for c in r])
    out = []
    for i, r in enumerate(cells):
        out.append(f"-RECORD {i}".ljust(name_w + data_w + 5, "-") + "\n")
        for h, c in zip(header, r):
            out.append(f" {h.ljust(name_w)} | {c.ljust(data_w)} \n")
    return "".join(out) + tail


_META = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\f": "\\f", "\b": "\\b",
         "\u000b": "\\v", "\u0007": "\\a"}


def _escape_meta(s: str) -> str:
    return "".join(_META.get(ch, ch) for ch in s)


def _cut(s: str, truncate: int) -> str:
    if truncate > 0 and len(s) > truncate:
        return s[:truncate] if truncate < 4 else s[: truncate - 3] + "..."
    return s


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
