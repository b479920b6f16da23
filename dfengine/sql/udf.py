"""Python user-defined functions: `F.udf`, `spark.udf.register`, and how SQL text finds them.

A `UserDefinedFunction` called on columns builds a `PythonUDF` expression (or a
`PythonAggregate` for a grouped aggregate pandas UDF); execution runs it per Arrow batch
(dfengine.compute.python_udf). Functions registered with `spark.udf.register` live in the
session's own registry, kept apart from the built-in catalogue: the SQL translator asks it
first (through `dfengine.sqlparse.hooks.function_resolver`), so a registered name shadows a
built-in, as a temporary function does in Spark.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from dfengine import types as T
from dfengine.errors import AnalysisException, PySparkNotImplementedError, PySparkTypeError
from dfengine.plan import expressions as E
from dfengine.plan.python_udf import EvalType, PythonAggregate, PythonUDF
from dfengine.sql.column import Column, to_expr

_REGISTERABLE = {EvalType.BATCHED, EvalType.ARROW_BATCHED, *EvalType.VECTORIZED,
                 *EvalType.AGGREGATE}


def parse_return_type(rt: Any) -> T.DataType:
    """A DataType, or a DDL string (`"int"`, `"array<string>"`, `"a int, b string"`)."""
    if isinstance(rt, T.DataType):
        return rt
    if isinstance(rt, str):
        return T._parse_datatype_string(rt)
    raise PySparkTypeError(f"returnType should be a DataType or a DDL string, got "
                           f"{type(rt).__name__}.", "NOT_DATATYPE_OR_STR")


class UserDefinedFunction:
    """What `F.udf`, `pandas_udf` and `spark.udf.register` return: call it on columns (or
    column names) to get a Column. Carries PySpark's attributes: `func`, `returnType`,
    `evalType`, `deterministic`, `asNondeterministic()`."""

    def __init__(self, func: Callable, returnType: Any = None, name: str | None = None,
                 evalType: int = EvalType.BATCHED, deterministic: bool = True):
        if not callable(func):
            raise PySparkTypeError(f"Invalid function: not a function or callable "
                                   f"(__call__ is not defined): {type(func).__name__}",
                                   "NOT_CALLABLE")
        self.func = func
        self._returnType = T.StringType() if returnType is None else returnType
        self._name = name or getattr(func, "__name__", type(func).__name__)
        self.evalType = evalType
        self.deterministic = deterministic
        functools.update_wrapper(self, func, assigned=("__module__", "__doc__"), updated=())
        self.__name__ = self._name

    @property
    def returnType(self) -> T.DataType:
        return parse_return_type(self._returnType)

    def asNondeterministic(self) -> UserDefinedFunction:
        self.deterministic = False
        return self

    def _renamed(self, name: str) -> UserDefinedFunction:
        return UserDefinedFunction(self.func, self._returnType, name, self.evalType,
                                   self.deterministic)

    def _expression(self, args: tuple[E.Expression, ...], func: Any = None,
                    names: tuple = ()) -> E.Expression:
        rt = self.returnType
        func = func or self.func
        if self.evalType in EvalType.AGGREGATE:
            return PythonAggregate(self._name, args, func=func, return_type=rt,
                                   eval_type=self.evalType, arg_names=names)
        if self.evalType not in _REGISTERABLE:
            raise PySparkTypeError(
                f"The pandas UDF `{self._name}` of eval type {self.evalType} cannot be called "
                "on columns; use it with groupBy().applyInPandas / apply or mapInPandas.",
                "INVALID_UDF_EVAL_TYPE")
        return PythonUDF(self._name, func, rt, self.evalType, args, self.deterministic, names)

    def __call__(self, *cols: Any, **kwargs: Any) -> Column:
        """Columns by position, and (PySpark 4) by keyword: `calc(b=col("x"), a=col("y"))`
        calls the function with those keyword arguments."""
        exprs = tuple(to_expr(c) for c in (*cols, *kwargs.values()))
        if not kwargs:
            return Column(self._expression(exprs))
        names = (None,) * len(cols) + tuple(kwargs)
        return Column(self._expression(exprs, _by_keyword(self.func, len(cols), tuple(kwargs)),
                                       names))

    def __repr__(self) -> str:
        return f"<dfengine UserDefinedFunction {self._name} returning {self.returnType}>"


def _by_keyword(f: Callable, positional: int, names: tuple[str, ...]) -> Callable:
    """`f` taking its last arguments by keyword (the evaluator passes all by position)."""
    def call(*args: Any) -> Any:
        return f(*args[:positional], **dict(zip(names, args[positional:])))

    call.__name__ = getattr(f, "__name__", "udf")
    return call


def _use_arrow_default() -> bool:
    from dfengine.sql.session import SparkSession

    s = SparkSession.getActiveSession()
    if s is None:
        return True
    # PySpark 4 runs plain UDFs Arrow-optimized unless this is "false"
    return str(s.conf.get("spark.sql.execution.pythonUDF.arrow.enabled", "true")).lower() == (
        "true")


def make_udf(f: Callable, returnType: Any = None, useArrow: bool | None = None
             ) -> UserDefinedFunction:
    arrow = _use_arrow_default() if useArrow is None else bool(useArrow)
    rt = T.StringType() if returnType is None else returnType
    parse_return_type(rt)  # a bad DDL string fails here, where the user wrote it
    hinted = _hinted_eval_type(f) if useArrow is None else None
    if hinted is not None:  # PySpark 4: pandas/arrow type hints make a vectorized udf
        return UserDefinedFunction(f, rt, evalType=hinted)
    return UserDefinedFunction(f, rt, evalType=EvalType.ARROW_BATCHED if arrow else
                               EvalType.BATCHED)


def _hinted_eval_type(f: Callable) -> int | None:
    from dfengine.sql.pandas_udf import infer_eval_type

    for arrow in (False, True):
        try:
            got = infer_eval_type(f, arrow)
        except (PySparkTypeError, TypeError, ValueError):
            got = None
        if got is not None:
            return got
    return None


def udf(f: Any = None, returnType: Any = None, *, useArrow: bool | None = None) -> Any:
    """`pyspark.sql.functions.udf`: `udf(f, "int")`, `@udf`, `@udf("int")`,
    `@udf(returnType=IntegerType(), useArrow=True)`."""
    if f is None or isinstance(f, (str, T.DataType)):
        rt = returnType if f is None else f
        return lambda fn: make_udf(fn, rt, useArrow)
    return make_udf(f, returnType, useArrow)


def call_udf(udfName: str, *cols: Any) -> Column:
    """`F.call_udf(name, *cols)`: call a function registered with `spark.udf.register`."""
    from dfengine.sql.session import SparkSession

    fn = lookup_function(SparkSession.getActiveSession(), udfName)
    if fn is None:
        raise AnalysisException(f"[UNRESOLVED_ROUTINE] Cannot resolve routine `{udfName}`; "
                                "register it first with spark.udf.register.",
                                "UNRESOLVED_ROUTINE")
    return fn(*cols)


# ------------------------------------------------------------------------ registration


def session_functions(session: Any) -> dict[str, UserDefinedFunction]:
    """The session's registry of Python functions (lower-case name -> UDF)."""
    reg = getattr(session, "_python_functions", None)
    if reg is None:
        reg = {}
        session._python_functions = reg
    return reg


