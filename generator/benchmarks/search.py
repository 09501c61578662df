"""How much of the Pagefind index the browser downloads for the first search.

The built site is served by a plain ``http.server`` (like any static host); Debian's
Chromium opens ``search/?q=…`` and every response under ``pagefind/`` is counted, from
the page load until the first results are on screen.
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class SearchTransfer:
    """Bytes of Pagefind files fetched for one first search, and the results shown."""

    query: str
    bytes: int
    files: int
    results: int

    @property
    def kib(self) -> float:
        return self.bytes / 1024


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@contextmanager
def serve_folder(site: Path) -> Iterator[str]:
    """``site`` on a free localhost port, as a static host would serve it."""
    handler = functools.partial(_Quiet, directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}/"
        finally:
            httpd.shutdown()


def first_search_transfer(site: Path, query: str = "楼道") -> SearchTransfer:
    """Open the search page of ``site`` with ``query`` in a fresh browser; count the
    Pagefind bytes downloaded until the results appear."""
    from playwright.sync_api import sync_playwright

    fetched: set[str] = set()
    with serve_folder(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(locale="zh-CN").new_page()
            page.on("requestfinished", lambda request: fetched.add(request.url))
            page.goto(f"{base}search/?q={quote(query)}")
            page.wait_for_function("/找到|没有/.test(document.querySelector('#search-status').textContent)",
                                   timeout=60_000)
            # the count comes first, the results a moment later (Pagefind fetches their fragments)
            page.wait_for_function("document.querySelector('#search-status').textContent.includes('没有')"
                                   " || document.querySelectorAll('#search-results li').length > 0", timeout=60_000)
            page.wait_for_load_state("networkidle")
            results = page.locator("#search-results li").count()
        finally:
            browser.close()
    files = _bundle_files(site, fetched)
    return SearchTransfer(query, sum(f.stat().st_size for f in files), len(files), results)


def _bundle_files(site: Path, urls: set[str]) -> list[Path]:
    """The files of either search bundle behind the fetched ``urls``: a plain static server
    sends each file's bytes as they are on disk (reading response bodies in the request
    handler raced with closing the browser and lost some)."""
    found = []
    for url in urls:
        path = urlsplit(url).path.lstrip("/")
        if path.split("/", 1)[0] in ("pagefind", "pagefind-delta"):
            found.append(site / unquote(path))
    return [f for f in found if f.is_file()]
