"""Exception classes named as PySpark names them (`pyspark.errors`), so user code that catches
`AnalysisException`, `ArithmeticException` or `NumberFormatException` keeps working after the
import change.

Each error carries Spark's error class (the `[DIVIDE_BY_ZERO]` prefix of the message), its
SQLSTATE and the message parameters, read back with PySpark's accessors `getCondition()`,
`getErrorClass()`, `getSqlState()` and `getMessageParameters()`. The JVM names
(`SparkArithmeticException`, `SparkNumberFormatException`, ...) are aliases of the PySpark
classes, as Py4J converts them to those.
"""

from __future__ import annotations

# SQLSTATE of the error classes dfengine raises (Spark's error-conditions.json).
SQLSTATES = {
    "ARITHMETIC_OVERFLOW": "22003",
    "BINARY_ARITHMETIC_OVERFLOW": "22003",
    "CAST_OVERFLOW": "22003",
    "CAST_OVERFLOW_IN_TABLE_INSERT": "22003",
    "NUMERIC_VALUE_OUT_OF_RANGE": "22003",
    "DIVIDE_BY_ZERO": "22012",
    "INTERVAL_DIVIDED_BY_ZERO": "22012",
    "CAST_INVALID_INPUT": "22018",
    "CANNOT_PARSE_TIMESTAMP": "22007",
    "INVALID_DATETIME_PATTERN": "22007",
    "DATETIME_OVERFLOW": "22008",
    "FAILED_FUNCTION_CALL": "38000",
    "DATETIME_FIELD_OUT_OF_BOUNDS": "22023",
    "INVALID_ARRAY_INDEX": "22003",
    "INVALID_ARRAY_INDEX_IN_ELEMENT_AT": "22003",
    "INVALID_INDEX_OF_ZERO": "22003",
    "SCALAR_SUBQUERY_TOO_MANY_ROWS": "21000",
    "WINDOW_FUNCTION_FRAME_NOT_ORDERED": "42K0E",
    "FIELD_DATA_TYPE_UNACCEPTABLE": "42K0G",
    "PARQUET_COLUMN_DATA_TYPE_MISMATCH": "42846",
    "MALFORMED_RECORD_IN_PARSING": "22023",
    "NUM_COLUMNS_MISMATCH": "42826",
    "PARSE_SYNTAX_ERROR": "42601",
    "UNRESOLVED_COLUMN": "42703",
    "UNRESOLVED_ROUTINE": "42883",
    "WRONG_NUM_ARGS": "42605",
    "TABLE_OR_VIEW_NOT_FOUND": "42P01",
    "DATATYPE_MISMATCH": "42K09",
    "INVALID_PARAMETER_VALUE": "22023",
    "INVALID_CORRUPT_RECORD_TYPE": "42804",
    "COLUMN_ALREADY_EXISTS": "42711",
    "AMBIGUOUS_REFERENCE": "42704",
    "MISSING_AGGREGATION": "42803",
    "CONNECT_TIMEOUT": "08001",
    "CORRUPT_MODEL": "XX000",
    "PATH_NOT_FOUND": "42K03",
    "USER_RAISED_EXCEPTION": "P0001",
}


def sql_state_of(error_class: str | None) -> str | None:
    if not error_class:
        return None
    return SQLSTATES.get(error_class) or SQLSTATES.get(error_class.split(".")[0])


class SkipRestOfInputTableException(Exception):  # noqa: N818 (PySpark's name)
    """Raised by a UDTF's `eval` to skip the rest of its input partition (then `terminate`
    runs), as pyspark.sql.functions.SkipRestOfInputTableException."""


