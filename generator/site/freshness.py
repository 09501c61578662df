"""Is the published site already up to date? A fingerprint of everything a build reads.

``jinlin build`` run twice without an edit must cost next to nothing (checking and
rendering a city's content takes tens of seconds). The fingerprint covers the content
(record files by their bytes, photos by size and time), the theme, ``mkdocs.yml``, the
hand-written pages, jinlin's own code and the build options; the site folder must still
be the one the last build wrote (see :class:`~generator.site.output.Manifest`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import generator
from generator.cachefile import write_cache_file
from generator.load.listing import Listing, Stat, stat_key, trusted
from generator.load.yamlfile import digest_of
from generator.site.background import load_marshal, save_marshal

SMALL = 1 << 18
"""Files up to this size are fingerprinted by their bytes, larger ones by size and time."""


Known = dict[str, tuple[tuple[int, int, int, int], int, str]]
"""Path → (size, mtime, inode, ctime), when it was looked at, digest of its bytes."""


Stored = Callable[[], dict[str, tuple[Stat, bytes]]]
"""Digests the content loader already knows (see :func:`generator.load.store.stored_digests`)."""
Lookup = Callable[[str], "tuple[Stat, bytes] | None"]


def fingerprint(content_dir: Path, *, config_file: Path, theme_dir: Path, docs_dir: Path,
                options: dict[str, object], known_file: Path | None = None, stored: Stored | None = None,
                listing: Listing | None = None) -> str:
    """A digest of every input of a build of ``content_dir`` with these options.

    With ``known_file``, files whose size, times and inode are those recorded there (and
    were not brand new then) keep their recorded digest instead of being read again:
    reading a city's 8,000 files was most of a rebuild that found nothing to do. Files it
    does not know (a clean build starts without it) take the digest the content loader
    stored for them (``stored``, relative paths), on the same conditions: a clean build
    of the province read its 78,000 record files here (13 s) although the loader's store
    knew every one of them.

    The content folder is taken as the loader lists it (``listing``, made now if not
    given: the build hands the same listing to the loader, one walk instead of two): its
    record files, the other files it meets and the photos under ``media/``. Hidden files
    and editor backups, which the loader skips, are not part of the fingerprint."""
    known: Known = load_marshal(known_file, {}) if known_file is not None else {}
    seen: Known = {}
    in_store = _by_relative_path(stored)
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    for label, folder, by_bytes in (("content", content_dir, True), ("theme", theme_dir, False),
                                    ("docs", docs_dir, False),
                                    ("code", Path(generator.__file__).parent, True)):
        digest.update(label.encode())
        files = _content(folder, listing, known, seen, in_store) if label == "content" else _tree(
            folder, by_bytes, known, seen)
        for path, identity in files:
            digest.update(f"{path}\0{identity}\n".encode())
    digest.update(config_file.read_bytes() if config_file.is_file() else b"")
    if known_file is not None and seen != known:
        save_marshal(known_file, seen)
    return digest.hexdigest()


@functools.cache
def code_digest() -> bytes:
    """jinlin's own code by its bytes, as this process runs it (read once: page keys and
    the kept public records both depend on it)."""
    return folder_digest(Path(generator.__file__).parent, by_bytes=True)


def folder_digest(folder: Path, *, by_bytes: bool = False) -> bytes:
    """A digest of the files under ``folder`` (by content, or by size and time)."""
    digest = hashlib.blake2b(digest_size=16)
    for path, identity in _tree(folder, by_bytes):
        digest.update(f"{path}\0{identity}\n".encode())
    return digest.digest()


def _by_relative_path(stored: Stored | None) -> Lookup | None:
    """The loader's digests by path relative to the content folder, read on first use
    (only when a file is not among the recorded ones)."""
    if stored is None:
        return None
    digests = functools.cache(stored)
    return lambda relative: digests().get(relative.replace(os.sep, "/"))


def _content(folder: Path, listing: Listing | None, known: Known, seen: Known,
             stored: Lookup | None) -> Iterable[tuple[str, str]]:
    """(relative path, identity) of the content folder's files as the loader lists them
    (by their bytes), then of its photos (small ones by their bytes)."""
    from generator.load.listing import list_content
    from generator.model.kinds import MEDIA_FOLDER

    if not folder.is_dir():
        return
    listing = listing if listing is not None else list_content(str(folder))
    prefix, now = str(folder) + os.sep, listing.taken_ns
    for relative, key in listing.records.items():
        yield relative, _listed_identity(prefix + relative, relative, key, now, known, seen, stored)
    for relative in listing.others:
        try:
            key = stat_key(os.stat(prefix + relative))
        except OSError:
            continue
        yield relative, _listed_identity(prefix + relative, relative, key, now, known, seen, None)
    for relative, identity in _tree(folder / MEDIA_FOLDER, True, known, seen):
        yield f"{MEDIA_FOLDER}/{relative}", identity


def _listed_identity(path: str, relative: str, key: Stat | None, now: int, known: Known, seen: Known,
                     stored: Lookup | None) -> str:
    """A listed file's identity: its bytes' digest when small, else size and time; ``?``
    when it cannot be read (the loader reports it)."""
    if key is None:
        return "?"
    if key[0] > SMALL:
        return f"{key[0]}:{key[1]}"
    try:
        return _bytes_identity(path, relative, key, now, known, seen, stored)
    except OSError:  # gone since it was listed
        return "?"


def _tree(folder: Path, by_bytes: bool, known: Known | None = None,
          seen: Known | None = None) -> Iterable[tuple[str, str]]:
    """(relative path, identity) of every file under ``folder``, in a stable order."""
    if not folder.is_dir():
        return
    now = time.time_ns()
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        # relpath once per folder, not per file (it cost 0.4 s of a city's 8,000 files)
        prefix = os.path.relpath(root, folder)
        prefix = "" if prefix == os.curdir else prefix + os.sep
        for name in sorted(names):
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            if by_bytes and stat.st_size <= SMALL:
                identity = _bytes_identity(path, prefix + name, stat_key(stat), now, known or {}, seen)
            else:
                identity = f"{stat.st_size}:{stat.st_mtime_ns}"
            yield prefix + name, identity


def _bytes_identity(path: str, relative: str, key: Stat, now: int, known: Known, seen: Known | None,
                    stored: Lookup | None = None) -> str:
    before = known.get(path)
    loaded = stored(relative) if stored is not None and before is None else None
    if before is not None and before[0] == key and trusted(key, before[1]):
        identity, looked = before[2], before[1]
    elif loaded is not None and loaded[0] == key:  # stored only when its stat can be trusted
        identity, looked = loaded[1].hex(), now
    else:
        with open(path, "rb") as source:
            identity = digest_of(source.read()).hex()
        looked = now
    if seen is not None:
        seen[path] = (key, looked, identity)
    return identity


def recorded(stamp: Path) -> str | None:
    """The fingerprint saved by the last successful build (``None`` if there is none)."""
    try:
        return stamp.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def record(stamp: Path, value: str) -> None:
    """Save the fingerprint of a successful build (best effort)."""
    write_cache_file(stamp, value.encode("utf-8"))
