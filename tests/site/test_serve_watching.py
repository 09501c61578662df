"""``serve`` watches with the system's file events: a save starts a rebuild at once, and a
build reading the saved file does not start another one."""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from generator.site.watching import watch_natively


def _wait(server: LiveReloadServer, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server._want_rebuild:
            return True
        time.sleep(0.02)
    return False


def test_a_save_is_seen_at_once_and_reading_is_not_a_change(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    record = content / "a.yml"
    record.write_text("title: 甲\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(content))
    assert watch_natively(server, [content])
    assert type(server.observer).__name__ == "ChangesOnly"
    assert list(server._watched_paths) == [str(content)]  # what MkDocs watched is still watched
    server.observer.start()
    try:
        time.sleep(0.2)
        record.read_text(encoding="utf-8")  # a build reads the file
        assert not _wait(server, 0.5)
        started = time.monotonic()
        record.write_text("title: 乙\n", encoding="utf-8")  # staff save it
        assert _wait(server, 2.0)
        assert time.monotonic() - started < 0.5  # polling would take up to half a second
    finally:
        server.observer.stop()
        server.observer.join()
