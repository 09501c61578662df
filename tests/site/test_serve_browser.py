"""``jinlin serve`` in a real browser: a broken file turns every open page into the list of
problems by itself, and fixing it brings the real pages back by themselves (live reload).

The server is the real command in a subprocess on a free port, with a copy of the small
fixture content; it is always stopped (Ctrl+C, then killed), and the test is bounded in
time: every wait has a timeout and a watchdog kills the server after a minute.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitetools import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ACTIVITY = "activities/2026/10/2026-10-10-loudao-qingli.yml"
LIMIT = 60
"""Seconds the whole test may take before the server is killed."""
WAIT = 20_000
"""Milliseconds to wait for one rebuild to reach the browser."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("jinlin serve 退出了：\n" + log.read_text(encoding="utf-8", errors="replace"))
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail("jinlin serve 没有启动：\n" + log.read_text(encoding="utf-8", errors="replace"))


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl+C first (serve then removes its temporary site folder), kill if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def served(mini_content: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``jinlin serve`` on a free port for a copy of tests/fixtures/mini: (address, content)."""
    url = f"http://127.0.0.1:{_free_port()}/"
    log = tmp_path / "serve.log"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "JINLIN_CACHE": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "generator.cli", "serve", "--content", str(mini_content),
               "--dev-addr", url[7:-1]]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    watchdog = threading.Timer(LIMIT, process.kill)
    watchdog.start()
    try:
        _wait_until_up(url, process, log)
        yield url, mini_content
    finally:
        watchdog.cancel()
        _stop(process)


@pytest.fixture
def browser() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian 的 chromium 未安装（/usr/bin/chromium）")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def test_broken_file_shows_the_problems_and_fixing_it_reloads_the_page(served, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    url, content = served
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
    record, home = context.new_page(), context.new_page()
    record.goto(url + "activities/2026-10-10-loudao-qingli/")
    home.goto(url)
    expect(record.locator("h1")).to_have_text("天润小区楼道清理")

    file = content / ACTIVITY
    good = file.read_text(encoding="utf-8")
    file.write_text(good.replace("date: 2026-10-10", "date: 11月3日"), encoding="utf-8")
    for page in (record, home):  # no goto, no reload: the pages change by themselves
        expect(page.locator("h1")).to_contain_text("内容有 1 处错误", timeout=WAIT)
        expect(page.locator("main")).to_contain_text(f"content/{ACTIVITY}:3:7")
        expect(page.locator("main")).to_contain_text("日期格式不对：“11月3日”")
        expect(page.locator(".hint")).to_contain_text("保存文件后页面会自动刷新")
    _screenshot(record, "serve-error-page")
    assert record.evaluate("document.documentElement.scrollWidth") <= 375

    file.write_text(good, encoding="utf-8")
    expect(record.locator("h1")).to_have_text("天润小区楼道清理", timeout=WAIT)
    expect(home.locator(".brand-name")).to_have_text("邵武近邻党建", timeout=WAIT)
    context.close()


def _screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Keep a picture for people to look at when ``JINLIN_SHOTS`` names a folder."""
    folder = os.environ.get("JINLIN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_error_page_fits_a_phone_and_has_no_serious_accessibility_problem(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from generator.errors import Problem, Severity
    from generator.site.errorpage import ContentFolder, render_error_page

    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    problems = [Problem(f"content/{ACTIVITY}", 3, 7, "日期格式不对：“11月3日”，应写成 YYYY-MM-DD", "date"),
                Problem("content/ratings/2026-10/tianrun-demo.yml", 22, 7, "楼栋“3”本月只有 1 次抽查，细则要求 3 次",
                        "buildings[2].inspections", severity=Severity.WARNING)]
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.set_content(render_error_page(problems, ContentFolder(tmp_path, "content")))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.message')).fontSize)") >= 20
    if axe.exists():
        page.add_script_tag(path=str(axe))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        assert not [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    page.close()
