"""Numba's CPU target set up for dfengine's kernels without importing `scipy.linalg`.

The first compile or cache load in a process makes Numba import all of its implementation
modules (`BaseContext.refresh`). One of them, `numba.np.arraymath`, decides at import whether
`np.dot` and friends may call BLAS by importing `scipy.linalg.cython_blas`, and importing
`scipy.linalg` loads scipy's array-API layer, which touches every lazy NumPy submodule
(`numpy.f2py`, `numpy.testing`, ...): 0.2-0.3 s, a quarter of a fresh process's first TPC-H
Q1, for a kernel set that calls no BLAS routine.

`setup_numba()` runs that refresh once with the probe answered by looking for the compiled
`cython_blas` module on disk, so `arraymath._HAVE_BLAS` comes out as Numba's own probe would
set it. Numba's real `ensure_blas` is put back at once: typing a BLAS call (`np.dot`,
`np.linalg.*`) in any kernel still imports `scipy.linalg` and checks its integer width then.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from typing import Any


def setup_numba() -> Any:
    """Import Numba and install its CPU target's registries; returns the `numba` module."""
    import numba

    if "numba.np.arraymath" in sys.modules:  # already set up (or being set up) elsewhere
        return numba
    from numba.core.compiler_lock import global_compiler_lock
    from numba.core.registry import cpu_target
    from numba.np import linalg

    real = getattr(linalg, "ensure_blas", None)
    if real is None:  # a Numba without this probe: nothing to spare
        return numba
    with global_compiler_lock:
        linalg.ensure_blas = _ensure_blas_on_disk
        try:
            cpu_target.target_context.refresh()
        finally:
            linalg.ensure_blas = real
            arraymath = sys.modules.get("numba.np.arraymath")
            if getattr(arraymath, "ensure_blas", None) is _ensure_blas_on_disk:
                arraymath.ensure_blas = real
    return numba


def _ensure_blas_on_disk() -> None:
    """Numba's `ensure_blas` probe without the import: ImportError when scipy has no
    `linalg.cython_blas` extension module."""
    if not scipy_cython_blas_installed():
        raise ImportError("scipy 0.16+ is required for linear algebra")


def scipy_cython_blas_installed() -> bool:
    """Whether `scipy.linalg.cython_blas` exists as an extension module, found without
    importing scipy.linalg (`find_spec` of a submodule would import its package)."""
    spec = importlib.util.find_spec("scipy")
    if spec is None:
        return False
    for base in spec.submodule_search_locations or ():
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            if os.path.isfile(os.path.join(base, "linalg", "cython_blas" + suffix)):
                return True
    return False
