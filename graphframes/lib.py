"""`graphframes.lib` for dfengine: AggregateMessages and Pregel."""

from dfengine.graphframes import AggregateMessages, Pregel

__all__ = ["AggregateMessages", "Pregel"]
