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
    CharType,
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
    VarcharType,
)

_SIMPLE = {
    "string": StringType, "varchar": StringType, "char": StringType,
    "binary": BinaryType, "boolean": BooleanType, "date": DateType,
    "timestamp": TimestampType, "timestamp_ntz": TimestampNTZType,
    "timestamp_ltz": TimestampType, "tinyint": ByteType, "byte": ByteType,
    "smallint": ShortType, "short": ShortType, "int": IntegerType, "integer": IntegerType,
    "bigint": LongType, "long": LongType, "float": FloatType, "real": FloatType,
    "double": DoubleType, "void": NullType, "null": NullType,
}


_TOKEN = re.compile(r"\s*(?:(`(?:[^`]|``)*`)|('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
                    r"|([A-Za-z_0-9]+)|([<>(),:]))", re.DOTALL)


class _Tokens:
    """The tokens of a DDL string: names (backticks removed, ``` `` ``` unescaped, marked
    quoted), quoted strings, words and punctuation."""

    def __init__(self, text: str) -> None:
        self.items: list[tuple[str, str]] = []  # (kind, text): kind is name/word/str/punct
        pos, text = 0, text.rstrip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError(f"unexpected character at or near '{text[pos:].strip()[:20]}'")
            quoted, string, word, punct = m.groups()
            if quoted is not None:
                self.items.append(("name", quoted[1:-1].replace("``", "`")))
            elif string is not None:
                self.items.append(("str", string[1:-1]))
            elif word is not None:
                self.items.append(("word", word))
            else:
                self.items.append(("punct", punct))
            pos = m.end()
        self.i = 0

    def peek(self, k: int = 0) -> tuple[str, str] | None:
        return self.items[self.i + k] if self.i + k < len(self.items) else None

    def next(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise ValueError("unexpected end of input")
        self.i += 1
        return tok

    def accept(self, text: str) -> bool:
        tok = self.peek()
        if tok is not None and tok[0] in ("punct", "word") and tok[1].lower() == text:
            self.i += 1
            return True
        return False

    def expect(self, text: str) -> None:
        if not self.accept(text):
            tok = self.peek()
            near = tok[1] if tok else "end of input"
            raise ValueError(f"expected '{text}' at or near '{near}'")

    def done(self) -> bool:
        return self.i == len(self.items)


def _number(toks: _Tokens) -> int:
    kind, text = toks.next()
    if kind != "word" or not text.isdigit():
        raise ValueError(f"expected a number at or near '{text}'")
    return int(text)


def _type(toks: _Tokens) -> DataType:
    kind, text = toks.next()
    low = text.lower()
    if kind != "word":
        raise ValueError(f"expected a type at or near '{text}'")
    if low in ("decimal", "dec", "numeric"):
        p, sc = 10, 0
        if toks.accept("("):
            p = _number(toks)
            sc = _number(toks) if toks.accept(",") else 0
            toks.expect(")")
        return DecimalType(p, sc)
    if low in ("varchar", "char") and toks.accept("("):
        n = _number(toks)
        toks.expect(")")
        return CharType(n) if low == "char" else VarcharType(n)
    if low in _SIMPLE:
        return _SIMPLE[low]()
    if low == "array":
        toks.expect("<")
        element = _type(toks)
        toks.expect(">")
        return ArrayType(element)
    if low == "map":
        toks.expect("<")
        key = _type(toks)
        toks.expect(",")
        value = _type(toks)
        toks.expect(">")
        return MapType(key, value)
    if low == "struct":
        toks.expect("<")
        fields = [] if toks.accept(">") else _fields(toks, ">")
        if fields:
            toks.expect(">")
        return StructType(fields)
    raise ValueError(f"Unsupported data type '{text}'")


def _field(toks: _Tokens) -> StructField:
    kind, name = toks.next()
    if kind not in ("name", "word"):
        raise ValueError(f"expected a column name at or near '{name}'")
    toks.accept(":")
    dt = _type(toks)
    nullable = True
    if toks.accept("not"):
        toks.expect("null")
        nullable = False
    metadata = {}
    if toks.accept("comment"):
        kind, text = toks.next()
        if kind != "str":
            raise ValueError(f"expected a quoted comment at or near '{text}'")
        metadata = {"comment": text}
    return StructField(name, dt, nullable, metadata)


def _fields(toks: _Tokens, end: str | None) -> list[StructField]:
    fields = [_field(toks)]
    while toks.accept(","):
        fields.append(_field(toks))
    tok = toks.peek()
    if tok is not None and not (end and tok == ("punct", end)):
        raise ValueError(f"unexpected '{tok[1]}'")
    return fields


def _parse_all(text: str) -> DataType:
    """A single type (`int`, `array<string>`, `struct<a:int>`) or a list of fields."""
    toks = _Tokens(text)
    if toks.done():
        raise ValueError("empty schema")
    as_type: ValueError | None = None
    try:
        dt = _type(toks)
        if toks.done():
            return dt
    except ValueError as e:
        as_type = e
    toks.i = 0
    try:
        return StructType(_fields(toks, None))
    except ValueError:
        # `text`: an unknown type name says so, not "unexpected end" of a field list
        if text.strip().isidentifier() and as_type is not None:
            raise as_type from None
        raise


def parse_ddl(text: str) -> DataType:
    """`_parse_datatype_string` for the engine's own schemas (`createDataFrame(data, ddl)`,
    `cast("varchar(5)")`, readers' `schema=`): `char(n)` / `varchar(n)` become StringType, as
    Spark replaces them in the schemas of the DataFrames it computes."""
    return char_as_string(_parse_datatype_string(text))


def char_as_string(dt: DataType) -> DataType:
    """`dt` with every char(n) / varchar(n) inside it a plain StringType."""
    if isinstance(dt, (CharType, VarcharType)):
        return StringType()
    if isinstance(dt, ArrayType):
        return ArrayType(char_as_string(dt.elementType), dt.containsNull)
    if isinstance(dt, MapType):
        return MapType(char_as_string(dt.keyType), char_as_string(dt.valueType),
                       dt.valueContainsNull)
    if isinstance(dt, StructType):
        return StructType([StructField(f.name, char_as_string(f.dataType), f.nullable,
                                       f.metadata) for f in dt.fields])
    return dt


def _parse_datatype_string(text: str) -> DataType:
    """Parse a DDL schema (`a INT, b STRING`, `a: int, b: string`, `` `a.b` int ``, `a INT
    NOT NULL COMMENT 'x'`) or a single type name, as PySpark's function of this name:
    `char(n)` / `varchar(n)` stay CharType / VarcharType."""
    from dfengine.errors import ParseException

    try:
        return _parse_all(text)
    except ValueError as e:
        raise ParseException(
            f"Cannot parse the data type or schema '{text}': {e}. Write it as a DDL string "
            "such as 'name STRING, age INT' or a type such as 'decimal(10,2)'.",
            "UNSUPPORTED_DATATYPE" if str(e).startswith("Unsupported data type")
            else "PARSE_SYNTAX_ERROR",
        ) from None
