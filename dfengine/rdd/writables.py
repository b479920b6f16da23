"""Hadoop Writables in Python: PySpark's conversions and Hadoop's byte layouts.

Python values become Writables as PySpark converts them when saving (int -> IntWritable, or
LongWritable past 32 bits; float -> DoubleWritable; str -> Text; bool -> BooleanWritable;
bytes/bytearray -> BytesWritable; None -> NullWritable; dict -> MapWritable) and come back as
PySpark reads them (BytesWritable -> bytearray). The byte layouts are Hadoop's (`DataOutput`
big-endian numbers, `WritableUtils` variable-length ints, `AbstractMapWritable` class ids), so
files are readable by Hadoop and Spark, and theirs by dfengine.
"""

from __future__ import annotations

import io
import math
import struct
from decimal import Decimal
from typing import Any

from dfengine.errors import PySparkTypeError, PySparkValueError

IO = "org.apache.hadoop.io."
INT, LONG, DOUBLE, FLOAT = IO + "IntWritable", IO + "LongWritable", IO + "DoubleWritable", \
    IO + "FloatWritable"
BOOLEAN, TEXT, NULL, BYTES, MAP = IO + "BooleanWritable", IO + "Text", IO + "NullWritable", \
    IO + "BytesWritable", IO + "MapWritable"
VINT, VLONG = IO + "VIntWritable", IO + "VLongWritable"

# AbstractMapWritable's predefined class ids; other classes go in the map's own class table.
_MAP_IDS = {
    IO + "ArrayWritable": -127, BOOLEAN: -126, BYTES: -125, FLOAT: -124, INT: -123, LONG: -122,
    MAP: -121, IO + "MD5Hash": -120, NULL: -119, IO + "ObjectWritable": -118,
    IO + "SortedMapWritable": -117, TEXT: -116, IO + "TwoDArrayWritable": -115, VINT: -114,
    VLONG: -113,
}


