"""Parse many YAML files on every core.

PyYAML's C parser still builds a Python object per event and node; at city scale
(thousands of files, two million nodes) parsing is most of ``jinlin check``. Files are
parsed in *spawn* worker processes (safe even when the caller has threads, as ``serve``
does) and only plain values travel back; positions are found later, on demand, from the
file itself.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import Problem
from generator.load.cache import ParseCache
from generator.load.yamlfile import LocatedDocument, read_yaml_file
from generator.signals import workers_ignore_ctrl_c

PARALLEL_FROM = 600
"""Below this many files a pool costs more than it saves (workers take ~0.3 s to start)."""

Parsed = tuple[LocatedDocument | None, list[Problem]]


def parse_files(files: list[tuple[Path, str]], jobs: int | None = None,
                cache: ParseCache | None = None) -> list[Parsed]:
    """Parse ``(file, shown path)`` pairs, in order: unchanged files come from ``cache``,
    the rest are parsed (in parallel when there are many) and added to it."""
    if cache is None:
        return _parse(files, jobs)
    results: list[Parsed | None] = [cache.get(file, shown) for file, shown in files]
    missing = [i for i, found in enumerate(results) if found is None]
    for i, parsed in zip(missing, _parse([files[i] for i in missing], jobs), strict=True):
        results[i] = parsed
        cache.put(*files[i], parsed)
    cache.keep_only({shown for _, shown in files})
    return results  # type: ignore[return-value]


def _parse(files: list[tuple[Path, str]], jobs: int | None) -> list[Parsed]:
    return [parsed for _, parsed in read_files(files, jobs)]


Read = tuple[bytes | None, Parsed]


def read_files(files: list[tuple[Path, str]], jobs: int | None = None) -> list[Read]:
    """Parse ``(file, shown path)`` pairs, in order, each with the digest of the bytes
    parsed (see :func:`read_yaml_file`); in parallel when there are many."""
    jobs = jobs or min(os.cpu_count() or 1, 4)
    if jobs < 2 or len(files) < PARALLEL_FROM:
        return [read_yaml_file(file, shown) for file, shown in files]
    # here, not at the top: a rebuild after an edit reads a file or two (20 ms of imports)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    size = max(50, len(files) // (jobs * 4))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
            with workers_ignore_ctrl_c():  # Ctrl-C stops the command, not each worker with a traceback
                read = pool.map(_read_chunk, chunks)
            return [one for chunk in read for one in chunk]
    except (BrokenProcessPool, OSError):
        # e.g. a caller whose main module cannot be re-imported: parse here instead
        return [one for chunk in chunks for one in _read_chunk(chunk)]


def _read_chunk(files: list[tuple[Path, str]]) -> list[Read]:
    return [read_yaml_file(file, shown) for file, shown in files]
