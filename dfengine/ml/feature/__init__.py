"""`dfengine.ml.feature`: feature transformers (mirrors `pyspark.ml.feature`)."""

from dfengine.ml.feature.imputer import Imputer, ImputerModel
from dfengine.ml.feature.min_max_scaler import MinMaxScaler, MinMaxScalerModel
from dfengine.ml.feature.one_hot_encoder import OneHotEncoder, OneHotEncoderModel
from dfengine.ml.feature.standard_scaler import StandardScaler, StandardScalerModel
from dfengine.ml.feature.string_indexer import StringIndexer, StringIndexerModel
from dfengine.ml.feature.vector_assembler import VectorAssembler

__all__ = [
    "Imputer", "ImputerModel", "MinMaxScaler", "MinMaxScalerModel", "OneHotEncoder",
    "OneHotEncoderModel", "StandardScaler", "StandardScalerModel", "StringIndexer",
    "StringIndexerModel", "VectorAssembler",
]
