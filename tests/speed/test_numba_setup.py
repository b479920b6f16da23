"""`dfengine.kernels._numba_setup`: a kernel's first call sets Numba up without importing
scipy.linalg, with the BLAS switch Numba's own probe gives, and BLAS calls still compile.
Checked in a child process, where Numba starts unloaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import importlib.util, json, sys
import numpy as np
from dfengine.kernels import decimal
from dfengine.kernels._numba_setup import scipy_cython_blas_installed

words = np.arange(8, dtype=np.int64)
out = np.empty(4, dtype=np.int64)
end, largest = decimal.kept_words(words, 2, np.ones(4, dtype=np.bool_), True, out, 0)
found = {"kernel": [int(end), int(largest), out.tolist()],
         "scipy.linalg": "scipy.linalg" in sys.modules}

from numba.np import arraymath, linalg
found["probe restored"] = arraymath.ensure_blas is linalg.ensure_blas and (
    linalg.ensure_blas.__module__ == "numba.np.linalg")
found["same BLAS switch"] = arraymath._HAVE_BLAS == arraymath._check_blas()
found["same file probe"] = scipy_cython_blas_installed() == (
    importlib.util.find_spec("scipy.linalg.cython_blas") is not None)

import numba

@numba.njit
def dot(a, b):
    return np.dot(a, b)

found["np.dot"] = float(dot(np.ones(3), np.arange(3.0)))
print(json.dumps(found))
"""


def test_a_first_kernel_sets_numba_up_without_scipy_linalg_and_blas_still_works():
    env = dict(os.environ, PYTHONPATH=str(ROOT), DFENGINE_QUIET="1")
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "kernel": [4, 6, [0, 2, 4, 6]], "scipy.linalg": False, "probe restored": True,
        "same BLAS switch": True, "same file probe": True, "np.dot": 3.0}
