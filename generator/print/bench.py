"""Benchmark: how long a cold render of every month's bulletin takes (``make bench``)."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator.project import require_content


@dataclass(frozen=True)
class BulletinTiming:
    """One cold run of :func:`~generator.print.bulletins.render_bulletins`."""

    bulletins: int
    pages: int
    seconds: float

    @property
    def seconds_per_bulletin(self) -> float:
        return self.seconds / self.bulletins if self.bulletins else 0.0


def time_bulletins(content_dir: Path | str, *, jobs: int = 2,
                   editions: tuple[str, ...] = ("archive",)) -> BulletinTiming:
    """Render every month of ``content_dir`` with an empty cache (nothing reused) into a
    temporary folder and time it; loading the content is not counted."""
    from generator.print.bulletins import render_bulletins

    content, _ = require_content(content_dir, str(content_dir))
    with tempfile.TemporaryDirectory(prefix="jinlin-bench-") as scratch:
        root = Path(scratch)
        start = time.perf_counter()
        files = render_bulletins(content, root / "out", jobs=jobs, editions=editions,
                                 cache_dir=root / "cache")
        seconds = time.perf_counter() - start
    return BulletinTiming(len(files), sum(f.pages for f in files), seconds)


def seconds_per_bulletin(content_dir: Path | str, *, jobs: int = 2) -> float:
    """Seconds per bulletin for a cold render of every month (archive edition, ``jobs``
    worker processes)."""
    return time_bulletins(content_dir, jobs=jobs).seconds_per_bulletin
