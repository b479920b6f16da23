"""VectorIndexer, IndexToString and SQLTransformer (pyspark.ml.feature).

dfengine columns carry no ML attribute metadata, so IndexToString without `labels` looks up the
labels of the StringIndexerModel that last wrote its input column in this process."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException, SparkRuntimeException
from dfengine.ml import _frame
from dfengine.ml._attributes import vector_metadata
from dfengine.ml.feature._common import (
    TC,
    Estimator,
    KwargsInit,
    P,
    StateModel,
    Transformer,
    VectorMap,
    append,
    numeric_values,
    vector_type,
)
from dfengine.ml.linalg.arrow import vector_column_to_matrix
from dfengine.ml.param.shared import HasHandleInvalid, HasInputCol, HasOutputCol

# output column -> labels of the StringIndexerModel that produced it (no column metadata)
COLUMN_LABELS: dict[str, list[str]] = {}


def _distinct_values(table: pa.Table, col: str, limit: int) -> list:
    X, nulls = vector_column_to_matrix(table.column(col), col)
    X = X[~nulls]
    out = []
    for j in range(X.shape[1]):
        u = np.unique(X[:, j])
        out.append(u if u.size <= limit else None)
    return out


class _VIParams(HasInputCol, HasOutputCol, HasHandleInvalid):
    maxCategories = P("maxCategories", "Threshold for the number of values a categorical "
                      "feature can take (>= 2). If a feature is found to have > maxCategories "
                      "values, then it is declared continuous.", TC.toInt)
    _defaults = {"maxCategories": 20, "handleInvalid": "error"}


class VectorIndexer(KwargsInit, Estimator, _VIParams):
    """Decide which vector features are categorical (<= maxCategories distinct values) and
    index their values (0.0 always maps to 0)."""

    def _fit(self, dataset: Any) -> VectorIndexerModel:
        col, k = self.getInputCol(), self.getMaxCategories()
        if k < 2:
            raise IllegalArgumentException("requirement failed: maxCategories must be >= 2")
        _frame.require_columns(dataset, [col])
        parts = [p for p in _frame.partition_results(dataset, _distinct_values, col, k) if p]
        if not parts:
            raise IllegalArgumentException("VectorIndexer: the input dataset is empty.")
        maps: dict[int, dict[float, int]] = {}
        for j in range(len(parts[0])):
            vals = [p[j] for p in parts]
            if any(v is None for v in vals):
                continue
            u = np.unique(np.concatenate(vals))
            if u.size > k:
                continue
            nonzero = [float(v) for v in u if v != 0.0]
            start = 1 if (u == 0.0).any() else 0
            m = {v: i + start for i, v in enumerate(nonzero)}
            if start:
                m[0.0] = 0
            maps[j] = m
        return self._copyValues(VectorIndexerModel(
            numFeatures=len(parts[0]),
            categoryMaps={str(j): [[v, i] for v, i in m.items()] for j, m in maps.items()}))


class _MapCategories:
    def __init__(self, maps: dict[int, dict[float, int]], keep: bool):
        self.maps, self.keep = maps, keep

    def __call__(self, X: np.ndarray) -> np.ndarray:
        X = np.array(X, dtype=float)
        for j, m in self.maps.items():
            col = X[:, j]
            out = np.full(col.shape, np.nan)
            for v, i in m.items():
                out[col == v] = i
            bad = np.isnan(out) & ~np.isnan(col)
            if bad.any():
                if not self.keep:
                    raise SparkRuntimeException(
                        f"VectorIndexer encountered invalid value {col[bad][0]} on feature "
                        f"index {j}. To handle or skip invalid value, try setting "
                        f"VectorIndexer.handleInvalid.", "VECTOR_INDEXER_INVALID")
                out[bad] = len(m)
            X[:, j] = out
        return X


class _KnownValues:
    def __init__(self, col: str, maps: dict[int, dict[float, int]]):
        self.col, self.maps = col, maps

    def __call__(self, table: pa.Table) -> np.ndarray:
        X, _ = vector_column_to_matrix(table.column(self.col), self.col)
        ok = np.ones(X.shape[0], dtype=bool)
        for j, m in self.maps.items():
            ok &= np.isin(X[:, j], list(m))
        return ok


class VectorIndexerModel(StateModel, _VIParams):
    _extra = ("numFeatures", "categoryMaps")

    def _maps(self) -> dict[int, dict[float, int]]:
        return {int(j): {float(v): int(i) for v, i in pairs}
                for j, pairs in (self._categoryMaps or {}).items()}

    @property
    def numFeatures(self) -> int:
        return int(self._numFeatures)

    @property
    def categoryMaps(self) -> dict[int, dict[float, int]]:
        return self._maps()

    def _transform(self, dataset: Any) -> Any:
        col, out, how = self.getInputCol(), self.getOutputCol(), self.getHandleInvalid()
        maps = self._maps()
        if how == "skip":
            _frame.require_columns(dataset, [col])
            dataset = _frame.filter_rows(dataset, _KnownValues(col, maps))
        result = append(dataset, [col], VectorMap(col, out, _MapCategories(maps, how == "keep")),
                        [(out, vector_type())])
        # Spark's nominal attributes on the output: tree learners read the categorical features
        return _frame.with_metadata(result, {out: vector_metadata(self.numFeatures, maps)})


class _ToString:
    def __init__(self, col: str, out: str, labels: list[str]):
        self.col, self.out, self.labels = col, out, labels

    def __call__(self, table: pa.Table) -> dict:
        idx = numeric_values(table, self.col)
        res = []
        for v in idx:
            if np.isnan(v):
                res.append(None)
            elif 0 <= v < len(self.labels) and v == int(v):
                res.append(self.labels[int(v)])
            else:
                raise SparkRuntimeException(
                    f"Unseen index: {v} ?? (IndexToString knows {len(self.labels)} labels)",
                    "INDEX_TO_STRING_UNSEEN")
        return {self.out: pa.array(res, pa.string())}


class IndexToString(KwargsInit, Transformer, HasInputCol, HasOutputCol):
    """Map a column of label indices back to the original string labels."""

    labels = P("labels", "Optional array of labels specifying index-string mapping. If not "
               "provided or if empty, then metadata from inputCol is used instead.",
               TC.toListString)

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import StringType

        col, out = self.getInputCol(), self.getOutputCol()
        labels = self.getLabels() if self.isSet("labels") and self.getLabels() else \
            COLUMN_LABELS.get(col)
        if labels is None:
            raise IllegalArgumentException(
                f"IndexToString needs labels: set `labels`, or index column '{col}' with a "
                f"StringIndexerModel in this session (dfengine keeps no column metadata).")
        return append(dataset, [col], _ToString(col, out, list(labels)), [(out, StringType())])


class SQLTransformer(KwargsInit, Transformer):
    """Run a SQL statement over the input, which is referred to as `__THIS__`."""

    statement = P("statement", "SQL statement", TC.toString)

    def _transform(self, dataset: Any) -> Any:
        import uuid

        name = f"sql_transformer_{uuid.uuid4().hex[:12]}"
        dataset.createOrReplaceTempView(name)
        return dataset.sparkSession.sql(self.getStatement().replace("__THIS__", name))
