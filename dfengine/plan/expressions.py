"""Expression trees: what both the DataFrame API (Column) and the SQL translator build.

Expressions are frozen dataclasses (structural equality, safe to share between plans). An
expression is *resolved* once every column in it is an `AttributeReference`; only then do
`data_type` and `nullable` mean anything. `sql()` renders Spark's generated column name
(`sum(x)`, `(a + 1)`, `CAST(a AS INT)`), which is what an unaliased column is called.
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import itertools
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

from dfengine import types as T
from dfengine.plan.tree import TreeNode
from dfengine.types.format import format_value, repr_double

_ids = itertools.count(1)


_NO_REFERENCES: frozenset = frozenset()


def new_expr_id() -> int:
    """A fresh id naming one column for the lifetime of the process (Spark's ExprId)."""
    return next(_ids)


class Expression(TreeNode):
    # resolved / foldable / deterministic are cached per node: a node is immutable, and
    # analysis and constant folding ask every node of a tree, each asking its whole subtree
    @cached_property
    def resolved(self) -> bool:
        return all(c.resolved for c in self.children)

    @property
    def data_type(self) -> T.DataType:  # pragma: no cover - every subclass overrides
        raise NotImplementedError(type(self).__name__)

    @property
    def nullable(self) -> bool:
        return any(c.nullable for c in self.children)

    @cached_property
    def foldable(self) -> bool:
        """True when the value doesn't depend on input rows (constant folding may evaluate)."""
        return bool(self.children) and all(c.foldable for c in self.children)

    @cached_property
    def deterministic(self) -> bool:
        return all(c.deterministic for c in self.children)

    def references(self) -> set[AttributeReference]:
        return set(self.reference_set)

    @cached_property
    def reference_set(self) -> frozenset[AttributeReference]:
        """The attributes read, once per node from its children's (nodes are immutable): the
        optimizer asks for the references of the same conditions in every rule and join-order
        candidate. A child set's attribute comes first, so an attribute named under two
        spellings keeps its first, as a pre-order walk would."""
        sets = [c.reference_set if isinstance(c, Expression) else frozenset(
            n for n in c.walk() if isinstance(n, AttributeReference)) for c in self.children]
        if not sets:
            return _NO_REFERENCES
        return sets[0] if len(sets) == 1 else frozenset().union(*sets)

    @cached_property
    def reference_ids(self) -> frozenset[int]:
        return frozenset(a.expr_id for a in self.reference_set)

    def sql(self) -> str:  # pragma: no cover
        raise NotImplementedError(type(self).__name__)

    def __str__(self) -> str:
        return self.sql()


# --------------------------------------------------------------------------------- leaves


@dataclass(frozen=True)
class Literal(Expression):
    value: Any
    dtype: T.DataType

    @property
    def resolved(self) -> bool:
        return True

    @property
    def data_type(self) -> T.DataType:
        return self.dtype

    @property
    def nullable(self) -> bool:
        return self.value is None

    @property
    def foldable(self) -> bool:
        return True

    def sql(self) -> str:
        return literal_sql(self.value, self.dtype)

    def __hash__(self) -> int:
        return hash((repr(self.value), self.dtype))


@dataclass(frozen=True)
class VariableValue(Literal):
    """A SQL session variable's value (DECLARE VARIABLE): a literal that Spark names
    `variablereference(system.session.v=5)` inside an expression and `v` on its own."""

    name: str = ""

    def sql(self) -> str:
        return f"variablereference(system.session.{self.name}={_spark_sql(self.value, self.dtype)})"

    def __hash__(self) -> int:
        return hash((repr(self.value), self.dtype, self.name))


_SUFFIX = {T.LongType: "L", T.ShortType: "S", T.ByteType: "Y", T.DoubleType: "D",
           T.DecimalType: "BD"}


def _spark_sql(value: Any, dtype: T.DataType) -> str:
    """A value as Spark's Literal.sql writes it (`5L`, `1.5BD`, `CAST(NULL AS INT)`,
    `ARRAY(1, 2)`), which Spark shows in the names of variable references."""
    if value is None:
        return f"CAST(NULL AS {dtype.simpleString().upper()})"
    if isinstance(dtype, T.ArrayType):
        return "ARRAY(" + ", ".join(_spark_sql(v, dtype.elementType) for v in value) + ")"
    if isinstance(dtype, T.StringType):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return literal_sql(value, dtype) + _SUFFIX.get(type(dtype), "")


def literal_sql(value: Any, dtype: T.DataType) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(dtype, T.DateType):
        return f"DATE '{value.isoformat()}'"
    if isinstance(dtype, (T.TimestampType, T.TimestampNTZType)):
        if isinstance(dtype, T.TimestampType):  # shown in the session zone, as Spark does
            from dfengine.functions.zone_shift import session_zone, tzinfo

            if value.tzinfo is None:  # an aware datetime is already an instant
                value = value.replace(tzinfo=_dt.timezone.utc)
            value = value.astimezone(
                tzinfo(session_zone())).replace(tzinfo=None)
        text = value.isoformat(sep=" ")
        if value.microsecond:  # Spark prints the fraction without trailing zeros
            text = text.rstrip("0")
        kind = "TIMESTAMP_NTZ" if isinstance(dtype, T.TimestampNTZType) else "TIMESTAMP"
        return f"{kind} '{text}'"
    if isinstance(value, (bytes, bytearray)):
        return f"X'{bytes(value).hex().upper()}'"
    if isinstance(dtype, T.AnsiIntervalType):
        return format_value(value, dtype)
    if isinstance(value, float):
        return repr_double(value)
    if isinstance(value, (list, tuple)):
        return "array(" + ", ".join(literal_sql(v, T.NullType()) for v in value) + ")"
    return str(value)




# Python types whose literal type does not depend on the value, in isinstance order
_PLAIN_LITERALS: tuple[tuple[type, Callable[[], T.DataType]], ...] = (
    (bool, T.BooleanType), (float, T.DoubleType), (str, T.StringType),
    (_dt.datetime, T.TimestampType), (_dt.date, T.DateType), (bytes, T.BinaryType),
    (type(None), T.NullType),
)


def _decimal_literal(value: _decimal.Decimal) -> Literal:
    """decimal(digits, digits after the point); 1E+3 is 1000, a decimal(4,0)."""
    if value.is_finite() and value.as_tuple().exponent > 0:
        with _decimal.localcontext() as ctx:
            ctx.prec = 100
            value = value.quantize(_decimal.Decimal(1))
    _sign, digits, exp = value.as_tuple()
    scale = max(0, -exp)
    precision = max(len(digits), scale, 1)
    return Literal(value, T.DecimalType(precision, scale))


def make_literal(value: Any) -> Literal:
    """A literal typed as Spark types Python values in `lit()`."""
    if isinstance(value, Literal):
        return value
    if isinstance(value, bytearray):  # lit(b"uv") is BINARY, shown X'7576'
        value = bytes(value)
    for py_type, spark_type in _PLAIN_LITERALS:  # bool before int, datetime before date
        if isinstance(value, py_type):
            return Literal(value, spark_type())
    if isinstance(value, int):
        if -(2**31) <= value < 2**31:
            return Literal(value, T.IntegerType())
        return Literal(value, T.LongType())
    if isinstance(value, _decimal.Decimal):
        return _decimal_literal(value)
    if isinstance(value, (list, tuple)):
        et = T.NullType()
        for v in value:
            et = T._merge_types(et, make_literal(v).dtype)
        return Literal(list(value), T.ArrayType(et))
    try:
        import numpy as np

        if isinstance(value, np.generic):
            return make_literal(value.item())
    except ImportError:  # pragma: no cover
        pass
    from dfengine.errors import PySparkTypeError

    raise PySparkTypeError(
        f"Unsupported literal type {type(value).__name__} for value {value!r}; use int, float, "
        "str, bool, bytes, Decimal, date, datetime or a list of those.",
        "UNSUPPORTED_LITERAL",
    )


@dataclass(frozen=True)
class UnresolvedAttribute(Expression):
    """A column name not yet bound to an input column; `parts` splits `alias.col`."""

    parts: tuple[str, ...]

    @property
    def resolved(self) -> bool:
        return False

    @property
    def name(self) -> str:
        return self.parts[-1]

    def sql(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True)
class UnresolvedStar(Expression):
    qualifier: tuple[str, ...] | None = None
    excluded: tuple[str, ...] = ()  # SELECT * EXCEPT (a, b): the names left out
    # df['*']: the columns of that DataFrame only (after a join, one side's), by id
    of: tuple[int, ...] | None = None

    @property
    def resolved(self) -> bool:
        return False

    def sql(self) -> str:
        star = (".".join(self.qualifier) + ".*") if self.qualifier else "*"
        return f"{star} EXCEPT ({', '.join(self.excluded)})" if self.excluded else star


@dataclass(frozen=True)
class AttributeReference(Expression):
    """A resolved column: its id, not its name, is its identity."""

    name: str
    dtype: T.DataType
    is_nullable: bool = True
    expr_id: int = field(default_factory=new_expr_id)
    qualifier: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return True

    @property
    def data_type(self) -> T.DataType:
        return self.dtype

    @property
    def nullable(self) -> bool:
        return self.is_nullable

    @property
    def foldable(self) -> bool:
        return False

    @property
    def key(self) -> str:
        """The column name inside execution's Arrow tables: unique per attribute, and the same
        for the attribute under any spelling of its name (`select("ID")` of a column `id` is
        named `ID`, as Spark names it as written, but reads the same data)."""
        return f"{self.name.lower()}#{self.expr_id}"

    def with_qualifier(self, qualifier: tuple[str, ...]) -> AttributeReference:
        return AttributeReference(self.name, self.dtype, self.is_nullable, self.expr_id, qualifier)

    def with_name(self, name: str) -> AttributeReference:
        return AttributeReference(name, self.dtype, self.is_nullable, self.expr_id, self.qualifier)

    def with_nullability(self, nullable: bool) -> AttributeReference:
        return AttributeReference(self.name, self.dtype, nullable, self.expr_id, self.qualifier)

    def new_instance(self) -> AttributeReference:
        return AttributeReference(self.name, self.dtype, self.is_nullable, new_expr_id(),
                                  self.qualifier)

    def sql(self) -> str:
        return self.name

    @property
    def reference_set(self) -> frozenset[AttributeReference]:  # not cached: a set holding itself
        return frozenset((self,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AttributeReference) and other.expr_id == self.expr_id

    def __hash__(self) -> int:
        return hash(("attr", self.expr_id))


# ------------------------------------------------------------------------------ named things


@dataclass(frozen=True)
class Alias(Expression):
    child: Expression
    name: str
    expr_id: int = field(default_factory=new_expr_id)
    _child_fields = ("child",)

    @property
    def data_type(self) -> T.DataType:
        return self.child.data_type

    @property
    def foldable(self) -> bool:
        return False

    def to_attribute(self) -> AttributeReference:
        return AttributeReference(self.name, self.child.data_type, self.child.nullable,
                                  self.expr_id)

    def sql(self) -> str:
        return self.name


@dataclass(frozen=True)
class MultiAlias(Expression):
    """`explode(m).alias('k', 'v')`, `stack(2, ...) AS (a, b)`: a name for each column a
    generator makes; anything else with several names is refused at analysis."""

    child: Expression
    names: tuple[str, ...]
    _child_fields = ("child",)

    @property
    def data_type(self) -> T.DataType:
        return self.child.data_type

    def sql(self) -> str:
        return self.child.sql()


@dataclass(frozen=True)
class UnresolvedAlias(Expression):
    """An unnamed select-list item: the analyzer names it `child.sql()` once the child's
    columns are resolved (so `x.a + 1` is called `(a + 1)`, as in Spark)."""

    child: Expression
    _child_fields = ("child",)

    @property
    def resolved(self) -> bool:
        return False

    def sql(self) -> str:
        return self.child.sql()


def output_name(e: Expression) -> str:
    """The column name a select-list item produces."""
    if isinstance(e, (Alias, AttributeReference)):
        return e.name
    if isinstance(e, UnresolvedAttribute):
        return e.parts[-1]
    if isinstance(e, UnresolvedAlias):
        return e.child.sql()
    return e.sql()


def to_attribute(e: Expression) -> AttributeReference:
    """The output column a resolved named expression (Alias or attribute) produces."""
    if isinstance(e, AttributeReference):
        return e
    if isinstance(e, Alias):
        return e.to_attribute()
    raise TypeError(f"{e!r} is not a named expression")


def named(e: Expression, name: str | None = None) -> Expression:
    """Wrap `e` in an Alias unless it is already named (a select-list item)."""
    if name is None:
        if isinstance(e, (Alias, AttributeReference, UnresolvedAttribute, UnresolvedStar,
                          UnresolvedAlias, MultiAlias)):
            return e
        if isinstance(e, VariableValue):  # `SELECT v` names the column `v`, as in Spark
            return Alias(e, e.name)
        return UnresolvedAlias(e)
    return Alias(e, name)


# ----------------------------------------------------------------------------- operators


ARITHMETIC = {"+", "-", "*", "/", "%", "div"}
COMPARISON = {"=", "<=>", "<", "<=", ">", ">=", "!="}


@dataclass(frozen=True)
class BinaryArithmetic(Expression):
    """`mode` is Spark's EvalMode: "ansi" raises on overflow and division by zero (Spark 4's
    default), "legacy" wraps and returns NULL (spark.sql.ansi.enabled=false), "try" returns
    NULL on any failure (try_add, try_divide, ...)."""

    op: str
    left: Expression
    right: Expression
    mode: str = "ansi"
    # the function name the operator was written as (`mod(a, b)` is a % b named mod(a, b))
    called: str = field(default="", compare=False)
    _child_fields = ("left", "right")

    @cached_property
    def data_type(self) -> T.DataType:
        from dfengine.types.coercion import arithmetic_result_type

        return arithmetic_result_type(self.op, self.left.data_type, self.right.data_type)

    @property
    def nullable(self) -> bool:
        return True if self.op in ("/", "%", "div") else super().nullable

    def sql(self) -> str:
        if self.called:
            return f"{self.called}({self.left.sql()}, {self.right.sql()})"
        days = _days_added(self.op, self.left, self.right)
        if days is not None:  # Spark names `d + 1` by what it becomes: date_add(d, 1)
            return days
        if self.op in ("+", "-") and _moves_date(self.left, self.right):
            return f"{self.left.sql()} {self.op} {self.right.sql()}"  # Spark: no parentheses
        calendar = _calendar_operands(self.op, self.left, self.right)
        if calendar is not None:
            return calendar
        if self.op == "*" and _year_month(self.right):  # Spark: `n * i` is (i * n)
            return f"({self.right.sql()} * {self.left.sql()})"
        return f"({self.left.sql()} {self.op} {self.right.sql()})"


def _type_or_none(e: Expression) -> T.DataType | None:
    try:
        return e.data_type
    except Exception:  # noqa: BLE001 - not resolved yet: named later
        return None


def _days_added(op: str, left: Expression, right: Expression) -> str | None:
    """`date + n`, `n + date`, `date - n` as Spark's analyzer renames them."""
    lt, rt = _type_or_none(left), _type_or_none(right)
    if op in ("+", "-") and isinstance(lt, T.DateType) and isinstance(rt, T.IntegralType):
        return f"date_{'add' if op == '+' else 'sub'}({left.sql()}, {right.sql()})"
    if op == "+" and isinstance(rt, T.DateType) and isinstance(lt, T.IntegralType):
        return f"date_add({right.sql()}, {left.sql()})"
    return None


def _year_month(e: Expression) -> bool:
    return isinstance(_type_or_none(e), T.YearMonthIntervalType)


def _calendar_operands(op: str, left: Expression, right: Expression) -> str | None:
    """A calendar interval times (divided by) a number: Spark's multiply_interval(i, n)."""
    kinds = [isinstance(_type_or_none(x), T.CalendarIntervalType) for x in (left, right)]
    if op not in ("*", "/") or not any(kinds):
        return None
    i, n = (right, left) if kinds[1] and not kinds[0] else (left, right)
    return f"{'multiply' if op == '*' else 'divide'}_interval({i.sql()}, {n.sql()})"


def _moves_date(left: Expression, right: Expression) -> bool:
    """A date or timestamp plus a year-month interval (Spark's DateAddYMInterval)."""
    return (_year_month(left) or _year_month(right)) and any(isinstance(
        _type_or_none(x), (T.DateType, T.TimestampType, T.TimestampNTZType)) for x in (left, right))


@dataclass(frozen=True)
class Comparison(Expression):
    op: str
    left: Expression
    right: Expression
    _child_fields = ("left", "right")

    @property
    def data_type(self) -> T.DataType:
        return T.BooleanType()

    @property
    def nullable(self) -> bool:
        return False if self.op == "<=>" else super().nullable

    def sql(self) -> str:
        if self.op == "!=":
            return f"(NOT ({self.left.sql()} = {self.right.sql()}))"
        return f"({self.left.sql()} {self.op} {self.right.sql()})"


@dataclass(frozen=True)
class And(Expression):
    left: Expression
    right: Expression
    # "between": SQL's `x BETWEEN lo AND hi`, which Spark 4 names between(x, lo, hi);
    # "likeall" / "notlikeall": `x [NOT] LIKE ALL (...)`, named likeall(x)
    shown: str = field(default="", compare=False)
    _child_fields = ("left", "right")

    @property
    def data_type(self) -> T.DataType:
        return T.BooleanType()

    def sql(self) -> str:
        low, high = self.left, self.right
        if self.shown == "between" and isinstance(low, Comparison) and isinstance(
                high, Comparison):
            return f"between({low.left.sql()}, {low.right.sql()}, {high.right.sql()})"
        return _quantified_like_sql(self) or f"({self.left.sql()} AND {self.right.sql()})"


def _quantified_like_sql(e: Expression) -> str | None:
    """`x LIKE ANY (...)` as Spark names it: likeany(x) (the patterns are not shown)."""
    shown = getattr(e, "shown", "")
    if not shown.endswith(("likeany", "likeall")):
        return None
    first = next((x for x in e.walk() if isinstance(x, Like)), None)
    return f"{shown}({first.child.sql()})" if first is not None else None


@dataclass(frozen=True)
class Or(Expression):
    left: Expression
    right: Expression
    shown: str = field(default="", compare=False)  # "likeany" / "notlikeany"
    _child_fields = ("left", "right")

    @property
    def data_type(self) -> T.DataType:
        return T.BooleanType()

    def sql(self) -> str:
        return _quantified_like_sql(self) or f"({self.left.sql()} OR {self.right.sql()})"


@dataclass(frozen=True)
class Not(Expression):
    child: Expression
    _child_fields = ("child",)

    @property
    def data_type(self) -> T.DataType:
        return T.BooleanType()

    def sql(self) -> str:
        return f"(NOT {self.child.sql()})"


@dataclass(frozen=True)
class UnaryMinus(Expression):
    child: Expression
    mode: str = "ansi"  # ANSI: -(min value) overflows (ARITHMETIC_OVERFLOW); legacy wraps
    # "negative": PySpark 4's `-col` is the function negative(col), named so
    shown: str = field(default="", compare=False)
    _child_fields = ("child",)

    @property
    def data_type(self) -> T.DataType:
        return self.child.data_type

    def sql(self) -> str:
        if self.shown:
            return f"{self.shown}({self.child.sql()})"
        return f"(- {self.child.sql()})"


@dataclass(frozen=True)
class IsNull(Expression):
    child: Expression
    _child_fields = ("child",)

    @property
    def data_type(self) -> T.DataType:
        return T.BooleanType()

    @property
    def nullable(self) -> bool:
        return False

    def sql(self) -> str:
        return f"({self.child.sql()} IS NULL)"


@dataclass(frozen=True)
class IsNotNull(Expression):
    child: Expression
    _child_fields = ("child",)

    @property
    def data_type(self) -> T.DataType:
        return T.BooleanType()

    @property
    def nullable(self) -> bool:
        return False

    def sql(self) -> str:
        return f"({self.child.sql()} IS NOT NULL)"


@dataclass(frozen=True)
class In(Expression):
    value: Expression
    items: tuple[Expression, ...]
    _child_fields = ("value", "items")

    @property
    def data_type(self) -> T.DataType:
        return T.BooleanType()

    def sql(self) -> str:
        return f"({self.value.sql()} IN ({', '.join(i.sql() for i in self.items)}))"


@dataclass(frozen=True)
class Like(Expression):
    """`kind` is like, ilike or rlike; pattern is an expression (usually a literal)."""

    kind: str
    child: Expression
    pattern: Expression
    escape: str = "\\"
    _child_fields = ("child", "pattern")

    @property
    def data_type(self) -> T.DataType:
        return T.BooleanType()

    def sql(self) -> str:
        if self.kind == "rlike":
            return f"RLIKE({self.child.sql()}, {self.pattern.sql()})"
        if self.kind == "ilike":  # Spark shows ilike as a call, operator or not
            esc = f", {self.escape}" if self.escape != "\\" else ""
            return f"ilike({self.child.sql()}, {self.pattern.sql()}{esc})"
        esc = f" ESCAPE '{self.escape}'" if self.escape != "\\" else ""
        return f"{self.child.sql()} {self.kind.upper()} {self.pattern.sql()}{esc}"


@dataclass(frozen=True)
class CaseWhen(Expression):
    conditions: tuple[Expression, ...]
    values: tuple[Expression, ...]
    else_value: Expression | None = None
    written_if: bool = False  # written as if(c, a, b): Spark names it (IF(c, a, b))
    _child_fields = ("conditions", "values", "else_value")

    @cached_property
    def data_type(self) -> T.DataType:
        from dfengine.types.coercion import common_type

        types = [v.data_type for v in self.values]
        if self.else_value is not None:
            types.append(self.else_value.data_type)
        return common_type(types) or types[0]

    @property
    def nullable(self) -> bool:
        return (self.else_value is None or self.else_value.nullable
                or any(v.nullable for v in self.values))

    def sql(self) -> str:
        if self.written_if and len(self.conditions) == 1 and self.else_value is not None:
            return (f"(IF({self.conditions[0].sql()}, {self.values[0].sql()}, "
                    f"{self.else_value.sql()}))")
        parts = ["CASE"]
        for c, v in zip(self.conditions, self.values):
            parts.append(f"WHEN {c.sql()} THEN {v.sql()}")
        if self.else_value is not None:
            parts.append(f"ELSE {self.else_value.sql()}")
        parts.append("END")
        return " ".join(parts)


_DECIMAL_OF = {T.ByteType: (3, 0), T.ShortType: (5, 0), T.IntegerType: (10, 0),
               T.LongType: (20, 0), T.BooleanType: (1, 0)}


def _fits_decimal(src: T.DataType, to: T.DecimalType) -> bool:
    """Spark's canNullSafeCastToDecimal: every value of `src` has room in `to`."""
    if isinstance(src, T.DecimalType):
        return to.precision - to.scale > src.precision - src.scale
    p, s = _DECIMAL_OF.get(type(src), (None, None))
    return p is not None and to.precision - to.scale >= p - s and to.scale >= s


def _force_nullable(src: T.DataType, to: T.DataType) -> bool:
    """Spark's Cast.forceNullable: whether the cast itself can make a NULL."""
    if isinstance(src, T.NullType) or (isinstance(src, T.StringType) and isinstance(
            to, T.BinaryType)):
        return False
    if isinstance(src, T.StringType):
        return True
    if isinstance(to, T.StringType):
        return False
    if isinstance(src, (T.FloatType, T.DoubleType)) and isinstance(to, T.TimestampType):
        return True
    if isinstance(to, T.DateType):
        return not isinstance(src, (T.TimestampType, T.TimestampNTZType))
    if isinstance(src, T.DateType):
        return not isinstance(to, (T.TimestampType, T.TimestampNTZType))
    if isinstance(to, T.DecimalType):
        return not _fits_decimal(src, to)
    return isinstance(src, (T.FloatType, T.DoubleType, T.DecimalType)) and isinstance(
        to, T.IntegralType)


def _widening(src: T.DataType, to: T.DataType) -> bool:
    """try_cast keeps NOT NULL only for Spark's up-casts (a wider number, anything to a
    string)."""
    from dfengine.types.coercion import wider_numeric

    if src == to or isinstance(to, T.StringType) and not isinstance(src, T.BinaryType):
        return True
    if isinstance(src, T.IntegralType) and isinstance(to, (T.IntegralType, T.FloatType,
                                                           T.DoubleType)):
        return wider_numeric(src, to) == to
    return isinstance(src, T.FloatType) and isinstance(to, T.DoubleType)


@dataclass(frozen=True)
class Cast(Expression):
    """`mode`: "ansi" raises on malformed input and overflow, "legacy" returns NULL (and wraps
    integers) as Spark 3 did, "try" returns NULL (try_cast)."""

    child: Expression
    to: T.DataType
    mode: str = "ansi"
    # the session time zone of the query (plan/time_zone.py); "" = UTC
    zone: str = ""
    # written as Column.cast(): a chain of those over a column keeps the column's name
    api: bool = field(default=False, compare=False)
    # written as a type's function (`string(12)`, `int(a)`): Spark names it as its input
    unnamed: bool = field(default=False, compare=False)
    _child_fields = ("child",)

    @property
    def data_type(self) -> T.DataType:
        return self.to

    @property
    def nullable(self) -> bool:
        """Spark's Cast.nullable: a cast that can fail (a string to a number, a double to an
        integer, a number to a narrower decimal) may give NULL; a widening one is as nullable
        as its input (`coalesce(age, 0)` casting 0 to BIGINT stays NOT NULL)."""
        src = self.child.data_type
        if self.mode == "try":
            return self.child.nullable or not _widening(src, self.to)
        return self.child.nullable or _force_nullable(src, self.to)

    def sql(self) -> str:
        if self.mode == "try":
            return f"TRY_CAST({self.child.sql()} AS {self.to.simpleString().upper()})"
        if self.unnamed or isinstance(self.to, (T.ArrayType, T.MapType, T.StructType)):
            return self.child.sql()  # Spark's Cast.sql leaves casts to complex types out
        return f"CAST({self.child.sql()} AS {self.to.simpleString().upper()})"

    def __hash__(self) -> int:
        return hash((self.child, self.to, self.mode, self.zone))


@dataclass(frozen=True)
class ScalarFunction(Expression):
    """A call of a built-in scalar function from `dfengine.functions.registry`'s registry."""

    name: str
    args: tuple[Expression, ...]
    ansi: bool = True  # spark.sql.ansi.enabled when the query ran (element_at, arr[i], ...)
    zone: str = ""  # the session time zone of the query (plan/time_zone.py); "" = UTC
    # spark.sql.mapKeyDedupPolicy=LAST_WIN for a function building a map (map_key_dedup.py)
    last_win: bool = False
    _child_fields = ("args",)

    @cached_property
    def spec(self) -> Any:
        from dfengine.functions import lookup

        return lookup(self.name)

    @cached_property
    def data_type(self) -> T.DataType:
        return self.spec.result_type_of(self.args)

    @property
    def nullable(self) -> bool:
        return self.spec.nullable(self.args)

    @property
    def foldable(self) -> bool:
        return self.spec.deterministic and all(a.foldable for a in self.args) and (
            not self.spec.nondeterministic_time)

    @property
    def deterministic(self) -> bool:
        return self.spec.deterministic and super().deterministic

    def sql(self) -> str:
        return self.spec.render(self)


@dataclass(frozen=True)
class AggregateFunction(Expression):
    """count, sum, avg, min, max, stddev, ... over the rows of a group."""

    name: str
    args: tuple[Expression, ...]
    distinct: bool = False
    ignore_nulls: bool = False
    called: str = ""  # the alias the call was written with (`mean`, `std`), shown in its name
    shown: str = ""  # the name as written, when the args were rewritten (agg FILTER (WHERE c))
    _child_fields = ("args",)

    @property
    def foldable(self) -> bool:
        return False

    @cached_property
    def data_type(self) -> T.DataType:
        from dfengine.functions.aggregates import aggregate_result_type

        return aggregate_result_type(self.name, [a.data_type for a in self.args])

    @property
    def nullable(self) -> bool:
        return self.name not in _NEVER_NULL_AGGREGATES

    def sql(self) -> str:
        from dfengine.functions.aggregates import aggregate_sql

        return self.shown or aggregate_sql(self)


# aggregates Spark declares NOT NULL: counts, and the collections (empty, never NULL)
_NEVER_NULL_AGGREGATES = frozenset({
    "count", "count_if", "approx_count_distinct", "regr_count", "collect_list",
    "collect_set", "array_agg", "count_min_sketch", "hll_sketch_agg", "hll_union_agg"})


@dataclass(frozen=True)
class SortOrder(Expression):
    child: Expression
    ascending: bool = True
    nulls_first: bool | None = None
    _child_fields = ("child",)

    @property
    def null_first(self) -> bool:
        """Spark's default: nulls first when ascending, last when descending."""
        return self.ascending if self.nulls_first is None else self.nulls_first

    @property
    def data_type(self) -> T.DataType:
        return self.child.data_type

    def sql(self) -> str:
        d = "ASC" if self.ascending else "DESC"
        n = "NULLS FIRST" if self.null_first else "NULLS LAST"
        return f"{self.child.sql()} {d} {n}"


@dataclass(frozen=True)
class WindowFrame:
    """ROWS or RANGE frame; bounds are ints (offsets), or None for UNBOUNDED."""

    kind: str = "rows"
    lower: int | None = None
    upper: int | None = 0
    # Spark names an API bound of -1 "-1 FOLLOWING" (a literal) but SQL's "1 PRECEDING" as
    # written (a negation); only the column name differs, so equality ignores it.
    from_api: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class WindowExpression(Expression):
    function: Expression
    partition_by: tuple[Expression, ...] = ()
    order_by: tuple[SortOrder, ...] = ()
    frame: WindowFrame | None = None
    _child_fields = ("function", "partition_by", "order_by")

    @property
    def data_type(self) -> T.DataType:
        return self.function.data_type

    @property
    def nullable(self) -> bool:
        return True

    @property
    def foldable(self) -> bool:
        return False

    def sql(self) -> str:
        parts = []
        if self.partition_by:
            parts.append("PARTITION BY " + ", ".join(p.sql() for p in self.partition_by))
        if self.order_by:
            parts.append("ORDER BY " + ", ".join(o.sql() for o in self.order_by))
        if self.frame is not None:
            parts.append(frame_sql(self.frame))
        else:  # Spark's names spell out the default frame
            parts.append(self._default_frame_sql())
        return f"{self.function.sql()} OVER ({' '.join(parts)})"

    def _default_frame_sql(self) -> str:
        f = self.function
        if isinstance(f, WindowFunction) and f.name in ("lag", "lead"):
            k = f.offset if f.name == "lead" else -f.offset
            return f"ROWS BETWEEN {k} FOLLOWING AND {k} FOLLOWING"
        if isinstance(f, WindowFunction) and f.name in (  # cume_dist: Spark's RANGE frame
                "row_number", "rank", "dense_rank", "percent_rank", "ntile", "counter_diff"):
            return "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"
        return frame_sql(WindowFrame("range", None, 0) if self.order_by else WindowFrame(
            "rows", None, None))


def frame_sql(f: WindowFrame) -> str:
    def bound(b: int | None, lower: bool) -> str:
        if b is None:
            return "UNBOUNDED PRECEDING" if lower else "UNBOUNDED FOLLOWING"
        if b == 0:
            return "CURRENT ROW"
        if f.from_api:
            return f"{b} FOLLOWING"
        return f"{abs(b)} {'PRECEDING' if b < 0 else 'FOLLOWING'}"

    return (f"{'ROWS' if f.kind == 'rows' else 'RANGE'} BETWEEN {bound(f.lower, True)} AND "
            f"{bound(f.upper, False)}")


@dataclass(frozen=True)
class WindowFunction(Expression):
    """Ranking and offset functions only valid in a window: row_number, rank, lag, ..."""

    name: str
    args: tuple[Expression, ...] = ()
    offset: int = 1
    ignore_nulls: bool = False  # lag / lead: count only non-NULL rows
    _child_fields = ("args",)

    @property
    def data_type(self) -> T.DataType:
        if self.name in ("row_number", "rank", "dense_rank", "ntile"):
            return T.IntegerType()
        if self.name in ("percent_rank", "cume_dist"):
            return T.DoubleType()
        return self.args[0].data_type

    @property
    def foldable(self) -> bool:
        return False

    def sql(self) -> str:
        if self.name in ("lag", "lead"):
            default = self.args[1].sql() if len(self.args) > 1 else "NULL"
            return f"{self.name}({self.args[0].sql()}, {self.offset}, {default})"
        if self.name in ("rank", "dense_rank", "percent_rank"):  # Spark's RankLike.sql
            return f"{self.name.upper()}()"
        return f"{self.name}({', '.join(a.sql() for a in self.args)})"


def split_conjuncts(e: Expression) -> list[Expression]:
    if isinstance(e, And):
        return split_conjuncts(e.left) + split_conjuncts(e.right)
    return [e]


def conjoin(parts: list[Expression]) -> Expression | None:
    out: Expression | None = None
    for p in parts:
        out = p if out is None else And(out, p)
    return out


def is_aggregate(e: Expression) -> bool:
    """Whether `e` computes an aggregate outside any window function (an aggregate among a
    window function's arguments counts: `sum(sum(a)) OVER ()` is an aggregate query)."""
    if isinstance(e, WindowExpression):
        return any(is_aggregate(c) for c in (*e.function.children, *e.partition_by,
                                             *e.order_by))
    if isinstance(e, AggregateFunction):
        return True
    return any(is_aggregate(c) for c in e.children)
