"""Functions named after a JVM class: `CREATE [OR REPLACE] [TEMPORARY] FUNCTION [IF NOT EXISTS]
name AS 'class' [USING JAR ...]` and `DROP [TEMPORARY] FUNCTION [IF EXISTS] name`.

Spark records the class name (a Hive UDF or a Java UserDefinedAggregateFunction) and loads
the class only when the function is called (a TEMPORARY one at once). dfengine runs no JVM,
so it keeps the record alone, in the metastore of the function's database: the catalog lists
and describes it (getFunction, listFunctions, functionExists) as Spark does, and a call (or
CREATE TEMPORARY FUNCTION) reports that the class cannot be loaded and what to use instead.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from dfengine.errors import AnalysisException


class ClassFunction(NamedTuple):
    name: str
    db: str | None  # None: a temporary function
    class_name: str


def _ident(session: Any, parts: tuple[str, ...]) -> Any:
    ident = session._tables.ident(parts)
    if not session._tables.catalog.database_exists(ident.db):
        raise AnalysisException(
            f"The schema `{ident.db}` cannot be found. Create it with CREATE DATABASE first, "
            "or qualify the function with an existing schema.", "SCHEMA_NOT_FOUND")
    return ident


def create(session: Any, parts: tuple[str, ...], class_name: str, temporary: bool,
           replace: bool, if_not_exists: bool) -> None:
    if temporary:  # Spark loads the class at once
        raise cannot_load(ClassFunction(parts[-1].lower(), None, class_name))
    ident = _ident(session, parts)
    store = session._tables.catalog.store
    if not store.create_function(ident.db, ident.name, class_name, replace) and not if_not_exists:
        raise _exists(f"`{ident.db}`.`{ident.name}`")


def _exists(name: str) -> AnalysisException:
    return AnalysisException(
        f"Cannot create the routine {name} because it already exists. Choose a different "
        "name, drop or replace the existing routine, or add the IF NOT EXISTS clause to "
        "tolerate a pre-existing routine.", "ROUTINE_ALREADY_EXISTS")


def drop(session: Any, parts: tuple[str, ...], temporary: bool, if_exists: bool) -> None:
    if temporary:  # none can exist: CREATE TEMPORARY FUNCTION ... AS 'class' fails
        gone, shown = False, f"`{parts[-1].lower()}`"
    else:
        ident = _ident(session, parts)
        gone = session._tables.catalog.store.drop_function(ident.db, ident.name)
        shown = f"`{ident.db}`.`{ident.name}`"
    if not gone and not if_exists:
        raise AnalysisException(
            f"The routine {shown} cannot be found. Verify the spelling and correctness of the "
            "schema and catalog, or add IF EXISTS to tolerate a missing routine.",
            "ROUTINE_NOT_FOUND")


def find(session: Any, parts: tuple[str, ...]) -> ClassFunction | None:
    """The permanent function a (possibly qualified) name means, if any."""
    try:
        ident = session._tables.ident(parts)
    except AnalysisException:
        return None
    for name, class_name in session._tables.catalog.store.list_functions(ident.db):
        if name == ident.name:
            return ClassFunction(name, ident.db, class_name)
    return None


def listed(session: Any, db: str) -> list[ClassFunction]:
    """The permanent functions of `db`."""
    return [ClassFunction(n, db, c) for n, c in session._tables.catalog.store.list_functions(db)]


def cannot_load(fn: ClassFunction) -> AnalysisException:
    shown = f"`{fn.name}`" if fn.db is None else f"`spark_catalog`.`{fn.db}`.`{fn.name}`"
    return AnalysisException(
        f"Cannot load class {fn.class_name} when registering the function {shown}: dfengine "
        "runs no JVM, so functions implemented by a Java class cannot be called. Register a "
        "Python function instead (spark.udf.register, or a pandas_udf for an aggregate).",
        "CANNOT_LOAD_FUNCTION_CLASS")
