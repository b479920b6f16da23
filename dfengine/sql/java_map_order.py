"""The order in which Java's HashMap iterates its keys.

PySpark hands a Python dict to the JVM as a java.util.HashMap (py4j's MapConverter, and the
pickled rows of createDataFrame), so the columns of `agg({"age": "max", "*": "count"})` and
the entries of a map built from a dict come out in the HashMap's bucket order, not the dict's
insertion order. Reproducing that order gives the same column order and the same show()
output as PySpark."""

from __future__ import annotations

from typing import Any


def java_hash(v: Any) -> int:
    """Java's hashCode of a str (over UTF-16 code units), int, float or bool, as an int32."""
    if isinstance(v, bool):
        return 1231 if v else 1237
    if isinstance(v, int):
        if -(1 << 31) <= v < (1 << 31):
            return v
        u = v & 0xFFFFFFFFFFFFFFFF  # Long.hashCode: the two halves xor-ed
        return _int32((u ^ (u >> 32)) & 0xFFFFFFFF)
    if isinstance(v, str):
        h = 0
        units = v.encode("utf-16-be")
        for i in range(0, len(units), 2):
            h = (31 * h + (units[i] << 8 | units[i + 1])) & 0xFFFFFFFF
        return _int32(h)
    return _int32(hash(v) & 0xFFFFFFFF)


def _int32(u: int) -> int:
    return u - (1 << 32) if u >= (1 << 31) else u


def hash_map_order(keys: list) -> list:
    """`keys` (distinct, in insertion order) in java.util.HashMap's iteration order: by bucket
    (the hash with its high half folded in, modulo the table size, which doubles past 3/4
    full from 16), then by insertion within a bucket."""
    capacity = 16
    while len(keys) > capacity * 3 // 4:
        capacity *= 2

    def bucket(k: Any) -> int:
        h = java_hash(k) & 0xFFFFFFFF
        return (h ^ (h >> 16)) & (capacity - 1)

    return [k for _, _, k in sorted((bucket(k), i, k) for i, k in enumerate(keys))]
