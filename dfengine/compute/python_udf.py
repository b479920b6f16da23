"""Running user Python functions on Arrow partitions.

- Plain `udf`: the argument columns become Python lists once per partition, the function is
  called for each row in one list comprehension, and the results are converted back in one
  `pa.array` call.
- pandas UDFs: the partition is cut into batches of `BATCH_ROWS` rows (Spark's
  `spark.sql.execution.arrow.maxRecordsPerBatch`); each batch becomes pandas Series (Arrow ->
  pandas, inside the partition task) and the function is called once per batch: no per-row
  Python calls. Iterator forms get an iterator over the partition's batches.
- Grouped aggregate UDFs: one call per group (`aggregate_groups`) or per window frame
  (`aggregate_frames`, one call per distinct frame).
- UDTFs: one handler instance per partition; `eval` per row, `terminate` once at the end.

An exception raised by user code becomes PySpark's `PythonException`, whose message shows
the user's traceback (file and line of the user's function) without dfengine's frames.
"""

from __future__ import annotations

import itertools
import os
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine import types as T
from dfengine.compute.evaluate import EvalContext, evaluate_column
from dfengine.compute.python_values import (
    from_pandas_result,
    from_python_values,
    scalar_to_arrow,
    to_pandas_arg,
    to_python_values,
)
from dfengine.errors import (
    PySparkException,
    PySparkRuntimeError,
    PythonException,
    SkipRestOfInputTableException,
    worker_error,
)
from dfengine.plan.python_udf import EvalType, PythonAggregate, PythonUDF, PythonUDTFCall
from dfengine.types import to_arrow_type

BATCH_ROWS = 10_000

_OWN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


# ----------------------------------------------------------------------------- errors


