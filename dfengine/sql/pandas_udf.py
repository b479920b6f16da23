"""`pandas_udf` and `arrow_udf` in all their PySpark 3/4 forms.

The form comes from the function's type hints, as in PySpark 3+:

    Series, ... -> Series                       scalar (per batch)
    Iterator[Series] -> Iterator[Series]        scalar iterator (per partition)
    Iterator[Tuple[Series, ...]] -> Iterator[Series]
    Series, ... -> scalar                       grouped aggregate (groupBy().agg, windows)
    Iterator[Series | Tuple] -> scalar          grouped aggregate over batches

or, without hints, from `functionType` (PandasUDFType.SCALAR, SCALAR_ITER, GROUPED_MAP,
GROUPED_AGG; default SCALAR). A struct argument arrives as a pandas DataFrame; a struct
result is returned as a DataFrame.
"""

from __future__ import annotations

import collections.abc
import inspect
import typing
from collections.abc import Callable
from typing import Any

from dfengine import types as T
from dfengine.errors import PySparkTypeError
from dfengine.plan.python_udf import EvalType
from dfengine.sql.udf import UserDefinedFunction, parse_return_type


class PandasUDFType:
    """PySpark's (deprecated but still used) pandas UDF kinds."""

    SCALAR = EvalType.SCALAR_PANDAS
    SCALAR_ITER = EvalType.SCALAR_PANDAS_ITER
    GROUPED_MAP = EvalType.GROUPED_MAP_PANDAS
    GROUPED_AGG = EvalType.GROUPED_AGG_PANDAS
    GROUPED_AGG_ITER = EvalType.GROUPED_AGG_PANDAS_ITER


class ArrowUDFType:
    SCALAR = EvalType.SCALAR_ARROW
    SCALAR_ITER = EvalType.SCALAR_ARROW_ITER
    GROUPED_AGG = EvalType.GROUPED_AGG_ARROW
    GROUPED_AGG_ITER = EvalType.GROUPED_AGG_ARROW_ITER


_ITER_ORIGINS = (collections.abc.Iterator, collections.abc.Iterable,
                 collections.abc.Generator)


def _hints(f: Callable) -> tuple[list[Any], Any] | None:
    """The annotations of f's parameters and return, or None when f has none."""
    try:
        sig = inspect.signature(f)
    except (TypeError, ValueError):
        return None
    try:
        hints = typing.get_type_hints(f)
    except Exception:  # noqa: BLE001 - unresolvable string annotations: treat as no hints
        return None
    params = [hints.get(p.name) for p in sig.parameters.values()
              if p.kind not in (p.VAR_KEYWORD,)]
    ret = hints.get("return")
    if ret is None or any(p is None for p in params):
        return None
    return params, ret


def _is_iterator(h: Any) -> bool:
    return typing.get_origin(h) in _ITER_ORIGINS or h in _ITER_ORIGINS


def _is_column(h: Any, arrow: bool) -> bool:
    """A pandas Series/DataFrame (or pa.Array/Table for arrow_udf), or a Union of them."""
    if typing.get_origin(h) is typing.Union:
        return all(_is_column(a, arrow) for a in typing.get_args(h))
    if arrow:
        import pyarrow as pa

        return h in (pa.Array, pa.Table, pa.RecordBatch, pa.ChunkedArray)
    import pandas as pd

    return h in (pd.Series, pd.DataFrame)


def infer_eval_type(f: Callable, arrow: bool = False) -> int | None:
    """The eval type PySpark infers from f's type hints, or None without hints."""
    got = _hints(f)
    if got is None:
        return None
    params, ret = got
    if len(params) == 1 and _is_iterator(params[0]):
        if _is_iterator(ret):
            return EvalType.SCALAR_ARROW_ITER if arrow else EvalType.SCALAR_PANDAS_ITER
        return EvalType.GROUPED_AGG_ARROW_ITER if arrow else EvalType.GROUPED_AGG_PANDAS_ITER
    if _is_column(ret, arrow):
        return EvalType.SCALAR_ARROW if arrow else EvalType.SCALAR_PANDAS
    if all(_is_column(p, arrow) for p in params):
        return EvalType.GROUPED_AGG_ARROW if arrow else EvalType.GROUPED_AGG_PANDAS
    raise PySparkTypeError(
        f"Unsupported signature for the {'arrow' if arrow else 'pandas'} UDF "
        f"`{getattr(f, '__name__', f)}`: {inspect.signature(f)}. Use Series -> Series, "
        "Iterator[Series] -> Iterator[Series], Iterator[Tuple[Series, ...]] -> "
        "Iterator[Series] or Series -> scalar.", "UNSUPPORTED_SIGNATURE")


def _make(f: Callable, returnType: Any, functionType: int | None, arrow: bool
          ) -> UserDefinedFunction:
    if returnType is None:
        raise PySparkTypeError("Invalid return type: returnType can not be None.",
                               "CANNOT_BE_NONE")
    inferred = infer_eval_type(f, arrow)
    eval_type = functionType if functionType is not None else inferred
    if eval_type is None:
        eval_type = EvalType.SCALAR_ARROW if arrow else EvalType.SCALAR_PANDAS
    if eval_type != EvalType.GROUPED_MAP_PANDAS:
        parse_return_type(returnType)
    return UserDefinedFunction(f, returnType, evalType=eval_type)


def _decorator(f: Any, returnType: Any, functionType: Any, arrow: bool) -> Any:
    # pandas_udf("long"), pandas_udf("long", PandasUDFType.SCALAR), pandas_udf(f, "long"),
    # pandas_udf(returnType=..., functionType=...)
    if f is not None and not callable(f) or isinstance(f, (str, T.DataType)):
        if isinstance(returnType, int):
            functionType, returnType = returnType, f
        else:
            returnType = f if returnType is None else returnType
        return lambda fn: _make(fn, returnType, functionType, arrow)
    if f is None:
        return lambda fn: _make(fn, returnType, functionType, arrow)
    return _make(f, returnType, functionType, arrow)


def pandas_udf(f: Any = None, returnType: Any = None, functionType: int | None = None) -> Any:
    """`pyspark.sql.functions.pandas_udf`."""
    return _decorator(f, returnType, functionType, arrow=False)


def arrow_udf(f: Any = None, returnType: Any = None, functionType: int | None = None) -> Any:
    """`pyspark.sql.functions.arrow_udf` (PySpark 4.1): like pandas_udf on pyarrow arrays."""
    return _decorator(f, returnType, functionType, arrow=True)
