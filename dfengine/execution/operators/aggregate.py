"""Grouped aggregation on Arrow tables in two phases: `partial` per partition produces small
state tables, `merge` combines states (a tree over partitions), `finalize` turns states into
Spark's result values and types. Functions that do not decompose (DISTINCT aggregates,
collect_list, median, ...) run in one `complete` step over all rows of a group, after the rows
have been hash-partitioned by the grouping keys.

Input tables hold the grouping keys and each aggregate's argument as plain columns (the planner
projects them first), so this module never evaluates expressions.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.execution.operators import holistic
from dfengine.types import to_arrow_type
from dfengine.types.arrow import from_numpy, int64_array, numpy_values, valid_mask
from dfengine.types.arrow import scalar as arrow_scalar

DECOMPOSABLE = {"count", "sum", "avg", "min", "max", "first", "last", "any_value", "stddev",
                "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "bool_and",
                "bool_or", "count_if"}
_VAR = {"stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop"}


@dataclass(frozen=True)
class AggSpec:
    func: str
    inputs: tuple[str, ...]
    out: str
    result_type: T.DataType
    input_type: T.DataType | None = None
    distinct: bool = False
    ignore_nulls: bool = False
    ansi: bool = True  # spark.sql.ansi.enabled: integer sums raise on overflow
    udf: Any = None  # the PythonAggregate expression of a grouped aggregate UDF

    @property
    def decomposable(self) -> bool:
        nested = self.func in ("min", "max") and isinstance(
            self.input_type, (T.ArrayType, T.StructType))  # Arrow has no min/max of these
        return self.func in DECOMPOSABLE and not self.distinct and self.udf is None and (
            not nested)


def _opts_first(spec: AggSpec) -> Any:
    return pc.ScalarAggregateOptions(skip_nulls=spec.ignore_nulls)


def _group(table: pa.Table, keys: list[str], aggs: list[tuple]) -> pa.Table:
    if not keys and table.num_rows and any(len(a) > 1 and a[1] in ("first", "last")
                                           for a in aggs):
        # Arrow's keyless first/last ignores skip_nulls=False (last(x) skipped a trailing
        # NULL): group by a constant key instead, then drop it
        keyed = _group(table.append_column("::all", pa.nulls(table.num_rows, pa.int8())),
                       ["::all"], aggs)
        return keyed.drop_columns(["::all"])
    if any(pa.types.is_struct(table.schema.field(k).type) for k in keys):
        return _group_struct_keys(table, keys, aggs)
    if any(_is_list_or_map(table.schema.field(k).type) for k in keys):
        return _group_list_keys(table, keys, aggs)
    table, aggs, nan_max = _nan_ordered_max(table, aggs)
    out = _group_integer_keys(table, keys, aggs) if keys else _aggregate_whole(table, aggs)
    if out is None:
        from dfengine.datasource.scan import decode_dictionaries

        out = decode_dictionaries(table).group_by(keys, use_threads=False).aggregate(aggs)
    for i, float_type in nan_max.items():
        pos = len(keys) + i if out.column_names[:len(keys)] == keys else i
        out = out.set_column(pos, out.column_names[pos],
                             _from_total_order(out.column(pos), float_type))
    return out


# aggregates a table without keys computes with pyarrow.compute's function of the same name
_WHOLE_TABLE = frozenset(("count", "count_all", "sum", "min", "max"))


def _aggregate_whole(table: pa.Table, aggs: list[tuple]) -> pa.Table | None:
    """Arrow's `group_by([]).aggregate(aggs)` for counts, sums, minima and maxima, one row
    named as Arrow names it; None for other aggregates. Arrow's group_by loads
    pyarrow.dataset, which imports pandas: a global count in a fresh process paid 0.2 s."""
    if not all(a[1] in _WHOLE_TABLE for a in aggs):
        return None
    columns, names = [], []
    for col, fn, *options in aggs:
        if fn == "count_all":
            columns.append(int64_array([table.num_rows]))
            names.append("count_all")
            continue
        result = getattr(pc, fn)(table.column(col), options=options[0] if options else None)
        columns.append(pa.repeat(result, 1))
        names.append(f"{col}_{fn}")
    return pa.Table.from_arrays(columns, names=names)



def _group_struct_keys(table: pa.Table, keys: list[str], aggs: list[tuple]) -> pa.Table:
    """Arrow cannot group by a struct: group by its fields and whether it is NULL, then
    rebuild it (layout: aggregates, then keys, as Arrow's group_by)."""
    flat_keys: list[str] = []
    parts: dict[str, tuple[list[str], str]] = {}
    for k in keys:
        col = table.column(k)
        if not pa.types.is_struct(col.type):
            flat_keys.append(k)
            continue
        col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
        names = [f"{k}::{i}" for i in range(col.type.num_fields)]
        for i, name in enumerate(names):
            table = table.append_column(name, col.field(i))
        table = table.append_column(f"{k}::null", pc.is_null(col))
        parts[k] = (names, f"{k}::null")
        flat_keys += names + [f"{k}::null"]
    grouped = _group(table, flat_keys, aggs)
    key_cols, agg_cols = _split_grouped(grouped, flat_keys, len(aggs))
    by_name = dict(zip(flat_keys, key_cols))
    out_keys = []
    for k in keys:
        if k not in parts:
            out_keys.append(by_name[k])
            continue
        names, null = parts[k]
        children = [_whole(by_name[n]) for n in names]
        mask = _whole(by_name[null])
        out_keys.append(pa.StructArray.from_arrays(
            children, fields=list(table.schema.field(k).type), mask=mask))
    agg_names = grouped.column_names[:len(aggs)] if grouped.column_names[:len(flat_keys)] != (
        flat_keys) else grouped.column_names[len(flat_keys):]
    return pa.Table.from_arrays(agg_cols + out_keys, names=list(agg_names) + keys)


def _is_list_or_map(t: pa.DataType) -> bool:
    return pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_map(t)


def _group_list_keys(table: pa.Table, keys: list[str], aggs: list[tuple]) -> pa.Table:
    """Arrow cannot group by arrays or maps (`DISTINCT arr`, `count(DISTINCT arr)`): group
    by a code per distinct value, then take each group's value from its first row."""
    codes: dict = {}
    flat: list[str] = []
    for k in keys:
        if not _is_list_or_map(table.schema.field(k).type):
            flat.append(k)
            continue
        code = [None if v is None else codes.setdefault(_frozen(v), len(codes))
                for v in table.column(k).to_pylist()]
        table = table.append_column(f"{k}::code", pa.array(code, pa.int64()))
        flat.append(f"{k}::code")
    table = table.append_column("::row", int64_array(np.arange(table.num_rows)))
    grouped = _group(table, flat, [*aggs, ("::row", "min")])
    key_cols, agg_cols = _split_grouped(grouped, flat, len(aggs) + 1)
    first = _whole(agg_cols.pop())
    out_keys = [_whole(table.column(k)).take(first) if f != k else c
                for k, f, c in zip(keys, flat, key_cols)]
    agg_names = grouped.column_names[:len(aggs)] if grouped.column_names[:len(flat)] != (
        flat) else grouped.column_names[len(flat):len(flat) + len(aggs)]
    return pa.Table.from_arrays(agg_cols + out_keys, names=list(agg_names) + keys)


def _whole(col: Any) -> pa.Array:
    return col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col


def _nan_ordered_max(table: pa.Table, aggs: list[tuple]) -> tuple[pa.Table, list, dict]:
    """Spark orders NaN above every double, so max is NaN in a group holding one; Arrow's
    max skips NaN. A max over a float column with NaNs reads the values as integers in IEEE
    total order instead (NaN above +inf), and `_group` turns the result back into floats.
    Arrow's min already matches Spark: NaN only when every value is NaN."""
    nan_max: dict[int, pa.DataType] = {}
    out = list(aggs)
    for i, a in enumerate(aggs):
        if a[1] != "max" or not isinstance(a[0], str):
            continue
        col = table.column(a[0])
        if not pa.types.is_floating(col.type) or not pc.any(pc.is_nan(col)).as_py():
            continue
        name = f"{a[0]}::total_order"
        if name not in table.column_names:
            table = table.append_column(name, _to_total_order(col))
        out[i] = (name, "max") + tuple(a[2:])
        nan_max[i] = col.type
    return table, out, nan_max


def _to_total_order(col: pa.ChunkedArray) -> pa.Array:
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    f = np.asarray(pc.fill_null(arr.cast(pa.float64()), 0.0).to_numpy(zero_copy_only=False),
                   dtype=np.float64)
    f = np.where(np.isnan(f), np.nan, f)  # one NaN bit pattern, positive
    bits = f.view(np.int64)
    ordered = np.where(bits < 0, bits ^ np.int64(0x7FFFFFFFFFFFFFFF), bits)
    return pa.array(ordered, pa.int64(), mask=~np.asarray(arr.is_valid().to_numpy(
        zero_copy_only=False)) if arr.null_count else None)


def _from_total_order(col: pa.ChunkedArray | pa.Array, float_type: pa.DataType) -> pa.Array:
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    ordered = np.asarray(pc.fill_null(arr, 0).to_numpy(zero_copy_only=False), dtype=np.int64)
    bits = np.where(ordered < 0, ordered ^ np.int64(0x7FFFFFFFFFFFFFFF), ordered)
    values = pa.array(bits.view(np.float64), mask=~np.asarray(arr.is_valid().to_numpy(
        zero_copy_only=False)) if arr.null_count else None)
    return values.cast(float_type)


def _dictionary_codes(col: pa.ChunkedArray | pa.Array) -> pa.Array | None:
    """A dictionary-encoded key (a scan keeps low-cardinality strings such as Q1's
    l_returnflag encoded) as exact integer codes: its indices into one unified dictionary,
    NULL as one more code. Grouping by them skips decoding, hashing and verifying strings."""
    if not pa.types.is_dictionary(col.type):
        return None
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()  # unifies the chunks' dictionaries
    codes = col.indices.cast(pa.int64())
    if codes.null_count:
        codes = pc.fill_null(codes, len(col.dictionary))
    return codes


def _decoded(col: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    return col.cast(col.type.value_type) if pa.types.is_dictionary(col.type) else col


def _group_words(cols: list, num_rows: int) -> tuple[np.ndarray, bool] | None:
    """One int64 per row standing for its key, and whether equal words mean equal keys
    (the key itself or packed integers) rather than a hash; None for unverifiable keys."""
    from dfengine.execution.operators.join import _is_integral, _packing
    from dfengine.kernels import hash_table
    from dfengine.kernels.hashing import _fixed_values, hash_columns

    exact = not any(c.null_count or not _is_integral(c.type) for c in cols)
    packing = _packing(cols, [c.type for c in cols]) if exact and len(cols) > 1 else None
    if exact and len(cols) == 1:
        return _fixed_values(cols[0]), True
    if packing is not None:
        return hash_table.pack(np.stack([_fixed_values(c) for c in cols]),
                               np.ones(num_rows, dtype=np.bool_), *packing), True
    # strings, NULL keys, wide tuples: group by a hash, then rule out collisions
    if not all(_verifiable(c.type) for c in cols):
        return None
    return hash_columns(cols).view(np.int64), False


def _dependent_groups(cols: list, num_rows: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Groups of the integer keys alone, when the other keys are the same in every row of
    each (GROUP BY c_custkey, c_name, c_address, c_comment: an id and what it determines),
    so the strings are compared once instead of hashed; None otherwise."""
    from dfengine.execution.operators.join import _is_integral
    from dfengine.kernels import grouping

    ints = [c for c in cols if not c.null_count and _is_integral(c.type)]
    rest = [c for c in cols if all(c is not i for i in ints)]
    if not ints or not rest or not all(_verifiable(c.type) for c in rest):
        return None
    keyed = _group_words(ints, num_rows)
    if keyed is None or not keyed[1]:
        return None
    gid, first = grouping.group_ids(np.ascontiguousarray(keyed[0]))
    return (gid, first) if all(_same_as_first(c, gid, first) for c in rest) else None


def _kernel_plan(table: pa.Table, aggs: list[tuple]) -> list[tuple] | None:
    """(column, function, type) of each aggregate when the Numba kernels compute them all:
    counts, sums of int64/double/decimal, min/max of integers; else None."""
    plan = []
    for a in aggs:
        col, fn = a[0], a[1]
        if len(a) > 2 or (fn != "count_all" and not isinstance(col, str)):
            return None
        t = table.schema.field(col).type if fn != "count_all" else None
        ok = (fn == "count_all" or fn == "count"
              or (fn == "sum" and (pa.types.is_int64(t) or pa.types.is_float64(t)
                                   or pa.types.is_decimal128(t)))
              or (fn in ("min", "max") and pa.types.is_integer(t)))
        if not ok:
            return None
        plan.append((col, fn, t))
    return plan


def _group_integer_keys(table: pa.Table, keys: list[str], aggs: list[tuple]) -> pa.Table | None:
    """Arrow's group_by, computed by the Numba kernels when every key is a NULL-free integer
    column (or date, or small decimal) and every aggregate a sum, count, min or max of
    integers (sums of doubles too); None when anything else is asked. Keys come first."""

    if not keys or table.num_rows == 0:
        return None
    plan = _kernel_plan(table, aggs)
    if plan is None:
        return None
    grouped = _key_groups(table, keys)
    if grouped is None:
        return None
    gid, first = grouped
    groups = len(first)
    take = from_numpy(first)  # pa.array of NumPy imports pandas
    out = [_decoded(table.column(k).take(take)) for k in keys]  # their types, as Arrow gives
    names = list(keys) + [f"__agg{i}" for i in range(len(plan))]
    per_column = _GroupedColumns(table, gid, groups)
    for col, fn, t in plan:
        if fn == "count_all":
            out.append(from_numpy(per_column.row_counts()))
            continue
        if fn == "count":
            out.append(from_numpy(per_column.count(col)))
            continue
        if fn == "sum":
            got = per_column.sum_count(col)
            if got is None:
                return None
            res, counts = got
        else:
            res, counts = per_column.min_max(col, fn == "max")
        if pa.types.is_decimal(t):
            from dfengine.kernels import decimal as dec

            out.append(dec.from_int64(res, counts > 0, t.precision, t.scale))
        else:
            out.append(from_numpy(res, counts != 0).cast(t))
    return pa.Table.from_arrays(out, names=names)


def _key_groups(table: pa.Table, keys: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """(group id per row, first row of each group) of `keys` by the kernels; None for keys
    they can't compare (see `column_groups`)."""
    from dfengine.kernels.hashing import _as_array

    codes = [_dictionary_codes(table.column(k)) for k in keys]
    cols = [c if c is not None else _as_array(table.column(k)) for c, k in zip(codes, keys)]
    return column_groups(cols, table.num_rows)


def column_groups(cols: list, num_rows: int) -> tuple[np.ndarray, np.ndarray] | None:
    """(group id per row, first row of each group) of key columns (dictionary keys as their
    codes): an id and what it determines, packed integers, or hashes with collisions ruled
    out; None for keys the kernels can't compare."""
    from dfengine.kernels import grouping

    grouped = _dependent_groups(cols, num_rows)
    if grouped is not None:
        return grouped
    keyed = _group_words(cols, num_rows)
    if keyed is None:
        return None
    words, exact = keyed
    gid, first = grouping.group_ids(np.ascontiguousarray(words))
    if not exact and not all(_same_as_first(c, gid, first) for c in cols):
        return None
    return gid, first


def _distinct_counts(table: pa.Table, keys: list[str], specs: list[AggSpec]) -> pa.Table | None:
    """Every aggregate a count(DISTINCT x) of an integer (or date) column, per group, from
    one grouping of the keys: the distinct (group, x) pairs as one integer each. TPC-H Q16
    hashed its string keys three times on the general path (distinct rows, their counts, and
    aligning them with the groups). None when that doesn't apply."""
    xs = _distinct_count_inputs(table, keys, specs)
    grouped = _key_groups(table, keys) if xs is not None else None
    counts = [_distinct_per_group(grouped[0], len(grouped[1]), x)
              for x in xs] if grouped is not None else [None]
    if any(c is None for c in counts):
        return None
    take = from_numpy(grouped[1])
    out = [_decoded(table.column(k).take(take)) for k in keys]
    out += [from_numpy(c) for c in counts]
    return pa.Table.from_arrays(out, names=list(keys) + [s.out for s in specs])


def _distinct_count_inputs(table: pa.Table, keys: list[str],
                           specs: list[AggSpec]) -> list[pa.Array] | None:
    """The x columns when every spec is a count(DISTINCT x) of one integer column and there
    are keys and rows; else None."""
    from dfengine.execution.operators.join import _is_integral
    from dfengine.kernels.hashing import _as_array

    if not keys or table.num_rows == 0 or not all(
            s.distinct and s.func == "count" and len(s.inputs) == 1 and s.udf is None
            for s in specs):
        return None
    xs = [_as_array(table.column(s.inputs[0])) for s in specs]
    return xs if all(_is_integral(x.type) for x in xs) else None


def _distinct_per_group(gid: np.ndarray, groups: int, x: pa.Array) -> np.ndarray | None:
    """Distinct non-null values of `x` per group; None when (group, value) pairs don't fit
    one int64."""
    from dfengine.kernels.hashing import _fixed_values

    values = _fixed_values(x).astype(np.int64)
    ids = gid
    if x.null_count:
        valid = valid_mask(x)
        values, ids = values[valid], gid[valid]
    if not len(values):
        return np.zeros(groups, np.int64)
    lo, hi = int(values.min()), int(values.max())
    span = hi - lo + 1
    if span * groups >= 2**62:
        return None
    pairs = np.unique(ids * span + (values - lo))
    return np.bincount(pairs // span, minlength=groups).astype(np.int64)


class _GroupedColumns:
    """Per-group sums, counts and extremes of a table's columns, each column read once
    however many aggregates use it (avg is a sum and a count; Q1 asks for five of them)."""

    def __init__(self, table: pa.Table, gid: np.ndarray, groups: int):
        self.table, self.gid, self.groups = table, gid, groups
        self._sums: dict[str, tuple | None] = {}
        self._rows: np.ndarray | None = None

    def row_counts(self) -> np.ndarray:
        from dfengine.kernels import grouping

        if self._rows is None:
            self._rows = grouping.row_counts(self.gid, self.groups)
        return self._rows

    def _column(self, col: str) -> tuple[np.ndarray | None, np.ndarray, bool]:
        """(values with NULLs as 0, validity, has NULLs); values None for a wide decimal
        whose values don't fit in 64 bits."""
        from dfengine.kernels import decimal as dec
        from dfengine.kernels.hashing import _as_array

        arr = _as_array(self.table.column(col))
        has_nulls = bool(arr.null_count)
        valid = valid_mask(arr) if has_nulls else np.ones(0, dtype=np.bool_)
        if pa.types.is_decimal(arr.type):
            got = dec.as_int64(arr)
            if got is None or not dec.sum_to_decimal(got[0], got[1]):
                return None, valid, has_nulls
            return got[0], valid, has_nulls
        if not pa.types.is_temporal(arr.type):
            values = numpy_values(arr)  # from the buffers: to_numpy would import pandas
            if values is not None:
                return (np.where(valid, values, 0) if has_nulls else values), valid, has_nulls
        if has_nulls:
            arr = arr.fill_null(0)
        return np.asarray(arr.to_numpy(zero_copy_only=False)), valid, has_nulls

    def sum_count(self, col: str) -> tuple | None:
        from dfengine.kernels import grouping

        if col not in self._sums:
            values, valid, has_nulls = self._column(col)
            self._sums[col] = None if values is None else grouping.sum_count(
                self.gid, values, valid, has_nulls, self.groups)
            if values is not None and not has_nulls:
                self._rows = self._sums[col][1]
        return self._sums[col]

    def count(self, col: str) -> np.ndarray:
        from dfengine.kernels import grouping

        got = self._sums.get(col)
        if got is not None:
            return got[1]
        arr = self.table.column(col)
        if not arr.null_count:
            return self.row_counts()
        valid = np.asarray(arr.is_valid().to_numpy(zero_copy_only=False))
        return grouping.sum_count(self.gid, np.zeros(len(valid), np.int64), valid, True,
                                  self.groups)[1]

    def min_max(self, col: str, want_max: bool) -> tuple:
        from dfengine.kernels import grouping

        values, valid, has_nulls = self._column(col)
        return grouping.min_max(self.gid, values, valid, has_nulls, self.groups, want_max)


def _verifiable(t: pa.DataType) -> bool:
    return (pa.types.is_string(t) or pa.types.is_binary(t) or pa.types.is_integer(t)
            or pa.types.is_floating(t) or pa.types.is_boolean(t) or pa.types.is_date(t)
            or pa.types.is_timestamp(t) or pa.types.is_decimal(t))


def _same_as_first(col: pa.Array, gid: np.ndarray, first: np.ndarray) -> bool:
    """Every row's key equals its group's first row's (a hash collision would break this).
    Floats compare as their normalized words, so NaN groups with NaN as in Spark."""
    from dfengine.kernels import grouping
    from dfengine.kernels.hashing import _fixed_values, _valid_mask

    valid = _valid_mask(col)
    has_valid = bool(col.null_count)
    t = col.type
    if pa.types.is_string(t) or pa.types.is_binary(t):
        offsets = np.frombuffer(col.buffers()[1], dtype=np.int32)[
            col.offset: col.offset + len(col) + 1].astype(np.int64)
        data = col.buffers()[2]
        data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
        return grouping.same_bytes(offsets, data, valid, has_valid, gid, first)
    if pa.types.is_decimal(t) and t.bit_width > 64 and not (
            pa.types.is_decimal128(t) and t.precision <= 18):
        from dfengine.kernels import decimal as dec

        got = dec.as_int64(col)
        if got is None:
            return False
        return grouping.same_fixed(got[0], valid, has_valid, gid, first)
    return grouping.same_fixed(_fixed_values(col), valid, has_valid, gid, first)


def _group_checked(table: pa.Table, keys: list[str], aggs: list[tuple],
                   ansi: bool) -> tuple[list, list]:
    """Group and aggregate; under ANSI an int64 sum whose running total leaves the bigint
    range raises ARITHMETIC_OVERFLOW as Spark's does, even when later values bring the total
    back (Spark adds in row order and checks every step). Only columns whose largest
    magnitude times their length could pass 2**62 are checked: each group's values in row
    order (an Arrow `list` aggregate alongside; the column itself without keys)."""
    checked = [i for i, a in enumerate(aggs if ansi else ())
               if len(a) == 2 and a[1] == "sum" and isinstance(a[0], str) and pa.types.is_int64(
                   table.schema.field(a[0]).type) and _sum_may_overflow(table.column(a[0]))]
    extra = [(aggs[i][0], "list") for i in checked] if keys else []
    key_cols, agg_cols = _split_grouped(_group(table, keys, aggs + extra), keys,
                                        len(aggs) + len(extra))
    for j, i in enumerate(checked):
        groups = agg_cols[len(aggs) + j].to_pylist() if keys else [
            table.column(aggs[i][0]).to_pylist()]
        if any(_running_long_sum(g) is None and any(v is not None for v in g) for g in groups):
            from dfengine.errors import arithmetic_overflow

            raise arithmetic_overflow("long overflow in sum", "try_sum")
    return key_cols, agg_cols[:len(aggs)]


def _sum_may_overflow(col: Any) -> bool:
    mm = pc.min_max(col).as_py()
    if mm["min"] is None:
        return False
    return max(abs(mm["min"]), abs(mm["max"])) * len(col) >= 2 ** 62


def _split_grouped(grouped: pa.Table, keys: list[str], n_aggs: int) -> tuple[list, list]:
    """(key columns, aggregate columns) by position: Arrow names aggregates `col_fn`, which
    repeat when two aggregates read the same column."""
    names = grouped.column_names
    if names[:len(keys)] == keys:
        return ([grouped.column(i) for i in range(len(keys))],
                [grouped.column(i) for i in range(len(keys), len(keys) + n_aggs)])
    return ([grouped.column(i) for i in range(n_aggs, n_aggs + len(keys))],
            [grouped.column(i) for i in range(n_aggs)])


def _state_aggs(spec: AggSpec) -> list[tuple]:
    x = spec.inputs[0] if spec.inputs else None
    f = spec.func
    if f == "count":
        return [([], "count_all")] if x is None else [(x, "count")]
    if f == "count_if":
        return [(x, "sum")]
    if f == "sum":
        return [(x, "sum")]
    if f == "avg":
        return [(x, "sum"), (x, "count")]
    if f in ("min", "bool_and"):
        return [(x, "min")]
    if f in ("max", "bool_or"):
        return [(x, "max")]
    if f in ("first", "any_value"):
        return [(x, "first", _opts_first(spec))]
    if f == "last":
        return [(x, "last", _opts_first(spec))]
    if f in _VAR:
        return [(x, "count"), (x, "mean"), (x, "variance", pc.VarianceOptions(ddof=0))]
    raise ValueError(f)


def _state_names(spec: AggSpec) -> list[str]:
    n = len(_state_aggs(spec))
    return [f"{spec.out}::{i}" for i in range(n)]


def _prepare_inputs(table: pa.Table, specs: list[AggSpec],
                    exact: set[str] = frozenset()) -> pa.Table:  # type: ignore[assignment]
    """Cast inputs to the types the states are kept in (avg/var of ints in double, etc.);
    `exact` columns (scaled decimals) keep their integers."""
    for spec in specs:
        if not spec.inputs or spec.inputs[0] in exact:
            continue
        x = spec.inputs[0]
        col = table.column(x)
        if spec.func in _VAR or (spec.func == "avg" and not pa.types.is_decimal(col.type)):
            if not pa.types.is_float64(col.type):  # unsafe: bigints past 2**53 round
                table = table.set_column(table.schema.get_field_index(x), x,
                                         col.cast(pa.float64(), safe=False))
        elif spec.func == "count_if":
            table = table.set_column(table.schema.get_field_index(x), x,
                                     pc.fill_null(col, False).cast(pa.int64()))
        elif spec.func == "sum" and pa.types.is_integer(col.type) and col.type != pa.int64():
            table = table.set_column(table.schema.get_field_index(x), x, col.cast(pa.int64()))
        elif spec.func in ("sum", "avg") and pa.types.is_decimal128(col.type):
            # Arrow's decimal128 sum wraps around past 38 digits; summing in decimal256 lets
            # the final cast to Spark's result type see the overflow and give NULL, as Spark
            # does (non-ANSI).
            table = table.set_column(table.schema.get_field_index(x), x, col.cast(
                pa.decimal256(76, col.type.scale)))
    return table


def _scaled_sums(table: pa.Table,
                 specs: list[AggSpec]) -> tuple[pa.Table, list[AggSpec], dict[str, int]]:
    """Sum small decimals as scaled int64 (exact, much faster than Arrow's decimal sums).
    The scaled values are added as new columns (`x::int64`), not put in place of `x`, since
    min(x) or stddev(x) may read x too; returns the table, the specs with sum/avg reading the
    new columns, and each new column's scale."""
    from dataclasses import replace

    from dfengine.kernels import decimal as dec

    scales: dict[str, int] = {}
    out_specs = []
    for spec in specs:
        if spec.func not in ("sum", "avg") or not spec.inputs:
            out_specs.append(spec)
            continue
        x = spec.inputs[0]
        name = f"{x}::int64"
        if name not in scales:
            col = table.column(x)
            got = dec.as_int64(col)
            if got is None or not dec.sum_to_decimal(*got):
                out_specs.append(spec)
                continue
            values, valid = got
            arr = int64_array(values, valid)  # pa.array would import pandas
            table = table.append_column(name, arr)
            scales[name] = col.type.scale
        out_specs.append(replace(spec, inputs=(name,) + spec.inputs[1:]))
    return table, out_specs, scales


def _no_first_kernel(t: pa.DataType) -> bool:
    """Arrow's hash first/last has no kernel for decimals and nested types."""
    return pa.types.is_decimal(t) or pa.types.is_nested(t)


def _with_positions(table: pa.Table, spec: AggSpec, col: str) -> tuple[pa.Table, str]:
    """first/last by row position: min/max of the row number (of non-null rows when nulls
    are ignored), then `take` the value at that row."""
    pos = np.arange(table.num_rows, dtype=np.int64)
    mask = None
    if spec.ignore_nulls:
        mask = np.asarray(pc.is_null(table.column(col)).to_numpy(zero_copy_only=False))
    name = f"{spec.out}::pos"
    return table.append_column(name, pa.array(pos, mask=mask)), name


def _take_positions(out: pa.Table, source: pa.Table, positional: dict[str, str]) -> pa.Table:
    for state, col in positional.items():
        idx = out.column(state)
        values = source.column(col).take(idx)
        out = out.set_column(out.schema.get_field_index(state), state, values)
    return out


def partial(table: pa.Table, keys: list[str], specs: list[AggSpec]) -> pa.Table:
    """Per-partition states: one row per group, columns keys + `out::i` states."""
    table, specs, scaled = _scaled_sums(table, specs)
    table = _prepare_inputs(table, specs, set(scaled))
    aggs: list[tuple] = []
    names: list[str] = []
    positional: dict[str, str] = {}
    for spec in specs:
        if spec.func in ("first", "last", "any_value") and _no_first_kernel(
                table.column(spec.inputs[0]).type):
            table, pos = _with_positions(table, spec, spec.inputs[0])
            positional[_state_names(spec)[0]] = spec.inputs[0]
            aggs.append((pos, "max" if spec.func == "last" else "min"))
        else:
            aggs.extend(_state_aggs(spec))
        names.extend(_state_names(spec))
    key_cols, agg_cols = _group_checked(table, keys, aggs, any(s.ansi for s in specs))
    out = pa.Table.from_arrays(key_cols + agg_cols, names=keys + names)
    out = _take_positions(out, table, positional)
    for spec in specs:
        if spec.func in ("sum", "avg") and spec.inputs and spec.inputs[0] in scaled:
            from dfengine.kernels import decimal as dec

            st = _state_names(spec)[0]
            col = out.column(st)
            col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
            valid = valid_mask(col)  # from the buffers: to_numpy would import pandas
            values = np.where(valid, numpy_values(col), 0).astype(np.int64)
            out = out.set_column(out.schema.get_field_index(st), st, dec.from_int64(
                values, valid, 38, scaled[spec.inputs[0]]))
    if not keys:  # one group: Spark's row-by-row moments (its digits, see kernels/moments)
        out = _spark_moments(out, table, [s for s in specs if s.func in _VAR])
    # variance state: keep M2 = var * n rather than var, so merging is a sum.
    for spec in specs:
        if spec.func in _VAR and keys:
            n_name, _, v_name = _state_names(spec)
            m2 = pc.multiply(pc.fill_null(out.column(v_name), 0.0),
                             out.column(n_name).cast(pa.float64()))
            out = out.set_column(out.schema.get_field_index(v_name), v_name, m2)
    if not keys and not table.num_rows:  # no rows seen: first/last must not pick its NULLs
        out = out.replace_schema_metadata({_NO_ROWS: b"1"})
    return out


_NO_ROWS = b"dfengine.no_rows"


def _spark_moments(out: pa.Table, table: pa.Table, specs: list[AggSpec]) -> pa.Table:
    """The (n, avg, m2) state of each variance over all of `table` in row order."""
    from dfengine.kernels import moments

    for spec in specs:
        col = table.column(spec.inputs[0]).cast(pa.float64())
        col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
        valid = valid_mask(col)
        values = np.asarray(pc.fill_null(col, 0.0).to_numpy(zero_copy_only=False),
                            dtype=np.float64)
        n, avg, m2 = moments.update(values, valid)
        for name, v, t in zip(_state_names(spec), (n, avg, m2),
                              (pa.int64(), pa.float64(), pa.float64())):
            out = out.set_column(out.schema.get_field_index(name), name,
                                 pa.array([int(v) if t == pa.int64() else v], t))
    return out


def _seen_rows(tables: list[pa.Table]) -> tuple[list[pa.Table], bool]:
    """The global states of partitions that held rows (all of them when none did), and
    whether none did."""
    seen = [t for t in tables if not (t.schema.metadata or {}).get(_NO_ROWS)]
    return (seen, False) if seen else (tables[:1], True)


# state merges that are one Arrow kernel per state column: function -> (kernel, states)
_MERGE_KERNEL: dict[str, tuple[str, int]] = {
    "count": ("sum", 1), "count_if": ("sum", 1), "sum": ("sum", 1), "avg": ("sum", 2),
    "min": ("min", 1), "bool_and": ("min", 1), "max": ("max", 1), "bool_or": ("max", 1),
}


def merge(tables: list[pa.Table], keys: list[str], specs: list[AggSpec]) -> pa.Table:
    """Combine state tables (from `partial` or `merge`) into one state table."""
    tables, no_rows = _seen_rows(tables) if not keys else (tables, False)
    table = pa.concat_tables(tables, promote_options="permissive") if len(tables) > 1 else (
        tables[0])
    aggs: list[tuple] = []
    names: list[str] = []
    positional: dict[str, str] = {}
    derived: dict[str, Any] = {}
    for spec in specs:
        st = _state_names(spec)
        f = spec.func
        if f in _MERGE_KERNEL:
            kernel, n_states = _MERGE_KERNEL[f]
            aggs += [(s, kernel) for s in st[:n_states]]
            names += st[:n_states]
        elif f in ("first", "last", "any_value") and _no_first_kernel(table.column(st[0]).type):
            table, pos = _with_positions(table, spec, st[0])
            positional[st[0]] = st[0]
            aggs.append((pos, "max" if f == "last" else "min"))
            names.append(st[0])
        elif f in ("first", "any_value"):
            aggs.append((st[0], "first", _opts_first(spec)))
            names.append(st[0])
        elif f == "last":
            aggs.append((st[0], "last", _opts_first(spec)))
            names.append(st[0])
        elif f in _VAR:
            n_name, mean_name, m2_name = st
            n = table.column(n_name).cast(pa.float64())
            derived[f"{spec.out}::a"] = pc.multiply(n, pc.fill_null(table.column(mean_name),
                                                                    0.0))
            aggs += [(n_name, "sum"), (f"{spec.out}::a", "sum"), (m2_name, "sum")]
            names += [n_name, f"{spec.out}::a", m2_name]
    variances = [s for s in specs if s.func in _VAR]
    if variances and keys:  # which state rows make up each group, for their deviations
        derived["__row"] = pa.array(np.arange(table.num_rows, dtype=np.int64))
        aggs.append(("__row", "list"))
        names.append("__rows")
    for name, col in derived.items():
        table = table.append_column(name, col)
    key_cols, agg_cols = _group_checked(table, keys, aggs, any(s.ansi for s in specs))
    out = pa.Table.from_arrays(key_cols + agg_cols, names=keys + names)
    out = _take_positions(out, table, positional)
    if variances:
        out = (_merge_variances if keys else _merge_moments)(out, table, variances)
    return out.replace_schema_metadata({_NO_ROWS: b"1"}) if no_rows else out


def _merge_moments(out: pa.Table, states: pa.Table, specs: list[AggSpec]) -> pa.Table:
    """One group's (n, avg, m2) states merged in partition order, as Spark merges its
    buffers (see kernels/moments)."""
    from dfengine.kernels import moments

    for spec in specs:
        n_name, mean_name, m2_name = _state_names(spec)
        ns, avgs, m2s = ([x or 0.0 for x in states.column(c).cast(pa.float64()).to_pylist()]
                         for c in (n_name, mean_name, m2_name))
        n, avg, m2 = moments.merge(ns, avgs, m2s)
        out = out.drop_columns([f"{spec.out}::a", m2_name])
        out = out.append_column(mean_name, pa.array([avg])).append_column(m2_name,
                                                                         pa.array([m2]))
        out = out.set_column(out.schema.get_field_index(n_name), n_name,
                             pa.array([int(n)], pa.int64()))
    return out


def _merge_variances(out: pa.Table, states: pa.Table, specs: list[AggSpec]) -> pa.Table:
    """Chan's parallel combination of (count, mean, M2) states: the group's M2 is the sum of
    the parts' M2 plus n_i * (mean_i - mean)^2 over its parts. Deviations from the group mean
    keep it exact where sums of squares cancel (values near 1e9 that differ by 0.01) and let
    it overflow to Infinity as Spark's does (values near 1e300), where inf - inf gave 0."""
    gid = np.zeros(states.num_rows, dtype=np.int64)  # no keys: one group
    if "__rows" in out.column_names:
        rows = out.column("__rows").combine_chunks()
        gid[np.asarray(rows.flatten().to_numpy(zero_copy_only=False))] = np.asarray(
            pc.list_parent_indices(rows).to_numpy(zero_copy_only=False))
        out = out.drop_columns(["__rows"])

    def floats(col: Any) -> np.ndarray:
        return np.asarray(pc.fill_null(col.cast(pa.float64()), 0.0).to_numpy(
            zero_copy_only=False), dtype=np.float64)

    for spec in specs:
        n_name, mean_name, m2_name = _state_names(spec)
        n = floats(out.column(n_name))
        mean = floats(out.column(f"{spec.out}::a")) / np.where(n == 0.0, 1.0, n)
        part_n, part_mean = floats(states.column(n_name)), floats(states.column(mean_name))
        with np.errstate(over="ignore", invalid="ignore"):
            dev = part_n * (part_mean - mean[gid]) ** 2
        dev = np.where(part_n == 0.0, 0.0, dev)
        m2 = floats(out.column(m2_name)) + np.bincount(gid, dev, minlength=len(n))
        out = out.drop_columns([f"{spec.out}::a", m2_name])
        out = out.append_column(mean_name, pa.array(mean)).append_column(m2_name, pa.array(m2))
        out = out.set_column(out.schema.get_field_index(n_name), n_name,
                             pa.array(n.astype(np.int64)))
    return out


def finalize(states: pa.Table, keys: list[str], specs: list[AggSpec]) -> pa.Table:
    """Result values from merged states: keys + one column per spec (named `spec.out`)."""
    cols = [states.column(k) for k in keys]
    names = list(keys)
    for spec in specs:
        cols.append(_final_value(states, spec))
        names.append(spec.out)
    return pa.Table.from_arrays(cols, names=names)


def _final_value(states: pa.Table, spec: AggSpec) -> Any:
    from dfengine.compute.evaluate import decimal_arith
    from dfengine.functions.cast import to_decimal

    st = _state_names(spec)
    target = to_arrow_type(spec.result_type)
    f = spec.func
    if f in ("count", "count_if"):
        counts = states.column(st[0]).cast(pa.int64())
        return pc.fill_null(counts, arrow_scalar(0, pa.int64()))  # a Scalar: no pandas import
    if f in ("sum", "avg") and isinstance(spec.result_type, T.YearMonthIntervalType):
        return _year_month_total(states, st, f)
    if f == "sum":
        v = states.column(st[0])
        if isinstance(spec.result_type, T.DecimalType):
            v = v.combine_chunks() if isinstance(v, pa.ChunkedArray) else v
            out = to_decimal(v, spec.result_type)
            if spec.ansi and out.null_count > v.null_count:
                raise _decimal_sum_overflow(spec.result_type, v, out)
            return out
        return v.cast(target)
    if f == "avg":
        s, c = states.column(st[0]), states.column(st[1])
        # Scalars, not Python numbers: pyarrow converts those with pa.scalar (imports pandas)
        zero = pc.equal(c, arrow_scalar(0, c.type))
        one = arrow_scalar(1, c.type)
        if isinstance(spec.result_type, T.DecimalType):
            s = s.combine_chunks() if isinstance(s, pa.ChunkedArray) else s
            c = c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c
            s = _checked_decimal_avg_sum(s, spec)
            cnt = pc.if_else(zero, one, c).cast(pa.decimal128(19, 0))
            out = decimal_arith("/", s, cnt, spec.result_type)
            if spec.ansi and out.null_count > pc.sum(pc.or_(zero, pc.is_null(s))).as_py():
                raise _decimal_avg_overflow(spec.result_type, s, cnt, out)
        else:
            out = pc.divide(s.cast(pa.float64()), pc.if_else(zero, one, c).cast(pa.float64()))
        return pc.if_else(zero, arrow_scalar(None, target), out.cast(target))
    if f in _VAR:
        n = states.column(st[0]).cast(pa.float64())
        m2 = states.column(st[2])
        pop = f in ("stddev_pop", "var_pop")
        denom = n if pop else pc.subtract(n, 1.0)
        bad = pc.less_equal(denom, 0.0)
        var = pc.divide(m2, pc.if_else(bad, 1.0, denom))
        if f.startswith("stddev"):
            var = pc.sqrt(var)
        return pc.if_else(bad, arrow_scalar(None, pa.float64()), var)
    v = states.column(st[0])
    return v.cast(target) if v.type != target else v


def _year_month_total(states: pa.Table, st: tuple, f: str) -> Any:
    """sum/avg of year-month intervals: whole months, the average rounded half up, past the
    int range Spark's ARITHMETIC_OVERFLOW (intervals are checked whatever the ANSI mode)."""
    from dfengine.errors import ArithmeticException

    total = states.column(st[0]).cast(pa.float64())
    if f == "avg":
        count = states.column(st[1]).cast(pa.float64())
        total = pc.divide(total, pc.if_else(pc.equal(count, 0.0), 1.0, count))
        total = pc.if_else(pc.equal(count, 0.0), arrow_scalar(None, pa.float64()), total)
    months = pc.multiply(pc.sign(total), pc.floor(pc.add(pc.abs(total), 0.5)))
    if pc.any(pc.greater(pc.abs(months), 2.0 ** 31 - 1)).as_py():
        raise ArithmeticException("integer overflow in a sum of intervals.",
                                  "ARITHMETIC_OVERFLOW")
    return months.cast(pa.int32())


def _decimal_sum_overflow(dt: T.DecimalType, sums: pa.Array, fitted: pa.Array) -> Exception:
    """Spark's NUMERIC_VALUE_OUT_OF_RANGE, naming the first sum that does not fit."""
    from dfengine.errors import ArithmeticException

    lost = pc.and_(pc.is_valid(sums), pc.is_null(fitted))
    value = sums.filter(lost)[0].as_py()
    return ArithmeticException(
        f" {value} cannot be represented as Decimal({dt.precision}, {dt.scale}). If "
        'necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and use '
        "'try_sum' to return NULL instead.", "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION")


def _decimal_avg_overflow(dt: T.DecimalType, sums: pa.Array, counts: pa.Array,
                          fitted: pa.Array) -> Exception:
    """NUMERIC_VALUE_OUT_OF_RANGE for the first average past decimal(p, s)."""
    import decimal

    from dfengine.errors import ArithmeticException

    lost = pc.and_(pc.is_valid(sums), pc.is_null(fitted))
    i = pc.index(lost, True).as_py()
    with decimal.localcontext() as ctx:
        ctx.prec = 100
        value = sums[i].as_py() / decimal.Decimal(counts[i].as_py())
    return ArithmeticException(
        f" {value} cannot be represented as Decimal({dt.precision}, {dt.scale}). If "
        'necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and use '
        "'try_avg' to return NULL instead.", "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION")


def _checked_decimal_avg_sum(sums: pa.Array, spec: AggSpec) -> pa.Array:
    """The sums an avg of decimal(p, s) divides, NULL where they pass Spark's sum buffer,
    decimal(min(p + 10, 38), s): Spark's avg is then NULL (try_avg, non-ANSI) or fails with
    ARITHMETIC_OVERFLOW (ANSI)."""
    from dfengine.errors import ArithmeticException
    from dfengine.functions.cast import to_decimal

    t = spec.input_type
    if not isinstance(t, T.DecimalType) or not pa.types.is_decimal(sums.type):
        return sums
    fitted = to_decimal(sums, T.DecimalType(min(t.precision + 10, 38), t.scale))
    if fitted.null_count == sums.null_count:
        return sums
    if spec.ansi:
        raise ArithmeticException(
            "Overflow in sum of decimals. Use 'try_avg' to tolerate overflow and return NULL "
            'instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this '
            "error.", "ARITHMETIC_OVERFLOW")
    return pc.if_else(pc.is_null(fitted), arrow_scalar(None, sums.type), sums)


def complete(table: pa.Table, keys: list[str], specs: list[AggSpec]) -> pa.Table:
    """All aggregates over complete groups (the input holds every row of its groups)."""
    counted = _distinct_counts(table, keys, specs)
    if counted is not None:
        return counted
    simple = [s for s in specs if s.decomposable]
    base = finalize(merge([partial(table, keys, simple)], keys, simple), keys, simple) if (
        simple) else _group(table, keys, []) if keys else pa.table({"__g": [0]})
    if keys and not simple:
        base = pa.Table.from_arrays([base.column(k) for k in keys], names=keys)
    for spec in specs:
        if spec.decomposable:
            continue
        col = _holistic(table, keys, spec, base)
        base = base.append_column(spec.out, col)
    if not keys and "__g" in base.column_names:
        base = base.drop_columns(["__g"])
    return base.select(keys + [s.out for s in specs])


def _holistic(table: pa.Table, keys: list[str], spec: AggSpec, base: pa.Table) -> Any:
    """A non-decomposable aggregate, aligned to the group order of `base`."""
    target = to_arrow_type(spec.result_type)
    if spec.udf is not None:  # a grouped aggregate pandas UDF: one call per group
        from dfengine.compute.python_udf import aggregate_groups

        res_keys, values = aggregate_groups(spec.udf, table, keys, list(spec.inputs))
        return _align(base, res_keys.append_column(spec.out, values), keys, spec.out, target,
                      None) if keys else values.cast(target)
    if keys and any(pa.types.is_nested(table.schema.field(k).type) for k in keys):
        table, base = _coded_keys(table, base, keys)
        return _holistic(table, ["__gk"], spec, base)
    if spec.distinct and spec.func in ("count", "sum", "avg", "min", "max", "try_sum") or (
            spec.func == "approx_count_distinct"):
        return _distinct_aggregate(table, keys, spec, base, target)
    return _holistic_values(table, keys, spec, base, target)


def _distinct_aggregate(table: pa.Table, keys: list[str], spec: AggSpec, base: pa.Table,
                        target: pa.DataType) -> Any:
    """count/sum/avg/min/max(DISTINCT x): the aggregate over the distinct (keys, x) rows."""
    cols = list(dict.fromkeys(keys + list(spec.inputs)))
    dedup = _group(table.select(cols), cols, []) if cols else table
    if spec.func == "try_sum":
        return _holistic(dedup, keys, dataclasses.replace(spec, distinct=False), base)
    if spec.func in ("count", "approx_count_distinct"):
        valid = None
        for c in spec.inputs:
            v = pc.is_valid(dedup.column(c))
            valid = v if valid is None else pc.and_(valid, v)
        dedup = dedup.filter(valid) if valid is not None else dedup
        plain = AggSpec("count", (), spec.out, T.LongType())
    else:
        plain = AggSpec(spec.func, spec.inputs, spec.out, spec.result_type, spec.input_type,
                        ansi=spec.ansi)
    res = finalize(merge([partial(dedup, keys, [plain])], keys, [plain]), keys, [plain])
    return _align(base, res, keys, spec.out, target, 0 if plain.func == "count" else None)


def _holistic_values(table: pa.Table, keys: list[str], spec: AggSpec, base: pa.Table,
                     target: pa.DataType) -> Any:
    x = spec.inputs[0] if spec.inputs else None
    if spec.func in holistic.FUNCTIONS:
        default = 0 if spec.func == "regr_count" else None
        return _align(base, holistic.compute(table, keys, spec), keys, spec.out, target,
                      default)
    inputs = table.select(keys + list(spec.inputs))
    if x is not None and spec.func in ("median", "product") and (
            pa.types.is_decimal(inputs.schema.field(x).type)):
        # pandas computes these on floats; Decimal objects give object columns it can't
        inputs = inputs.set_column(inputs.schema.get_field_index(x), x,
                                   inputs.column(x).cast(pa.float64()))
    df = inputs.to_pandas(types_mapper=None)
    if spec.func in ("median", "try_sum", "min", "max"):
        import pandas as pd

        # pandas reads NULL and NaN alike (and bigints with NULLs as floats); Spark skips NULL
        # but sorts NaN above every number
        df[x] = pd.Series(inputs.column(x).to_pylist(), dtype=object, index=df.index)
    fn = {
        "collect_list": lambda s: [v for v in s if v is not None and v == v],  # noqa: PLR0124 (NaN)
        "collect_set": _collect_set,
        "median": _spark_median,
        "try_sum": _running_long_sum,
        "min": lambda s: _extreme(s, min),
        "max": lambda s: _extreme(s, max),
        "mode": lambda s: s.dropna().mode().iloc[0] if s.notna().any() else None,
        "product": lambda s: float(np.prod(s.dropna())) if s.notna().any() else None,
    }.get(spec.func)
    if fn is None:
        raise NotImplementedError(f"aggregate {spec.func}")
    if keys:
        if not len(df):
            return pa.nulls(base.num_rows, target)
        # each value boxed in a tuple: pandas would turn a group's None into NaN
        grouped = df.groupby(keys, dropna=False, sort=False)[x].apply(
            lambda s: (fn(s),)).reset_index()
        values = pa.array([v[0] for v in grouped[grouped.columns[-1]]], target,
                          from_pandas=spec.func != "median")  # pandas' NaN means NULL
        res = pa.Table.from_pandas(grouped[keys], preserve_index=False)
        res = res.append_column(spec.out, values)
        return _align(base, res, keys, spec.out, target, None)
    value = fn(df[x]) if x is not None else None
    return pa.array([value], target)


def _coded_keys(table: pa.Table, base: pa.Table, keys: list[str]) -> tuple[pa.Table, pa.Table]:
    """Struct/array/map group keys as one integer code column `__gk` in both the input rows
    and the groups of `base` (pandas cannot group dicts, Arrow cannot join on structs)."""
    codes: dict = {}

    def coded(t: pa.Table) -> pa.Array:
        rows = zip(*(t.column(k).to_pylist() for k in keys))
        return pa.array([codes.setdefault(_frozen(r), len(codes)) for r in rows], pa.int64())

    return table.append_column("__gk", coded(table)), base.append_column("__gk", coded(base))


def _order_key(v: Any) -> tuple:
    """Spark's ordering of arrays (element-wise, then length) and structs (field by field),
    a NULL element first."""
    if v is None:
        return (0,)
    if isinstance(v, dict):
        return (1, tuple(_order_key(x) for x in v.values()))
    if isinstance(v, (list, tuple, np.ndarray)):
        return (1, tuple(_order_key(x) for x in v))
    return (1, v)


def _extreme(s: Any, pick: Any) -> Any:
    """min/max of arrays or structs (NULLs skipped)."""
    values = [v for v in s if v is not None]
    return _plain(pick(values, key=_order_key)) if values else None


_LONG_MIN, _LONG_MAX = -(2 ** 63), 2 ** 63 - 1


def _running_long_sum(s: Any) -> int | None:
    """Spark's try_sum of integers: the bigint sum in row order, NULL as soon as a running
    total leaves the bigint range (even if later values would bring it back)."""
    total, seen = 0, False
    for v in s:
        if v is None:
            continue
        total += int(v)
        seen = True
        if not _LONG_MIN <= total <= _LONG_MAX:
            return None
    return total if seen else None


def _frozen(v: Any) -> Any:
    """A hashable stand-in for a value (structs arrive as dicts, arrays as lists/ndarrays)."""
    if isinstance(v, dict):
        return tuple((k, _frozen(x)) for k, x in v.items())
    if isinstance(v, (list, tuple, np.ndarray)):
        return tuple(_frozen(x) for x in v)
    return v


def _plain(v: Any) -> Any:
    return [_plain(x) for x in v] if isinstance(v, np.ndarray) else v


def _collect_set(s: Any) -> list:
    """Distinct non-NULL values in first-seen order (NaN != NaN drops it, as Spark)."""
    seen: dict = {}
    for v in s:
        if v is None or (isinstance(v, float) and v != v):  # noqa: PLR0124
            continue
        seen.setdefault(_frozen(v), _plain(v))
    return list(seen.values())


def _spark_median(s: Any) -> Any:
    """Spark's percentile(x, 0.5): NULLs skipped, NaN sorted above every number, and the two
    middle values interpolated (NaN if either is NaN)."""
    v = np.sort(np.array([a for a in s if a is not None], dtype=np.float64))
    if not len(v):
        return None
    pos = 0.5 * (len(v) - 1)
    lo, hi = int(np.floor(pos)), int(np.ceil(pos))
    return float(v[lo]) if lo == hi else float((hi - pos) * v[lo] + (pos - lo) * v[hi])


def _align(base: pa.Table, res: pa.Table, keys: list[str], out: str, target: pa.DataType,
           default: Any) -> Any:
    """Values of `res` in the group order of `base` (a left join on keys, nulls matching)."""
    if not keys:
        v = res.column(out)
        return v.cast(target)
    idx = pa.array(np.arange(base.num_rows))
    left_cols, right_cols, names = [], [], []
    for k in keys:
        lk = base.column(k)
        rk = res.column(k).cast(lk.type)
        for tag, (lcol, rcol) in (("v", null_safe_pair(lk, rk)), ("n", (pc.is_null(lk),
                                                                       pc.is_null(rk)))):
            left_cols.append(lcol)
            right_cols.append(rcol)
            names.append(f"{k}::{tag}")
    left = pa.Table.from_arrays(left_cols + [idx], names=names + ["__pos"])
    # the join carries row numbers of `res`, not its values: Arrow's join refuses list and
    # struct payloads (collect_list next to another aggregate)
    right = pa.Table.from_arrays(right_cols + [pa.array(np.arange(res.num_rows))],
                                 names=names + ["__rpos"])
    joined = left.join(right, keys=names, join_type="left outer",
                       use_threads=False).sort_by("__pos")
    # typed even when every value is NULL (a null-typed column can't be taken as is)
    v = res.column(out).cast(target).take(joined.column("__rpos"))
    if default is not None:
        v = pc.fill_null(v, default)
    return v


def null_safe_pair(a: Any, b: Any) -> tuple[Any, Any]:
    """Key columns with nulls replaced by a filler, so an extra is-null key can make NULL
    match NULL in an Arrow hash join (which follows SQL and never matches nulls)."""
    t = a.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        fill = pa.scalar("", t)
    elif pa.types.is_boolean(t):
        fill = pa.scalar(False)
    elif pa.types.is_null(t):
        z = pa.array(np.zeros(len(a), dtype=np.int8)), pa.array(np.zeros(len(b), dtype=np.int8))
        return z
    else:
        try:
            fill = pa.scalar(0).cast(t)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return a, b
    return pc.fill_null(a, fill), pc.fill_null(b, fill)
