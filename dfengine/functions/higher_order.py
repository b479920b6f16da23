"""Higher-order functions: transform, filter, exists, forall, aggregate/reduce, zip_with,
array_sort with a comparator, map_filter, map_zip_with, transform_keys, transform_values.

A lambda argument arrives evaluated as a closure (dfengine.compute.lambdas.LambdaClosure):
`f.apply(values, parents)` evaluates the lambda's body once over the flattened elements of
all the rows, with `values` as its parameters and each outer column repeated by `parents`
(the row each element belongs to). So `transform(xs, x -> x + id)` is one Arrow `add` over
every element of the partition, not a Python call per row or per element. Only `aggregate`
loops, once per element position (its fold is sequential by definition), each step still
vectorized over the rows that have that many elements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import AnalysisException, SparkRuntimeException
from dfengine.functions.arrays import broadcast
from dfengine.functions.map_keys import LAST_WIN, duplicate_key_error, unique_entries
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import INT, B
from dfengine.types import to_arrow_type

# --------------------------------------------------------------------------- types


def _mismatch(e_args: tuple, name: str, pos: int, wanted: str) -> AnalysisException:
    a = e_args[pos]
    ordinal = ("first", "second", "third", "fourth")[pos]
    return AnalysisException(
        f"Cannot resolve \"{name}\" due to data type mismatch: The {ordinal} parameter "
        f"requires the \"{wanted}\" type, however \"{a.sql()}\" has the type "
        f"\"{a.data_type.simpleString().upper()}\".", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")


def _array_arg(name: str, args: tuple, pos: int = 0) -> T.ArrayType:
    t = args[pos].data_type
    if not isinstance(t, T.ArrayType):
        raise _mismatch(args, name, pos, "ARRAY")
    return t


def _map_arg(name: str, args: tuple, pos: int = 0) -> T.MapType:
    t = args[pos].data_type
    if not isinstance(t, T.MapType):
        raise _mismatch(args, name, pos, "MAP")
    return t


def _element_and_index(name: str, args: tuple, i: int) -> list:
    t = _array_arg(name, args)
    return [(t.elementType, t.containsNull), (INT, False)]


def _element(name: str, args: tuple, i: int) -> list:
    t = _array_arg(name, args)
    return [(t.elementType, t.containsNull)]


def _accumulator(name: str, args: tuple, i: int) -> list:
    t = _array_arg(name, args)
    acc = (args[1].data_type, True)
    return [acc, (t.elementType, t.containsNull)] if i == 2 else [acc]


def _two_elements(name: str, args: tuple, i: int) -> list:
    return [(_array_arg(name, args, 0).elementType, True),
            (_array_arg(name, args, 1).elementType, True)]


def _sort_pair(name: str, args: tuple, i: int) -> list:
    t = _array_arg(name, args)
    return [(t.elementType, True), (t.elementType, True)]


def _key_value(name: str, args: tuple, i: int) -> list:
    t = _map_arg(name, args)
    return [(t.keyType, False), (t.valueType, t.valueContainsNull)]


def _key_two_values(name: str, args: tuple, i: int) -> list:
    a, b = _map_arg(name, args, 0), _map_arg(name, args, 1)
    return [(a.keyType, False), (a.valueType, True), (b.valueType, True)]


def _fn_array_type(args: tuple) -> T.DataType:
    f = args[-1]
    return T.ArrayType(f.data_type, f.nullable)


def _aggregate_type(args: tuple) -> T.DataType:
    zero, merge = args[1], args[2]
    if not _same_type(zero.data_type, merge.data_type):
        raise _mismatch(args, "aggregate", 2, zero.data_type.simpleString().upper())
    return args[3].data_type if len(args) > 3 else zero.data_type


def _same_type(a: T.DataType, b: T.DataType) -> bool:
    strip = {"containsNull": True, "valueContainsNull": True, "nullable": True}
    return _normalized(a, strip) == _normalized(b, strip)


def _normalized(t: T.DataType, strip: dict) -> Any:
    if isinstance(t, T.ArrayType):
        return ("array", _normalized(t.elementType, strip))
    if isinstance(t, T.MapType):
        return ("map", _normalized(t.keyType, strip), _normalized(t.valueType, strip))
    if isinstance(t, T.StructType):
        return ("struct",) + tuple((f.name, _normalized(f.dataType, strip)) for f in t.fields)
    return t


def _array_sort_type(args: tuple) -> T.DataType:
    t = _array_arg("array_sort", args)
    if len(args) > 1 and not isinstance(args[1].data_type, T.IntegerType):
        raise AnalysisException(
            f"Cannot resolve \"array_sort({args[0].sql()}, {args[1].sql()})\" due to data type "
            "mismatch: The `lambdafunction` requires return \"INT\" type, but the actual is "
            f"\"{args[1].data_type.simpleString().upper()}\" type.",
            "DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE")
    return t


def _map_values_type(args: tuple) -> T.DataType:
    t, f = args[0].data_type, args[-1]
    return T.MapType(t.keyType, f.data_type, f.nullable)


def _map_keys_type(args: tuple) -> T.DataType:
    t, f = args[0].data_type, args[-1]
    return T.MapType(f.data_type, t.valueType, t.valueContainsNull)


# --------------------------------------------------------------------------- layout


@dataclass
class Lists:
    """A partition's arrays flattened: `values` holds every element of every non-NULL array,
    `parents` the row of each element, `starts`/`lengths` where each row's elements are."""

    values: pa.Array
    valid: np.ndarray
    lengths: np.ndarray
    parents: np.ndarray

    @property
    def starts(self) -> np.ndarray:
        return np.cumsum(self.lengths) - self.lengths

    @property
    def positions(self) -> np.ndarray:
        """The index of each element within its array (transform's `(x, i) ->`)."""
        return np.arange(len(self.values)) - np.repeat(self.starts, self.lengths)


