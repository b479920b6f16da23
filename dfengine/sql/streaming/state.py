"""`pyspark.sql.streaming.state`'s names: the per-group state handed to
`applyInPandasWithState` functions (dfengine/sql/streaming/group_state.py) and the timeout
settings it takes."""

from dfengine.sql.streaming.group_state import EVENT, NO_TIMEOUT, PROCESSING, GroupState

GroupStateImpl = GroupState  # PySpark's implementation class, named in its examples


class GroupStateTimeout:
    """The `timeoutConf` values of `applyInPandasWithState`."""

    NoTimeout: str = NO_TIMEOUT
    ProcessingTimeTimeout: str = PROCESSING
    EventTimeTimeout: str = EVENT


__all__ = ["GroupState", "GroupStateImpl", "GroupStateTimeout"]
