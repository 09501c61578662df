"""Is the published site already up to date? A fingerprint of everything a build reads.

``jinlin build`` run twice without an edit must cost next to nothing (checking and
rendering a city's content takes tens of seconds). The fingerprint covers the content
(record files by their bytes, photos by size and time), the theme, ``mkdocs.yml``, the
hand-written pages, jinlin's own code and the build options; the site folder must still
be the one the last build wrote (see :class:`~generator.site.output.Manifest`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

import generator

SMALL = 1 << 18
"""Files up to this size are fingerprinted by their bytes, larger ones by size and time."""


def fingerprint(content_dir: Path, *, config_file: Path, theme_dir: Path, docs_dir: Path,
                options: dict[str, object]) -> str:
    """A digest of every input of a build of ``content_dir`` with these options."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    for label, folder, by_bytes in (("content", content_dir, True), ("theme", theme_dir, False),
                                    ("docs", docs_dir, False),
                                    ("code", Path(generator.__file__).parent, True)):
        digest.update(label.encode())
        for path, identity in _tree(folder, by_bytes):
            digest.update(f"{path}\0{identity}\n".encode())
    digest.update(config_file.read_bytes() if config_file.is_file() else b"")
    return digest.hexdigest()


def folder_digest(folder: Path, *, by_bytes: bool = False) -> bytes:
    """A digest of the files under ``folder`` (by content, or by size and time)."""
    digest = hashlib.blake2b(digest_size=16)
    for path, identity in _tree(folder, by_bytes):
        digest.update(f"{path}\0{identity}\n".encode())
    return digest.digest()


def _tree(folder: Path, by_bytes: bool) -> Iterable[tuple[str, str]]:
    """(relative path, identity) of every file under ``folder``, in a stable order."""
    if not folder.is_dir():
        return
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            path = Path(root) / name
            try:
                stat = path.stat()
            except OSError:
                continue
            if by_bytes and stat.st_size <= SMALL:
                identity = hashlib.blake2b(path.read_bytes(), digest_size=12).hexdigest()
            else:
                identity = f"{stat.st_size}:{stat.st_mtime_ns}"
            yield os.path.relpath(path, folder), identity


def recorded(stamp: Path) -> str | None:
    """The fingerprint saved by the last successful build (``None`` if there is none)."""
    try:
        return stamp.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def record(stamp: Path, value: str) -> None:
    """Save the fingerprint of a successful build (best effort)."""
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        tmp = stamp.with_name(f".{stamp.name}.{os.getpid()}.tmp")
        tmp.write_text(value, encoding="utf-8")
        os.replace(tmp, stamp)
    except OSError:
        pass
