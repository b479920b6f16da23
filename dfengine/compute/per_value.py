"""Functions whose implementation takes one value for an argument (a pattern, a width, a
format: Arrow's kernels take those as options) called with a column there
(`lpad(s, col('n'), '*')`, `regexp_replace(s, col('p'), col('r'))`): the rows are grouped by
the argument's distinct values and the implementation runs once per group with that value as
a constant. Few distinct values (the usual case: a pattern per category) cost few kernel
calls; a value per row costs one call per row, which is still the right answer. The rows holding
NULL there get what a NULL literal gives (NULL mostly; `locate`'s NULL start gives 0)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine.errors import SparkRuntimeException
from dfengine.functions.arrays import broadcast

Call = Callable[[list, pa.Table, Any], Any]


def call_per_value(call: Call, args: list, column: Any, table: pa.Table, ctx: Any,
                   narrow: Callable[[Any, Any], Any], out_type: pa.DataType) -> Any:
    """`call(args, table, ctx)` with `args[i] is column` replaced by each of its distinct
    values in turn, on the rows holding that value; the results are put back in row order.
    `narrow(ctx, rows)` is the evaluation context restricted to `rows`."""
    pos = next((i for i, a in enumerate(args) if a is column), None)
    if pos is None:  # an implementation read a derived array as a constant: a bug here
        raise SparkRuntimeException("A function read a computed column as a constant value.")
    values = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    encoded = pc.dictionary_encode(values)
    codes = np.asarray(pc.fill_null(encoded.indices, len(encoded.dictionary)).to_numpy(
        zero_copy_only=False), dtype=np.int64)
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    starts = np.concatenate([[0], bounds]) if len(order) else np.array([], dtype=np.int64)
    ends = np.concatenate([bounds, [len(order)]]) if len(order) else starts
    pieces = []
    for start, end in zip(starts, ends):
        rows = pa.array(order[start:end])
        code = int(codes[order[start]])
        value = (encoded.dictionary[code] if code < len(encoded.dictionary)
                 else pa.scalar(None, values.type))
        sub = [value if i == pos else (
            a if isinstance(a, pa.Scalar) else a.take(rows)) for i, a in enumerate(args)]
        out = call(sub, table.take(rows), narrow(ctx, rows))
        pieces.append(broadcast(out, end - start, out_type))
    if not pieces:
        return pa.array([], out_type)
    merged = pa.chunked_array(pieces, out_type).combine_chunks()  # broadcast typed each
    return merged.take(pa.array(np.argsort(order, kind="stable")))
