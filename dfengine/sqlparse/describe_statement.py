"""`DESCRIBE [TABLE] [EXTENDED] t col` and `DESCRIBE QUERY q`, read from the raw text.

sqlglot parses `DESCRIBE t` and `DESCRIBE SELECT ...` but not a column after the table nor the
QUERY keyword; Spark has both (DescribeColumnCommand, DescribeQueryCommand)."""

from __future__ import annotations

import re
from typing import Any

_NAME = r"(?:`[^`]+`|\w+)"
_KEYWORDS = r"(?!(?:EXTENDED|FORMATTED|TABLE|QUERY|DATABASE|SCHEMA|FUNCTION|CATALOG)\b)"
_COLUMN = re.compile(
    rf"^\s*DESC(?:RIBE)?\s+(?:TABLE\s+)?((?:EXTENDED|FORMATTED)\s+)?{_KEYWORDS}"
    rf"({_NAME}(?:\.{_NAME}){{0,2}})\s+{_KEYWORDS}({_NAME})\s*;?\s*$", re.IGNORECASE)
_QUERY = re.compile(r"^(\s*DESC(?:RIBE)?\s+)QUERY\s+", re.IGNORECASE)


def describe_column(session: Any, text: str) -> Any | None:
    """The DataFrame of `DESCRIBE t col`, or None when `text` is another statement."""
    m = _COLUMN.match(text)
    if m is None:
        return None
    table = ".".join(p.strip("`") for p in re.findall(r"`[^`]+`|[^.`]+", m.group(2)))
    return session._table_commands.describe_column(table, m.group(3).strip("`"),
                                                    bool(m.group(1)))


def without_query_keyword(text: str) -> str:
    """`DESCRIBE QUERY SELECT ...` as `DESCRIBE SELECT ...`, which sqlglot reads."""
    return _QUERY.sub(r"\1", text, count=1)
