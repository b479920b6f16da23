"""A writer process for the commit kill test (run as `python kill_writer.py`).

It imports dfengine once, then serves commands from stdin, one JSON object a line:
    {"path": ..., "mode": "overwrite"|"append", "rows": N, "version": V,
     "kill_at_step": K | null, "kill_after": seconds | null}
For each it forks a child that writes `rows` rows (id, version) with dfengine and is SIGKILLed
either at its K-th filesystem mutation (os.rename/link/replace/remove, the directory swap,
shutil.rmtree: every step of the commit) or after `kill_after` seconds. It answers one JSON
line: {"killed": bool, "steps": number of mutations the write made when not killed}.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import time

os.environ.setdefault("PYARROW_IGNORE_TIMEZONE", "1")

from dfengine.datasource import commit
from dfengine.sql import SparkSession
from dfengine.sql import functions as F

_STEPS = [0]


def _instrument(kill_at: int | None) -> None:
    """Count (and at `kill_at`, die before) each filesystem mutation of the write."""
    def wrap(owner, name):
        real = getattr(owner, name)

        def step(*a, **kw):
            _STEPS[0] += 1
            if kill_at is not None and _STEPS[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*a, **kw)
        setattr(owner, name, step)

    for name in ("rename", "replace", "link", "remove"):
        wrap(os, name)
    wrap(shutil, "rmtree")
    wrap(commit, "_exchange")


def _write(cmd: dict) -> None:
    _instrument(cmd.get("kill_at_step"))
    spark = (SparkSession.builder.master("local[2]")
             .config("dfengine.ui.showProgress", "false").getOrCreate())
    df = spark.range(cmd["rows"], numPartitions=4).withColumn("version",
                                                              F.lit(cmd["version"]))
    df.write.mode(cmd["mode"]).parquet(cmd["path"])
    with open(cmd["path"] + ".steps", "w") as fh:
        fh.write(str(_STEPS[0]))
    os._exit(0)


def main() -> None:
    for line in sys.stdin:
        cmd = json.loads(line)
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            try:
                _write(cmd)
            finally:
                os._exit(3)
        if cmd.get("kill_after") is not None:
            time.sleep(cmd["kill_after"])
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status)
        steps = None
        try:
            with open(cmd["path"] + ".steps") as fh:
                steps = int(fh.read())
            os.remove(cmd["path"] + ".steps")
        except OSError:
            pass
        print(json.dumps({"killed": killed, "steps": steps,
                          "seconds": time.monotonic() - start,
                          "exit": os.WEXITSTATUS(status) if not killed else None}), flush=True)


if __name__ == "__main__":
    main()
