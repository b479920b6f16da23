"""DataFrame methods that need more than one plan node: zipWithIndex/zip (row positions
across partitions), `to(schema)`, withMetadata, inputFiles, plan identity
(sameSemantics/semanticHash), hints, and `asTable()` arguments."""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import (
    AnalysisException,
    IllegalArgumentException,
    PySparkTypeError,
    PySparkValueError,
)
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame


# ---------------------------------------------------------------------- positions


def _with_index(offset: int, name: str, table: pa.Table) -> pa.Table:
    idx = pa.array(range(offset, offset + table.num_rows), pa.int64())
    return table.append_column(name, idx)


def zip_with_index(df: DataFrame, name: str = "index") -> DataFrame:
    """Appends consecutive 0-based LONG positions: the partitions are computed once (kept
    on the cluster), their sizes give each partition's first position."""
    if not isinstance(name, str):
        raise PySparkTypeError("indexColName should be a str", "NOT_STR")
    client = df.sparkSession._runtime.client
    parts = client.compute(df._to_delayed())
    sizes = client.gather(client.map(lambda t: t.num_rows, parts, pure=False))
    offsets = [sum(sizes[:i]) for i in range(len(sizes))]
    indexed = client.map(_with_index, offsets, [name] * len(parts), parts, pure=False)
    schema = T.StructType(list(df.schema.fields) + [T.StructField(name, T.LongType(), False)])
    return df.sparkSession._from_delayed(indexed, schema, "ZipWithIndex")


def zip_frames(left: DataFrame, right: DataFrame) -> DataFrame:
    """Row i of `left` beside row i of `right`; both must have as many rows."""
    from dfengine.sql import functions as F

    a = zip_with_index(left, "__zip_l")
    b = zip_with_index(right, "__zip_r")
    na, nb = a.count(), b.count()
    if na != nb:
        raise PySparkValueError(f"zip needs DataFrames with as many rows, got {na} and {nb}.",
                                "DIFFERENT_ROWS")
    joined = a.join(b, F.col("__zip_l") == F.col("__zip_r")).orderBy("__zip_l")
    keep = [a[i] for i in range(len(left.columns))] + [b[i] for i in range(len(right.columns))]
    return joined.select(*keep)


# ------------------------------------------------------------------------ schema


def to_schema(df: DataFrame, schema: T.StructType) -> DataFrame:
    """Columns by name in `schema`'s order, cast to its types (PySpark `DataFrame.to`)."""
    from dfengine.sql import functions as F

    if not isinstance(schema, T.StructType):
        raise PySparkTypeError(f"schema should be a StructType, got {type(schema).__name__}",
                               "NOT_STRUCT")
    have = {c.lower(): c for c in df.columns}
    cols = []
    for f in schema.fields:
        src = have.get(f.name.lower())
        if src is None:
            if not f.nullable:
                raise AnalysisException(
                    f"A column `{f.name}` of the target "
                    f"schema cannot be resolved among [{', '.join(df.columns)}].",
                    "UNRESOLVED_COLUMN.WITH_SUGGESTION")
            cols.append(F.lit(None).cast(f.dataType).alias(f.name))
            continue
        cols.append(F.col(f"`{src}`").cast(f.dataType).alias(f.name))
    return df.select(*cols)


def with_metadata(df: DataFrame, name: str, metadata: dict[str, Any]) -> DataFrame:
    if not isinstance(metadata, dict):
        raise PySparkTypeError("metadata should be a dict", "NOT_DICT")
    return with_metadata_many(df, {name: metadata})


def with_metadata_many(df: DataFrame, metadata: dict[str, dict[str, Any]]) -> DataFrame:
    """`df` with the metadata of the named columns replaced: each becomes `c AS c`, a new
    attribute carrying its metadata (`attribute_metadata`); the other columns keep theirs."""
    from dfengine.sql.attribute_metadata import register

    missing = [n for n in metadata if n not in df.columns]
    if missing:
        raise AnalysisException(f"Column `{missing[0]}` not found among "
                                f"[{', '.join(df.columns)}].", "UNRESOLVED_COLUMN")
    exprs = []
    for a in df._attrs:
        if a.name in metadata:
            alias = E.Alias(a, a.name)
            register(alias.expr_id, metadata[a.name])
            exprs.append(alias)
        else:
            exprs.append(a)
    return df._new(L.Project(tuple(exprs), df._plan))


# ---------------------------------------------------------------------- plan facts


def input_files(df: DataFrame) -> list[str]:
    import os

    out: list[str] = []

    def visit(node: L.LogicalPlan) -> None:
        if isinstance(node, L.FileScan) and node.files is not None:
            out.extend("file://" + os.path.abspath(f.path) for f in node.files)
        for c in node.children:
            visit(c)

    visit(df._plan)
    return sorted(set(out))


def canonical_plan(df: DataFrame) -> str:
    """The optimized plan with expression ids numbered by first appearance and the names of
    columns and aliases erased (as Spark's canonicalized plans), so two DataFrames computing
    the same thing from the same sources compare equal whatever they call the results."""
    plan = df._qe().optimized
    text = re.sub(r"""name=(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")(?=, (?:dtype|expr_id)=)""",
                  "name=''", repr(plan))  # a column's or an alias's name
    ids: dict[str, str] = {}
    return re.sub(r"expr_id=(\d+)", lambda m: "expr_id=" + ids.setdefault(m.group(1),
                                                                          str(len(ids))), text)


