"""`dfengine.ml`: pyspark.ml-style pipelines, features, estimators, evaluators and tuning.

Training runs on the session's Dask cluster: features are materialized once as numeric blocks
on the workers and each optimizer step maps a fused Numba kernel over them (see
`dfengine/ml/optim/`).
"""

from dfengine.ml.base import Estimator, Model, Transformer
from dfengine.ml.pipeline import Pipeline, PipelineModel
from dfengine.ml.source import libsvm as _libsvm

_libsvm.register()  # spark.read.format("libsvm") once dfengine.ml is imported

__all__ = ["Estimator", "Model", "Pipeline", "PipelineModel", "Transformer"]
