"""The render workers are forked from a fork server that imported WeasyPrint once
(generator.print.workers, generator.print.preload)."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest

from generator.print import workers

pytestmark = pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc (Linux)")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_workers_come_from_a_server_that_imported_weasyprint_and_ignore_ctrl_c() -> None:
    with workers._pool(2) as pool:
        parents = {pool.submit(os.getppid).result(timeout=120) for _ in range(4)}
        handlers = {pool.submit(signal.getsignal, signal.SIGINT).result(timeout=120) for _ in range(4)}
    [server] = parents
    assert server != os.getpid(), "forked from the server, not from this process"
    # the server loaded Pango (WeasyPrint's import) and has used no font: no fontconfig cache mapped
    maps = Path(f"/proc/{server}/maps").read_text()
    assert "libpango" in maps
    assert not re.search(r"\.cache-\d+$", maps, re.M), "fontconfig's caches are the workers' own"
    assert handlers == {signal.SIG_IGN}, "Ctrl-C is for the main process only"
    # a second pool forks from the same server, at once
    with workers._pool(1) as pool:
        assert pool.submit(os.getppid).result(timeout=120) == server
    workers.stop_render_server()
    assert not _alive(server), "stopped and waited for: nothing left behind, not even a zombie"
    workers.stop_render_server()  # again: nothing to do


def test_a_pool_after_the_server_stopped_starts_another(tmp_path: Path) -> None:
    with workers._pool(1) as pool:
        first = pool.submit(os.getppid).result(timeout=120)
    workers.stop_render_server()
    with workers._pool(1) as pool:
        second = pool.submit(os.getppid).result(timeout=120)
    workers.stop_render_server()
    assert first != second and not _alive(first) and not _alive(second)
