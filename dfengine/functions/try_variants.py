"""try_ spellings of functions that raise on bad input: the same function, NULL for the rows
where it raises (try_to_binary, try_url_decode, try_parse_url, try_make_timestamp*).

The base implementation runs over the whole batch; only when it raises is the batch redone
row by row, so the common all-valid batch costs nothing extra.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pyarrow as pa

from dfengine.errors import PySparkException
from dfengine.functions import encoding, timezones, urls  # noqa: F401 (the base entries)
from dfengine.functions.arrays import broadcast
from dfengine.functions.registry import Function, Impl, define, find
from dfengine.types import to_arrow_type


def _row_args(args: list, i: int) -> list:
    return [a if isinstance(a, pa.Scalar) else a.slice(i, 1) for a in args]


def tolerant(impl: Impl) -> Impl:
    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        try:
            return impl(args, e, table, ctx)
        except (PySparkException, ValueError, ArithmeticError):
            pass
        target = to_arrow_type(e.data_type)
        out = []
        for i in range(table.num_rows):
            try:
                v = broadcast(impl(_row_args(args, i), e, table.slice(i, 1), ctx), 1, target)
                out.append(v[0].as_py())
            except (PySparkException, ValueError, ArithmeticError):
                out.append(None)
        return pa.array(out, target)
    return run


def try_of(base: str, example: str) -> Function:
    entry = find(base)
    assert entry is not None and entry.impl is not None, base
    return dataclasses.replace(entry, name=f"try_{base}", aliases=(), display={},
                               impl=tolerant(entry.impl), nullable_rule="always",
                               python_names=None, example=example, family="")


def _without_timezone(e: Any) -> str:
    """Spark names try_make_timestamp(y, m, d, h, mi, s, tz) without its time zone."""
    return f"try_make_timestamp({', '.join(a.sql() for a in e.args[:6])})"


define(
    try_of("to_binary", "'zz', 'hex'"),
    try_of("url_decode", "'a%2'"),
    try_of("parse_url", "'inva lid://spark.apache.org/path?', 'QUERY'"),
    dataclasses.replace(try_of("make_timestamp", "2024, 13, 2, 3, 4, 5.5"),
                        render_fn=_without_timezone),
    try_of("make_timestamp_ltz", "2014, 12, 28, 6, 30, 45.887, 'CET'"),
    try_of("make_timestamp_ntz", "2014, 2, 30, 6, 30, 45.887"),
    family="conditional",
)
