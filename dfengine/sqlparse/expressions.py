"""Translate sqlglot expression ASTs (Spark dialect) into dfengine expressions.

sqlglot only parses; nothing executes through it. `ExpressionTranslator` covers scalar and
aggregate expressions; the query translator subclasses it to handle subqueries and windows
in the context of a FROM clause.
"""

from __future__ import annotations

import decimal as _decimal
import re
from dataclasses import replace
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.dialects.spark import Spark
from sqlglot.tokens import TokenType

from dfengine import types as T
from dfengine.errors import AnalysisException, ParseException
from dfengine.functions import find, lookup, names_of_kind
from dfengine.plan import expressions as E
from dfengine.plan.aggregate_calls import aggregate_call
from dfengine.sqlparse.arity import (
    check_dropped_args,
    check_fixed_shape_calls,
    wrong_num_args,
)

_AGGREGATES = names_of_kind("aggregate")
_WINDOW_ONLY = set(names_of_kind("window"))
# sqlglot's own names for functions it parses into typed nodes, where they differ from the SQL
# name (the catalogue holds the SQL names and aliases; this table only undoes sqlglot).
_SQLGLOT_NAMES = {
    "timestamp": "to_timestamp", "date": "to_date", "str_to_date": "to_date",
    "strpos": "instr", "stringtosplit": "split",
    "regexpsplit": "split", "splitpart": "split", "ts_or_ds_to_date": "to_date",
    "day_of_month": "dayofmonth", "day_of_week": "dayofweek", "day_of_year": "dayofyear",
    "week_of_year": "weekofyear", "timestrtotime": "to_timestamp", "datestrtodate": "to_date",
    "regexpreplace": "regexp_replace", "regexpextract": "regexp_extract",
    "tsordstodate": "to_date", "arraysize": "array_size",
    "arraycontains": "array_contains"}
_UNITS = frozenset({"microsecond", "millisecond", "second", "minute", "hour", "day", "week",
                    "month", "quarter", "year"})
# Functions whose first argument is a unit keyword (HOUR), not a column.
_UNIT_FIRST = frozenset({"timestampadd", "timestampdiff"})
_INTERVAL_UNITS = {"day": ("days", 1), "days": ("days", 1), "week": ("days", 7),
                   "weeks": ("days", 7), "month": ("months", 1), "months": ("months", 1),
                   "year": ("months", 12), "years": ("months", 12),
                   "hour": ("micros", 3_600_000_000), "hours": ("micros", 3_600_000_000),
                   "minute": ("micros", 60_000_000), "minutes": ("micros", 60_000_000),
                   "second": ("micros", 1_000_000), "seconds": ("micros", 1_000_000)}


def _year_month(node: exp.Interval) -> E.Literal | None:
    """`INTERVAL 1 YEAR`, `INTERVAL '14' MONTHS`, `INTERVAL '-1-2' YEAR TO MONTH` as a
    year-month interval literal (months), typed with the fields it is written in; None for
    other units."""
    unit = node.args.get("unit")
    text = node.this.name if isinstance(node.this, exp.Literal) else ""
    if isinstance(unit, exp.IntervalSpan):
        start, end = unit.this.name.lower(), unit.expression.name.lower()
        if (start, end) != ("year", "month"):
            return None
        m = re.fullmatch(r"\s*([+-])?(\d+)-(\d+)\s*", text)
        if m is None or int(m.group(3)) > 11:
            raise ParseException(
                f"Interval string does not match year-month format of `[+|-]y-m`: '{text}'. "
                "Write it as INTERVAL '1-2' YEAR TO MONTH (months 0 to 11).",
                "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING")
        months = int(m.group(2)) * 12 + int(m.group(3))
        return E.Literal(-months if m.group(1) == "-" else months, T.YearMonthIntervalType(0, 1))
    name = (unit.name if unit is not None else "").lower().rstrip("s")
    if name not in ("year", "month") or not re.fullmatch(r"\s*[+-]?\d+\s*", text):
        return None
    field = 0 if name == "year" else 1
    return E.Literal(int(text) * (12 if field == 0 else 1), T.YearMonthIntervalType(field, field))


_DAY_TIME_FIELDS = ("day", "hour", "minute", "second")
_FIELD_MICROS = (86_400_000_000, 3_600_000_000, 60_000_000, 1_000_000)


def _day_time(node: exp.Interval) -> E.Literal | None:
    """`INTERVAL '1 02:03:04.5' DAY TO SECOND`, `INTERVAL '02:30' HOUR TO MINUTE`,
    `INTERVAL '1.5' SECOND` as a day-time interval literal typed with its fields, in Spark's
    layouts (`[+|-]d h:m:s.n`, cut to the fields); None for other units."""
    import datetime as _dt

    unit = node.args.get("unit")
    text = (node.this.name if isinstance(node.this, exp.Literal) else "").strip()
    if isinstance(unit, exp.IntervalSpan):
        start, end = unit.this.name.lower(), unit.expression.name.lower()
    else:
        start = end = (unit.name if unit is not None else "").lower().rstrip("s")
    if start not in _DAY_TIME_FIELDS or end not in _DAY_TIME_FIELDS:
        return None
    first, last = _DAY_TIME_FIELDS.index(start), _DAY_TIME_FIELDS.index(end)
    seps = [r"\s+", ":", ":"][first:last]
    body = "".join(sep + r"(\d+)" for sep in seps)
    tail = r"(?:\.(\d{1,9}))?" if last == 3 else ""
    m = re.fullmatch(r"([+-])?(\d+)" + body + tail, text)
    if m is None or first > last:
        names = ["d", "h", "m", "s.n"][first:last + 1]
        layout = names[0] + (" " if first == 0 and len(names) > 1 else ":" if len(
            names) > 1 else "") + ":".join(names[1:])
        raise ParseException(
            f"Interval string does not match day-time format of `[+|-]{layout}`: '{text}'. "
            f"Write it as INTERVAL '1 02:03:04.5' DAY TO SECOND (the fields {start} to {end}).",
            "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING")
    values = [int(g) for g in m.groups()[1:last - first + 2]]
    micros = sum(v * _FIELD_MICROS[first + i] for i, v in enumerate(values))
    if last == 3 and m.groups()[-1]:
        micros += int(m.groups()[-1].ljust(9, "0")[:6])
    micros = -micros if m.group(1) == "-" else micros
    return E.Literal(_dt.timedelta(microseconds=micros), T.DayTimeIntervalType(first, last))


def parse_error(text: str, err: Exception, offset: int = 0) -> ParseException:
    """Spark's layout: message, then the SQL with a caret under the failing position
    (`offset`: characters sqlglot read before `text` on its first line)."""
    line, col, near = 1, 1, ""
    errors = getattr(err, "errors", None) or []
    if errors:
        first = errors[0]
        line = first.get("line") or 1
        col = first.get("col") or 1
        near = (first.get("highlight") or "").strip()
        if line == 1:
            col = max(col - offset, len(near))
    lines = text.splitlines() or [text]
    caret_line = "-" * max(col - len(near), 0) + "^" * max(len(near), 1)
    shown = "\n".join(lines[:line]) + "\n" + caret_line + "\n" + "\n".join(lines[line:])
    msg = _plain_message(str(err).split("\n")[0])
    near_txt = f" at or near '{near}'" if near else ""
    exc = ParseException(
        f"Syntax error{near_txt}: {msg} (line {line}, pos {max(col - len(near), 0)})\n\n"
        f"== SQL ==\n{shown.rstrip()}", "PARSE_SYNTAX_ERROR")
    exc.line, exc.column = line, col
    return exc


_MISSING_OPERAND = re.compile(r"Required keyword: '\w+' missing for <class '[\w.]+\.(\w+)'>")


