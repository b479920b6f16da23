"""`dfengine.ml.feature`: feature transformers (mirrors `pyspark.ml.feature`)."""

from dfengine.ml.feature.buckets import Bucketizer, QuantileDiscretizer
from dfengine.ml.feature.count_vectorizer import (
                                                  IDF,
                                                  CountVectorizer,
                                                  CountVectorizerModel,
                                                  IDFModel,
)
from dfengine.ml.feature.hashing import FeatureHasher, HashingTF
from dfengine.ml.feature.imputer import Imputer, ImputerModel
from dfengine.ml.feature.indexers import (
                                                  IndexToString,
                                                  SQLTransformer,
                                                  VectorIndexer,
                                                  VectorIndexerModel,
)
from dfengine.ml.feature.min_max_scaler import MinMaxScaler, MinMaxScalerModel
from dfengine.ml.feature.one_hot_encoder import OneHotEncoder, OneHotEncoderModel
from dfengine.ml.feature.pca import PCA, PCAModel
from dfengine.ml.feature.scalers import (
                                                  MaxAbsScaler,
                                                  MaxAbsScalerModel,
                                                  RobustScaler,
                                                  RobustScalerModel,
)
from dfengine.ml.feature.selectors import (
                                                  ChiSqSelector,
                                                  ChiSqSelectorModel,
                                                  UnivariateFeatureSelector,
                                                  UnivariateFeatureSelectorModel,
                                                  VarianceThresholdSelector,
                                                  VarianceThresholdSelectorModel,
)
from dfengine.ml.feature.standard_scaler import StandardScaler, StandardScalerModel
from dfengine.ml.feature.string_indexer import StringIndexer, StringIndexerModel
from dfengine.ml.feature.text import NGram, RegexTokenizer, StopWordsRemover, Tokenizer
from dfengine.ml.feature.vector_assembler import VectorAssembler
from dfengine.ml.feature.vector_ops import (
                                                  DCT,
                                                  Binarizer,
                                                  ElementwiseProduct,
                                                  Interaction,
                                                  Normalizer,
                                                  PolynomialExpansion,
                                                  VectorSizeHint,
                                                  VectorSlicer,
)

__all__ = [
    "DCT", "IDF", "Binarizer", "Bucketizer", "CountVectorizer", "CountVectorizerModel",
    "ElementwiseProduct", "FeatureHasher", "HashingTF", "IDFModel", "Imputer", "ImputerModel",
    "Interaction", "MaxAbsScaler", "MaxAbsScalerModel", "MinMaxScaler", "MinMaxScalerModel",
    "NGram", "Normalizer", "OneHotEncoder", "OneHotEncoderModel", "PolynomialExpansion",
    "QuantileDiscretizer", "RegexTokenizer", "RobustScaler", "RobustScalerModel",
    "StandardScaler", "StandardScalerModel", "StopWordsRemover", "StringIndexer",
    "StringIndexerModel", "Tokenizer", "VectorAssembler", "VectorSizeHint", "VectorSlicer",
    "ChiSqSelector", "ChiSqSelectorModel", "IndexToString", "PCA", "PCAModel", "SQLTransformer",
    "UnivariateFeatureSelector", "UnivariateFeatureSelectorModel", "VarianceThresholdSelector",
    "VarianceThresholdSelectorModel", "VectorIndexer", "VectorIndexerModel",
]

from dfengine.ml.feature.rformula import RFormula, RFormulaModel  # noqa: E402
from dfengine.ml.feature.target_encoder import TargetEncoder, TargetEncoderModel  # noqa: E402

__all__ += ["RFormula", "RFormulaModel", "TargetEncoder", "TargetEncoderModel"]
from dfengine.ml.feature.lsh import (  # noqa: E402
    BucketedRandomProjectionLSH,
    BucketedRandomProjectionLSHModel,
    MinHashLSH,
    MinHashLSHModel,
)

__all__ += ["BucketedRandomProjectionLSH", "BucketedRandomProjectionLSHModel", "MinHashLSH",
            "MinHashLSHModel"]
__all__ += ["Word2Vec", "Word2VecModel"]


def __getattr__(name: str):
    """Word2Vec lives in dfengine.ml.models, which imports this package's helpers: loaded on
    first use so that either module imports alone (no import cycle)."""
    if name in ("Word2Vec", "Word2VecModel"):
        from dfengine.ml.models import word2vec

        return getattr(word2vec, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