def writable_class(value: Any) -> str:
    """The Writable class PySpark converts a Python value to."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        if -(2**31) <= value < 2**31:
            return INT
        if -(2**63) <= value < 2**63:
            return LONG
        raise PySparkValueError(
            f"{value} does not fit a LongWritable (64 bits); Hadoop files cannot hold it: "
            "use saveAsPickleFile.")
    if isinstance(value, float):
        return DOUBLE
    if isinstance(value, str):
        return TEXT
    if isinstance(value, bytes | bytearray):
        return BYTES
    if isinstance(value, dict):
        return MAP
    raise PySparkTypeError(
        f"Data of type {type(value).__name__} cannot be converted to a Hadoop Writable "
        "(supported: int, float, str, bool, bytes, bytearray, None, dict); save other "
        "objects with rdd.saveAsPickleFile(path).", "UNSUPPORTED_DATA_TYPE")


# -- variable-length ints (WritableUtils) ----------------------------------------------------


def write_vlong(out: io.BytesIO, i: int) -> None:
    if -112 <= i <= 127:
        out.write(struct.pack(">b", i))
        return
    length = -112
    if i < 0:
        i ^= -1
        length = -120
    tmp = i
    while tmp != 0:
        tmp >>= 8
        length -= 1
    out.write(struct.pack(">b", length))
    n = -(length + 120) if length < -120 else -(length + 112)
    for idx in range(n, 0, -1):
        out.write(bytes([(i >> ((idx - 1) * 8)) & 0xFF]))


def read_vlong(inp: io.BytesIO) -> int:
    first = struct.unpack(">b", _read(inp, 1))[0]
    if first >= -112:
        return first
    size = -119 - first if first < -120 else -111 - first
    i = 0
    for b in _read(inp, size - 1):
        i = (i << 8) | b
    negative = first < -120
    return i ^ -1 if negative else i


def _read(inp: io.BytesIO, n: int) -> bytes:
    data = inp.read(n)
    if len(data) != n:
        raise EOFError("unexpected end of a Hadoop Writable")
    return data


def write_string(out: io.BytesIO, s: str) -> None:
    """`Text.writeString`: a vint byte length, then UTF-8."""
    raw = s.encode("utf-8")
    write_vlong(out, len(raw))
    out.write(raw)


def read_string(inp: io.BytesIO) -> str:
    return _read(inp, read_vlong(inp)).decode("utf-8")


# -- values ------------------------------------------------------------------------------------


def write(out: io.BytesIO, cls: str, value: Any) -> None:
    """Serialize `value` as the Writable `cls` (its `write(DataOutput)`)."""
    if cls == INT:
        out.write(struct.pack(">i", value))
    elif cls == LONG:
        out.write(struct.pack(">q", value))
    elif cls == DOUBLE:
        out.write(struct.pack(">d", value))
    elif cls == FLOAT:
        out.write(struct.pack(">f", value))
    elif cls == BOOLEAN:
        out.write(b"\x01" if value else b"\x00")
    elif cls == TEXT:
        write_string(out, value)
    elif cls == BYTES:
        out.write(struct.pack(">i", len(value)))
        out.write(bytes(value))
    elif cls in (VINT, VLONG):
        write_vlong(out, value)
    elif cls == MAP:
        _write_map(out, value)
    elif cls != NULL:
        raise PySparkTypeError(f"Cannot write Hadoop Writable {cls}.", "UNSUPPORTED_DATA_TYPE")


def read(inp: io.BytesIO, cls: str) -> Any:
    """Deserialize one Writable of class `cls` as PySpark converts it to Python."""
    if cls == INT:
        return struct.unpack(">i", _read(inp, 4))[0]
    if cls == LONG:
        return struct.unpack(">q", _read(inp, 8))[0]
    if cls == DOUBLE:
        return struct.unpack(">d", _read(inp, 8))[0]
    if cls == FLOAT:
        return struct.unpack(">f", _read(inp, 4))[0]
    if cls == BOOLEAN:
        return _read(inp, 1) != b"\x00"
    if cls == TEXT:
        return read_string(inp)
    if cls == BYTES:
        return bytearray(_read(inp, struct.unpack(">i", _read(inp, 4))[0]))
    if cls in (VINT, VLONG):
        return read_vlong(inp)
    if cls == MAP:
        return _read_map(inp)
    if cls == NULL:
        return None
    raise PySparkTypeError(
        f"Cannot read Hadoop Writable {cls}: dfengine reads Int/Long/Double/Float/Boolean/"
        "Text/Bytes/Null/VInt/VLong/MapWritable.", "UNSUPPORTED_DATA_TYPE")


def _write_map(out: io.BytesIO, value: dict) -> None:
    classes = []
    for k, v in value.items():
        classes += [writable_class(k), writable_class(v)]
    new = sorted({c for c in classes if c not in _MAP_IDS}, key=classes.index)
    ids = {**_MAP_IDS, **{c: i + 1 for i, c in enumerate(new)}}
    out.write(struct.pack(">b", len(new)))
    for c in new:
        out.write(struct.pack(">b", ids[c]))
        raw = c.encode("utf-8")  # DataOutput.writeUTF: ASCII class names
        out.write(struct.pack(">H", len(raw)) + raw)
    out.write(struct.pack(">i", len(value)))
    for k, v in value.items():
        for x in (k, v):
            c = writable_class(x)
            out.write(struct.pack(">b", ids[c]))
            write(out, c, x)


def _read_map(inp: io.BytesIO) -> dict:
    names = {i: c for c, i in _MAP_IDS.items()}
    for _ in range(struct.unpack(">b", _read(inp, 1))[0]):
        cid = struct.unpack(">b", _read(inp, 1))[0]
        names[cid] = _read(inp, struct.unpack(">H", _read(inp, 2))[0]).decode("utf-8")
    out = {}
    for _ in range(struct.unpack(">i", _read(inp, 4))[0]):
        k = read(inp, names[struct.unpack(">b", _read(inp, 1))[0]])
        out[k] = read(inp, names[struct.unpack(">b", _read(inp, 1))[0]])
    return out


def to_string(value: Any) -> str:
    """`Writable.toString()` of a Python value's Writable (TextOutputFormat's text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return java_double(value)
    if isinstance(value, bytes | bytearray):
        return " ".join(f"{b:02x}" for b in value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{to_string(k)}={to_string(v)}" for k, v in value.items()) + "}"
    return str(value)


def java_double(x: float) -> str:
    """Java's `Double.toString`: plain between 1e-3 and 1e7, else `d.dddE±n`."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0 or 1e-3 <= abs(x) < 1e7:
        return repr(x)
    d = Decimal(repr(x))
    digits = "".join(map(str, d.as_tuple().digits)).rstrip("0") or "0"
    sign = "-" if x < 0 else ""
    return f"{sign}{digits[0]}.{digits[1:] or '0'}E{d.adjusted()}"
