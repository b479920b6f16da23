"""Catalog statements: databases, tables, partitions, INSERT, DESCRIBE/SHOW, cache control.

sqlglot parses most of them into typed nodes (Create, Insert, Drop, Use, TruncateTable,
Describe, Cache, Alter...); the rest arrive as `Command` text (SHOW ..., ALTER TABLE ... ADD
PARTITION, CREATE DATABASE ... COMMENT) and are matched here with small patterns. Each
statement becomes one call on `session._table_commands` (duck-typed: this layer never imports
dfengine.sql), which returns the statement's DataFrame.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import sqlglot
from sqlglot import exp

from dfengine import types as T
from dfengine.errors import AnalysisException, ParseException
from dfengine.sqlparse.expressions import parse_data_type

# SHOW ..., ALTER TABLE ... PARTITION and friends come back as `Command` (handled below):
# sqlglot's "falling back to parsing as a Command" warning is noise for them.
logging.getLogger("sqlglot").setLevel(logging.ERROR)


def catalog_statement(session: Any, stmt: exp.Expression, args: Any = None) -> Any:
    """The statement's DataFrame, or None when it is not a catalog statement."""
    handler = _HANDLERS.get(type(stmt))
    return handler(session, stmt, args) if handler is not None else None


# ------------------------------------------------------------------------ helpers


def _cmd(session: Any) -> Any:
    return session._table_commands


def table_name(node: exp.Expression) -> tuple[str, ...]:
    """`db.t` of a Table node (or of a Schema wrapping one) as parts."""
    if isinstance(node, exp.Schema):
        node = node.this
    parts = [p.name for p in node.parts] if isinstance(node, exp.Table) else [node.name]
    return tuple(p for p in parts if p)


def literal_value(session: Any, node: exp.Expression) -> Any:
    if isinstance(node, exp.Null):
        return None
    if isinstance(node, exp.Boolean):
        return node.this
    if isinstance(node, exp.Literal):
        if node.is_string:
            return node.this
        text = node.this
        return int(text) if re.fullmatch(r"[0-9]+", text) else float(text)
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal):
        return -literal_value(session, node.this)
    from dfengine.sqlparse.query import query_dataframe

    return query_dataframe(session, exp.select(node)).collect()[0][0]


def partition_spec(session: Any, node: exp.Expression | None) -> dict[str, Any] | None:
    """PARTITION (p=1, q) -> {'p': 1, 'q': <dynamic>}."""
    if node is None:
        return None
    spec: dict[str, Any] = {}
    for e in node.expressions:
        if isinstance(e, exp.EQ):
            spec[e.this.name] = literal_value(session, e.expression)
        else:
            spec[e.name] = _cmd(session).dynamic()
    return spec


def _spec_text(session: Any, text: str) -> dict[str, Any]:
    """`p=1, q='x'` (the inside of PARTITION (...)) -> {'p': 1, 'q': 'x'}."""
    node = sqlglot.parse_one(f"INSERT INTO t PARTITION ({text}) SELECT 1", read="spark")
    return partition_spec(session, node.this.args.get("partition")) or {}


_PARTITION = re.compile(r"PARTITION\s*\(([^)]*)\)", re.IGNORECASE)


def _props(node: exp.Expression | None) -> dict[str, str]:
    out = {}
    for p in (node.expressions if node is not None else []):
        if isinstance(p, exp.Property):
            key = p.this.name if isinstance(p.this, exp.Expression) else str(p.this)
            value = p.args["value"]
            # `header false`: a bare boolean is the word itself, as Spark reads it
            out[key] = str(value.this).lower() if isinstance(value, exp.Boolean) else value.name
    return out


# ------------------------------------------------------------------------- CREATE


def _column(defn: exp.ColumnDef) -> T.StructField:
    nullable, comment = True, None
    for c in defn.args.get("constraints") or []:
        kind = c.args.get("kind")
        if isinstance(kind, exp.NotNullColumnConstraint):
            nullable = False
        elif isinstance(kind, exp.CommentColumnConstraint):
            comment = kind.this.name
    return T.StructField(defn.name, parse_data_type(defn.args["kind"]), nullable,
                         {"comment": comment} if comment is not None else None)


