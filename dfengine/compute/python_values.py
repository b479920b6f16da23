"""Values crossing between Arrow and user Python code, converted as PySpark converts them.

- Row-at-a-time UDFs get Python objects (structs as `Row`, maps as `dict`) and their results
  are checked against the declared type the way Spark's pickled path does: a value of the
  wrong kind becomes NULL (an `int` returned for a DoubleType column is NULL in Spark too),
  and anything returned for a StringType column is turned into its string.
- Vectorized UDFs get pandas objects (`Series`, or a `DataFrame` for a struct column) built
  by pyarrow, and their results are cast to the declared Arrow type.
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine import types as T
from dfengine.types import to_arrow_type

# --------------------------------------------------------------------- Arrow -> Python rows


def to_python_values(arr: pa.Array | pa.ChunkedArray, dtype: T.DataType) -> list:
    """The values of one column as the Python objects a plain UDF receives."""
    t = arr.type
    if arr.null_count == 0 and (pa.types.is_integer(t) or pa.types.is_floating(t)
                                or pa.types.is_boolean(t)):
        # numpy's tolist makes the same Python ints/floats/bools several times faster
        return arr.to_numpy(zero_copy_only=False).tolist()
    values = arr.to_pylist()
    fix = _python_fixer(dtype)
    return values if fix is None else [None if v is None else fix(v) for v in values]


def _python_fixer(dtype: T.DataType) -> Callable[[Any], Any] | None:
    """A per-value conversion from `to_pylist` output to PySpark's objects, or None when
    `to_pylist` already gives them (every atomic type)."""
    if isinstance(dtype, T.StructType):
        names = [f.name for f in dtype.fields]
        fixers = [_python_fixer(f.dataType) for f in dtype.fields]

        def row(v: dict) -> Any:
            vals = [v.get(n) for n in names]
            vals = [x if f is None or x is None else f(x) for x, f in zip(vals, fixers)]
            return T.Row(**dict(zip(names, vals)))

        return row
    if isinstance(dtype, T.ArrayType):
        inner = _python_fixer(dtype.elementType)
        if inner is None:
            return None
        return lambda v: [None if x is None else inner(x) for x in v]
    if isinstance(dtype, T.MapType):
        kf, vf = _python_fixer(dtype.keyType), _python_fixer(dtype.valueType)
        return lambda v: {(k if kf is None else kf(k)): (x if vf is None or x is None else vf(x))
                          for k, x in v}
    if isinstance(dtype, T.UserDefinedType):
        return dtype.deserialize
    return None


# ------------------------------------------------------------------- Python rows -> Arrow

_INT_RANGES = {T.ByteType: 8, T.ShortType: 16, T.IntegerType: 32, T.LongType: 64}


def from_python_values(values: list, dtype: T.DataType, strict: bool = False) -> pa.Array:
    """Results of a plain UDF as an Arrow array of the declared type. Values that don't fit
    the type are NULL (Spark's pickled path) or, with `strict` (Arrow-optimized UDFs), go
    through Arrow's own conversion and may raise."""
    target = to_arrow_type(dtype)
    if strict:
        return _arrow_coerced(values, dtype, target)
    exact = _EXACT.get(type(dtype))
    if exact is not None and set(map(type, values)) <= {exact, type(None)}:
        try:  # every value already has the declared kind: one Arrow conversion
            return pa.array(values, target)
        except (pa.ArrowInvalid, OverflowError):
            pass  # out of range: the per-value path makes those NULL
    conv = _converter(dtype)
    if conv is not None:
        values = [None if v is None else conv(v) for v in values]
    if isinstance(dtype, T.UserDefinedType):
        values = [None if v is None else dtype.serialize(v) for v in values]
    return pa.array(values, target)


def _arrow_coerced(values: list, dtype: T.DataType, target: pa.DataType) -> pa.Array:
    """Arrow-optimized UDF results (PySpark 4's default): converted straight to the declared
    type when they fit, else built as the type Arrow infers and cast unsafely (2.5 -> 2 for an
    int column, True -> 'true' for a string column); a failed cast raises."""
    odd = _unconvertible(values, dtype)
    if odd is not None:
        raise _arrow_result_error(dtype, f"{odd!r} ({type(odd).__name__})",
                                  "Arrow does not convert that kind of value")
    if isinstance(dtype, T.StringType):  # str() of anything else, as PySpark's worker
        values = [v if v is None or isinstance(v, str) else _string(v) for v in values]
    try:
        return pa.array(values, target)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        pass
    try:
        built = pa.array(values)
        # an int past the declared int's range fails as in PySpark (Arrow's safe cast);
        # floats and the rest are cast unsafely (2.5 -> 2)
        safe = pa.types.is_integer(built.type) and pa.types.is_integer(target)
        return built.cast(target, safe=safe)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
        raise _arrow_result_error(dtype, _sample(values, dtype), str(exc)) from None


def _arrow_result_error(dtype: T.DataType, sample: str, why: str) -> Exception:
    from dfengine.errors import PythonException

    return PythonException(
        "An exception was thrown from the Python worker:\nThe Arrow-optimized Python UDF "
        f"returned values that cannot be converted to {dtype.simpleString()}: {sample}: {why}. "
        f"Return {dtype.simpleString()} values, or use useArrow=False for Spark's pickled "
        "conversion (mismatches become NULL).")


# Python kinds PySpark's Arrow-optimized UDF results convert from, per declared type (a str
# is not an array of characters, a float not a decimal, a bool not an int, text not a date)
_NUMBER = (int, float, np.integer, np.floating)
_ARROW_KINDS: list[tuple[type, tuple]] = [
    (T.BooleanType, (bool, np.bool_, int, np.integer)),
    (T.IntegralType, (*_NUMBER, str)), (T.FloatType, (*_NUMBER, str)),
    (T.DoubleType, (*_NUMBER, str)),
    (T.DecimalType, (_decimal.Decimal, int, np.integer)),
    (T.TimestampType, (_dt.date,)), (T.TimestampNTZType, (_dt.date,)), (T.DateType, (_dt.date,)),
    (T.BinaryType, (bytes, bytearray, memoryview)),
    (T.ArrayType, (list, tuple, np.ndarray)), (T.MapType, (dict,)),
]


def _unconvertible(values: list, dtype: T.DataType) -> Any:
    """The first value whose kind the declared type does not take, else None."""
    for kind, ok in _ARROW_KINDS:
        if isinstance(dtype, kind):
            bad_bool = isinstance(dtype, (T.IntegralType, T.FractionalType, T.DecimalType))
            for v in values:
                if v is not None and (not isinstance(v, ok) or (
                        bad_bool and isinstance(v, (bool, np.bool_)))):
                    return v
            return None
    return None


# Python type whose values convert to the Spark type as they are (the common, fast case)
_EXACT = {T.LongType: int, T.IntegerType: int, T.ShortType: int, T.ByteType: int,
          T.DoubleType: float, T.FloatType: float, T.StringType: str, T.BooleanType: bool}


def _sample(values: list, dtype: T.DataType) -> str:
    for v in values:
        if v is not None:
            return f"{v!r} ({type(v).__name__})"
    return "NULL"


def _converter(dtype: T.DataType) -> Callable[[Any], Any] | None:
    """value -> value of `dtype`, or None (NULL) when the value does not match it."""
    for kind, fn in _ATOMIC:
        if isinstance(dtype, kind):
            return fn(dtype) if kind in (T.DecimalType, *_INT_RANGES) else fn
    return nested_converter(dtype, _array_converter, _map_converter, _struct_converter)


def nested_converter(dtype: T.DataType, array: Callable, map_: Callable,
                     struct: Callable) -> Callable[[Any], Any] | None:
    """The converter `array`, `map_` or `struct` builds for a container type, None for an
    atomic one: the one dispatch over nested types that every value converter shares."""
    for kind, make in ((T.ArrayType, array), (T.MapType, map_), (T.StructType, struct)):
        if isinstance(dtype, kind):
            return make(dtype)
    return None


def _int_converter(dtype: T.DataType) -> Callable[[Any], Any]:
    bits = _INT_RANGES[type(dtype)]
    lo, hi = -(2 ** (bits - 1)), 2 ** (bits - 1)

    def conv(v: Any) -> Any:
        if isinstance(v, bool) or not isinstance(v, int) and not _is_np_int(v):
            return None
        v = int(v)
        return v if lo <= v < hi else None

    return conv


def _is_np_int(v: Any) -> bool:
    return isinstance(v, np.integer)


def _float(v: Any) -> Any:
    return float(v) if isinstance(v, float) else None


def _string(v: Any) -> Any:
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _bool(v: Any) -> Any:
    return bool(v) if isinstance(v, (bool, np.bool_)) else None


def _decimal_converter(dtype: T.DecimalType) -> Callable[[Any], Any]:
    q = _decimal.Decimal(1).scaleb(-dtype.scale)

    def conv(v: Any) -> Any:
        if not isinstance(v, _decimal.Decimal):
            return None
        r = v.quantize(q, rounding=_decimal.ROUND_HALF_UP)
        return r if len(r.as_tuple().digits) <= dtype.precision else None

    return conv


def _date(v: Any) -> Any:
    if isinstance(v, _dt.datetime):
        return v.date()
    return v if isinstance(v, _dt.date) else None


def _timestamp(v: Any) -> Any:
    if isinstance(v, _dt.datetime):
        return v
    return _dt.datetime(v.year, v.month, v.day) if isinstance(v, _dt.date) else None


def _binary(v: Any) -> Any:
    return bytes(v) if isinstance(v, (bytes, bytearray, memoryview)) else None


_ATOMIC: list[tuple[type, Any]] = [
    (T.BooleanType, _bool), (T.ByteType, _int_converter), (T.ShortType, _int_converter),
    (T.IntegerType, _int_converter), (T.LongType, _int_converter), (T.FloatType, _float),
    (T.DoubleType, _float), (T.StringType, _string), (T.DecimalType, _decimal_converter),
    (T.TimestampNTZType, _timestamp), (T.TimestampType, _timestamp), (T.DateType, _date),
    (T.BinaryType, _binary),
]


def _array_converter(dtype: T.ArrayType) -> Callable[[Any], Any]:
    inner = _converter(dtype.elementType)

    def conv(v: Any) -> Any:
        if not isinstance(v, (list, tuple)) and not hasattr(v, "tolist"):
            return None
        items = v.tolist() if hasattr(v, "tolist") else v
        return [None if x is None or inner is None else inner(x) for x in items] if (
            inner is not None) else list(items)

    return conv


def _map_converter(dtype: T.MapType) -> Callable[[Any], Any]:
    kc, vc = _converter(dtype.keyType), _converter(dtype.valueType)

    def conv(v: Any) -> Any:
        if not isinstance(v, dict):
            return None
        return [(k if kc is None else kc(k), x if vc is None or x is None else vc(x))
                for k, x in v.items()]

    return conv


def _struct_converter(dtype: T.StructType) -> Callable[[Any], Any]:
    names = [f.name for f in dtype.fields]
    convs = [_converter(f.dataType) for f in dtype.fields]

    def conv(v: Any) -> Any:
        if isinstance(v, dict):
            vals = [v.get(n) for n in names]
        elif isinstance(v, T.Row) and getattr(v, "__fields__", None):
            d = v.asDict()
            vals = [d.get(n) for n in names]
        elif isinstance(v, (tuple, list)) and len(v) == len(names):
            vals = list(v)
        else:
            return None
        return {n: (x if c is None or x is None else c(x))
                for n, x, c in zip(names, vals, convs)}

    return conv


# ----------------------------------------------------------------------- Arrow <-> pandas


def to_pandas_arg(arr: pa.Array | pa.ChunkedArray, dtype: T.DataType) -> Any:
    """One column as a vectorized UDF receives it: a pandas Series, or a DataFrame for a
    struct column (as PySpark passes struct columns to pandas UDFs)."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if isinstance(dtype, T.StructType):
        return pa.Table.from_struct_array(arr).to_pandas()
    return arr.to_pandas()


def from_pandas_result(result: Any, dtype: T.DataType, name: str) -> pa.Array:
    """A vectorized UDF's Series (or DataFrame, for a struct result) as an Arrow array of the
    declared type; unsafe casts allowed, as Spark's default
    `spark.sql.execution.pandas.convertToArrowArraySafely=false`."""
    import pandas as pd

    target = to_arrow_type(dtype)
    if isinstance(dtype, T.StructType):
        if not isinstance(result, pd.DataFrame):
            raise _result_error(name, f"a pandas.DataFrame for the struct result type "
                                f"{dtype.simpleString()}", result)
        fields = [from_pandas_result(result[f.name] if f.name in result.columns else
                                     result.iloc[:, i], f.dataType, name)
                  for i, f in enumerate(dtype.fields)]
        return pa.StructArray.from_arrays(fields, fields=list(target))
    if isinstance(result, pd.DataFrame):
        raise _result_error(name, f"a pandas.Series for the result type {dtype.simpleString()}",
                            result)
    if not isinstance(result, pd.Series):
        result = pd.Series(result)
    try:
        return pa.Array.from_pandas(result, type=target, safe=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return from_python_values(result.tolist(), dtype)


def _result_error(name: str, wanted: str, got: Any) -> Exception:
    from dfengine.errors import PySparkTypeError, worker_error

    return worker_error(PySparkTypeError(f"The pandas UDF `{name}` must return {wanted}, got "
                                         f"{type(got).__name__}.", "RESULT_TYPE_MISMATCH"))


def scalar_to_arrow(values: list, dtype: T.DataType) -> pa.Array:
    """Results of a grouped aggregate UDF (numpy scalars included) as an Arrow array."""
    out = []
    for v in values:
        if hasattr(v, "item") and not isinstance(v, (list, dict)) and getattr(v, "ndim", 0) == 0:
            v = v.item()
        if isinstance(v, float) and v != v and not isinstance(dtype, T.FractionalType):  # noqa: PLR0124
            v = None
        out.append(v)
    try:
        return pa.array(out, to_arrow_type(dtype), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return from_python_values(out, dtype)
