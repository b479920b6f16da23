"""Duplicate keys in the maps a function builds (`map`, `map_from_arrays`, `map_concat`,
`str_to_map`, `transform_keys`, ...): Spark's spark.sql.mapKeyDedupPolicy.

EXCEPTION (the default) raises DUPLICATED_MAP_KEY; LAST_WIN keeps the key where it first
appeared with the value it was given last (`map(1, 'a', 2, 'b', 1, 'c')` is {1 -> c, 2 -> b}).
The policy is written into the plan (`ScalarFunction.last_win`, plan/map_key_dedup.py) and
`evaluate` sets `LAST_WIN` around the call of such a function, so its kernel reads it here
without a session.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

from dfengine.errors import SparkRuntimeException

LAST_WIN: ContextVar[bool] = ContextVar("map_key_last_win", default=False)

# the functions that build maps from keys they are given (the names plan/map_key_dedup.py
# stamps)
BUILDERS = frozenset({"map", "map_from_arrays", "map_from_entries", "map_concat", "str_to_map",
                      "transform_keys"})


def duplicate_key_error(key: Any) -> SparkRuntimeException:
    return SparkRuntimeException(
        f"[DUPLICATED_MAP_KEY] Duplicate map key {key} was found, please check the input "
        "data. If you want to remove the duplicated keys, you can set "
        "\"spark.sql.mapKeyDedupPolicy\" to \"LAST_WIN\" so that the key inserted at last "
        "takes precedence.", "DUPLICATED_MAP_KEY")


def _frozen(k: Any) -> Any:
    """A hashable stand-in for a key (array and struct keys arrive as lists and dicts)."""
    if isinstance(k, list):
        return tuple(_frozen(x) for x in k)
    if isinstance(k, dict):
        return tuple((n, _frozen(x)) for n, x in k.items())
    return k


def unique_entries(pairs: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The (key, value) pairs of one map under the policy in force."""
    out: dict = {}
    last_win = LAST_WIN.get()
    for k, v in pairs:
        f = _frozen(k)
        if f in out and not last_win:
            raise duplicate_key_error(k)
        out[f] = (out[f][0] if f in out else k, v)
    return list(out.values())
