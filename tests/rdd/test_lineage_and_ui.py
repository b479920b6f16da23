"""toDebugString, cache reuse, job naming on the dashboard and the progress bar switch."""

from __future__ import annotations

import operator

from dfengine import StorageLevel
from tests.rdd.conftest import _register_by_value

_register_by_value(__name__)


def test_debug_string_shows_stages_like_spark(sc, psc):
    def build(ctx):
        words = ctx.parallelize(["a b", "b c"], 2).flatMap(str.split).map(lambda w: (w, 1))
        return words.reduceByKey(operator.add, 3)

    ours = build(sc).toDebugString().decode()
    theirs = build(psc).toDebugString().decode()
    assert isinstance(build(sc).toDebugString(), bytes)
    ours_lines, their_lines = ours.splitlines(), theirs.splitlines()
    assert [ln.startswith("(3)") for ln in ours_lines][:1] == [True]
    assert any(ln.lstrip().startswith("+-(2)") for ln in ours_lines)
    assert any(ln.lstrip().startswith("+-(2)") for ln in their_lines)
    assert "ShuffledRDD" in ours and "ParallelCollectionRDD" in ours
    assert "reduceByKey at test_lineage_and_ui.py" in ours
    assert ours_lines[-1].startswith("    |  ParallelCollectionRDD")
    assert their_lines[-1].startswith("    |  ParallelCollectionRDD")
    def stages(lines):
        return [ln.split("(")[1].split(")")[0] for ln in lines if "+-(" in ln or ln.startswith("(")]

    assert stages(ours_lines) == stages(their_lines) == ["3", "2"]


def test_persisted_rdd_shows_storage_and_is_reused(sc):
    calls = sc.accumulator(0)

    def f(x):
        calls.add(1)
        return x + 1

    rdd = sc.parallelize(range(10), 2).map(f).persist(StorageLevel.MEMORY_AND_DISK)
    assert rdd.getStorageLevel() == StorageLevel.MEMORY_AND_DISK
    assert "Disk Memory Serialized 1x Replicated" in rdd.toDebugString().decode()
    assert rdd.map(lambda x: x * 2).sum() == 110
    assert "CachedPartitions: 2" in rdd.toDebugString().decode()
    assert rdd.filter(lambda x: x > 5).count() == 5
    assert calls.value == 10
    rdd.unpersist()
    assert not rdd.is_cached


def test_jobs_are_named_after_action_and_call_site(sc, monkeypatch):
    names = []
    runtime = sc._runtime
    original = runtime.submit

    def spy(graph, keys, name=None):
        names.append(name)
        return original(graph, keys, name)

    monkeypatch.setattr(runtime, "submit", spy)
    sc.parallelize([1, 2, 3]).count()
    assert names[-1].startswith("count at test_lineage_and_ui.py:")


def test_progress_bar_switch(spark, sc, conf, capsys, monkeypatch):
    from dfengine.ui import progress

    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)
    slow = sc.parallelize(range(4), 4).map(lambda x: __import__("time").sleep(0.3) or x)
    conf("dfengine.ui.showProgress", "true")
    assert slow.sum() == 6
    shown = capsys.readouterr().err  # the bar goes to stderr
    assert "sum at test_lineage_and_ui.py" in shown
    conf("dfengine.ui.showProgress", "false")
    assert slow.sum() == 6
    assert capsys.readouterr().err == ""


def test_ui_web_url(sc):
    url = sc.uiWebUrl
    assert url is None or url.startswith("http")
