"""The console progress bar: stderr only, no `\\r` frames off a terminal, no waiting at the end.

Time is faked (a settable clock) or made irrelevant (an hour-long refresh interval that a
timer-based bar would have to sleep through): no test here asserts on wall time.
"""

from __future__ import annotations

import io
import threading

import pytest

from dfengine.ui import progress


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_off_a_terminal_a_slow_job_writes_one_line_and_no_frames():
    clock, out = FakeClock(), io.StringIO()
    bar = progress.ConsoleProgress("count at app.py:3", total=8, stream=out, clock=clock).start()
    assert bar._thread is None  # nothing draws in the background off a terminal
    bar.advance(8)
    clock.now += 1.25
    end = bar.finish()
    assert out.getvalue() == "[count at app.py:3] done: 8/8 tasks, 1.2 s\n"
    assert "\r" not in out.getvalue()
    assert (end.tasks_done, end.tasks_total, end.failed) == (8, 8, False)


def test_off_a_terminal_a_fast_job_writes_nothing():
    clock, out = FakeClock(), io.StringIO()
    bar = progress.ConsoleProgress("collect", total=2, stream=out, clock=clock).start()
    clock.now += progress.DELAY_SECONDS / 2
    bar.finish()
    assert out.getvalue() == ""


def test_finish_wakes_the_drawing_thread_instead_of_waiting_for_it(monkeypatch):
    # A refresh interval of an hour: a bar whose thread sleeps on a timer would keep the
    # action waiting for it; this one's thread waits on an event that finish() sets.
    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)
    monkeypatch.setattr(progress, "REFRESH_SECONDS", 3600.0)
    out = Terminal()
    drawn = threading.Event()
    bar = progress.ConsoleProgress("job", total=4, stream=out)
    original = bar._write
    monkeypatch.setattr(bar, "_write", lambda text: (original(text), drawn.set()))
    bar.start()
    assert drawn.wait(60)  # the first frame, drawn once the (zero) delay passed
    bar.finish()
    assert not bar._thread.is_alive()
    frames = out.getvalue()
    assert frames.startswith("\r[job] [") and "0/4 tasks" in frames
    assert frames.endswith("\r")  # the bar is cleared at the end, as Spark clears it


def test_listeners_hear_every_job_once():
    heard = []
    remove = progress.add_job_listener(heard.append)
    try:
        progress.ConsoleProgress("a", stream=io.StringIO()).start().finish()
        progress.ConsoleProgress("b", stream=io.StringIO()).start().finish(failed=True)
    finally:
        remove()
    progress.ConsoleProgress("c", stream=io.StringIO()).start().finish()
    assert [(e.name, e.failed) for e in heard] == [("a", False), ("b", True)]


@pytest.fixture
def slow_df(spark):
    def slow(batches):
        import time

        for b in batches:
            time.sleep(0.05)
            yield b

    return spark.range(0, 10, 1, 2).mapInPandas(slow, "id long")


def test_an_action_off_a_terminal_prints_one_line_on_stderr_only(spark, conf, capfd,
                                                                 monkeypatch, slow_df):
    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)  # every job counts as slow
    conf("dfengine.ui.showProgress", "true")
    assert slow_df.count() == 10
    out, err = capfd.readouterr()
    assert out == ""
    assert "\r" not in err
    lines = [line for line in err.splitlines() if "count at test_progress.py" in line]
    assert len(lines) == 1 and " done: " in lines[0], err


def test_an_action_with_the_bar_drawn_returns_without_waiting_for_a_refresh(
        spark, conf, capfd, monkeypatch, slow_df):
    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)
    monkeypatch.setattr(progress, "REFRESH_SECONDS", 3600.0)
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)
    conf("dfengine.ui.showProgress", "true")
    before = set(threading.enumerate())
    assert slow_df.count() == 10  # would sleep an hour if the end waited for a timer
    assert not [t for t in set(threading.enumerate()) - before if t.name == "dfengine-progress"]
    out, err = capfd.readouterr()
    assert out == ""
    assert "[count at test_progress.py" in err
