"""Small shared pieces of the feature stages: param declaration, keyword construction, model
state persistence, vector-column maps that keep each row's dense/sparse kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.base import Estimator, Model, Transformer
from dfengine.ml.linalg.arrow import (
    csr_to_vector_array,
    mixed_vector_array,
    sparse_rows_of,
    vector_column_to_csr,
    vector_column_to_matrix,
)
from dfengine.ml.param import Param, Params
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.type_converters import TypeConverters as TC
from dfengine.ml.util import MLReadable, MLWritable

__all__ = ["TC", "Estimator", "KwargsInit", "Model", "P", "StateModel", "Transformer",
           "VectorMap", "append", "numeric_values", "vector_type"]


def P(name: str, doc: str, converter: Any = None) -> Param:
    """A class-level Param template (getter and setter are generated)."""
    return Param(_dummy(), name, doc, typeConverter=converter)


class KwargsInit(Params, MLReadable, MLWritable):
    """`Stage(inputCol=..., ...)` and `setParams(...)`: keyword params over the `_defaults`
    dictionaries declared along the class hierarchy (subclasses override)."""

    def __init__(self, **kwargs: Any):
        super().__init__()
        defaults: dict = {}
        for klass in reversed(type(self).__mro__):
            defaults.update(vars(klass).get("_defaults", {}))
        if defaults:
            self._setDefault(**defaults)
        self._set(**{k: v for k, v in kwargs.items() if v is not None})

    def setParams(self, **kwargs: Any) -> Any:
        return self._set(**{k: v for k, v in kwargs.items() if v is not None})


class StateModel(KwargsInit, Model):
    """A model whose fitted state is plain attributes: arrays (`_arrays`) saved as .npy,
    everything else (`_extra`) as JSON in the metadata."""

    _arrays: tuple = ()
    _extra: tuple = ()

    def __init__(self, **state: Any):
        params = {k: v for k, v in state.items() if k not in self._arrays + self._extra}
        super().__init__(**params)
        for k in self._arrays + self._extra:
            setattr(self, "_" + k, state.get(k))

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return ({k: getattr(self, "_" + k) for k in self._extra},
                {k: np.asarray(getattr(self, "_" + k)) for k in self._arrays})

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        for k in self._extra:
            setattr(self, "_" + k, extra.get(k))
        for k in self._arrays:
            setattr(self, "_" + k, arrays.get(k))


def vector_type() -> Any:
    from dfengine.sql.types import VectorUDT

    return VectorUDT()


def append(dataset: Any, inputs: list[str], fn: Callable, fields: list[tuple[str, Any]]) -> Any:
    """Check the inputs exist, then append `fn(table) -> {name: array}`'s columns."""
    from dfengine.sql.types import StructField

    _frame.require_columns(dataset, inputs)
    return _frame.with_new_columns(dataset, fn, [StructField(n, t, True) for n, t in fields])


def numeric_values(table: pa.Table, name: str) -> np.ndarray:
    """A numeric column as float64 with NaN for nulls."""
    col = table.column(name)
    if not (pa.types.is_integer(col.type) or pa.types.is_floating(col.type)
            or pa.types.is_boolean(col.type) or pa.types.is_decimal(col.type)):
        raise IllegalArgumentException(
            f"requirement failed: Column {name} must be of type numeric but was actually of "
            f"type {col.type}.")
    return col.cast(pa.float64()).fill_null(np.nan).to_numpy(zero_copy_only=False)


class VectorMap:
    """Per-partition `out = fn(X)` over a vector column, each row keeping its dense/sparse kind.

    `fn` gets a dense matrix, or a CSR matrix when every row is sparse and `csr_ok` (so wide
    hashed vectors are never densified)."""

    def __init__(self, col: str, out: str, fn: Callable, csr_ok: bool = False):
        self.col, self.out, self.fn, self.csr_ok = col, out, fn, csr_ok

    def __call__(self, table: pa.Table) -> dict:
        col = table.column(self.col)
        sparse = sparse_rows_of(col)
        if self.csr_ok and len(sparse) and sparse.all():
            csr, nulls = vector_column_to_csr(col, self.col)
            return {self.out: csr_to_vector_array(self.fn(csr), nulls)}
        X, nulls = vector_column_to_matrix(col, self.col)
        Y = np.asarray(self.fn(X), dtype=np.float64)
        return {self.out: mixed_vector_array(Y, sparse, nulls)}
