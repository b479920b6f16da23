"""Analyzed logical plans, built the same way for both front ends.

`DataFrame` methods and the SQL translator (`dfengine.sqlparse`) call these, so a select with
`explode`, a UNION of differently typed inputs or a ROLLUP means one plan whichever front end
wrote it, and the SQL layer never goes through the DataFrame API. Tests build plans here too,
without a session (DataFusion's `LogicalPlanBuilder` plays this part there):

    >>> b = PlanBuilder(Analyzer({"t": t_relation}.get))
    >>> b.filter(b.table("t"), E.Comparison(">", E.UnresolvedAttribute(("a",)), E.Literal(1)))
"""

from __future__ import annotations

from collections.abc import Sequence

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan.analyzer import Analyzer
from dfengine.plan.grouping_sets import grouping_sets_plan

GENERATORS = frozenset({"explode", "explode_outer", "posexplode", "posexplode_outer",
                        "json_tuple", "inline", "inline_outer", "stack"})
# Generators whose catalogue entry computes each row's output rows itself, as an
# array<struct>: every struct field becomes an output column.
ROW_GENERATORS = frozenset({"json_tuple"})


def generator_of(e: E.Expression) -> E.ScalarFunction | None:
    """The generator call of a select item (`explode(xs)` or `explode(xs).alias("x")`)."""
    inner = e.child if isinstance(e, (E.Alias, E.MultiAlias)) else e
    if isinstance(inner, E.ScalarFunction) and inner.name in GENERATORS:
        return inner
    return None