_SIMPLE_PROPERTIES = {
    exp.FileFormatProperty: ("provider", lambda p: p.this.name.lower()),
    exp.SchemaCommentProperty: ("comment", lambda p: p.this.name),
    exp.LocationProperty: ("location", lambda p: p.this.name),
    exp.OptionsProperty: ("options", _props),
    exp.ExternalProperty: ("external", lambda p: True),
    exp.LikeProperty: ("like", lambda p: table_name(p.this)),
    exp.TemporaryProperty: ("temporary", lambda p: True),
    exp.GlobalProperty: ("temporary", lambda p: True),
}


def _create_properties(stmt: exp.Create) -> dict[str, Any]:
    out: dict[str, Any] = {"properties": {}, "partition_by": [], "extra": []}
    props = stmt.args.get("properties")
    for p in (props.expressions if props is not None else []):
        simple = _SIMPLE_PROPERTIES.get(type(p))
        if simple is not None:
            out[simple[0]] = simple[1](p)
        elif isinstance(p, exp.PartitionedByProperty):
            for c in p.this.expressions:
                out["partition_by"].append(c.name)
                if isinstance(c, exp.ColumnDef):
                    out["extra"].append(_column(c))
        elif isinstance(p, exp.Property):
            out["properties"].update(_props(exp.Properties(expressions=[p])))
    return out


def create(session: Any, stmt: exp.Create, args: Any) -> Any:
    kind = str(stmt.args.get("kind") or "").upper()
    if kind in ("SCHEMA", "DATABASE"):
        db = stmt.this
        name = db.args.get("db") or db.this
        p = _create_properties(stmt)
        return _cmd(session).create_database(name.name, bool(stmt.args.get("exists")),
                                             p.get("comment"), p.get("location"),
                                             p["properties"])
    if kind == "VIEW":
        return _create_view(session, stmt, args)
    if kind == "FUNCTION":
        return _create_function(session, stmt)
    if kind != "TABLE":
        return None
    if stmt.args.get("replace"):  # Spark's session catalog (v1 tables) has no REPLACE TABLE
        what = "REPLACE TABLE AS SELECT" if stmt.args.get("expression") else "REPLACE TABLE"
        raise AnalysisException(
            f"The feature is not supported: Table {table_name(stmt.this)[-1]} does not support "
            f"{what}. Use DROP TABLE IF EXISTS, then CREATE TABLE.",
            "UNSUPPORTED_FEATURE.TABLE_OPERATION")
    p = _create_properties(stmt)
    target = stmt.this
    schema = None
    if isinstance(target, exp.Schema) and target.expressions:
        schema = T.StructType([_column(c) for c in target.expressions
                               if isinstance(c, exp.ColumnDef)] + p["extra"])
    query = stmt.args.get("expression")
    if "like" in p:
        return _cmd(session).create_table_like(table_name(target), p["like"],
                                               bool(stmt.args.get("exists")), p.get("location"))
    df = None
    if query is not None:
        from dfengine.sqlparse.query import query_dataframe

        df = query_dataframe(session, query, args)
    options = dict(p.get("options") or {})
    # `OPTIONS (path '...')` places the table as LOCATION does (Spark: an external table)
    location = p.get("location") or options.pop("path", None)
    return _cmd(session).create_table(
        name=table_name(target), schema=schema, provider=p.get("provider"),
        partition_by=p["partition_by"], location=location, comment=p.get("comment"),
        properties=p["properties"], options=options, query=df,
        if_not_exists=bool(stmt.args.get("exists")), replace=bool(stmt.args.get("replace")),
        external=bool(p.get("external")))


def _create_view(session: Any, stmt: exp.Create, args: Any) -> Any:
    props = stmt.args.get("properties")
    is_global = props is not None and any(isinstance(p, exp.GlobalProperty)
                                          for p in props.expressions)
    temporary = props is not None and any(isinstance(p, exp.TemporaryProperty)
                                          for p in props.expressions)
    if not is_global and not temporary:
        from dfengine.sqlparse.persistent_views import create_persistent_view

        return create_persistent_view(session, stmt, args, _create_properties(stmt).get(
            "comment"), table_name(stmt.this))
    if not is_global:
        return None  # temp (and session) views: dfengine/sqlparse/query.py
    from dfengine.sqlparse.query import query_dataframe

    df = query_dataframe(session, stmt.args["expression"], args)
    name = table_name(stmt.this)[-1]
    replace = bool(stmt.args.get("replace"))
    return _cmd(session).create_global_view(name, df, replace, bool(stmt.args.get("exists")))


