"""Random values: randn, uniform, randstr, shuffle (rand lives with the math functions).

Each partition draws from its own generator seeded by (seed, partition index), as Spark's
XORShiftRandom is, so with a seed a recomputed partition draws the same values. A call
without a seed uses one seed per process (not per call, as Spark fixes at analysis), so on a
multi-process cluster a recomputed partition may differ; its column name leaves the seed
out, as Spark's does."""

from __future__ import annotations

import random
import string
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine import types as T
from dfengine.functions.arrays import _const, broadcast
from dfengine.functions.cast import cast_array
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import INT, D, L, S, _common, returns

_ALPHANUMERIC = np.array(list(string.ascii_letters + string.digits))
_UNSEEDED = random.randrange(2**31)  # one per process: calls without a seed


def _rng(args: list, seed_at: int, ctx: Any) -> np.random.Generator:
    seed = _const(args[seed_at]) if len(args) > seed_at else _UNSEEDED
    return np.random.default_rng([int(seed or 0) & 0xFFFFFFFF, ctx.partition_index])


def _randn(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pa.array(_rng(args, 0, ctx).standard_normal(table.num_rows))


def _uniform(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    lo, hi = (float(_const(a)) for a in args[:2])
    draws = lo + _rng(args, 2, ctx).random(table.num_rows) * (hi - lo)
    if isinstance(e.data_type, T.IntegralType):
        draws = np.floor(draws)
    return cast_array(pa.array(draws), D, e.data_type)


def _uniform_type(args: tuple) -> T.DataType:
    """Integers give an integer; otherwise the type of the fractional bound (Spark)."""
    types = [a.data_type for a in args[:2]]
    fractional = [t for t in types if not isinstance(t, T.IntegralType)]
    return fractional[0] if fractional else _common(types)


def _randstr(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    length = int(_const(args[0]))
    picks = _ALPHANUMERIC[_rng(args, 1, ctx).integers(0, len(_ALPHANUMERIC),
                                                      (table.num_rows, length))]
    return pa.array(["".join(row) for row in picks], pa.string())


def _shuffle(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    rng = _rng(args, 1, ctx)
    arrays = broadcast(args[0], table.num_rows)
    out = []
    for value in arrays.to_pylist():
        if value is not None:
            value = [value[i] for i in rng.permutation(len(value))]
        out.append(value)
    return pa.array(out, arrays.type)


def _unseeded_render(e: Any) -> str:
    """The seed is shown only when it was written (Spark: `randn()`, `randn(1)`)."""
    return f"{e.name}({', '.join(a.sql() for a in e.args)})"


def _random_fn(name: str, result: Any, impl: Any, params: str, **kw: Any) -> Function:
    return Function(name, result, impl=impl, deterministic=False, nullable_rule="never",
                    params=params, render_fn=_unseeded_render, **kw)


define(
    _random_fn("randn", returns(D), _randn, "seed: lit = None", inputs=lambda t: [L] * len(t),
               arity=(0, 1), example="1"),
    _random_fn("uniform", lambda t: _common(t[:2]), _uniform, "min: lit, max: lit, seed: lit = None",
               result_from_args=_uniform_type, arity=(2, 3), example="1, 10, 0"),
    _random_fn("randstr", returns(S), _randstr, "length: lit, seed: lit = None",
               inputs=lambda t: [INT, L][: len(t)], arity=(1, 2), example="5, 0"),
    Function("shuffle", lambda t: t[0], impl=_shuffle, deterministic=False, arity=(1, 2),
             render_fn=lambda e: f"shuffle({e.args[0].sql()})",
             params="col, seed: lit = None", example="array(1, 2, 3), 1"),
    family="random",
)

