"""`VectorAssembler`: numeric and vector columns concatenated into one vector column.

It builds a row-major `(rows, d)` matrix per partition and stores it as the Arrow vector type
in one go (no per-row Python objects), so assembling 1M x 20 is one numpy `column_stack`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException, SparkRuntimeException
from dfengine.ml import _frame
from dfengine.ml._attributes import assembled_metadata
from dfengine.ml.base import Transformer
from dfengine.ml.linalg.arrow import compressed_vector_array, vector_column_to_matrix
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import HasInputCols, HasOutputCol
from dfengine.ml.param.type_converters import TypeConverters
from dfengine.ml.util import MLReadable, MLWritable

_INVALID = ("error", "skip", "keep")


def _column_matrix(table: pa.Table, name: str) -> np.ndarray:
    col = table.column(name)
    t = col.type
    if pa.types.is_list(t) or pa.types.is_fixed_size_list(t) or pa.types.is_large_list(t) \
            or pa.types.is_struct(t):
        return vector_column_to_matrix(col, name)[0]
    if pa.types.is_boolean(t):
        col = col.cast(pa.float64())
    arr = col.to_numpy() if col.null_count == 0 else \
        col.cast(pa.float64()).fill_null(np.nan).to_numpy()
    return np.asarray(arr, dtype=np.float64).reshape(-1, 1)


def assemble(table: pa.Table, input_cols: list[str], handle_invalid: str) -> np.ndarray:
    """The assembled `(rows, d)` matrix of one partition (NaN marks a null input)."""
    if table.num_rows == 0:
        widths = [1] * len(input_cols)
        return np.zeros((0, sum(widths)))
    mats = [_column_matrix(table, c) for c in input_cols]
    out = mats[0] if len(mats) == 1 else np.hstack(mats)
    out = np.ascontiguousarray(out, dtype=np.float64)
    if handle_invalid == "error":
        bad = np.isnan(out).any(axis=1)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            cols = [c for c, m in zip(input_cols, mats) if np.isnan(m[row]).any()]
            raise SparkRuntimeException(
                f"Encountered null or NaN while assembling a row with handleInvalid = "
                f"\"error\" (column {', '.join(cols)}). Consider removing nulls from the dataset "
                f"or using handleInvalid = \"keep\" or \"skip\".", "VECTOR_ASSEMBLER_NULL")
    return out


class _Assemble:
    def __init__(self, input_cols: list[str], output_col: str, handle_invalid: str):
        self.input_cols = input_cols
        self.output_col = output_col
        self.handle_invalid = handle_invalid

    def __call__(self, table: pa.Table) -> dict:
        mat = assemble(table, self.input_cols, self.handle_invalid)
        return {self.output_col: compressed_vector_array(mat)}


class _KeepValid:
    def __init__(self, input_cols: list[str]):
        self.input_cols = input_cols

    def __call__(self, table: pa.Table) -> np.ndarray:
        mat = assemble(table, self.input_cols, "keep")
        return ~np.isnan(mat).any(axis=1) if mat.shape[1] else np.ones(table.num_rows, bool)


class VectorAssembler(Transformer, HasInputCols, HasOutputCol, MLReadable, MLWritable):
    """A feature transformer that merges multiple columns into a vector column."""

    handleInvalid = Param(
        _dummy(), "handleInvalid",
        "How to handle invalid data (NULL and NaN values). Options are 'skip' (filter out "
        "rows with invalid data), 'error' (throw an error), or 'keep' (return relevant number "
        "of NaN in the output).", typeConverter=TypeConverters.toString)

    @keyword_only
    def __init__(self, *, inputCols: list[str] | None = None,
                 outputCol: str | None = None, handleInvalid: str = "error"):
        super().__init__()
        self._setDefault(handleInvalid="error", outputCol=self.uid + "__output")
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, inputCols: list[str] | None = None,
                  outputCol: str | None = None, handleInvalid: str = "error") -> Any:
        return self._set(**self._input_kwargs)

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import BooleanType, NumericType, StructField, VectorUDT

        cols = self.getInputCols()
        _frame.require_columns(dataset, cols)
        mode = check_choice("handleInvalid", self.getHandleInvalid(), _INVALID)
        for c in cols:
            t = _frame.field_type(dataset, c)
            if not isinstance(t, (NumericType, BooleanType, VectorUDT)):
                raise IllegalArgumentException(
                    f"Data type {t.simpleString()} of column {c} is not supported by "
                    f"VectorAssembler; use numeric, boolean or vector columns.")
        out = self.getOutputCol()
        keep = _KeepValid(cols) if mode == "skip" else None
        return _frame.transform_partitions(
            dataset, _Assemble(cols, out, "keep" if mode == "skip" else mode),
            [StructField(out, VectorUDT(), True, assembled_metadata(dataset, cols))], keep)
