"""GraphFrames' Python API on dfengine DataFrames (`from dfengine.graphframes import GraphFrame`).

Also importable as `graphframes` (the top-level shim package shipped with dfengine), so code
written for GraphFrames runs after changing the SparkSession import.
"""

from dfengine.graphframes.graphframe import GraphFrame
from dfengine.graphframes.messages import AggregateMessages
from dfengine.graphframes.pregel import Pregel

__all__ = ["AggregateMessages", "GraphFrame", "Pregel"]
