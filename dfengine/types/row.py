"""PySpark's `Row`: a tuple with field names, the unit of `collect()` and `createDataFrame`."""

from __future__ import annotations

from typing import Any, Self


class Row(tuple):
    """A row of data, a tuple with field names (PySpark's `Row`).

    `Row(a=1, b=2)` makes a row; `Row("a", "b")` makes a row class that is called with values.
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        if args and kwargs:
            raise ValueError("Can not use both args and kwargs to create Row")
        if kwargs:
            row = tuple.__new__(cls, list(kwargs.values()))
            row.__fields__ = list(kwargs.keys())
            return row
        return tuple.__new__(cls, args)

    @classmethod
    def _make(cls, fields: list[str], values: Any) -> Row:
        row = tuple.__new__(cls, values)
        row.__fields__ = fields
        return row

    def asDict(self, recursive: bool = False) -> dict:
        if not hasattr(self, "__fields__"):
            raise TypeError("Cannot convert a Row class into dict")

        def conv(v: Any) -> Any:
            if not recursive:
                return v
            if isinstance(v, Row):
                return v.asDict(True)
            if isinstance(v, list):
                return [conv(x) for x in v]
            if isinstance(v, dict):
                return {k: conv(x) for k, x in v.items()}
            return v

        return {k: conv(v) for k, v in zip(self.__fields__, self)}

    def __contains__(self, item: Any) -> bool:
        if hasattr(self, "__fields__"):
            return item in self.__fields__
        return super().__contains__(item)

    def __call__(self, *args: Any) -> Row:
        """A Row made of names acts as a class: `Person = Row("name"); Person("Al")`."""
        if len(args) > len(self):
            from dfengine.errors import PySparkValueError

            raise PySparkValueError(
                f"Expected {len(self)} values for `fields`, got {len(args)} (the Row class "
                f"{self!r} was called with {args}).", "TOO_MANY_VALUES")
        return Row._make(list(self), args)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, (int, slice)):
            return super().__getitem__(item)
        try:
            idx = self.__fields__.index(item)
        except (IndexError, AttributeError, ValueError):
            from dfengine.errors import PySparkValueError

            raise PySparkValueError(str(item)) from None  # as PySpark: the message is the key
        return super().__getitem__(idx)

    def __getattr__(self, item: str) -> Any:
        from dfengine.errors import PySparkAttributeError

        if item.startswith("__"):
            raise PySparkAttributeError(f"Attribute `{item}` is not supported.",
                                        "ATTRIBUTE_NOT_SUPPORTED")
        try:
            idx = self.__fields__.index(item)
        except (AttributeError, ValueError):
            fields = ", ".join(self.__dict__.get("__fields__", []))
            raise PySparkAttributeError(f"Attribute `{item}` is not supported: the Row has no "
                                        f"such field (fields: {fields}).",
                                        "ATTRIBUTE_NOT_SUPPORTED") from None
        return self[idx]

    def __setattr__(self, key: str, value: Any) -> None:
        if key != "__fields__":
            raise RuntimeError("Row is read-only")
        self.__dict__[key] = value

    def __reduce__(self) -> Any:
        if hasattr(self, "__fields__"):
            return (_create_row, (self.__fields__, tuple(self)))
        return tuple.__reduce__(self)

    def __repr__(self) -> str:
        if hasattr(self, "__fields__"):
            fields = ", ".join(f"{k}={v!r}" for k, v in zip(self.__fields__, self))
            return f"Row({fields})"
        return "<Row({})>".format(", ".join(repr(f) for f in self))


def _create_row(fields: list[str], values: tuple) -> Row:
    return Row._make(list(fields), values)
