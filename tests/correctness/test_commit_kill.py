"""SIGKILL a writer at every step of its commit (and at random times while it writes): the
target must always hold exactly the old version or exactly the new one, with `_SUCCESS`, and
the leftovers of killed writers must be gone after the next write.

The writer is a separate process (tests/correctness/kill_writer.py) that imports dfengine
once and forks one child per write; the state is checked with pyarrow alone. By default the
test runs 3 random-time kills plus one kill at every filesystem step of an overwrite and an
append of 200k rows (about 30 kill points); DFENGINE_KILL_ROWS=3000000 and
DFENGINE_KILL_RANDOM=20 give the full run (57 kill points) quoted in
docs/correctness.md.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

ROWS = int(os.environ.get("DFENGINE_KILL_ROWS", "200000"))
RANDOM_KILLS = int(os.environ.get("DFENGINE_KILL_RANDOM", "3"))
APPEND_ROWS = max(ROWS // 10, 1000)


class Writer:
    def __init__(self) -> None:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("kill_writer.py"))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)

    def run(self, **cmd) -> dict:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "the writer process died"
        return json.loads(line)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def versions(path: Path) -> Counter:
    """Rows per version in the target, read with pyarrow; asserts the target is complete
    and holds no row twice."""
    import pyarrow as pa
    import pyarrow.compute as pc

    assert (path / "_SUCCESS").exists(), f"{path} has no _SUCCESS: {sorted(os.listdir(path))}"
    tables = [pq.read_table(f) for f in sorted(path.iterdir())
              if not f.name.startswith(("_", "."))]
    if not tables:
        return Counter()
    t = pa.concat_tables(tables)
    key = pc.add(pc.multiply(t.column("version").cast(pa.int64()), 2**40), t.column("id"))
    assert pc.count_distinct(key).as_py() == t.num_rows, "duplicated rows after a killed write"
    counts = pc.value_counts(t.column("version")).to_pylist()
    return Counter({c["values"]: c["counts"] for c in counts})


def leftovers(path: Path) -> list[str]:
    return [e for e in os.listdir(path.parent)
            if e.startswith(f".{path.name}.") and not e.endswith("dfengine-lock")]


@pytest.fixture(scope="module")
def writer():
    w = Writer()
    yield w
    w.close()


def test_killed_overwrites_leave_old_or_new(writer, tmp_path):
    path = tmp_path / "t"
    writer.run(path=str(path), mode="overwrite", rows=ROWS, version=0)
    out = writer.run(path=str(path), mode="overwrite", rows=ROWS, version=1)
    assert not out["killed"] and out["exit"] == 0, out
    steps, seconds = out["steps"], out["seconds"]
    assert steps and steps >= 2
    current, version, outcomes = {1: ROWS}, 1, Counter()
    plan = [("step", k) for k in range(1, steps + 2)] + [
        ("time", random.Random(k).uniform(0.5, 1.1) * seconds) for k in range(RANDOM_KILLS)]
    for kind, at in plan:
        version += 1
        out = writer.run(path=str(path), mode="overwrite", rows=ROWS, version=version,
                         kill_at_step=at if kind == "step" else None,
                         kill_after=at if kind == "time" else None)
        got = dict(versions(path))
        assert got in (current, {version: ROWS}), (kind, at, got, current)
        current = got
        outcomes["new" if version in got else "old"] += 1
    writer.run(path=str(path), mode="overwrite", rows=10, version=version + 1)
    assert dict(versions(path)) == {version + 1: 10}
    assert leftovers(path) == []
    assert outcomes["new"] >= 1  # the plan reaches past the commit
    print(f"overwrite kill points: {len(plan)} ({dict(outcomes)}), partial states: 0")


def test_killed_appends_publish_all_or_nothing(writer, tmp_path):
    path = tmp_path / "a"
    writer.run(path=str(path), mode="overwrite", rows=APPEND_ROWS, version=0)
    out = writer.run(path=str(path), mode="append", rows=APPEND_ROWS, version=1)
    steps = out["steps"] + 4  # the next appends link one more generation of files
    version, landed = 1, 2
    plan = [("step", k) for k in range(1, steps + 1)] + [
        ("time", random.Random(100 + k).uniform(0.5, 1.1) * out["seconds"])
        for k in range(RANDOM_KILLS)]
    for kind, at in plan:
        version += 1
        writer.run(path=str(path), mode="append", rows=APPEND_ROWS, version=version,
                   kill_at_step=at if kind == "step" else None,
                   kill_after=at if kind == "time" else None)
        got = versions(path)
        assert set(got.values()) == {APPEND_ROWS}, (kind, at, got)  # none or all of each
        landed = len(got)
    writer.run(path=str(path), mode="append", rows=APPEND_ROWS, version=version + 1)
    assert len(versions(path)) == landed + 1
    assert leftovers(path) == []
    print(f"append kill points: {len(plan)}, partial states: 0")
