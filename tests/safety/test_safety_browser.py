"""The hostile site in a real browser (Debian's Chromium): no page and no search result runs
a single line of the scripts hidden in the content."""

from __future__ import annotations

import functools
import http.server
import shutil
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TRAP = "window.__ran = []; window.alert = window.confirm = window.prompt = (x) => window.__ran.push(String(x));"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture(scope="module")
def server(hostile) -> Iterator[str]:  # type: ignore[no-untyped-def]
    handler = functools.partial(_Quiet, directory=str(hostile.site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
        httpd.shutdown()


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
        pytest.skip("Debian 的 chromium 未安装（/usr/bin/chromium）")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
        context.add_init_script(TRAP)
        tab = context.new_page()
        tab.dialogs = []
        tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
        tab.foreign = []
        tab.on("request", lambda request: request.url.startswith(server) or tab.foreign.append(request.url))
        yield tab
        browser.close()


def _ran(tab) -> list[str]:  # type: ignore[no-untyped-def]
    return tab.evaluate("window.__ran") + tab.dialogs


def test_no_page_runs_hidden_script(page, server: str, hostile) -> None:  # type: ignore[no-untyped-def]
    pages = sorted(p.relative_to(hostile.site).parent.as_posix() for p in hostile.site.rglob("index.html")
                   if "pagefind" not in p.parts and "handbook" not in p.parts)
    assert len(pages) > 30
    for path in pages:
        page.goto(server + ("" if path == "." else path + "/"), wait_until="load")
        page.mouse.move(10, 200)
        assert not _ran(page), path
    assert not page.foreign


@pytest.mark.parametrize("query", ["alert", "script", "<script>", "onerror", "javascript", "iframe", "ZZ"])
def test_search_results_run_no_hidden_script(page, server: str, query: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}search/?q={quote(query)}", wait_until="load")
    page.wait_for_function("/^(没有)?找到/.test(document.getElementById('search-status').textContent)",
                           timeout=15_000)
    page.wait_for_timeout(300)  # results render after the count
    assert page.locator("#search-results li").count() > 0 or query == "<script>"
    injected = page.locator("#search-results script, #search-results img, #search-results iframe, "
                            "#search-results svg, #search-results [onerror], #search-results [onload]")
    assert injected.count() == 0
    assert not _ran(page)