def _plain_message(msg: str) -> str:
    """sqlglot's messages without its class names: `x +` lacks an operand, as Spark says
    at the end of the input."""
    msg = re.sub(r"\s*Line \d+, Col: \d+\.?", "", msg)  # the position is given after
    m = _MISSING_OPERAND.search(msg)
    if m is None:
        return msg
    return msg[:m.start()] + f"the {m.group(1).lower()} expression is missing an operand" + (
        msg[m.end():])


# Constructors whose sqlglot nodes carry syntax of their own (`array(1, 2)[2]` subscripts).
_SQLGLOT_PARSED = frozenset({"ARRAY"})


def _catalogued(name: str) -> bool:
    if name in _SQLGLOT_PARSED:
        return False
    entry = find(name)
    # aggregates too (sqlglot reads percentile as Quantile, max_by as ArgMax, listagg as
    # GroupConcat), except count, whose `count(*)` / `count(DISTINCT a, b)` t_Count reads
    return entry is not None and (entry.kind in ("scalar", "generator") or (
        entry.kind == "aggregate" and name != "COUNT"))


def _written_as(name: str, parse: Any, marks_in: bool = False) -> Any:
    """A sqlglot function parser that records the name the call was written with (and,
    `marks_in`, whether its arguments were written `a IN b`, as POSITION allows)."""
    from sqlglot.tokens import TokenType

    def run(parser: Any) -> exp.Expression:
        start = parser._index
        node = parse(parser)
        node.meta["written"] = name
        if marks_in:
            node.meta["in_syntax"] = any(t.token_type == TokenType.IN
                                         for t in parser._tokens[start:parser._index])
        return node
    return run


class SparkCatalogueDialect(Spark):
    """Spark SQL as sqlglot reads it, except that calls of functions in our catalogue stay
    plain calls with their arguments as written: sqlglot's typed nodes rewrite some (`day(d)`
    into `DAY(TO_DATE(d))`, `element_at` to 0-based, `log10(x)` into `LOG(10, x)`), and the
    catalogue, not sqlglot, defines them, so that SQL and `F.` build the same expression."""

    class Tokenizer(Spark.Tokenizer):
        STRING_ESCAPES = ["\\", "'"]  # noqa: RUF012 ('Don''t' is one literal, as in Spark)

    class Parser(Spark.Parser):
        FUNCTIONS = {name: build for name, build in Spark.Parser.FUNCTIONS.items()  # noqa: RUF012
                     if not _catalogued(name)}
        # SUBSTRING keeps its parser for `SUBSTRING(s FROM 1 FOR 2)`, POSITION for
        # `POSITION(a IN s)`; CHAR/CHR/DECODE are plain calls of the catalogue.
        FUNCTION_PARSERS = {name: parse for name, parse in Spark.Parser.FUNCTION_PARSERS.items()  # noqa: RUF012
                            if name not in ("SUBSTR", "INITCAP", "CHAR", "CHR", "DECODE")
                            and not (_catalogued(name) and find(name).kind == "aggregate")}
        FUNCTION_PARSERS["POSITION"] = _written_as(  # noqa: RUF012
            "position", Spark.Parser.FUNCTION_PARSERS["POSITION"], marks_in=True)

        def _parse_lambda(self, alias: bool = False) -> exp.Expression | None:
            node = super()._parse_lambda(alias=alias)
            if (isinstance(node, exp.Anonymous) and str(node.this).upper() == "TABLE"
                    and self._curr is not None
                    and self._curr.token_type in _TABLE_ARG_PARTITIONING):
                node.meta["partitioning"] = _parse_table_partitioning(self)
            return node


# What may follow a UDTF's `TABLE(t)` argument (Spark's tableArgumentPartitioning).
_TABLE_ARG_PARTITIONING = frozenset({TokenType.PARTITION_BY, TokenType.DISTRIBUTE_BY,
                                     TokenType.ORDER_BY, TokenType.SORT_BY, TokenType.WITH})


def _parse_table_partitioning(parser: Any) -> dict:
    """`WITH SINGLE PARTITION | {PARTITION | DISTRIBUTE} BY e, ...` then optionally
    `{ORDER | SORT} BY o, ...`: how a UDTF's table argument is split among its instances."""
    single, keys, orders = False, [], []
    if parser._match(TokenType.WITH):
        if not (parser._match_text_seq("SINGLE") and parser._match(TokenType.PARTITION)):
            parser.raise_error("Expecting SINGLE PARTITION after WITH")
        single = True
    elif parser._match_set((TokenType.PARTITION_BY, TokenType.DISTRIBUTE_BY)):
        keys = [parser._parse_disjunction()]
        if isinstance(keys[0], (exp.Tuple, exp.Paren)):
            keys = list(keys[0].expressions) if isinstance(keys[0], exp.Tuple) else [keys[0].this]
        _one_unless_parenthesized(parser, "PARTITION BY")
    if parser._match_set((TokenType.ORDER_BY, TokenType.SORT_BY)):
        if parser._match(TokenType.L_PAREN):
            orders = parser._parse_csv(parser._parse_ordered)
            parser._match_r_paren()
        else:
            orders = [parser._parse_ordered()]
            _one_unless_parenthesized(parser, "ORDER BY")
    return {"single": single, "keys": keys, "orders": orders}


def _one_unless_parenthesized(parser: Any, clause: str) -> None:
    if parser._curr is not None and parser._curr.token_type == TokenType.COMMA:
        parser.raise_error(
            "[INVALID_SQL_SYNTAX.INVALID_TABLE_FUNCTION_TABLE_ARGUMENT_PARTITIONING] the "
            f"{clause} clause of a table argument has several expressions without parentheses "
            "around them; write them as (a, b)")


_MAKE_INTERVAL_PARTS = ("year", "month", "week", "day", "hour", "minute", "second")


def _make_interval_parts(iv: exp.Expression) -> list | None:
    """The seven parts of `make_interval(...)` when all are literals (missing ones None),
    else None: sqlglot parses it as MakeInterval or, once the catalogue names it, as a plain
    call. Parts that are columns leave the sum to the calendar-interval arithmetic."""
    if isinstance(iv, exp.MakeInterval):
        parts = [iv.args.get(k) for k in _MAKE_INTERVAL_PARTS]
    elif isinstance(iv, exp.Anonymous) and str(iv.this).lower() == "make_interval" and len(
            iv.expressions) <= 7:
        parts = list(iv.expressions) + [None] * (7 - len(iv.expressions))
    else:
        return None
    if any(p is not None and not (isinstance(p, exp.Literal) and not p.is_string)
           for p in parts):
        return None
    return parts


def parse_sql(text: str) -> list[exp.Expression]:
    try:
        trees = [s for s in sqlglot.parse(text, read=SparkCatalogueDialect) if s is not None]
    except sqlglot.errors.ParseError as e:
        raise wrong_num_args(text, e) or parse_error(text, e) from None
    except sqlglot.errors.TokenError as e:
        raise parse_error(text, e) from None
    check_fixed_shape_calls(text)
    return _mark_written_names(text, trees)


def _mark_written_names(text: str, trees: list[exp.Expression]) -> list[exp.Expression]:
    """Keep the name each function call was written with (sqlglot parses `ucase(a)` into an
    `Upper` node): Spark names the column after it (`ucase(a)`, `nvl(b, a)`)."""
    for tree in trees:
        for node in tree.find_all(exp.Func, exp.Mod):
            meta = node.meta
            start, end = meta.get("start"), meta.get("end")
            if start is not None and end is not None:
                word = text[start:end + 1]
                if word.replace("_", "").isalnum():
                    meta["written"] = word.lower()
                    check_dropped_args(text, node, start, end)
        # EXTRACT's field as written (sqlglot upper-cases it; Spark's name keeps it)
        fields = iter(re.findall(r"(?i)\bextract\s*\(\s*(\w+)\s+from\b", text))
        for node in tree.find_all(exp.Extract, bfs=False):
            node.meta["field"] = next(fields, None)
    return trees


