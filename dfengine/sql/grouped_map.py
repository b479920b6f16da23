"""`groupBy().applyInPandas / applyInArrow / apply` and
`groupBy().cogroup(other.groupBy()).applyInPandas / applyInArrow`.

Rows are hash-partitioned by the grouping keys (a Repartition, Dask's shuffle), then each
partition is split into its groups and the user function is called once per group with a
pandas DataFrame (or a pyarrow Table), optionally preceded by the group's key tuple when the
function takes one more parameter, as PySpark does: numpy scalars for pandas, pyarrow scalars
for Arrow. A function whose data parameter is typed `Iterator[pd.DataFrame]` (or
`Iterator[pa.RecordBatch]`) gets the group as an iterator of batches and yields its results. Cogroups repartition both sides the same
way (keys cast to one type so equal keys hash alike) and zip the partitions pairwise.
"""

from __future__ import annotations

import collections.abc
import inspect
import itertools
import typing
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.compute.python_udf import _user_iter, call_user, group_runs
from dfengine.errors import PySparkRuntimeError, PySparkTypeError, worker_error
from dfengine.plan import expressions as E
from dfengine.sql.column import Column

_KEY = "__dfengine_group_key_{}"


def _schema(schema: Any) -> T.StructType:
    if isinstance(schema, str):
        schema = T._parse_datatype_string(schema)
    if not isinstance(schema, T.StructType):
        raise PySparkTypeError("The schema of a grouped map function must be a StructType or "
                               "a DDL string such as 'id long, v double'.", "NOT_STRUCT")
    return schema


