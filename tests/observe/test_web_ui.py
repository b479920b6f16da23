"""The jobs UI in a real headless browser (Debian's chromium + chromium-driver via Selenium):
after a query, the jobs list shows the job, its page shows the stages with task-time
percentiles and shuffle bytes, and the SQL view shows each operator's actual rows. A
screenshot goes to benchmarks/results/jobs_ui-latest.png (git-ignored, so test runs leave the
tree clean; benchmarks/results/jobs_ui.png is a committed copy). Skips, saying why, without a
browser."""

from __future__ import annotations

import json
import shutil
import tempfile
import urllib.request
from pathlib import Path

import pytest

from dfengine.ui.jobs import tracker_for

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1000"]
SCREENSHOT = (Path(__file__).resolve().parents[2] / "benchmarks" / "results"
              / "jobs_ui-latest.png")


def _skip(reason: str) -> None:
    print(f"SKIP browser test: {reason}")
    pytest.skip(reason)


@pytest.fixture
def browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as e:
        _skip(f"selenium is not installed ({e})")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        _skip("chromium and chromium-driver are not installed "
              "(apt-get install -y chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="dfengine-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        opts.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    except Exception as e:  # noqa: BLE001 - a browser that cannot start here: skip, say why
        shutil.rmtree(profile, ignore_errors=True)
        _skip(f"chromium could not start: {type(e).__name__}: {e}")
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _cells(driver, css: str) -> list[list[str]]:
    from selenium.webdriver.common.by import By

    table = driver.find_element(By.CSS_SELECTOR, css)
    return [[c.text for c in tr.find_elements(By.CSS_SELECTOR, "td")]
            for tr in table.find_elements(By.CSS_SELECTOR, "tr")[1:]]


def test_jobs_ui_in_headless_chromium(spark, conf, browser):
    from selenium.webdriver.common.by import By

    conf("spark.sql.autoBroadcastJoinThreshold", "-1")  # a shuffled join: shuffle bytes
    # as planned: adaptive execution would run the join's map stages before this job
    conf("spark.sql.adaptive.enabled", "false")
    a = spark.createDataFrame([(i, i % 7) for i in range(2000)], "k long, g long")
    b = spark.createDataFrame([(i, f"v{i}") for i in range(0, 2000, 3)], "k long, v string")
    a.createOrReplaceTempView("ui_a")
    b.createOrReplaceTempView("ui_b")
    spark.sparkContext.setJobDescription("ui join test")
    try:
        rows = spark.sql("SELECT g, count(*) AS n FROM ui_a JOIN ui_b USING (k) "
                         "GROUP BY g ORDER BY g").collect()
    finally:
        spark.sparkContext.setJobDescription(None)
    assert sum(r.n for r in rows) == 667
    job = list(tracker_for(spark._runtime).jobs.values())[-1]
    url = spark.sparkContext.jobsUiUrl

    browser.get(url)
    jobs = _cells(browser, "table.jobs")
    mine = [r for r in jobs if r[0] == str(job.job_id)]
    assert mine and mine[0][1].startswith("ui join test") and mine[0][5] == "SUCCEEDED"
    browser.find_element(By.LINK_TEXT, "ui join test").click()
    assert "ui_a JOIN ui_b" in browser.find_element(By.CSS_SELECTOR, "pre.sql").text
    stages = _cells(browser, "table.stages")
    assert len(stages) == len(job.stages)
    assert all(r[2] == f"{n}/{n}" for r, n in zip(stages, (s.num_tasks for s in
                                                            job.stages.values())))
    assert any("split" in r[1] and r[11] != "0 B" for r in stages)  # shuffle write
    assert any(r[10] != "0 B" for r in stages)  # shuffle read
    assert all(r[3].endswith(("ms", " s")) for r in stages)  # task time percentiles
    plan = _cells(browser, "table.plan")
    assert [r[1] for r in plan] == [str(m.rows) for m in job.operators]
    assert plan[0][1] == "7" and any("ShuffledHashJoin" in r[0] for r in plan)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOT))
    with urllib.request.urlopen(url + "api/jobs") as r:
        api = json.loads(r.read())
    assert api[-1]["jobId"] == job.job_id and api[-1]["operators"][0]["rows"] == 7
