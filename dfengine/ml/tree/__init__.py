"""`dfengine.ml.tree`: the tree learners' core (mirrors `pyspark.ml.tree`).

`data` bins the features once on the workers, `grow` grows trees a level per round from
per-block Numba histograms summed on the driver, `structure` holds fitted trees as preorder
arrays, `train` drives decision trees, random forests and gradient boosting, and `models`
gives the fitted models their shared PySpark surface.
"""

from dfengine.ml.tree.models import _EnsembleModel as TreeEnsembleModel
from dfengine.ml.tree.models import _SingleTreeModel as DecisionTreeModel

__all__ = ["DecisionTreeModel", "TreeEnsembleModel"]
