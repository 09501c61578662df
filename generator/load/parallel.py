"""Parse many YAML files on every core.

PyYAML's C parser still builds a Python object per event and node; at city scale
(thousands of files, two million nodes) parsing is most of ``jinlin check``. Files are
parsed in *spawn* worker processes (safe even when the caller has threads, as ``serve``
does) and only plain values travel back; positions are found later, on demand, from the
file itself.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

from generator.errors import Problem
from generator.load.yamlfile import LocatedDocument, load_yaml_file

PARALLEL_FROM = 600
"""Below this many files a pool costs more than it saves (workers take ~0.3 s to start)."""

Parsed = tuple[LocatedDocument | None, list[Problem]]


def parse_files(files: list[tuple[Path, str]], jobs: int | None = None) -> list[Parsed]:
    """Parse ``(file, shown path)`` pairs, in order, in parallel when there are many."""
    jobs = jobs or min(os.cpu_count() or 1, 4)
    if jobs < 2 or len(files) < PARALLEL_FROM:
        return [load_yaml_file(file, shown) for file, shown in files]
    size = max(50, len(files) // (jobs * 4))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
            return [parsed for chunk in pool.map(_parse_chunk, chunks) for parsed in chunk]
    except (BrokenProcessPool, OSError):
        # e.g. a caller whose main module cannot be re-imported: parse here instead
        return [parsed for chunk in chunks for parsed in _parse_chunk(chunk)]


def _parse_chunk(files: list[tuple[Path, str]]) -> list[Parsed]:
    return [load_yaml_file(file, shown) for file, shown in files]
