"""A progress bar for computations that take longer than half a second.

Like `spark.ui.showConsoleProgress`, short actions print nothing; a longer one shows Dask's own
progress bar (tasks done / total, counting every task the result depends on) under the job's
name, as text in a terminal and as a widget in Jupyter. Turned off with the conf
`dfengine.ui.showProgress=false`.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

DELAY_SECONDS = 0.5


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()
    except Exception:  # noqa: BLE001 - no IPython kernel
        return False
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


def show_progress(futures: list, client: Any, name: str | None) -> None:
    """Block until `futures` are done, drawing a progress bar if that takes a while."""
    if not futures or _all_done(futures, DELAY_SECONDS):
        return
    try:
        from distributed.diagnostics.progressbar import ProgressWidget, TextProgressBar

        scheduler = client.scheduler.address
        if _in_notebook():
            from IPython.display import display

            widget = ProgressWidget(futures, scheduler=scheduler, complete=True)
            if name:
                widget.elements[0].value = name  # pragma: no cover - notebook only
            display(widget.widget)
        else:
            if name:
                print(f"[{name}]", file=sys.stdout, flush=True)
            TextProgressBar(futures, scheduler=scheduler, loop=client.loop, complete=True)
    except Exception:  # noqa: BLE001, S110 - the bar is cosmetic: never fail a job for it
        pass
    _all_done(futures, None)


def _all_done(futures: list, timeout: float | None) -> bool:
    """Wait up to `timeout` seconds (forever if None) for every future to finish."""
    done = threading.Event()
    remaining = [len(futures)]
    lock = threading.Lock()

    def one_done(_: Any) -> None:
        with lock:
            remaining[0] -= 1
            if remaining[0] == 0:
                done.set()

    for f in futures:
        f.add_done_callback(one_done)
    return done.wait(timeout)


@contextmanager
def threaded_progress(name: str | None) -> Iterator[None]:
    """A text progress bar for a graph run by Dask's threaded scheduler, drawn only once the
    job has run for DELAY_SECONDS, headed by the job's name like the cluster's bar."""
    from dask.diagnostics import ProgressBar

    class _Named(ProgressBar):
        _shown = False

        def _draw_bar(self, frac: float, elapsed: float) -> None:
            if not self._shown and name:
                print(f"[{name}]", file=sys.stdout, flush=True)
            self._shown = True
            super()._draw_bar(frac, elapsed)

    with _Named(minimum=DELAY_SECONDS, out=sys.stdout):
        yield
