"""`python -m dfengine.submit` runs an application embedded (`--master local[N]`)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

APP = textwrap.dedent("""
    import sys
    from dfengine import SparkContext
    from wordtools import normalise

    sc = SparkContext.getOrCreate()
    counts = (sc.textFile(sys.argv[1]).flatMap(lambda l: l.split()).map(normalise)
              .map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b))
    for word, n in sorted(counts.collect()):
        print(f"{word}={n}")
    print("master=" + sc.master)
""")


def write_app(tmp_path):
    (tmp_path / "libs").mkdir()
    (tmp_path / "libs" / "wordtools.py").write_text("def normalise(w):\n    return w.lower()\n")
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "in.txt").write_text("The cat\nthe DOG the\n")
    return tmp_path


def run_submit(tmp_path, master):
    env = dict(os.environ, PYTHONPATH=ROOT, DFENGINE_QUIET="1")
    cmd = [sys.executable, "-m", "dfengine.submit", "--master", master,
           "--py-files", str(tmp_path / "libs" / "wordtools.py"),
           "--conf", "dfengine.ui.showProgress=false",
           str(tmp_path / "app.py"), str(tmp_path / "in.txt")]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(tmp_path),
                          timeout=180, check=False)


def test_submit_local(tmp_path):
    out = run_submit(write_app(tmp_path), "local[2]")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["cat=1", "dog=1", "the=3", "master=local[2]"]


def test_submit_missing_script(tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT)
    out = subprocess.run([sys.executable, "-m", "dfengine.submit", str(tmp_path / "nope.py")],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert out.returncode == 2
    assert "not found" in out.stderr
