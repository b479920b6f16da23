"""Structured Streaming on dfengine: `spark.readStream`, `df.writeStream`, micro-batches run
by the batch engine on Dask, event-time windows with watermarks, exactly-once file sinks and
restart from a checkpoint. Mirrors `pyspark.sql.streaming`."""

from dfengine.sql.streaming._adapter import StreamingQueryException, is_streaming_plan
from dfengine.sql.streaming.manager import StreamingQueryListener, StreamingQueryManager
from dfengine.sql.streaming.query import StreamingQuery, StreamingQueryProgress
from dfengine.sql.streaming.readwriter import DataStreamReader, DataStreamWriter
from dfengine.sql.streaming.sources import MemoryStream
from dfengine.sql.streaming.stateful_processor import StatefulProcessor, StatefulProcessorHandle

__all__ = [
    "DataStreamReader", "DataStreamWriter", "MemoryStream", "StreamingQuery",
    "StreamingQueryException", "StreamingQueryListener", "StreamingQueryManager",
    "StreamingQueryProgress", "StatefulProcessor", "StatefulProcessorHandle",
    "is_streaming_plan",
]
