"""`dfengine.ml.clustering` (mirrors `pyspark.ml.clustering`)."""

from dfengine.ml.clustering.kmeans import KMeans, KMeansModel, KMeansSummary

__all__ = ["KMeans", "KMeansModel", "KMeansSummary"]
from dfengine.ml.models.gaussian_mixture import (  # noqa: E402
    GaussianMixture,
    GaussianMixtureModel,
    MultivariateGaussian,
)

__all__ += ["GaussianMixture", "GaussianMixtureModel", "MultivariateGaussian"]
from dfengine.ml.models.bisecting_kmeans import (  # noqa: E402
    BisectingKMeans,
    BisectingKMeansModel,
)

__all__ += ["BisectingKMeans", "BisectingKMeansModel"]
from dfengine.ml.models.pic import PowerIterationClustering  # noqa: E402

__all__ += ["PowerIterationClustering"]
from dfengine.ml.models.lda import LDA, LDAModel, LocalLDAModel  # noqa: E402

__all__ += ["LDA", "LDAModel", "LocalLDAModel"]
from dfengine.ml.models.lda_em import DistributedLDAModel  # noqa: E402

__all__ += ["DistributedLDAModel"]
