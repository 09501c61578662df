"""Load one content folder again and again, redoing only what an edit can have changed.

``jinlin serve`` keeps a :class:`ContentSession` between rebuilds; every command's
:func:`generator.project.load_content` uses a fresh one seeded from the disk cache. The
result is always exactly that of a full load: the same records, the same problems in the
same order. What is reused:

* for a file whose bytes are unchanged: its parse, its validated record, its own problems
  and its privacy warnings (see :mod:`generator.load.files`);
* a record's cross-record problems, while the record is unchanged and nothing its checks
  look at changed: the ids (and failed ids) of the kinds it refers to, the communities,
  the meetings' dates and ``scoring.yml`` (see ``REFERENCED`` in
  :mod:`generator.model.references`). Photo files are checked on disk every time.

Records are shared between the loads of one session: treat them as read-only.
"""

from __future__ import annotations

import gc
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import ContentError, Problem
from generator.load.files import FileEntry, RecordFiles
from generator.load.listing import Listing
from generator.load.store import ContentStore, shard_of
from generator.load.tree import LoadedTree, classify
from generator.model.base import Record
from generator.model.content import TABLES, Content
from generator.model.references import CHECKED, REFERENCED, Resolver, photo_problems, record_problems

Result = tuple[Content | None, list[Problem]]

class ContentSession:
    """Loads of one content folder that reuse the previous load's work.

    ``cache_dir`` is where the work is kept between processes (``None``: in this
    process's memory only). One session serves one folder at a time; loading another
    folder (or the same one under another ``shown_root``) starts afresh.
    """

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self._files: RecordFiles | None = None
        self._store: ContentStore | None = None
        self._signatures: dict[str, str] = {}
        self._lock = threading.Lock()

    def load(self, root: Path | str, shown_root: str | None = None, *, listing: Listing | None = None) -> Result:
        """Load and check ``root`` like :func:`generator.project.load_content`: the content
        (``None`` if it could not be assembled) and every problem, sorted by file and line
        (``listing``: ``root`` as just listed by the caller, not listed again)."""
        root = Path(root)
        shown = str(root) if shown_root is None else shown_root
        with self._lock, collector_paused():
            if not root.is_dir():
                return None, [Problem(shown, 0, 0, f"找不到内容文件夹：{shown}")]
            files = self._files_for(root, shown)
            before = dict(files.entries)
            changed = files.refresh(listing)
            content, problems, dirty = self._assemble(files, changed)
            dirty |= changed | files.restated | (set(before) - set(files.entries))
            assert self._store is not None
            self._store.write(files.entries, {shard_of(r) for r in dirty}, self._signatures)
            return content, sorted(problems, key=Problem.sort_key)

    def require(self, root: Path | str, shown_root: str | None = None, *,
                listing: Listing | None = None) -> tuple[Content, list[Problem]]:
        """Like :meth:`load`, but raise :class:`ContentError` when there is any error;
        returns the content and its warnings (as :func:`generator.project.require_content`)."""
        content, problems = self.load(root, shown_root, listing=listing)
        if content is None or any(p.is_error for p in problems):
            raise ContentError(problems)
        return content, problems

    def _files_for(self, root: Path, shown: str) -> RecordFiles:
        files = self._files
        if files is None or files.root != root or files.shown_root != shown:
            self._store = ContentStore(self.cache_dir, root, shown)
            files = self._files = RecordFiles(root, shown, self._store.read())
            self._signatures = dict(self._store.signatures)
        return files

    def _assemble(self, files: RecordFiles, changed: set[str]) -> tuple[Content | None, list[Problem], set[str]]:
        tree, origin = files.tree()
        problems = list(tree.problems)
        site, scoring = tree.records["site"].get("site"), tree.records["scoring"].get("scoring")
        if site is None or scoring is None:
            return None, problems, set()
        content = Content(
            root=files.root, site=site, scoring=scoring,  # type: ignore[arg-type]
            **{table: tree.records[kind] for table, kind in TABLES.items()},  # type: ignore[arg-type]
        )
        if "figures" in tree.records["figures"]:
            content.figures = tree.records["figures"]["figures"]  # type: ignore[assignment]
        entries = {key: files.entries[relative] for key, relative in origin.items()}
        dirty = self._cross_checks(content, tree, origin, files, problems)
        problems.extend(_record_checks(content, entries))
        return content, problems, dirty

    def _cross_checks(self, content: Content, tree: LoadedTree, origin: dict[str, str],
                      files: RecordFiles, problems: list[Problem]) -> set[str]:
        """Append the cross-record problems, re-checking only what can have changed;
        returns the files whose stored problems changed."""
        entries = {key: files.entries[relative] for key, relative in origin.items()}
        signatures = signatures_of(content, tree.failed, entries)
        resolver = Resolver(content, tree.failed)
        dirty: set[str] = set()
        for kind, table, _ in CHECKED:
            fresh = signatures[kind] != self._signatures.get(kind)
            for key, record in getattr(content, table).items():
                relative = origin[f"{kind}/{key}"]
                entry = files.entries[relative]
                if fresh or entry.refs is None:
                    found = tuple(record_problems(resolver, kind, record))
                    if found != entry.refs:
                        entry.refs = found
                        dirty.add(relative)
                problems.extend(entry.refs)  # type: ignore[arg-type]
            if fresh:  # files left out of the table (duplicates) were not checked again
                dirty |= _forget_unchecked(files, kind, {origin[f"{kind}/{key}"] for key in getattr(content, table)})
        self._signatures = signatures
        return dirty