# ------------------------------------------------------------------------- INSERT


def insert(session: Any, stmt: exp.Insert, args: Any) -> Any:
    from dfengine.sqlparse.query import query_dataframe

    if stmt.args.get("where") is not None:
        raise ParseException("INSERT ... REPLACE WHERE is not supported; use INSERT OVERWRITE "
                             "with a PARTITION clause.", "UNSUPPORTED_FEATURE")
    target = stmt.this
    columns = None
    if isinstance(target, exp.Schema):
        columns = [c.name for c in target.expressions]
        target = target.this
    spec = partition_spec(session, target.args.get("partition"))
    df = query_dataframe(session, stmt.args["expression"], args)
    return _cmd(session).insert(table_name(target), df, bool(stmt.args.get("overwrite")), spec,
                                columns, bool(stmt.args.get("by_name")))


# --------------------------------------------------------------- DROP, USE, ALTER


def drop(session: Any, stmt: exp.Drop, args: Any) -> Any:
    kind = str(stmt.args.get("kind") or "").upper()
    target = stmt.this or (stmt.args.get("tables") or [None])[0]
    exists = bool(stmt.args.get("exists"))
    if kind in ("SCHEMA", "DATABASE"):
        name = target.args.get("db") or target.this
        return _cmd(session).drop_database(name.name, exists, bool(stmt.args.get("cascade")))
    if kind == "TABLE":
        return _cmd(session).drop_table(table_name(target), exists)
    if kind == "VIEW":
        return _cmd(session).drop_view(table_name(target), exists)
    if kind == "FUNCTION":
        from dfengine.catalog import class_functions

        class_functions.drop(session, table_name(target), bool(stmt.args.get("temporary")),
                             exists)
        return _cmd(session)._empty()
    return None


def _create_function(session: Any, stmt: exp.Create) -> Any:
    """CREATE FUNCTION name AS 'class' (dfengine/catalog/class_functions.py)."""
    from dfengine.catalog import class_functions

    target, body = stmt.this, stmt.args.get("expression")
    if not isinstance(target, exp.Table) or not isinstance(body, exp.Literal):
        raise ParseException(
            "SQL functions (CREATE FUNCTION name(args) RETURNS type RETURN expr) are not "
            "supported by dfengine. Register a Python function with spark.udf.register, or "
            "write the expression in the query.", "UNSUPPORTED_FEATURE")
    props = stmt.args.get("properties")
    temporary = any(isinstance(p, exp.TemporaryProperty)
                    for p in (props.expressions if props is not None else []))
    class_functions.create(session, table_name(target), body.name, temporary,
                           bool(stmt.args.get("replace")), bool(stmt.args.get("exists")))
    return _cmd(session)._empty()


def use(session: Any, stmt: exp.Use, args: Any) -> Any:
    return _cmd(session).use(table_name(stmt.this)[-1])


def truncate(session: Any, stmt: exp.TruncateTable, args: Any) -> Any:
    spec = partition_spec(session, stmt.args.get("partition"))
    return _cmd(session).truncate(table_name(stmt.expressions[0]), spec)


def alter(session: Any, stmt: exp.Alter, args: Any) -> Any:
    name = table_name(stmt.this)
    for action in stmt.args.get("actions") or []:
        if isinstance(action, exp.AddPartition):
            return _cmd(session).add_partitions(
                name, [partition_spec(session, action.this)], bool(action.args.get("exists")))
        if isinstance(action, exp.DropPartition):
            specs = [partition_spec(session, p) for p in action.expressions]
            return _cmd(session).drop_partitions(name, specs, bool(action.args.get("exists")),
                                                 False)
        if isinstance(action, exp.AlterRename):
            return _cmd(session).rename_table(name, table_name(action.this))
        if isinstance(action, exp.AlterSet):
            props = {}
            for p in action.expressions:
                props.update(_props(p))
            return _cmd(session).set_properties(name, props, False)
        if isinstance(action, exp.Schema):
            return _cmd(session).add_columns(name, [_column(c) for c in action.expressions])
    raise ParseException(f"Unsupported ALTER TABLE: {stmt.sql(dialect='spark')[:80]}",
                         "UNSUPPORTED_FEATURE")


