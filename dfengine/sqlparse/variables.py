"""Spark's variable substitution in SQL text (spark.sql.variable.substitute, on by default):
`${name}`, `${spark:name}`, `${sparkconf:name}`, `${hiveconf:name}`, `${hivevar:name}` read
the session's conf (`SET name=value`), `${env:NAME}` the environment, `${system:name}` a JVM
system property (none here). A name with no value becomes the empty string, as in PySpark;
an unclosed `${x` stays as written."""

from __future__ import annotations

import os
import re
from typing import Any

_REFERENCE = re.compile(r"\$\{(?:(spark|sparkconf|hiveconf|hivevar|system|env):)?([^{}]+)\}")


def substitute(session: Any, text: str) -> str:
    if "${" not in text:
        return text
    conf = session.conf
    if str(conf.get("spark.sql.variable.substitute", "true")).lower() == "false":
        return text

    def value(m: re.Match) -> str:
        prefix, name = m.group(1), m.group(2)
        if prefix == "env":
            return os.environ.get(name, "")
        if prefix == "system":
            return ""
        found = conf.get(name, None)
        return "" if found is None else str(found)

    return _REFERENCE.sub(value, text)
