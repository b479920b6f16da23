"""`pyspark.sql.types` under dfengine: the Spark types live in `dfengine.types`."""

from dfengine.types import *
from dfengine.types import (
    __all__,
    _create_row,
    _infer_type,
    _merge_types,
    _parse_datatype_string,
    from_arrow_schema,
    from_arrow_type,
    storage_arrow_type,
    to_arrow_schema,
    to_arrow_type,
)
