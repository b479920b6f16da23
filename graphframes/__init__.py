"""`import graphframes` for dfengine: the GraphFrames API on dfengine DataFrames.

Installed with dfengine; remove dfengine (or this package) to use the JVM GraphFrames package.
"""

from dfengine.graphframes import AggregateMessages, GraphFrame, Pregel

__all__ = ["AggregateMessages", "GraphFrame", "Pregel"]
