"""`rdd.pipe(command)`: stream a partition's records through an external process."""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Iterable


class PipeCommand:
    def __init__(self, command: str, env: dict, check_code: bool):
        self.command, self.env, self.check_code = command, env, check_code

    def __call__(self, split: int, it: Iterable) -> list[str]:
        import os

        env = dict(os.environ, **{str(k): str(v) for k, v in self.env.items()})
        data = "".join(f"{x}\n" for x in it).encode("utf-8")
        proc = subprocess.run(shlex.split(self.command), input=data, capture_output=True, env=env,
                              check=False)
        if self.check_code and proc.returncode:
            raise RuntimeError(f"Pipe function `{self.command}` exited with error code "
                               f"{proc.returncode}")
        return proc.stdout.decode("utf-8").rstrip("\n").split("\n") if proc.stdout else []
