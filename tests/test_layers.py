"""The package's layering holds: each layer imports only the ones below it (the import-linter
contract in pyproject.toml), and every module imports on its own in a fresh interpreter, so no
module depends on another having been imported first."""

from __future__ import annotations

import ast
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import dfengine

ROOT = Path(__file__).resolve().parents[1]

# Imported before forking, so each child pays only for dfengine's own modules.
_THIRD_PARTY = ("numpy", "pandas", "pyarrow", "pyarrow.compute", "pyarrow.parquet", "dask",
                "dask.dataframe", "distributed", "numba", "sqlglot", "scipy", "sklearn")

_CHILD = r"""
import compileall, importlib, os, sys, tempfile
# Byte-compiled once here: with PYTHONDONTWRITEBYTECODE (set in CI) each child would compile
# every module it imports from source again (2 minutes over the tree instead of seconds).
sys.dont_write_bytecode = False
sys.pycache_prefix = tempfile.mkdtemp(prefix="dfengine-pyc-")
compileall.compile_dir({package!r}, quiet=1)
for m in {third_party!r}:
    try:
        importlib.import_module(m)
    except ImportError:
        pass
children = {{}}
for name in {modules!r}:
    children.setdefault(name.rpartition(".")[0], []).append(name)

def check(parent):
    # Each child imports one module in a fork of a process that has imported only that
    # module's ancestor packages, which Python imports first in any case: the result is the
    # same as a fresh interpreter's, and each package's __init__ is paid once, not per module.
    for name in children.get(parent, []):
        pid = os.fork()
        if pid == 0:
            try:
                importlib.import_module(name)
            except BaseException as e:  # report any failure, then leave the child
                sys.stderr.write(f"{{name}}: {{type(e).__name__}}: {{e}}\n")
                print("FAILED:" + name, flush=True)
                os._exit(1)
            check(name)
            os._exit(0)
        os.waitpid(pid, 0)

check("")
"""


def _modules() -> list[str]:
    names = ["dfengine"]
    for info in pkgutil.walk_packages(dfengine.__path__, "dfengine."):
        names.append(info.name)
    return sorted(names)


def test_every_module_imports_alone() -> None:
    """Each module in a child forked from an interpreter where no dfengine module was ever
    imported: a module that works only after another was imported fails here."""
    code = _CHILD.format(third_party=_THIRD_PARTY, modules=_modules(),
                         package=str(ROOT / "dfengine"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), DFENGINE_QUIET="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=600)
    failed = [line for line in out.stdout.splitlines() if line.startswith("FAILED:")]
    assert out.returncode == 0 and failed == [], out.stderr[-4000:]


def test_import_contract() -> None:
    """`lint-imports` (import-linter) checks the layers declared in pyproject.toml."""
    exe = Path(sys.executable).with_name("lint-imports")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([str(exe)], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=300)
    assert out.returncode == 0, out.stdout[-4000:]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def test_no_layer_below_sql_imports_sql_rdd_or_ml() -> None:
    """A plain reading of the rule, independent of the contract's configuration."""
    facade = ("dfengine.sql", "dfengine.ml", "dfengine.rdd")
    offenders = []
    for path in (ROOT / "dfengine").rglob("*.py"):
        rel = path.relative_to(ROOT / "dfengine").parts
        if rel[0] in ("sql", "ml", "graphframes", "demo.py", "submit.py", "__init__.py"):
            continue
        for name in _imports(path):
            top = ".".join(name.split(".")[:2])
            if top in facade and not (rel[0] == "rdd" and top == "dfengine.rdd"):
                offenders.append(f"{'/'.join(rel)} imports {name}")
    assert offenders == []
