"""`Column`: PySpark's column handle, a thin wrapper over an expression tree."""

from __future__ import annotations

from typing import Any

from dfengine import types as T
from dfengine.errors import PySparkTypeError, PySparkValueError
from dfengine.plan import expressions as E


def parse_column_name(name: str) -> E.Expression:
    """`a`, `t.a`, `` `a.b` ``, `*`, `t.*` as Spark parses a column name string."""
    if name == "*":
        return E.UnresolvedStar()
    parts: list[str] = []
    cur = ""
    quoted = False
    i = 0
    while i < len(name):
        ch = name[i]
        if ch == "`":
            if quoted and i + 1 < len(name) and name[i + 1] == "`":
                cur += "`"
                i += 2
                continue
            quoted = not quoted
        elif ch == "." and not quoted:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    parts.append(cur)
    if parts[-1] == "*" and len(parts) > 1:
        return E.UnresolvedStar(tuple(parts[:-1]))
    return E.UnresolvedAttribute(tuple(parts))


def _expr(x: Any) -> E.Expression:
    """A Column, or a Python value as a literal (operands of operators)."""
    if isinstance(x, Column):
        return x._expr
    if isinstance(x, E.Expression):
        return x
    return E.make_literal(x)


def to_expr(x: Any) -> E.Expression:
    """A Column, or a string naming a column (arguments of functions)."""
    if isinstance(x, Column):
        return x._expr
    if isinstance(x, str):
        return parse_column_name(x)
    if isinstance(x, E.Expression):
        return x
    raise PySparkTypeError(
        f"Argument should be a Column or str, got {type(x).__name__}.", "NOT_COLUMN_OR_STR")


def _bin(op: str) -> Any:
    def fn(self: Column, other: Any) -> Column:
        return Column(E.BinaryArithmetic(op, self._expr, _expr(other)))
    return fn


def _rbin(op: str) -> Any:
    def fn(self: Column, other: Any) -> Column:
        return Column(E.BinaryArithmetic(op, _expr(other), self._expr))
    return fn


def _cmp(op: str) -> Any:
    def fn(self: Column, other: Any) -> Column:
        return Column(E.Comparison(op, self._expr, _expr(other)))
    return fn


def _pattern(pattern: Any) -> E.Expression:
    """PySpark's like/rlike/ilike take a string (a Column fails in Py4J as NOT_ITERABLE);
    SQL's `s LIKE p` takes a column of patterns."""
    if isinstance(pattern, Column):
        raise PySparkTypeError("Column is not iterable: Column.like/rlike/ilike take a "
                               "string pattern; for a column of patterns use "
                               "F.expr('s LIKE p').", "NOT_ITERABLE")
    return E.make_literal(pattern)


def _in_subquery(value: E.Expression, df: Any) -> Column:
    """`value IN (SELECT ... FROM df)`; a `struct(a, b)` on the left compares field by field
    with a two-column `df`, as Spark's `(a, b) IN (query)`."""
    from dfengine.errors import AnalysisException
    from dfengine.plan.subqueries import InSubquery

    width = len(df.columns)
    values: tuple[E.Expression, ...] = (value,)
    if width > 1 and isinstance(value, E.ScalarFunction) and value.name in (
            "struct", "named_struct"):
        args = value.args if value.name == "struct" else value.args[1::2]
        values = tuple(a.child if isinstance(a, E.Alias) else a for a in args)
    if len(values) != width:
        raise AnalysisException(
            f"The number of columns in the IN subquery ({width}) does not match the number "
            f"of values on its left ({len(values)}); select as many columns as the values "
            "compared (struct(a, b) compares two).",
            "DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH")
    return Column(InSubquery(plan=df._fresh_plan(), values=values))


# Whether any `col.outer()` was made in this process: until then no plan can hold an outer
# reference, and DataFrame actions skip looking for one (and importing the subquery module).
outer_used = False


