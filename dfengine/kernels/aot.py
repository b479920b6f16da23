"""Kernels compiled ahead of time, so that a fresh process's first query imports no Numba.

A process that calls a kernel through Numba pays 0.3-0.4 s before the first call returns
(importing Numba and llvmlite, installing its type registries, loading each cached kernel),
most of a fresh process's first TPC-H query. `make` therefore builds the kernels that query
plans call into one extension module (`_aot_kernels*.so`, with Numba's `pycc`), from the
signatures listed in `aot_signatures.py`: importing it takes under a millisecond and needs no
Numba.

Each signature is also built taking arrays of any layout (`any_layout`), as Numba's JIT
would compile for a strided slice of a column. A compiled function checks nothing about its
arguments (an int32 array passed where int64 was compiled reads garbage), so `LazyKernel`
calls it only when every argument has exactly the type of one compiled signature
(`matches`): same dtype and dimensions, C-contiguous where compiled so, native byte order,
an int for int64, a bool for boolean. Any other call goes to Numba's JIT as before, as does
every call when the module is missing (no C compiler at set-up), stale (the build records a
fingerprint of the kernel sources, Numba's install and Python; a module whose fingerprint
differs from the sources on disk is not loaded) or turned off (`DFENGINE_AOT=0`).

    python -m dfengine.kernels.aot build     # what `make` runs (about 20 s)
    python -m dfengine.kernels.aot record    # print the signatures this process compiled
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
MODULE = "_aot_kernels"
STAMP = HERE / f"{MODULE}.fingerprint"

# an argument's spec: ("array", dtype, ndim, C-contiguous required), ("int64",), ("boolean",)
# or ("float64",)
Spec = tuple


def fingerprint() -> str:
    """What the compiled module depends on: the kernel sources, Numba and Python."""
    h = hashlib.sha1()
    for path in sorted(HERE.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(f"{sys.version}|{_numba_version()}".encode())
    return h.hexdigest()


def _numba_version() -> str:
    """Numba's install, found without importing it (or importlib.metadata, 10 ms)."""
    import importlib.util

    spec = importlib.util.find_spec("numba")
    if spec is None or spec.origin is None:
        return "none"
    st = os.stat(spec.origin)
    return f"{spec.origin}|{st.st_size}|{st.st_mtime_ns}"


_LOADED: dict[str, list[tuple[tuple[Spec, ...], Callable]]] | None = None


def compiled(name: str) -> list[tuple[tuple[Spec, ...], Callable]]:
    """The compiled versions of kernel `module.function`: (argument specs, function)."""
    global _LOADED
    if _LOADED is None:
        _LOADED = _load()
    return _LOADED.get(name, [])


def _load() -> dict[str, list[tuple[tuple[Spec, ...], Callable]]]:
    if os.environ.get("DFENGINE_AOT", "1") == "0":
        return {}
    try:
        if STAMP.read_text().strip() != fingerprint():
            return {}
        module = importlib.import_module(f"dfengine.kernels.{MODULE}")
        from dfengine.kernels.aot_signatures import SIGNATURES
    except (OSError, ImportError):
        return {}
    out: dict[str, list] = {}
    for name, sigs in SIGNATURES.items():
        for i, sig in enumerate(sigs):
            for j, variant in enumerate((sig, any_layout(sig))):
                fn = getattr(module, export_name(name, i, j), None)
                if fn is not None:
                    out.setdefault(name, []).append((arg_specs(variant), fn))
    return out


def export_name(name: str, i: int, variant: int) -> str:
    module, fn = name.rsplit(".", 1)
    return f"{module.rsplit('.', 1)[-1]}__{fn}__{i}_{variant}"


def any_layout(sig: tuple[str, tuple[str, ...]]) -> tuple[str, tuple[str, ...]]:
    """A signature's twin taking arrays of any layout (a strided slice of a column), which
    Numba would compile on such a call: every signature is built in both forms."""
    return sig[0], tuple(a.replace("::1]", ":]").replace("'C', readonly", "'A', readonly")
                         for a in sig[1])


def arg_specs(sig: tuple[str, tuple[str, ...]]) -> tuple[Spec, ...]:
    """The argument specs of a signature as `aot_signatures` lists it: (return type, argument
    types), arrays written `int64[::1]` (C-contiguous), `int64[:]` (any layout) or
    `Array(uint8, 1, 'C', readonly=True)`."""
    return tuple(_spec(a) for a in sig[1])


def _spec(arg: str) -> Spec:
    if arg.startswith("Array("):
        dtype, ndim, layout = (x.strip(" '") for x in arg[len("Array("):].split(",")[:3])
        return ("array", _dtype(dtype), int(ndim), layout == "C")
    if arg.endswith("]"):
        dtype, dims = arg[:-1].split("[", 1)
        return ("array", _dtype(dtype), dims.count(":") - dims.count("::1"),
                dims.endswith("::1"))
    if arg in ("int64", "boolean", "float64"):
        return (arg,)
    raise ValueError(f"unsupported argument type {arg!r}")


