"""`StringIndexer`: map string (or numeric, compared as strings) labels to indices.

Label counts are computed per partition with Arrow's `value_counts` and merged on the driver;
the order is Spark's (`frequencyDesc` by default, ties broken alphabetically). Transform uses
Arrow's `index_in`, vectorized per partition. Unseen labels and nulls follow `handleInvalid`:
'error' raises, 'skip' drops the row, 'keep' gives index `numLabels`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine.errors import IllegalArgumentException, SparkRuntimeException
from dfengine.ml import _frame
from dfengine.ml._attributes import nominal_metadata
from dfengine.ml.base import Estimator, Model
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import HasInputCol, HasInputCols, HasOutputCol, HasOutputCols
from dfengine.ml.param.type_converters import TypeConverters
from dfengine.ml.util import MLReadable, MLWritable

_ORDERS = ("frequencyDesc", "frequencyAsc", "alphabetDesc", "alphabetAsc")


def _as_string(col: pa.ChunkedArray) -> pa.ChunkedArray:
    if pa.types.is_string(col.type):
        return col
    if pa.types.is_floating(col.type):
        # Spark casts 1.0 to "1.0"; Arrow does the same for doubles
        return pc.cast(col, pa.string())
    return pc.cast(col, pa.string())


def _count_labels(table: pa.Table, cols: list[str]) -> list[dict]:
    out = []
    for c in cols:
        vc = pc.value_counts(_as_string(table.column(c)).combine_chunks())
        vals = vc.field("values").to_pylist()
        counts = vc.field("counts").to_pylist()
        out.append({v: n for v, n in zip(vals, counts) if v is not None})
    return out


def order_labels(counts: dict[str, int], order: str) -> list[str]:
    if order == "frequencyDesc":
        return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    if order == "frequencyAsc":
        return [k for k, _ in sorted(counts.items(), key=lambda kv: (kv[1], kv[0]))]
    if order == "alphabetDesc":
        return sorted(counts, reverse=True)
    return sorted(counts)


class _StringIndexerParams(HasInputCol, HasInputCols, HasOutputCol, HasOutputCols):
    handleInvalid = Param(
        _dummy(), "handleInvalid",
        "how to handle invalid data (unseen or NULL values). Options are 'skip' (filter out "
        "rows with invalid data), 'error' (throw an error), or 'keep' (put invalid data in a "
        "special additional bucket, at index numLabels).", typeConverter=TypeConverters.toString)
    stringOrderType = Param(
        _dummy(), "stringOrderType",
        "How to order labels of string column. The first label after ordering is assigned an "
        "index of 0. Supported options: " + ", ".join(_ORDERS) + ". Default is frequencyDesc.",
        typeConverter=TypeConverters.toString)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(handleInvalid="error", stringOrderType="frequencyDesc")

    def _in_out(self) -> tuple[list[str], list[str]]:
        if self.isSet(self.inputCols):
            ins = self.getInputCols()
            outs = self.getOutputCols() if self.isSet(self.outputCols) else []
        elif self.isDefined(self.inputCol):
            ins = [self.getInputCol()]
            outs = [self.getOutputCol()] if self.isDefined(self.outputCol) else []
        else:
            raise IllegalArgumentException("StringIndexer needs inputCol or inputCols.")
        if len(outs) != len(ins):
            raise IllegalArgumentException(
                f"StringIndexer has {len(ins)} input column(s) but {len(outs)} output "
                f"column(s); set outputCol (or outputCols of the same length).")
        return ins, outs


class StringIndexer(Estimator, _StringIndexerParams, MLReadable, MLWritable):
    """A label indexer that maps string column(s) of labels to ML column(s) of label indices."""

    @keyword_only
    def __init__(self, *, inputCol: str | None = None, outputCol: str | None = None,
                 inputCols: list[str] | None = None,
                 outputCols: list[str] | None = None,
                 handleInvalid: str = "error",
                 stringOrderType: str = "frequencyDesc"):
        super().__init__()
        self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> StringIndexerModel:
        ins, _ = self._in_out()
        _frame.require_columns(dataset, ins)
        for name in ins:
            _require_string_or_numeric(dataset, name)
        order = check_choice("stringOrderType", self.getStringOrderType(), _ORDERS)
        totals = [Counter() for _ in ins]
        for part in _frame.partition_results(dataset, _count_labels, ins):
            for tot, counts in zip(totals, part):
                tot.update(counts)
        labels = [order_labels(dict(t), order) for t in totals]
        return self._copyValues(StringIndexerModel(labelsArray=labels))


def _scala_type(dt: Any) -> str:
    """A data type as Scala's `DataType.toString` prints it (`ArrayType(StringType,true)`)."""
    name = type(dt).__name__
    if name == "ArrayType":
        return f"ArrayType({_scala_type(dt.elementType)},{str(dt.containsNull).lower()})"
    if name == "MapType":
        return (f"MapType({_scala_type(dt.keyType)},{_scala_type(dt.valueType)},"
                f"{str(dt.valueContainsNull).lower()})")
    return name


