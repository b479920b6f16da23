"""Sizes and durations as people read them (EXPLAIN ANALYZE, the jobs UI)."""

from __future__ import annotations


def human_bytes(n: float) -> str:
    """1536 -> '1.5 KB' (binary units)."""
    for unit, div in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= div:
            return f"{n / div:.1f} {unit}"
    return f"{n:.0f} B"


def human_ms(seconds: float) -> str:
    """0.0123 -> '12.3 ms'; 12.5 -> '12.5 s'."""
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"
