"""Where bulletins are rendered: in this process, or in a pool of worker processes.

A city year is a dozen renders of a few seconds each; on two cores the costs that are not
the render itself decide the wall time, so:

* the pool is started before the months are prepared when a cold run is expected (the
  workers come up while this process derives the public view), otherwise only once a
  second month needs rendering — one changed month renders here, without paying for
  starting a process;
* the workers are forked from a *fork server* that imported WeasyPrint once
  (:mod:`.preload`), instead of each importing it in a fresh Python (*spawn*): 1.2–1.4 s
  of CPU saved per worker. The server lives as long as this process, so a second pool
  (the honours after the bulletins) forks at once; it is started again when the
  environment changed (its workers would inherit the old one), and it is stopped and
  waited for at exit (:func:`stop_render_server`), its CPU counted with this process's;
* jobs are consumed lazily: the first renders run while later months are still prepared;
* each worker is reused for every month it gets, the font files copied once
  (:mod:`.fontfiles`), and after every render the surviving objects (WeasyPrint's and
  fontconfig's caches, the modules) are frozen out of the garbage collector, which then
  skips them; during a render the collector is off and runs once at the end (it found
  nothing to free mid-render, and scanning cost a tenth of the render).

Workers forked from a process that has rendered with Pango crash WeasyPrint (#684): the
fork server only imports. Where there is no fork server (not on Linux or macOS), or it
cannot start, *spawn*.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import chain, islice

from generator.errors import BuildError
from generator.print.pdf import RenderJob, RenderResult, render_job
from generator.signals import workers_ignore_ctrl_c


def run_jobs(jobs: Iterable[RenderJob], workers: int, *, expected: int = 0) -> list[RenderResult]:
    """Render ``jobs`` in order and return their results in the same order. ``expected``
    is how many jobs the caller foresees: two or more start the pool at once."""
    if workers > 1 and expected > 1:
        with render_pool(workers) as pool:
            return _in_pool(pool, iter(jobs))
    pending = iter(jobs)
    first = list(islice(pending, 2))
    if workers <= 1 or len(first) <= 1:
        return [_guarded(job) for job in chain(first, pending)]
    with render_pool(workers) as pool:
        return _in_pool(pool, chain(first, pending))


@contextmanager
def render_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` render processes, all started now (the bulletins' and the
    honours'): forked from the fork server, else spawned with Ctrl-C ignored."""
    context = render_context()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_up)
    starter = None
    if context.get_start_method() == "forkserver":
        # a fork waits for the server's imports: start the workers aside, so that this
        # process prepares the first month meanwhile (its first submit waits for them);
        # they ignore Ctrl-C as the server does
        starter = threading.Thread(target=_start, args=(pool, workers), name="jinlin-render-pool", daemon=True)
        starter.start()
    else:
        with workers_ignore_ctrl_c():  # Ctrl-C stops the build, not each worker with a traceback
            _start(pool, workers)
    try:
        yield pool
    finally:
        if starter is not None:
            starter.join()  # no worker started after the shutdown below counted them
        pool.shutdown(wait=True)


def _start(pool: ProcessPoolExecutor, workers: int) -> None:
    """Make the pool start all its processes now (it starts them on submit)."""
    for _ in range(workers):
        try:
            pool.submit(_started)
        except Exception:  # noqa: BLE001 - shut down meanwhile, or no worker could start:
            return  # this process's next submit meets the same failure and reports it


_SERVER_ENVIRONMENT: tuple[tuple[str, str], ...] | None = None
"""The environment :func:`render_context` last ensured the server with (``None``: not
since it was last stopped)."""
_STOP_AT_EXIT = False
_SERVER_LOCK = threading.RLock()
"""Held while the server is checked, started or stopped."""
VOLATILE = frozenset({"PYTEST_CURRENT_TEST"})
"""Variables that change without changing anything for a render (pytest's, per phase)."""


def _environment() -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in os.environ.items() if k not in VOLATILE))


def render_context() -> multiprocessing.context.BaseContext:
    """The fork server's context, its server started (it imports :mod:`.preload` while the
    caller goes on), or *spawn* where there is none or it cannot start."""
    global _SERVER_ENVIRONMENT, _STOP_AT_EXIT
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from multiprocessing import forkserver

    with _SERVER_LOCK:
        environment = _environment()
        if _SERVER_ENVIRONMENT is not None and environment != _SERVER_ENVIRONMENT:
            # workers are forked from the server with its environment (fonts, locale), not
            # this process's; their import path and folder are set from this process's
            stop_render_server()
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["generator.print.preload"])
        try:
            # the server inherits an ignored Ctrl-C (as do the workers it forks): while it
            # imports, a Ctrl-C would print its traceback. From a thread no handler can be
            # set (``mkdocs serve`` renders no PDF); there the window is the server's start.
            with workers_ignore_ctrl_c():
                forkserver.ensure_running()
        except OSError:  # no socket (a read-only temporary folder, a path too long)
            return multiprocessing.get_context("spawn")
        _SERVER_ENVIRONMENT = environment
        if not _STOP_AT_EXIT:
            _STOP_AT_EXIT = True
            atexit.register(stop_render_server)
    return context


