"""How Spark writes a value as text: `show()`, `cast(x as string)` and generated column names
all print doubles as Java does (`1.0E7`, `NaN`) and nested values as `{a, b}` / `[x, y]`."""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
from typing import Any

from dfengine.types.datatypes import ArrayType, DataType, FloatType, MapType, StructType
from dfengine.types.row import Row


def repr_double(v: float) -> str:
    """Java's Double.toString, which Spark uses in generated names and show()."""
    if v != v:  # noqa: PLR0124 (NaN)
        return "NaN"
    if v in (float("inf"), float("-inf")):
        return "Infinity" if v > 0 else "-Infinity"
    if v == 0:
        return "-0.0" if str(v).startswith("-") else "0.0"
    if 1e-3 <= abs(v) < 1e7:
        r = repr(v)
        return r if "." in r else r + ".0"
    sign, digits, exponent = _decimal.Decimal(repr(v)).normalize().as_tuple()
    ds = "".join(map(str, digits))
    mantissa = ds[0] + "." + (ds[1:] or "0")
    return f"{'-' if sign else ''}{mantissa}E{len(ds) - 1 + exponent}"


def format_value(v: Any, dt: DataType | None = None) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if isinstance(dt, FloatType):
            return repr_double(float(repr(_float32(v))))
        return repr_double(v)
    if isinstance(v, _decimal.Decimal):
        return format(v, "f")
    if isinstance(v, _dt.datetime):
        s = v.strftime("%Y-%m-%d %H:%M:%S")
        if v.microsecond:
            s += f".{v.microsecond:06d}".rstrip("0")
        return s
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray)):
        return "[" + " ".join(f"{b:02X}" for b in v) + "]"
    if isinstance(v, Row):
        fields = dt.fields if isinstance(dt, StructType) else [None] * len(v)
        return "{" + ", ".join(format_value(x, f.dataType if f else None)
                               for x, f in zip(v, fields)) + "}"
    if isinstance(v, dict):
        kt = dt.keyType if isinstance(dt, MapType) else None
        vt = dt.valueType if isinstance(dt, MapType) else None
        return "{" + ", ".join(f"{format_value(k, kt)} -> {format_value(x, vt)}"
                               for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        et = dt.elementType if isinstance(dt, ArrayType) else None
        return "[" + ", ".join(format_value(x, et) for x in v) + "]"
    if hasattr(v, "toArray"):
        return str(v)
    return str(v)


def _float32(v: float) -> float:
    import numpy as np

    return float(np.float32(v))


def json_value(v: Any) -> Any:
    if isinstance(v, _decimal.Decimal):
        return float(v)
    if isinstance(v, (_dt.date, _dt.datetime)):
        return format_value(v)
    return v
