"""Public records kept between builds, for ``jinlin build`` after an edit.

A new process cannot lend the last view's public records by identity, as ``serve`` does:
it has no last view. So each build keeps its public records (the 5,000 activities of a
city among them, with their Markdown made into HTML) together with their digests as page
keys use them, and the next build lends those whose source key is unchanged
(:meth:`~generator.model.public.PublicView.lend_stored`): a digest of the code that makes
them, of the record's file and of the files of everything it is made from. What is
derived from a public record (its open-data row) is kept too, under the record's digest
and the code. One edited activity then costs one activity made public, and its digest
for the page keys, instead of 5,000.

Sixteen files per kind, by the first digit of the key, read only when a record in them
is asked for; a build writes the files whose records changed. The code covers jinlin's
code, the pydantic and PyYAML versions (as the content store names them), the Markdown and
sanitiser versions, so a changed rule never serves an old record. A clean build (its cache folder
emptied) finds none and keeps its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.model.public import MADE_FROM, PublicView
from generator.site.background import load_pickle, save_pickle
from generator.site.memo import Fingerprinter

KINDS = tuple(MADE_FROM)
"""Kinds of public record kept (those :meth:`PublicView._kept` makes)."""


def code(cache_dir: Path) -> bytes:
    """A digest of what makes public records (see the module docstring): the records
    themselves come from the loader (``code_version``: its code, the models', pydantic's and
    PyYAML's versions, Python's)."""
    from generator.load.store import code_version
    from generator.site.freshness import code_digest
    from generator.site.markdowncache import store_path

    # all of jinlin's code (the site derives open-data rows), read once for the page keys too
    return code_version().encode() + code_digest() + store_path(cache_dir).name.encode()


def folder(cache_dir: Path) -> Path:
    return cache_dir / "public"


class Kept:
    """The public records kept in the cache folder, read file by file as they are asked
    for: a build that writes no open data of 星级 buildings never reads their 24,000 rows."""

    def __init__(self, cache_dir: Path) -> None:
        self.folder = folder(cache_dir)
        self.files: dict[str, dict[tuple[str, str], tuple[Any, bytes]]] = {}
        """The files read so far, by name."""

    def get(self, key: tuple[str, str]) -> tuple[Any, bytes] | None:
        name = _file(key)
        found = self.files.get(name)
        if found is None:
            found = self.files[name] = load_pickle(self.folder / f"{name}.pickle", {})
        return found.get(key)


def _file(key: tuple[str, str]) -> str:
    """The file a record is kept in: its kind (or what was derived from it) and the first
    digit of its key, so that one edited activity rewrites two of sixteen files, not all
    5,000 records."""
    return f"{key[0].replace('/', '~')}-{key[1][:1]}"


def lend(view: PublicView, cache_dir: Path) -> Kept:
    """Let ``view`` lend the kept public records made by this code (source keys include
    the code: other code's records never match); returns them for :func:`save`."""
    kept = Kept(cache_dir)
    view.lend_stored(kept, code(cache_dir))
    return kept


def save(view: PublicView, fingerprints: Fingerprinter, kept: Kept) -> None:
    """Keep this build's public records and what was derived from them (``fingerprints``:
    the build's, made with the view's :attr:`~PublicView.stored_digests`). A file is written
    only if its records are not exactly those it holds; a file this build did not read
    stays as it is (best effort: a cache never fails a build)."""
    # the files to write: those holding a record made by this build (every record asked
    # for is looked up in its file first, so that file was read), and those read whose
    # record is gone (a deleted activity); one edit writes two or three files of 240
    made: dict[str, list[tuple[str, str]]] = {}
    for key in view.kept:
        if key not in view.from_store:
            made.setdefault(_file(key), []).append(key)
    changed = set(made)
    # every lent record was read from a file: as many lent as read, and none is gone
    if sum(len(records) for records in kept.files.values()) != len(view.from_store):
        changed.update(name for name, records in kept.files.items()
                       if name not in changed and any(key not in view.kept for key in records))
    for name in sorted(changed):
        records: dict[tuple[str, str], tuple[object, bytes]] = {}
        for key in [*(k for k in kept.files.get(name, {}) if k in view.kept), *made.get(name, [])]:
            record = view.kept[key]
            # a lent record's digest comes with it (``fingerprints`` knows the view's stored
            # digests); what is derived from public records needs no digest of its own
            digest = fingerprints.of_record(record) if key[0] in KINDS else b""
            if digest is not None:  # a record without a digest is made anew each build
                records[key] = (record, digest)
        save_pickle(kept.folder / f"{name}.pickle", records)

