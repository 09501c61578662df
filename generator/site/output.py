"""Writing the generated site: only what changed, each file replaced atomically.

A city has ten thousand pages; a rebuild after one edit must not rewrite them all (on a
busy disk, touching 20,000 files costs half a minute). :class:`SiteOutput` remembers a
digest of every file it wrote into a site folder (:class:`Manifest`) and, next time,
writes only files whose bytes differ and deletes files no longer generated.

Two ways to write:

* **direct** — into the folder being built (a fresh staging folder of ``jinlin build``,
  ``mkdocs build``'s own folder, or ``serve``'s folder);
* **staged** — for an incremental ``jinlin build`` on the published site: changed files
  wait in a folder beside it and :meth:`SiteOutput.commit` moves them in (one rename
  each) after everything else, search index included, has succeeded.

Files are written by two background threads while the next pages are rendered: creating
a folder and a file costs about a millisecond on a busy disk, and the system calls let
go of the interpreter. :meth:`SiteOutput.commit` waits for them first (and raises what
they raised); :meth:`SiteOutput.discard` stops them before removing anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from generator.site.background import Background

FORMAT = 1


DIGEST_SIZE = 12


def digest(data: bytes) -> str:
    """A short, stable digest of a file's bytes."""
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).hexdigest()


def source_identity(path: Path) -> str:
    """Identity of a large source file (a photo variant, a PDF) without reading it: the
    cache writes each under a new name or atomically, so size and time tell a change."""
    stat = path.stat()
    return f"file:{stat.st_size}:{stat.st_mtime_ns}:{path}"


@dataclass
class Manifest:
    """What :class:`SiteOutput` wrote into a site folder: digests by relative path, and
    one sentinel file's size and time, to notice a folder emptied or replaced behind
    our back (``mkdocs build`` cleans it, a user deletes it)."""

    files: dict[str, str] = field(default_factory=dict)
    sentinel: tuple[str, int, int] | None = None

    def matches(self, site_dir: Path) -> bool:
        """True if ``site_dir`` still holds what this manifest describes."""
        if self.sentinel is None:
            return False
        name, size, mtime = self.sentinel
        try:
            stat = (site_dir / name).stat()
        except OSError:
            return False
        return stat.st_size == size and stat.st_mtime_ns == mtime

    def stamp(self, site_dir: Path, name: str = "index.html") -> None:
        """Record the sentinel after a complete write."""
        try:
            stat = (site_dir / name).stat()
        except OSError:
            self.sentinel = None
            return
        self.sentinel = (name, stat.st_size, stat.st_mtime_ns)

    def save(self, path: Path) -> None:
        """Write atomically (best effort: losing it only costs one full rewrite)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"format": FORMAT, "files": self.files, "sentinel": self.sentinel}))
            os.replace(tmp, path)
        except OSError:
            pass

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        sentinel = tuple(data["sentinel"]) if data.get("sentinel") else None
        return cls(dict(data.get("files", {})), sentinel)  # type: ignore[arg-type]


class SiteOutput:
    """Writes generated files into ``site_dir``, skipping unchanged ones.

    ``previous`` is the manifest of the last write into the same folder (ignored if the
    folder no longer matches it); ``pending`` makes writes staged (see the module doc).
    """

    def __init__(self, site_dir: Path, previous: Manifest | None = None, pending: Path | None = None) -> None:
        self.site_dir = site_dir
        valid = previous is not None and previous.matches(site_dir)
        self.previous: dict[str, str] = dict(previous.files) if valid and previous else {}
        self.pending = pending
        self.manifest = Manifest()
        self.changed: list[str] = []
        self._made: set[Path] = set()
        self._writes = Background(2, "jinlin-write")
        self._fresh = pending is None and not self.previous and _empty(site_dir)
        """Nothing there yet (a clean build's new folder): no file to replace, nobody reading."""

    @property
    def incremental(self) -> bool:
        """True if files from an earlier write are kept (only changes are written)."""
        return bool(self.previous)

    def put(self, relative: str, data: bytes) -> bool:
        """Store ``data`` at ``relative`` (a path under the site); True if written."""
        key = digest(data)
        if not self._record(relative, key):
            return False
        self._writes.submit(self._write, self._target(relative), data)
        return True

    def put_file(self, relative: str, source: Path) -> bool:
        """Copy a large file (photo variant, PDF) unless the same source was copied before."""
        if not self._record(relative, source_identity(source)):
            return False
        target = self._target(relative)
        self._mkdir(target.parent)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
        return True

    def unchanged(self, relative: str) -> bool:
        """Keep a file written by an earlier build as it is (its digest carries over)."""
        key = self.previous.get(relative)
        if key is None:
            return False
        self.manifest.files[relative] = key
        return True

    def removed(self) -> list[str]:
        """Files an earlier build wrote that this one did not."""
        files = self.manifest.files  # a dict: no set of 10,000 paths twice a build
        return sorted(path for path in self.previous if path not in files)

    def commit(self) -> None:
        """Move staged files into place and delete files no longer generated."""
        self._writes.flush()
        if self.pending is not None:
            for relative in self.changed:
                target = self.site_dir / relative
                self._mkdir(target.parent)
                os.replace(self.pending / relative, target)
            shutil.rmtree(self.pending, ignore_errors=True)
        for relative in self.removed():
            (self.site_dir / relative).unlink(missing_ok=True)
            _remove_empty_parents(self.site_dir / relative, self.site_dir)
        self.manifest.stamp(self.site_dir)

    def discard(self) -> None:
        """Forget staged files (the build failed: the site stays as it was). Writes still
        queued are cancelled and running ones finish first, so nothing is written after."""
        self._writes.stop()
        if self.pending is not None:
            shutil.rmtree(self.pending, ignore_errors=True)

    # -- helpers ------------------------------------------------------------------------
    def _record(self, relative: str, key: str) -> bool:
        self.manifest.files[relative] = key
        if self.previous.get(relative) == key:
            return False
        self.changed.append(relative)
        return True

    def _target(self, relative: str) -> Path:
        return (self.pending if self.pending is not None else self.site_dir) / relative

    def _write(self, target: Path, data: bytes) -> None:
        self._mkdir(target.parent)
        if self.incremental or self.pending is None and not self._fresh and target.exists():
            tmp = target.with_name(f".{target.name}.tmp")  # readers never see half a page
            tmp.write_bytes(data)
            os.replace(tmp, target)
        else:  # a fresh folder nobody reads yet
            with open(target, "wb") as out:
                out.write(data)

    def _mkdir(self, folder: Path) -> None:
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)


def _empty(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _remove_empty_parents(path: Path, root: Path) -> None:
    folder = path.parent
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
