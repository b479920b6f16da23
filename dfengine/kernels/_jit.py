"""`njit`: Numba's decorator, applied on a kernel's first call instead of at import.

Importing Numba costs 0.3-0.5 s (llvmlite and its type system), more than the rest of a query
that needs no kernel (`spark.range(10).count()`). Kernels are therefore declared with this
`njit`, which keeps the plain function until something calls it; the first call imports Numba
(through `_numba_setup`, which spares its scipy.linalg import), makes the dispatcher (with the
same options: `cache=True` keeps compiled code on disk, so a second process loads it instead
of compiling) and swaps every lazy kernel named in the calling module for its dispatcher, so
kernels that call kernels see real dispatchers when Numba types them. Later calls go through
the dispatcher at once.

Before any of that, a call whose arguments have exactly the types of a signature compiled
ahead of time (`aot`, built by `make`) runs that compiled function, with no Numba at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from dfengine.kernels.aot import compiled, matches

_lock = threading.RLock()


class LazyKernel:
    """A function to be compiled by `numba.njit(**options)` when first called."""


    def __init__(self, fn: Callable, options: dict[str, Any]):
        self._fn = fn
        self._options = options
        self._dispatcher: Any = None
        self._compiled: list | None = None  # ahead-of-time versions: (argument specs, fn)
        self.__wrapped__ = fn
        self.__name__ = fn.__name__
        self.__doc__ = fn.__doc__

    @property
    def dispatcher(self) -> Any:
        if self._dispatcher is None:
            with _lock:
                if self._dispatcher is None:
                    from dfengine.kernels._numba_setup import setup_numba

                    numba = setup_numba()
                    self._dispatcher = numba.njit(**self._options)(self._fn)
                    _materialize(self._fn.__globals__)
        return self._dispatcher

    def __call__(self, *args: Any) -> Any:
        if self._compiled is None:
            self._compiled = compiled(f"{self._fn.__module__}.{self.__name__}")
        for specs, fn in self._compiled:
            if matches(specs, args):
                return fn(*args)
        return self.dispatcher(*args)

    def __repr__(self) -> str:
        state = "compiled on demand" if self._dispatcher is None else "dispatcher made"
        return f"<kernel {self._fn.__module__}.{self.__name__} ({state})>"


def _materialize(namespace: dict[str, Any]) -> None:
    """Replace the lazy kernels named in a module's globals by their Numba dispatchers."""
    for name, value in list(namespace.items()):
        if isinstance(value, LazyKernel):
            namespace[name] = value.dispatcher


def njit(**options: Any) -> Callable[[Callable], LazyKernel]:
    """`@njit(nogil=True, cache=True)`: as `numba.njit`, without importing Numba yet."""

    def wrap(fn: Callable) -> LazyKernel:
        return LazyKernel(fn, options)

    return wrap