def parse_expression(text: str) -> E.Expression:
    """A single SQL expression (`F.expr`, `selectExpr`, `filter("...")`)."""
    lam = _standalone_lambda(text) if "->" in text else None
    if lam is not None:
        return lam
    try:
        node = sqlglot.parse_one(f"SELECT {text}", read=SparkCatalogueDialect)
    except (sqlglot.errors.ParseError, sqlglot.errors.TokenError) as e:
        raise wrong_num_args(f"SELECT {text}", e) or parse_error(text, e, len("SELECT ")) from None
    _mark_written_names(f"SELECT {text}", [node])
    if not isinstance(node, exp.Select) or len(node.expressions) != 1 or node.args.get("from"):
        raise ParseException(f"Cannot parse the expression '{text}': expected one expression.",
                             "PARSE_SYNTAX_ERROR")
    return ExpressionTranslator().translate(node.expressions[0])


def _standalone_lambda(text: str) -> E.Expression | None:
    """`x -> x + 1` alone (`F.transform(c, F.expr("x -> x + 1"))`): sqlglot reads a lambda
    only as a function argument, so it is parsed as one."""
    try:
        node = sqlglot.parse_one(f"SELECT __lambda__({text})", read=SparkCatalogueDialect)
    except (sqlglot.errors.ParseError, sqlglot.errors.TokenError):
        return None
    call = node.expressions[0] if isinstance(node, exp.Select) else None
    args = getattr(call, "expressions", None) or []
    if len(args) != 1 or not isinstance(args[0], exp.Lambda):
        return None
    return ExpressionTranslator().translate(args[0])


def parse_data_type(node: exp.DataType) -> T.DataType:
    return T._parse_datatype_string(node.sql(dialect="spark"))


