"""The 22 TPC-H queries as Spark SQL text (`q01.sql` … `q22.sql`).

Taken from the TPC-H specification with the substitution parameters of its validation run,
written so that Spark SQL, DuckDB and dfengine all accept the same text: date arithmetic as
`date '1998-12-01' - interval '90' day`, `extract(year from ...)`, `substring(s, 1, 2)`, and
Q15's view as a CTE.
"""

from __future__ import annotations

from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent
QUERY_NUMBERS = tuple(range(1, 23))


def query_path(n: int) -> Path:
    """The file holding TPC-H query `n` (1..22)."""
    if n not in QUERY_NUMBERS:
        raise ValueError(f"TPC-H has queries 1..22, got {n}")
    return QUERY_DIR / f"q{n:02d}.sql"


def query_text(n: int) -> str:
    """The SQL text of TPC-H query `n`, without its leading comment lines."""
    lines = query_path(n).read_text().splitlines()
    body = [line for line in lines if not line.lstrip().startswith("--")]
    return "\n".join(body).strip() + "\n"
