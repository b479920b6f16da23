"""`pyspark.sql.types` under dfengine: the Spark types live in `dfengine.types`."""

from dfengine.types import *
from dfengine.types import (
    __all__,
    _create_row,
    _infer_type,
    _merge_types,
    from_arrow_schema,
    from_arrow_type,
    storage_arrow_type,
    to_arrow_schema,
    to_arrow_type,
)
from dfengine.types.ddl import _parse_datatype_string  # keeps char(n) / varchar(n), as PySpark


def _parse_datatype_json_string(json_string: str) -> DataType:  # noqa: F405
    """A type from its JSON form (`df.schema.json()`), as PySpark's function of this name."""
    import json

    from dfengine.types.json_schema import from_json_value

    return from_json_value(json.loads(json_string))
