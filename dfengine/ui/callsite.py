"""The user's call site (`wordcount.py:12`), used to name RDDs and jobs as Spark does."""

from __future__ import annotations

import os
import sys

_PKG_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def user_callsite() -> str:
    """`file.py:line` of the innermost stack frame outside the dfengine package."""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not os.path.abspath(filename).startswith(_PKG_DIR) and not _is_dask(filename):
            return f"{os.path.basename(filename)}:{frame.f_lineno}"
        frame = frame.f_back
    return "<unknown>:0"


def _is_dask(filename: str) -> bool:
    """Frames of Dask's schedulers sit between a threaded task and the user's code."""
    return f"{os.sep}dask{os.sep}" in filename or f"{os.sep}distributed{os.sep}" in filename
