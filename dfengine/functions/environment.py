"""Functions of the session rather than of a row: current_database(), current_user(), version().

Spark resolves them once per query on the driver. Here they read `SESSION` (set by the SQL
layer when the current database or the time zone changes) and are deterministic within a
query, so constant folding replaces each call by its value on the driver before any task runs:
workers never read their own, stale, copy.
"""

from __future__ import annotations

import getpass
from typing import Any

import pyarrow as pa

from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import S, returns

SPARK_VERSION = "4.0.0"

SESSION: dict[str, str] = {
    "catalog": "spark_catalog",
    "database": "default",
    "timezone": "UTC",
}


def set_session_value(key: str, value: str) -> None:
    """Called by the SQL layer (USE db, spark.sql.session.timeZone)."""
    SESSION[key] = value


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a container without /etc/passwd entry
        return "unknown"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{SPARK_VERSION} dfengine-{version('dfengine')}"
    except PackageNotFoundError:
        return f"{SPARK_VERSION} dfengine"


_VALUES = {
    "current_catalog": lambda: SESSION["catalog"],
    "current_database": lambda: SESSION["database"],
    "current_user": _user,
    "current_timezone": lambda: SESSION["timezone"],
    "version": _version,
    "current_path": lambda: (
        f"system.builtin,system.session,{SESSION['catalog']}.{SESSION['database']}"),
}


def _value(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pa.scalar(_VALUES[e.spec.name](), pa.string())


def _session_fn(name: str, **kw: Any) -> Function:
    return Function(name, returns(S), impl=_value, nullable_rule="never", arity=(0, 0),
                    params="", example="", **kw)


define(
    _session_fn("current_catalog"),
    _session_fn("current_database", aliases=("current_schema",),
                display={"current_database": "current_schema"}),
    _session_fn("current_user", aliases=("user", "session_user")),
    _session_fn("current_timezone"),
    _session_fn("version"),
    _session_fn("current_path"),
    family="environment",
)
