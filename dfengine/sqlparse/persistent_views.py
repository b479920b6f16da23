"""Persistent views: `CREATE [OR REPLACE] VIEW [IF NOT EXISTS] v [(cols)] AS query` without
TEMPORARY. The catalog keeps the query's text and the database it was written in; each use
resolves the text again (Spark's views), so a view over a table sees the table's rows of
the moment and outlives the session, unlike a temp view.

A persistent view may not read a temp view (it would dangle in the next session), as Spark
refuses with INVALID_TEMP_OBJ_REFERENCE."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from dfengine import types as T
from dfengine.catalog.model import CatalogTable
from dfengine.errors import AnalysisException
from dfengine.plan import logical as L

VIEW_TEXT = "view.sql"
VIEW_DB = "view.db"


def _columns(target: exp.Expression) -> list[tuple[str, str | None]]:
    """The `(a COMMENT 'x', b)` list of CREATE VIEW v (...) as (name, comment)."""
    out = []
    for c in target.expressions if isinstance(target, exp.Schema) else []:
        comment = None
        for k in c.args.get("constraints") or []:
            if isinstance(k.args.get("kind"), exp.CommentColumnConstraint):
                comment = k.args["kind"].this.name
        out.append((c.name, comment))
    return out


def _check_no_temp_objects(session: Any, query: exp.Expression, ident: Any) -> None:
    ctes = {c.alias_or_name.lower() for c in query.find_all(exp.CTE)}
    for t in query.find_all(exp.Table):
        name = t.name.lower()
        if not t.args.get("db") and name not in ctes and name in session._views:
            raise AnalysisException(
                f"Cannot create the persistent object {ident.quoted()} of the type VIEW "
                f"because it references to the temporary object `{t.name}` of the type VIEW. "
                f"Please make the temporary object `{t.name}` persistent, or make the "
                f"persistent object `{ident.name}` temporary.", "INVALID_TEMP_OBJ_REFERENCE")


def _check_aliases(query: exp.Expression, ident: Any) -> None:
    """Spark refuses a permanent view whose columns would carry generated names (they are
    not stable across versions): every computed select item needs an alias. A literal is
    named by its text (`CREATE VIEW v AS SELECT 1` has a column `1`) and needs none."""
    select = query
    while isinstance(select, (exp.Union, exp.Intersect, exp.Except, exp.Subquery)):
        select = select.this
    if not isinstance(select, exp.Select):
        return
    for item in select.expressions:
        if not isinstance(item, (exp.Alias, exp.Column, exp.Star)) and not _literal(item):
            raise AnalysisException(
                f"Not allowed to create the permanent view {ident.quoted()} without explicitly "
                f"assigning an alias for the expression \"{item.sql(dialect='spark')}\". "
                "Name it: expression AS name.", "CREATE_PERMANENT_VIEW_WITHOUT_ALIAS")


def _literal(item: exp.Expression) -> bool:
    if isinstance(item, exp.Neg):
        item = item.this
    return isinstance(item, (exp.Literal, exp.Null, exp.Boolean, exp.HexString))


def create_persistent_view(session: Any, stmt: exp.Create, args: Any, comment: str | None,
                           names: tuple[str, ...]) -> Any:
    from dfengine.sqlparse.expressions import SparkCatalogueDialect
    from dfengine.sqlparse.query import query_dataframe

    tables = session._tables
    ident = tables.ident(names)
    query = stmt.args["expression"]
    _check_no_temp_objects(session, query, ident)
    _check_aliases(query, ident)
    df = query_dataframe(session, query, args)
    cols = _columns(stmt.this)
    if cols:
        df = df.toDF(*[n for n, _ in cols])
    fields = [T.StructField(f.name, f.dataType, True,
                            {"comment": c} if c is not None else None)
              for f, c in zip(df.schema.fields, [c for _, c in cols] or [None] * len(df.columns))]
    found = tables.catalog.get_table(ident)
    if found is not None:
        if stmt.args.get("exists"):
            return _empty(session)
        if not stmt.args.get("replace") or found.table_type != "VIEW":
            kind = "view" if found.table_type == "VIEW" else "table"
            raise AnalysisException(
                f"Cannot create view {ident.quoted()} because a {kind} of that name already "
                "exists. Choose a different name, drop it first, or use CREATE OR REPLACE "
                "VIEW.", "TABLE_OR_VIEW_ALREADY_EXISTS")
        tables.catalog.drop_table(ident)
    text = query.sql(dialect=SparkCatalogueDialect)
    tables.catalog.create_table(CatalogTable(
        ident, T.StructType(fields), provider="", table_type="VIEW", comment=comment,
        properties={VIEW_TEXT: text, VIEW_DB: tables.current_db}))
    return _empty(session)


def view_plan(session: Any, view: CatalogTable) -> L.LogicalPlan:
    """The view's query resolved now, in the database it was created in, under the view's
    column names."""
    from dfengine.sqlparse.expressions import parse_sql
    from dfengine.sqlparse.query import query_plan

    tables = session._tables
    saved = tables.current_db
    tables.current_db = view.properties.get(VIEW_DB, saved)
    try:
        plan = query_plan(session, parse_sql(view.properties[VIEW_TEXT])[0])
    finally:
        tables.current_db = saved
    names = view.schema.names
    if [a.name for a in plan.output] != names and len(plan.output) == len(names):
        from dfengine.plan import expressions as E

        plan = L.Project(tuple(E.Alias(a, n) for a, n in zip(plan.output, names)), plan)
    return L.SubqueryAlias(view.ident.name, plan)


def _empty(session: Any) -> Any:
    from dfengine.sqlparse.query import empty_result

    return empty_result(session)