class PlanBuilder:
    """Makes analyzed plans: every method resolves names and types before it returns."""

    def __init__(self, analyzer: Analyzer):
        self.analyzer = analyzer

    def analyze(self, plan: L.LogicalPlan) -> L.LogicalPlan:
        return self.analyzer.run(plan)

    def resolve(self, e: E.Expression, plan: L.LogicalPlan) -> E.Expression:
        return self.analyzer.resolve_expression(e, plan.output)

    # ------------------------------------------------------------------ relations

    def table(self, *name: str) -> L.LogicalPlan:
        return self.analyze(L.UnresolvedRelation(tuple(name)))

    def filter(self, plan: L.LogicalPlan, condition: E.Expression) -> L.LogicalPlan:
        return self.analyze(L.Filter(condition, plan))

    def project(self, plan: L.LogicalPlan, items: Sequence[E.Expression]) -> L.LogicalPlan:
        return self.analyze(L.Project(tuple(E.named(e) for e in items), plan))

    def aggregate(self, plan: L.LogicalPlan, grouping: Sequence[E.Expression],
                  items: Sequence[E.Expression]) -> L.LogicalPlan:
        return self.analyze(L.Aggregate(tuple(grouping), tuple(E.named(e) for e in items),
                                        plan))

    def join(self, left: L.LogicalPlan, right: L.LogicalPlan, kind: str = "inner",
             condition: E.Expression | None = None) -> L.LogicalPlan:
        return self.analyze(L.Join(left, right, kind, condition))

    def distinct(self, plan: L.LogicalPlan) -> L.LogicalPlan:
        return self.analyze(L.Distinct(plan))

    # ------------------------------------------------------------------ select

    def select(self, plan: L.LogicalPlan, items: Sequence[E.Expression]) -> L.LogicalPlan:
        """A projection; a generator item (`explode`) becomes a Generate node below it, its
        output columns taking the item's place."""
        for idx, item in enumerate(items):
            if generator_of(item) is not None:
                # `*` is the input's columns, not the generator's output (Spark: select('*',
                # explode(a)) adds one `col`)
                expanded = [x for e in items for x in (
                    self.analyzer.expand_star(e, list(plan.output))
                    if isinstance(e, E.UnresolvedStar) else [e])]
                idx = next(i for i, e in enumerate(expanded) if generator_of(e) is not None)
                return self._select_with_generator(plan, expanded, idx)
        return self.project(plan, items)

    def _select_with_generator(self, plan: L.LogicalPlan, items: list[E.Expression],
                               idx: int) -> L.LogicalPlan:
        item = items[idx]
        alias = item.name if isinstance(item, E.Alias) else None
        gen = generator_of(item)
        resolved = self.resolve(gen, plan)
        if gen.name == "stack":
            resolved = stack_as_inline(resolved)
        names, types = _generator_columns(resolved.name, resolved, alias)
        if alias is not None and len(names) != 1:  # withColumn('e', explode(a_map))
            raise AnalysisException(
                "The number of aliases supplied in the AS clause does not match the number of "
                f"columns output by the UDTF. Expected {len(names)} aliases, but got {alias}. "
                f"Name each column: {gen.name}(...).alias({', '.join(repr(n) for n in names)})"
                ".", "UDTF_ALIAS_NUMBER_MISMATCH")
        if isinstance(item, E.MultiAlias):
            if len(item.names) != len(names):
                raise AnalysisException(
                    f"The number of aliases supplied in the AS clause does not match the "
                    f"number of columns output by {gen.name}: expected {len(names)} aliases "
                    f"({', '.join(names)}), but got {len(item.names)} "
                    f"({', '.join(item.names)}).", "UDTF_ALIAS_NUMBER_MISMATCH")
            names = list(item.names)
        out = tuple(E.AttributeReference(n, t, True) for n, t in zip(names, types))
        generated = self.analyze(L.Generate(resolved, gen.name.endswith("outer"), out, plan))
        rest = ([E.named(e) for e in items[:idx]] + list(out)
                + [e if generator_of(e) is not None else E.named(e) for e in items[idx + 1:]])
        # a later generator in the same select nests below this one (Spark 4: the rows of
        # `explode(a), explode(b)` are the pairs)
        return self.select(generated, rest)

    # ------------------------------------------------------------------ set operations

    def union(self, left: L.LogicalPlan, right: L.LogicalPlan) -> L.LogicalPlan:
        """UNION ALL by position, each column cast to the widest type of its position."""
        if len(left.output) != len(right.output):
            raise AnalysisException(
                f"UNION can only be performed on inputs with the same number of columns, but "
                f"the first table has {len(left.output)} columns and the second table has "
                f"{len(right.output)} columns.", "NUM_COLUMNS_MISMATCH")
        return self.analyze(L.Union(tuple(self._coerce_union([left, right]))))

    def _coerce_union(self, plans: list[L.LogicalPlan]) -> list[L.LogicalPlan]:
        from dfengine.plan.type_coercion import cast_to
        from dfengine.types.coercion import common_type

        targets = []
        for i in range(len(plans[0].output)):
            types = [p.output[i].data_type for p in plans]
            t = common_type(types) if not _same_shape(types) else _nullable_union(types)
            if t is None:
                raise AnalysisException(
                    f"UNION can only be performed on inputs with compatible column types. "
                    f"Column {i + 1} has types "
                    f"{', '.join(x.simpleString() for x in types)}.", "INCOMPATIBLE_COLUMN_TYPE")
            targets.append(t)
        out = []
        for p in plans:
            if all(a.data_type == t for a, t in zip(p.output, targets)):
                out.append(p)
                continue
            exprs = tuple(a if a.data_type == t else E.Alias(cast_to(a, t), a.name)
                          for a, t in zip(p.output, targets))
            out.append(self.analyze(L.Project(exprs, p)))
        return out

    def grouping_sets(self, plan: L.LogicalPlan, keys: list[E.Expression],
                      sets: list[tuple[int, ...]], items: list[E.Expression]) -> L.LogicalPlan:
        """ROLLUP / CUBE / GROUPING SETS: one aggregation per set, unioned."""
        return grouping_sets_plan(plan, keys, sets, items, self.analyzer)


def _same_shape(types: list[T.DataType]) -> bool:
    """Spark's union takes nested types that are equal but for field names and nullability
    (struct<x:int> beside struct<p:int>): by position, with the first side's names."""
    first = _shape(types[0])
    return any(isinstance(t, (T.StructType, T.ArrayType, T.MapType)) for t in types) and all(
        _shape(t) == first for t in types[1:])


def _shape(t: T.DataType) -> object:
    if isinstance(t, T.StructType):
        return ("struct", tuple(_shape(f.dataType) for f in t.fields))
    if isinstance(t, T.ArrayType):
        return ("array", _shape(t.elementType))
    if isinstance(t, T.MapType):
        return ("map", _shape(t.keyType), _shape(t.valueType))
    return t.simpleString()


def _nullable_union(types: list[T.DataType]) -> T.DataType:
    """The first type, nullable wherever any of `types` is."""
    out = types[0]
    for t in types[1:]:
        out = _or_nullable(out, t)
    return out


