"""`OneHotEncoder`: category indices to one-hot vectors (dense here; Spark's are sparse).

`dropLast=True` drops the last category (so the vectors are linearly independent);
`handleInvalid='keep'` adds one extra category for indices never seen at fit time.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import scipy.sparse as sp

from dfengine.errors import IllegalArgumentException, SparkRuntimeException
from dfengine.ml import _frame
from dfengine.ml.base import Estimator, Model
from dfengine.ml.linalg.arrow import csr_to_vector_array
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import HasInputCol, HasInputCols, HasOutputCol, HasOutputCols
from dfengine.ml.param.type_converters import TypeConverters
from dfengine.ml.util import MLReadable, MLWritable


class _OneHotEncoderParams(HasInputCol, HasInputCols, HasOutputCol, HasOutputCols):
    handleInvalid = Param(
        _dummy(), "handleInvalid",
        "How to handle invalid data during transform. Options are 'keep' (invalid data "
        "presented as an extra categorical feature) or error (throw an error).",
        typeConverter=TypeConverters.toString)
    dropLast = Param(_dummy(), "dropLast", "whether to drop the last category",
                     typeConverter=TypeConverters.toBoolean)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(handleInvalid="error", dropLast=True)

    def _in_out(self) -> tuple[list[str], list[str]]:
        if self.isSet(self.inputCols):
            ins = self.getInputCols()
            outs = self.getOutputCols() if self.isSet(self.outputCols) else []
        elif self.isDefined(self.inputCol):
            ins = [self.getInputCol()]
            outs = [self.getOutputCol()] if self.isDefined(self.outputCol) else []
        else:
            raise IllegalArgumentException("OneHotEncoder needs inputCol or inputCols.")
        if len(ins) != len(outs):
            raise IllegalArgumentException(
                f"OneHotEncoder has {len(ins)} input column(s) but {len(outs)} output "
                f"column(s); they must match.")
        return ins, outs


def _max_index(table: pa.Table, cols: list[str]) -> list[float]:
    out = []
    for c in cols:
        arr = table.column(c).cast(pa.float64()).drop_null().to_numpy()
        if arr.size and (np.any(arr < 0) or np.any(arr != np.floor(arr))):
            bad = arr[(arr < 0) | (arr != np.floor(arr))][0]
            raise IllegalArgumentException(
                f"OneHotEncoder input column {c} must hold non-negative integer category "
                f"indices (from StringIndexer), but found {bad}.")
        out.append(float(arr.max()) if arr.size else -1.0)
    return out


class OneHotEncoder(Estimator, _OneHotEncoderParams, MLReadable, MLWritable):
    """Maps categorical index columns to one-hot encoded vector columns."""

    @keyword_only
    def __init__(self, *, inputCols: list[str] | None = None,
                 outputCols: list[str] | None = None, handleInvalid: str = "error",
                 dropLast: bool = True, inputCol: str | None = None,
                 outputCol: str | None = None):
        super().__init__()
        self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> OneHotEncoderModel:
        ins, _ = self._in_out()
        _frame.require_columns(dataset, ins)
        check_choice("handleInvalid", self.getHandleInvalid(), ("error", "keep"))
        maxes = np.max(np.array(_frame.partition_results(dataset, _max_index, ins)), axis=0)
        sizes = [int(m) + 1 for m in np.atleast_1d(maxes)]
        return self._copyValues(OneHotEncoderModel(sizes))


class _Encode:
    def __init__(self, ins: list[str], outs: list[str], sizes: list[int], drop_last: bool,
                 keep: bool):
        self.ins, self.outs, self.sizes, self.drop_last, self.keep = \
            ins, outs, sizes, drop_last, keep

    def __call__(self, table: pa.Table) -> dict:
        out = {}
        for c, o, size in zip(self.ins, self.outs, self.sizes):
            idx = table.column(c).cast(pa.float64()).fill_null(np.nan).to_numpy()
            n_cat = size + (1 if self.keep else 0)
            width = n_cat - 1 if self.drop_last else n_cat
            invalid = np.isnan(idx) | (idx < 0) | (idx >= size) | (idx != np.floor(idx))
            if invalid.any() and not self.keep:
                bad = idx[invalid][0]
                raise SparkRuntimeException(
                    f"Unseen value: {bad}. To handle unseen values, set Param handleInvalid "
                    f"to keep.", "ONE_HOT_ENCODER_INVALID")
            pos = np.where(invalid, size, np.nan_to_num(idx)).astype(np.int64)
            rows = np.flatnonzero(pos < width)
            onehot = sp.csr_matrix((np.ones(rows.size), (rows, pos[rows])),
                                   shape=(len(idx), width))
            out[o] = csr_to_vector_array(onehot)    # sparse vectors, as Spark
        return out


class OneHotEncoderModel(Model, _OneHotEncoderParams, MLReadable, MLWritable):
    def __init__(self, categorySizes: list[int] | None = None):
        super().__init__()
        self._sizes = list(categorySizes or [])

    @property
    def categorySizes(self) -> list[int]:
        return self._sizes

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import StructField, VectorUDT

        ins, outs = self._in_out()
        _frame.require_columns(dataset, ins)
        keep = check_choice("handleInvalid", self.getHandleInvalid(), ("error", "keep")) == "keep"
        fn = _Encode(ins, outs, self._sizes, self.getDropLast(), keep)
        return _frame.with_new_columns(dataset, fn, [StructField(o, VectorUDT(), True)
                                                     for o in outs])

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return {"categorySizes": self._sizes}, {}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self._sizes = extra["categorySizes"]
