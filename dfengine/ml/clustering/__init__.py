"""`dfengine.ml.clustering` (mirrors `pyspark.ml.clustering`)."""

from dfengine.ml.clustering.kmeans import KMeans, KMeansModel, KMeansSummary

__all__ = ["KMeans", "KMeansModel", "KMeansSummary"]
from dfengine.ml.models.gaussian_mixture import (  # noqa: E402
    GaussianMixture,
    GaussianMixtureModel,
    MultivariateGaussian,
)

__all__ += ["GaussianMixture", "GaussianMixtureModel", "MultivariateGaussian"]