STOP_WAIT = 10.0
"""Seconds the fork server is given to end after it is asked to (it ends once its last
worker has); then it is killed."""


def stop_render_server(wait: float = STOP_WAIT) -> None:
    """Stop the fork server :func:`render_context` ensured and wait for it (it ends once
    its workers have, which pools wait for), so that its CPU and theirs count as this
    process's; after ``wait`` seconds it is killed (a worker of an interrupted pool would
    keep it waiting; that worker then ends with its pool). Idempotent; the next pool starts
    a new server."""
    global _SERVER_ENVIRONMENT
    from multiprocessing import forkserver, util

    with _SERVER_LOCK:
        server = getattr(forkserver, "_forkserver", None)
        if _SERVER_ENVIRONMENT is None or server is None:
            return
        _SERVER_ENVIRONMENT = None
        names = ("_lock", "_forkserver_pid", "_forkserver_alive_fd", "_forkserver_address")
        if not all(hasattr(server, name) for name in names):  # another Python's fork server
            getattr(server, "_stop", lambda: None)()
            return
        with server._lock:
            pid, alive, address = server._forkserver_pid, server._forkserver_alive_fd, server._forkserver_address
            if pid is None or alive is None:
                return
            server._forkserver_pid = server._forkserver_alive_fd = server._forkserver_address = None
            os.close(alive)  # the server ends when no process holds this pipe open any more
            _reap(pid, wait)
        if address and not util.is_abstract_socket_namespace(address):
            try:
                os.unlink(address)
            except OSError:
                pass


def _reap(pid: int, wait: float) -> None:
    """Wait up to ``wait`` seconds for process ``pid`` to end, then kill it (a worker left
    behind by an interrupted pool would keep it waiting), and collect its exit."""
    deadline = time.monotonic() + wait
    try:
        while os.waitpid(pid, os.WNOHANG)[0] == 0:
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return
            time.sleep(0.005)
    except ChildProcessError:  # already collected
        return


def forget_for_exit() -> None:
    """Only immediately before ``os._exit``: what a normal exit does for the render
    workers — the fork server stopped and waited for, and multiprocessing's temporary
    folder (its socket's) removed. Afterwards multiprocessing counts as exited."""
    stop_render_server()
    from multiprocessing import util

    exit_function = getattr(util, "_exit_function", None)
    if exit_function is not None:
        exit_function()


def _in_pool(pool: ProcessPoolExecutor, jobs: Iterator[RenderJob]) -> list[RenderResult]:
    submitted: list[tuple[RenderJob, Future[RenderResult]]] = []
    for job in jobs:
        try:
            submitted.append((job, pool.submit(_work, job)))
        except BrokenProcessPool as exc:  # a worker died while this month was prepared
            raise _broken(job) from exc
        except (EOFError, OSError) as exc:  # no worker could start (the fork server is gone)
            reason = str(exc) or type(exc).__name__
            raise BuildError(f"无法启动生成工作简报的子进程（{job.id_prefix[1:]}）：{reason}") from exc
    return [_result(future, job) for job, future in submitted]


def _warm_up() -> None:
    """Worker start: what :mod:`.preload` does (already done when forked from the server:
    WeasyPrint imported, font files and their subsets shared between renders, see
    :mod:`.fontfiles`, Ctrl-C ignored) and freeze what is left."""
    import generator.print.preload  # noqa: F401

    gc.collect()
    gc.freeze()


def _started() -> None:
    """A task that only makes the pool start its process."""


def _work(job: RenderJob) -> RenderResult:
    """One render in a worker (see the module docstring for the collector)."""
    gc.disable()
    try:
        return render_job(job)  # collects when done
    finally:
        gc.freeze()
        gc.enable()


def _guarded(job: RenderJob) -> RenderResult:
    try:
        return render_job(job)
    except (OSError, ValueError, RuntimeError) as exc:
        raise BuildError(f"生成工作简报失败（{job.id_prefix[1:]}）：{exc}") from exc


def _result(future: Future[RenderResult], job: RenderJob) -> RenderResult:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise _broken(job) from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise BuildError(f"生成工作简报失败（{job.id_prefix[1:]}）：{exc}") from exc


def _broken(job: RenderJob) -> BuildError:
    return BuildError(f"生成工作简报的子进程意外退出（{job.id_prefix[1:]}），可能是内存不足。")