def python_exception(exc: BaseException, name: str) -> PythonException:
    """PySpark's `PythonException` for an error raised in user code: the message carries the
    traceback from the user's frames (file, line, source) down to the error."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if not f.filename.startswith(_OWN_DIR)]
    lines = ["Traceback (most recent call last):\n", *traceback.format_list(frames),
             *traceback.format_exception_only(type(exc), exc)]
    message = "An exception was thrown from the Python worker:\n" + "".join(lines).rstrip()
    err = PythonException(message)
    err.exception_type = type(exc).__name__
    err.exception_message = str(exc)
    return err


def call_user(name: str, fn: Callable, *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except (PySparkException, SkipRestOfInputTableException):
        raise
    except Exception as exc:
        raise python_exception(exc, name) from exc


def _user_iter(name: str, it: Any) -> Iterator[Any]:
    """Iterate a user generator, reporting its errors as PythonException."""
    try:
        yield from it
    except (PySparkException, SkipRestOfInputTableException):
        raise
    except Exception as exc:
        raise python_exception(exc, name) from exc


# --------------------------------------------------------------------- scalar UDFs


def evaluate_python_udf(e: PythonUDF, table: pa.Table, ctx: EvalContext) -> pa.Array:
    cols = [evaluate_column(a, table, ctx) for a in e.args]
    n = table.num_rows
    if e.eval_type in (EvalType.SCALAR_PANDAS_ITER, EvalType.SCALAR_ARROW_ITER):
        return _iterator_udf(e, cols, n)
    if e.eval_type in (EvalType.SCALAR_PANDAS, EvalType.SCALAR_ARROW):
        return _vectorized_udf(e, cols, n)
    return _row_udf(e, cols, n)


def _row_udf(e: PythonUDF, cols: list, n: int) -> pa.Array:
    f = e.func
    args = [to_python_values(c, a.data_type) for c, a in zip(cols, e.args)]
    try:
        out = list(map(f, *args)) if args else [f() for _ in range(n)]
    except PySparkException:
        raise
    except Exception as exc:
        raise python_exception(exc, e.name) from exc
    return from_python_values(out, e.return_type, strict=e.eval_type == EvalType.ARROW_BATCHED)


def _batches(cols: list, n: int) -> Iterator[list]:
    cols = [c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in cols]
    for start in range(0, max(n, 1), BATCH_ROWS):
        length = min(BATCH_ROWS, n - start)
        if length <= 0 and n > 0:
            return
        yield [c.slice(start, length) for c in cols]


def _as_inputs(e: PythonUDF, batch: list) -> list:
    if e.eval_type in (EvalType.SCALAR_ARROW, EvalType.SCALAR_ARROW_ITER):
        return batch
    return [to_pandas_arg(c, a.data_type) for c, a in zip(batch, e.args)]


def _to_arrow(e: PythonUDF, result: Any) -> pa.Array:
    if isinstance(result, (pa.Array, pa.ChunkedArray)):
        target = to_arrow_type(e.return_type)
        return result.cast(target) if result.type != target else result
    return from_pandas_result(result, e.return_type, e.name)


def _check_length(e: PythonUDF, got: int, want: int) -> None:
    if got != want:
        raise worker_error(PySparkRuntimeError(
            f"The pandas UDF `{e.name}` returned {got} rows for a batch of {want}: a scalar "
            "pandas UDF must return one value per input row.", "SCHEMA_MISMATCH_FOR_PANDAS_UDF"))


def _vectorized_udf(e: PythonUDF, cols: list, n: int) -> pa.Array:
    if n == 0:
        return pa.array([], to_arrow_type(e.return_type))
    parts = []
    for batch in _batches(cols, n):
        want = len(batch[0]) if batch else min(BATCH_ROWS, n)
        out = _to_arrow(e, call_user(e.name, e.func, *_as_inputs(e, batch)))
        _check_length(e, len(out), want)
        parts.append(out)
    return pa.chunked_array(parts, to_arrow_type(e.return_type)).combine_chunks()


def _iterator_udf(e: PythonUDF, cols: list, n: int) -> pa.Array:
    if n == 0:
        return pa.array([], to_arrow_type(e.return_type))
    single = len(e.args) == 1

    def inputs() -> Iterator[Any]:
        for batch in _batches(cols, n):
            args = _as_inputs(e, batch)
            yield args[0] if single else tuple(args)

    results = call_user(e.name, e.func, inputs())
    parts = [_to_arrow(e, r) for r in _user_iter(e.name, results)]
    got = sum(len(p) for p in parts)
    _check_length(e, got, n)
    return pa.chunked_array(parts, to_arrow_type(e.return_type)).combine_chunks()


# ---------------------------------------------------------------- grouped aggregates


def _agg_call(fn: PythonAggregate, arrays: list) -> Any:
    """One aggregate value from the argument columns of one group (or frame)."""
    arrow = fn.eval_type in (EvalType.GROUPED_AGG_ARROW, EvalType.GROUPED_AGG_ARROW_ITER)
    args = arrays if arrow else [to_pandas_arg(a, x.data_type) for a, x in zip(arrays, fn.args)]
    if fn.eval_type in (EvalType.GROUPED_AGG_PANDAS_ITER, EvalType.GROUPED_AGG_ARROW_ITER):
        return call_user(fn.name, fn.func, iter([args[0] if len(args) == 1 else tuple(args)]))
    return call_user(fn.name, fn.func, *args)


def aggregate_groups(fn: PythonAggregate, table: pa.Table, keys: list[str],
                     inputs: list[str]) -> tuple[pa.Table, pa.Array]:
    """The UDF's value for each group of `table`: (one row of keys per group, values)."""
    if table.num_rows == 0 and keys:
        empty = table.select(keys).slice(0, 0)
        return empty, pa.array([], to_arrow_type(fn.return_type))
    if not keys:
        value = _agg_call(fn, [table.column(c).combine_chunks() for c in inputs])
        return pa.table({}), scalar_to_arrow([value], fn.return_type)
    ordered, starts = group_runs(table, keys)
    values = aggregate_sorted(fn, ordered, starts, inputs)
    return ordered.take(pa.array(starts)).select(keys), values