def _require_string_or_numeric(dataset: Any, name: str) -> None:
    dt = dataset.schema[name].dataType
    kind = dt.simpleString()
    numeric = kind in ("tinyint", "smallint", "int", "bigint", "float", "double") or \
        kind.startswith("decimal")
    if kind != "string" and not numeric:
        raise IllegalArgumentException(
            f"requirement failed: The input column {name} must be either string type or "
            f"numeric type, but got {_scala_type(dt)}.")


class _Index:
    def __init__(self, ins: list[str], outs: list[str], labels: list[list[str]], mode: str):
        self.ins, self.outs, self.labels, self.mode = ins, outs, labels, mode

    def indices(self, table: pa.Table) -> list[np.ndarray]:
        res = []
        for c, labels in zip(self.ins, self.labels):
            col = _as_string(table.column(c)).combine_chunks()
            idx = pc.index_in(col, value_set=pa.array(labels, type=pa.string()))
            arr = idx.cast(pa.float64()).fill_null(np.nan).to_numpy(zero_copy_only=False)
            res.append(np.asarray(arr, dtype=np.float64))
        return res

    def keep_rows(self, table: pa.Table) -> np.ndarray:
        mask = np.ones(table.num_rows, dtype=bool)
        for idx in self.indices(table):
            mask &= ~np.isnan(idx)
        return mask

    def __call__(self, table: pa.Table) -> dict:
        out = {}
        for c, o, labels, idx in zip(self.ins, self.outs, self.labels, self.indices(table)):
            bad = np.isnan(idx)
            if bad.any():
                if self.mode == "keep":
                    idx = np.where(bad, float(len(labels)), idx)
                elif self.mode == "error":
                    value = _as_string(table.column(c)).combine_chunks()[
                        int(np.flatnonzero(bad)[0])].as_py()
                    what = "NULL" if value is None else f"unseen label: {value}"
                    raise SparkRuntimeException(
                        f"StringIndexer encountered {what} in column {c}. To handle unseen "
                        f"labels or nulls, set Param handleInvalid to 'skip' or 'keep'.",
                        "STRING_INDEXER_INVALID")
            out[o] = pa.array(idx, type=pa.float64())
        return out


class _KeepIndexable:
    def __init__(self, index: _Index):
        self.index = index

    def __call__(self, table: pa.Table) -> np.ndarray:
        return self.index.keep_rows(table)


class StringIndexerModel(Model, _StringIndexerParams, MLReadable, MLWritable):
    """Model fitted by StringIndexer: `labels` (or `labelsArray` for several columns)."""

    def __init__(self, labelsArray: list[list[str]] | None = None):
        super().__init__()
        self._labels = [list(x) for x in (labelsArray or [])]

    @classmethod
    def from_labels(cls, labels: list[str], inputCol: str,
                    outputCol: str | None = None,
                    handleInvalid: str | None = None) -> StringIndexerModel:
        model = cls([labels])
        model._set(inputCol=inputCol)
        if outputCol:
            model._set(outputCol=outputCol)
        if handleInvalid:
            model._set(handleInvalid=handleInvalid)
        return model

    @property
    def labels(self) -> list[str]:
        return self._labels[0]

    @property
    def labelsArray(self) -> list[list[str]]:
        return self._labels

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import DoubleType, StructField

        ins, outs = self._in_out()
        _frame.require_columns(dataset, ins)
        from dfengine.ml.feature.indexers import COLUMN_LABELS

        COLUMN_LABELS.update(zip(outs, self._labels))  # for IndexToString (no metadata)
        mode = check_choice("handleInvalid", self.getHandleInvalid(), ("error", "skip", "keep"))
        index = _Index(ins, outs, self._labels, mode)
        keep = _KeepIndexable(index) if mode == "skip" else None
        labels = [lab + (["__unknown"] if mode == "keep" else []) for lab in self._labels]
        return _frame.transform_partitions(   # Spark's nominal attribute on each output
            dataset, index, [StructField(o, DoubleType(), True, nominal_metadata(o, lab))
                             for o, lab in zip(outs, labels, strict=True)], keep)

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return {"labelsArray": self._labels}, {}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self._labels = extra["labelsArray"]
