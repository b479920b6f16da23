"""DDL strings (`a INT, b STRING`, `struct<a:int>`, `decimal(10,2)`) parsed into Spark types,
as `createDataFrame(data, "a int")`, `cast("decimal(10,2)")` and readers' `schema=` take them.
"""

from __future__ import annotations

import re

from dfengine.types.datatypes import (
    ArrayType,
    BinaryType,
    BooleanType,
    ByteType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    MapType,
    NullType,
    ShortType,
    StringType,
    StructField,
    StructType,
    TimestampNTZType,
    TimestampType,
)

_SIMPLE = {
    "string": StringType, "varchar": StringType, "char": StringType, "text": StringType,
    "binary": BinaryType, "boolean": BooleanType, "bool": BooleanType, "date": DateType,
    "timestamp": TimestampType, "timestamp_ntz": TimestampNTZType,
    "timestamp_ltz": TimestampType, "tinyint": ByteType, "byte": ByteType,
    "smallint": ShortType, "short": ShortType, "int": IntegerType, "integer": IntegerType,
    "bigint": LongType, "long": LongType, "float": FloatType, "real": FloatType,
    "double": DoubleType, "void": NullType, "null": NullType,
}


def _split_top(text: str, sep: str = ",") -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "<(":
            depth += 1
        elif ch in ">)":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur))
    return [p.strip() for p in parts]


def _parse_type(text: str) -> DataType:
    t = text.strip()
    low = t.lower()
    if low in _SIMPLE:
        return _SIMPLE[low]()
    m = re.fullmatch(r"(?:decimal|dec|numeric)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?", low)
    if m:
        return DecimalType(int(m.group(1) or 10), int(m.group(2) or 0))
    m = re.fullmatch(r"(?:varchar|char)\s*\(\s*\d+\s*\)", low)
    if m:
        return StringType()
    if low.startswith("array<") and low.endswith(">"):
        return ArrayType(_parse_type(t[6:-1]))
    if low.startswith("map<") and low.endswith(">"):
        k, v = _split_top(t[4:-1])
        return MapType(_parse_type(k), _parse_type(v))
    if low.startswith("struct<") and low.endswith(">"):
        return _parse_fields(t[7:-1], struct_syntax=True)
    raise ValueError(f"Unsupported data type '{text}'")


def _parse_fields(text: str, struct_syntax: bool = False) -> StructType:
    fields = []
    for part in _split_top(text):
        m = re.match(r"\s*`?([A-Za-z_][\w]*|[^`:\s]+)`?\s*(:)?\s*(.+?)(\s+not\s+null)?\s*$",
                     part, re.IGNORECASE | re.DOTALL)
        if not m:
            raise ValueError(f"Cannot parse field '{part}'")
        name, _, type_text, not_null = m.groups()
        fields.append(StructField(name, _parse_type(type_text), not_null is None))
    return StructType(fields)


def _parse_datatype_string(text: str) -> DataType:
    """Parse a DDL schema (`a INT, b STRING`, `a: int, b: string`) or a single type name."""
    from dfengine.errors import ParseException

    s = text.strip()
    try:
        if s.lower().startswith("struct<"):
            return _parse_type(s)
        try:
            return _parse_type(s)
        except ValueError:
            return _parse_fields(s)
    except ValueError as e:
        raise ParseException(
            f"Cannot parse the data type or schema '{text}': {e}. Write it as a DDL string "
            "such as 'name STRING, age INT' or a type such as 'decimal(10,2)'.",
            "PARSE_SYNTAX_ERROR",
        ) from None
