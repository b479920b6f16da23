"""Exception classes named as PySpark names them (`pyspark.errors`), so user code that catches
`AnalysisException` or `ParseException` keeps working after the import change."""

from __future__ import annotations


class PySparkException(Exception):
    """Base of every error dfengine raises on purpose."""

    def __init__(self, message: str = "", error_class: str | None = None):
        super().__init__(message)
        self.message = message
        self.error_class = error_class

    def getErrorClass(self) -> str | None:
        return self.error_class

    getCondition = getErrorClass

    def __str__(self) -> str:
        if self.error_class:
            return f"[{self.error_class}] {self.message}"
        return self.message


class AnalysisException(PySparkException):
    """A query that cannot be resolved: unknown table or column, type mismatch, ambiguity."""


class ParseException(AnalysisException):
    """SQL text that does not parse; the message carries line, column and a caret."""


class IllegalArgumentException(PySparkException, ValueError):
    """A bad argument value, such as an unknown write mode or master URL."""


class PySparkValueError(PySparkException, ValueError):
    pass


class PySparkTypeError(PySparkException, TypeError):
    pass


class PySparkRuntimeError(PySparkException, RuntimeError):
    pass


class PythonException(PySparkException):
    """An exception raised inside user code (a UDF or RDD function) while a task ran."""


class SparkRuntimeException(PySparkException, RuntimeError):
    """An error raised while executing a query (corrupt file, failed cast in a task)."""


class PySparkNotImplementedError(PySparkException, NotImplementedError):
    pass


class UnsupportedOperationException(PySparkException):
    pass