def describe(session: Any, stmt: exp.Describe, args: Any) -> Any:
    kind = str(stmt.args.get("kind") or "").upper()
    style = str(stmt.args.get("style") or "").upper()
    if kind in ("DATABASE", "SCHEMA"):
        return _cmd(session).describe_database(table_name(stmt.this)[-1], style == "EXTENDED")
    if not isinstance(stmt.this, exp.Table):
        return None  # DESCRIBE query: dfengine/sqlparse/query.py
    return _cmd(session).describe_table(table_name(stmt.this),
                                        style in ("EXTENDED", "FORMATTED"))


def cache(session: Any, stmt: exp.Cache, args: Any) -> Any:
    from dfengine.sqlparse.query import query_dataframe

    query = stmt.args.get("expression")
    df = query_dataframe(session, query, args) if query is not None else None
    return _cmd(session).cache_table(table_name(stmt.this), df, bool(stmt.args.get("lazy")))


def uncache(session: Any, stmt: exp.Uncache, args: Any) -> Any:
    return _cmd(session).uncache_table(table_name(stmt.this), bool(stmt.args.get("exists")))


def refresh(session: Any, stmt: exp.Refresh, args: Any) -> Any:
    return _cmd(session).refresh_table(table_name(stmt.this))


def analyze(session: Any, stmt: exp.Analyze, args: Any) -> Any:
    tables = stmt.args.get("tables") or [stmt.this]
    return _cmd(session).analyze_table(table_name(tables[0]))


# ----------------------------------------------------------------- Command text

_NAME = r"((?:`[^`]+`|[\w]+)(?:\.(?:`[^`]+`|[\w]+)){0,2})"


def _parts(text: str) -> tuple[str, ...]:
    return tuple(p.strip("`") for p in re.findall(r"`[^`]+`|[^.`]+", text))


def _like(text: str) -> str | None:
    m = re.search(r"(?:LIKE\s+)?'([^']*)'\s*$", text, re.IGNORECASE)
    return m.group(1) if m else None


def command(session: Any, stmt: exp.Command, args: Any) -> Any:
    head = str(stmt.this).upper()
    rest = stmt.expression.name if isinstance(stmt.expression, exp.Literal) else str(
        stmt.expression or "")
    rest = rest.strip().rstrip(";")
    if head == "SHOW":
        return show(session, rest)
    if head == "ALTER":
        return alter_command(session, rest)
    if head == "CREATE":
        return create_database_command(session, rest)
    if head == "MSCK REPAIR" or head.startswith("MSCK"):
        m = re.match(r"TABLE\s+" + _NAME, rest, re.IGNORECASE)
        if m:
            return _cmd(session).recover_partitions(_parts(m.group(1)))
    if head == "SET" and re.fullmatch(r"[\w.]+", rest):
        return _cmd(session).set_conf(rest, None)
    if head == "CLEAR" and rest.upper() == "CACHE":
        return _cmd(session).clear_cache()
    return None


_SHOW = [
    (r"(?:DATABASES|SCHEMAS|NAMESPACES)(?:\s+(?:LIKE\s+)?'([^']*)')?$", "databases"),
    (r"TABLES(?:\s+(?:IN|FROM)\s+" + _NAME + r")?(?:\s+(?:LIKE\s+)?'([^']*)')?$", "tables"),
    (r"VIEWS(?:\s+(?:IN|FROM)\s+" + _NAME + r")?(?:\s+(?:LIKE\s+)?'([^']*)')?$", "views"),
    (r"PARTITIONS\s+" + _NAME + r"(?:\s+PARTITION\s*\(([^)]*)\))?$", "partitions"),
    (r"CREATE\s+TABLE\s+" + _NAME + r"(?:\s+AS\s+SERDE)?$", "create"),
    (r"COLUMNS\s+(?:IN|FROM)\s+" + _NAME + r"(?:\s+(?:IN|FROM)\s+" + _NAME + r")?$", "columns"),
    (r"TBLPROPERTIES\s+" + _NAME + r"(?:\s*\(\s*'?([^')]*)'?\s*\))?$", "tblproperties"),
]


def show(session: Any, rest: str) -> Any:
    for pattern, what in _SHOW:
        m = re.match(pattern, rest, re.IGNORECASE | re.DOTALL)
        if m:
            return _show(session, what, m.groups())
    return None


