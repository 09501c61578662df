"""Where bulletins are rendered: in this process, or in a pool of *spawn* workers.

A city year is a dozen renders of a few seconds each; on two cores the costs that are not
the render itself decide the wall time, so:

* the pool is started before the months are prepared when a cold run is expected (the
  workers import WeasyPrint while this process derives the public view), otherwise only
  once a second month needs rendering — one changed month renders here, without paying
  for starting a process;
* jobs are consumed lazily: the first renders run while later months are still prepared;
* each worker is reused for every month it gets, WeasyPrint imported once, the font
  files copied once (:mod:`.fontfiles`), and after
  every render the surviving objects (WeasyPrint's and fontconfig's caches, the modules)
  are frozen out of the garbage collector, which then skips them; during a render the
  collector is off and runs once at the end (it found nothing to free mid-render, and
  scanning cost a tenth of the render).

Forked workers crash WeasyPrint (#684), hence *spawn*.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from generator.errors import BuildError
from generator.print.fontfiles import share_font_files, share_subsets
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
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_warm_up)
    with workers_ignore_ctrl_c():  # Ctrl-C stops the build, not each worker with a traceback
        for _ in range(workers):  # processes are spawned on submit: start them all now
            pool.submit(_started)
    return pool


def _in_pool(pool: ProcessPoolExecutor, jobs: Iterator[RenderJob]) -> list[RenderResult]:
    submitted: list[tuple[RenderJob, Future[RenderResult]]] = []
    for job in jobs:
        try:
            submitted.append((job, pool.submit(_work, job)))
        except BrokenProcessPool as exc:  # a worker died while this month was prepared
            raise _broken(job) from exc
    return [_result(future, job) for job, future in submitted]


def _warm_up() -> None:
    """Worker start: import WeasyPrint once, share font files and their subsets between
    renders (see :mod:`.fontfiles`) and freeze what the import left."""
    import weasyprint  # type: ignore[import-untyped]  # noqa: F401

    share_font_files()
    share_subsets()

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
