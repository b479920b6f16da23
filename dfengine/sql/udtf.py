"""Python user-defined table functions: `@udtf`, `spark.udtf.register`, and their SQL use
(`SELECT * FROM f(1, 2)`, `FROM t, LATERAL f(t.x)`, `LATERAL VIEW f(x)`, `f(TABLE(t))`).

A UDTF is a class whose `eval(*args)` yields output rows (tuples or Rows) for one input row,
with optional `terminate()` (more rows at the end) and `cleanup()`. A call becomes a
`PythonUDTFCall` expression inside a `Generate` (explode), so it runs per partition like any
generator: one handler instance per partition, `eval` per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import AnalysisException, PySparkAttributeError, PySparkTypeError
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan.python_udf import EvalType, PythonUDTFCall, udtf_generate
from dfengine.sql.column import to_expr


@dataclass(frozen=True)
class AnalyzeArgument:
    """What a UDTF's static `analyze` method receives for each argument."""

    dataType: T.DataType
    value: Any = None
    isTable: bool = False
    isConstantExpression: bool = False


@dataclass
class AnalyzeResult:
    """What a UDTF's static `analyze` method returns: the output schema."""

    schema: T.StructType
    withSinglePartition: bool = False
    partitionBy: Any = ()
    orderBy: Any = ()
    select: Any = ()


@dataclass(frozen=True)
class PartitioningColumn:
    """An `AnalyzeResult.partitionBy` entry."""

    name: str


@dataclass(frozen=True)
class OrderingColumn:
    """An `AnalyzeResult.orderBy` entry."""

    name: str
    ascending: bool = True
    overrideNullsFirst: bool | None = None


@dataclass(frozen=True)
class SelectedColumn:
    """An `AnalyzeResult.select` entry: an input column passed to `eval`, optionally renamed."""

    name: str
    alias: str = ""


class UserDefinedTableFunction:
    """What `@udtf` returns: call it on columns for a DataFrame of its rows."""

    def __init__(self, handler: type, returnType: Any = None, name: str | None = None,
                 evalType: int = EvalType.TABLE, deterministic: bool = True):
        if not isinstance(handler, type):
            raise PySparkTypeError(f"Invalid UDTF: {handler!r} must be a class with an eval "
                                   "method.", "INVALID_UDTF_HANDLER_TYPE")
        if not hasattr(handler, "eval"):
            raise PySparkAttributeError(
                f"Failed to execute the user defined table function because it has not "
                f"implemented the 'eval' method. Please add the 'eval' method to "
                f"'{handler.__name__}'.", "INVALID_UDTF_NO_EVAL")
        if returnType is None and not hasattr(handler, "analyze"):
            raise PySparkAttributeError(
                f"The UDTF '{handler.__name__}' has no returnType: give returnType='a int, "
                "b string' or a static analyze method.", "INVALID_UDTF_RETURN_TYPE")
        self.func = handler
        self._returnType = returnType
        self._name = name or handler.__name__
        self.evalType = evalType
        self.deterministic = deterministic

    @property
    def returnType(self) -> T.StructType | None:
        rt = self._returnType
        if rt is None:
            return None
        if isinstance(rt, str):
            rt = T._parse_datatype_string(rt)
        if not isinstance(rt, T.StructType):
            raise PySparkTypeError(f"The return type of a UDTF must be a struct type, got "
                                   f"{rt.simpleString()}.", "UDTF_RETURN_TYPE_MISMATCH")
        return rt

    def asNondeterministic(self) -> UserDefinedTableFunction:
        self.deterministic = False
        return self

    def _renamed(self, name: str) -> UserDefinedTableFunction:
        return UserDefinedTableFunction(self.func, self._returnType, name, self.evalType,
                                        self.deterministic)

    def _row_type(self, args: tuple[E.Expression, ...], table_args: tuple[int, ...],
                  names: tuple[str, ...] = ()) -> T.StructType:
        rt = self.returnType
        if rt is not None:
            return rt
        described = [
            AnalyzeArgument(a.data_type, a.value if isinstance(a, E.Literal) else None,
                            i in table_args, isinstance(a, E.Literal))
            for i, a in enumerate(args)]
        npos = len(args) - len(names)
        analyzed = self.func.analyze(*described[:npos], **dict(zip(names, described[npos:])))
        schema = getattr(analyzed, "schema", None)
        if not isinstance(schema, T.StructType):
            raise PySparkTypeError(f"The analyze method of UDTF '{self._name}' must return an "
                                   "AnalyzeResult with a StructType schema.",
                                   "INVALID_UDTF_RETURN_TYPE")
        return schema

    def call(self, args: tuple[E.Expression, ...], table_args: tuple[int, ...] = (),
             names: tuple[str, ...] = ()) -> PythonUDTFCall:
        """The call expression; `args` must be resolved when the UDTF has an analyze
        method (it sees their types). The last len(names) arguments are keyword arguments."""
        if len(set(n.lower() for n in names)) < len(names):
            dup = next(n for n in names if [m.lower() for m in names].count(n.lower()) > 1)
            raise AnalysisException(
                f"The routine `{self._name}` got the parameter `{dup}` more than once; give "
                "each keyword argument once.", "DUPLICATE_ROUTINE_PARAMETER_ASSIGNMENT.BOTH_NAMED")
        return PythonUDTFCall(self._name, self.func, self._row_type(args, table_args, names),
                              args, self.deterministic, table_args, arg_names=tuple(names),
                              arrow=self.evalType == EvalType.ARROW_UDTF)

    def asDeterministic(self) -> UserDefinedTableFunction:
        self.deterministic = True
        return self

    def __call__(self, *cols: Any, **kwargs: Any) -> Any:
        from dfengine.sql.session import SparkSession

        session = SparkSession.getActiveSession()
        if session is None:
            raise PySparkTypeError("Calling a UDTF needs an active SparkSession.",
                                   "NO_ACTIVE_SESSION")
        from dfengine.sql.dataframe_ops import TableArg

        tables = [c for c in cols if isinstance(c, TableArg)]
        if tables:
            return self._call_on_table(session, cols, tables, kwargs)
        args = tuple(to_expr(c) for c in cols) + tuple(to_expr(v) for v in kwargs.values())
        bad = [a.sql() for a in args if a.references() or isinstance(a, E.UnresolvedAttribute)]
        if bad:
            raise AnalysisException(
                f"The UDTF `{self._name}` was called on columns {bad} outside a query; call "
                "it with literals (lit(...)), or use it in SQL: SELECT * FROM t, LATERAL "
                f"{self._name}(t.col).", "UNSUPPORTED_UDTF_ARGUMENTS")
        return session._dataframe_of(standalone_plan(self.call(args, (), tuple(kwargs))))

    def _call_on_table(self, session: Any, cols: tuple, tables: list,
                       kwargs: dict[str, Any]) -> Any:
        """`f(df.asTable()[.partitionBy(k).orderBy(o)], lit(1))`: `eval` runs once per row
        of df (the row as a Row), as SQL's `f(TABLE(t) PARTITION BY k ORDER BY o)`."""
        from dfengine.sql.dataframe_ops import TableArg
        from dfengine.sqlparse.table_functions import partition_table_arg

        if len(tables) > 1:
            raise AnalysisException("A UDTF call takes at most one table argument "
                                    "(df.asTable()).", "MULTIPLE_TABLE_ARGUMENTS")
        table = tables[0]
        df = table.df
        child = df._plan
        args, table_args = [], []
        for i, c in enumerate(cols):
            if isinstance(c, TableArg):
                args.append(E.ScalarFunction("struct", tuple(child.output)))
                table_args.append(i)
            else:
                args.append(df._resolve(to_expr(c)))
        args += [df._resolve(to_expr(v)) for v in kwargs.values()]
        call = self.call(tuple(args), tuple(table_args), tuple(kwargs))
        if table.partition_by or table.single:
            keys = tuple(df._resolve(to_expr(k)) for k in table.partition_by)
            orders = tuple(df._resolve(df._sort_order(o)) for o in table.order_by)
            child, call = partition_table_arg(child, call, keys, orders, table.single)
        return session._dataframe_of(standalone_plan(call, child))

    def __repr__(self) -> str:
        return f"<dfengine UserDefinedTableFunction {self._name}>"


