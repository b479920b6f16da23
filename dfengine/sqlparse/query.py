"""`spark.sql(text)`: run each statement; queries become DataFrames over our own plans.

Statements other than queries act on the session: CREATE [OR REPLACE] TEMP VIEW, DROP VIEW,
DESCRIBE, SHOW TABLES, EXPLAIN. As in Spark, the result of the last statement is returned.
"""

from __future__ import annotations

import re
from typing import Any

from sqlglot import exp

from dfengine.errors import AnalysisException, ParseException
from dfengine.plan.type_coercion import ansi_coercion
from dfengine.sqlparse import session_variables as SV
from dfengine.sqlparse.describe_statement import describe_column, without_query_keyword
from dfengine.sqlparse.expressions import parse_sql
from dfengine.sqlparse.select import QueryTranslator
from dfengine.sqlparse.statements import catalog_statement
from dfengine.sqlparse.time_zone_statement import time_zone_statement
from dfengine.sqlparse.variables import substitute

_QUERY_TYPES = (exp.Select, exp.Union, exp.Intersect, exp.Except, exp.Subquery, exp.Values)


_TRAILING_COMMA = re.compile(r",\s*from\b", re.IGNORECASE)
_EMPTY_SELECT = re.compile(r"^\s*select\s+from\b", re.IGNORECASE)


def _check_select_list(text: str) -> None:
    """What sqlglot forgives but Spark refuses: `select a, from t`, `select from t`."""
    plain = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "''", text)
    if _TRAILING_COMMA.search(plain):
        raise AnalysisException(
            "Trailing comma detected in SELECT clause. Remove the trailing comma before the "
            "FROM clause.", "TRAILING_COMMA_IN_SELECT")
    if _EMPTY_SELECT.search(plain):
        raise AnalysisException(
            "A column, variable, or function parameter with name `from` cannot be resolved: "
            "the SELECT list is empty. Name the columns to select, or use *.",
            "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION")


def run_sql(session: Any, text: str, args: Any = None) -> Any:
    """The DataFrame of the one statement of `text`."""
    text = substitute(session, text)
    zone_set = time_zone_statement(session, text)
    if zone_set is not None:
        return zone_set
    described = describe_column(session, text)
    if described is not None:
        return described
    text = without_query_keyword(text)
    _check_select_list(text)
    statements = parse_sql(text)
    if not statements:
        raise ParseException("Syntax error: the SQL text is empty.\n\n== SQL ==\n" + text,
                             "PARSE_EMPTY_STATEMENT")
    statements = [s for s in statements if s is not None]  # `select 1;` is one statement
    if len(statements) > 1:
        at = text.find(";")
        line = text.count("\n", 0, at) + 1
        raise ParseException(
            f"[PARSE_SYNTAX_ERROR] Syntax error at or near ';'. spark.sql() runs one "
            f"statement; call it once per statement (line {line}, pos {at}).\n\n== SQL ==\n"
            + text, "PARSE_SYNTAX_ERROR")
    with ansi_coercion(getattr(session, "_ansi", None)):
        return run_statement(session, statements[0], args)


def query_plan(session: Any, node: exp.Expression, args: Any = None) -> Any:
    return QueryTranslator(session, params=args).query(node)


def query_dataframe(session: Any, node: exp.Expression, args: Any = None) -> Any:
    """The session's DataFrame over the query's plan (the session makes DataFrames: this
    layer only builds plans)."""
    return session._dataframe_of(query_plan(session, node, args))


def run_statement(session: Any, stmt: exp.Expression, args: Any = None) -> Any:
    if isinstance(stmt, _QUERY_TYPES):
        return query_dataframe(session, stmt, args)
    if isinstance(stmt, exp.Declare):
        return SV.declare(session, stmt, args)
    result = catalog_statement(session, stmt, args)
    if result is not None:
        return result
    if isinstance(stmt, exp.Create):
        return create_view(session, stmt, args)
    if isinstance(stmt, exp.Describe):
        return describe(session, stmt, args)
    if isinstance(stmt, exp.Drop):
        return drop_view(session, stmt)
    if isinstance(stmt, exp.Command):
        return command(session, stmt, args)
    raise ParseException(
        f"Unsupported SQL statement: {stmt.sql(dialect='spark')[:80]}. Supported: queries, "
        "CREATE [OR REPLACE] TEMP VIEW, DROP VIEW, DESCRIBE, SHOW TABLES, EXPLAIN.",
        "UNSUPPORTED_FEATURE")


