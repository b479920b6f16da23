"""The function catalogue (see registry.py): importing this package loads every family."""

from dfengine.functions import (
    aggregates,
    assertions,
    collection,
    conditional,
    datetime,
    encoding,
    environment,
    hash,
    higher_order,
    input_file,
    json_csv,
    math,
    misc,
    partition_transforms,
    random_values,
    string,
    structs,
    text,
    timezones,
    vectors,
)
from dfengine.functions.registry import (
    REGISTRY,
    Function,
    define,
    entries,
    find,
    lookup,
    names_of_kind,
    register,
)
