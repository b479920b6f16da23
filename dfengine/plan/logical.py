"""Logical plan nodes: what a query computes, not how.

Both front ends (DataFrame API and SQL) build these nodes; the analyzer resolves them, the
optimizer rewrites them and execution lowers them. Each node derives its `output` (resolved
attributes) from its children and expressions, so a schema is never stored twice.
Sources that hold data (in-memory tables, Dask partitions, user functions) keep it in a field
excluded from equality and compare by a `source_id` instead, so comparing plans stays cheap.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from dfengine import types as T
from dfengine.plan.expressions import (
    AttributeReference,
    Expression,
    SortOrder,
    to_attribute,
)
from dfengine.plan.tree import ANALYZED, TreeNode

_source_ids = itertools.count(1)


def new_source_id() -> int:
    return next(_source_ids)


class LogicalPlan(TreeNode):
    _expr_fields: tuple[str, ...] = ()

    @property
    def output(self) -> list[AttributeReference]:  # pragma: no cover
        raise NotImplementedError(type(self).__name__)

    @property
    def schema(self) -> T.StructType:
        return T.StructType([T.StructField(a.name, a.dtype, a.nullable) for a in self.output])

    @property
    def resolved(self) -> bool:
        if self.__dict__.get(ANALYZED):  # set by the analyzer on what it finished
            return True
        return all(e.resolved for e in self.expressions()) and all(
            c.resolved for c in self.children)

    def expressions(self) -> list[Expression]:
        out: list[Expression] = []
        for name in self._expr_fields:
            v = getattr(self, name)
            if v is None:
                continue
            if isinstance(v, tuple):
                out.extend(v)
            else:
                out.append(v)
        return out

    def map_expressions(self, fn: Callable[[Expression], Expression]) -> LogicalPlan:
        """A copy with `fn` applied to each top-level expression of this node."""
        import dataclasses

        updates = {}
        for name in self._expr_fields:
            v = getattr(self, name)
            if v is None:
                continue
            updates[name] = tuple(fn(e) for e in v) if isinstance(v, tuple) else fn(v)
        return dataclasses.replace(self, **updates) if updates else self

    def transform_expressions(self, fn: Callable[[Expression], Expression | None]) -> LogicalPlan:
        return self.map_expressions(lambda e: e.transform_up(fn))

    def input_attributes(self) -> list[AttributeReference]:
        return [a for c in self.children for a in c.output]

    def node_string(self) -> str:
        return type(self).__name__

    def tree_string(self, annotate: Callable[[LogicalPlan], str] | None = None) -> str:
        lines: list[str] = []

        def go(node: LogicalPlan, depth: int) -> None:
            extra = annotate(node) if annotate else ""
            lines.append("  " * depth + node.node_string() + (f" {extra}" if extra else ""))
            for c in node.children:
                go(c, depth + 1)

        go(self, 0)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.tree_string()


def _exprs(es: Any) -> str:
    return ", ".join(_expr_str(e) for e in es)


def _expr_str(e: Expression) -> str:
    from dfengine.plan.expressions import Alias

    if isinstance(e, Alias):
        inner = e.child.sql()
        return inner if inner == e.name else f"{inner} AS {e.name}"
    return e.sql()


# ------------------------------------------------------------------------------- leaves


class LeafNode(LogicalPlan):
    pass


@dataclass(frozen=True)
class UnresolvedRelation(LeafNode):
    name: tuple[str, ...]

    @property
    def resolved(self) -> bool:
        return False

    @property
    def output(self) -> list[AttributeReference]:
        return []

    def node_string(self) -> str:
        return f"UnresolvedRelation: {'.'.join(self.name)}"


@dataclass(frozen=True)
class LocalRelation(LeafNode):
    """Rows given by the user (createDataFrame), held as one Arrow table split in slices."""

    attrs: tuple[AttributeReference, ...]
    source_id: int
    num_partitions: int = 1
    data: Any = field(default=None, compare=False, repr=False)

    @property
    def output(self) -> list[AttributeReference]:
        return list(self.attrs)

    def node_string(self) -> str:
        return f"LocalRelation: [{_exprs(self.attrs)}] rows={self.data.num_rows}"


@dataclass(frozen=True)
class RangeRelation(LeafNode):
    start: int
    end: int
    step: int
    num_partitions: int
    attr: AttributeReference

    @property
    def output(self) -> list[AttributeReference]:
        return [self.attr]

    def node_string(self) -> str:
        return (f"Range: ({self.start}, {self.end}, step={self.step}, "
                f"splits={self.num_partitions})")


@dataclass(frozen=True)
class FileScan(LeafNode):
    """A parquet/csv/json source. `columns` (read only these) and `pushed_filters` are filled
    by the optimizer; `data_schema` is the file schema after options (header, schema, ...)."""

    format: str
    paths: tuple[str, ...]
    attrs: tuple[AttributeReference, ...]
    options: tuple[tuple[str, str], ...] = ()
    partition_columns: tuple[str, ...] = ()
    columns: tuple[str, ...] | None = None
    pushed_filters: tuple[Expression, ...] = ()
    source_id: int = 0
    files: Any = field(default=None, compare=False, repr=False)
    # (db, name) of the catalog table this scans: its files are listed again at each action
    table: tuple[str, str] | None = None

    @property
    def output(self) -> list[AttributeReference]:
        if self.columns is None:
            return list(self.attrs)
        keep = set(self.columns)
        return [a for a in self.attrs if a.name in keep]

    @property
    def option_dict(self) -> dict[str, str]:
        return dict(self.options)

    def node_string(self) -> str:
        path = self.paths[0] if len(self.paths) == 1 else f"{self.paths[0]} (+{len(self.paths) - 1})"
        s = f"Scan {self.format} {path} columns=[{', '.join(a.name for a in self.output)}]"
        if self.pushed_filters:
            s += f" pushed=[{_exprs(self.pushed_filters)}]"
        return s


@dataclass(frozen=True)
class DelayedRelation(LeafNode):
    """Partitions computed elsewhere (an RDD, a cached result, an ML block): each a Dask
    delayed or future producing a pyarrow.Table with the output's user names."""

    attrs: tuple[AttributeReference, ...]
    source_id: int
    label: str = "Delayed"
    parts: Any = field(default=None, compare=False, repr=False)

    @property
    def output(self) -> list[AttributeReference]:
        return list(self.attrs)

    def node_string(self) -> str:
        return f"{self.label}: [{_exprs(self.attrs)}] partitions={len(self.parts)}"


