"""What dfengine.sql plugs into the SQL translator, kept apart from it so that installing the
hooks does not import sqlglot (a program that never calls `spark.sql` never loads it).

Session functions (`spark.udf.register`) shadow the built-ins: dfengine.sql sets
`function_resolver(session, name)` -> (args -> expression) | None, and the same for UDTFs,
`table_function_resolver(session, name)` -> call | None. This layer never imports dfengine.sql;
`session` is None for `F.expr` text (the active session is used).
"""

from __future__ import annotations

from typing import Any

function_resolver: Any = None
table_function_resolver: Any = None
