"""Sorting Arrow tables with per-key direction and NULL placement (Arrow's sort has one NULL
placement for all keys, so a key whose placement differs gets an is-null key before it)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

SortKey = tuple[str, bool, bool]  # column, ascending, nulls first


def _nested_rank(c: Any) -> pa.Array:
    """An array or struct sort key as each value's rank in Spark's ordering (element by
    element, field by field, NULL first), which Arrow's sort cannot compare itself."""
    from dfengine.functions.collection import _sort_key

    values = c.to_pylist()
    distinct = sorted({repr(v): v for v in values if v is not None}.values(), key=_sort_key)
    rank = {repr(v): i for i, v in enumerate(distinct)}
    return pa.array([None if v is None else rank[repr(v)] for v in values], pa.int64())


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
        cols.append(_nested_rank(c) if pa.types.is_nested(c.type) else c)
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


# ----------------------------------------------------------------- range partitioning
# A distributed sort as Spark's RangePartitioner does it: sample the sort keys of every input
# partition, cut the sorted sample into n ranges, send each row to the range of its keys, sort
# each range. Range j holds only keys ordered after those of range j - 1, so the ranges in
# order are the sorted result.


def sample_keys(keys: list[SortKey], size: int, index: int, table: pa.Table) -> pa.Table:
    """Up to `size` rows of the sort-key columns, chosen at random (seeded by `index`)."""
    import numpy as np

    cols = table.select([c for c, _, _ in keys])
    if cols.num_rows <= size:
        return cols
    rng = np.random.default_rng(index)
    return cols.take(pa.array(np.sort(rng.choice(cols.num_rows, size, replace=False))))


def range_bounds(keys: list[SortKey], n: int, samples: list[pa.Table]) -> pa.Table:
    """Up to n - 1 distinct sampled key rows that cut the keys into n ranges of about equal
    rows, picked as Spark's RangePartitioner.determineBounds does: walking the sorted sample,
    a key becomes the next bound once the rows seen reach the next multiple of
    (sample size / n), unless it equals the bound before it."""
    import numpy as np

    sample = sort_table(pa.concat_tables(samples, promote_options="permissive"), keys)
    m = sample.num_rows
    if m == 0 or n <= 1:
        return sample.slice(0, 0)
    rows = sample.to_pylist()
    step = m / n
    target = step
    at: list[int] = []
    for i in range(m):
        if len(at) >= n - 1:
            break
        if i + 1 >= target and (not at or rows[i] != rows[at[-1]]):
            at.append(i)
            target += step
    return sample.take(pa.array(np.array(at, dtype=np.int64)))


def range_order(keys: list[SortKey], n: int, table: pa.Table,
                bounds: pa.Table) -> tuple[Any, Any]:
    """(the rows in sorted order, rows per range): the bounds are sorted together with the
    rows, after them (the sort is stable), so a row equal to a bound goes before it (Spark:
    a key belongs to the first range whose bound is >= it), and the bounds before a row are
    its range."""
    import numpy as np

    nr = table.num_rows
    names = [c for c, _, _ in keys]
    both = pa.concat_tables([table.select(names), bounds], promote_options="permissive")
    order = np.asarray(sort_indices(both, keys))
    is_bound = order >= nr
    ranges = np.cumsum(is_bound)[~is_bound]
    rows = order[~is_bound]
    return rows, np.bincount(ranges, minlength=n)[:n]