# ------------------------------------------------------------------------------ unary


@dataclass(frozen=True)
class Project(LogicalPlan):
    exprs: tuple[Expression, ...]
    child: LogicalPlan
    _child_fields = ("child",)
    _expr_fields = ("exprs",)

    @cached_property
    def output(self) -> list[AttributeReference]:
        return [to_attribute(e) for e in self.exprs]

    def node_string(self) -> str:
        return f"Project: [{_exprs(self.exprs)}]"


@dataclass(frozen=True)
class Filter(LogicalPlan):
    condition: Expression
    child: LogicalPlan
    _child_fields = ("child",)
    _expr_fields = ("condition",)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output

    def node_string(self) -> str:
        return f"Filter: {self.condition.sql()}"


@dataclass(frozen=True)
class Aggregate(LogicalPlan):
    grouping: tuple[Expression, ...]
    aggregates: tuple[Expression, ...]
    child: LogicalPlan
    _child_fields = ("child",)
    _expr_fields = ("grouping", "aggregates")

    @cached_property
    def output(self) -> list[AttributeReference]:
        return [to_attribute(e) for e in self.aggregates]

    def node_string(self) -> str:
        return f"Aggregate: groupBy=[{_exprs(self.grouping)}], aggr=[{_exprs(self.aggregates)}]"


@dataclass(frozen=True)
class Sort(LogicalPlan):
    orders: tuple[SortOrder, ...]
    child: LogicalPlan
    is_global: bool = True
    _child_fields = ("child",)
    _expr_fields = ("orders",)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output

    def node_string(self) -> str:
        return f"Sort: [{_exprs(self.orders)}]" + ("" if self.is_global else " local")


@dataclass(frozen=True)
class Limit(LogicalPlan):
    n: int
    child: LogicalPlan
    offset: int = 0
    _child_fields = ("child",)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output

    def node_string(self) -> str:
        return f"Limit: {self.n}" + (f" offset={self.offset}" if self.offset else "")


@dataclass(frozen=True)
class Distinct(LogicalPlan):
    child: LogicalPlan
    _child_fields = ("child",)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output

    def node_string(self) -> str:
        return "Distinct"


@dataclass(frozen=True)
class Deduplicate(LogicalPlan):
    keys: tuple[AttributeReference, ...]
    child: LogicalPlan
    _child_fields = ("child",)
    _expr_fields = ("keys",)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output

    def node_string(self) -> str:
        return f"Deduplicate: [{_exprs(self.keys)}]"


@dataclass(frozen=True)
class SubqueryAlias(LogicalPlan):
    alias: str
    child: LogicalPlan
    _child_fields = ("child",)

    @cached_property
    def output(self) -> list[AttributeReference]:
        return [a.with_qualifier((self.alias,)) for a in self.child.output]

    def node_string(self) -> str:
        return f"SubqueryAlias: {self.alias}"


@dataclass(frozen=True)
class Window(LogicalPlan):
    """Adds one column per window expression (all sharing partition and order keys)."""

    window_exprs: tuple[Expression, ...]
    child: LogicalPlan
    _child_fields = ("child",)
    _expr_fields = ("window_exprs",)

    @cached_property
    def output(self) -> list[AttributeReference]:
        return self.child.output + [to_attribute(e) for e in self.window_exprs]

    def node_string(self) -> str:
        return f"Window: [{_exprs(self.window_exprs)}]"