def _forget_unchecked(files: RecordFiles, kind: str, checked: set[str]) -> set[str]:
    forgotten: set[str] = set()
    for relative, entry in files.entries.items():
        place = classify(relative)
        if entry.refs is not None and relative not in checked and place is not None and place.kind.name == kind:
            entry.refs = None
            forgotten.add(relative)
    return forgotten


def _record_checks(content: Content, entries: dict[str, FileEntry]) -> Iterator[Problem]:
    """Privacy warnings (cached per file) and photo files (checked on disk), record by
    record in the order of a full load."""
    media = content.media_root.resolve()
    ordered: list[tuple[str, Record]] = [("site/site", content.site), ("scoring/scoring", content.scoring)]
    for table, kind in TABLES.items():
        ordered += ((f"{kind}/{key}", record) for key, record in getattr(content, table).items())
    for key, record in ordered:
        entry = entries[key]
        yield from entry.scan or ()
        if entry.photos:
            yield from photo_problems(content, media, record)


def signatures_of(content: Content, failed: set[tuple[str, str]], entries: dict[str, FileEntry]) -> dict[str, str]:
    """For each checked kind, a digest of everything its checks look at besides the
    record itself (``REFERENCED``)."""
    parts: dict[str, object] = {
        "scoring": entries["scoring/scoring"].digest,
        "meeting_dates": tuple(m.date for m in content.meetings.values()),
        "community_files": tuple(entries[f"community/{key}"].digest for key in content.communities),
    }
    for table, kind in TABLES.items():
        parts[kind] = (tuple(getattr(content, table)), tuple(sorted(i for k, i in failed if k == kind)))
    parts["community"] = (parts["community"], parts["community_files"])
    parts["meeting"] = (parts["meeting"], parts["meeting_dates"])
    signatures = {}
    for kind, _, _ in CHECKED:
        seen = repr(tuple((name, parts[name]) for name in sorted(REFERENCED[kind])))
        signatures[kind] = hashlib.blake2b(seen.encode(), digest_size=16).hexdigest()
    return signatures


@contextmanager
def collector_paused(*, collect_first: bool = True) -> Iterator[None]:
    """Keep the cyclic collector out of a load (or of making pages), and out of what it
    left alive afterwards.

    Loading builds millions of small acyclic objects; the collector would rescan the
    growing heap again and again (about 45% of the time at city scale), and the first
    collection after the load would walk all of them once more (~0.5 s). So garbage that
    exists before is collected first (unless ``collect_first`` is false), and what is
    alive after is frozen (:func:`gc.freeze`): it is still freed by reference counting
    when dropped.
    """
    was_enabled = gc.isenabled()
    if was_enabled and collect_first:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