class ExpressionTranslator:
    """sqlglot expression -> dfengine expression."""

    # Session functions (spark.udf.register) shadow the built-ins: see dfengine.sqlparse.hooks.

    def translate(self, node: exp.Expression) -> E.Expression:
        method = getattr(self, f"t_{type(node).__name__}", None)
        if method is not None:
            out = method(node)
            # sqlglot marks `x NOT LIKE p`, `NOT BETWEEN`, ... with a flag, not a Not node
            # (NOT LIKE ANY / ALL negates each pattern: t_Like)
            quantified = isinstance(node.args.get("expression"), (exp.Any, exp.All))
            return E.Not(out) if node.args.get("negate") and not quantified else out
        if isinstance(node, exp.Func):
            return self.function(node)
        raise ParseException(f"Unsupported SQL expression: {node.sql(dialect='spark')}",
                             "UNSUPPORTED_FEATURE")

    def tr(self, node: exp.Expression | None) -> E.Expression | None:
        return None if node is None else self.translate(node)

    # ---------------------------------------------------------------- names

    def t_Column(self, node: exp.Column) -> E.Expression:
        parts = [p.name for p in node.parts]
        if isinstance(node.this, exp.Star):
            return E.UnresolvedStar(tuple(parts[:-1]) or None, _star_excluded(node.this))
        return (self.lambda_variable(parts) or self.session_variable(parts)
                or E.UnresolvedAttribute(tuple(parts)))

    def session_variable(self, parts: list[str]) -> E.Expression | None:
        """A DECLAREd variable's value, where no column in scope has the name."""
        session = getattr(self, "session", None)
        if session is None or not getattr(session, "_sql_variables", None):
            return None
        from dfengine.sqlparse.session_variables import variable_literal

        columns = {a.name.lower() for a in getattr(self, "inputs", None) or ()}
        return variable_literal(session, parts, columns)

    def t_Star(self, node: exp.Star) -> E.Expression:
        return E.UnresolvedStar(None, _star_excluded(node))

    def t_Identifier(self, node: exp.Identifier) -> E.Expression:
        return (self.lambda_variable([node.name]) or self.session_variable([node.name])
                or E.UnresolvedAttribute((node.name,)))

    # ---------------------------------------------------------------- lambdas

    def lambda_variable(self, parts: list[str]) -> E.Expression | None:
        """A name bound by an enclosing lambda (`x` in `x -> x + 1`) shadows any column;
        `x.a` is a field of the variable."""
        for scope in reversed(getattr(self, "_lambda_scopes", ())):
            var = scope.get(parts[0].lower())
            if var is not None:
                out: E.Expression = var
                for f in parts[1:]:
                    out = E.ScalarFunction("get_field", (out, E.make_literal(f)))
                return out
        return None

    def t_Lambda(self, node: exp.Lambda) -> E.Expression:
        from dfengine.plan.lambdas import LambdaFunction, LambdaVariable

        params = tuple(LambdaVariable(p.name) for p in node.expressions)
        scopes = list(getattr(self, "_lambda_scopes", ()))
        self._lambda_scopes = scopes + [{p.name.lower(): p for p in params}]
        try:
            body = self.translate(node.this)
        finally:
            self._lambda_scopes = scopes
        return LambdaFunction(body, params)

    def t_Dot(self, node: exp.Dot) -> E.Expression:
        base = self.translate(node.this)
        if isinstance(base, E.UnresolvedAttribute):
            return E.UnresolvedAttribute(base.parts + (node.expression.name,))
        return E.ScalarFunction("get_field", (base, E.make_literal(node.expression.name)))

    def t_Alias(self, node: exp.Alias) -> E.Expression:
        return E.Alias(self.translate(node.this), node.alias)

    def t_Aliases(self, node: exp.Aliases) -> E.Expression:
        """`explode(m) AS (k, v)`: a name for each column of a generator."""
        return E.MultiAlias(self.translate(node.this), tuple(a.name for a in node.expressions))

    def t_Paren(self, node: exp.Paren) -> E.Expression:
        return self.translate(node.this)

    def t_Tuple(self, node: exp.Tuple) -> E.Expression:
        """`(a, b)` as a value is `struct(a, b)` (fields col1, col2 or the columns' names;
        `(1 AS x, 2 AS y)` names them), as Spark's parser makes a CreateStruct."""
        return self.call("struct", list(node.expressions), False)

    # -------------------------------------------------------------- literals

    def t_Literal(self, node: exp.Literal) -> E.Expression:
        if node.is_string:
            return E.Literal(node.this, T.StringType())
        text = node.this
        if any(c in text for c in ".eE"):
            if "e" in text.lower():
                return E.Literal(float(text), T.DoubleType())
            return E.make_literal(_decimal.Decimal(text))
        value = int(text)
        if not -(2**63) <= value < 2**63:
            # Spark types an integral literal beyond bigint as decimal(digits, 0)
            return E.make_literal(_decimal.Decimal(value))
        return E.make_literal(value)

    def t_Boolean(self, node: exp.Boolean) -> E.Expression:
        return E.Literal(bool(node.this), T.BooleanType())

    def t_Null(self, node: exp.Null) -> E.Expression:
        return E.Literal(None, T.NullType())

    def t_Cast(self, node: exp.Cast) -> E.Expression:
        to = parse_data_type(node.to)
        child = self.translate(node.this)
        datetime_types = (T.DateType, T.TimestampType, T.TimestampNTZType)
        # DATE '...', TIMESTAMP '...' (CAST is TryCast); `date('...')` is a cast alias
        written = node.meta.get("written")
        typed_literal = type(node) is exp.Cast and not written
        if typed_literal and isinstance(child, E.Literal) and isinstance(
                child.dtype, T.StringType) and isinstance(to, datetime_types):
            from dfengine.functions.cast import parse_instant, parse_string
            from dfengine.functions.zone_shift import session_zone

            value = parse_instant(child.value, session_zone()) if isinstance(
                to, T.TimestampType) else parse_string(child.value, to)
            if value is None:
                kind = "DATE" if isinstance(to, T.DateType) else "TIMESTAMP"
                raise ParseException(
                    f"The value of the typed literal \"{kind}\" is invalid: '{child.value}'. "
                    f"Write a valid {kind.lower()} such as {kind} '2020-01-31'.",
                    "INVALID_TYPED_LITERAL")
            return E.Literal(value, to)
        lit = self._suffixed(node, child, to)
        return lit or E.Cast(child, to, "try" if node.args.get("safe") else "ansi",
                             unnamed=written is not None and written != "cast")

    def _suffixed(self, node: exp.Expression, child: E.Expression, to: T.DataType,
                  sign: int = 1) -> E.Literal | None:
        """1L, 1.5D, 1BD (sqlglot reads them as casts without the comments list that a
        CAST(..) call carries) as typed literals; `sign` -1 for -128Y."""
        if type(node) is exp.TryCast and node.comments is None and isinstance(
                node.this, exp.Literal) and isinstance(child, E.Literal) and (
                child.value is not None):
            text = ("-" if sign < 0 else "") + str(node.this.this)
            if sign < 0 and not isinstance(child.value, str):
                child = E.Literal(-child.value, child.dtype)
            return _suffixed_literal(child, to, text)
        return None

    t_TryCast = t_Cast

    def t_Interval(self, node: exp.Interval) -> E.Expression:
        """`INTERVAL 3 DAYS` / `INTERVAL '2' HOUR` alone: a day-time interval literal;
        `INTERVAL 1 YEAR`, `INTERVAL '1-2' YEAR TO MONTH`: a year-month one."""
        import datetime as _dt

        ym = _year_month(node)
        if ym is not None:
            return ym

        unit = (node.unit.name if isinstance(node.unit, exp.Var) else "").lower()
        text = node.this.name if isinstance(node.this, exp.Literal) else ""
        if unit.rstrip("s") == "week" and re.fullmatch(r"-?\d+", text):
            return E.Literal(_dt.timedelta(days=7 * int(text)), T.DayTimeIntervalType(0, 0))
        dt = _day_time(node)
        if dt is not None:
            return dt
        raise ParseException(
            f"INTERVAL {node.sql(dialect='spark')} is only supported added to or subtracted "
            "from a date", "UNSUPPORTED_FEATURE")

    # ------------------------------------------------------------- operators

    def _binary(self, op: str, node: exp.Binary) -> E.Expression:
        return E.BinaryArithmetic(op, self.translate(node.this), self.translate(node.expression))

    def _interval_arith(self, node: exp.Binary, sign: int) -> E.Expression | None:
        """`x +/- INTERVAL n unit` as interval_add(x, months, days, microseconds): a date
        plus whole days or months stays a date, anything else is a timestamp (Spark keeps
        the time of day of `ts + INTERVAL 1 DAY`, which date_add would drop)."""
        iv = node.expression
        parts = _make_interval_parts(iv)
        if parts is not None:
            return self._make_interval(node, parts, sign)
        if not isinstance(iv, exp.Interval) or isinstance(node.this, exp.Interval) or (
                _year_month(iv) is not None):  # typed by the analyzer (type_coercion)
            return None
        unit = (iv.unit.name if iv.unit is not None else "day").lower()
        amount_node = iv.this
        text = amount_node.name if isinstance(amount_node, exp.Literal) else str(
            amount_node.this)
        if iv.unit is None and " " in text.strip():  # INTERVAL '1 day'
            text, unit = text.split()[0], text.split()[1].lower()
        kind, mult = _INTERVAL_UNITS.get(unit, (None, 0))
        if kind is None:
            raise ParseException(f"Unsupported interval unit {unit}", "UNSUPPORTED_FEATURE")
        try:
            amount = int(text)
        except ValueError:
            raise ParseException(f"Unsupported interval value '{text}'",
                                 "UNSUPPORTED_FEATURE") from None
        base = self.translate(node.this)
        parts = {"months": 0, "days": 0, "micros": 0}
        parts[kind] = sign * amount * mult
        # how Spark names it: the operator and the unit written (a week is 7 days)
        shown = ("+" if sign > 0 else "-") + ("day" if unit.startswith("week") else
                                              unit.rstrip("s"))
        return E.ScalarFunction("interval_add", (base, E.Literal(parts["months"], T.IntegerType()),
                                                 E.Literal(parts["days"], T.IntegerType()),
                                                 E.Literal(parts["micros"], T.LongType()),
                                                 E.Literal(shown, T.StringType())))

    def _make_interval(self, node: exp.Binary, parts: list, sign: int) -> E.Expression:
        """`x + make_interval(y, m, w, d, h, mi, s)` with literal parts: the date or
        timestamp moved as `x + INTERVAL` moves it."""
        y, mo, w, d, h, mi = (int(p.name) if p is not None else 0 for p in parts[:6])
        secs = _decimal.Decimal(parts[6].name) if parts[6] is not None else _decimal.Decimal(0)
        micros = h * 3_600_000_000 + mi * 60_000_000 + int(secs.scaleb(6))
        shown = ", ".join(p.name if p is not None else "0" for p in parts)
        op = "+" if sign > 0 else "-"
        base = self.translate(node.this)
        moved = E.ScalarFunction("interval_add", (
            base, E.Literal(sign * (y * 12 + mo), T.IntegerType()),
            E.Literal(sign * (w * 7 + d), T.IntegerType()), E.Literal(sign * micros, T.LongType())))
        return E.Alias(moved, f"{base.sql()} {op} make_interval({shown})")

    def t_Add(self, node: exp.Add) -> E.Expression:
        return self._interval_arith(node, 1) or self._binary("+", node)

    def t_Sub(self, node: exp.Sub) -> E.Expression:
        return self._interval_arith(node, -1) or self._binary("-", node)

    def t_Mul(self, node: exp.Mul) -> E.Expression:
        return self._binary("*", node)

    def t_Div(self, node: exp.Div) -> E.Expression:
        return self._binary("/", node)

    def t_Mod(self, node: exp.Mod) -> E.Expression:
        out = self._binary("%", node)
        if node.meta.get("written") == "mod":
            return replace(out, called="mod")
        return out

    def t_IntDiv(self, node: exp.IntDiv) -> E.Expression:
        return self._binary("div", node)

    def t_Neg(self, node: exp.Neg) -> E.Expression:
        inner = node.this
        if isinstance(inner, exp.Literal) and not inner.is_string and inner.this.isdigit() and (
                int(inner.this) == 2**63):
            return E.make_literal(-(2**63))  # -9223372036854775808 is bigint's minimum
        if isinstance(inner, exp.TryCast):
            lit = self._suffixed(inner, self.translate(inner.this), parse_data_type(inner.to),
                                 -1)
            if lit is not None:
                return lit
        child = self.translate(node.this)
        if isinstance(child, E.Literal) and not isinstance(node.this, exp.Paren) and (
                child.value is not None) and not isinstance(
                child.value, bool) and not isinstance(child.dtype, T.AnsiIntervalType):
            return E.make_literal(-child.value) if not isinstance(child.dtype, T.DoubleType) \
                else E.Literal(-child.value, child.dtype)
        return E.UnaryMinus(child)

    def _cmp(self, op: str, node: exp.Binary) -> E.Expression:
        return E.Comparison(op, self.translate(node.this), self.translate(node.expression))

    def t_EQ(self, node: exp.EQ) -> E.Expression:
        return self._cmp("=", node)

    def t_NEQ(self, node: exp.NEQ) -> E.Expression:
        return self._cmp("!=", node)

    def t_GT(self, node: exp.GT) -> E.Expression:
        return self._cmp(">", node)

    def t_GTE(self, node: exp.GTE) -> E.Expression:
        return self._cmp(">=", node)

    def t_LT(self, node: exp.LT) -> E.Expression:
        return self._cmp("<", node)

    def t_LTE(self, node: exp.LTE) -> E.Expression:
        return self._cmp("<=", node)

    def t_NullSafeEQ(self, node: exp.NullSafeEQ) -> E.Expression:
        return self._cmp("<=>", node)

    def t_NullSafeNEQ(self, node: exp.NullSafeNEQ) -> E.Expression:
        return E.Not(self._cmp("<=>", node))

    def t_And(self, node: exp.And) -> E.Expression:
        return E.And(self.translate(node.this), self.translate(node.expression))

    def t_Or(self, node: exp.Or) -> E.Expression:
        return E.Or(self.translate(node.this), self.translate(node.expression))

    def t_Not(self, node: exp.Not) -> E.Expression:
        inner = node.this
        if isinstance(inner, exp.Is):
            e = self.t_Is(inner)
            if isinstance(e, E.IsNull):
                return E.IsNotNull(e.child)
        return E.Not(self.translate(inner))

    def t_Is(self, node: exp.Is) -> E.Expression:
        if isinstance(node.expression, exp.Null):
            return E.IsNull(self.translate(node.this))
        return E.Comparison("<=>", self.translate(node.this), self.translate(node.expression))

    def t_Between(self, node: exp.Between) -> E.Expression:
        v = self.translate(node.this)
        return E.And(E.Comparison(">=", v, self.translate(node.args["low"])),
                     E.Comparison("<=", v, self.translate(node.args["high"])), "between")

    def t_In(self, node: exp.In) -> E.Expression:
        if node.args.get("query") is not None:
            return self.in_subquery(node)
        if isinstance(node.this, exp.Tuple):  # (a, b) IN ((1, 2), (3, 4))
            return self._tuple_in(node)
        return E.In(self.translate(node.this), tuple(self.translate(x)
                                                    for x in node.expressions))

    def _tuple_in(self, node: exp.In) -> E.Expression:
        """Each listed tuple compared field by field; a row is in the list when some tuple
        matches (NULL when none does but a comparison was NULL, as Spark's struct IN)."""
        left = [self.translate(x) for x in node.this.expressions]
        out: E.Expression | None = None
        for item in node.expressions:
            right = item.expressions if isinstance(item, exp.Tuple) else [item]
            if len(right) != len(left):
                raise AnalysisException(
                    f"The number of columns in the left hand side of an IN subquery does not "
                    f"match the number of columns in the output of subquery: {len(left)} vs "
                    f"{len(right)} in {node.sql(dialect='spark')}.",
                    "DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH")
            match: E.Expression | None = None
            for a, b in zip(left, right):
                eq = E.Comparison("=", a, self.translate(b))
                match = eq if match is None else E.And(match, eq)
            out = match if out is None else E.Or(out, match)
        return out

    def t_Like(self, node: exp.Like) -> E.Expression:
        quantified = node.expression
        if isinstance(quantified, (exp.Any, exp.All)):  # x LIKE ANY ('a%', 'b%')
            inner = quantified.this
            items = inner.expressions if isinstance(inner, exp.Tuple) else [inner.this]
            v = self.translate(node.this)
            negate = bool(node.args.get("negate"))
            likes = [E.Like("like", v, self.translate(p)) for p in items]
            likes = [E.Not(x) for x in likes] if negate else likes
            any_ = isinstance(quantified, exp.Any)
            join = E.Or if any_ else E.And
            out = likes[0]
            for x in likes[1:]:
                out = join(out, x)
            shown = ("not" if negate else "") + ("likeany" if any_ else "likeall")
            return replace(out, shown=shown) if isinstance(out, (E.Or, E.And)) else out
        return E.Like("like", self.translate(node.this), self.translate(node.expression))

    def t_RawString(self, node: exp.RawString) -> E.Expression:
        """r'...': the text as written, backslashes included."""
        return E.Literal(node.this, T.StringType())

    def t_ILike(self, node: exp.ILike) -> E.Expression:
        return E.Like("ilike", self.translate(node.this), self.translate(node.expression))

    def t_BitwiseAnd(self, node: exp.BitwiseAnd) -> E.Expression:
        return self._fn("&", node.this, node.expression)

    def t_BitwiseOr(self, node: exp.BitwiseOr) -> E.Expression:
        return self._fn("|", node.this, node.expression)

    def t_BitwiseXor(self, node: exp.BitwiseXor) -> E.Expression:
        return self._fn("^", node.this, node.expression)

    def t_BitwiseNot(self, node: exp.BitwiseNot) -> E.Expression:
        return self._fn("~", node.this)

    def t_RegexpLike(self, node: exp.RegexpLike) -> E.Expression:
        return E.Like("rlike", self.translate(node.this), self.translate(node.expression))

    def t_Escape(self, node: exp.Escape) -> E.Expression:
        """`x LIKE p ESCAPE c`: the escape character travels with the Like (ignoring it made
        `ESCAPE '!'` patterns match the wrong rows)."""
        inner = self.translate(node.this)
        esc = self.translate(node.expression)
        like = inner.child if isinstance(inner, E.Not) else inner
        if not isinstance(like, E.Like) or not isinstance(esc, E.Literal) or not isinstance(
                esc.value, str) or len(esc.value) != 1:
            raise ParseException(f"ESCAPE needs a LIKE and a one-character string: "
                                 f"{node.sql(dialect='spark')}", "INVALID_ESCAPE_CHAR")
        like = E.Like(like.kind, like.child, like.pattern, esc.value)
        return E.Not(like) if isinstance(inner, E.Not) else like

    def t_DPipe(self, node: exp.DPipe) -> E.Expression:
        return E.ScalarFunction("concat", (self.translate(node.this),
                                           self.translate(node.expression)))

    def t_Case(self, node: exp.Case) -> E.Expression:
        base = self.tr(node.this)
        conds, vals = [], []
        for branch in node.args.get("ifs") or []:
            c = self.translate(branch.this)
            if base is not None:
                c = E.Comparison("=", base, c)
            conds.append(c)
            vals.append(self.translate(branch.args["true"]))
        other = self.tr(node.args.get("default"))
        return E.CaseWhen(tuple(conds), tuple(vals), other)

    def t_If(self, node: exp.If) -> E.Expression:
        if node.args.get("false") is None:
            from dfengine.functions.registry import arity_error

            raise arity_error("if", 3, 3, 2)
        return E.CaseWhen((self.translate(node.this),), (self.translate(node.args["true"]),),
                          self.tr(node.args.get("false")) or E.Literal(None, T.NullType()),
                          written_if=True)

    def t_Bracket(self, node: exp.Bracket) -> E.Expression:
        """`a[i]` (0-based array index or map key: `subscript`) and `element_at(a, i)` /
        `try_element_at` (1-based, offset=1)."""
        base = self.translate(node.this)
        idx = self.translate(node.expressions[0])
        name = "element_at" if node.args.get("offset") else "subscript"
        if node.args.get("safe"):
            name = "try_element_at"
        return E.ScalarFunction(name, (base, idx))

    def t_SafeAdd(self, node: exp.Expression) -> E.Expression:
        return self._try("+", node)

    def t_SafeSubtract(self, node: exp.Expression) -> E.Expression:
        return self._try("-", node)

    def t_SafeMultiply(self, node: exp.Expression) -> E.Expression:
        return self._try("*", node)

    def t_SafeDivide(self, node: exp.Expression) -> E.Expression:
        return self._try("/", node)

    def _try(self, op: str, node: exp.Expression) -> E.Expression:
        """try_add / try_subtract / try_multiply / try_divide: NULL instead of an error (the
        catalogue's try_* entries, rewritten by the analyzer)."""
        name = {"+": "try_add", "-": "try_subtract", "*": "try_multiply", "/": "try_divide"}[op]
        return E.ScalarFunction(name, (self.translate(node.this), self.translate(node.expression)))

    def t_Extract(self, node: exp.Extract) -> E.Expression:
        unit = node.this.name.lower()
        fn = {"year": "year", "month": "month", "day": "dayofmonth", "quarter": "quarter",
              "hour": "hour", "minute": "minute", "second": "second", "week": "weekofyear",
              "dow": "dayofweek", "doy": "dayofyear", "dayofweek": "dayofweek"}.get(unit)
        from dfengine.functions.dateparts import FIELDS

        if node.this.name.upper() in FIELDS:  # extract(YEAR FROM d), named as Spark names it
            field = node.meta.get("field") or node.this.name
            return E.ScalarFunction("extract", (E.Literal(field, T.StringType()),
                                                self.translate(node.expression)))
        if fn is None:
            raise AnalysisException(
                f"Cannot extract `{node.this.name}` from "
                f"\"{self.translate(node.expression).sql()}\".",
                "INVALID_EXTRACT_FIELD")
        return E.ScalarFunction(fn, (self.translate(node.expression),))

    def t_Array(self, node: exp.Array) -> E.Expression:
        return E.ScalarFunction("array", tuple(self.translate(x) for x in node.expressions))

    def t_Distinct(self, node: exp.Distinct) -> E.Expression:
        raise ParseException("DISTINCT is only allowed inside an aggregate function",
                             "PARSE_SYNTAX_ERROR")

    # ------------------------------------------------------------- functions
    #
    # sqlglot parses several Spark functions into dialect-neutral nodes (LTRIM into Trim with a
    # position, LPAD into Pad, DATE_ADD into TsOrDsAdd, INSTR/LOCATE into StrPosition, ...)
    # and rewrites Java date formats into strftime ones. Each is translated back here to the
    # Spark function of the registry, with the Java format, so that these calls neither fail
    # as unknown functions nor lose arguments.

    def _fn(self, name: str, *args: exp.Expression | None) -> E.Expression:
        return E.ScalarFunction(name, tuple(self.translate(a) for a in args if a is not None))

    def _java_format(self, node: exp.Expression) -> E.Expression | None:
        """The Java pattern of a node whose `format` sqlglot rewrote to strftime."""
        if node.args.get("format") is None:
            return None
        from sqlglot.dialects.dialect import Dialect

        text = Dialect.get_or_raise("spark").generator().format_time(node)
        if text is None:
            return self.translate(node.args["format"])
        return E.Literal(text[1:-1].replace("''", "'"), T.StringType())

    def _formatted(self, name: str, node: exp.Expression) -> E.Expression:
        this = node.this
        if isinstance(this, (exp.TimeStrToTime, exp.TsOrDsToDate)) and not this.args.get(
                "format"):
            this = this.this  # sqlglot's implicit conversion, not the user's
        fmt = self._java_format(node)
        return E.ScalarFunction(name, (self.translate(this),) + ((fmt,) if fmt else ()))

    def t_Trim(self, node: exp.Trim) -> E.Expression:
        position = str(node.args.get("position") or "").upper()
        name = {"LEADING": "ltrim", "TRAILING": "rtrim"}.get(position, "trim")
        return self._fn(name, node.this, node.args.get("expression"))

    def t_TsOrDsAdd(self, node: exp.TsOrDsAdd) -> E.Expression:
        unit = str(node.args.get("unit") or "DAY").upper()
        if unit not in ("DAY", "'DAY'"):
            raise ParseException(f"Unsupported date arithmetic unit {unit}",
                                 "UNSUPPORTED_FEATURE")
        amount = node.expression
        if isinstance(amount, exp.Mul) and amount.expression.sql() == "-1":  # date_sub
            return self._fn("date_sub", node.this, amount.this)
        return self._fn("date_add", node.this, amount)

    def t_DateDiff(self, node: exp.DateDiff) -> E.Expression:
        def unwrap(x: exp.Expression) -> exp.Expression:
            return x.this if isinstance(x, exp.TsOrDsToDate) and not x.args.get("format") else x

        unit = node.args.get("unit")
        if unit is not None:  # datediff(unit, start, end) is timestampdiff
            return self._fn("timestampdiff", exp.Literal.string(unit.name),
                            unwrap(node.expression), unwrap(node.this))
        return self._fn("datediff", unwrap(node.this), unwrap(node.expression))

    def t_StrPosition(self, node: exp.StrPosition) -> E.Expression:
        written = node.meta.get("written")
        if written == "position" and node.meta.get("in_syntax"):  # Spark: locate(a, s, 1)
            written = "locate"
        if written in ("position", "locate"):
            return self._fn(written, node.args["substr"], node.this, node.args.get("position"))
        if node.args.get("position") is not None:
            return self._fn("locate", node.args["substr"], node.this, node.args["position"])
        return self._fn("instr", node.this, node.args["substr"])

    def t_Chr(self, node: exp.Chr) -> E.Expression:
        return self._fn("char" if node.meta.get("written") == "char" else "chr", *node.expressions)

    def t_Decode(self, node: exp.Decode) -> E.Expression:
        return self._fn("decode", node.this, node.args.get("charset"))

    def t_DecodeCase(self, node: exp.DecodeCase) -> E.Expression:
        return self._fn("decode", *node.expressions)

    def t_HexString(self, node: exp.HexString) -> E.Expression:
        return E.Literal(bytes.fromhex(node.this), T.BinaryType())

    def t_RegexpSplit(self, node: exp.RegexpSplit) -> E.Expression:
        return self._fn("split", node.this, node.expression, node.args.get("limit"))

    def t_Pad(self, node: exp.Pad) -> E.Expression:
        return self._fn("lpad" if node.args.get("is_left") else "rpad", node.this,
                        node.expression, node.args.get("fill_pattern"))

    def t_Left(self, node: exp.Left) -> E.Expression:
        return self._fn("left", node.this, node.expression)

    def t_Right(self, node: exp.Right) -> E.Expression:
        return self._fn("right", node.this, node.expression)

    def t_IsNan(self, node: exp.IsNan) -> E.Expression:
        return self._fn("isnan", node.this)

    def t_Nvl2(self, node: exp.Nvl2) -> E.Expression:
        args = [node.this, node.args["true"], node.args.get("false") or exp.Null()]
        return self.call("nvl2", args, distinct=False)

    def t_VarMap(self, node: exp.VarMap) -> E.Expression:
        """`map(k1, v1, k2, v2)`: sqlglot splits the keys from the values."""
        keys, values = node.args["keys"].expressions, node.args["values"].expressions
        args = [x for pair in zip(keys, values, strict=True) for x in pair]
        return self.call(_written_name(node, "map"), args, distinct=False)

    def t_TimeToStr(self, node: exp.TimeToStr) -> E.Expression:
        return self._formatted("date_format", node)

    def t_TsOrDsToDate(self, node: exp.TsOrDsToDate) -> E.Expression:
        return self._formatted("to_date", node)

    def t_StrToTime(self, node: exp.StrToTime) -> E.Expression:
        return self._formatted("to_timestamp", node)

    def t_StrToUnix(self, node: exp.StrToUnix) -> E.Expression:
        return self._formatted("unix_timestamp", node)

    def t_UnixToStr(self, node: exp.UnixToStr) -> E.Expression:
        return self._formatted("from_unixtime", node)

    def t_DateTrunc(self, node: exp.DateTrunc) -> E.Expression:
        return self._fn("trunc", node.this, node.args.get("unit"))

    def t_TimestampTrunc(self, node: exp.TimestampTrunc) -> E.Expression:
        unit = node.args.get("unit")
        unit_lit = E.Literal(unit.name if isinstance(unit, (exp.Var, exp.Literal)) else
                             unit.sql(), T.StringType())
        return E.ScalarFunction("date_trunc", (unit_lit, self.translate(node.this)))

    def t_WithinGroup(self, node: exp.WithinGroup) -> E.Expression:
        """`percentile_cont(p) WITHIN GROUP (ORDER BY x [DESC])`: the exact percentile with
        interpolation (percentile(x, p); DESC reads 1 - p); percentile_disc is the first
        value whose cumulative share reaches p (a DESC order negates the values)."""
        fn, order = node.this, node.expression
        keys = order.expressions if isinstance(order, exp.Order) else []
        if isinstance(fn, exp.Anonymous) and fn.name.lower() in ("listagg", "string_agg") and (
                len(keys) == 1):
            return self._ordered_listagg(fn, keys[0])
        kind = {exp.PercentileCont: "percentile_cont", exp.PercentileDisc: "percentile_disc"}
        if type(fn) not in kind or len(keys) != 1:
            raise ParseException(f"Unsupported WITHIN GROUP: {node.sql(dialect='spark')}",
                                 "UNSUPPORTED_FEATURE")
        name, desc = kind[type(fn)], bool(keys[0].args.get("desc"))
        x, p = self.translate(keys[0].this), self.translate(fn.this)
        shown = f"{name}({p.sql()}) WITHIN GROUP (ORDER BY {x.sql()}{' DESC' if desc else ''})"
        if name == "percentile_cont":
            if desc:
                p = E.BinaryArithmetic("-", E.Literal(1, T.IntegerType()), p)
            return E.AggregateFunction("percentile", (x, p), shown=shown)
        value = E.UnaryMinus(x) if desc else x
        out: E.Expression = E.Cast(E.AggregateFunction(
            "percentile_approx", (value, p, E.Literal(1_000_000, T.IntegerType()))),
            T.DoubleType())
        return E.Alias(E.UnaryMinus(out) if desc else out, shown)

    def _ordered_listagg(self, fn: exp.Anonymous, key: exp.Ordered) -> E.Expression:
        """`listagg([DISTINCT] x, sep) WITHIN GROUP (ORDER BY k [DESC])`: the group's values
        sorted by k (as (k, x) pairs), then joined; NULL values are left out."""
        args = list(fn.expressions)
        distinct = bool(args) and isinstance(args[0], exp.Distinct)
        if distinct:
            args = list(args[0].expressions)
        x = args[0].sql(dialect="spark")
        sep = args[1].sql(dialect="spark") if len(args) > 1 else "''"
        k, desc = key.this.sql(dialect="spark"), bool(key.args.get("desc"))
        asc = "false" if desc else "true"
        if distinct:
            text = f"array_join(sort_array(collect_set({x}), {asc}), {sep})"
        else:
            text = (f"array_join(transform(sort_array(collect_list(struct({k} AS k, {x} AS v)), "
                    f"{asc}), e -> e.v), {sep})")
        inner = self.translate(parse_sql(f"SELECT {text}")[0].expressions[0])
        shown = (f"{fn.name.lower()}({'DISTINCT ' if distinct else ''}{x}, {sep.strip(chr(39))}"
                 f") WITHIN GROUP (ORDER BY {k} {'DESC NULLS LAST' if desc else 'ASC NULLS FIRST'})")
        return E.Alias(inner, shown)

    def t_IgnoreNulls(self, node: exp.IgnoreNulls) -> E.Expression:
        """`first(x) IGNORE NULLS`, which sqlglot also makes of `first(x, true)`."""
        inner = self.translate(node.this)
        if isinstance(inner, E.AggregateFunction):
            return replace(inner, ignore_nulls=True)
        if isinstance(inner, E.WindowExpression) and isinstance(inner.function,
                                                                 E.AggregateFunction):
            f = inner.function
            return E.WindowExpression(replace(f, ignore_nulls=True),
                                      inner.partition_by, inner.order_by, inner.frame)
        if isinstance(inner, E.WindowFunction) and inner.name in ("lag", "lead"):
            return replace(inner, ignore_nulls=True)  # the k-th non-NULL value away
        raise ParseException(f"IGNORE NULLS is not supported here: {node.sql(dialect='spark')}",
                             "UNSUPPORTED_FEATURE")

    def t_Filter(self, node: exp.Filter) -> E.Expression:
        """`agg(x) FILTER (WHERE c)` is agg over CASE WHEN c THEN x END: every aggregate that
        skips NULLs sees exactly the rows where c holds (count(*) counts them)."""
        inner = self.translate(node.this)
        cond = self.translate(node.expression.this if isinstance(node.expression, exp.Where)
                              else node.expression)
        if not isinstance(inner, E.AggregateFunction) or (
                inner.name in ("first", "last", "any_value") and not inner.ignore_nulls):
            raise ParseException(f"FILTER is not supported here: {node.sql(dialect='spark')}",
                                 "UNSUPPORTED_FEATURE")
        args = tuple(E.CaseWhen((cond,), (a,), None) for a in inner.args)
        return replace(inner, args=args, shown=f"{inner.sql()} FILTER (WHERE {cond.sql()})")

    def t_Any(self, node: exp.Any) -> E.Expression:
        """`any(cond)` is Spark's bool_or aggregate; `x = ANY (subquery)` is not supported."""
        inner = node.this
        if isinstance(inner, (exp.Subquery, exp.Select)):
            raise ParseException("ANY/SOME with a subquery is not supported; use IN or EXISTS",
                                 "UNSUPPORTED_FEATURE")
        return aggregate_call("any", (self.translate(inner),))

    def t_Count(self, node: exp.Count) -> E.Expression:
        arg = node.this
        if arg is None or isinstance(arg, exp.Star) and not node.expressions:
            return E.AggregateFunction("count", (E.Literal(1, T.IntegerType()),))
        if isinstance(arg, exp.Distinct):
            return E.AggregateFunction("count", tuple(self.translate(x) for x in
                                                      arg.expressions), distinct=True)
        args = [arg] + list(node.expressions or [])
        return E.AggregateFunction("count", tuple(self.translate(x) for x in args))

    def t_Window(self, node: exp.Window) -> E.Expression:
        return self.window(node)

    def t_Subquery(self, node: exp.Subquery) -> E.Expression:
        return self.scalar_subquery(node)

    def t_Exists(self, node: exp.Exists) -> E.Expression:
        if node.args.get("expression") is not None:  # exists(array, x -> ...)
            return self.call("exists", [node.this, node.expression], distinct=False)
        return self.exists(node)

    def t_Anonymous(self, node: exp.Anonymous) -> E.Expression:
        name = str(node.this).lower()
        args = list(node.expressions)
        if args and isinstance(args[0], exp.Distinct):  # sum(DISTINCT x), listagg(DISTINCT x)
            return self.call(name, list(args[0].expressions) + args[1:], distinct=True)
        if name in ("ltrim", "rtrim") and len(args) == 2:  # Spark SQL: ltrim(trimStr, str)
            args = args[::-1]
        return self.call(name, args, distinct=False)

    def function(self, node: exp.Func) -> E.Expression:
        name = node.sql_name().lower()
        args: list[exp.Expression] = []
        distinct = False
        for key in node.arg_types:
            v = node.args.get(key)
            if v is None:
                continue
            if isinstance(v, list):
                args.extend(v)
            elif isinstance(v, exp.Expression):
                if isinstance(v, exp.Distinct):
                    distinct = True
                    args.extend(v.expressions)
                else:
                    args.append(v)
        if isinstance(node, exp.IgnoreNulls):
            inner = self.translate(node.this)
            if isinstance(inner, E.AggregateFunction):
                return replace(inner, ignore_nulls=True)
            return inner
        return self.call(_written_name(node, name), args, distinct)

    def call(self, name: str, args: list[exp.Expression], distinct: bool) -> E.Expression:
        if name in ("datediff", "date_diff") and len(args) == 3 and isinstance(
                args[0], (exp.Column, exp.Var)) and args[0].name.lower().rstrip("s") in _UNITS:
            name = "timestampdiff"  # datediff(DAY, start, end)
        if name in _UNIT_FIRST and args and isinstance(args[0], (exp.Column, exp.Var)):
            args = [exp.Literal.string(args[0].name), *args[1:]]  # timestampadd(HOUR, ...)
        session_fn = self.session_function(name)
        if session_fn is not None:
            return session_fn([self.translate(a) for a in args])
        name = _SQLGLOT_NAMES.get(name, name)
        if name in _AGGREGATES:
            return aggregate_call(name, tuple(self.translate(a) for a in args), distinct)
        if name in _WINDOW_ONLY:
            targs = [self.translate(a) for a in args]
            offset = 1
            if name in ("lag", "lead") and len(targs) > 1:
                offset = int(targs[1].value)
                targs = [targs[0]] + targs[2:]
            return E.WindowFunction(name, tuple(targs), offset)
        if name in ("isnull",):
            return E.IsNull(self.translate(args[0]))
        if name in ("isnotnull",):
            return E.IsNotNull(self.translate(args[0]))
        if name == "split" and len(args) >= 2:
            pass
        lookup(name)  # raises AnalysisException for unknown functions
        return E.ScalarFunction(name, tuple(self.translate(a) for a in args))

    def session_function(self, name: str) -> Any:
        from dfengine.sqlparse import hooks

        resolver = hooks.function_resolver
        return None if resolver is None else resolver(getattr(self, "session", None), name)

    # ------------------------------------------------------- query contexts

    def window(self, node: exp.Window) -> E.Expression:
        func = self.translate(node.this)
        args = dict(node.args)
        alias = node.args.get("alias")
        if alias is not None:
            # `OVER w` / `OVER (w ROWS ...)`: the named window's clauses fill in the missing
            # ones (ignoring the name ran the function over the whole input)
            # WINDOW w AS (...) of the current SELECT (set by the query translator)
            named = getattr(self, "named_windows", {}).get(alias.name.lower())
            if named is None:
                from dfengine.errors import AnalysisException

                raise AnalysisException(f"Window specification {alias.name} is not defined in "
                                        "the WINDOW clause.", "MISSING_WINDOW_SPECIFICATION")
            for key in ("partition_by", "order", "spec"):
                if not args.get(key):
                    args[key] = named.args.get(key)
        partition = tuple(self.translate(p) for p in args.get("partition_by") or [])
        orders: tuple[E.SortOrder, ...] = ()
        order = args.get("order")
        if order is not None:
            orders = tuple(self.sort_order(o) for o in order.expressions)
        frame = None
        spec = args.get("spec")
        if spec is not None:
            frame = _frame(spec)
        return E.WindowExpression(func, partition, orders, frame)

    def sort_order(self, node: exp.Expression) -> E.SortOrder:
        if isinstance(node, exp.Ordered):
            asc = not node.args.get("desc")
            nulls_first = node.args.get("nulls_first")
            explicit = node.sql(dialect="spark").upper()
            nf = None
            if "NULLS FIRST" in explicit:
                nf = True
            elif "NULLS LAST" in explicit:
                nf = False
            del nulls_first
            return E.SortOrder(self.translate(node.this), asc, nf)
        return E.SortOrder(self.translate(node), True, None)

    def scalar_subquery(self, node: exp.Expression) -> E.Expression:
        raise ParseException("Subqueries are only supported in spark.sql() queries",
                             "UNSUPPORTED_FEATURE")

    exists = scalar_subquery
    in_subquery = scalar_subquery


