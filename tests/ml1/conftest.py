"""Fixtures for the issue-17 ML breadth tests (vectors, libsvm, features, stats, models)."""

from __future__ import annotations

import numpy as np
import pytest


def to_np(v) -> np.ndarray:
    return np.asarray(v.toArray(), dtype=float)


@pytest.fixture(scope="session")
def libsvm_file(tmp_path_factory):
    """A libsvm file shaped like Spark's sample_libsvm_data.txt (sparse, 1-based, ascending)."""
    rng = np.random.default_rng(0)
    path = tmp_path_factory.mktemp("libsvm") / "sample.txt"
    lines = []
    for r in range(60):
        idx = np.sort(rng.choice(np.arange(1, 200), size=rng.integers(3, 25), replace=False))
        vals = rng.integers(1, 255, size=idx.size).astype(float)
        label = float(r % 2)
        lines.append(f"{label} " + " ".join(f"{i}:{v}" for i, v in zip(idx, vals)))
    lines.insert(5, "# a comment line")
    lines.insert(9, "")
    path.write_text("\n".join(lines) + "\n")
    return str(path)
