"""PySpark's answers recorded in a file, for checks that ask the oracle hundreds of small
questions (each a JVM round trip of ~0.1 s): the suite must stay within its CI time budget.

The answers are PySpark's own, recorded by running the same calls: a key missing from the file
is asked of PySpark live (so a new case is still checked), and
`DFENGINE_REFRESH_ORACLE=1 python -m pytest <test>` asks PySpark every question again and
rewrites the file (do it after a PySpark upgrade)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

RECORDED = Path(__file__).resolve().parent / "recorded"


def refreshing() -> bool:
    return os.environ.get("DFENGINE_REFRESH_ORACLE") == "1"


class RecordedOracle:
    """Answers by key from `tests/recorded/<name>.json`; `ask` runs PySpark for a missing key."""

    def __init__(self, name: str, ask: Callable[[str], Any]):
        self.path = RECORDED / f"{name}.json"
        self.ask = ask
        self.answers: dict[str, Any] = {}
        if self.path.exists() and not refreshing():
            self.answers = json.loads(self.path.read_text())
        self.asked: list[str] = []

    def __call__(self, key: str) -> Any:
        if key not in self.answers:
            self.answers[key] = self.ask(key)
            self.asked.append(key)
        return self.answers[key]

    def save(self) -> None:
        """Rewrites the file when refreshing (sorted keys: small diffs on a refresh)."""
        if refreshing() and self.asked:
            self.path.parent.mkdir(exist_ok=True)
            self.path.write_text(json.dumps(self.answers, indent=1, sort_keys=True) + "\n")
