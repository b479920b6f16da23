"""raise_error and assert_true: a query that fails with the user's message.

They raise only for rows really evaluated (`ctx.guard`: the taken branch of a CASE), so
`CASE WHEN x < 0 THEN raise_error('negative') ELSE x END` fails only when a row is negative.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import SparkRuntimeException
from dfengine.functions.arrays import broadcast
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import B, S, returns

VOID = T.NullType()


def _raised(message: Any) -> SparkRuntimeException:
    return SparkRuntimeException(str(message), "USER_RAISED_EXCEPTION")


def _evaluated(mask: Any, ctx: Any) -> Any:
    """The rows of `mask` that the query really evaluates."""
    return mask if ctx.guard is None else pc.and_(mask, ctx.guard)


def _raise_error(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    rows = pa.array([True] * table.num_rows)
    hit = pc.fill_null(_evaluated(rows, ctx), False)
    if table.num_rows and pc.any(hit).as_py():
        message = broadcast(args[0], table.num_rows).filter(hit)[0].as_py()
        raise _raised(message)
    return pa.nulls(table.num_rows)


def _assert_true(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    cond = broadcast(args[0], table.num_rows, pa.bool_())
    failed = pc.fill_null(_evaluated(pc.invert(pc.fill_null(cond, False)), ctx), False)
    if table.num_rows and pc.any(failed).as_py():
        if len(args) > 1:
            raise _raised(broadcast(args[1], table.num_rows).filter(failed)[0].as_py())
        raise _raised(f"'{e.args[0].sql()}' is not true!")
    return pa.nulls(table.num_rows)


def _assert_render(e: Any) -> str:
    cond = e.args[0].sql()
    message = e.args[1].sql() if len(e.args) > 1 else f"'{cond}' is not true!"
    return f"assert_true({cond}, {message})"


define(
    Function("raise_error", returns(VOID), lambda t: [S], impl=_raise_error, arity=(1, 1),
             deterministic=False, params="errMsg: lit"),
    Function("assert_true", returns(VOID), lambda t: [B] + [S] * (len(t) - 1),
             impl=_assert_true, arity=(1, 2), deterministic=False, render_fn=_assert_render,
             params="col, errMsg: lit = None", example="1 < 2, 'msg'"),
    family="misc",
)

