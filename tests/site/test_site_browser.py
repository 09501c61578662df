"""The built site in a real browser (Debian's Chromium via Playwright): rendering, Chinese
search, no sideways scrolling at 375 px, the 大字 switch, no request off this machine, and
axe-core finding no serious accessibility problem."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitetools import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_KINDS = [
    "", "activities/", "activities/2026-08-15-loudao-qingli/", "activities/month/2026-09/",
    "stars/", "stars/building/zaiyunqiao-tianrun-b1/", "stars/rules/", "wishes/", "wishes/radio/",
    "meetings/", "meetings/2026-09-20-lianxi/", "people/", "people/chen-guoqiang/",
    "organisation/", "organisation/zaiyunqiao/", "pairing/", "pairing/caizhengju/", "groups/nuanxin/",
    "bulletins/", "bulletins/2026-09/", "data/", "search/?q=楼道",
    "handbook/", "handbook/activity/", "handbook/privacy/",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@contextmanager
def _serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
        httpd.shutdown()


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    """The fixture site on a free localhost port (plain http.server, like any static host)."""
    with _serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def shipped_server(shipped_site: Path) -> Iterator[str]:
    with _serve(shipped_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
        pytest.skip("Debian 的 chromium 未安装（/usr/bin/chromium）")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
    yield context.new_page()
    context.close()


def test_home_page_renders(phone, server: str) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    phone.goto(server)
    assert phone.title() == "邵武近邻党建"
    assert phone.locator("h1").first.inner_text() == "远亲不如近邻"
    assert phone.locator(".figure").count() == 4
    assert phone.locator(".activity-card").count() == 6
    assert not errors


def _search(page, server: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(server + "search/?q=" + query)
    page.wait_for_function("/找到|没有/.test(document.querySelector('#search-status').textContent)",
                           timeout=15_000)
    total = int(re.search(r"找到 (\d+) 条", page.inner_text("#search-status") + "找到 0 条").group(1))
    page.wait_for_function("n => document.querySelectorAll('#search-results li').length >= Math.min(n, 20)",
                           arg=total, timeout=15_000)
    while page.locator("#search-more").count():
        shown = page.locator("#search-results li").count()
        page.click("#search-more")
        page.wait_for_function("n => document.querySelectorAll('#search-results li').length > n",
                               arg=shown, timeout=15_000)
    return page.locator("#search-results li a").all_inner_texts()


def test_chinese_search_finds_the_corridor_activities(phone, server: str) -> None:  # type: ignore[no-untyped-def]
    titles = _search(phone, server, "楼道")
    assert {"天润小区楼道清理志愿活动", "重阳敬老楼道茶话会"} <= set(titles)
    assert "找到" in phone.locator("#search-status").inner_text()
    phone.locator("#search-results li a", has_text="楼道清理").first.click()
    phone.wait_for_url("**/activities/2026-08-15-loudao-qingli/")


@pytest.mark.parametrize("query", ["楼道", "星级楼栋", "帮帮团"])
def test_search_in_the_shipped_content_finds_every_matching_title(phone, shipped_server: str,  # type: ignore[no-untyped-def]
                                                                   query: str) -> None:
    from sitetools import SHIPPED_CONTENT

    from generator.model.public import PublicView
    from generator.project import require_content

    view = PublicView(require_content(SHIPPED_CONTENT)[0])
    wanted = {a.title for a in view.activities if query in a.title}
    assert wanted, "the sample content should have such activities"
    assert wanted <= set(_search(phone, shipped_server, query))


def test_names_are_found(phone, server: str) -> None:  # type: ignore[no-untyped-def]
    assert "陈国强" in _search(phone, server, "陈国强")


def test_search_filters_narrow_the_results(phone, server: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(server + "search/?q=楼道")
    phone.locator("#search-results li").first.wait_for(timeout=15_000)
    everything = phone.locator("#search-results li").count()
    phone.select_option("select[name='社区']", "三里亭社区")
    phone.wait_for_function("document.querySelector('#search-status').textContent.includes('找到')"
                            " || document.querySelector('#search-status').textContent.includes('没有')")
    assert phone.locator("#search-results li").count() < everything


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_no_page_scrolls_sideways_on_a_phone(phone, server: str, path: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(server + path)
    for large in (False, True):
        if large:
            phone.click("#big-text")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, large, width)


def test_big_text_switch_enlarges_and_is_remembered(phone, server: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(server + "activities/2026-08-15-loudao-qingli/")
    size = "parseFloat(getComputedStyle(document.querySelector('.prose p')).fontSize)"
    assert phone.evaluate(size) >= 18
    phone.click("#big-text")
    assert phone.evaluate(size) >= 24
    assert phone.get_attribute("#big-text", "aria-pressed") == "true"
    phone.goto(server + "wishes/")
    assert phone.evaluate("document.documentElement.classList.contains('large')")
    assert phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 24


def test_no_request_leaves_this_machine(phone, server: str) -> None:  # type: ignore[no-untyped-def]
    hosts: set[str] = set()
    phone.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    for path in ("", "activities/2026-08-15-loudao-qingli/", "people/chen-guoqiang/", "search/?q=楼道"):
        phone.goto(server + path, wait_until="networkidle")
    phone.locator("#search-results li").first.wait_for(timeout=15_000)
    assert hosts == {urlsplit(server).netloc}


@pytest.mark.parametrize("path", ["", "activities/2026-08-15-loudao-qingli/", "handbook/privacy/"])
def test_axe_finds_no_serious_problem(browser, server: str, path: str) -> None:  # type: ignore[no-untyped-def]
    if not AXE.exists():
        pytest.skip("axe-core 未安装：请运行 scripts/install-browser-test-deps.sh")
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(server + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        context.close()
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, (path, width, bad)


def test_touch_targets_are_large_enough(phone, server: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(server)
    small = phone.evaluate("""() => [...document.querySelectorAll(
        '.site-head a, .site-head button, .menu summary, .button, .chips a, .pager a, .footer a')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e.textContent.trim(), e.getBoundingClientRect().height])
        .filter(([, h]) => h < 44)""")
    assert not small