def _combined(v: Any, n: int, t: pa.DataType | None = None) -> pa.Array:
    v = broadcast(v, n, t)
    return v.combine_chunks() if isinstance(v, pa.ChunkedArray) else v


def lists_of(v: Any, n: int) -> Lists:
    arr = _combined(v, n)
    if pa.types.is_map(arr.type):
        mt = arr.type
        entry = pa.struct([pa.field("key", mt.key_type, False), pa.field("value", mt.item_type)])
        arr = arr.cast(pa.list_(entry))
    if pa.types.is_null(arr.type):
        return Lists(pa.array([]), np.zeros(n, bool), np.zeros(n, np.int64), np.zeros(0, np.int64))
    valid = np.asarray(arr.is_valid().to_numpy(zero_copy_only=False), bool)
    lengths = np.asarray(pc.fill_null(pc.list_value_length(arr), 0).to_numpy(), np.int64)
    parents = np.asarray(pc.list_parent_indices(arr).to_numpy(), np.int64)
    return Lists(pc.list_flatten(arr), valid, lengths, parents)


def _offsets(lengths: np.ndarray) -> pa.Array:
    out = np.zeros(len(lengths) + 1, np.int32)
    np.cumsum(lengths, out=out[1:])
    return pa.array(out, pa.int32())


def _mask(valid: np.ndarray) -> pa.Array | None:
    return None if valid.all() else pa.array(~valid)


def list_out(lengths: np.ndarray, valid: np.ndarray, values: Any, t: pa.DataType) -> pa.Array:
    values = _combined(values, len(values), t.value_type)
    return pa.ListArray.from_arrays(_offsets(np.where(valid, lengths, 0)), values, type=t,
                                    mask=_mask(valid))


def map_out(lengths: np.ndarray, valid: np.ndarray, keys: Any, items: Any,
            t: pa.DataType) -> pa.Array:
    keys = _combined(keys, len(keys), t.key_type)
    items = _combined(items, len(items), t.item_type)
    return pa.MapArray.from_arrays(_offsets(np.where(valid, lengths, 0)), keys, items, type=t,
                                   mask=_mask(valid))


def _bools(v: Any) -> tuple[np.ndarray, np.ndarray]:
    """(true, null) masks of a boolean result."""
    v = _combined(v, len(v), pa.bool_())
    null = np.asarray(v.is_null().to_numpy(zero_copy_only=False), bool)
    true = np.asarray(pc.fill_null(v, False).to_numpy(zero_copy_only=False), bool)
    return true, null


