"""Loaded record files kept between runs: one pickle per content folder ("shard") and an
index, so that checking an unchanged city takes a fraction of a second of reading and
editing one activity rewrites one small shard instead of the whole cache.

Every file is written atomically (temporary file, then rename) and tagged with a digest of
the loading and model code, so a changed model never meets records validated by the old
one. The index holds the signatures under which the cached cross-record problems are
valid; it is invalidated *before* shards are rewritten under new signatures, so an
interrupted run can only make the next one check more, never trust stale problems.
The index also lists the size, times and digest of every file whose stat can stand for
its bytes (:func:`stored_digests`), for ``jinlin build``'s check of what changed.
Without a cache folder the same bytes are kept in this process's memory instead.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any

from generator.cachefile import write_cache_file
from generator.load.files import FileEntry
from generator.load.listing import Stat
from generator.load.yamlfile import LocatedDocument
from generator.model.base import StoredList

FORMAT = 4
_MEMORY: dict[str, dict[str, bytes]] = {}
_CODE = ("load", "model")


@functools.cache
def code_version() -> str:
    """A digest of the code that parses, validates and checks records (and of pydantic and
    PyYAML): what every record is made by, so what is made from records and kept between
    runs is named after it too (public records, 星级 results)."""
    import pydantic
    import yaml

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(f"{FORMAT} {pydantic.VERSION} {yaml.__version__} {sys.version}".encode(),
                             digest_size=16)
    sources = [package / "errors.py", package / "project.py"]
    sources += sorted(p for folder in _CODE for p in (package / folder).glob("*.py"))
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def shard_of(relative: str) -> str:
    """The shard holding a file: its folder (``activities/2026/10``; ``""`` for the root)."""
    return relative.rpartition("/")[0]


class ContentStore:
    """The stored entries of one content folder, as shown below one ``shown_root``."""

    def __init__(self, cache_dir: Path | None, root: Path, shown_root: str) -> None:
        key = hashlib.blake2b(f"{root.resolve()}\0{shown_root}".encode(), digest_size=8).hexdigest()
        self.folder = cache_dir / f"content-{key}" if cache_dir else None
        self.memory = _MEMORY.setdefault(key, {}) if cache_dir is None else {}
        self.root, self.shown_root = root, shown_root
        self.signatures: dict[str, str] = {}
        """The signatures as stored (what the cached cross-record problems are valid for)."""

    def read(self) -> dict[str, FileEntry]:
        """Every stored entry (none when the store is missing, damaged or from other code)."""
        index = self._index()
        if index is None:
            return {}
        _, signatures, shards, _ = index
        entries: dict[str, FileEntry] = {}
        for shard in shards:
            stored = self._load(_name(shard))
            if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == code_version():
                try:
                    found = {relative: self._entry(relative, raw) for relative, raw in stored[1].items()}
                except (_Damaged, KeyError, TypeError):  # its files are read again
                    continue
                entries.update(found)
        self.signatures = dict(signatures)
        return entries

    def write(self, entries: dict[str, FileEntry], dirty: set[str], signatures: dict[str, str]) -> None:
        """Store the shards in ``dirty`` and the signatures (best effort: a cache never
        fails a run)."""
        changed = signatures != self.signatures
        if not (changed or dirty):
            return
        shards = sorted({shard_of(relative) for relative in entries})
        files = {relative: (e.stat, e.digest) for relative, e in entries.items()
                 if e.trusted and e.stat is not None and e.digest is not None}
        if changed:  # first forget the old signatures: see the module docstring
            self._save("index", (code_version(), {}, shards, files))
        by_shard: dict[str, dict[str, Any]] = {}
        for relative, entry in entries.items():  # one pass, not one per dirty shard
            if (shard := shard_of(relative)) in dirty:
                by_shard.setdefault(shard, {})[relative] = self._raw(entry)
        for shard in sorted(dirty):
            chosen = by_shard.get(shard)
            if chosen:
                self._save(_name(shard), (code_version(), chosen))
            else:
                self._remove(_name(shard))
        self._save("index", (code_version(), signatures, shards, files))
        self.signatures = dict(signatures)

    def digests(self) -> dict[str, tuple[Stat, bytes]]:
        """See :func:`stored_digests` (from the index alone: no record is read)."""
        index = self._index()
        return index[3] if index is not None else {}

    def _index(self) -> tuple[str, dict[str, str], list[str], dict[str, tuple[Stat, bytes]]] | None:
        index = self._load("index")
        if not (isinstance(index, tuple) and len(index) == 4 and index[0] == code_version()):
            return None
        return index  # type: ignore[return-value]

    def _entry(self, relative: str, raw: tuple[Any, ...]) -> FileEntry:
        stat, trusted, digest, problems, record, scan, refs, photos, numbers = raw
        if record is not None:
            cls, state = record
            record = cls.__new__(cls)
            # what pydantic's __setstate__ does, without its call and lookups (8,000 records)
            _set(record, "__pydantic_fields_set__", state["__pydantic_fields_set__"])
            _set(record, "__pydantic_extra__", state["__pydantic_extra__"])
            _set(record, "__pydantic_private__", private := state["__pydantic_private__"])
            _set(record, "__dict__", state["__dict__"])
            shown = f"{self.shown_root.rstrip('/')}/{relative}" if self.shown_root else relative
            # into the private attributes directly: pydantic's __setattr__ was a tenth of the store's read
            private["_source"] = LocatedDocument(
                shown, None, f"{self.root}/{relative}", may_hold_numbers=numbers, digest=digest)
            for name in type(record).stored_apart:
                value = record.__dict__.get(name)
                if isinstance(value, StoredList) and not value.intact():
                    raise _Damaged(relative)
        return FileEntry(stat, trusted, digest, problems, record, scan, refs, photos)

    @staticmethod
    def _raw(entry: FileEntry) -> tuple[Any, ...]:
        record, stored, numbers = entry.record, None, False
        if record is not None:
            # the document stays out: restored records get one that reads the file when asked
            state = {**record.__getstate__(), "__pydantic_private__": {"_id": record._id}}
            if apart := type(record).stored_apart:  # long lists: restored when first read
                fields = state["__dict__"]
                state["__dict__"] = {name: StoredList.of(value) if name in apart and type(value) is list else value
                                     for name, value in fields.items()}
            stored, numbers = (type(record), state), record._source.may_hold_numbers
        return (entry.stat, entry.trusted, entry.digest, entry.problems, stored, entry.scan,
                entry.refs, entry.photos, numbers)

    def _load(self, name: str) -> Any:
        try:
            if self.folder is None:
                data = self.memory.get(name)
                return pickle.loads(data) if data is not None else None
            with (self.folder / name).open("rb") as source:
                return pickle.load(source)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError,
                IndexError, KeyError):
            return None

    def _save(self, name: str, value: Any) -> None:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if self.folder is None:
            self.memory[name] = data
            return
        write_cache_file(self.folder / name, data)

    def _remove(self, name: str) -> None:
        if self.folder is None:
            self.memory.pop(name, None)
        else:
            (self.folder / name).unlink(missing_ok=True)


_set = object.__setattr__


class _Damaged(Exception):
    """A stored entry whose bytes are not those written."""


def stored_digests(cache_dir: Path | None, root: Path, shown_root: str) -> dict[str, tuple[Stat, bytes]]:
    """Record files of ``root`` (relative path → stat and digest of the bytes, as
    :func:`~generator.load.yamlfile.digest_of` makes it) whose stat, as stored by the last
    load, can stand for their bytes: a file whose stat is still that one has those bytes."""
    return ContentStore(cache_dir, root, shown_root).digests()


def _name(shard: str) -> str:
    return "shard-" + hashlib.blake2b(shard.encode(), digest_size=8).hexdigest()
