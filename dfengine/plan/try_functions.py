"""The analyzer's rewrite of the try_* catalogue entries (dfengine/functions/try_functions.py)
into the expressions they stand for, evaluated in "try" mode (NULL instead of an error).

`try_sum(x)` of an integral x stays an aggregate of its own (NULL once a running bigint sum
overflows, as Spark's try_sum); of anything else it is `sum(x)`, as
`try_avg(x)` is `avg(x)` run as non-ANSI (a decimal average that overflows is NULL).
"""

from __future__ import annotations

from collections.abc import Callable

from dfengine import types as T
from dfengine.plan import expressions as E

_OPS = {"try_add": "+", "try_subtract": "-", "try_multiply": "*", "try_divide": "/",
        "try_mod": "%"}
_LENIENT = {"try_element_at": "element_at", "try_to_timestamp": "to_timestamp",
            "try_to_date": "to_date"}


def _try_sum(e: E.AggregateFunction) -> E.Expression | None:
    """try_sum of integers stays try_sum (executed as Spark's: NULL as soon as a running
    bigint sum overflows, see execution/operators/aggregate.py); of anything else, sum."""
    x = e.args[0]
    if isinstance(x.data_type, T.IntegralType):
        return None
    return E.AggregateFunction("sum", e.args, e.distinct, called="try_sum")


def _rewrite(e: E.Expression) -> E.Expression | None:
    name = getattr(e, "name", "").lower()
    if isinstance(e, E.ScalarFunction) and name in _OPS:
        return E.BinaryArithmetic(_OPS[name], e.args[0], e.args[1], "try")
    if isinstance(e, E.ScalarFunction) and name in _LENIENT:
        return E.ScalarFunction(_LENIENT[name], e.args, ansi=False)
    if isinstance(e, E.AggregateFunction) and name == "try_sum":
        return _try_sum(e)
    if isinstance(e, E.AggregateFunction) and name == "try_avg":
        return E.AggregateFunction("avg", e.args, e.distinct, called="try_avg")
    return None


REWRITE: Callable[[E.Expression], E.Expression | None] = _rewrite
NAMES = frozenset(_OPS) | frozenset(_LENIENT) | {"try_sum", "try_avg"}