class Column:
    def __init__(self, expr: E.Expression):
        self._expr = expr

    # arithmetic
    __add__ = _bin("+")
    __sub__ = _bin("-")
    __mul__ = _bin("*")
    __truediv__ = _bin("/")
    __div__ = _bin("/")
    __mod__ = _bin("%")
    __radd__ = _rbin("+")
    __rsub__ = _rbin("-")
    __rmul__ = _rbin("*")
    __rtruediv__ = _rbin("/")
    __rmod__ = _rbin("%")

    def __pow__(self, other: Any) -> Column:
        return Column(E.ScalarFunction("pow", (self._expr, _expr(other))))

    def __rpow__(self, other: Any) -> Column:
        return Column(E.ScalarFunction("pow", (_expr(other), self._expr)))

    def __neg__(self) -> Column:
        return Column(E.UnaryMinus(self._expr, shown="negative"))

    # comparison
    __eq__ = _cmp("=")  # type: ignore[assignment]
    __ne__ = _cmp("!=")  # type: ignore[assignment]
    __lt__ = _cmp("<")
    __le__ = _cmp("<=")
    __gt__ = _cmp(">")
    __ge__ = _cmp(">=")

    def eqNullSafe(self, other: Any) -> Column:
        return Column(E.Comparison("<=>", self._expr, _expr(other)))

    # logic
    def __and__(self, other: Any) -> Column:
        return Column(E.And(self._expr, _expr(other)))

    def __or__(self, other: Any) -> Column:
        return Column(E.Or(self._expr, _expr(other)))

    def __rand__(self, other: Any) -> Column:
        return Column(E.And(_expr(other), self._expr))

    def __ror__(self, other: Any) -> Column:
        return Column(E.Or(_expr(other), self._expr))

    def __invert__(self) -> Column:
        return Column(E.Not(self._expr))

    def __bool__(self) -> bool:
        raise PySparkValueError(
            "Cannot convert column into bool: please use '&' for 'and', '|' for 'or', '~' for "
            "'not' when building DataFrame boolean expressions.", "CANNOT_CONVERT_COLUMN_INTO_BOOL")

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self) -> Any:
        raise PySparkTypeError("Column is not iterable", "NOT_ITERABLE")

    def __contains__(self, item: Any) -> bool:
        raise PySparkValueError(
            "Cannot apply 'in' operator against a column: please use 'contains' in a string "
            "column or 'array_contains' function for an array column.",
            "CANNOT_APPLY_IN_FOR_COLUMN")

    # predicates
    def isNull(self) -> Column:
        return Column(E.IsNull(self._expr))

    def isNotNull(self) -> Column:
        return Column(E.IsNotNull(self._expr))

    def isNaN(self) -> Column:
        return Column(E.ScalarFunction("isnan", (self._expr,)))

    def isin(self, *values: Any) -> Column:
        if len(values) == 1 and isinstance(values[0], (list, tuple, set)):
            values = tuple(values[0])
        if len(values) == 1 and hasattr(values[0], "_fresh_plan"):  # col.isin(df): IN (query)
            return _in_subquery(self._expr, values[0])
        return Column(E.In(self._expr, tuple(_expr(v) for v in values)))

    def outer(self) -> Column:
        """This column names a column of the query enclosing the subquery it is used in
        (`df.where(col("o.k") == col("c.k").outer()).exists()`)."""
        from dfengine.plan.subqueries import OuterReference

        global outer_used
        outer_used = True
        return Column(OuterReference(ref=self._expr))

    def between(self, lower: Any, upper: Any) -> Column:
        return Column(E.And(E.Comparison(">=", self._expr, _expr(lower)),
                            E.Comparison("<=", self._expr, _expr(upper))))

    def like(self, pattern: str) -> Column:
        return Column(E.Like("like", self._expr, _pattern(pattern)))

    def ilike(self, pattern: str) -> Column:
        return Column(E.Like("ilike", self._expr, _pattern(pattern)))

    def rlike(self, pattern: str) -> Column:
        return Column(E.Like("rlike", self._expr, _pattern(pattern)))

    def bitwiseAND(self, other: Any) -> Column:
        return Column(E.ScalarFunction("&", (self._expr, _expr(other))))

    def bitwiseOR(self, other: Any) -> Column:
        return Column(E.ScalarFunction("|", (self._expr, _expr(other))))

    def bitwiseXOR(self, other: Any) -> Column:
        return Column(E.ScalarFunction("^", (self._expr, _expr(other))))

    def startswith(self, other: Any) -> Column:
        return Column(E.ScalarFunction("startswith", (self._expr, _expr(other))))

    def endswith(self, other: Any) -> Column:
        return Column(E.ScalarFunction("endswith", (self._expr, _expr(other))))

    def contains(self, other: Any) -> Column:
        return Column(E.ScalarFunction("contains", (self._expr, _expr(other))))

    def substr(self, startPos: Any, length: Any) -> Column:
        if isinstance(startPos, Column) != isinstance(length, Column):
            raise PySparkTypeError(
                f"Argument `startPos` and `length` should be the same type, got "
                f"{type(startPos).__name__} and {type(length).__name__}.", "NOT_SAME_TYPE")
        return Column(E.ScalarFunction("substr", (self._expr, _expr(startPos),
                                                     _expr(length))))

    # naming and types
    def alias(self, *alias: str, **kwargs: Any) -> Column:
        if len(alias) > 1:  # the columns of a generator (checked at analysis)
            return Column(E.MultiAlias(self._expr, tuple(alias)))
        if len(alias) != 1:
            raise PySparkValueError("alias() takes exactly one name for a single column",
                                    "ONLY_ONE_ALIAS")
        out = E.Alias(self._expr, alias[0])
        if kwargs.get("metadata"):
            from dfengine.sql.attribute_metadata import register

            register(out.expr_id, kwargs["metadata"])
        return Column(out)

    name = alias

    def cast(self, dataType: T.DataType | str) -> Column:
        if isinstance(dataType, str):
            dataType = T._parse_datatype_string(dataType)
        if not isinstance(dataType, T.DataType):
            raise PySparkTypeError(f"dataType should be DataType or str, got {dataType!r}",
                                   "NOT_DATATYPE_OR_STR")
        from dfengine.types.ddl import char_as_string

        return Column(E.Cast(self._expr, char_as_string(dataType), api=True))

    astype = cast

    def try_cast(self, dataType: T.DataType | str) -> Column:
        """The cast, with NULL where the value is malformed or overflows (never an error)."""
        cast = self.cast(dataType)._expr
        return Column(E.Cast(cast.child, cast.to, "try"))

    # sorting
    def asc(self) -> Column:
        return Column(E.SortOrder(self._expr, True, None))

    def desc(self) -> Column:
        return Column(E.SortOrder(self._expr, False, None))

    def asc_nulls_first(self) -> Column:
        return Column(E.SortOrder(self._expr, True, True))

    def asc_nulls_last(self) -> Column:
        return Column(E.SortOrder(self._expr, True, False))

    def desc_nulls_first(self) -> Column:
        return Column(E.SortOrder(self._expr, False, True))

    def desc_nulls_last(self) -> Column:
        return Column(E.SortOrder(self._expr, False, False))

    # conditional
    def when(self, condition: Column, value: Any) -> Column:
        e = self._expr
        if isinstance(e, E.CaseWhen) and e.else_value is not None:
            from dfengine.errors import IllegalArgumentException

            raise IllegalArgumentException(
                "otherwise() can only be applied once on a Column previously generated by "
                "when()")
        if not isinstance(e, E.CaseWhen):
            raise PySparkTypeError("when() can only be applied on a Column previously generated "
                                   "by when() function", "INVALID_WHEN_USAGE")
        return Column(E.CaseWhen(e.conditions + (_expr(condition),), e.values + (_expr(value),)))

    def otherwise(self, value: Any) -> Column:
        e = self._expr
        if isinstance(e, E.CaseWhen) and e.else_value is not None:
            from dfengine.errors import IllegalArgumentException

            raise IllegalArgumentException(
                "otherwise() can only be applied once on a Column previously generated by "
                "when()")
        if not isinstance(e, E.CaseWhen):
            raise PySparkTypeError("otherwise() can only be applied on a Column previously "
                                   "generated by when()", "INVALID_WHEN_USAGE")
        return Column(E.CaseWhen(e.conditions, e.values, _expr(value)))

    def over(self, window: Any) -> Column:
        return Column(window._apply(self._expr))

    # nested access
    def getItem(self, key: Any) -> Column:
        return Column(E.ScalarFunction("subscript", (self._expr, _expr(key))))

    def getField(self, name: str) -> Column:
        return Column(E.ScalarFunction("get_field", (self._expr, E.make_literal(name))))

    def __getitem__(self, key: Any) -> Column:
        if isinstance(key, slice):  # PySpark: col[start:length] is substr(start, length)
            return self.substr(key.start, key.stop)
        return self.getItem(key)

    def __getattr__(self, item: str) -> Column:
        if item.startswith("__"):
            raise AttributeError(item)
        return self.getField(item)

    def withField(self, fieldName: str, col: Column) -> Column:
        """A copy of this struct with the field `fieldName` (a dotted path reaches into
        nested structs) set to `col`, appended when it is new (Spark's UpdateFields)."""
        from dfengine.sql.struct_fields import with_field

        return Column(with_field(self._expr, fieldName, col))

    def dropFields(self, *fieldNames: str) -> Column:
        from dfengine.sql.struct_fields import drop_fields

        return Column(drop_fields(self._expr, fieldNames))

    def transform(self, f: Any) -> Column:
        """`f(self)`: chains a Column-to-Column function (PySpark 4.1 `Column.transform`)."""
        out = f(self)
        if not isinstance(out, Column):
            raise PySparkTypeError(f"the function should return a Column, got "
                                   f"{type(out).__name__}", "NOT_COLUMN")
        return out

    def __repr__(self) -> str:
        from dfengine.sql.column_repr import render

        return f"Column<'{render(self._expr)}'>"

    def __str__(self) -> str:
        return self.__repr__()