def _takes_key(func: Callable, n_data: int) -> bool:
    try:
        params = [p for p in inspect.signature(func).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return False
    return len(params) == n_data + 1


def keyed(df: Any, grouping: list[E.Expression]) -> tuple[Any, list[str], list[str]]:
    """`df` with every grouping expression as a column: (df, key columns, hidden columns
    to drop before the user sees the rows)."""
    names, hidden = [], []
    for i, g in enumerate(grouping):
        if isinstance(g, E.UnresolvedAttribute) and len(g.parts) == 1 and g.name in df.columns:
            names.append(g.name)
            continue
        name = _KEY.format(i)
        df = df.withColumn(name, Column(g))
        names.append(name)
        hidden.append(name)
    return df, names, hidden


def group_slices(table: pa.Table, keys: list[str]) -> Iterator[tuple[tuple, pa.Table]]:
    """(key tuple, rows) for each group of `table` (NULL keys form one group, as in Spark)."""
    if table.num_rows == 0:
        return
    ordered, starts = group_runs(table, keys)
    bounds = list(starts) + [table.num_rows]
    for lo, hi in itertools.pairwise(bounds):
        rows = ordered.slice(lo, hi - lo)
        yield tuple(rows.column(k)[0].as_py() for k in keys), rows


def _result_table(result: Any, schema: T.StructType, name: str,
                  extra_ok: bool = False) -> pa.Table:
    """A function's pandas DataFrame / Arrow table as the declared schema: columns matched by
    name when the labels are strings, else by position (PySpark's rule). `extra_ok`
    (mapInPandas): columns past the schema's count are dropped, not refused."""
    import pandas as pd

    target = T.to_arrow_schema(schema)
    if isinstance(result, pa.RecordBatch):
        result = pa.Table.from_batches([result])
    if isinstance(result, pa.Table):
        cols = [result.column(f.name) if f.name in result.column_names else result.column(i)
                for i, f in enumerate(target)]
        return pa.Table.from_arrays([c.cast(f.type) for c, f in zip(cols, target)],
                                    schema=target)
    if not isinstance(result, pd.DataFrame):
        raise worker_error(PySparkTypeError(
            f"The function `{name}` must return a pandas.DataFrame, got "
            f"{type(result).__name__}.", "INVALID_RETURN_TYPE"))
    by_name = all(isinstance(c, str) for c in result.columns)
    if extra_ok and by_name:  # PySpark's truncate_return_schema: the first N columns count
        result = result.iloc[:, :len(target)]
    if len(result.columns) != len(target) and not (len(result) == 0 and len(result.columns)
                                                  == 0):
        raise worker_error(PySparkRuntimeError(
            f"Number of columns of the returned pandas.DataFrame doesn't match the specified "
            f"schema. Expected: {len(target)} Actual: {len(result.columns)}",
            "RESULT_COLUMNS_MISMATCH_FOR_PANDAS_UDF"))
    if by_name and len(result.columns):
        _check_names(list(result.columns), target)
    arrays = []
    for i, f in enumerate(target):
        if len(result.columns) == 0:
            arrays.append(pa.nulls(0, f.type))
            continue
        col = result[f.name] if by_name else result.iloc[:, i]
        arrays.append(_to_arrow(col, f))
    return pa.Table.from_arrays(arrays, schema=target)


def _check_names(names: list[str], target: pa.Schema) -> None:
    missing = [f.name for f in target if f.name not in names]
    if missing:
        extra = [n for n in names if n not in target.names]
        raise worker_error(PySparkRuntimeError(
            "Column names of the returned pandas.DataFrame do not match specified schema. "
            f"Missing: {', '.join(missing)}." + (f" Unexpected: {', '.join(extra)}."
                                                 if extra else ""),
            "RESULT_COLUMNS_MISMATCH_FOR_PANDAS_UDF"))


def _to_arrow(col: Any, f: pa.Field) -> pa.Array:
    try:
        return pa.Array.from_pandas(col, type=f.type, safe=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError, TypeError) as e:
        raise worker_error(PySparkRuntimeError(
            f"Exception thrown when converting pandas.Series ({col.dtype}) with name "
            f"'{f.name}' to Arrow Array ({f.type}): {e}. Return values of the declared "
            "type, or declare the type the function returns.",
            "UDF_ARROW_TYPE_CONVERSION_ERROR")) from None


_BATCH_ROWS = 10_000  # spark.sql.execution.arrow.maxRecordsPerBatch's default


def _iterator_form(func: Callable) -> bool:
    """Whether `func`'s last parameter is typed as an iterator of batches (PySpark infers the
    iterator API from the type hints only: an unannotated function gets whole groups)."""
    try:
        hints = typing.get_type_hints(func)
        params = list(inspect.signature(func).parameters)
    except Exception:  # unresolvable hints or no signature: the whole-group form
        return False
    hint = hints.get(params[-1]) if params else None
    return typing.get_origin(hint) in (collections.abc.Iterator, collections.abc.Iterable,
                                      collections.abc.Generator)


def _key_values(rows: pa.Table, keys: list[str], arrow: bool) -> tuple:
    """The group's key as PySpark passes it: pyarrow scalars to Arrow functions, numpy
    scalars (as pandas gives them) to pandas ones."""
    first = rows.select(keys).slice(0, 1)
    if arrow:
        return tuple(first.column(k)[0] for k in keys)
    pdf = first.to_pandas()
    return tuple(pdf.iloc[0, i] for i in range(len(keys)))


def _caller(func: Callable, n_data: int, arrow: bool) -> Callable:
    """`run(key, *parts)`: the user function on one group, its results as a list (one item,
    or each item the iterator form yields)."""
    name = getattr(func, "__name__", "function")
    with_key = _takes_key(func, n_data)
    iterating = n_data == 1 and _iterator_form(func)

    def data(part: pa.Table) -> Any:
        if iterating:
            batches = part.to_batches(max_chunksize=_BATCH_ROWS) or part.to_batches()
            return iter(batches) if arrow else (b.to_pandas() for b in batches)
        return part if arrow else part.to_pandas()

    def run(key: tuple, *parts: pa.Table) -> list:
        args = ((key,) if with_key else ()) + tuple(data(p) for p in parts)
        out = call_user(name, func, *args)
        if not iterating:
            return [out]
        if not isinstance(out, collections.abc.Iterator):
            raise worker_error(PySparkTypeError(
                f"The function `{name}` is typed to return an iterator of "
                f"{'pyarrow.RecordBatch' if arrow else 'pandas.DataFrame'}, got "
                f"{type(out).__name__}. Yield the results, or drop the Iterator type hints.",
                "INVALID_RETURN_TYPE"))
        return list(_user_iter(name, out))

    return run


def apply_in_groups(grouped: Any, func: Callable, schema: Any, arrow: bool = False) -> Any:
    """`groupBy(...).applyInPandas(func, schema)` (or applyInArrow)."""
    schema = _schema(schema)
    df, keys, hidden = keyed(grouped._df, grouped._grouping)
    user_cols = [c for c in df.columns if c not in hidden]
    run = _caller(func, 1, arrow)
    name = getattr(func, "__name__", "function")

    def per_partition(table: pa.Table) -> pa.Table:
        outs = [_result_table(out, schema, name)
                for _, rows in group_slices(table, keys)
                for out in run(_key_values(rows, keys, arrow), rows.select(user_cols))]
        return pa.concat_tables(outs) if outs else T.to_arrow_schema(schema).empty_table()

    shuffled = df.repartition(*[Column(E.UnresolvedAttribute((k,))) for k in keys])
    label = "FlatMapGroupsInArrow" if arrow else "FlatMapGroupsInPandas"
    return shuffled._map_partitions(per_partition, schema, label)


class PandasCogroupedOps:
    """`gd1.cogroup(gd2)`: both sides' groups with equal keys go to one call."""

    def __init__(self, left: Any, right: Any):
        if len(left._grouping) != len(right._grouping):
            raise PySparkTypeError("cogroup needs the same number of grouping keys on both "
                                   "sides.", "INVALID_COGROUP_KEYS")
        self._left, self._right = left, right

    def applyInPandas(self, func: Callable, schema: Any) -> Any:
        return self._apply(func, schema, arrow=False)

    def applyInArrow(self, func: Callable, schema: Any) -> Any:
        return self._apply(func, schema, arrow=True)

    def _apply(self, func: Callable, schema: Any, arrow: bool) -> Any:
        import dask

        schema = _schema(schema)
        session = self._left._df.sparkSession
        left, lkeys, lhidden = keyed(self._left._df, self._left._grouping)
        right, rkeys, rhidden = keyed(self._right._df, self._right._grouping)
        left, right = _common_key_types(left, lkeys, right, rkeys)
        n = max(1, int(session.conf.get("spark.sql.shuffle.partitions", "200")))
        n = min(n, session._runtime.default_parallelism * 4)
        lparts = left.repartition(n, *lkeys)._to_delayed()
        rparts = right.repartition(n, *rkeys)._to_delayed()
        lcols = [c for c in left.columns if c not in lhidden]
        rcols = [c for c in right.columns if c not in rhidden]
        run = _caller(func, 2, arrow)
        name = getattr(func, "__name__", "function")
        lempty = T.to_arrow_schema(left.select(*lcols).schema).empty_table()
        rempty = T.to_arrow_schema(right.select(*rcols).schema).empty_table()

        def zip_groups(lt: pa.Table, rt: pa.Table) -> pa.Table:
            lg = dict(group_slices(lt, lkeys))
            rg = dict(group_slices(rt, rkeys))
            outs = []
            for key in list(lg) + [k for k in rg if k not in lg]:
                a = lg[key].select(lcols) if key in lg else lempty
                b = rg[key].select(rcols) if key in rg else rempty
                values = (_key_values(lg[key], lkeys, arrow) if key in lg
                          else _key_values(rg[key], rkeys, arrow))
                outs.extend(_result_table(out, schema, name) for out in run(values, a, b))
            return pa.concat_tables(outs) if outs else T.to_arrow_schema(schema).empty_table()

        parts = [dask.delayed(zip_groups)(a, b) for a, b in zip(lparts, rparts)]
        label = "FlatMapCoGroupsInArrow" if arrow else "FlatMapCoGroupsInPandas"
        return session._from_delayed(parts, schema, label)


def _common_key_types(left: Any, lkeys: list[str], right: Any, rkeys: list[str]
                      ) -> tuple[Any, Any]:
    """Cast key columns so both sides hash equal keys to the same partition."""
    from dfengine.types.coercion import common_type

    for lk, rk in zip(lkeys, rkeys):
        lt, rt = left.schema[lk].dataType, right.schema[rk].dataType
        if lt == rt:
            continue
        t = common_type([lt, rt]) or T.StringType()
        left = left.withColumn(lk, Column(E.Cast(E.UnresolvedAttribute((lk,)), t)))
        right = right.withColumn(rk, Column(E.Cast(E.UnresolvedAttribute((rk,)), t)))
    return left, right
