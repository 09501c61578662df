"""The record files of one content folder, kept between loads: each file's parse, record
and problems are reused for as long as its bytes stay the same.

A file is taken as unchanged when its stat is what it was and was already old when it was
listed (see :mod:`generator.load.listing`); otherwise its bytes are hashed, and only a
file whose digest changed is parsed and validated again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem
from generator.load.listing import Listing, Stat, list_content, trusted
from generator.load.parallel import read_files
from generator.load.tree import (
    LoadedTree,
    add_missing,
    add_record,
    classify,
    misplaced,
    not_a_record,
    shown_path,
    validate,
)
from generator.load.yamlfile import digest_of
from generator.model.base import Record
from generator.model.kinds import KINDS
from generator.model.privacy import scan_record
from generator.model.references import photo_problems_possible


@dataclass(slots=True)
class FileEntry:
    """What one record file gave: reusable while the file's bytes are unchanged."""

    stat: Stat | None
    trusted: bool
    digest: bytes | None
    problems: tuple[Problem, ...]
    """Problems of the file on its own: YAML and the record's model."""
    record: Record | None
    scan: tuple[Problem, ...] = ()
    """Privacy warnings (they depend on the file's text only)."""
    refs: tuple[Problem, ...] | None = None
    """Cross-record problems, valid for the current signature of the record's kind."""
    photos: bool = False
    """Whether the record names photo files (checked on disk on every load)."""


@dataclass
class RecordFiles:
    """The record files of ``root``, shown in messages below ``shown_root``."""

    root: Path
    shown_root: str
    entries: dict[str, FileEntry] = field(default_factory=dict)
    listing: Listing = field(default_factory=Listing)
    restated: set[str] = field(default_factory=set)
    """Files found unchanged by their digest on the last refresh (their stat is new)."""

    def refresh(self, listing: Listing | None = None) -> set[str]:
        """List the folder again (or take ``listing``, just made) and bring every entry up
        to date; returns the relative paths whose entry is new (added or changed files)."""
        self.listing = listing if listing is not None else list_content(str(self.root))
        self.restated = set()
        stale: list[str] = []
        kept: dict[str, FileEntry] = {}
        for relative, stat in self.listing.records.items():
            if classify(relative) is None:
                continue
            entry = self.entries.get(relative)
            if entry is not None and self._still_valid(relative, entry, stat):
                kept[relative] = entry
            else:
                stale.append(relative)
        self.entries = kept
        self._read(stale)
        return set(stale)

    def _still_valid(self, relative: str, entry: FileEntry, stat: Stat | None) -> bool:
        if stat is None or entry.digest is None:
            return False
        if stat == entry.stat and entry.trusted:
            return True
        try:
            same = digest_of((self.root / relative).read_bytes()) == entry.digest
        except OSError:
            return False
        if same:
            entry.stat, entry.trusted = stat, trusted(stat, self.listing.taken_ns)
            self.restated.add(relative)
        return same

    def _read(self, relatives: list[str]) -> None:
        files = [(self.root / relative, self.shown(relative)) for relative in relatives]
        for relative, (digest, (doc, found)) in zip(relatives, read_files(files), strict=True):
            place = classify(relative)
            assert place is not None
            record, invalid = validate(doc, place)
            if doc is not None:
                doc.digest = digest
            stat = self.listing.records[relative]
            self.entries[relative] = FileEntry(
                stat, trusted(stat, self.listing.taken_ns), digest, (*found, *invalid), record,
                scan=tuple(scan_record(record)) if record is not None else (),
                photos=record is not None and photo_problems_possible(record),
            )

    def shown(self, relative: str) -> str:
        """A content-relative path as messages name it."""
        return shown_path(self.shown_root, relative)

    def tree(self) -> tuple[LoadedTree, dict[str, str]]:
        """The records as :func:`load_tree` gives them, with every problem of the files on
        their own, and which file each table entry came from (``kind/key`` → relative path)."""
        tree = LoadedTree(records={kind.name: {} for kind in KINDS})
        tree.problems.extend(not_a_record(relative, self.shown(relative)) for relative in self.listing.others)
        origin: dict[str, str] = {}
        for relative in self.listing.records:
            place, shown = classify(relative), self.shown(relative)
            if place is None:
                tree.problems.append(misplaced(relative, shown))
                continue
            entry = self.entries[relative]
            tree.problems.extend(entry.problems)
            if add_record(tree, place, entry.record, shown):
                origin[f"{place.kind.name}/{place.key}"] = relative
        add_missing(tree, self.shown_root)
        return tree, origin
