"""Spark's generic file source options: which listed files a read keeps.

`pathGlobFilter`, `modifiedBefore`/`modifiedAfter` and `ignoreCorruptFiles` apply to every
file format (parquet, csv, json, text, orc, avro, binaryFile), as in Spark's "Generic File
Source Options"; `recursiveFileLookup` is applied while listing (scan.discover).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from dfengine.errors import AnalysisException


def keep_files(files: list, fmt: str, options: dict[str, str], conf: Any) -> list:
    """The files a read keeps; `options` keys are lower-case, `conf` the session's."""
    files = _glob(files, options.get("pathglobfilter"))
    files = _modified(files, options)
    corrupt = options.get("ignorecorruptfiles", conf.get("spark.sql.files.ignoreCorruptFiles",
                                                          "false"))
    if fmt == "parquet" and str(corrupt).lower() == "true":
        files = [f for f in files if _parquet_footer_reads(f.path)]
    return files


def _glob(files: list, pattern: str | None) -> list:
    if not pattern:
        return files
    import fnmatch

    return [f for f in files if fnmatch.fnmatch(os.path.basename(f.path), pattern)]


def _modified(files: list, options: dict[str, str]) -> list:
    """modifiedBefore/After compare a file's modification time with a local timestamp
    (`YYYY-MM-DDTHH:mm:ss`) in the `timeZone` option's zone, else the session's."""
    before, after = options.get("modifiedbefore"), options.get("modifiedafter")
    if not before and not after:
        return files
    from dfengine.functions.zone_shift import session_zone

    zone = options.get("timezone") or session_zone()
    hi = _instant(before, "modifiedBefore", zone) if before else None
    lo = _instant(after, "modifiedAfter", zone) if after else None
    return [f for f in files if (hi is None or os.path.getmtime(f.path) < hi)
            and (lo is None or os.path.getmtime(f.path) > lo)]


def _instant(text: str, name: str, zone: str) -> float:
    from dfengine.functions.timezones import zone_id
    from dfengine.functions.zone_shift import tzinfo

    try:
        local = dt.datetime.fromisoformat(text)
    except ValueError:
        raise AnalysisException(
            f"The timestamp provided for the '{name}' option is invalid: '{text}'. The expected "
            "format is 'YYYY-MM-DDTHH:mm:ss', e.g. 2050-07-01T08:30:00.",
            "_LEGACY_ERROR_TEMP_1268") from None
    if local.tzinfo is None:
        local = local.replace(tzinfo=tzinfo(zone_id(zone)))
    return local.timestamp()


def _parquet_footer_reads(path: str) -> bool:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pq.ParquetFile(path).metadata  # noqa: B018 - reading the footer is the check
    except (pa.ArrowInvalid, OSError):
        return False
    return True
