"""RFormula: R model formulas (`y ~ a + b`, `.`, `a:b`, `- a`, `- 1`) as a pipeline of
StringIndexer / OneHotEncoder (dropLast, as Spark) / Interaction / VectorAssembler stages,
plus the label (string labels indexed, numeric ones cast to double).

Term order is the formula's (a `.` expands to every column but the label, in schema order);
string columns are indexed with `stringIndexerOrderType` (frequencyDesc by default, ties
alphabetical) and one-hot encoded with the last category dropped.
"""

from __future__ import annotations

import re
from typing import Any

from dfengine.errors import IllegalArgumentException
from dfengine.ml.base import Model
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P
from dfengine.ml.param.shared import HasFeaturesCol, HasHandleInvalid, HasLabelCol
from dfengine.ml.util import MLReadable, MLWritable


class _RFormulaParams(HasFeaturesCol, HasLabelCol, HasHandleInvalid):
    formula = P("formula", "R model formula", TC.toString)
    forceIndexLabel = P("forceIndexLabel", "Force to index label whether it is numeric or "
                        "string", TC.toBoolean)
    stringIndexerOrderType = P("stringIndexerOrderType", "How to order categories of a string "
                               "feature column used by StringIndexer. The last category after "
                               "ordering is dropped when encoding strings.", TC.toString)
    _defaults = {"featuresCol": "features", "labelCol": "label", "forceIndexLabel": False,
                 "handleInvalid": "error", "stringIndexerOrderType": "frequencyDesc"}


def parse_formula(formula: str, columns: list[str]) -> tuple[str | None, list[list[str]], bool]:
    """(label, terms (each a list of column names, >1 for interactions), intercept)."""
    if "~" not in formula:
        raise IllegalArgumentException(f"Invalid formula '{formula}': expected 'label ~ terms'.")
    lhs, rhs = (s.strip() for s in formula.split("~", 1))
    label = lhs or None
    terms: list[list[str]] = []
    intercept = True
    for sign, tok in re.findall(r"([+-]?)\s*([^+-]+)", "+" + rhs.replace(" ", "")):
        tok = tok.strip()
        expanded = _expand(tok, columns, label)
        if tok in ("0", "1"):
            intercept = not (tok == "0" or sign == "-")
        elif sign == "-":
            terms = [t for t in terms if t not in expanded]
        else:
            terms += [t for t in expanded if t not in terms]
    return label, terms, intercept


def _expand(tok: str, columns: list[str], label: str | None) -> list[list[str]]:
    if tok in ("0", "1"):
        return []
    if tok == ".":
        return [[c] for c in columns if c != label]
    parts = tok.split(":")
    for p in parts:
        if p != "." and p not in columns:
            raise IllegalArgumentException(
                f"RFormula: column '{p}' of the formula does not exist. Available: "
                f"{', '.join(columns)}")
    return [parts]


class RFormula(KwargsInit, Estimator, _RFormulaParams):
    """Select and encode features (and the label) with an R model formula."""

    def _fit(self, dataset: Any) -> RFormulaModel:
        from dfengine.ml.pipeline import Pipeline

        types = {f.name: f.dataType.simpleString() for f in dataset.schema.fields}
        label, terms, _ = parse_formula(self.getFormula(), list(dataset.columns))
        stages, inputs, temp = self._feature_stages(terms, types)
        from dfengine.ml.feature import StringIndexer, VectorAssembler

        stages.append(VectorAssembler(inputCols=inputs, outputCol=self.getFeaturesCol(),
                                      handleInvalid=self.getHandleInvalid()))
        index_label = label is not None and label in types and (
            types[label] == "string" or self.getForceIndexLabel())
        if index_label:
            stages.append(StringIndexer(inputCol=label, outputCol=self.getLabelCol(),
                                        handleInvalid=self.getHandleInvalid()))
        pipeline = Pipeline(stages=stages).fit(dataset)
        model = RFormulaModel(pipeline, temp, label, index_label)
        return self._copyValues(model)

    def _feature_stages(self, terms: list[list[str]], types: dict) -> tuple[list, list, list]:
        from dfengine.ml.feature import Interaction, OneHotEncoder, StringIndexer

        stages: list = []
        encoded: dict[str, str] = {}
        temp: list[str] = []
        for col in dict.fromkeys(c for t in terms for c in t):
            if types[col] == "string":
                idx, ohe = f"{col}_idx_rf", f"{col}_onehot_rf"
                stages += [StringIndexer(inputCol=col, outputCol=idx,
                                         stringOrderType=self.getStringIndexerOrderType(),
                                         handleInvalid=self.getHandleInvalid()),
                           OneHotEncoder(inputCol=idx, outputCol=ohe, dropLast=True)]
                encoded[col] = ohe
                temp += [idx, ohe]
            else:
                encoded[col] = col
        inputs = []
        for t in terms:
            if len(t) == 1:
                inputs.append(encoded[t[0]])
            else:
                out = "_".join(t) + "_interaction_rf"
                stages.append(Interaction(inputCols=[encoded[c] for c in t], outputCol=out))
                inputs.append(out)
                temp.append(out)
        return stages, inputs, temp


class RFormulaModel(Model, _RFormulaParams, MLReadable, MLWritable):
    """The fitted formula: its stages, and how the label is made."""

    def __init__(self, pipeline: Any = None, temp: list | None = None,
                 label: str | None = None, index_label: bool = False):
        super().__init__()
        defaults: dict = {}
        for klass in reversed(type(self).__mro__):
            defaults.update(vars(klass).get("_defaults", {}))
        self._setDefault(**defaults)
        self._pipeline, self._temp = pipeline, list(temp or [])
        self._label, self._index_label = label, index_label

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql import functions as F

        has_label = self._label is not None and self._label in dataset.columns
        if self._index_label and not has_label:
            stages = self._pipeline.stages[:-1]
        else:
            stages = self._pipeline.stages
        out = dataset
        for s in stages:
            out = s.transform(out)
        if has_label and not self._index_label:
            out = out.withColumn(self.getLabelCol(), F.col(self._label).cast("double"))
        keep = [c for c in out.columns if c not in self._temp]
        return out.select(*keep)

    def _get_state(self, path: str) -> tuple[dict, dict]:
        """The fitted stages are saved as a PipelineModel under `path/pipelineModel`."""
        import os

        from dfengine.ml.util import save_stage

        save_stage(self._pipeline, os.path.join(path, "pipelineModel"))
        return {"temp": self._temp, "label": self._label, "index_label": self._index_label}, {}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        import os

        from dfengine.ml.util import load_stage

        self._pipeline = load_stage(os.path.join(path, "pipelineModel"))
        self._temp, self._label = list(extra.get("temp", [])), extra.get("label")
        self._index_label = bool(extra.get("index_label"))

    def __repr__(self) -> str:
        return f"RFormulaModel({self.getFormula()}) (uid={self.uid})"
