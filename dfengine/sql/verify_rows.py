"""PySpark's `verifySchema` for `createDataFrame(data, schema)`: every value is checked
against its field's type before it is converted, with PySpark's error classes and names
(`field a`, `element in array field a`, `key of map field m`), so a float is never silently
truncated into an int, a string is never split into an array of characters and a tuple
with more values than its struct is never cut short.

    verify = make_verifier(schema)      # one closure tree per schema
    for row in rows: verify(row)
"""

from __future__ import annotations

import array
import datetime as _dt
import decimal as _decimal
from collections.abc import Callable
from typing import Any

from dfengine import types as T
from dfengine.errors import PySparkTypeError, PySparkValueError

Verifier = Callable[[Any], None]

_ACCEPTABLE: dict[type, tuple[type, ...]] = {
    T.BooleanType: (bool,), T.ByteType: (int,), T.ShortType: (int,), T.IntegerType: (int,),
    T.LongType: (int,), T.FloatType: (float,), T.DoubleType: (float,),
    T.DecimalType: (_decimal.Decimal,), T.BinaryType: (bytearray, bytes),
    T.DateType: (_dt.date, _dt.datetime), T.TimestampType: (_dt.datetime,),
    T.TimestampNTZType: (_dt.datetime,),
    T.ArrayType: (list, tuple, array.array), T.MapType: (dict,),
    T.StructType: (tuple, list, dict),
}
_INT_BOUNDS = {T.ByteType: 8, T.ShortType: 16, T.IntegerType: 32, T.LongType: 64}


def make_verifier(dt: T.DataType, nullable: bool = True, name: str | None = None) -> Verifier:
    """A function raising PySpark's error when a Python value does not fit `dt`."""
    check = _value_verifier(dt, name)

    def verify(obj: Any) -> None:
        if obj is None or (isinstance(obj, _decimal.Decimal) and obj.is_nan()):
            if not nullable:
                raise _not_nullable(name)
            return
        check(_plain(obj))

    return verify


def _plain(obj: Any) -> Any:
    """numpy scalars are checked as the Python values they hold (dfengine accepts them)."""
    if type(obj).__module__ == "numpy" and getattr(obj, "ndim", None) == 0:
        return obj.item()
    return obj


def _not_nullable(name: str | None) -> PySparkValueError:
    if name is None:
        return PySparkValueError("This field is not nullable, but got None.",
                                 "FIELD_NOT_NULLABLE")
    return PySparkValueError(f"{name}: This field is not nullable, but got None.",
                             "FIELD_NOT_NULLABLE_WITH_NAME", parameters={"field_name": name})


def unacceptable(dt: T.DataType, obj: Any, name: str | None) -> PySparkTypeError:
    where = f"{name}: " if name is not None else ""
    cls = "FIELD_DATA_TYPE_UNACCEPTABLE" + ("_WITH_NAME" if name is not None else "")
    return PySparkTypeError(f"{where}{dt!r} can not accept object {obj!r} in type "
                            f"{type(obj)}.", cls)


def _value_verifier(dt: T.DataType, name: str | None) -> Verifier:
    if isinstance(dt, (T.StringType, T.UserDefinedType)):
        return lambda obj: None  # strings take any value (str() of it), as in PySpark
    if isinstance(dt, T.ArrayType):
        return _array_verifier(dt, name)
    if isinstance(dt, T.MapType):
        return _map_verifier(dt, name)
    if isinstance(dt, T.StructType):
        return _struct_verifier(dt, name)
    ok = _ACCEPTABLE.get(type(dt))
    if ok is None:
        return lambda obj: None
    bits = _INT_BOUNDS.get(type(dt))

    def verify_atomic(obj: Any) -> None:
        if type(obj) not in ok:
            raise unacceptable(dt, obj, name)
        if bits and not -(2 ** (bits - 1)) <= obj < 2 ** (bits - 1):
            raise PySparkValueError(
                f"Value for `obj` must be between {-(2 ** (bits - 1))} and "
                f"{2 ** (bits - 1) - 1} (inclusive), got {obj}", "VALUE_OUT_OF_BOUNDS")

    return verify_atomic


def _array_verifier(dt: T.ArrayType, name: str | None) -> Verifier:
    element = make_verifier(dt.elementType, dt.containsNull, f"element in array {name}")

    def verify_array(obj: Any) -> None:
        if type(obj) not in _ACCEPTABLE[T.ArrayType]:
            raise unacceptable(dt, obj, name)
        for v in obj:
            element(v)

    return verify_array


def _map_verifier(dt: T.MapType, name: str | None) -> Verifier:
    key = make_verifier(dt.keyType, False, f"key of map {name}")
    value = make_verifier(dt.valueType, dt.valueContainsNull, f"value of map {name}")

    def verify_map(obj: Any) -> None:
        if type(obj) is not dict:
            raise unacceptable(dt, obj, name)
        for k, v in obj.items():
            key(k)
            value(v)

    return verify_map


def _struct_verifier(dt: T.StructType, name: str | None) -> Verifier:
    fields = [(f.name, make_verifier(f.dataType, f.nullable,
                                     f"field {f.name}" + (f" in {name}" if name else "")))
              for f in dt.fields]

    def verify_struct(obj: Any) -> None:
        if isinstance(obj, dict):
            for n, verify in fields:
                verify(obj.get(n))
        elif isinstance(obj, (tuple, list)):
            if len(obj) != len(fields):
                raise _struct_length(name, len(obj), len(fields))
            for v, (_, verify) in zip(obj, fields):
                verify(v)
        elif hasattr(obj, "__dict__"):
            for n, verify in fields:
                verify(obj.__dict__.get(n))
        else:
            raise unacceptable(dt, obj, name)

    return verify_struct


def _struct_length(name: str | None, got: int, want: int) -> PySparkValueError:
    if name is None:
        return PySparkValueError(f"Length of object ({got}) does not match with length of "
                                 f"fields ({want}).", "FIELD_STRUCT_LENGTH_MISMATCH")
    return PySparkValueError(f"{name}: Length of object ({got}) does not match with length of "
                             f"fields ({want}).", "FIELD_STRUCT_LENGTH_MISMATCH_WITH_NAME")
