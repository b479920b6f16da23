"""reflect / java_method / try_reflect: Spark calls a static Java method by name. There is no
JVM here, so the common static methods are mapped to Python equivalents with Java's results
(as strings, Double.toString formatting); any other method is refused at analysis, naming the
ones available, rather than guessed."""

from __future__ import annotations

import math
import urllib.parse
import uuid
from collections.abc import Callable
from typing import Any

import pyarrow as pa

from dfengine.errors import AnalysisException, SparkRuntimeException
from dfengine.functions.arrays import _py_map
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import S, returns
from dfengine.types.format import repr_double


def _java_round(x: float) -> int:
    return math.floor(x + 0.5)


def _parse_int(s: str) -> int:
    if not s or not s.lstrip("+-").isdigit():
        raise ValueError(f'For input string: "{s}"')
    return int(s)


_FLOAT_ARGS = {"sqrt", "exp", "log", "log10", "floor", "ceil", "sin", "cos", "tan", "cbrt",
               "toDegrees", "toRadians", "hypot", "pow", "signum"}
_MATH: dict[str, Callable[..., Any]] = {
    "abs": abs, "max": max, "min": min, "sqrt": math.sqrt, "pow": math.pow, "exp": math.exp,
    "log": math.log, "log10": math.log10, "floor": lambda x: float(math.floor(x)),
    "ceil": lambda x: float(math.ceil(x)),
    "round": _java_round, "signum": lambda x: math.copysign(1.0, x) if x else 0.0,
    "sin": math.sin, "cos": math.cos, "tan": math.tan, "cbrt": lambda x: math.copysign(
        abs(x) ** (1 / 3), x), "toDegrees": math.degrees, "toRadians": math.radians,
    "hypot": math.hypot,
}
METHODS: dict[str, dict[str, Callable[..., Any]]] = {
    "java.util.UUID": {"randomUUID": lambda: str(uuid.uuid4()),
                       "fromString": lambda s: str(uuid.UUID(s))},
    "java.net.URLDecoder": {"decode": lambda s, enc="UTF-8": urllib.parse.unquote_plus(
        s, encoding=enc)},
    "java.net.URLEncoder": {"encode": lambda s, enc="UTF-8": urllib.parse.quote_plus(
        s, safe="*-._", encoding=enc).replace("~", "%7E")},
    "java.lang.Math": _MATH,
    "java.lang.String": {"valueOf": lambda x: x},
    "java.lang.Integer": {"parseInt": _parse_int, "valueOf": _parse_int,
                          "toHexString": lambda x: format(x & 0xFFFFFFFF, "x"),
                          "toBinaryString": lambda x: format(x & 0xFFFFFFFF, "b")},
    "java.lang.Long": {"parseLong": _parse_int, "valueOf": _parse_int,
                       "toHexString": lambda x: format(x & 0xFFFFFFFFFFFFFFFF, "x")},
    "java.lang.Double": {"parseDouble": float, "valueOf": float},
    "scala.Predef": {"require": lambda ok: _require(ok)},
}


def _require(ok: Any) -> None:
    """scala.Predef.require: a void method (the text "null") that throws on false."""
    if ok is not True:
        raise ValueError("requirement failed")



def _java_string(v: Any) -> str:
    if v is None:  # a void method: Spark's String.valueOf(null)
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr_double(v)
    return str(v)


def resolve(klass: str, method: str) -> Callable[..., Any]:
    fn = METHODS.get(klass, {}).get(method)
    if fn is None:
        known = ", ".join(f"{k}.{m}" for k, ms in METHODS.items() for m in ms)
        raise AnalysisException(
            f'Cannot resolve "reflect({klass}, {method}, ...)": cannot find a static method '
            f"{method} in {klass}. dfengine has no JVM; the methods it maps are: {known}. Use "
            "a Python UDF for others.", "DATATYPE_MISMATCH.UNEXPECTED_STATIC_METHOD")
    return fn


def _reflect(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    klass, method = (a.as_py() for a in args[:2])
    fn = resolve(klass, method)
    is_math = klass == "java.lang.Math" and method in _FLOAT_ARGS
    lenient = e.spec.name == "try_reflect"

    def call(*values: Any) -> Any:
        if any(v is None for v in values):
            return None
        if is_math:
            values = tuple(float(v) for v in values)
        try:
            return _java_string(fn(*values))
        except (ValueError, TypeError, OverflowError) as exc:
            if lenient:
                return None
            raise SparkRuntimeException(
                f"{klass}.{method} failed: {exc}. Use try_reflect to get NULL instead.",
                "REFLECT_INVOCATION_FAILED") from None

    return _py_map(args[2:], table.num_rows, call, pa.string())


def _reflect_fn(name: str, **kw: Any) -> Function:
    return Function(name, returns(S), impl=_reflect, arity=(2, 99), deterministic=False,
                    params="*cols", **kw)


define(
    _reflect_fn("reflect", aliases=("java_method",),
                example="'java.util.UUID', 'fromString', 'a5cf6c42-0c85-418f-af6c-3e4e5b1328f2'"),
    _reflect_fn("try_reflect", example="'java.lang.Integer', 'parseInt', 'x'"),
    family="misc",
)