def semantic_hash(df: DataFrame) -> int:
    h = zlib.crc32(canonical_plan(df).encode())
    return h - (1 << 32) if h >= 1 << 31 else h


# --------------------------------------------------------------------------- hints

_JOIN_HINTS = {"broadcast": "broadcast", "broadcastjoin": "broadcast", "mapjoin": "broadcast",
               "merge": "shuffle", "shufflemerge": "shuffle", "mergejoin": "shuffle",
               "shuffle_hash": "shuffle", "shuffle_replicate_nl": "shuffle"}


def apply_hint(df: DataFrame, name: str, params: tuple) -> DataFrame:
    """Join strategy hints are kept for the next join (BROADCAST builds on this side;
    MERGE/SHUFFLE_HASH/SHUFFLE_REPLICATE_NL forbid broadcasting it); partitioning hints
    (REPARTITION, COALESCE, REPARTITION_BY_RANGE, REBALANCE) act at once; others are ignored
    with a warning, as in Spark."""
    if not isinstance(name, str):
        raise PySparkTypeError(f"name should be a str, got {type(name).__name__}", "NOT_STR")
    key = name.lower()
    if key in _JOIN_HINTS:
        return df._with_hint(_JOIN_HINTS[key])
    nums = [p for p in params if isinstance(p, int) and not isinstance(p, bool)]
    cols = [p for p in params if not (isinstance(p, int) and not isinstance(p, bool))]
    if key in ("repartition", "rebalance"):
        return df.repartition(nums[0] if nums else None, *cols) if (nums or cols) else df
    if key == "coalesce":
        return df.coalesce(nums[0]) if nums else df
    if key == "repartition_by_range":
        return df.repartitionByRange(nums[0] if nums else None, *cols) if cols else df
    import warnings

    warnings.warn(f"Unrecognized hint: {name}({', '.join(map(str, params))}); ignored.",
                  stacklevel=3)
    return df


def join_hint(left: str | None, right: str | None) -> str | None:
    """The `L.Join.hint` for the two sides' hints (the right side's broadcast wins)."""
    if right == "broadcast":
        return "broadcast_right"
    if left == "broadcast":
        return "broadcast_left"
    if "shuffle" in (left, right):
        return "shuffle"
    return None


class TableArg:
    """`df.asTable()`: a table argument for a table-valued function (a Python UDTF)."""

    def __init__(self, df: DataFrame, partition_by: tuple = (), order_by: tuple = (),
                 single: bool = False) -> None:
        self.df = df
        self.partition_by = partition_by
        self.order_by = order_by
        self.single = single

    def partitionBy(self, *cols: Any) -> TableArg:
        if self.partition_by or self.single:
            raise IllegalArgumentException("Cannot call partitionBy() after partitionBy() or "
                                           "withSinglePartition() has been called.")
        cols = tuple(cols[0]) if len(cols) == 1 and isinstance(cols[0], list) else cols
        return TableArg(self.df, tuple(cols), self.order_by)

    def orderBy(self, *cols: Any) -> TableArg:
        if not (self.partition_by or self.single):
            raise IllegalArgumentException("Please call partitionBy() or withSinglePartition() "
                                           "before orderBy().")
        cols = tuple(cols[0]) if len(cols) == 1 and isinstance(cols[0], list) else cols
        return TableArg(self.df, self.partition_by, tuple(cols), self.single)

    def withSinglePartition(self) -> TableArg:
        if self.partition_by or self.single:
            raise IllegalArgumentException("Cannot call withSinglePartition() after "
                                           "partitionBy() or withSinglePartition() has been "
                                           "called.")
        return TableArg(self.df, (), self.order_by, True)

    def __repr__(self) -> str:
        return f"TableArg({self.df!r})"



# ------------------------------------------------------------------------ fresh ids


def fresh_ids(plan: L.LogicalPlan) -> L.LogicalPlan:
    """The same plan with every column id renewed (leaves, aliases, references alike): a
    DataFrame used as a subquery of a DataFrame over the same source must not look
    correlated with it (the DataFrame API builds uncorrelated subqueries only)."""
    import dataclasses

    from dfengine.plan import expressions as E

    mapping: dict[int, int] = {}

    def new_id(old: int) -> int:
        return mapping.setdefault(old, E.new_expr_id())

    def one(x: Any) -> Any:
        if isinstance(x, (E.AttributeReference, E.Alias)):
            return dataclasses.replace(x, expr_id=new_id(x.expr_id))
        return None

    def fix_expr(e: Any) -> Any:
        return e.transform_up(one)

    def fix_value(v: Any) -> Any:
        if isinstance(v, E.Expression):
            return fix_expr(v)
        if isinstance(v, tuple) and v and all(isinstance(x, E.Expression) for x in v):
            return tuple(fix_expr(x) for x in v)
        return v

    def fix_node(node: L.LogicalPlan) -> L.LogicalPlan:
        skip = set(getattr(node, "_child_fields", ()))
        updates = {}
        for f in dataclasses.fields(node):
            if f.name in skip:
                continue
            v = getattr(node, f.name)
            nv = fix_value(v)
            if nv is not v:
                updates[f.name] = nv
        return dataclasses.replace(node, **updates) if updates else node

    return plan.transform_up(fix_node)
