"""A cache of parsed YAML documents, so that re-checking unchanged content is cheap.

Entries are keyed by the file and a hash of its bytes: an edited file never matches its
old entry, however quickly it was rewritten (modification times are too coarse for that).
The cache lives in memory for the life of the process (``serve`` rebuilds) and in one pickle file under the cache folder
(``jinlin check``/``build`` runs), written atomically, so an interrupted run cannot leave
a half-written cache behind.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.load.yamlfile import LocatedDocument

FORMAT = 1
Identity = bytes
Entry = tuple[Identity, Any, tuple[Problem, ...], bool, bool]
"""(identity, data, problems, parsed ok, may hold numbers)."""

_MEMORY: dict[str, dict[str, Entry]] = {}


def identity(file: Path) -> Identity:
    """A digest of the file's bytes (reading and hashing is ~50× cheaper than parsing)."""
    return hashlib.blake2b(file.read_bytes(), digest_size=16).digest()


@dataclass
class ParseCache:
    """Parsed documents of one content folder (``path`` is ``None`` for memory only)."""

    path: Path | None
    entries: dict[str, Entry] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def open(cls, cache_dir: Path | None, root: Path) -> ParseCache:
        """The cache for content ``root``: from memory, else from disk, else empty."""
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        path = cache_dir / f"parsed-{name}.pickle" if cache_dir else None
        entries = _MEMORY.get(name)
        if entries is None:
            entries = _read(path) if path else {}
            _MEMORY[name] = entries
        return cls(path, entries)

    def get(self, file: Path, shown: str) -> tuple[LocatedDocument | None, list[Problem]] | None:
        entry = self.entries.get(shown)
        try:
            if entry is None or entry[0] != identity(file):
                return None
        except OSError:
            return None
        _, data, problems, ok, may_hold = entry
        doc = LocatedDocument(path=shown, data=data, file=file, may_hold_numbers=may_hold) if ok else None
        return doc, list(problems)

    def put(self, file: Path, shown: str, parsed: tuple[LocatedDocument | None, list[Problem]]) -> None:
        doc, problems = parsed
        try:
            ident = identity(file)
        except OSError:
            return
        data = doc.data if doc else None
        self.entries[shown] = (ident, data, tuple(problems), doc is not None,
                               doc.may_hold_numbers if doc else False)
        self.dirty = True

    def keep_only(self, shown_paths: set[str]) -> None:
        """Forget files that are gone."""
        for gone in set(self.entries) - shown_paths:
            del self.entries[gone]
            self.dirty = True

    def save(self) -> None:
        """Write the cache atomically (best effort: a cache must never fail a run)."""
        if not (self.dirty and self.path):
            return
        temp: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".parsed-", suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                pickle.dump((FORMAT, self.entries), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.path)
            temp = None
            self.dirty = False
        except OSError:
            pass
        finally:
            if temp is not None:  # failed or interrupted: leave no partial file behind
                Path(temp).unlink(missing_ok=True)


def _read(path: Path) -> dict[str, Entry]:
    try:
        with path.open("rb") as source:
            version, entries = pickle.load(source)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    return entries if version == FORMAT and isinstance(entries, dict) else {}
