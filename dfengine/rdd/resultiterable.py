"""`ResultIterable`: the grouped values of `groupByKey` and `cogroup` (iterable, sized)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class ResultIterable:
    __slots__ = ("data", "maxindex")

    def __init__(self, data: list):
        self.data = data
        self.maxindex = len(data)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"ResultIterable({self.data!r})"

    def __getstate__(self):
        return self.data

    def __setstate__(self, data):
        self.data = data
        self.maxindex = len(data)
