"""ML attribute metadata of vector columns, in Spark's JSON layout (`ml_attr`).

Spark marks categorical features in a column's metadata: VectorIndexer writes

    {"ml_attr": {"attrs": {"nominal": [{"idx": 1, "vals": ["0.0", "1.0", "2.0"]}],
                           "numeric": [{"idx": 0}]},
                 "num_attrs": 2}}

and tree learners read it (`MetadataUtils.getCategoricalFeatures`): a nominal attribute with
`vals` (or `num_vals`) values is a categorical feature of that many categories, a binary one
has two. The same dicts work with `DataFrame.withMetadata` in PySpark and in dfengine.
"""

from __future__ import annotations

from typing import Any

from dfengine.errors import IllegalArgumentException


def field_metadata(df: Any, column: str) -> dict:
    for f in df.schema.fields:
        if f.name == column:
            return dict(f.metadata or {})
    return {}


def categorical_features(metadata: dict) -> dict[int, int]:
    """Feature index -> number of categories, from a vector column's metadata."""
    group = (metadata or {}).get("ml_attr") or {}
    attrs = group.get("attrs") or {}
    out: dict[int, int] = {}
    for attr in attrs.get("binary", []):
        out[int(attr["idx"])] = 2
    for attr in attrs.get("nominal", []):
        idx = int(attr["idx"])
        if "vals" in attr:
            out[idx] = len(attr["vals"])
        elif "num_vals" in attr:
            out[idx] = int(attr["num_vals"])
        else:
            raise IllegalArgumentException(
                f"Feature {idx} is marked as Nominal (categorical), but it does not have the "
                f"number of values specified.")
    return out


def vector_metadata(num_features: int, categories: dict[int, list[float]]) -> dict:
    """Spark's attribute group of an indexed vector (VectorIndexerModel's output): nominal
    features with their raw values (sorted, as strings), numeric features for the rest."""
    nominal = [{"ord": False, "vals": [str(float(v)) for v in sorted(vals)], "idx": int(j)}
               for j, vals in sorted(categories.items())]
    numeric = [{"idx": j} for j in range(num_features) if j not in categories]
    attrs: dict[str, list] = {}
    if numeric:
        attrs["numeric"] = numeric
    if nominal:
        attrs["nominal"] = nominal
    return {"ml_attr": {"attrs": attrs, "num_attrs": int(num_features)}}


def nominal_metadata(name: str, labels: list[str]) -> dict:
    """A StringIndexer output column's attribute: nominal, with its labels as values."""
    return {"ml_attr": {"vals": list(labels), "type": "nominal", "name": name}}


def assembled_metadata(df: Any, columns: list[str]) -> dict:
    """VectorAssembler's attribute group: the inputs' nominal/binary attributes at their
    positions in the assembled vector ({} when none is categorical, or when a vector input's
    size is not in its metadata)."""
    attrs: dict[str, list] = {"nominal": [], "binary": []}
    idx = 0
    for col in columns:
        meta = field_metadata(df, col).get("ml_attr") or {}
        if "attrs" in meta or "num_attrs" in meta:          # a vector with an attribute group
            if "num_attrs" not in meta:
                return {}
            for kind in ("nominal", "binary"):
                attrs[kind] += [{**a, "idx": int(a["idx"]) + idx}
                                for a in (meta.get("attrs") or {}).get(kind, [])]
            idx += int(meta["num_attrs"])
            continue
        if meta.get("type") in ("nominal", "binary"):
            attrs[meta["type"]].append({k: v for k, v in meta.items() if k != "type"} |
                                       {"idx": idx})
        elif _is_vector(df, col):
            return {}
        idx += 1
    attrs = {k: v for k, v in attrs.items() if v}
    return {"ml_attr": {"attrs": attrs, "num_attrs": idx}} if attrs else {}


def _is_vector(df: Any, col: str) -> bool:
    for f in df.schema.fields:
        if f.name == col:
            return type(f.dataType).__name__ == "VectorUDT"
    return False