class PySparkException(Exception):
    """Base of every error dfengine raises on purpose."""

    def __init__(self, message: str = "", error_class: str | None = None,
                 sql_state: str | None = None, parameters: dict | None = None):
        super().__init__(message)
        self.message = message
        self.error_class = error_class
        self.sql_state = sql_state or sql_state_of(error_class)
        self.parameters = dict(parameters or {})

    def getErrorClass(self) -> str | None:
        return self.error_class

    getCondition = getErrorClass

    def getSqlState(self) -> str | None:
        return self.sql_state

    def getMessageParameters(self) -> dict:
        return dict(self.parameters)

    def getMessage(self) -> str:
        return str(self)

    def __str__(self) -> str:
        if self.error_class and not self.message.startswith(f"[{self.error_class}]"):
            tail = f" SQLSTATE: {self.sql_state}" if self.sql_state else ""
            return f"[{self.error_class}] {self.message}{tail}"
        return self.message

    def __reduce__(self):  # survive pickling between Dask workers with all fields
        return (_rebuild, (type(self), self.message, self.error_class, self.sql_state,
                           self.parameters), dict(self.__dict__))


def _rebuild(cls: type, message: str, error_class: str | None, sql_state: str | None,
             parameters: dict) -> PySparkException:
    return cls(message, error_class, sql_state, parameters)


class AnalysisException(PySparkException):
    """A query that cannot be resolved: unknown table or column, type mismatch, ambiguity."""


class ParseException(AnalysisException):
    """SQL text that does not parse; the message carries line, column and a caret."""


class TempTableAlreadyExistsException(AnalysisException):
    pass


class IllegalArgumentException(PySparkException, ValueError):
    """A bad argument value, such as an unknown write mode or master URL."""


class NumberFormatException(IllegalArgumentException):
    """A string that is not a number where one is required (ANSI cast: CAST_INVALID_INPUT)."""


class ArithmeticException(PySparkException):
    """Overflow or division by zero under ANSI mode (ARITHMETIC_OVERFLOW, DIVIDE_BY_ZERO...)."""


class ArrayIndexOutOfBoundsException(PySparkException):
    """An array index outside the array under ANSI mode (INVALID_ARRAY_INDEX...)."""


class DateTimeException(PySparkException):
    """A string that is not a date or timestamp under ANSI mode, or a field out of range."""


class PySparkValueError(PySparkException, ValueError):
    pass


class PySparkTypeError(PySparkException, TypeError):
    pass


class PySparkRuntimeError(PySparkException, RuntimeError):
    pass


class PySparkIndexError(PySparkException, IndexError):
    pass


class PySparkKeyError(PySparkException, KeyError):
    pass


class PySparkAttributeError(PySparkException, AttributeError):
    pass


class PySparkImportError(PySparkException, ImportError):
    pass


class PythonException(PySparkException):
    """An exception raised inside user code (a UDF or RDD function) while a task ran, or a
    check of its result that PySpark makes in the Python worker: its text is the worker's."""

    def getErrorClass(self) -> str | None:
        return self.error_class or "PYTHON_EXCEPTION"

    getCondition = getErrorClass

    def __str__(self) -> str:
        return self.message


def worker_error(err: PySparkException) -> PythonException:
    """A result check PySpark runs inside the Python worker (a pandas UDF's row count or
    columns): it reaches the driver as a PythonException carrying the check's error, so an
    `except PythonException` written for PySpark catches it."""
    out = PythonException("An exception was thrown from the Python worker:\n"
                          f"pyspark.errors.exceptions.base.{type(err).__name__}: {err}")
    out.exception_type, out.exception_message = type(err).__name__, str(err)
    return out


class SparkRuntimeException(PySparkException, RuntimeError):
    """An error raised while executing a query (corrupt file, failed cast in a task)."""


class SparkNoSuchElementException(PySparkException):
    pass


class NoSuchElementException(SparkNoSuchElementException):
    """java.util.NoSuchElementException: the root cause Spark's ML fits raise on empty data
    ("head of empty array")."""


class IllegalStateException(PySparkException, RuntimeError):
    """java.lang.IllegalStateException: a fit that saw no data where Spark checks its state
    (IDF: "Haven't seen any document yet.")."""


