"""Python UDTFs in SQL text: `SELECT * FROM f(1, 2)`, `FROM f(TABLE(t))`,
`FROM t, LATERAL f(t.x) [AS u(a, b)]`, `FROM t JOIN LATERAL f(x)` and
`LATERAL VIEW f(x) u AS a, b`.

The session's table functions are found through `dfengine.sqlparse.hooks.
table_function_resolver(session, name)` (installed by dfengine.sql), which returns
`call(args, table_args) -> PythonUDTFCall`; this module builds the Generate around it.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan.python_udf import udtf_generate
from dfengine.sqlparse import hooks


def _resolver(tr: Any, name: str) -> Any:
    resolve = hooks.table_function_resolver
    return None if resolve is None else resolve(tr.session, name)


def _unknown(name: str) -> AnalysisException:
    return AnalysisException(
        f"[UNRESOLVABLE_TABLE_VALUED_FUNCTION] Could not resolve `{name}` to a table-valued "
        "function; register a Python UDTF first with spark.udtf.register(name, cls).",
        "UNRESOLVABLE_TABLE_VALUED_FUNCTION")


def _alias(alias: Any) -> tuple[tuple[str, ...], list[str]]:
    if alias is None:
        return (), []
    qual = (alias.name,) if alias.name else ()
    return qual, [c.name for c in alias.columns or []]


def _is_table_arg(a: exp.Expression) -> bool:
    return isinstance(a, exp.Anonymous) and str(a.this).upper() == "TABLE"


def table_function(tr: Any, node: exp.Anonymous, alias: Any) -> L.LogicalPlan:
    """`FROM f(args)`: only the UDTF's columns. A `TABLE(t)` argument makes `t` the input:
    `eval` then runs once per row of t, receiving that row as a Row."""
    name = str(node.this)
    call = _resolver(tr, name)
    if call is None and name.lower() == "range":
        return range_relation(tr, node)
    if call is None and name.lower() in GENERATORS:
        return generator_relation(tr, node)
    if call is None:
        raise _unknown(name)
    child: L.LogicalPlan | None = None
    args: list[E.Expression] = []
    table_args: list[int] = []
    names: list[str] = []
    for i, a in enumerate(node.expressions):
        if isinstance(a, exp.Kwarg):  # f(1, x => 'x'): a keyword argument of eval
            names.append(a.this.name)
            args.append(tr.translate(a.expression))
        elif names:
            raise AnalysisException(
                f"The routine `{name}` was called with a positional argument {a.sql()} after "
                "named ones; put the positional arguments first.",
                "UNEXPECTED_POSITIONAL_ARGUMENT")
        elif _is_table_arg(a):
            if child is not None:
                raise AnalysisException("A UDTF call takes at most one TABLE argument.",
                                        "MULTIPLE_TABLE_ARGUMENTS")
            inner = a.expressions[0]
            child = tr.relation(exp.to_table(inner.name)) if isinstance(
                inner, (exp.Column, exp.Identifier, exp.Table)) else tr.child_for_cte().query(
                inner.this if isinstance(inner, exp.Subquery) else inner)
            args.append(E.ScalarFunction("struct", tuple(child.output)))
            table_args.append(i)
        else:
            args.append(tr.translate(a))
    if child is not None:
        args = [tr.resolve(x, child.output) for x in args]
    udtf_call = call(tuple(args), tuple(table_args), tuple(names)) if names else call(
        tuple(args), tuple(table_args))
    partitioning = next((a.meta.get("partitioning") for a in node.expressions
                         if _is_table_arg(a) and a.meta.get("partitioning")), None)
    if partitioning is not None:
        child, udtf_call = _partitioned(tr, child, udtf_call, partitioning)
    qual, names = _alias(alias)
    gen = udtf_generate(child if child is not None else _one_row(), udtf_call, qual, names)
    return L.Project(tuple(gen.generator_output), gen)


def _partitioned(tr: Any, child: L.LogicalPlan, call: Any, spec: dict) -> tuple[Any, Any]:
    """`TABLE(t) PARTITION BY k ORDER BY o` (or `WITH SINGLE PARTITION`): rows with equal
    keys go to one partition, sorted by (k, o) within it, and the call starts a new handler
    instance at each new key, so `eval` sees one key's rows in order and `terminate` ends it
    (Spark's partitioned table arguments)."""
    keys = tuple(tr.resolve(tr.translate(k), child.output) for k in spec["keys"])
    orders = tuple(tr.resolve(tr.sort_order(o), child.output) for o in spec["orders"])
    return partition_table_arg(child, call, keys, orders, spec["single"])


def partition_table_arg(child: L.LogicalPlan, call: Any, keys: tuple, orders: tuple,
                        single: bool) -> tuple[Any, Any]:
    """The input and call of a partitioned table argument, keys and orders resolved (SQL's
    `TABLE(t) PARTITION BY ...` and `df.asTable().partitionBy(...)` alike)."""
    from dataclasses import replace

    if single:
        child = L.Repartition(1, (), child)
    elif keys:
        child = L.Repartition(None, keys, child)
    local = tuple(E.SortOrder(k) for k in keys) + orders
    if local:
        child = L.Sort(local, child, is_global=False)
    return child, replace(call, partition_keys=keys)


def _one_row() -> L.LogicalPlan:
    import pyarrow as pa

    return L.LocalRelation((), L.new_source_id(), 1, pa.table({"x": [1]}).select([]))


def lateral(tr: Any, left: L.LogicalPlan, lat: exp.Lateral) -> L.LogicalPlan:
    """`left, LATERAL f(cols of left)`, `LATERAL VIEW f(x) u AS a, b`: left's columns then the
    UDTF's, one output row per row `eval` yields for each row of left."""
    gen = lat.this
    name = str(gen.this) if isinstance(gen, exp.Anonymous) else gen.sql_name()
    call = _resolver(tr, name)
    if call is None:
        raise _unknown(name)
    saved = tr.inputs
    tr.inputs = left.output
    args = tuple(tr.resolve(tr.translate(a), left.output) for a in gen.expressions)
    tr.inputs = saved
    qual, names = _alias(lat.args.get("alias"))
    return udtf_generate(left, call(args, ()), qual, names)


def is_udtf_lateral(tr: Any, lat: exp.Expression) -> bool:
    """Whether `lat` is LATERAL over a registered Python UDTF (not explode & co.)."""
    if not isinstance(lat, exp.Lateral):
        return False
    gen = lat.this
    name = str(gen.this) if isinstance(gen, exp.Anonymous) else ""
    return bool(name) and _resolver(tr, name) is not None


GENERATORS = frozenset({"explode", "explode_outer", "posexplode", "posexplode_outer", "inline",
                        "inline_outer", "stack", "json_tuple"})


def is_builtin(tr: Any, node: exp.Anonymous) -> bool:
    """`range` and the generators, unless a session UDTF of that name shadows them."""
    name = str(node.this).lower()
    return (name == "range" or name in GENERATORS) and _resolver(tr, name) is None


def function_relation(tr: Any, node: exp.Func, alias: Any) -> tuple[L.LogicalPlan, Any]:
    """`FROM f(...) [AS t(a, b)]`: a Python UDTF (which applies the alias itself), the
    built-in `range`, or a generator such as explode/inline/stack over one row. Returns the
    plan and the alias still to apply (column names)."""
    if isinstance(node, exp.Anonymous) and not is_builtin(tr, node):
        return table_function(tr, node, alias), None
    plan = (table_function(tr, node, alias) if isinstance(node, exp.Anonymous)
            else generator_relation(tr, node))
    if alias is not None and alias.name and not alias.columns:
        plan = L.SubqueryAlias(alias.name, plan)
    return plan, alias


def generator_relation(tr: Any, node: exp.Expression) -> L.LogicalPlan:
    """`FROM explode(...)` is `SELECT explode(...)`: the generator over one row."""
    return tr.child_for_cte().query(exp.select(node))


def range_relation(tr: Any, node: exp.Anonymous) -> L.LogicalPlan:
    """The built-in `range(end)`, `range(start, end[, step[, numPartitions]])` table."""
    values = [_constant(tr.translate(a)) for a in node.expressions]
    if not 1 <= len(values) <= 4 or not all(isinstance(v, int) for v in values):
        raise AnalysisException(
            "range() takes 1 to 4 integer literals: range(end) or range(start, end[, step"
            f"[, numPartitions]]); got {node.sql(dialect='spark')}.",
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION")
    start, end = (0, values[0]) if len(values) == 1 else values[:2]
    step = values[2] if len(values) > 2 else 1
    if step == 0:
        raise AnalysisException("requirement failed: step (0) cannot be 0",
                                "INVALID_PARAMETER_VALUE")
    parts = values[3] if len(values) > 3 else tr.session._runtime.default_parallelism
    attr = E.AttributeReference("id", T.LongType(), False)
    return L.RangeRelation(int(start), int(end), int(step), int(parts), attr)


def _constant(e: E.Expression) -> Any:
    if isinstance(e, E.Literal):
        return e.value
    if not (e.foldable and e.resolved):
        return None
    import pyarrow as pa

    from dfengine.compute.evaluate import evaluate_column
    from dfengine.plan.type_coercion import coerce

    return evaluate_column(coerce(e), pa.table({"__one": [0]}))[0].as_py()