def empty_result(session: Any) -> Any:
    """What a statement that returns no rows gives (a DataFrame of no columns)."""
    from dfengine import types as T

    return session.createDataFrame([], T.StructType([]))


def create_view(session: Any, stmt: exp.Create, args: Any) -> Any:
    kind = str(stmt.args.get("kind") or "").upper()
    if kind != "VIEW":
        raise ParseException(f"CREATE {kind} is not supported; use CREATE TEMP VIEW name AS "
                             "query.", "UNSUPPORTED_FEATURE")
    target = stmt.this  # `name` or, with a column list, Schema(name, [columns])
    name = target.this.name if isinstance(target, exp.Schema) else target.name
    query = stmt.args.get("expression")
    if query is None:
        raise ParseException("CREATE VIEW needs AS query", "PARSE_SYNTAX_ERROR")
    df = query_dataframe(session, query, args)
    columns = [c.name for c in (target.expressions or [])
               if isinstance(c, (exp.Identifier, exp.ColumnDef))]
    if columns:
        df = df.toDF(*columns)
    replace = bool(stmt.args.get("replace"))
    if not replace and bool(stmt.args.get("exists")) and name.lower() in session._views:
        return empty_result(session)
    session._register_view(name, df._plan, replace)
    return empty_result(session)


def drop_view(session: Any, stmt: exp.Drop) -> Any:
    target = stmt.this or (stmt.args.get("tables") or [None])[0]
    name = target.name
    if name.lower() not in session._views and not stmt.args.get("exists"):
        raise AnalysisException(f"The table or view `{name}` cannot be found.",
                                "TABLE_OR_VIEW_NOT_FOUND")
    session._views.pop(name.lower(), None)
    return empty_result(session)


def describe(session: Any, stmt: exp.Describe, args: Any) -> Any:
    target = stmt.this
    if isinstance(target, exp.Table):
        df = session.table(target.name)
    else:
        df = query_dataframe(session, target, args)
    rows = [(f.name, f.dataType.simpleString(), None) for f in df.schema.fields]
    return session.createDataFrame(rows, "col_name string, data_type string, comment string")


def command(session: Any, stmt: exp.Command, args: Any) -> Any:
    head = str(stmt.this).upper()
    rest = stmt.expression.name if isinstance(stmt.expression, exp.Literal) else str(
        stmt.expression or "")
    if head == "SHOW" and re.match(r"^\s*tables\b", rest, re.IGNORECASE):
        rows = [("", name, True) for name in sorted(session._views)]
        return session.createDataFrame(
            rows, "namespace string, tableName string, isTemporary boolean")
    if head == "EXPLAIN":
        m = re.match(r"^\s*(extended|formatted|cost|codegen|verbose|analyze)\b", rest,
                     re.IGNORECASE)
        mode = "simple"
        if m:
            mode = m.group(1).lower()
            rest = rest[m.end():]
        from dfengine.execution.explain import explain_string

        df = run_sql(session, rest, args)
        text = explain_string(df._qe(), "extended" if mode == "verbose" else mode, df._parsed)
        return session.createDataFrame([(text,)], "plan string")
    dropped = SV.drop_variable(session, rest) if head == "DROP" else None
    if dropped is not None:
        return dropped
    if head in ("DESCRIBE", "DESC"):
        return describe(session, exp.Describe(this=exp.to_table(rest.strip().split()[-1])),
                        args)
    raise ParseException(f"Unsupported SQL statement: {head} {rest[:60]}",
                         "UNSUPPORTED_FEATURE")
