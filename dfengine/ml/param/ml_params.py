"""Small helpers shared by stage implementations."""

from __future__ import annotations

from typing import Any

from dfengine.errors import IllegalArgumentException


def check_choice(name: str, value: Any, choices: tuple) -> Any:
    """Raise a clear error when a string param is not one of its allowed values."""
    if value not in choices:
        raise IllegalArgumentException(
            f"{name} given invalid value {value!r}; supported options: "
            f"{', '.join(map(repr, choices))}.")
    return value
