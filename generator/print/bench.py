"""Benchmark: how long the bulletins of a content folder take, cold and warm (``make bench``).

:func:`bench_bulletins` is what a bench driver calls: a cold run with a fresh cache (every
month rendered; loading the content not counted, nor reading the lists the content store
restores on first use; deriving the public view and preparing the months counted, and the
CPU of the fork server and its workers) and a warm run right after with the same cache (nothing changed, so
nothing is loaded or rendered: see :mod:`.fingerprint`). :func:`time_bulletins` and
:func:`seconds_per_bulletin` are the older names for the cold run.
"""

from __future__ import annotations

import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from generator.model.content import Content
from generator.print.workers import stop_render_server
from generator.project import require_content


class BulletinRun(NamedTuple):
    """One run of every month's bulletin."""

    bulletins: int
    pages: int
    seconds_wall: float
    seconds_per_bulletin: float


class BulletinBench(NamedTuple):
    """A cold run (fresh cache) and a warm run (same cache, nothing changed)."""

    cold: BulletinRun
    warm: BulletinRun
    cpu_seconds: float
    """User + system CPU of the cold run, this process and its workers together (on a
    shared machine, compare it with the wall time of the same run)."""
    restored_seconds: float = 0.0
    """Reading the content store's deferred lists before the cold run (not in it)."""


def bench_bulletins(content_dir: Path | str, *, jobs: int = 2,
                    editions: tuple[str, ...] = ("archive",)) -> BulletinBench:
    """Render every month of ``content_dir`` cold into a temporary folder, then again warm."""
    from generator.print.bulletins import render_bulletins_in

    content, _ = require_content(content_dir, str(content_dir))
    restoring = time.perf_counter()
    restore_stored_lists(content)  # loading, which the store defers to the first reading
    restored = time.perf_counter() - restoring
    with tempfile.TemporaryDirectory(prefix="jinlin-bench-") as scratch:
        root = Path(scratch)

        def run(**kwargs: object) -> BulletinRun:
            start = time.perf_counter()
            files = render_bulletins_in(Path(content_dir), root / "out", jobs=jobs, editions=editions,
                                        cache_dir=root / "cache", **kwargs)  # type: ignore[arg-type]
            seconds = time.perf_counter() - start
            return BulletinRun(len(files), sum(f.pages for f in files), seconds,
                               seconds / len(files) if files else 0.0)

        cpu = _cpu_seconds()
        cold = run(content=content)
        stop_render_server()  # waited for: its CPU and its workers' count from here
        cpu = _cpu_seconds() - cpu
        warm = run()
    return BulletinBench(cold, warm, cpu, restored)


def restore_stored_lists(content: Content) -> None:
    """Read every list the content store keeps apart (the 星级 sheets' 24,000 building
    rows in a city year: read on first use, which would otherwise fall inside the timing)."""
    for record in content.records():
        for name in type(record).stored_apart:
            len(getattr(record, name))


def _cpu_seconds() -> float:
    """User + system CPU of this process and of its finished children (the workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass(frozen=True)
class BulletinTiming:
    """One cold run of :func:`~generator.print.bulletins.render_bulletins`."""

    bulletins: int
    pages: int
    seconds: float
    restored_seconds: float = 0.0
    """Reading the content store's deferred lists, before the timing (see :func:`bench_bulletins`)."""

    @property
    def seconds_per_bulletin(self) -> float:
        return self.seconds / self.bulletins if self.bulletins else 0.0


def time_bulletins(content_dir: Path | str, *, jobs: int = 2,
                   editions: tuple[str, ...] = ("archive",)) -> BulletinTiming:
    """Render every month of ``content_dir`` with an empty cache (nothing reused) into a
    temporary folder and time it; loading the content is not counted."""
    bench = bench_bulletins(content_dir, jobs=jobs, editions=editions)
    cold = bench.cold
    return BulletinTiming(cold.bulletins, cold.pages, cold.seconds_wall, bench.restored_seconds)


def seconds_per_bulletin(content_dir: Path | str, *, jobs: int = 2) -> float:
    """Seconds per bulletin for a cold render of every month (archive edition, ``jobs``
    worker processes)."""
    return time_bulletins(content_dir, jobs=jobs).seconds_per_bulletin