def _or_nullable(a: T.DataType, b: T.DataType) -> T.DataType:
    if isinstance(a, T.StructType) and isinstance(b, T.StructType):
        return T.StructType([T.StructField(x.name, _or_nullable(x.dataType, y.dataType),
                                           x.nullable or y.nullable, x.metadata)
                             for x, y in zip(a.fields, b.fields)])
    if isinstance(a, T.ArrayType) and isinstance(b, T.ArrayType):
        return T.ArrayType(_or_nullable(a.elementType, b.elementType),
                           a.containsNull or b.containsNull)
    if isinstance(a, T.MapType) and isinstance(b, T.MapType):
        return T.MapType(_or_nullable(a.keyType, b.keyType),
                         _or_nullable(a.valueType, b.valueType),
                         a.valueContainsNull or b.valueContainsNull)
    return a


def _generator_columns(name: str, resolved: E.ScalarFunction,
                       alias: str | None) -> tuple[list[str], list[T.DataType]]:
    """Spark's output columns of a generator: `col`, `key`/`value`, `pos` first for posexplode."""
    if name in ROW_GENERATORS:
        fields = resolved.data_type.elementType.fields
        return [f.name for f in fields], [f.dataType for f in fields]
    arg_type = resolved.args[0].data_type
    if name.startswith("inline"):
        return _inline_columns(resolved, arg_type)
    if isinstance(arg_type, T.MapType):
        names, types = ["key", "value"], [arg_type.keyType, arg_type.valueType]
    elif isinstance(arg_type, T.ArrayType):
        names, types = [alias or "col"], [arg_type.elementType]
    else:
        raise AnalysisException(
            f"Cannot resolve \"{resolved.sql()}\" due to data type mismatch: the input of "
            f"{name} must be an array or map, got {arg_type.simpleString()}.",
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
    if name.startswith("posexplode"):
        names, types = ["pos"] + names, [T.IntegerType()] + types
        if not isinstance(arg_type, T.MapType):
            names[1] = "col"
    return names, types


def _inline_columns(resolved: E.ScalarFunction,
                    arg_type: T.DataType) -> tuple[list[str], list[T.DataType]]:
    """inline(array<struct>): one column per struct field."""
    element = arg_type.elementType if isinstance(arg_type, T.ArrayType) else None
    if not isinstance(element, T.StructType):
        raise AnalysisException(
            f"Cannot resolve \"{resolved.sql()}\" due to data type mismatch: the input of "
            f"inline must be an array of structs, got {arg_type.simpleString()}.",
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
    return [f.name for f in element.fields], [f.dataType for f in element.fields]


def stack_as_inline(call: E.ScalarFunction) -> E.ScalarFunction:
    """stack(n, v1, ..., vk): n rows of ceil(k / n) columns col0, col1, ... (missing values
    NULL, each column cast to its values' common type), made an inline of an array of
    structs."""
    from dfengine.plan.type_coercion import cast_to
    from dfengine.types.coercion import common_type

    first = call.args[0] if call.args else None
    n = first.value if isinstance(first, E.Literal) else None
    if not isinstance(n, int) or isinstance(n, bool) or n <= 0 or len(call.args) < 2:
        raise AnalysisException(
            f"Cannot resolve \"{call.sql()}\": the first argument of stack must be a positive "
            "integer literal (the number of rows), followed by the values.",
            "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT")
    values = list(call.args[1:])
    width = -(-len(values) // n)
    values += [E.Literal(None, T.NullType())] * (n * width - len(values))
    types = []
    for j in range(width):
        column = [v.data_type for v in values[j::width]]
        distinct = {c for c in column if not isinstance(c, T.NullType)}
        t = common_type(column) if len(distinct) <= 1 else None  # Spark: no widening here
        if t is None:
            raise AnalysisException(
                f"Cannot resolve \"{call.sql()}\" due to data type mismatch: the values of "
                f"column col{j} have no common type "
                f"({', '.join(c.simpleString() for c in column)}).",
                "DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES")
        types.append(T.IntegerType() if isinstance(t, T.NullType) else t)
    rows = []
    for i in range(n):
        fields: list[E.Expression] = []
        for j in range(width):
            fields += [E.Literal(f"col{j}", T.StringType()),
                       cast_to(values[i * width + j], types[j])]
        rows.append(E.ScalarFunction("named_struct", tuple(fields)))
    return E.ScalarFunction("inline", (E.ScalarFunction("array", tuple(rows)),))
