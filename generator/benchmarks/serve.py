"""How long an edit takes to reach the preview: ``jinlin serve`` at city scale, one
activity's title changed on disk (three times, one after another), the activity's address
polled until the new title is served (the browser's live reload asks for the page at that
moment too)."""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

STARTUP_LIMIT = 900.0
EDIT_LIMIT = 120.0


EDITS = 3
"""Edits timed one after another in one ``serve`` session (the figure is their median)."""


@dataclass(frozen=True)
class PreviewTiming:
    """Seconds until the first preview is up, and from saving each edit to seeing it."""

    first_build: float
    edits: tuple[float, ...]

    @property
    def edit_shown(self) -> float:
        """The median of :attr:`edits`."""
        return statistics.median(self.edits)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (OSError, urllib.error.URLError):
        return None


def _wait_for(url: str, text: str, limit: float, process: subprocess.Popen[bytes]) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if process.poll() is not None:
            raise RuntimeError("jinlin serve 意外退出")
        page = _fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    raise RuntimeError(f"{limit:.0f} 秒内没有看到“{text}”：{url}")


def edit_to_preview(root: Path, activity: Path, url_path: str, edits: int = EDITS) -> PreviewTiming:
    """Start ``jinlin serve`` in project ``root``, wait for ``url_path``, then ``edits``
    times change the title in ``activity`` and time until the page shows it (a second's
    pause between edits, as between two saves); the file is restored."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{url_path}"
    original = activity.read_text(encoding="utf-8")
    title = next(line for line in original.splitlines() if line.startswith("title:"))
    log = (root / "serve-bench.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--content", "content",
                                "--dev-addr", f"127.0.0.1:{port}"], cwd=root, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        first = _wait_for(url, title.split(":", 1)[1].strip(), STARTUP_LIMIT, process)
        shown = []
        for number in range(1, edits + 1):
            time.sleep(1.0)  # let the watcher settle after the last build
            new_title = f"{title.split(':', 1)[1].strip()}（预览测速{number}）"
            activity.write_text(original.replace(title, f"title: {new_title}", 1), encoding="utf-8")
            shown.append(_wait_for(url, new_title, EDIT_LIMIT, process))
        return PreviewTiming(first, tuple(shown))
    finally:
        activity.write_text(original, encoding="utf-8")
        _stop(process)
        log.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
