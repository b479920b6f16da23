"""Scan pieces sized by the bytes they will hold in memory, not only by their row count.

`scan.plan_pieces` groups a parquet file's row groups into pieces of about `PIECE_ROWS` rows,
whatever the columns read. A scan of wide rows then makes wide pieces: TPC-H SF10 customer
with its addresses and comments is ~120 MB of Arrow per 600k-row piece (plus the string_view
table it is converted from), and on a 1 GiB Dask worker Q10's pieces restarted the worker.

`split_pieces(pieces, columns, target)` cuts each piece at row-group boundaries so that the
estimated Arrow bytes of the columns read stay under `target` (Spark's
`spark.sql.files.maxPartitionBytes`, which dfengine applies to in-memory bytes). Narrow scans
(TPC-H Q1's seven lineitem columns: ~46 MB a piece) keep their pieces as they are. The
estimate per column chunk, from the footer alone:

- fixed-width types: the Arrow width times the rows (parquet's encoded size is smaller:
  dictionary and delta encodings);
- strings, binaries and nested types: parquet's uncompressed size plus a 4-byte offset a row.
"""

from __future__ import annotations

import dataclasses
import os
from functools import lru_cache

import pyarrow as pa

from dfengine.datasource.scan import Piece, open_parquet


def column_widths(schema: pa.Schema, columns: list[str]) -> dict[str, float | None]:
    """Arrow bytes a row of each fixed-width column; None for variable-width ones."""
    out: dict[str, float | None] = {}
    for name in columns:
        idx = schema.get_field_index(name)
        if idx < 0:
            continue
        t = schema.field(idx).type
        try:
            out[name] = max(t.bit_width, 8) / 8
        except ValueError:  # strings, binaries, lists, structs, maps
            out[name] = None
    return out


def split_piece(piece: Piece, columns: list[str], target: int) -> list[Piece]:
    """`piece` cut at row-group boundaries into parts estimated under `target` bytes."""
    groups = list(piece.row_groups or ())
    if len(groups) < 2:
        return [piece]
    st = os.stat(piece.file.path)
    rows, per_column = _group_sizes(piece.file.path, st.st_mtime_ns, st.st_size)
    sizes = [sum(per_column[c][g] for c in set(columns) if c in per_column) for g in groups]
    if sum(sizes) <= target:
        return [piece]
    out: list[Piece] = []
    part: list[int] = []
    size = 0.0
    for g, s in zip(groups, sizes):
        if part and size + s > target:
            out.append(_piece(piece, part, rows))
            part, size = [], 0.0
        part.append(g)
        size += s
    out.append(_piece(piece, part, rows))
    return out


@lru_cache(maxsize=256)
def _group_sizes(path: str, mtime_ns: int, size: int) -> tuple[list[int], dict[str, list]]:
    """Rows of each row group, and each top-level column's estimated Arrow bytes in it: read
    from the footer once per file version (every query plans its scans' pieces again)."""
    pf = open_parquet(path)
    md = pf.metadata
    widths = column_widths(pf.schema_arrow, pf.schema_arrow.names)
    rows: list[int] = []
    per_column: dict[str, list] = {name: [] for name in widths}
    for g in range(md.num_row_groups):
        rg = md.row_group(g)
        rows.append(rg.num_rows)
        for name in widths:
            per_column[name].append(0.0)
        for i in range(rg.num_columns):
            c = rg.column(i)
            name = c.path_in_schema.split(".")[0]
            if name in widths:
                w = widths[name]
                per_column[name][g] += (rg.num_rows * w if w is not None
                                        else c.total_uncompressed_size + 4.0 * rg.num_rows)
    return rows, per_column


def _piece(piece: Piece, groups: list[int], rows: list[int]) -> Piece:
    return dataclasses.replace(piece, row_groups=tuple(groups), num_rows=sum(rows[g]
                                                                             for g in groups))


def split_pieces(pieces: list[Piece], columns: list[str], target: int) -> list[Piece]:
    """Every parquet piece of a scan reading `columns`, cut under `target` bytes."""
    if target <= 0:
        return pieces
    out: list[Piece] = []
    for p in pieces:
        try:
            out.extend(split_piece(p, columns, target))
        except (OSError, pa.ArrowException):  # unreadable footer: the read reports it
            out.append(p)
    return out


# A one-piece file of at least this many rows is cut too (TPC-H SF1 customer: 150k rows in
# 4 row groups were one task that the rest of Q10 waited for, 54 ms with the other core idle);
# a smaller one reads in a few ms, less than another task and a concat cost.
ONE_PIECE_ROWS = 50_000


def balance_pieces(pieces: list[Piece], parallelism: int) -> list[Piece]:
    """The row groups of a one-file scan re-cut into a multiple of `parallelism` pieces of
    about equal rows, when there are only a few pieces: TPC-H SF1 lineitem's 53 row groups
    made 10 pieces of 5 and one of 3, so on 2 cores one thread read 6 pieces while the other
    read 5 and then waited (12 pieces of 4-5 row groups keep both busy to the end), and
    partsupp's two pieces held 600k and 200k rows; customer's one piece of four row groups
    ran alone. Many pieces (or several files) are left as they are: the last round's
    imbalance is then a small part of the scan."""
    k = len(pieces)
    if parallelism < 2 or k == 0 or k >= 8 * parallelism or (
            k == 1 and (pieces[0].num_rows or 0) < ONE_PIECE_ROWS):
        return pieces
    files = {p.file for p in pieces}
    if len(files) != 1 or any(p.row_groups is None or p.num_rows is None for p in pieces):
        return pieces
    groups = [g for p in pieces for g in p.row_groups]
    if groups != sorted(groups):
        return pieces
    want = -(-k // parallelism) * parallelism
    if len(groups) < want:
        return pieces
    try:
        st = os.stat(pieces[0].file.path)
        rows = _group_sizes(pieces[0].file.path, st.st_mtime_ns, st.st_size)[0]
    except (OSError, pa.ArrowException):  # unreadable footer: the read reports it
        return pieces
    total = sum(rows[g] for g in groups)
    cuts, done = [], 0
    for i, g in enumerate(groups[:-1]):
        done += rows[g]
        parts_after = want - len(cuts) - 1
        if parts_after and (done >= total * (len(cuts) + 1) / want
                            or len(groups) - i - 1 == parts_after):
            cuts.append(i + 1)
    bounds = [0, *cuts, len(groups)]
    return [_piece(pieces[0], groups[a:b], rows) for a, b in zip(bounds, bounds[1:])]