def _suffixed_literal(child: E.Literal, to: T.DataType, text: str) -> E.Literal | None:
    """127Y, 5S, 1L, 1.5F, 1.5D, 1.5BD: literals of that type, named as the number (Spark's
    typeof(1L) column is `typeof(1)`); an integer out of the type's range is a parse error."""
    v = child.value
    if isinstance(to, T.IntegralType) and isinstance(child.dtype, T.IntegralType):
        if not -_INT_LIMITS[type(to)] <= v < _INT_LIMITS[type(to)]:
            limit = _INT_LIMITS[type(to)]
            raise ParseException(
                f"Numeric literal {text} does not fit in range [{-limit}, {limit - 1}] for "
                f"type {to.simpleString()}.", "INVALID_NUMERIC_LITERAL_RANGE")
        return E.Literal(v, to)
    if isinstance(to, (T.DoubleType, T.FloatType)) and isinstance(v, (int, float,
                                                                      _decimal.Decimal)):
        return E.Literal(float(v), to)
    if isinstance(to, T.DecimalType) and isinstance(v, str):
        return E.make_literal(_decimal.Decimal(text))
    return None


_INT_LIMITS = {T.ByteType: 2 ** 7, T.ShortType: 2 ** 15, T.IntegerType: 2 ** 31,
               T.LongType: 2 ** 63}


