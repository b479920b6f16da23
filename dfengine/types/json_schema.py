"""Spark's JSON form of a schema (`df.schema.json()`, `StructType.fromJson`), the nullable copy
of a type (`toNullable`) and `DataType.fromDDL`: schemas saved as JSON by one program and read
back by another are a common idiom, so the text is Spark's own, key for key."""

from __future__ import annotations

import json
from typing import Any

from dfengine.types import datatypes as D


def json_value(dt: D.DataType) -> Any:
    if isinstance(dt, D.StructType):
        return {"fields": [field_json(f) for f in dt.fields], "type": "struct"}
    if isinstance(dt, D.ArrayType):
        return {"containsNull": dt.containsNull, "elementType": json_value(dt.elementType),
                "type": "array"}
    if isinstance(dt, D.MapType):
        return {"keyType": json_value(dt.keyType), "type": "map",
                "valueContainsNull": dt.valueContainsNull, "valueType": json_value(dt.valueType)}
    return dt.jsonValue()


def field_json(f: D.StructField) -> dict[str, Any]:
    return {"metadata": dict(f.metadata), "name": f.name, "nullable": f.nullable,
            "type": json_value(f.dataType)}


def to_json(dt: D.DataType) -> str:
    """Spark's compact JSON, keys sorted (PySpark's `json.dumps(..., sort_keys=True)`)."""
    return json.dumps(json_value(dt), separators=(",", ":"), sort_keys=True)


def from_json_value(v: Any) -> D.DataType:
    """The type of a JSON schema value (a dict for nested types, a type name otherwise)."""
    if isinstance(v, str):
        from dfengine.types.ddl import _parse_datatype_string

        if v.startswith("interval "):
            return _interval(v)
        return _parse_datatype_string(_ALIASES.get(v, v))
    kind = v.get("type")
    if kind == "struct":
        return D.StructType([field_from_json(f) for f in v["fields"]])
    if kind == "array":
        return D.ArrayType(from_json_value(v["elementType"]), v.get("containsNull", True))
    if kind == "map":
        return D.MapType(from_json_value(v["keyType"]), from_json_value(v["valueType"]),
                         v.get("valueContainsNull", True))
    raise ValueError(f"Could not parse the JSON schema value {v!r}: expected a type name or an "
                     "object with type struct, array or map.")


def _interval(name: str) -> D.DataType:
    """`interval day to second`, `interval hour`: a day-time interval's fields by name."""
    words = name.split()[1:]
    if words and words[0] in ("year", "month"):
        ym = list(D.YearMonthIntervalType._fields.values())
        if words[-1] in ym:
            return D.YearMonthIntervalType(ym.index(words[0]), ym.index(words[-1]))
    fields = list(D.DayTimeIntervalType._fields.values())
    try:
        start = fields.index(words[0])
        end = fields.index(words[-1])
    except ValueError:
        raise ValueError(f"Unsupported interval type in a JSON schema: {name!r}.") from None
    return D.DayTimeIntervalType(start, end)


_ALIASES = {"integer": "int", "long": "bigint", "byte": "tinyint", "short": "smallint"}


def field_from_json(v: dict[str, Any]) -> D.StructField:
    return D.StructField(v["name"], from_json_value(v["type"]), v.get("nullable", True),
                         v.get("metadata") or {})


def nullable(dt: D.DataType) -> D.DataType:
    """The same type with every nested field, element and value nullable."""
    if isinstance(dt, D.StructType):
        return D.StructType([D.StructField(f.name, nullable(f.dataType), True, f.metadata)
                             for f in dt.fields])
    if isinstance(dt, D.ArrayType):
        return D.ArrayType(nullable(dt.elementType), True)
    if isinstance(dt, D.MapType):
        return D.MapType(nullable(dt.keyType), nullable(dt.valueType), True)
    return dt
