"""`dfengine.ml.regression` (mirrors `pyspark.ml.regression`)."""

from dfengine.ml.regression.linear_regression import (
    LinearRegression,
    LinearRegressionModel,
    LinearRegressionSummary,
    LinearRegressionTrainingSummary,
)

__all__ = ["LinearRegression", "LinearRegressionModel", "LinearRegressionSummary",
           "LinearRegressionTrainingSummary"]
from dfengine.ml.regression.tree_regressors import (  # noqa: E402
    DecisionTreeRegressionModel,
    DecisionTreeRegressor,
    GBTRegressionModel,
    GBTRegressor,
    RandomForestRegressionModel,
    RandomForestRegressor,
)

__all__ += ["DecisionTreeRegressionModel", "DecisionTreeRegressor", "GBTRegressionModel",
            "GBTRegressor", "RandomForestRegressionModel", "RandomForestRegressor"]
from dfengine.ml.models.glr import (  # noqa: E402
    GeneralizedLinearRegression,
    GeneralizedLinearRegressionModel,
    GeneralizedLinearRegressionTrainingSummary,
)

__all__ += ["GeneralizedLinearRegression", "GeneralizedLinearRegressionModel",
            "GeneralizedLinearRegressionTrainingSummary"]
from dfengine.ml.models.isotonic import IsotonicRegression, IsotonicRegressionModel  # noqa: E402

__all__ += ["IsotonicRegression", "IsotonicRegressionModel"]
from dfengine.ml.models.aft import AFTSurvivalRegression, AFTSurvivalRegressionModel  # noqa: E402

__all__ += ["AFTSurvivalRegression", "AFTSurvivalRegressionModel"]
from dfengine.ml.models.fm import FMRegressionModel, FMRegressor  # noqa: E402

__all__ += ["FMRegressionModel", "FMRegressor"]
