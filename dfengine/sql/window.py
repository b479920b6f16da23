"""`Window` / `WindowSpec`: partitioning, ordering and frame of a window function."""

from __future__ import annotations

from typing import Any

from dfengine.plan import expressions as E
from dfengine.sql.column import to_expr


def _orders(cols: tuple) -> tuple[E.SortOrder, ...]:
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        cols = tuple(cols[0])
    out = []
    for c in cols:
        e = to_expr(c)
        out.append(e if isinstance(e, E.SortOrder) else E.SortOrder(e, True, None))
    return tuple(out)


class WindowSpec:
    def __init__(self, partition: tuple = (), order: tuple = (),
                 frame: E.WindowFrame | None = None):
        self._partition = partition
        self._order = order
        self._frame = frame

    def partitionBy(self, *cols: Any) -> WindowSpec:
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = tuple(cols[0])
        return WindowSpec(tuple(to_expr(c) for c in cols), self._order, self._frame)

    def orderBy(self, *cols: Any) -> WindowSpec:
        return WindowSpec(self._partition, _orders(cols), self._frame)

    def rowsBetween(self, start: int, end: int) -> WindowSpec:
        return WindowSpec(self._partition, self._order, E.WindowFrame("rows", _bound(start),
                                                                      _bound(end), True))

    def rangeBetween(self, start: int, end: int) -> WindowSpec:
        return WindowSpec(self._partition, self._order, E.WindowFrame("range", _bound(start),
                                                                      _bound(end), True))

    def _apply(self, fn: E.Expression) -> E.WindowExpression:
        return E.WindowExpression(fn, self._partition, self._order, self._frame)


def _bound(v: int) -> int | None:
    if v <= Window.unboundedPreceding or v >= Window.unboundedFollowing:
        return None
    return int(v)


class Window:
    unboundedPreceding = -(1 << 63)
    unboundedFollowing = (1 << 63) - 1
    currentRow = 0

    @staticmethod
    def partitionBy(*cols: Any) -> WindowSpec:
        return WindowSpec().partitionBy(*cols)

    @staticmethod
    def orderBy(*cols: Any) -> WindowSpec:
        return WindowSpec().orderBy(*cols)

    @staticmethod
    def rowsBetween(start: int, end: int) -> WindowSpec:
        return WindowSpec().rowsBetween(start, end)

    @staticmethod
    def rangeBetween(start: int, end: int) -> WindowSpec:
        return WindowSpec().rangeBetween(start, end)
