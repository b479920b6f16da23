"""`df._joinAsOf(other, leftAsOfColumn, rightAsOfColumn, on, how, tolerance=...,
allowExactMatches=..., direction=...)`: each row of `df` joined with the row of `other`
whose as-of key is nearest to its own -- at or before it ("backward"), at or after it
("forward"), or either way ("nearest") -- among the rows equal on `on`, within `tolerance`.

As Spark's RewriteAsOfJoin, it is a join on the inequality followed by the first row per
left row in the direction's order (a window), so a left row with no candidate is dropped
(`how="inner"`) or kept with NULLs (`how="left"`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dfengine.errors import PySparkTypeError, PySparkValueError

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame


def join_as_of(df: DataFrame, other: DataFrame, left_as_of: Any, right_as_of: Any,
               on: Any = None, how: str | None = None, *, tolerance: Any = None,
               allow_exact: bool = True, direction: str = "backward") -> DataFrame:
    from dfengine.sql import functions as F
    from dfengine.sql.column import Column
    from dfengine.sql.window import Window

    kind = {"inner": "inner", "left": "left", "leftouter": "left", "left_outer": "left"}.get(
        (how or "inner").lower())
    if kind is None:
        raise PySparkValueError(f"Unsupported as-of join type '{how}'; use 'inner' or "
                                "'left'.", "UNSUPPORTED_JOIN_TYPE")
    if direction not in ("backward", "forward", "nearest"):
        raise PySparkValueError(f"Unsupported as-of join direction '{direction}'; use "
                                "'backward', 'forward' or 'nearest'.",
                                "UNSUPPORTED_AS_OF_JOIN_DIRECTION")
    if tolerance is not None and not isinstance(tolerance, Column):
        raise PySparkTypeError(f"tolerance should be a Column, got "
                               f"{type(tolerance).__name__}", "NOT_COLUMN")
    lk = df[left_as_of] if isinstance(left_as_of, str) else left_as_of
    rk = other[right_as_of] if isinstance(right_as_of, str) else right_as_of
    conds, drop_right = _equalities(df, other, on)
    if direction == "backward":
        conds.append(rk <= lk if allow_exact else rk < lk)
        gap, order = lk - rk, rk.desc()
    elif direction == "forward":
        conds.append(rk >= lk if allow_exact else rk > lk)
        gap, order = rk - lk, rk.asc()
    else:
        gap = F.when(lk >= rk, lk - rk).otherwise(rk - lk)
        conds.append(rk != lk if not allow_exact else lk.isNotNull() & rk.isNotNull())
        order = gap.asc()
    if tolerance is not None:  # strict too when exact matches are not allowed, as Spark's
        conds.append(gap <= tolerance if allow_exact else gap < tolerance)
    cond = conds[0]
    for c in conds[1:]:
        cond = cond & c
    row = "__asof_row"
    left = df.withColumn(row, F.monotonically_increasing_id())
    joined = left.join(other, cond, kind)
    rank = F.row_number().over(Window.partitionBy(row).orderBy(order, rk.asc()))
    names = [Column(a) for a in df._plan.output] + [
        Column(a) for a in other._plan.output if a.expr_id not in drop_right]
    return joined.select(*names, rank.alias("__asof_rank")).where(
        F.col("__asof_rank") == 1).select(*names)


def _equalities(df: DataFrame, other: DataFrame, on: Any) -> tuple[list, set[int]]:
    """The `on` conditions, and the right columns a by-name `on` merges away."""
    from dfengine.sql.column import Column

    if on is None:
        return [], set()
    items = on if isinstance(on, list) else [on]
    conds, drop = [], set()
    for x in items:
        if isinstance(x, str):
            r = other[x]
            conds.append(df[x] == r)
            drop.add(r._expr.expr_id)
        elif isinstance(x, Column):
            conds.append(x)
        else:
            raise PySparkTypeError(f"on should be a column name, a Column or a list of them, "
                                   f"got {type(x).__name__}", "NOT_COLUMN_OR_STR")
    return conds, drop