def _dtype(name: str) -> np.dtype:
    return np.dtype("bool" if name == "boolean" else name)


def matches(specs: tuple[Spec, ...], args: tuple) -> bool:
    """Whether `args` have exactly the types one compiled signature was compiled for."""
    if len(specs) != len(args):
        return False
    for spec, a in zip(specs, args):
        kind = spec[0]
        if kind == "array":
            if not (type(a) is np.ndarray and a.dtype == spec[1] and a.ndim == spec[2]
                    and a.dtype.isnative and (not spec[3] or a.flags.c_contiguous)):
                return False
        elif kind == "int64":
            if not (type(a) is np.int64 or (type(a) is int and -2**63 <= a < 2**63)):
                return False
        elif kind == "boolean":
            if type(a) is not bool and type(a) is not np.bool_:
                return False
        elif type(a) is not float and type(a) is not np.float64:  # float64
            return False
    return True


# ------------------------------------------------------------------------- build and record


def build(output_dir: Path = HERE) -> Path:
    """Compile every signature of `aot_signatures` into one extension module."""
    from dfengine.kernels._jit import LazyKernel
    from dfengine.kernels._numba_setup import setup_numba
    from dfengine.kernels.aot_signatures import SIGNATURES

    setup_numba()
    import numba.pycc.compiler as pycc_compiler
    from numba.core.compiler import Flags
    from numba.pycc import CC

    class _ReleaseGil(Flags):  # the kernels are declared nogil: so are their compiled forms
        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self.release_gil = True

    cc = CC(MODULE, source_module=__name__)
    cc.output_dir = str(output_dir)
    cc.target_cpu = ""  # generic x86-64/arm64: a copied checkout runs anywhere (measured as fast)
    for name, sigs in SIGNATURES.items():
        module_name, fn_name = name.rsplit(".", 1)
        kernel = getattr(importlib.import_module(module_name), fn_name)
        if isinstance(kernel, LazyKernel):
            kernel.dispatcher  # noqa: B018 - makes the module's kernels real dispatchers
            fn = kernel.__wrapped__
        else:
            fn = kernel.py_func
        for i, sig in enumerate(sigs):
            for j, (ret, args) in enumerate((sig, any_layout(sig))):
                cc.export(export_name(name, i, j), f"{ret}({', '.join(args)})")(fn)
    STAMP.unlink(missing_ok=True)
    real, pycc_compiler.Flags = pycc_compiler.Flags, _ReleaseGil
    try:
        cc.compile()
    finally:
        pycc_compiler.Flags = real
    STAMP.write_text(fingerprint() + "\n")
    return output_dir / cc.output_file


def record() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """The signatures the kernels of this package compiled in this process (by Numba's JIT),
    as `aot_signatures.SIGNATURES` lists them."""
    import gc

    from numba.core.registry import CPUDispatcher

    out: dict[str, list] = {}
    for d in gc.get_objects():
        if isinstance(d, CPUDispatcher) and d.py_func.__module__.startswith("dfengine.kernels"):
            name = f"{d.py_func.__module__}.{d.py_func.__name__}"
            for args in d.signatures:
                ret = d.overloads[args].signature.return_type
                sig = (_type_text(ret), tuple(_type_text(a) for a in args))
                if sig not in out.get(name, []):
                    out.setdefault(name, []).append(sig)
    return {k: sorted(v) for k, v in sorted(out.items())}


def _type_text(t: Any) -> str:
    from numba.core import types

    if isinstance(t, types.Boolean):
        return "boolean"
    if isinstance(t, types.Array):
        dtype = _type_text(t.dtype)
        if not t.mutable:
            return f"Array({dtype}, {t.ndim}, '{t.layout}', readonly=True)"
        return f"{dtype}[{', '.join([':'] * (t.ndim - 1) + ['::1' if t.layout == 'C' else ':'])}]"
    if isinstance(t, types.UniTuple):
        return f"UniTuple({_type_text(t.dtype)}, {t.count})"
    if isinstance(t, types.Tuple):
        return f"Tuple(({', '.join(_type_text(x) for x in t.types)},))"
    if isinstance(t, types.NoneType):
        return "none"
    return str(t)


if __name__ == "__main__":
    if sys.argv[1:] == ["build"]:
        try:
            print(f"compiled kernels: {build()}")
        except Exception as exc:  # noqa: BLE001 - no compiler: the kernels stay JIT-compiled
            print(f"kernels not compiled ahead of time ({type(exc).__name__}: {exc}); "
                  "they are compiled by Numba on first use instead", file=sys.stderr)
    elif sys.argv[1:] == ["record"]:
        for name, sigs in record().items():
            print(f"    {name!r}: {sigs!r},")
    else:
        raise SystemExit("usage: python -m dfengine.kernels.aot build|record")
