"""Small Arrow helpers the function implementations and the expression evaluator share:
literal arguments arrive as scalars and are broadcast to the partition's length here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def broadcast(v: Any, n: int, target: pa.DataType | None = None) -> Any:
    if isinstance(v, pa.Scalar):
        t = target or v.type
        if not v.is_valid:
            return pa.nulls(n, t)
        if v.type != t:
            v = v.cast(t)
        return pc.fill_null(pa.nulls(n, t), v) if n else pa.array([], t)
    if target is not None and v.type != target:
        return v.cast(target)
    return v


def bool_array(values: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """A numpy bool array (and validity) as an Arrow boolean array, its bits packed by numpy:
    `pa.array(values, pa.bool_())` converts value by value, 20x slower on a scan's masks."""
    n = len(values)
    bits = pa.py_buffer(np.packbits(values, bitorder="little"))
    if valid is None or bool(valid.all()):
        return pa.Array.from_buffers(pa.bool_(), n, [None, bits], null_count=0)
    validity = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.Array.from_buffers(pa.bool_(), n, [validity, bits], null_count=n - int(
        np.count_nonzero(valid)))


def _typed(n: int, t: pa.DataType) -> pa.Scalar:
    """The number `n` as an Arrow scalar of type `t` (decimals need a Decimal value)."""
    import decimal

    from dfengine.types.arrow import scalar  # pa.scalar would import pandas

    return scalar(decimal.Decimal(n) if pa.types.is_decimal(t) else n, t)


def _fmod(a: Any, b: Any, t: pa.DataType) -> Any:
    n = None
    for x in (a, b):
        if not isinstance(x, pa.Scalar):
            n = len(x)
    a, b = broadcast(a, 1 if n is None else n, t), broadcast(b, 1 if n is None else n, t)
    mask = pc.or_(pc.is_null(a), pc.is_null(b))
    an = np.asarray(pc.fill_null(a, 0).to_numpy(zero_copy_only=False))
    bn = np.asarray(pc.fill_null(b, 1).to_numpy(zero_copy_only=False))
    with np.errstate(all="ignore"):
        bn = np.where(bn == 0, 1, bn)
        r = np.fmod(an, bn)
    out = pa.array(r, t, mask=np.asarray(mask.to_numpy(zero_copy_only=False)))
    # two scalars give a scalar (a length-1 array broke `select -7 % 3 ...` unfolded)
    return out[0] if n is None else out


class NotConstant(Exception):
    """An argument an implementation reads as one value (a pattern, a width, a format) holds
    a value per row (`instr(s, col('sub'))`): the evaluator then calls the implementation once
    per distinct value of that argument (`compute.per_value`), so each implementation is
    written for the constant case only, as Arrow's kernels are."""

    def __init__(self, value: Any) -> None:
        super().__init__("a per-row argument where one value was expected")
        self.value = value


def _const(x: Any) -> Any:
    """The Python value of a literal argument (arguments read as one value)."""
    if isinstance(x, pa.Scalar):
        return x.as_py()
    if isinstance(x, (pa.Array, pa.ChunkedArray)):
        raise NotConstant(x)
    return x


def _full(x: Any, n: int) -> Any:
    return broadcast(x, n)


def _unary(fn: Callable) -> Callable:
    """An implementation applying an Arrow kernel to the first argument."""
    return lambda args, e, table, ctx: fn(args[0])


def _py_map(args: list, n: int, fn: Callable, t: pa.DataType) -> Any:
    """Row-by-row Python for the few functions Arrow has no kernel for."""
    if not args:  # array(), map(): one value per row
        return pa.array([fn() for _ in range(n)], t)
    cols = [[a.as_py()] * n if isinstance(a, pa.Scalar) else a.to_pylist() for a in args]
    return pa.array([fn(*row) for row in zip(*cols)], t)


def list_lengths(values: Any) -> Any:
    """Arrow's list_value_length for lists, maps (no kernel of their own) and NULL-typed
    columns (all NULL)."""
    import pyarrow.compute as pc

    t = values.type
    if pa.types.is_map(t):
        values = values.cast(pa.list_(pa.struct([t.key_field, t.item_field])))
    elif pa.types.is_null(t):
        values = values.cast(pa.list_(pa.int32()))
    return pc.list_value_length(values)
