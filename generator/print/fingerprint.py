"""The fast path for a content folder in which nothing has changed: no loading, no preparing.

The per-month cache (:mod:`.cache`) is keyed by what a month prints, and knowing that takes
loading the content and deriving the public view and every month's bulletin — many seconds
at city scale. :func:`folder_key` hashes instead what the bulletins are made from: every
file of the content folder (names starting with a dot excepted), the code that turns it
into bulletins and the print templates, and the versions of the libraries in between. When it equals the key stored
after the last complete run with the same cache and editions, every bulletin is copied from
the cache as it is; otherwise the folder is loaded and each month checked as usual.
After a run, :func:`still_same` tells whether the folder still has the key it had before
(so that the run can be remembered) from the files' sizes and times alone when none changed.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from generator.load.listing import Stat, stat_key, trusted
from generator.print.cache import RENDER_VERSION

PACKAGE = Path(__file__).resolve().parents[1]
CODE = (PACKAGE / "load", PACKAGE / "model", PACKAGE / "print", PACKAGE / "project.py",
        PACKAGE.parent / "templates" / "print")
"""What turns a content folder into bulletins: loading, the model, the print renderer and
its templates (the site, the commands and the rest of jinlin do not touch the PDFs)."""
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "jinja2", "markdown", "nh3", "pydantic",
             "pydantic-core", "pyyaml", "pypinyin", "pillow")


def folder_key(content_dir: Path, editions: Iterable[str]) -> str:
    """A digest of everything the bulletins of ``content_dir`` are made from."""
    return read_folder(content_dir, editions).key


@dataclass(frozen=True)
class FolderState:
    """:func:`folder_key` of a folder, with the size and time of every file as it was
    read (taken before reading it: an edit while it was read shows as another time)."""

    key: str
    editions: tuple[str, ...]
    content_dir: Path
    stats: tuple[tuple[str, Stat], ...]
    """(path, stat) in the order read."""
    started: int
    """When the reading began (``time.time_ns()``)."""


def read_folder(content_dir: Path, editions: Iterable[str]) -> FolderState:
    """:func:`folder_key` and what :func:`still_same` needs to check it again cheaply."""
    chosen = tuple(editions)
    started = time.time_ns()
    digest = hashlib.sha256()
    for part in (RENDER_VERSION, ",".join(chosen), *map(_library, LIBRARIES)):
        _feed(digest, part.encode())
    stats = []
    for root in (*CODE, Path(content_dir)):
        for path, relative in _files(root):
            stats.append(_stat(path))
            _feed(digest, relative.encode())
            with open(path, "rb") as file:
                _feed(digest, file.read())
    return FolderState(digest.hexdigest()[:32], chosen, Path(content_dir), tuple(stats), started)


def still_same(state: FolderState) -> bool:
    """Whether the folder's :func:`folder_key` is still ``state.key``. Without reading a
    file when every file has the size, times and inode it had when read, none too recent
    to tell (see :func:`generator.load.listing.trusted`), and none came or went; otherwise
    by computing the key again."""
    stats = [_stat(path) for root in (*CODE, state.content_dir) for path, _ in _files(root)]
    if tuple(stats) == state.stats and all(trusted(stat, state.started) for _, stat in stats):
        return True
    return folder_key(state.content_dir, state.editions) == state.key


def _stat(path: str) -> tuple[str, Stat]:
    return path, stat_key(os.stat(path))


def _library(name: str) -> str:
    try:
        return f"{name}={version(name)}"
    except PackageNotFoundError:
        return f"{name}=-"


def _files(root: Path) -> Iterator[tuple[str, str]]:
    """``root`` if it is a file, else every file under it in a stable order, skipping dot
    names and ``__pycache__``: (path, path relative to ``root``'s parent, POSIX style)."""
    base = os.fspath(root.parent)
    if root.is_file():
        yield os.fspath(root), root.name
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        relative = os.path.relpath(folder, base).replace(os.sep, "/")
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(folder, name), f"{relative}/{name}"


def _feed(digest: hashlib._Hash, part: bytes) -> None:
    digest.update(len(part).to_bytes(8, "big"))
    digest.update(part)
