"""Accumulators: add-only shared variables whose updates reach the driver exactly once per task.

Inside a task, `acc += x` records `x` in the running task's `TaskState` (never the driver value,
even when the task runs in the driver's process). Each task returns its updates next to its
result; the driver merges them after the action succeeded, once per result it received, so a task
that Dask retried or recomputed after a lost worker is never counted twice.
"""

from __future__ import annotations

import copy
import itertools
import threading
from typing import Any, Generic, TypeVar

from dfengine.errors import PySparkRuntimeError
from dfengine.rdd.taskstate import current_task

T = TypeVar("T")
_ids = itertools.count()
_registry_lock = threading.Lock()


class AccumulatorParam(Generic[T]):
    """How to make a zero value and add two values; subclass it for custom accumulators."""

    def zero(self, value: T) -> T:
        raise NotImplementedError

    def addInPlace(self, value1: T, value2: T) -> T:
        raise NotImplementedError


class AddingAccumulatorParam(AccumulatorParam):
    """Numbers: zero is a fixed value, adding is `+`."""

    def __init__(self, zero_value: Any):
        self.zero_value = zero_value

    def zero(self, value: Any) -> Any:
        return self.zero_value

    def addInPlace(self, value1: Any, value2: Any) -> Any:
        value1 += value2
        return value1


INT_ACCUMULATOR_PARAM = AddingAccumulatorParam(0)
FLOAT_ACCUMULATOR_PARAM = AddingAccumulatorParam(0.0)
COMPLEX_ACCUMULATOR_PARAM = AddingAccumulatorParam(0.0j)


def default_param(value: Any) -> AccumulatorParam:
    if isinstance(value, bool):
        raise TypeError("No default accumulator param for type bool; pass an AccumulatorParam")
    if isinstance(value, int):
        return INT_ACCUMULATOR_PARAM
    if isinstance(value, float):
        return FLOAT_ACCUMULATOR_PARAM
    if isinstance(value, complex):
        return COMPLEX_ACCUMULATOR_PARAM
    raise TypeError(
        f"No default accumulator param for type {type(value).__name__}; pass an "
        "AccumulatorParam as sc.accumulator(value, accum_param)"
    )


class Accumulator(Generic[T]):
    """A shared variable tasks can only add to; the driver reads `.value`."""

    def __init__(self, aid: int, value: T, accum_param: AccumulatorParam[T], driver: bool = True):
        self.aid = aid
        self.accum_param = accum_param
        self._value = value
        self._zero = accum_param.zero(value)
        self._driver = driver

    @property
    def value(self) -> T:
        if current_task() is not None or not self._driver:
            raise PySparkRuntimeError(
                "Accumulator.value cannot be accessed inside tasks; read it on the driver after "
                "the action has finished.",
                error_class="VALUE_NOT_ACCESSIBLE",
            )
        return self._value

    @value.setter
    def value(self, value: T) -> None:
        if current_task() is not None or not self._driver:
            raise PySparkRuntimeError(
                "Accumulator.value cannot be set inside tasks; use `add` or `+=`.",
                error_class="VALUE_NOT_ACCESSIBLE",
            )
        self._value = value

    def add(self, term: T) -> None:
        state = current_task()
        if state is None:
            if self._driver:
                self._value = self.accum_param.addInPlace(self._value, term)
            return
        updates = state.updates
        local = updates.get(self.aid, _MISSING)
        if local is _MISSING:
            local = copy.deepcopy(self._zero)
        updates[self.aid] = self.accum_param.addInPlace(local, term)

    def __iadd__(self, term: T) -> Accumulator[T]:
        self.add(term)
        return self

    def _merge(self, update: T) -> None:
        """Driver side: fold one task's local value into the total."""
        self._value = self.accum_param.addInPlace(self._value, update)

    def __reduce__(self):
        return (_worker_accumulator, (self.aid, self._zero, self.accum_param))

    def __str__(self) -> str:
        return str(self._value)

    def __repr__(self) -> str:
        return f"Accumulator<id={self.aid}, value={self._value}>"


_MISSING = object()


def _worker_accumulator(aid: int, zero: Any, param: AccumulatorParam) -> Accumulator:
    acc = Accumulator.__new__(Accumulator)
    acc.aid = aid
    acc.accum_param = param
    acc._value = zero
    acc._zero = zero
    acc._driver = False
    return acc


def new_accumulator(value: Any, accum_param: AccumulatorParam | None) -> Accumulator:
    with _registry_lock:
        aid = next(_ids)
    return Accumulator(aid, value, accum_param or default_param(value))
