"""`pyspark.sql.pandas.utils`: version checks that Spark's Arrow examples call first.

dfengine depends on pandas and pyarrow directly, so the checks only confirm the installed
versions meet PySpark's minimums and name the fix when they do not."""

from __future__ import annotations

from dfengine.errors import PySparkImportError

MINIMUM_PANDAS = "2.2.0"
MINIMUM_PYARROW = "11.0.0"


def _check(module_name: str, minimum: str) -> None:
    try:
        module = __import__(module_name)
    except ImportError as exc:
        raise PySparkImportError(
            f"{module_name} >= {minimum} must be installed; it was not found: "
            f"pip install '{module_name}>={minimum}'.",
            "PACKAGE_NOT_INSTALLED", parameters={"package_name": module_name,
                                                 "minimum_version": minimum}) from exc
    if _version(module.__version__) < _version(minimum):
        raise PySparkImportError(
            f"{module_name} >= {minimum} must be installed; found {module.__version__}: "
            f"pip install -U '{module_name}>={minimum}'.",
            "UNSUPPORTED_PACKAGE_VERSION", parameters={"package_name": module_name,
                                                       "minimum_version": minimum,
                                                       "current_version": module.__version__})


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def require_minimum_pandas_version() -> None:
    _check("pandas", MINIMUM_PANDAS)


def require_minimum_pyarrow_version() -> None:
    _check("pyarrow", MINIMUM_PYARROW)
