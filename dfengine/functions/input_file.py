"""input_file_name(), input_file_block_start(), input_file_block_length().

The scan writes the file a partition came from into the Arrow schema metadata of the tables
it produces (datasource/scan.py `with_input_file`); these functions read it back from the
table they are evaluated on, so they answer for a projection or filter over a file scan and
give Spark's '' / -1 anywhere else. Not deterministic: never folded into a constant.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import L, S, returns

INPUT_FILE_KEYS = (b"dfengine.input_file", b"dfengine.input_block_start",
                   b"dfengine.input_block_length")
_KEY = dict(zip(("input_file_name", "input_file_block_start", "input_file_block_length"),
                INPUT_FILE_KEYS, strict=True))


def _input_file(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    raw = (table.schema.metadata or {}).get(_KEY[e.spec.name])
    if e.spec.name == "input_file_name":
        return pa.scalar(raw.decode() if raw else "", pa.string())
    return pa.scalar(int(raw) if raw else -1, pa.int64())


define(
    Function("input_file_name", returns(S), impl=_input_file, deterministic=False,
             nullable_rule="never", arity=(0, 0), params=""),
    Function("input_file_block_start", returns(L), impl=_input_file, deterministic=False,
             nullable_rule="never", arity=(0, 0), params=""),
    Function("input_file_block_length", returns(L), impl=_input_file, deterministic=False,
             nullable_rule="never", arity=(0, 0), params=""),
    family="misc",
)
