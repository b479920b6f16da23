"""Partition directory names as Spark writes them (`key=value`, Hive escaping, NULL as
`__HIVE_DEFAULT_PARTITION__`) and the warehouse layout."""

from __future__ import annotations

import os
from typing import Any

DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__"
# Characters Spark's ExternalCatalogUtils.escapePathName escapes as %XX.
_ESCAPE = set('"#%\'*/:=?\\\x7f{[]^') | {chr(c) for c in range(0x20)}


def escape_path_name(s: str) -> str:
    return "".join(f"%{ord(c):02X}" if c in _ESCAPE else c for c in s)


def unescape_path_name(s: str) -> str:
    from urllib.parse import unquote

    return unquote(s)


def partition_string(value: Any) -> str | None:
    """A partition value as the catalog keeps it: Spark's string form, None for NULL."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def partition_display(spec: list[tuple[str, str | None]]) -> str:
    """`[('p', '1'), ('q', None)]` -> `p=1/q=__HIVE_DEFAULT_PARTITION__` (SHOW PARTITIONS)."""
    return "/".join(f"{escape_path_name(k)}="
                    f"{DEFAULT_PARTITION if v is None or v == '' else escape_path_name(v)}"
                    for k, v in spec)


def partition_path(spec: list[tuple[str, str | None]]) -> str:
    """The partition's directory under the table, escaped as the file writer escapes the
    directories of `partitionBy` (values are compared decoded, so either escaping reads)."""
    from urllib.parse import quote

    return os.sep.join(f"{k}={DEFAULT_PARTITION if v is None else quote(v, safe=' ')}"
                       for k, v in spec)


def parse_partition_path(rel: str) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for seg in rel.replace(os.sep, "/").split("/"):
        if "=" not in seg:
            return []
        k, v = seg.split("=", 1)
        out.append((unescape_path_name(k), None if v == DEFAULT_PARTITION else
                    unescape_path_name(v)))
    return out


def strip_scheme(path: str) -> str:
    return path.removeprefix("file:")


def uri(path: str) -> str:
    """`file:/abs/path`, as Spark shows locations."""
    return "file:" + os.path.abspath(path)