def lookup_function(session: Any, name: str) -> UserDefinedFunction | None:
    if session is None:
        return None
    return session_functions(session).get(name.lower())


class UDFRegistration:
    """`spark.udf`: register Python functions under a name usable from SQL text."""

    def __init__(self, session: Any):
        self._session = session

    def register(self, name: str, f: Any, returnType: Any = None) -> UserDefinedFunction:
        if isinstance(f, UserDefinedFunction):
            if returnType is not None:
                raise PySparkTypeError(
                    "Invalid return type: returnType can not be specified when f is a "
                    "user-defined function; its return type is already set.",
                    "CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF")
            if f.evalType not in _REGISTERABLE:
                raise PySparkTypeError(
                    f"Invalid function: f must be a SQL_BATCHED_UDF, SQL_ARROW_BATCHED_UDF, "
                    f"SQL_SCALAR_PANDAS_UDF, SQL_SCALAR_PANDAS_ITER_UDF or "
                    f"SQL_GROUPED_AGG_PANDAS_UDF; got eval type {f.evalType}.",
                    "INVALID_UDF_EVAL_TYPE")
            registered = f._renamed(name)
        else:
            registered = make_udf(f, returnType)._renamed(name)
        session_functions(self._session)[name.lower()] = registered
        return registered

    def registerJavaFunction(self, name: str, javaClassName: str,
                             returnType: Any = None) -> None:
        raise PySparkNotImplementedError(
            f"registerJavaFunction('{name}', '{javaClassName}'): dfengine runs on Dask without "
            "a JVM, so Java/Scala UDF classes cannot be loaded. Port the function to Python "
            "and register it with spark.udf.register(name, f, returnType) (or pandas_udf for "
            "a vectorized one).", "NOT_IMPLEMENTED")

    def registerJavaUDAF(self, name: str, javaClassName: str) -> None:
        raise PySparkNotImplementedError(
            f"registerJavaUDAF('{name}', '{javaClassName}'): dfengine has no JVM; write the "
            "aggregate as a grouped aggregate pandas_udf (Series -> scalar) and register it "
            "with spark.udf.register.", "NOT_IMPLEMENTED")


def resolve_sql_function(session: Any, name: str) -> Callable[[list], E.Expression] | None:
    """The SQL translator's hook: registered functions shadow built-ins. Without a session
    (`F.expr` text), the active session's functions are used."""
    if session is None:
        from dfengine.sql.session import SparkSession

        session = SparkSession.getActiveSession()
    fn = lookup_function(session, name)
    if fn is None:
        return _class_function(session, name)
    return lambda args: fn._expression(tuple(args))


def _class_function(session: Any, name: str) -> None:
    """A name not built in that CREATE FUNCTION gave a Java class: a clear error."""
    from dfengine.functions.registry import find

    if session is None or find(name) is not None or not hasattr(session, "_tables"):
        return None
    from dfengine.catalog import class_functions

    fn = class_functions.find(session, (name,))
    if fn is not None:
        raise class_functions.cannot_load(fn)
    return None


def install() -> None:
    from dfengine.sqlparse import hooks

    hooks.function_resolver = resolve_sql_function
