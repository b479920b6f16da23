"""Generate TPC-H parquet data with tpchgen-cli, once per scale factor.

`ensure_tpch(0.1)` returns `data/tpch-sf0.1/` holding one `<table>.parquet` per table. The data
is generated only when that directory is missing, into a temporary sibling directory that is
renamed into place when complete, so an interrupted run never leaves a half-written data set
that later runs would trust. A relative `root` is taken relative to the repository root (not
the working directory), so tests and benchmarks started from anywhere share one copy.

tpchgen-cli writes `decimal128(15,2)` money, `date32` dates and `string_view` strings.

CLI: ``python -m benchmarks.tpch.data --sf 0.1``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TABLES = ("lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region")
REPO_ROOT = Path(__file__).resolve().parents[2]


def tpchgen_binary() -> str:
    """The tpchgen-cli executable: the one installed beside this Python first, then PATH."""
    beside = Path(sys.executable).parent / "tpchgen-cli"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("tpchgen-cli")
    if found is None:
        raise FileNotFoundError(
            "tpchgen-cli not found next to the Python interpreter or on PATH; "
            "install it with `pip install tpchgen-cli` (it is in the project's [test] extra)"
        )
    return found


def sf_label(sf: float) -> str:
    """The scale factor as written in directory names: 1 -> '1', 0.1 -> '0.1'."""
    return f"{float(sf):g}"


def tpch_dir(sf: float, root: str | os.PathLike = "data") -> Path:
    """Where the data for scale factor `sf` lives (whether or not it exists yet)."""
    base = Path(root)
    if not base.is_absolute():
        base = REPO_ROOT / base
    return base / f"tpch-sf{sf_label(sf)}"


def table_paths(sf: float, root: str | os.PathLike = "data") -> dict[str, Path]:
    """Map table name -> parquet file for scale factor `sf` (generating the data if missing)."""
    directory = ensure_tpch(sf, root)
    return {name: directory / f"{name}.parquet" for name in TABLES}


def _complete(directory: Path) -> bool:
    return all((directory / f"{name}.parquet").is_file() for name in TABLES)


def ensure_tpch(sf: float, root: str | os.PathLike = "data") -> Path:
    """Return the directory of TPC-H parquet files at scale factor `sf`, generating it if absent.

    Idempotent and atomic: an existing complete directory is returned untouched; otherwise the
    files are generated in a temporary directory next to the target and renamed into place.
    """
    if sf <= 0:
        raise ValueError(f"TPC-H scale factor must be positive, got {sf}")
    target = tpch_dir(sf, root)
    if _complete(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        subprocess.run(
            [
                tpchgen_binary(),
                "parquet",
                "-s",
                sf_label(sf),
                "--output-dir",
                str(tmp),
                "--quiet",
            ],
            check=True,
        )
        missing = [name for name in TABLES if not (tmp / f"{name}.parquet").is_file()]
        if missing:
            raise RuntimeError(f"tpchgen-cli did not write tables {missing} into {tmp}")
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; the data set is not secret
        if _complete(target):  # another process finished first; its copy is as good as ours
            return target
        if target.exists():  # an incomplete earlier copy: replace it
            shutil.rmtree(target)
        try:
            os.rename(tmp, target)
        except OSError:
            # Another process finished first; its copy is as good as ours.
            if not _complete(target):
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate TPC-H parquet data with tpchgen-cli")
    parser.add_argument("--sf", type=float, default=0.1, help="scale factor (default 0.1)")
    parser.add_argument("--root", default="data", help="parent directory (default data/)")
    args = parser.parse_args(argv)
    print(ensure_tpch(args.sf, args.root))


if __name__ == "__main__":
    main()
