"""unionByName's nested columns: Spark resolves struct fields by name too, so
`struct<y, x>` lines up with `struct<x, y>` (the right side's fields are reordered into the
left side's order, recursively); a field the right side lacks is FIELD_NOT_FOUND, or NULL with
allowMissingColumns=True."""

from __future__ import annotations

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
    by_name = {f.name.lower(): f for f in right.fields}
    args: list[E.Expression] = []
    for f in left.fields:
        r = by_name.get(f.name.lower())
        if r is None:
            if not allow_missing:
                raise AnalysisException(
                    f"No such struct field `{f.name}` in "
                    f"{', '.join('`' + x.name + '`' for x in right.fields)}. unionByName "
                    "matches struct fields by name: rename the field, or pass "
                    "allowMissingColumns=True to fill it with NULL.", "FIELD_NOT_FOUND")
            value: E.Expression = E.Literal(None, f.dataType)
        else:
            field = E.ScalarFunction("get_field", (e, E.Literal(r.name, T.StringType())))
            value = reorder_fields(field, r.dataType, f.dataType, allow_missing)
        args += [E.Literal(f.name, T.StringType()), value]
    built = E.ScalarFunction("named_struct", tuple(args))
    return E.CaseWhen((E.IsNull(e),), (E.Literal(None, left),), built)
