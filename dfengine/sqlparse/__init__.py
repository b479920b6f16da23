"""SQL text -> logical plans and expressions. sqlglot parses (Spark dialect); we translate its
AST into our own nodes, so SQL and the DataFrame API produce the very same plans.

The names below load `dfengine.sqlparse.expressions` (and sqlglot) on first use, so importing
the package (e.g. for `dfengine.sqlparse.hooks`) stays light."""

from __future__ import annotations

from typing import Any

__all__ = ["parse_data_type", "parse_expression", "parse_sql"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from dfengine.sqlparse import expressions

        return getattr(expressions, name)
    raise AttributeError(f"module 'dfengine.sqlparse' has no attribute {name!r}")
