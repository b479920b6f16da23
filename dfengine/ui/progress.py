"""The console progress bar: shown for jobs that run longer than half a second, costing nothing
when it is not drawn.

Like Spark's `ConsoleProgressBar` (`spark.ui.showConsoleProgress`), a job shorter than
`DELAY_SECONDS` prints nothing, and the bar goes to **stderr**, never into the program's own
output on stdout. What is drawn depends on where stderr goes:

- a terminal: after `DELAY_SECONDS`, one line redrawn in place (`\\r`) every `REFRESH_SECONDS`
  with the job's name, the tasks done and the elapsed time; cleared when the job ends, as
  Spark clears its bar;
- anything else (a log file, CI, a pipe): no `\\r` frames and no drawing thread; a job that ran
  longer than `DELAY_SECONDS` writes one line when it ends (`[count at app.py:3] 8/8 tasks,
  1.2 s`), a shorter one writes nothing (Spark's bar never appears for sub-500 ms stages);
- Jupyter: distributed's progress widget, for jobs run on the cluster.

Nothing waits on a timer: the drawing thread sleeps on an event that the job's end sets, so an
action returns as soon as its result is ready (dask's `ProgressBar` joins a thread that sleeps
0.1 s, which padded every action by up to 100 ms). Turned off with the conf
`dfengine.ui.showProgress=false`.

`add_job_listener(fn)` registers `fn(JobEnd)`, called once per finished job (drawn or not):
the small hook for a job history.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO

DELAY_SECONDS = 0.5  # Spark: spark.ui.consoleProgress firstDelayMSec
REFRESH_SECONDS = 0.2  # Spark: spark.ui.consoleProgress.update.interval
WIDTH = 40


@dataclass(frozen=True)
class JobEnd:
    """What a listener hears once per finished job."""

    name: str | None
    tasks_done: int
    tasks_total: int
    seconds: float
    failed: bool


_listeners: list[Callable[[JobEnd], None]] = []


def add_job_listener(fn: Callable[[JobEnd], None]) -> Callable[[], None]:
    """Call `fn(JobEnd)` after every job; returns a function that removes it again."""
    _listeners.append(fn)
    return lambda: _listeners.remove(fn) if fn in _listeners else None


def _notify(end: JobEnd) -> None:
    for fn in list(_listeners):
        with contextlib.suppress(Exception):  # a listener must never fail a job
            fn(end)


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()
    except Exception:  # noqa: BLE001 - no IPython kernel
        return False
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class ConsoleProgress:
    """One job's bar. `advance()` counts finished tasks (cheap: no drawing), `finish()` ends it
    at once: it wakes the drawing thread through an event instead of waiting for a timer."""

    def __init__(self, name: str | None, total: int = 0, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic, terminal: bool | None = None):
        self.name = name
        self.total = total
        self.done = 0
        self._stream = stream if stream is not None else sys.stderr
        self._clock = clock
        self._terminal = _is_terminal(self._stream) if terminal is None else terminal
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn = False
        self._start = clock()

    def start(self) -> ConsoleProgress:
        self._start = self._clock()
        if self._terminal:
            self._thread = threading.Thread(target=self._draw_loop, name="dfengine-progress",
                                            daemon=True)
            self._thread.start()
        return self

    def advance(self, n: int = 1) -> None:
        self.done += n

    def finish(self, failed: bool = False) -> JobEnd:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()  # returns at once: the thread waits on _stop, not on a sleep
        end = JobEnd(self.name, self.done, self.total, self._clock() - self._start, failed)
        if self._drawn:
            self._write("\r" + " " * self._width() + "\r")  # clear the bar, as Spark does
        elif not self._terminal and end.seconds >= DELAY_SECONDS:
            self._write(self._summary(end) + "\n")
        _notify(end)
        return end

    def _draw_loop(self) -> None:
        if self._stop.wait(DELAY_SECONDS):
            return
        while True:
            self._write("\r" + self._frame())
            self._drawn = True
            if self._stop.wait(REFRESH_SECONDS):
                return

    def _label(self) -> str:
        return f"[{self.name}] " if self.name else ""

    def _frame(self) -> str:
        total = max(self.total, 1)
        filled = min(WIDTH, WIDTH * self.done // total)
        bar = "=" * filled + (">" if filled < WIDTH else "") + " " * max(WIDTH - filled - 1, 0)
        seconds = self._clock() - self._start
        return f"{self._label()}[{bar}] {self.done}/{self.total} tasks, {seconds:.1f} s"

    def _width(self) -> int:
        return len(self._label()) + WIDTH + 40

    def _summary(self, end: JobEnd) -> str:
        status = "failed" if end.failed else "done"
        return (f"{self._label()}{status}: {end.tasks_done}/{end.tasks_total} tasks, "
                f"{end.seconds:.1f} s")

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (ValueError, OSError):  # a closed stream: the bar is cosmetic
            pass


def _dask_callback(bar: ConsoleProgress) -> tuple:
    """A dask local-scheduler callback tuple (start, start_state, pretask, posttask, finish)
    that feeds `bar`: the task count at start, one tick per finished task."""

    def start_state(dsk: dict, state: dict) -> None:
        bar.total = len(dsk)

    def posttask(key: Any, result: Any, dsk: dict, state: dict, worker_id: Any) -> None:
        bar.advance()

    return (None, start_state, None, posttask, None)


@contextmanager
def threaded_progress(name: str | None) -> Iterator[list]:
    """Callbacks to pass to `dask.threaded.get(..., callbacks=...)` for a job named `name`;
    the bar ends when the block exits, without waiting for anything."""
    bar = ConsoleProgress(name).start()
    failed = True
    try:
        yield [_dask_callback(bar)]
        failed = False
    finally:
        bar.finish(failed)


def show_progress(futures: list, client: Any, name: str | None) -> None:
    """Block until `futures` (a job on the cluster) are done, with a bar while it runs: the
    console bar counts finished output partitions; in Jupyter, distributed's widget."""
    if not futures:
        return
    notebook = _in_notebook()
    bar = ConsoleProgress(name, total=len(futures), terminal=False if notebook else None)
    bar.start()
    done = _when_done(futures, bar)
    failed = True
    try:
        if notebook and not done.wait(DELAY_SECONDS):
            _show_widget(futures, client, name)
        done.wait()
        failed = any(f.status == "error" for f in futures)
    finally:
        bar.finish(failed)


def _show_widget(futures: list, client: Any, name: str | None) -> None:
    try:
        from distributed.diagnostics.progressbar import ProgressWidget
        from IPython.display import display

        widget = ProgressWidget(futures, scheduler=client.scheduler.address, complete=True)
        if name:
            widget.elements[0].value = name  # pragma: no cover - notebook only
        display(widget.widget)
    except Exception:  # noqa: BLE001, S110 - the widget is cosmetic: never fail a job for it
        pass


def _when_done(futures: list, bar: ConsoleProgress) -> threading.Event:
    """An event set by the futures' own completion callbacks once all are done (no polling);
    each finished future advances `bar`."""
    done = threading.Event()
    remaining = [len(futures)]
    lock = threading.Lock()

    def one_done(_: Any) -> None:
        with lock:
            bar.advance()
            remaining[0] -= 1
            if remaining[0] == 0:
                done.set()

    for f in futures:
        f.add_done_callback(one_done)
    return done