def _per_row(mask: np.ndarray, parents: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(parents[mask], minlength=n) > 0


def _out_type(e: Any) -> pa.DataType:
    return to_arrow_type(e.data_type)


# ------------------------------------------------------------------ implementations


def _transform(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    xs = lists_of(args[0], table.num_rows)
    out = args[1].apply([xs.values, pa.array(xs.positions, pa.int32())], xs.parents)
    return list_out(xs.lengths, xs.valid, out, _out_type(e))


def _filter(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    xs = lists_of(args[0], table.num_rows)
    keep, _ = _bools(args[1].apply([xs.values, pa.array(xs.positions, pa.int32())],
                                   xs.parents))
    lengths = np.bincount(xs.parents[keep], minlength=table.num_rows)
    return list_out(lengths, xs.valid, xs.values.filter(pa.array(keep)), _out_type(e))


def _quantifier(universal: bool) -> Any:
    """exists: true if any element is true, else NULL if any is NULL, else false (Spark's
    three-valued default); forall the same with false and true swapped."""

    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        n = table.num_rows
        xs = lists_of(args[0], n)
        true, null = _bools(args[1].apply([xs.values], xs.parents))
        decisive = _per_row(~true & ~null if universal else true, xs.parents, n)
        unknown = _per_row(null, xs.parents, n) & ~decisive
        value = ~decisive if universal else decisive
        return pa.array(value, pa.bool_(), mask=~xs.valid | unknown)

    return run


def _scatter(acc: pa.Array, rows: np.ndarray, new: pa.Array) -> pa.Array:
    """`acc` with the values at `rows` replaced by `new` (any type, nested included)."""
    idx = np.arange(len(acc))
    idx[rows] = len(acc) + np.arange(len(rows))
    return pa.concat_arrays([acc, new]).take(pa.array(idx))


def _aggregate(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = table.num_rows
    xs = lists_of(args[0], n)
    acc_type = to_arrow_type(e.args[1].data_type)
    acc = _combined(args[1], n, acc_type)
    starts = xs.starts
    for k in range(int(xs.lengths.max()) if len(xs.lengths) else 0):
        rows = np.nonzero(xs.lengths > k)[0]
        elements = xs.values.take(pa.array(starts[rows] + k))
        merged = args[2].apply([acc.take(pa.array(rows)), elements], rows)
        acc = _scatter(acc, rows, _combined(merged, len(rows), acc_type))
    acc = pc.if_else(pa.array(xs.valid), acc, pa.scalar(None, acc_type))
    if len(args) > 3:
        acc = args[3].apply([acc], np.arange(n))
    return acc


def _zip_with(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = table.num_rows
    a, b = lists_of(args[0], n), lists_of(args[1], n)
    valid = a.valid & b.valid
    lengths = np.where(valid, np.maximum(a.lengths, b.lengths), 0)
    parents = np.repeat(np.arange(n), lengths)
    pos = np.arange(len(parents)) - np.repeat(np.cumsum(lengths) - lengths, lengths)

    def side(x: Lists) -> pa.Array:
        idx = x.starts[parents] + pos
        return x.values.take(pa.array(idx, mask=pos >= x.lengths[parents]))

    out = args[2].apply([side(a), side(b)], parents)
    return list_out(lengths, valid, out, _out_type(e))


def _entries(v: Any, n: int) -> tuple[Lists, pa.Array, pa.Array]:
    m = lists_of(v, n)
    if not len(m.values):
        t = v.type.value_type if hasattr(v.type, "value_type") else None
        if t is not None and pa.types.is_struct(t):
            return m, pa.array([], t.field(0).type), pa.array([], t.field(1).type)
    return m, m.values.field(0), m.values.field(1)


def _map_filter(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    m, keys, items = _entries(args[0], table.num_rows)
    keep, _ = _bools(args[1].apply([keys, items], m.parents))
    lengths = np.bincount(m.parents[keep], minlength=table.num_rows)
    mask = pa.array(keep)
    return map_out(lengths, m.valid, keys.filter(mask), items.filter(mask), _out_type(e))


def _transform_values(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    m, keys, items = _entries(args[0], table.num_rows)
    out = args[1].apply([keys, items], m.parents)
    return map_out(m.lengths, m.valid, keys, out, _out_type(e))


def _transform_keys(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    m, keys, items = _entries(args[0], table.num_rows)
    out = _combined(args[1].apply([keys, items], m.parents), len(keys))
    if out.null_count:
        raise SparkRuntimeException("[NULL_MAP_KEY] Cannot use null as map key.", "NULL_MAP_KEY")
    if LAST_WIN.get():  # spark.sql.mapKeyDedupPolicy=LAST_WIN: the later value wins
        t = to_arrow_type(e.data_type)
        built = map_out(m.lengths, m.valid, out, items, t).to_pylist()
        return pa.array([None if x is None else unique_entries(x) for x in built], t)
    _check_unique_keys(m.parents, out)
    return map_out(m.lengths, m.valid, out, items, _out_type(e))


def _check_unique_keys(parents: np.ndarray, keys: pa.Array) -> None:
    try:
        groups = pa.table({"p": parents, "k": keys}).group_by(["p", "k"]).aggregate([])
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
        return
    if groups.num_rows < len(keys):
        raise duplicate_key_error(_first_duplicate(parents, keys))


def _first_duplicate(parents: np.ndarray, keys: pa.Array) -> Any:
    seen = set()
    for p, k in zip(parents.tolist(), keys.to_pylist(), strict=True):
        if (p, k) in seen:
            return k
        seen.add((p, k))
    return None


def _map_zip_with(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Keys of the first map in order, then the second map's other keys; a key missing
    from one side gives NULL for that side's value."""
    n = table.num_rows
    (a, ka, va), (b, kb, vb) = _entries(args[0], n), _entries(args[1], n)
    left = pa.table({"p": a.parents, "k": ka, "i": np.arange(len(ka))})
    right = pa.table({"p": b.parents, "k": kb, "j": np.arange(len(kb))})
    joined = left.join(right, ["p", "k"], join_type="full outer", coalesce_keys=True)
    i = joined.column("i").combine_chunks()
    j = joined.column("j").combine_chunks()
    p = np.asarray(joined.column("p").to_numpy(), np.int64)
    first = np.asarray(pc.fill_null(i, -1).to_numpy(), np.int64)
    second = np.asarray(pc.fill_null(j, -1).to_numpy(), np.int64)
    order = np.lexsort((second, np.where(first >= 0, first, np.iinfo(np.int64).max), p))
    valid = a.valid & b.valid
    p, i, j = p[order], i.take(pa.array(order)), j.take(pa.array(order))
    keep = valid[p]
    p, i, j = p[keep], i.filter(pa.array(keep)), j.filter(pa.array(keep))
    keys = joined.column("k").combine_chunks().take(pa.array(order)).filter(pa.array(keep))
    out = args[2].apply([keys, va.take(i), vb.take(j)], p)
    lengths = np.bincount(p, minlength=n)
    return map_out(lengths, valid, keys, out, _out_type(e))


_PAIRS_PER_BLOCK = 1 << 20


def _array_sort(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    xs = lists_of(args[0], table.num_rows)
    if len(args) == 1:
        order = _natural_order(xs)
    else:
        order = np.lexsort((_comparator_ranks(xs, args[1]), xs.parents))
    return list_out(xs.lengths, xs.valid, xs.values.take(pa.array(order, pa.int64())),
                    _out_type(e))


def _natural_order(xs: Lists) -> np.ndarray:
    """Ascending, NULLs last (NaN after every number, as Spark orders doubles)."""
    try:
        t = pa.table({"p": xs.parents, "v": xs.values})
        keys = [("p", "ascending", "at_end"), ("v", "ascending", "at_end")]
        return np.asarray(pc.sort_indices(t, sort_keys=keys).to_numpy())
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
        from dfengine.functions.collection import _sort_key

        vals = xs.values.to_pylist()
        return np.array(sorted(range(len(vals)), key=lambda k: (
            xs.parents[k], vals[k] is None, _sort_key(vals[k]) if vals[k] is not None else 0)),
            np.int64)


def _comparator_ranks(xs: Lists, cmp: Any) -> np.ndarray:
    """Each element's rank within its array under `cmp`: how many elements of the array
    sort before it (smaller, or equal and earlier, as a stable sort keeps them). All the
    pairs of an array are compared in one vectorized call per block of elements."""
    total = len(xs.values)
    ranks = np.zeros(total, np.int64)
    lengths_of = xs.lengths[xs.parents]
    starts_of = xs.starts[xs.parents]
    begin = 0
    while begin < total:
        end = begin + 1
        budget = lengths_of[begin]
        while end < total and budget + lengths_of[end] <= _PAIRS_PER_BLOCK:
            budget += lengths_of[end]
            end += 1
        ii = np.repeat(np.arange(begin, end), lengths_of[begin:end])
        jj = starts_of[ii] + (np.arange(len(ii)) - np.repeat(
            np.cumsum(lengths_of[begin:end]) - lengths_of[begin:end], lengths_of[begin:end]))
        c = _combined(cmp.apply([xs.values.take(pa.array(jj)), xs.values.take(pa.array(ii))],
                                xs.parents[ii]), len(ii))
        if c.null_count:
            raise SparkRuntimeException(
                "The comparator of array_sort returned NULL; it must return an integer "
                "for every pair of elements (handle NULL elements in the lambda).",
                "COMPARATOR_RETURNS_NULL")
        cv = np.asarray(c.to_numpy(zero_copy_only=False))
        before = (cv < 0) | ((cv == 0) & (jj < ii))
        ranks[begin:end] = np.bincount(ii[before] - begin, minlength=end - begin)
        begin = end
    return ranks


# --------------------------------------------------------------------------- names

_IDENTITY = "lambdafunction(namedlambdavariable(), namedlambdavariable())"
_V = "namedlambdavariable()"
_DEFAULT_COMPARATOR = (
    f"lambdafunction((IF((({_V} IS NULL) AND ({_V} IS NULL)), 0, (IF(({_V} IS NULL), 1, "
    f"(IF(({_V} IS NULL), -1, (IF(({_V} < {_V}), -1, (IF(({_V} > {_V}), 1, 0)))))))))), "
    f"{_V}, {_V})")


def _render_with_default(default: str, arity: int) -> Any:
    def render(e: Any) -> str:
        args = [a.sql() for a in e.args]
        if len(args) == arity:
            args.append(default)
        return f"{e.name}({', '.join(args)})"

    return render


def _null(t: list) -> T.DataType:
    return T.NullType()


define(
    Function("transform", _null, result_from_args=_fn_array_type, impl=_transform,
             lambda_args=_element_and_index, params="col, f: fn", arity=(2, 2),
             example="array(1, 2, 3), (x, i) -> x * 10 + i"),
    Function("filter", _null, result_from_args=lambda args: args[0].data_type, impl=_filter,
             lambda_args=_element_and_index, params="col, f: fn", arity=(2, 2),
             example="array(1, NULL, 3), x -> x IS NOT NULL"),
    Function("exists", lambda t: B, impl=_quantifier(False), lambda_args=_element,
             params="col, f: fn", arity=(2, 2), example="array(1, NULL, 3), x -> x > 2"),
    Function("forall", lambda t: B, impl=_quantifier(True), lambda_args=_element,
             params="col, f: fn", arity=(2, 2), example="array(1, 2, 3), x -> x > 0"),
    Function("aggregate", _null, aliases=("reduce",), result_from_args=_aggregate_type,
             impl=_aggregate, lambda_args=_accumulator, arity=(3, 4),
             render_fn=_render_with_default(_IDENTITY, 3),
             params="col, initialValue: col, merge: fn, finish: fn = None",
             example="array(1, 2, 3), 0, (acc, x) -> acc + x, acc -> acc * 10"),
    Function("zip_with", _null, result_from_args=_fn_array_type, impl=_zip_with,
             lambda_args=_two_elements, params="left, right, f: fn", arity=(3, 3),
             example="array(1, 2, 3), array(10, 20), (x, y) -> x + y"),
    Function("array_sort", _null, result_from_args=_array_sort_type, impl=_array_sort, lambda_args=_sort_pair,
             render_fn=_render_with_default(_DEFAULT_COMPARATOR, 1), arity=(1, 2),
             params="col, comparator: fn = None", example="array(3, 1, NULL, 2)"),
    Function("map_filter", _null, result_from_args=lambda args: _map_arg("map_filter", args),
             impl=_map_filter, lambda_args=_key_value, params="col, f: fn", arity=(2, 2),
             example="map(1, 'a', 2, 'b'), (k, v) -> k > 1"),
    Function("transform_values", _null, result_from_args=_map_values_type,
             impl=_transform_values, lambda_args=_key_value, params="col, f: fn",
             arity=(2, 2), example="map(1, 10, 2, 20), (k, v) -> k + v"),
    Function("transform_keys", _null, result_from_args=_map_keys_type, impl=_transform_keys,
             lambda_args=_key_value, params="col, f: fn", arity=(2, 2),
             example="map(1, 10, 2, 20), (k, v) -> k * 100"),
    Function("map_zip_with", _null, result_from_args=_map_values_type, impl=_map_zip_with,
             lambda_args=_key_two_values, params="col1, col2, f: fn", arity=(3, 3),
             example="map(1, 'a', 2, 'b'), map(2, 'x', 3, 'y'), (k, a, b) -> concat(a, b)"),
    family="collection",
)