@dataclass(frozen=True)
class Generate(LogicalPlan):
    """explode / posexplode: one output row per element of an array or map column."""

    generator: Expression
    outer: bool
    generator_output: tuple[AttributeReference, ...]
    child: LogicalPlan
    _child_fields = ("child",)
    _expr_fields = ("generator",)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output + list(self.generator_output)

    def node_string(self) -> str:
        return f"Generate: {self.generator.sql()} -> [{_exprs(self.generator_output)}]"


@dataclass(frozen=True)
class MapPartitions(LogicalPlan):
    """A Python function over each partition (ML transformers, mapInArrow). It sees and returns
    tables named by user column names; execution renames to and from attribute keys."""

    attrs: tuple[AttributeReference, ...]
    child: LogicalPlan
    source_id: int
    label: str = "MapPartitions"
    fn: Any = field(default=None, compare=False, repr=False)
    _child_fields = ("child",)

    @property
    def output(self) -> list[AttributeReference]:
        return list(self.attrs)

    def node_string(self) -> str:
        return f"{self.label}: [{_exprs(self.attrs)}]"


@dataclass(frozen=True)
class Repartition(LogicalPlan):
    num_partitions: int | None
    keys: tuple[Expression, ...]
    child: LogicalPlan
    shuffle: bool = True
    # repartitionById: keys[0] is the target partition (mod n, NULL to 0), not hashed
    by_id: bool = False
    _child_fields = ("child",)
    _expr_fields = ("keys",)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output

    def node_string(self) -> str:
        how = "by id" if self.by_id else "hash" if self.keys else (
            "round robin" if self.shuffle else "coalesce")
        return f"Repartition: {how} n={self.num_partitions} [{_exprs(self.keys)}]"


@dataclass(frozen=True)
class Sample(LogicalPlan):
    fraction: float
    with_replacement: bool
    seed: int
    child: LogicalPlan
    _child_fields = ("child",)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output

    def node_string(self) -> str:
        return f"Sample: fraction={self.fraction} seed={self.seed}"


@dataclass(frozen=True)
class CachedRelation(LeafNode):
    """A cached DataFrame's result, swapped in for the plan it was computed from."""

    attrs: tuple[AttributeReference, ...]
    source_id: int
    entry: Any = field(default=None, compare=False, repr=False)

    @property
    def output(self) -> list[AttributeReference]:
        return list(self.attrs)

    def node_string(self) -> str:
        return f"InMemoryRelation: [{_exprs(self.attrs)}]"


# ------------------------------------------------------------------------------ binary


JOIN_TYPES = ("inner", "left", "right", "full", "left_semi", "left_anti", "cross")


@dataclass(frozen=True)
class Join(LogicalPlan):
    left: LogicalPlan
    right: LogicalPlan
    how: str
    condition: Expression | None = None
    hint: str | None = None
    _child_fields = ("left", "right")
    _expr_fields = ("condition",)

    @cached_property
    def output(self) -> list[AttributeReference]:
        lo, ro = self.left.output, self.right.output
        if self.how in ("left_semi", "left_anti"):
            return lo
        if self.how == "left":
            ro = [a.with_nullability(True) for a in ro]
        elif self.how == "right":
            lo = [a.with_nullability(True) for a in lo]
        elif self.how == "full":
            lo = [a.with_nullability(True) for a in lo]
            ro = [a.with_nullability(True) for a in ro]
        return lo + ro

    def node_string(self) -> str:
        cond = f", {self.condition.sql()}" if self.condition is not None else ""
        hint = f" hint={self.hint}" if self.hint else ""
        return f"Join: {self.how}{cond}{hint}"


@dataclass(frozen=True)
class Union(LogicalPlan):
    inputs: tuple[LogicalPlan, ...]
    _child_fields = ("inputs",)

    @cached_property
    def output(self) -> list[AttributeReference]:
        first = self.inputs[0].output
        nullable = [any(c.output[i].nullable for c in self.inputs) for i in range(len(first))]
        return [a.with_nullability(n) for a, n in zip(first, nullable)]

    def node_string(self) -> str:
        return "Union"


@dataclass(frozen=True)
class SetOperation(LogicalPlan):
    """INTERSECT / EXCEPT [ALL]; `kind` is intersect or except."""

    kind: str
    left: LogicalPlan
    right: LogicalPlan
    is_all: bool = False
    _child_fields = ("left", "right")

    @property
    def output(self) -> list[AttributeReference]:
        return self.left.output

    def node_string(self) -> str:
        return f"{self.kind.capitalize()}{' All' if self.is_all else ''}"
