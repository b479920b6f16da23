"""`Imputer`: replace missing values (null, NaN, or `missingValue`) by the column's mean,
median or mode computed over the non-missing values.

The mean is one distributed pass of per-partition sums. The median and mode combine
per-partition value counts on the driver, which is exact (Spark's median is approximate,
within relativeError 0.001).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.base import Estimator, Model
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import HasInputCol, HasInputCols, HasOutputCol, HasOutputCols
from dfengine.ml.param.type_converters import TypeConverters
from dfengine.ml.util import MLReadable, MLWritable


class _ImputerParams(HasInputCol, HasInputCols, HasOutputCol, HasOutputCols):
    strategy = Param(_dummy(), "strategy",
                     "strategy for imputation. If mean, then replace missing values using the "
                     "mean value of the feature. If median, then replace missing values using "
                     "the median value of the feature. If mode, then replace missing using the "
                     "most frequent value of the feature.",
                     typeConverter=TypeConverters.toString)
    missingValue = Param(_dummy(), "missingValue",
                         "The placeholder for the missing values. All occurrences of "
                         "missingValue will be imputed.", typeConverter=TypeConverters.toFloat)
    relativeError = Param(_dummy(), "relativeError", "the relative target precision for the "
                          "approximate quantile algorithm (unused: dfengine is exact).",
                          typeConverter=TypeConverters.toFloat)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(strategy="mean", missingValue=float("nan"), relativeError=0.001)

    def _in_out(self) -> tuple[list[str], list[str]]:
        if self.isSet(self.inputCols):
            ins = self.getInputCols()
            outs = self.getOutputCols() if self.isSet(self.outputCols) else []
        elif self.isDefined(self.inputCol):
            ins = [self.getInputCol()]
            outs = [self.getOutputCol()] if self.isDefined(self.outputCol) else []
        else:
            raise IllegalArgumentException("Imputer needs inputCol or inputCols.")
        if len(ins) != len(outs):
            raise IllegalArgumentException(
                f"Imputer has {len(ins)} input column(s) but {len(outs)} output column(s); "
                f"they must match.")
        return ins, outs


def _valid_values(table: pa.Table, col: str, missing: float) -> np.ndarray:
    arr = table.column(col).cast(pa.float64()).fill_null(np.nan).to_numpy()
    arr = arr[~np.isnan(arr)]
    if not np.isnan(missing):
        arr = arr[arr != missing]
    return arr


def _partial(table: pa.Table, cols: list[str], missing: float, strategy: str) -> list:
    out = []
    for c in cols:
        v = _valid_values(table, c, missing)
        if strategy == "mean":
            out.append((v.size, float(v.sum())))
        else:
            vals, counts = np.unique(v, return_counts=True)
            out.append(dict(zip(vals.tolist(), counts.tolist())))
    return out


def _combine(parts: list, strategy: str) -> float:
    if strategy == "mean":
        n = sum(p[0] for p in parts)
        return sum(p[1] for p in parts) / n if n else float("nan")
    counts: Counter = Counter()
    for p in parts:
        counts.update(p)
    if not counts:
        return float("nan")
    if strategy == "mode":
        best = max(counts.values())
        return float(min(v for v, c in counts.items() if c == best))
    vals = np.array(sorted(counts))
    cum = np.cumsum([counts[v] for v in vals])
    # the lower median, as Spark's approxQuantile(0.5) returns an element of the data
    return float(vals[np.searchsorted(cum, (cum[-1] + 1) // 2)])


def _check_numeric(dataset: Any, cols: list[str]) -> None:
    """Imputer fills numbers: every input column must exist and be numeric (Spark's
    checkNumericType), checked before any data is read."""
    from dfengine.ml._checks import check_numeric_column

    _frame.require_columns(dataset, cols)
    for c in cols:
        check_numeric_column(dataset, c, " Imputer fills numeric columns only; cast the "
                             "column to double, or fill a string column with na.fill.")


class Imputer(Estimator, _ImputerParams, MLReadable, MLWritable):
    """Imputation estimator for completing missing values of numeric columns."""

    @keyword_only
    def __init__(self, *, strategy: str = "mean", missingValue: float = float("nan"),
                 inputCols: list[str] | None = None, outputCols: list[str] | None = None,
                 inputCol: str | None = None, outputCol: str | None = None,
                 relativeError: float = 0.001):
        super().__init__()
        self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> ImputerModel:
        ins, _ = self._in_out()
        _check_numeric(dataset, ins)
        strategy = check_choice("strategy", self.getStrategy(), ("mean", "median", "mode"))
        parts = _frame.partition_results(dataset, _partial, ins, self.getMissingValue(),
                                         strategy)
        surrogates = [_combine([p[i] for p in parts], strategy) for i in range(len(ins))]
        for c, s in zip(ins, surrogates):
            if np.isnan(s):
                raise IllegalArgumentException(
                    f"surrogate cannot be computed. All the values in {c} are Null, Nan or "
                    f"missingValue({self.getMissingValue()})")
        return self._copyValues(ImputerModel(dict(zip(ins, surrogates))))


class _Impute:
    def __init__(self, ins: list[str], outs: list[str], surrogates: dict, missing: float):
        self.ins, self.outs, self.surrogates, self.missing = ins, outs, surrogates, missing

    def __call__(self, table: pa.Table) -> dict:
        out = {}
        for c, o in zip(self.ins, self.outs):
            col = table.column(c)
            arr = col.cast(pa.float64()).fill_null(np.nan).to_numpy().copy()
            bad = np.isnan(arr)
            if not np.isnan(self.missing):
                bad |= arr == self.missing
            arr[bad] = self.surrogates[c]
            res = pa.array(arr, type=pa.float64())
            if not pa.types.is_floating(col.type):
                res = pa.array(np.trunc(arr)).cast(col.type)
            out[o] = res
        return out


class ImputerModel(Model, _ImputerParams, MLReadable, MLWritable):
    """Model fitted by Imputer: `surrogateDF` holds one surrogate per input column."""

    def __init__(self, surrogates: dict | None = None):
        super().__init__()
        self._surrogates = dict(surrogates or {})

    @property
    def surrogates(self) -> dict[str, float]:
        return dict(self._surrogates)

    @property
    def surrogateDF(self) -> Any:
        """Spark's one-row DataFrame of the surrogates: a double column per input column."""
        from dfengine.sql.types import DoubleType, StructField, StructType

        names = list(self._surrogates)
        schema = StructType([StructField(c, DoubleType(), True) for c in names])
        row = tuple(float(self._surrogates[c]) for c in names)
        return _frame.active_session().createDataFrame([row], schema)

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import StructField

        ins, outs = self._in_out()
        _check_numeric(dataset, ins)
        fields = [StructField(o, _frame.field_type(dataset, c), True) for c, o in zip(ins, outs)]
        return _frame.with_new_columns(
            dataset, _Impute(ins, outs, self._surrogates, self.getMissingValue()), fields)

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return {"surrogates": self._surrogates}, {}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self._surrogates = extra["surrogates"]