def one_row() -> L.LogicalPlan:
    """A relation of one row and no columns (the input of `SELECT * FROM f(1, 2)`)."""
    return L.LocalRelation((), L.new_source_id(), 1, pa.table({"x": [1]}).select([]))


def standalone_plan(call: PythonUDTFCall, child: L.LogicalPlan | None = None,
                    qualifier: tuple[str, ...] = (), names: list[str] | None = None
                    ) -> L.LogicalPlan:
    """Only the UDTF's columns, for each row of `child` (one empty row by default)."""
    gen = udtf_generate(child if child is not None else one_row(), call, qualifier, names)
    return L.Project(tuple(gen.generator_output), gen)


def udtf(cls: Any = None, *, returnType: Any = None, useArrow: bool | None = None) -> Any:
    """`pyspark.sql.functions.udtf`: `@udtf(returnType="a int, b int")` on a class, or
    `udtf(Cls, returnType=...)`."""
    if cls is None:
        return lambda c: UserDefinedTableFunction(c, returnType, evalType=EvalType.ARROW_TABLE
                                                  if useArrow else EvalType.TABLE)
    return UserDefinedTableFunction(cls, returnType, evalType=EvalType.ARROW_TABLE if useArrow
                                    else EvalType.TABLE)


def arrow_udtf(cls: Any = None, *, returnType: Any = None) -> Any:
    """`pyspark.sql.functions.arrow_udtf`: a UDTF whose `eval` receives a batch's arguments as
    pyarrow Arrays and yields pyarrow Tables (or RecordBatches) of `returnType`'s columns."""
    if cls is None:
        return lambda c: UserDefinedTableFunction(c, returnType, evalType=EvalType.ARROW_UDTF)
    return UserDefinedTableFunction(cls, returnType, evalType=EvalType.ARROW_UDTF)


# ------------------------------------------------------------------------ registration


def session_table_functions(session: Any) -> dict[str, UserDefinedTableFunction]:
    reg = getattr(session, "_python_table_functions", None)
    if reg is None:
        reg = {}
        session._python_table_functions = reg
    return reg


class UDTFRegistration:
    """`spark.udtf`: register UDTFs under a name usable in SQL FROM clauses."""

    def __init__(self, session: Any):
        self._session = session

    def register(self, name: str, f: UserDefinedTableFunction) -> UserDefinedTableFunction:
        if not isinstance(f, UserDefinedTableFunction):
            raise PySparkTypeError(
                f"Invalid UDTF: expected a function decorated with @udtf, got "
                f"{type(f).__name__}.", "INVALID_UDTF_EVAL_TYPE")
        registered = f._renamed(name)
        session_table_functions(self._session)[name.lower()] = registered
        return registered


def resolve_table_function(session: Any, name: str) -> Any:
    """The SQL translator's hook: a registered UDTF's `call(args, table_args)`, or None."""
    if session is None:
        return None
    fn = session_table_functions(session).get(name.lower())
    return None if fn is None else fn.call


def install() -> None:
    from dfengine.sqlparse import hooks

    hooks.table_function_resolver = resolve_table_function
