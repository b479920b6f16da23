"""unionByName's nested columns: Spark resolves struct fields by name too, so
`struct<y, x>` lines up with `struct<x, y>` (the right side's fields are reordered into the
left side's order, recursively); a field the right side lacks is FIELD_NOT_FOUND, or NULL with
allowMissingColumns=True."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E


def reorder_fields(e: E.Expression, right: T.DataType, left: T.DataType,
                   allow_missing: bool) -> E.Expression:
    """`e` (of type `right`) with its struct fields in `left`'s order; unchanged when no
    struct field needs to move."""
    if not (isinstance(left, T.StructType) and isinstance(right, T.StructType)):
        return e
    if [f.name for f in left.fields] == [f.name for f in right.fields] and all(
            not isinstance(f.dataType, T.StructType) for f in left.fields):
        return e

    def missing(name: str) -> AnalysisException:
        return AnalysisException(
            f"No such struct field `{name}` in "
            f"{', '.join('`' + x.name + '`' for x in right.fields)}. unionByName "
            "matches struct fields by name: rename the field, or pass "
            "allowMissingColumns=True to fill it with NULL.", "FIELD_NOT_FOUND")

    def take(r: T.StructField, want: T.DataType) -> E.Expression:
        field = E.ScalarFunction("get_field", (e, E.Literal(r.name, T.StringType())))
        return reorder_fields(field, r.dataType, want, allow_missing)

    matched = match_by_name([(f.name, f.dataType) for f in left.fields],
                            {f.name.lower(): f for f in right.fields}, allow_missing,
                            missing, take)
    args: list[E.Expression] = []
    for name, value in matched:
        args += [E.Literal(name, T.StringType()), value]
    built = E.ScalarFunction("named_struct", tuple(args))
    return E.CaseWhen((E.IsNull(e),), (E.Literal(None, left),), built)


def project_by_name(left: list[E.AttributeReference], right: list[E.AttributeReference],
                    allow_missing: bool) -> list[E.Expression]:
    """The right side's columns in the left side's order (by name, case-insensitively; nested
    struct fields too), NULL for a column it lacks when `allow_missing`."""
    def missing(name: str) -> AnalysisException:
        return AnalysisException(
            f"Cannot resolve column name \"{name}\" among "
            f"({', '.join(a.name for a in right)}).", "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES")

    def take(r: E.AttributeReference, want: T.DataType) -> E.Expression:
        moved = reorder_fields(r, r.dtype, want, allow_missing)
        return r if moved is r else E.Alias(moved, r.name)

    matched = match_by_name([(a.name, a.dtype) for a in left],
                            {a.name.lower(): a for a in right}, allow_missing, missing, take)
    return [v if isinstance(v, (E.AttributeReference, E.Alias)) else E.Alias(v, name)
            for name, v in matched]


def match_by_name(left: list[tuple[str, T.DataType]], right: dict[str, Any], allow_missing: bool,
                  missing: Callable[[str], Exception],
                  take: Callable[[Any, T.DataType], E.Expression]
                  ) -> list[tuple[str, E.Expression]]:
    """Each left (name, type) with the right item of that name (keys lower-case) taken as
    `take(item, type)`; one the right side lacks is a NULL of the type when `allow_missing`,
    else the `missing(name)` error (columns and struct fields match the same way in Spark)."""
    out: list[tuple[str, E.Expression]] = []
    for name, dtype in left:
        r = right.get(name.lower())
        if r is not None:
            out.append((name, take(r, dtype)))
        elif allow_missing:
            out.append((name, E.Literal(None, dtype)))
        else:
            raise missing(name)
    return out