def _show(session: Any, what: str, g: tuple) -> Any:
    c = _cmd(session)
    if what == "databases":
        return c.show_databases(g[0])
    if what == "tables":
        return c.show_tables(_parts(g[0])[-1] if g[0] else None, g[1])
    if what == "views":
        return c.show_views(_parts(g[0])[-1] if g[0] else None, g[1])
    if what == "partitions":
        return c.show_partitions(_parts(g[0]), _spec_text(session, g[1]) if g[1] else None)
    if what == "create":
        return c.show_create_table(_parts(g[0]))
    if what == "columns":
        name = _parts(g[0])
        return c.show_columns((_parts(g[1])[-1], name[-1]) if g[1] else name)
    return c.show_tblproperties(_parts(g[0]), g[1] or None)


def alter_command(session: Any, rest: str) -> Any:
    m = re.match(r"TABLE\s+" + _NAME + r"\s+(ADD|DROP)\s+(IF\s+(?:NOT\s+)?EXISTS\s+)?(.*)$",
                 rest, re.IGNORECASE | re.DOTALL)
    if m and _PARTITION.search(m.group(4)):
        name, op, cond, tail = _parts(m.group(1)), m.group(2).upper(), m.group(3), m.group(4)
        specs = [_spec_text(session, s) for s in _PARTITION.findall(tail)]
        if op == "ADD":
            return _cmd(session).add_partitions(name, specs, bool(cond))
        purge = bool(re.search(r"\bPURGE\s*$", tail, re.IGNORECASE))
        return _cmd(session).drop_partitions(name, specs, bool(cond), purge)
    m = re.match(r"TABLE\s+" + _NAME + r"\s+RECOVER\s+PARTITIONS$", rest, re.IGNORECASE)
    if m:
        return _cmd(session).recover_partitions(_parts(m.group(1)))
    m = re.match(r"TABLE\s+" + _NAME + r"\s+UNSET\s+TBLPROPERTIES\s*(?:IF\s+EXISTS\s*)?\((.*)\)$",
                 rest, re.IGNORECASE | re.DOTALL)
    if m:
        keys = {k: "" for k in re.findall(r"'([^']*)'", m.group(2))}
        return _cmd(session).set_properties(_parts(m.group(1)), keys, True)
    return None


def create_database_command(session: Any, rest: str) -> Any:
    m = re.match(r"(?:DATABASE|SCHEMA|NAMESPACE)\s+(IF\s+NOT\s+EXISTS\s+)?" + _NAME + r"(.*)$",
                 rest, re.IGNORECASE | re.DOTALL)
    if not m:
        return None
    tail = m.group(3)
    comment = re.search(r"COMMENT\s+'([^']*)'", tail, re.IGNORECASE)
    location = re.search(r"LOCATION\s+'([^']*)'", tail, re.IGNORECASE)
    props_m = re.search(r"WITH\s+(?:DB)?PROPERTIES\s*\((.*)\)", tail, re.IGNORECASE | re.DOTALL)
    props = dict(re.findall(r"'([^']*)'\s*=\s*'([^']*)'", props_m.group(1))) if props_m else {}
    return _cmd(session).create_database(
        _parts(m.group(2))[-1], bool(m.group(1)), comment.group(1) if comment else None,
        location.group(1) if location else None, props)


def set_statement(session: Any, stmt: exp.Set, args: Any) -> Any:
    """SET key=value / SET key / SET."""
    items = stmt.expressions
    if not items:
        return _cmd(session).set_conf(None, None)
    if str(items[0].args.get("kind") or "").upper() == "VARIABLE":
        from dfengine.sqlparse.session_variables import set_variables

        return set_variables(session, stmt)
    item = items[0].this
    if isinstance(item, exp.EQ):
        key = item.this.sql(dialect="spark").replace(" ", "")
        value = item.expression
        if isinstance(value, exp.Boolean):  # `SET k=true` reads back "true", as in Spark
            text = "true" if value.this else "false"
        else:
            text = value.name if isinstance(value, (exp.Literal, exp.Column, exp.Identifier,
                                                    exp.Var)) else value.sql(dialect="spark")
        return _cmd(session).set_conf(key, text)
    return _cmd(session).set_conf(item.sql(dialect="spark").replace(" ", ""), None)


_HANDLERS = {
    exp.Set: set_statement,
    exp.Create: create, exp.Insert: insert, exp.Drop: drop, exp.Use: use,
    exp.TruncateTable: truncate, exp.Alter: alter, exp.Describe: describe,
    exp.Cache: cache, exp.Uncache: uncache, exp.Refresh: refresh, exp.Analyze: analyze,
    exp.Command: command,
}
