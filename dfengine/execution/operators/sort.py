"""Sorting Arrow tables with per-key direction and NULL placement (Arrow's sort has one NULL
placement for all keys, so a key whose placement differs gets an is-null key before it)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

SortKey = tuple[str, bool, bool]  # column, ascending, nulls first


def sort_indices(table: pa.Table, keys: list[SortKey]) -> Any:
    cols: list[Any] = []
    names: list[str] = []
    sort_keys: list[tuple[str, str]] = []
    for i, (col, asc, nulls_first) in enumerate(keys):
        c = table.column(col)
        if c.null_count:
            names.append(f"__n{i}")
            cols.append(pc.is_null(c))
            sort_keys.append((f"__n{i}", "descending" if nulls_first else "ascending"))
        if pa.types.is_floating(c.type):
            # Spark orders NaN above every other value, +inf included.
            names.append(f"__nan{i}")
            cols.append(pc.fill_null(pc.is_nan(c), False))
            sort_keys.append((f"__nan{i}", "ascending" if asc else "descending"))
        names.append(f"__v{i}")
        cols.append(c)
        sort_keys.append((f"__v{i}", "ascending" if asc else "descending"))
    if not cols:
        return pa.array(range(table.num_rows), pa.int64())
    keyed = pa.Table.from_arrays(cols, names=names)
    return pc.sort_indices(keyed, sort_keys=sort_keys)


def sort_table(table: pa.Table, keys: list[SortKey]) -> pa.Table:
    if table.num_rows <= 1 or not keys:
        return table
    return table.take(sort_indices(table, keys))


def top_k(table: pa.Table, keys: list[SortKey], k: int) -> pa.Table:
    if table.num_rows <= k:
        return sort_table(table, keys)
    return table.take(sort_indices(table, keys)[:k])


def sort_partition(keys: list[SortKey], table: pa.Table, ctx: Any = None) -> pa.Table:
    """`sortWithinPartitions`: a narrow step; NULLs first for ascending keys unless said."""
    return sort_table(table, [(c, a, a if nf is None else nf) for c, a, nf in keys])
