"""SQL text -> logical plans and expressions. sqlglot parses (Spark dialect); we translate its
AST into our own nodes, so SQL and the DataFrame API produce the very same plans."""

from dfengine.sqlparse.expressions import parse_data_type, parse_expression, parse_sql

__all__ = ["parse_data_type", "parse_expression", "parse_sql"]