def _frame(spec: exp.WindowSpec) -> E.WindowFrame:
    kind = (spec.args.get("kind") or "ROWS").lower()

    def bound(value: Any, side: Any) -> int | None:
        v = str(value).upper() if value is not None else "CURRENT ROW"
        s = str(side).upper() if side is not None else ""
        if v == "UNBOUNDED":
            return None
        if v == "CURRENT ROW":
            return 0
        if isinstance(value, exp.Interval):
            # RANGE over a date/timestamp: the offset counts days (months would need
            # calendar arithmetic, and reading `INTERVAL 1 MONTH` as 1 day would be wrong)
            unit = (value.unit.name if value.unit is not None else "day").lower()
            kind, mult = _INTERVAL_UNITS.get(unit, (None, 0))
            if kind != "days":
                raise ParseException(f"RANGE frames with INTERVAL {unit} offsets are not "
                                     "supported; use days", "UNSUPPORTED_FEATURE")
            n = int(value.this.name) * mult
            return -n if s == "PRECEDING" else n
        n = int(value.name if isinstance(value, exp.Expression) else value)
        return -n if s == "PRECEDING" else n

    lower = bound(spec.args.get("start"), spec.args.get("start_side"))
    upper = bound(spec.args.get("end"), spec.args.get("end_side"))
    return E.WindowFrame(kind, lower, upper)


def _written_name(node: exp.Func, name: str) -> str:
    """The name as written when it is another name of the same function (same catalogue
    entry, or an entry sharing its implementation: nvl/ifnull/coalesce); else sqlglot's."""
    written = node.meta.get("written")
    if not written or written == name:
        return name
    mine, theirs = find(written), find(_SQLGLOT_NAMES.get(name, name))
    if mine is None:
        return name
    if theirs is None:  # sqlglot's node for a function we know only by its written name
        return written
    if mine is theirs or (mine.impl is not None and mine.impl is theirs.impl):
        return written
    return name


def _star_excluded(star: exp.Star) -> tuple[str, ...]:
    """The names of `* EXCEPT (a, b)` (Spark 4's star exclusion)."""
    return tuple(c.name for c in star.args.get("except_") or star.args.get("except") or ())
