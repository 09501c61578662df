"""The fast path for a content folder in which nothing has changed: no loading, no preparing.

The per-month cache (:mod:`.cache`) is keyed by what a month prints, and knowing that takes
loading the content and deriving the public view and every month's bulletin — many seconds
at city scale. :func:`folder_key` hashes instead what the bulletins are made from: every
file of the content folder (names starting with a dot excepted), the code that turns it
into bulletins and the print templates, and the versions of the libraries in between. When it equals the key stored
after the last complete run with the same cache and editions, every bulletin is copied from
the cache as it is; otherwise the folder is loaded and each month checked as usual.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

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
    digest = hashlib.sha256()
    for part in (RENDER_VERSION, ",".join(editions), *map(_library, LIBRARIES)):
        _feed(digest, part.encode())
    for root in (*CODE, Path(content_dir)):
        for path in _files(root):
            _feed(digest, path.relative_to(root.parent).as_posix().encode())
            _feed(digest, path.read_bytes())
    return digest.hexdigest()[:32]


def _library(name: str) -> str:
    try:
        return f"{name}={version(name)}"
    except PackageNotFoundError:
        return f"{name}=-"


def _files(root: Path) -> Iterator[Path]:
    """``root`` if it is a file, else every file under it in a stable order, skipping dot
    names and ``__pycache__``."""
    if root.is_file():
        yield root
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def _feed(digest: hashlib._Hash, part: bytes) -> None:
    digest.update(len(part).to_bytes(8, "big"))
    digest.update(part)
