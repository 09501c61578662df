"""The render workers are forked from a fork server that imported WeasyPrint once
(generator.print.workers, generator.print.preload)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
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
    with workers.render_pool(2) as pool:
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
    with workers.render_pool(1) as pool:
        assert pool.submit(os.getppid).result(timeout=120) == server
    workers.stop_render_server()
    assert not _alive(server), "stopped and waited for: nothing left behind, not even a zombie"
    workers.stop_render_server()  # again: nothing to do


def test_a_pool_after_the_server_stopped_starts_another(tmp_path: Path) -> None:
    with workers.render_pool(1) as pool:
        first = pool.submit(os.getppid).result(timeout=120)
    workers.stop_render_server()
    with workers.render_pool(1) as pool:
        second = pool.submit(os.getppid).result(timeout=120)
    workers.stop_render_server()
    assert first != second and not _alive(first) and not _alive(second)


def test_a_changed_environment_gets_a_new_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers inherit the server's environment (fonts, locale), not this process's; pytest's
    own variable, which changes at every phase of every test, starts no server."""
    with workers.render_pool(1) as pool:
        first = pool.submit(os.getppid).result(timeout=120)
    monkeypatch.setenv("PYTEST_CURRENT_TEST", "another phase")
    with workers.render_pool(1) as pool:
        assert pool.submit(os.getppid).result(timeout=120) == first
    monkeypatch.setenv("JINLIN_TEST_FONTCONFIG", "other")
    with workers.render_pool(1) as pool:
        second = pool.submit(os.getppid).result(timeout=120)
        seen = pool.submit(os.getenv, "JINLIN_TEST_FONTCONFIG").result(timeout=120)
    assert second != first and not _alive(first)
    assert seen == "other"
    workers.stop_render_server()


def test_a_worker_left_alive_does_not_hang_the_stop() -> None:
    """The server ends once its last worker has; one left behind (a pool never shut down)
    must not keep the exit waiting."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=1, mp_context=workers.render_context())
    try:
        server = pool.submit(os.getppid).result(timeout=120)
        stopping = threading.Thread(target=workers.stop_render_server, kwargs={"wait": 0.5}, daemon=True)
        stopping.start()
        stopping.join(timeout=30)
        assert not stopping.is_alive(), "the stop waited for the worker"
        assert not _alive(server)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def test_forget_for_exit_leaves_nothing_behind_an_os_exit(tmp_path: Path) -> None:
    """What generator.cli._end_now does before os._exit: no server, no temporary folder."""
    code = ("import os, sys\n"
            "from generator.print import workers\n"
            "with workers.render_pool(1) as pool:\n"
            "    print(pool.submit(os.getppid).result(timeout=120), flush=True)\n"
            "workers.forget_for_exit()\n"
            "os._exit(0)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "TMPDIR": str(tmp_path)}, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "resource_tracker" not in done.stderr, done.stderr
    assert not _alive(int(done.stdout.split()[0])), "the fork server was stopped"
    assert list(tmp_path.glob("pymp-*")) == [], "multiprocessing's folder is gone"


def test_a_worker_that_cannot_start_is_reported_in_chinese() -> None:
    """The fork server gone while a month is handed over: the build stops with a message
    naming the month, not a traceback."""
    import datetime as dt
    from concurrent.futures import ProcessPoolExecutor

    from generator.errors import BuildError
    from generator.print.pdf import RenderJob

    class Gone(ProcessPoolExecutor):
        def submit(self, *args: object, **kwargs: object) -> object:
            raise EOFError

    job = RenderJob(html="<p>x</p>", target="unused.pdf", pdf_variant="pdf/a-3b", id_prefix="b2026-10",
                    date=dt.date(2026, 10, 31), document_id="test")
    with Gone(max_workers=1) as pool, pytest.raises(BuildError, match="无法启动生成工作简报的子进程（2026-10）"):
        workers._in_pool(pool, iter([job]))


def test_no_server_means_spawn(monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing import forkserver

    def refuse() -> None:
        raise OSError("no socket here")

    workers.stop_render_server()
    monkeypatch.setattr(forkserver, "ensure_running", refuse)
    assert workers.render_context().get_start_method() == "spawn"


@pytest.mark.slow
def test_a_finished_build_leaves_no_process_and_no_temporary_folder(tmp_path: Path) -> None:
    """``jinlin build`` ends with ``os._exit`` (see generator.cli._end_now): the fork server
    must still be stopped and multiprocessing's temporary folder (its socket's) removed."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    content = Path(__file__).resolve().parents[1] / "fixtures" / "site-content"
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", "--content", str(content), "--site-dir",
         str(tmp_path / "site")],
        cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(temporary), "JINLIN_CACHE": str(tmp_path / "cache")},
        start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and "resource_tracker" not in stderr, stderr
    assert list((tmp_path / "site" / "bulletins").glob("*.pdf")), "bulletins were rendered"
    assert list(temporary.glob("pymp-*")) == [], "multiprocessing's folder is gone"
    deadline = time.monotonic() + 10  # an orphan is reparented and may take a moment to exit
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    left = subprocess.run(["ps", "-o", "pid,args", "-g", str(process.pid)], capture_output=True, text=True).stdout
    pytest.fail(f"a process of the build outlived it:\n{left}")
