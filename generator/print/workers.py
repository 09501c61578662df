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
  (``serve``, the honours) forks at once; it is stopped and waited for at exit
  (:func:`stop_render_server`), its CPU counted with this process's;
* jobs are consumed lazily: the first renders run while later months are still prepared;
* each worker is reused for every month it gets, the font files copied once
  (:mod:`.fontfiles`), and after every render the surviving objects (WeasyPrint's and
  fontconfig's caches, the modules) are frozen out of the garbage collector, which then
  skips them; during a render the collector is off and runs once at the end (it found
  nothing to free mid-render, and scanning cost a tenth of the render).

Workers forked from a process that has used Pango crash WeasyPrint (#684): the fork
server only imports. Where there is no fork server (not on Linux or macOS), *spawn*.
Paths in a job are absolute: the fork server keeps the folder it started in.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from generator.errors import BuildError
from generator.print.pdf import RenderJob, RenderResult, render_job
from generator.signals import workers_ignore_ctrl_c


def run_jobs(jobs: Iterable[RenderJob], workers: int, *, expected: int = 0) -> list[RenderResult]:
    """Render ``jobs`` in order and return their results in the same order. ``expected``
    is how many jobs the caller foresees: two or more start the pool at once."""
    if workers > 1 and expected > 1:
        with _pool(workers) as pool:
            return _in_pool(pool, iter(jobs))
    pending = iter(jobs)
    first = list(islice(pending, 2))
    if workers <= 1 or len(first) <= 1:
        return [_guarded(job) for job in chain(first, pending)]
    with _pool(workers) as pool:
        return _in_pool(pool, chain(first, pending))


def _pool(workers: int) -> ProcessPoolExecutor:
    context = render_context()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_up)
    if context.get_start_method() == "forkserver":
        # a fork waits for the server's imports: start the workers aside, so that this
        # process prepares the first month meanwhile (its first submit waits for them)
        threading.Thread(target=_start, args=(pool, workers), name="jinlin-render-pool", daemon=True).start()
    else:
        with workers_ignore_ctrl_c():  # Ctrl-C stops the build, not each worker with a traceback
            _start(pool, workers)
    return pool


def _start(pool: ProcessPoolExecutor, workers: int) -> None:
    """Make the pool start all its processes now (it starts them on submit)."""
    for _ in range(workers):
        try:
            pool.submit(_started)
        except RuntimeError:  # shut down meanwhile (the build failed, Ctrl-C)
            return


_SERVER_STARTED = False
"""Whether this process started the fork server (then it stops it at exit)."""


def render_context() -> multiprocessing.context.BaseContext:
    """The fork server's context, its server started (it imports :mod:`.preload` while the
    caller goes on), or *spawn* where there is none."""
    global _SERVER_STARTED
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["generator.print.preload"])
    # the server inherits an ignored Ctrl-C (as do the workers it forks): while it imports,
    # a Ctrl-C would print its traceback. From a thread (``serve``'s rebuilds) a handler
    # cannot be set, but the server started at the first, cold build lives on.
    with workers_ignore_ctrl_c():
        forkserver.ensure_running()
    if not _SERVER_STARTED:
        _SERVER_STARTED = True
        atexit.register(stop_render_server)
    return context


def stop_render_server() -> None:
    """Stop the fork server and wait for it (it has waited for its workers), so that no
    process is left behind and its CPU is counted as this process's. Idempotent; the next
    pool starts a new server."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if _SERVER_STARTED and stop is not None:
        try:
            stop()
        except (OSError, ChildProcessError):  # already gone
            pass


def _in_pool(pool: ProcessPoolExecutor, jobs: Iterator[RenderJob]) -> list[RenderResult]:
    submitted: list[tuple[RenderJob, Future[RenderResult]]] = []
    for job in jobs:
        try:
            submitted.append((job, pool.submit(_work, job)))
        except BrokenProcessPool as exc:  # a worker died while this month was prepared
            raise _broken(job) from exc
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
