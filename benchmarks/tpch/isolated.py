"""Each engine of a TPC-H run in a process of its own, so that its memory is its own.

`EngineProcess` stands in for an `engines.Engine`: it starts a child process (spawned, a fresh
interpreter) that sets the engine up and then answers requests over a pipe. The child times the
queries itself (`timeit` around `engine.run`), so the pipe and the pickling of the answers are
never part of a timing, and it measures memory from the kernel's own counters:

- per query: the peak resident set size while the query's runs ran (Linux `VmHWM`, reset
  before each query by writing 5 to /proc/self/clear_refs);
- per engine: the peak over the whole run, setup included: the largest of the per-query
  peaks and of the peaks between them (resetting `VmHWM` resets `ru_maxrss` too, so the
  child keeps the running maximum itself).

Neither engine's memory is ever counted in the other's figures, which a run in one process
could not avoid (DuckDB's buffer pool and dfengine's Arrow heap share the process's RSS).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import re
import resource
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.common import Timing, timeit

MIB = 1 << 20
_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def reset_peak() -> bool:
    """Reset this process's peak RSS (`VmHWM`) to its current RSS; False where not possible."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def peak_since_reset() -> int | None:
    """This process's peak RSS in bytes since the last `reset_peak` (or since it started)."""
    try:
        found = re.search(r"VmHWM:\s+(\d+)\s+kB", _STATUS.read_text())
    except OSError:
        return None
    return int(found.group(1)) * 1024 if found else None


def peak_of_process() -> int:
    """This process's peak RSS in bytes since it started or `reset_peak` last ran (Linux
    reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class _Peaks:
    """(child) The process's peak RSS over the whole run, across the per-query resets."""

    def __init__(self) -> None:
        self.high = 0

    def note(self) -> int:
        self.high = max(self.high, peak_since_reset() or 0, peak_of_process())
        return self.high

    def timed(self, engine: Any, n: int, repeat: int) -> tuple[Timing, int | None]:
        self.note()  # setup, or the time since the last query
        resettable = reset_peak()
        timing = timeit(functools.partial(engine.run, n), repeat)
        peak = peak_since_reset() if resettable else None
        self.note()
        return timing, peak


def _serve(conn: Any, name: str, paths: Mapping[str, str], api: str,
           conf: Mapping[str, str]) -> None:
    """(child) Set up engine `name`, then answer requests until "close"."""
    from benchmarks.tpch.engines import make_engine

    try:
        engine = make_engine(name, paths, api=api, conf=conf)
    except Exception as exc:  # noqa: BLE001 - reported to the parent as the setup error
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ok", None))
    peaks = _Peaks()
    handlers = {
        "time": lambda args: peaks.timed(engine, *args),
        "run": lambda args: engine.run(*args),
        "overhead": lambda args: engine.overhead(*args),
        "has_overhead": lambda args: hasattr(engine, "overhead"),
    }
    while True:
        request, args = conn.recv()
        if request == "close":
            engine.close()
            conn.send(("ok", peaks.note()))
            return
        try:
            conn.send(("ok", handlers[request](args)))
        except Exception as exc:  # noqa: BLE001 - a failing query is a result, not a crash
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class EngineError(RuntimeError):
    """A failure inside an engine's process, with the child's one-line message."""


class EngineProcess:
    """An engine set up and run in a child process; the same calls as `engines.Engine`
    plus `timed(n, repeat)` and the process's peak RSS (`peak_rss`, after `close`)."""

    def __init__(self, name: str, paths: Mapping[str, str], api: str = "sql",
                 conf: Mapping[str, str] | None = None):
        self.name = name
        self.peak_rss: int | None = None
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, name, dict(paths), api,
                                                      dict(conf or {})), daemon=True)
        self._proc.start()
        child.close()
        try:
            self._reply()
        except BaseException:
            self._proc.kill()
            raise
        if self._ask("has_overhead"):
            self.overhead = functools.partial(self._ask, "overhead")

    def _reply(self) -> Any:
        try:
            status, value = self._conn.recv()
        except EOFError:
            raise EngineError(f"{self.name}: the engine's process exited "
                              f"(exit code {self._proc.exitcode})") from None
        if status == "error":
            raise EngineError(value)
        return value

    def _ask(self, request: str, *args: Any) -> Any:
        self._conn.send((request, args))
        return self._reply()

    def run(self, n: int) -> pd.DataFrame:
        return self._ask("run", n)

    def timed(self, n: int, repeat: int) -> tuple[Timing, int | None]:
        """Query `n` run `repeat` times in the child: the timings (and last answer) and the
        peak RSS in bytes while it ran (None where the peak cannot be reset)."""
        return self._ask("time", n, repeat)

    def close(self) -> None:
        if self._proc.is_alive():
            with contextlib.suppress(EngineError, OSError):
                self.peak_rss = self._ask("close")
            self._proc.join(timeout=30)
        if self._proc.is_alive():
            self._proc.kill()
        self._conn.close()
