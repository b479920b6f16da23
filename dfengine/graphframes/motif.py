"""Motif finding: GraphFrames' pattern language, translated into DataFrame joins.

    "(a)-[e]->(b); (b)-[e2]->(a)"     vertices a, b; edges e, e2
    "(a)-[]->(b); !(b)-[]->(a)"       anonymous elements; `!` negates a term (anti join)
    "(a)"                              a vertex on its own

Each named vertex is a struct column of the vertex's columns, each named edge a struct of the
edge's columns, in the order the names first appear. Anonymous elements are matched but not
returned. A vertex named twice is the same vertex; an edge name may appear only once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dfengine.errors import IllegalArgumentException
from dfengine.sql import functions as F

_EDGE = re.compile(r"^\((\w*)\)-\[(\w*)\]->\((\w*)\)$")
_VERTEX = re.compile(r"^\((\w*)\)$")


@dataclass(frozen=True)
class Term:
    src: str
    edge: str | None  # None: a lone vertex term
    dst: str
    negated: bool


def parse(pattern: str) -> list[Term]:
    terms = []
    for i, raw in enumerate(x.strip() for x in pattern.split(";")):
        if not raw:
            continue
        neg = raw.startswith("!")
        body = raw[1:].strip() if neg else raw
        body = re.sub(r"\s+", "", body)
        m, v = _EDGE.match(body), _VERTEX.match(body)
        if m:
            a, e, b = (m.group(k) or f"__anon{i}_{k}" for k in (1, 2, 3))
            terms.append(Term(a, e, b, neg))
        elif v and not neg:
            terms.append(Term(v.group(1), None, v.group(1), False))
        else:
            raise IllegalArgumentException(
                f"Cannot parse motif term {raw!r} in pattern {pattern!r}: write terms like "
                "'(a)-[e]->(b)', '(a)' or '!(a)-[]->(b)', separated by ';'.")
    if not terms:
        raise IllegalArgumentException(f"Motif pattern {pattern!r} has no terms.")
    _check(terms, pattern)
    return terms


def _check(terms: list[Term], pattern: str) -> None:
    edges = [t.edge for t in terms if t.edge and not t.edge.startswith("__anon")]
    dup = {x for x in edges if edges.count(x) > 1}
    if dup:
        raise IllegalArgumentException(
            f"Motif pattern {pattern!r} names edge {sorted(dup)[0]!r} more than once; give "
            "each edge its own name.")
    seen: set[str] = set()
    for t in terms:
        if t.negated:
            for name in (t.src, t.dst):
                if name not in seen and not name.startswith("__anon"):
                    raise IllegalArgumentException(
                        f"Vertex {name!r} of the negated term in {pattern!r} must appear in a "
                        "positive term before it.")
        else:
            seen.update((t.src, t.dst))


def _public(name: str) -> bool:
    return not name.startswith("__anon")


def _key(name: str) -> str:
    return f"__id_{name}"


class _Matcher:
    def __init__(self, graph: Any) -> None:
        self.v, self.e = graph.vertices, graph.edges
        self.df: Any = None
        self.bound: set[str] = set()

    def vertex_struct(self, name: str) -> Any:
        return self.v.select(F.col("id").alias(_key(name)),
                             F.struct(*[F.col(c) for c in self.v.columns]).alias(name))

    def edge_frame(self, t: Term) -> Any:
        cols = [F.col("src").alias(_key(t.src))]
        if t.dst != t.src:
            cols.append(F.col("dst").alias(_key(t.dst)))
        if _public(t.edge) and not t.negated:
            cols.append(F.struct(*[F.col(c) for c in self.e.columns]).alias(t.edge))
        e = self.e if t.dst != t.src else self.e.filter(F.col("src") == F.col("dst"))
        return e.select(*cols)

    def join(self, other: Any, keys: list[str], how: str = "inner") -> None:
        if self.df is None:
            self.df = other
        elif keys:
            self.df = self.df.join(other, keys, how)
        else:
            self.df = self.df.crossJoin(other)

    def add_vertex(self, name: str) -> None:
        if name in self.bound:
            return
        keys = [_key(name)] if self.df is not None and _key(name) in self.df.columns else []
        if _public(name):
            self.join(self.vertex_struct(name), keys)
        elif not keys:
            self.join(self.v.select(F.col("id").alias(_key(name))), keys)
        self.bound.add(name)

    def add(self, t: Term) -> None:
        if t.edge is None:
            self.add_vertex(t.src)
            return
        frame = self.edge_frame(t)
        keys = [_key(x) for x in dict.fromkeys((t.src, t.dst)) if x in self.bound]
        if t.negated:
            self.df = self.df.join(frame.select(*keys).distinct(), keys, "left_anti")
            return
        self.join(frame, keys)
        for x in (t.src, t.dst):
            self.add_vertex(x)


def find(graph: Any, pattern: str) -> Any:
    terms = parse(pattern)
    m = _Matcher(graph)
    for t in terms:
        m.add(t)
    names = []
    for t in terms:
        if t.negated:
            continue
        for x in (t.src, t.edge, t.dst):
            if x and _public(x) and x not in names:
                names.append(x)
    return m.df.select(*names)
