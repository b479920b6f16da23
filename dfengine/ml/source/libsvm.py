"""The libsvm data source: `spark.read.format("libsvm").load(path)` and
`df.write.format("libsvm").save(path)`, as Spark's `LibSVMFileFormat`.

Each line is `label index:value index:value ...` with one-based ascending indices; blank lines
and lines starting with `#` are skipped. The result has `label: double` and
`features: vector` (sparse vectors of size `numFeatures`; when that option is not given, one
distributed pass finds the largest index, as Spark does). The option `vectorType=dense`
yields dense vectors. Parsing runs per partition with vectorized Arrow string kernels.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine.errors import IllegalArgumentException


def _clean_lines(table: pa.Table) -> pa.Array:
    lines = pc.utf8_trim_whitespace(table.column(0).combine_chunks())
    keep = pc.and_(pc.greater(pc.utf8_length(lines), 0),
                   pc.invert(pc.starts_with(lines, "#")))
    return lines.filter(pc.fill_null(keep, False))


def _parse(lines: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(labels, row pointers, zero-based indices, values) of cleaned libsvm lines."""
    tokens = pc.utf8_split_whitespace(lines)
    n = len(tokens)
    if n == 0:
        return np.zeros(0), np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros(0)
    labels = pc.cast(pc.list_element(tokens, 0), pa.float64()).to_numpy(zero_copy_only=False)
    rest = pc.list_slice(tokens, 1)
    lengths = pc.list_value_length(rest).to_numpy(zero_copy_only=False).astype(np.int64)
    pairs = pc.split_pattern(pc.list_flatten(rest), ":")
    if len(pairs) and pc.min(pc.list_value_length(pairs)).as_py() != 2:
        raise IllegalArgumentException("Invalid libsvm entry: features must be index:value")
    idx = pc.cast(pc.list_element(pairs, 0), pa.int64()).to_numpy(zero_copy_only=False) - 1
    vals = pc.cast(pc.list_element(pairs, 1), pa.float64()).to_numpy(zero_copy_only=False)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    if idx.size:
        step = np.diff(idx)
        row_start = np.zeros(idx.size, dtype=bool)
        row_start[indptr[:-1][lengths > 0]] = True
        if (idx < 0).any() or (step <= 0)[~row_start[1:]].any():
            raise IllegalArgumentException(
                "Indices should be one-based and in ascending order; found an index below 1 "
                "or out of order in a libsvm line.")
    return labels, indptr, idx.astype(np.int32), vals


def _max_index(table: pa.Table) -> int:
    _, _, idx, _ = _parse(_clean_lines(table))
    return int(idx.max()) if idx.size else -1


class _ParseLibsvm:
    def __init__(self, num_features: int, dense: bool):
        self.num_features = num_features
        self.dense = dense

    def __call__(self, table: pa.Table) -> pa.Table:
        import scipy.sparse as sp

        from dfengine.ml.linalg.arrow import csr_to_vector_array, matrix_to_vector_array

        labels, indptr, idx, vals = _parse(_clean_lines(table))
        if idx.size and idx.max() >= self.num_features:
            raise IllegalArgumentException(
                f"libsvm index {int(idx.max()) + 1} exceeds numFeatures={self.num_features}.")
        csr = sp.csr_matrix((vals, idx, indptr), shape=(len(labels), self.num_features))
        feats = matrix_to_vector_array(csr.toarray()) if self.dense else csr_to_vector_array(csr)
        return pa.table({"label": pa.array(labels, pa.float64()), "features": feats})


def read_libsvm(session: Any, paths: list[str], options: dict[str, str]) -> Any:
    from dfengine.ml import _frame
    from dfengine.sql.types import DoubleType, StructField, StructType, VectorUDT

    text = session._read_files("text", paths, {}, None)
    n = options.get("numfeatures")
    if n is None or int(n) <= 0:
        n = max([-1] + _frame.partition_results(text, _max_index)) + 1
    dense = options.get("vectortype", "sparse").lower() == "dense"
    schema = StructType([StructField("label", DoubleType(), True),
                         StructField("features", VectorUDT(), True)])
    return text._map_partitions(_ParseLibsvm(int(n), dense), schema, "LibSVMScan")


def _format_number(v: float) -> str:
    return repr(float(v))


class _ToLibsvmText:
    def __init__(self, label: str, features: str):
        self.label, self.features = label, features

    def __call__(self, table: pa.Table) -> pa.Table:
        from dfengine.ml.linalg.arrow import vector_column_to_csr

        csr, _ = vector_column_to_csr(table.column(self.features), self.features)
        labels = table.column(self.label).to_numpy(zero_copy_only=False)
        lines = []
        for r, y in enumerate(labels):
            a, b = csr.indptr[r], csr.indptr[r + 1]
            items = " ".join(f"{i + 1}:{_format_number(v)}"
                             for i, v in zip(csr.indices[a:b], csr.data[a:b]))
            lines.append(f"{_format_number(y)} {items}".rstrip())
        return pa.table({"value": pa.array(lines, pa.string())})


def libsvm_text(df: Any) -> tuple[Any, str]:
    """`df` (label, features) as a one-column text DataFrame in libsvm format."""
    from dfengine.sql.types import StringType, StructField, StructType, VectorUDT

    fields = {f.name: f.dataType for f in df.schema.fields}
    if not isinstance(fields.get("features"), VectorUDT) or "label" not in fields:
        raise IllegalArgumentException(
            "The libsvm data source writes a DataFrame with a numeric 'label' column and a "
            f"vector 'features' column; got [{', '.join(df.columns)}].")
    return df._map_partitions(_ToLibsvmText("label", "features"),
                              StructType([StructField("value", StringType(), True)]),
                              "LibSVMWrite"), "text"


def register() -> None:
    from dfengine.sql.readwriter import SOURCES

    SOURCES["libsvm"] = (read_libsvm, libsvm_text)
