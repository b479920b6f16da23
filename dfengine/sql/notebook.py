"""How a DataFrame shows itself in a REPL or notebook, as PySpark does.

With `spark.sql.repl.eagerEval.enabled=true` a notebook cell ending in a DataFrame displays its
first `spark.sql.repl.eagerEval.maxNumRows` rows (default 20) as an HTML table, cells cut to
`spark.sql.repl.eagerEval.truncate` characters (default 20): Spark's `htmlString`, byte for
byte (HTML 4 entities escaped like commons-text's escapeHtml4). A plain REPL prints the
`show()` text instead. Without it, `repr(df)` is `DataFrame[a: int, ...]` and `_repr_html_`
returns None, so the notebook falls back to that text.
"""

from __future__ import annotations

from html.entities import codepoint2name
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame

ENABLED = "spark.sql.repl.eagerEval.enabled"
MAX_ROWS = "spark.sql.repl.eagerEval.maxNumRows"
TRUNCATE = "spark.sql.repl.eagerEval.truncate"


def eager_settings(df: DataFrame) -> tuple[bool, int, int] | None:
    conf = df.sparkSession.conf
    if str(conf.get(ENABLED, "false")).lower() != "true":
        return None
    return True, int(conf.get(MAX_ROWS, "20")), int(conf.get(TRUNCATE, "20"))


def escape_html(s: str) -> str:
    """commons-text escapeHtml4: &, <, >, " and every character with an HTML 4 entity."""
    out = []
    for ch in s:
        name = codepoint2name.get(ord(ch))
        out.append(f"&{name};" if name is not None and ch != "'" else ch)
    return "".join(out)


def html_string(df: DataFrame, num_rows: int, truncate: int) -> str:
    """Spark's Dataset.htmlString."""
    from dfengine.sql.rows import arrow_to_rows
    from dfengine.sql.show import _cut, _escape_meta, format_value

    n = max(num_rows, 0)
    table = df.limit(n + 1)._qe().collect_arrow("htmlString")
    rows = arrow_to_rows(table, df.schema, display=True)
    fields = df.schema.fields
    lines = ["<table border='1'>\n",
             "<tr>" + "".join(f"<th>{escape_html(_escape_meta(f.name))}</th>" for f in fields)
             + "</tr>\n"]
    for r in rows[:n]:
        cells = (_cut(format_value(v, f.dataType), truncate) for v, f in zip(r, fields))
        lines.append("<tr>" + "".join(f"<td>{escape_html(c)}</td>" for c in cells) + "</tr>\n")
    lines.append("</table>\n")
    if len(rows) > n:
        lines.append(f"only showing top {n} {'row' if n == 1 else 'rows'}\n")
    return "".join(lines)


def repr_text(df: DataFrame) -> str | None:
    """`repr(df)` under eager evaluation in a plain REPL: the show() text; else None."""
    settings = eager_settings(df)
    if settings is None or getattr(df, "_support_repr_html", False):
        return None
    return df._show_string(settings[1], settings[2])


def repr_html(df: DataFrame) -> Any:
    df._support_repr_html = True
    settings = eager_settings(df)
    if settings is None:
        return None
    return html_string(df, settings[1], settings[2])
