"""Column metadata (Spark's `StructField.metadata`, e.g. ML attributes) kept by attribute id.

Spark stores metadata on each `AttributeReference`, so `select`, `filter`, `randomSplit`,
`cache`, joins and aliases of a column keep it. dfengine's plan attributes carry no metadata;
this registry maps an attribute's `expr_id` to its metadata instead:

- `withMetadata(c, m)` selects `c AS c` (a new attribute) and registers `m` for it, so the
  frame it was called on keeps its own metadata, and chained calls add up;
- `Column.alias(name, metadata=m)` registers `m` for the alias;
- `_map_partitions` registers the metadata of the schema it is given;
- attributes pass unchanged (same `expr_id`) through filters, samples, caches, bare column
  selects and joins; an alias of a bare column takes the column's metadata, as Spark's
  `Alias.metadata` does.

A registered id never changes meaning (ids are fresh when registered), so a plan's metadata is
fixed once the plan exists and a DataFrame can cache its schema.
"""

from __future__ import annotations

from typing import Any

from dfengine import types as T
from dfengine.plan import expressions as E

_REGISTRY: dict[int, dict[str, Any]] = {}


def register(expr_id: int, metadata: dict[str, Any]) -> None:
    _REGISTRY[expr_id] = dict(metadata)


def _aliases(plan: Any) -> dict[int, int]:
    """alias expr_id -> the expr_id of the bare column (or alias) it renames, over the whole
    plan (withColumn("x", col.alias("x", metadata=m)) aliases the alias)."""
    out: dict[int, int] = {}
    stack = [plan]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        exprs = list(node.expressions())
        while exprs:
            e = exprs.pop()
            if isinstance(e, E.Alias) and isinstance(e.child, (E.AttributeReference, E.Alias)):
                out[e.expr_id] = e.child.expr_id  # Spark's Alias.metadata: a named child's
            exprs.extend(e.children)
    return out


def _lookup(expr_id: int, aliases: dict[int, int]) -> dict[str, Any] | None:
    for _ in range(len(aliases) + 1):
        if expr_id in _REGISTRY:
            return _REGISTRY[expr_id]
        if expr_id not in aliases:
            return None
        expr_id = aliases[expr_id]
    return None


def schema_of(plan: Any) -> T.StructType:
    """The plan's schema with the registered metadata of its output columns."""
    schema = plan.schema
    if not _REGISTRY or len(plan.output) != len(schema.fields):
        return schema
    aliases = _aliases(plan)
    fields = []
    for a, f in zip(plan.output, schema.fields, strict=True):
        md = _lookup(a.expr_id, aliases)
        fields.append(T.StructField(f.name, f.dataType, f.nullable, dict(md)) if md else f)
    return T.StructType(fields)


def register_schema(attrs: tuple, schema: T.StructType) -> None:
    """Register the metadata of `schema`'s fields for the attributes made from them."""
    for a, f in zip(attrs, schema.fields, strict=True):
        if f.metadata:
            register(a.expr_id, f.metadata)