def group_runs(table: pa.Table, keys: list[str]) -> tuple[pa.Table, np.ndarray]:
    """`table` reordered so each group's rows are adjacent (NULL keys form one group, as in
    Spark), and the row where each group starts."""
    gid = table.select(keys).to_pandas().groupby(keys, dropna=False, sort=False).ngroup()
    gid = gid.to_numpy()
    order = np.argsort(gid, kind="stable")
    sorted_ids = gid[order]
    starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
    return table.take(pa.array(order)), starts


def aggregate_sorted(fn: PythonAggregate, table: pa.Table, starts: np.ndarray,
                     inputs: list[str]) -> pa.Array:
    """The UDF's value per run of rows: group g holds rows starts[g] .. starts[g+1]-1."""
    cols = [table.column(c).combine_chunks() for c in inputs]
    bounds = list(starts) + [table.num_rows]
    values = [_agg_call(fn, [c.slice(lo, hi - lo) for c in cols])
              for lo, hi in itertools.pairwise(bounds)]
    return scalar_to_arrow(values, fn.return_type)


def aggregate_frames(fn: PythonAggregate, args: list, lo: np.ndarray, hi: np.ndarray) -> pa.Array:
    """The UDF over each row's window frame [lo, hi] (inclusive; empty when lo > hi). Rows that
    share a frame (every row of a partition, for an unbounded frame) share one call."""
    cols = [a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a for a in args]
    cache: dict[tuple[int, int], Any] = {}
    values = []
    for a, b in zip(lo.tolist(), hi.tolist()):
        key = (a, b) if a <= b else (0, -1)
        if key not in cache:
            length = max(key[1] - key[0] + 1, 0)
            cache[key] = _agg_call(fn, [c.slice(key[0], length) for c in cols])
        values.append(cache[key])
    return scalar_to_arrow(values, fn.return_type)


# ------------------------------------------------------------------------------ UDTFs


def evaluate_udtf(e: PythonUDTFCall, table: pa.Table, ctx: EvalContext) -> pa.Array:
    """For each input row, the list of rows `eval` yields; rows from `terminate` join the
    last input row's list. With partition keys, one handler per run of equal keys."""
    cols = [evaluate_column(a, table, ctx) for a in e.args]
    if e.arrow:
        return pa.array(_arrow_udtf_batch(e, cols, table.num_rows), to_arrow_type(e.data_type))
    args = [to_python_values(c, a.data_type) for c, a in zip(cols, e.args)]
    if not e.partition_keys:
        return pa.array(_udtf_instance(e, args, table.num_rows), to_arrow_type(e.data_type))
    keys = list(zip(*(to_python_values(evaluate_column(k, table, ctx), k.data_type)
                      for k in e.partition_keys)))
    out: list[list] = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            out += _udtf_instance(e, [a[start:i] for a in args], i - start)
            start = i
    return pa.array(out, to_arrow_type(e.data_type))


def _udtf_instance(e: PythonUDTFCall, args: list, n: int) -> list[list]:
    """One handler instance over `n` input rows: `eval` per row, then `terminate`."""
    handler = call_user(e.name, e.handler)
    evaluate = getattr(handler, "eval", None)
    out: list[list] = []
    rows = zip(*args) if args else (() for _ in range(n))
    npos = len(e.args) - len(e.arg_names)
    for row in rows:
        try:
            kwargs = dict(zip(e.arg_names, row[npos:]))
            produced = call_user(e.name, evaluate, *row[:npos], **kwargs) if (
                evaluate is not None) else None
            out.append(_udtf_rows(e, produced))
        except SkipRestOfInputTableException:
            out.extend([] for _ in range(n - len(out)))
            break
    terminate = getattr(handler, "terminate", None)
    if terminate is not None:
        extra = _udtf_rows(e, call_user(e.name, terminate))
        if extra:
            if not out:
                raise PySparkRuntimeError(
                    f"UDTF `{e.name}`: terminate() produced rows for an empty input "
                    "partition; dfengine attaches them to the last input row.",
                    "UDTF_TERMINATE_WITHOUT_INPUT")
            out[-1] = out[-1] + extra
    close = getattr(handler, "cleanup", None)
    if close is not None:
        call_user(e.name, close)
    return out