class SparkUpgradeException(PySparkException):
    pass


class QueryExecutionException(PySparkException):
    pass


class PySparkNotImplementedError(PySparkException, NotImplementedError):
    pass


class UnsupportedOperationException(PySparkException):
    pass


# The JVM class names of the same errors (Py4J turns each into the PySpark class above).
SparkArithmeticException = ArithmeticException
SparkNumberFormatException = NumberFormatException
SparkDateTimeException = DateTimeException
SparkArrayIndexOutOfBoundsException = ArrayIndexOutOfBoundsException
SparkIllegalArgumentException = IllegalArgumentException
SparkUnsupportedOperationException = UnsupportedOperationException


def divide_by_zero() -> ArithmeticException:
    return ArithmeticException(
        "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL "
        "instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this "
        "error.", "DIVIDE_BY_ZERO", parameters={"config": '"spark.sql.ansi.enabled"'})


def arithmetic_overflow(what: str, try_fn: str = "try_add") -> ArithmeticException:
    return ArithmeticException(
        f"{what} caused overflow. Use `{try_fn}` to tolerate overflow and return NULL "
        "instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this "
        "error.", "ARITHMETIC_OVERFLOW", parameters={"message": what})


def cast_invalid_input(value: object, src: str, dst: str) -> PySparkException:
    """Spark raises the cast of a bad string as NumberFormatException for numbers,
    DateTimeException for dates and timestamps, SparkRuntimeException otherwise."""
    msg = (f"The value '{value}' of the type \"{src}\" cannot be cast to \"{dst}\" because it "
           "is malformed. Correct the value as per the syntax, or change its target type. Use "
           "`try_cast` to tolerate malformed input and return NULL instead. If necessary set "
           "\"spark.sql.ansi.enabled\" to \"false\" to bypass this error.")
    cls: type[PySparkException] = SparkRuntimeException
    if dst in ("DATE", "TIMESTAMP", "TIMESTAMP_NTZ"):
        cls = DateTimeException
    elif dst in ("TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE") or dst.startswith(
            "DECIMAL"):
        cls = NumberFormatException
    return cls(msg, "CAST_INVALID_INPUT",
               parameters={"expression": f"'{value}'", "sourceType": f'"{src}"',
                           "targetType": f'"{dst}"'})


def cast_overflow(value: object, src: str, dst: str) -> ArithmeticException:
    return ArithmeticException(
        f"The value {value} of the type \"{src}\" cannot be cast to \"{dst}\" due to an "
        "overflow. Use `try_cast` to tolerate overflow and return NULL instead. If necessary "
        "set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.", "CAST_OVERFLOW",
        parameters={"value": str(value), "sourceType": f'"{src}"', "targetType": f'"{dst}"'})


def decimal_out_of_range(value: object, precision: int, scale: int) -> ArithmeticException:
    return ArithmeticException(
        f"{value} cannot be represented as Decimal({precision}, {scale}). If necessary set "
        "\"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL "
        "instead.", "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION")


def invalid_array_index(index: int, size: int, element_at: bool) -> ArrayIndexOutOfBoundsException:
    if element_at:
        return ArrayIndexOutOfBoundsException(
            f"The index {index} is out of bounds. The array has {size} elements. Use "
            "`try_element_at` to tolerate accessing element at invalid index and return NULL "
            "instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this "
            "error.", "INVALID_ARRAY_INDEX_IN_ELEMENT_AT")
    return ArrayIndexOutOfBoundsException(
        f"The index {index} is out of bounds. The array has {size} elements. Use the SQL "
        "function `get()` to tolerate accessing element at invalid index and return NULL "
        "instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this "
        "error.", "INVALID_ARRAY_INDEX")


class PySparkAssertionError(PySparkException, AssertionError):
    pass


class QueryCancelledException(PySparkException):
    """A running query stopped by `spark.interruptAll/interruptTag/interruptOperation`."""
