"""The immutable tree base shared by expressions and plan nodes.

Nodes are frozen dataclasses. Each class names the fields that hold children in
`_child_fields`; a field holds one node, None, or a tuple of nodes. From that one declaration we
get `children`, `with_children` and the walks, so rules are written as `match` cases over a
`transform_up` instead of hand-written recursion (Catalyst's `transform`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, Self, TypeVar

T = TypeVar("T", bound="TreeNode")


# The analyzer's mark on a plan node it finished (`analyzer.is_analyzed`).
ANALYZED = "_analyzed"
# what nodes remember about themselves (cached properties, the analyzer's mark): derived from
# the fields, so copies and pickles (plans shipped inside Dask tasks) leave them out
_DERIVED = frozenset(("children", "reference_set", "reference_ids", "resolved", "foldable",
                      "deterministic", ANALYZED))


class TreeNode:
    _child_fields: tuple[str, ...] = ()

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__
        if not _DERIVED.isdisjoint(state):
            state = {k: v for k, v in state.items() if k not in _DERIVED}
        return state

    @cached_property
    def children(self) -> tuple[Any, ...]:
        """Computed once per node (nodes are immutable); rules walk the same trees many
        times while the optimizer runs."""
        out: list[Any] = []
        for name in self._child_fields:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, tuple):
                out.extend(value)
            else:
                out.append(value)
        return tuple(out)

    def with_children(self, *children: Any) -> Self:
        """A copy with new children, given in the order `children` lists them."""
        it = iter(children)
        updates: dict[str, Any] = {}
        for name in self._child_fields:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, tuple):
                updates[name] = tuple(next(it) for _ in value)
            else:
                updates[name] = next(it)
        return dataclasses.replace(self, **updates) if updates else self

    def map_children(self, fn: Callable[[Any], Any]) -> Self:
        kids = self.children
        if not kids:
            return self
        new = tuple(fn(c) for c in kids)
        if all(a is b for a, b in zip(new, kids)):
            return self
        return self.with_children(*new)

    def transform_up(self, fn: Callable[[Any], Any | None]) -> Self:
        """Rewrite children first, then this node; `fn` returns a node or None (unchanged)."""
        node = self.map_children(lambda c: c.transform_up(fn))
        out = fn(node)
        return node if out is None else out

    def transform_down(self, fn: Callable[[Any], Any | None]) -> Self:
        """Rewrite this node first, then the children of the result."""
        out = fn(self)
        node = self if out is None else out
        return node.map_children(lambda c: c.transform_down(fn))

    def walk(self) -> Iterator[Any]:
        """Pre-order iteration over this node and its descendants."""
        yield self
        for c in self.children:
            yield from c.walk()

    def find(self, cls: type) -> list[Any]:
        return [n for n in self.walk() if isinstance(n, cls)]