def _arrow_udtf_batch(e: PythonUDTFCall, cols: list, n: int) -> list[list]:
    """An arrow_udtf over one batch: `eval` once on the arguments' Arrow arrays, then
    `terminate`; the rows of the Tables they yield all join the batch's first row (an
    arrow UDTF's output is not tied to single input rows)."""
    handler = call_user(e.name, e.handler)
    arrays = [c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in cols]
    npos = len(arrays) - len(e.arg_names)
    rows: list = []
    if n:
        produced = call_user(e.name, handler.eval, *arrays[:npos],
                             **dict(zip(e.arg_names, arrays[npos:])))
        rows += _arrow_rows(e, produced)
    terminate = getattr(handler, "terminate", None)
    if terminate is not None:
        rows += _arrow_rows(e, call_user(e.name, terminate))
    if rows and not n:
        raise PySparkRuntimeError(
            f"UDTF `{e.name}`: terminate() produced rows for an empty input batch; dfengine "
            "attaches them to the batch's first row.", "UDTF_TERMINATE_WITHOUT_INPUT")
    return [rows] + [[] for _ in range(n - 1)] if n else []


def _arrow_rows(e: PythonUDTFCall, produced: Any) -> list:
    """The rows of the pyarrow Tables / RecordBatches an arrow_udtf yields, as the return
    type's columns (matched by name, cast to their types)."""
    if produced is None:
        return []
    target = to_arrow_type(e.row_type)
    rows: list = []
    for t in _user_iter(e.name, produced):
        if not isinstance(t, (pa.Table, pa.RecordBatch)):
            raise PySparkRuntimeError(
                f"UDTF `{e.name}` yielded {type(t).__name__}: an arrow_udtf's eval must yield "
                "pyarrow Tables or RecordBatches.", "UDTF_ARROW_TYPE_CONVERSION_ERROR")
        missing = [f.name for f in target if f.name not in t.column_names]
        if missing:
            raise PySparkRuntimeError(
                f"UDTF `{e.name}` yielded a table with columns {t.column_names}, but its "
                f"return type {e.row_type.simpleString()} needs {missing}.",
                "UDTF_RETURN_SCHEMA_MISMATCH")
        try:
            cast = [t.column(f.name).cast(f.type) for f in target]
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            raise PySparkRuntimeError(
                f"UDTF `{e.name}` yielded columns that do not convert to its return type "
                f"{e.row_type.simpleString()}: {exc}", "UDTF_ARROW_TYPE_CAST_ERROR") from None
        rows += pa.Table.from_arrays(cast, schema=pa.schema(list(target))).to_pylist()
    return rows


def _udtf_rows(e: PythonUDTFCall, produced: Any) -> list:
    if produced is None:
        return []
    names = [f.name for f in e.row_type.fields]
    convert = [_field_converter(f.dataType) for f in e.row_type.fields]
    rows = []
    for r in _user_iter(e.name, produced):
        if isinstance(r, T.Row) and getattr(r, "__fields__", None):
            d = r.asDict()
            vals = [d.get(n) for n in names]
        elif isinstance(r, (tuple, list)):
            vals = list(r)
        else:
            raise PySparkRuntimeError(
                f"UDTF `{e.name}` produced {r!r}: each output row must be a tuple, list or "
                f"Row of {len(names)} values (write `yield ({r!r},)` for one column).",
                "UDTF_INVALID_OUTPUT_ROW_TYPE")
        if len(vals) != len(names):
            raise PySparkRuntimeError(
                f"UDTF `{e.name}` produced a row of {len(vals)} values, but its return type "
                f"{e.row_type.simpleString()} has {len(names)} columns.",
                "UDTF_RETURN_SCHEMA_MISMATCH")
        rows.append({n: c(v) for n, c, v in zip(names, convert, vals)})
    return rows


def _field_converter(dtype: T.DataType) -> Callable[[Any], Any]:
    def conv(v: Any) -> Any:
        return from_python_values([v], dtype).to_pylist()[0] if v is not None else None

    return conv
