"""Python lambdas as Spark lambda functions: `F.transform("xs", lambda x: x + 1)` calls the
Python function once, with Columns standing for its parameters, and keeps the Column it
returns as the lambda's body (PySpark's `_create_lambda`)."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from dfengine.errors import PySparkValueError
from dfengine.plan.lambdas import LambdaFunction, LambdaVariable
from dfengine.sql.column import Column

_POSITIONAL = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.POSITIONAL_ONLY)


def python_lambda(f: Callable) -> LambdaFunction:
    params = list(inspect.signature(f).parameters.values())
    name = getattr(f, "__name__", type(f).__name__)
    if not 1 <= len(params) <= 3:
        raise PySparkValueError(
            f"Function `{name}` should take between 1 and 3 arguments, but the provided "
            f"function takes {len(params)}.", "WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION")
    if not all(p.kind in _POSITIONAL for p in params):
        raise PySparkValueError(
            f"Function `{name}` should use only POSITIONAL or POSITIONAL OR KEYWORD arguments.",
            "UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION")
    variables = tuple(LambdaVariable(n) for n in ("x", "y", "z")[:len(params)])
    out = f(*(Column(v) for v in variables))
    if not isinstance(out, Column):
        raise PySparkValueError(
            f"Function `{name}` should return Column, got {type(out).__name__}.",
            "HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN")
    return LambdaFunction(out._expr, variables)
