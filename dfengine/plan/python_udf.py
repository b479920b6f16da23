"""Expressions that call user Python code: scalar UDFs (row at a time or vectorized), grouped
aggregate UDFs, and table functions (UDTFs) as generators.

They only describe the call (the function, its arguments, the declared result type and how the
function wants its input: `eval_type`, numbered as PySpark's `PythonEvalType`); evaluation lives
in `dfengine.compute.python_udf`. None of them is foldable: constant folding must never run user
code on the driver while planning (Spark's PythonUDF is never foldable either).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dfengine import types as T
from dfengine.plan.expressions import AggregateFunction, Expression


class EvalType:
    """How a Python function takes and returns data (PySpark's `PythonEvalType` numbers)."""

    BATCHED = 100             # plain udf: one Python call per row
    ARROW_BATCHED = 101       # udf(useArrow=True): one call per row, Arrow conversions
    SCALAR_PANDAS = 200       # pandas Series... -> Series, per batch
    GROUPED_MAP_PANDAS = 201  # groupBy().apply / applyInPandas
    GROUPED_AGG_PANDAS = 202  # pandas Series... -> scalar, per group or window frame
    SCALAR_PANDAS_ITER = 204  # Iterator[Series | tuple of Series] -> Iterator[Series]
    MAP_PANDAS_ITER = 205
    COGROUPED_MAP_PANDAS = 206
    MAP_ARROW_ITER = 207
    GROUPED_MAP_ARROW = 209
    COGROUPED_MAP_ARROW = 210
    GROUPED_AGG_PANDAS_ITER = 217  # Iterator[Series | tuple] -> scalar
    SCALAR_ARROW = 250        # arrow_udf: pa.Array... -> pa.Array
    SCALAR_ARROW_ITER = 251
    GROUPED_AGG_ARROW = 252
    GROUPED_AGG_ARROW_ITER = 254  # Iterator[pa.Array | tuple] -> scalar
    TABLE = 300               # Python UDTF
    ARROW_TABLE = 301
    ARROW_UDTF = 302          # arrow_udtf: eval(pa.Array...) per batch, yields pa.Tables

    VECTORIZED = frozenset({SCALAR_PANDAS, SCALAR_PANDAS_ITER, SCALAR_ARROW,
                            SCALAR_ARROW_ITER})
    AGGREGATE = frozenset({GROUPED_AGG_PANDAS, GROUPED_AGG_PANDAS_ITER, GROUPED_AGG_ARROW,
                           GROUPED_AGG_ARROW_ITER})


def _udf_sql(name: str, args: tuple[Expression, ...], names: tuple = ()) -> str:
    """`f(a, b)`, and for keyword arguments Spark's `f(b => (id * 10), a => id)`."""
    names = names or (None,) * len(args)
    return f"{name}({', '.join(a.sql() if n is None else f'{n} => {a.sql()}' for a, n in zip(args, names))})"


class _PythonCall(Expression):
    """A call of user code: never folded (planning must not run it), named `f(args)`."""

    @property
    def foldable(self) -> bool:
        return False

    def sql(self) -> str:
        return _udf_sql(self.name, self.args, getattr(self, "arg_names", ()))


@dataclass(frozen=True)
class PythonUDF(_PythonCall):
    """`f(a, b)` for a Python function `f` declared to return `return_type`.

    `func` compares by identity: two calls of the same function on the same columns are the
    same expression (evaluated once per batch when deterministic)."""

    name: str
    func: Any
    return_type: T.DataType
    eval_type: int
    args: tuple[Expression, ...]
    udf_deterministic: bool = True
    arg_names: tuple = ()  # keyword arguments' names (None for positional ones), for `sql`
    _child_fields = ("args",)

    @property
    def data_type(self) -> T.DataType:
        return self.return_type

    @property
    def nullable(self) -> bool:
        return True

    @property
    def deterministic(self) -> bool:
        return self.udf_deterministic and super().deterministic


@dataclass(frozen=True)
class PythonAggregate(AggregateFunction):
    """A grouped aggregate pandas UDF (`Series -> scalar`): in `groupBy().agg`, in SQL
    `GROUP BY` and over windows. It never decomposes: every value of a group (or window frame)
    reaches one call of `func`. `name` is the UDF's name (it names the result column)."""

    func: Any = field(default=None)
    return_type: T.DataType = field(default_factory=T.NullType)
    eval_type: int = EvalType.GROUPED_AGG_PANDAS
    arg_names: tuple = ()

    @property
    def data_type(self) -> T.DataType:
        return self.return_type

    @property
    def nullable(self) -> bool:
        return True

    @property
    def deterministic(self) -> bool:
        return False  # Spark's PythonUDAF: user code, never folded or reordered

    def sql(self) -> str:
        return _udf_sql(self.name, self.args, self.arg_names)


@dataclass(frozen=True)
class PythonUDTFCall(_PythonCall):
    """The rows a Python UDTF produces for each input row, as `array<struct<...>>`: a
    `Generate` (explode) over it makes the lateral join of the input with the UDTF's rows.
    `table_arg` marks the argument positions given as `TABLE(t)` (the row as a Row).
    `partition_keys` (from `TABLE(t) PARTITION BY k`): the input arrives sorted by them, and
    each run of equal keys gets its own handler instance, with `terminate` at its end."""

    name: str
    handler: Any
    row_type: T.StructType
    args: tuple[Expression, ...]
    udtf_deterministic: bool = True
    table_args: tuple[int, ...] = ()
    partition_keys: tuple[Expression, ...] = ()
    # the names of the trailing keyword arguments (`f(lit(1), x=lit("x"))`, SQL `x => 'x'`),
    # passed to eval (and analyze) as **kwargs
    arg_names: tuple[str, ...] = ()
    arrow: bool = False  # an arrow_udtf: one eval per batch of Arrow arrays, Arrow tables out
    _child_fields = ("args", "partition_keys")

    @property
    def data_type(self) -> T.DataType:
        return T.ArrayType(self.row_type, True)

    @property
    def nullable(self) -> bool:
        return False

    @property
    def deterministic(self) -> bool:
        return self.udtf_deterministic and super().deterministic


def udtf_generate(child: Any, call: PythonUDTFCall, qualifier: tuple[str, ...] = (),
                  names: list[str] | None = None) -> Any:
    """`child` joined laterally with the rows `call` produces for each of its rows: a
    Generate whose output is the child's columns then one column per UDTF result field."""
    from dfengine.errors import AnalysisException
    from dfengine.plan import logical as L
    from dfengine.plan.expressions import AttributeReference, ScalarFunction

    fields = call.row_type.fields
    if names and len(names) != len(fields):
        raise AnalysisException(
            f"The UDTF `{call.name}` produces {len(fields)} columns, but {len(names)} aliases "
            "were given.", "UDTF_ALIAS_NUMBER_MISMATCH")
    names = names or [f.name for f in fields]
    out = tuple(AttributeReference(n, f.dataType, True, qualifier=qualifier)
                for n, f in zip(names, fields))
    return L.Generate(ScalarFunction("explode", (call,)), False, out, child)
