"""星级楼栋 results kept between builds.

Scoring every building of every month is seconds of work at city scale, and an edit to
an activity changes none of it. Each month's results are kept under a digest of what
they are computed from — that month's rating sheets, the scoring rules and the
organisation (names of communities, 小区 and 楼栋) — in a folder named after the code that
reads and scores them; a month whose inputs changed is scored again.

Each month is a file of its own, read only when its results are asked for
(:class:`~generator.model.public.RatedMonth`): pages are keyed by a month's digest, so an
edit to an activity reads the month of the home page and of the bulletin it changes,
not all twelve. An index keeps each month's number of results and building pages.
"""

from __future__ import annotations

import hashlib
import shutil
from functools import partial
from pathlib import Path

from pydantic import BaseModel

from generator.model.base import source_of
from generator.model.public import MADE_FROM, PublicView, RatedBuilding
from generator.site.background import load_pickle, save_pickle
from generator.site.memo import Fingerprinter

Store = dict[str, tuple[int, frozenset[str]]]
"""The index: month key → (number of results, page ids of their buildings)."""
FORMAT = 3
"""Of the store: a folder of months and an index (2: one file of every month's results;
1: the same as plain tuples, when unpickling 24,000 dataclasses with the collector
running took a second; it no longer runs then)."""


def store_path(cache_dir: Path) -> Path:
    """The store's folder, named after the code that reads the rating sheets and scores
    them (the loader and the models, as the content store names them)."""
    from generator.load.store import code_version

    return cache_dir / f"rated-{FORMAT}-{code_version()[:16]}"


def month_key(view: PublicView, month: str) -> str:
    """A digest of everything ``view.rated(month)`` is computed from."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(month.encode())
    digest.update(_record_digest(view.scoring))
    for community in view.content.communities.values():
        digest.update(_record_digest(community, {"id", "name", "estates"}))
    for sheet in view.content.ratings_in(month):
        digest.update(_record_digest(sheet))
    return digest.hexdigest()


def _record_digest(record: BaseModel, fields: set[str] | None = None) -> bytes:
    """The digest of the file ``record`` was loaded from (the loader knows it), else of
    its values (``fields`` of them) as JSON."""
    source = source_of(record)
    found = getattr(source, "digest", None)
    if found is not None:
        return b"file:" + found
    return b"json:" + record.model_dump_json(include=fields).encode()


def prime(view: PublicView, path: Path,
          kept: tuple[Path, Store, dict[str, str]] | None = None) -> tuple[Store, dict[str, str]]:
    """Hand the view every month's results from the store whose inputs are unchanged (to
    be read when asked for); return (the store's index, the keys of this view's months)
    for :func:`save`. ``kept`` is what the last build of this process returned (``serve``):
    its index is not read from disk again, and its keys hold while the view's ratings,
    rules and organisation are the very records the last view had (the view then has the
    results already)."""
    if kept is not None and not view.changed & MADE_FROM["ratings"]:
        return kept[1], kept[2]
    index = kept[1] if kept is not None else _load_index(path)
    keys = {month: month_key(view, month) for month in view.rating_months}
    for month, key in keys.items():
        if key in index:
            count, page_ids = index[key]
            view.remember_stored_rated(month, partial(_read_month, index, key, path / f"{key}.pickle", count),
                                       count, page_ids)
    return index, keys


def save(view: PublicView, path: Path, index: Store, keys: dict[str, str]) -> None:
    """Keep this build's months that the store lacks (computed by now: the site showed
    them all), then the index; forget other months and other stores. ``index`` becomes
    the new one (``serve`` keeps it for the next build)."""
    now: Store = {}
    for month, key in keys.items():
        file = path / f"{key}.pickle"
        if key in index and file.is_file():
            now[key] = index[key]
            continue
        results = view.rated(month)
        save_pickle(file, results)
        now[key] = (len(results), frozenset(r.page_id for r in results))
    if now != index or not (path / "index.pickle").is_file():
        save_pickle(path / "index.pickle", now)
    for old in path.glob("*.pickle") if path.is_dir() else ():
        if old.stem != "index" and old.stem not in now:
            old.unlink(missing_ok=True)
    for old in path.parent.glob("rated-*"):
        if old != path:
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    index.clear()
    index.update(now)


def _load_index(path: Path) -> Store:
    found = load_pickle(path / "index.pickle", {})
    if all(type(v) is tuple and len(v) == 2 and type(v[1]) is frozenset for v in found.values()):
        return found  # type: ignore[no-any-return]
    return {}


def _read_month(index: Store, key: str, file: Path, count: int) -> list[RatedBuilding] | None:
    """:func:`_load_month`; a month it cannot read leaves ``index``, so that :func:`save`
    writes it again (it is scored again meanwhile)."""
    found = _load_month(file, count)
    if found is None:
        index.pop(key, None)
    return found


def _load_month(file: Path, count: int) -> list[RatedBuilding] | None:
    """A month's results as kept, or ``None`` if the file is missing or damaged."""
    found = load_pickle(file, [])
    if len(found) == count and all(type(r) is RatedBuilding for r in found):
        return found  # type: ignore[no-any-return]
    return None


def seed(view: PublicView, keys: dict[str, str], fingerprints: Fingerprinter, *, results: bool = True) -> None:
    """Give each month's results their digests from the month's key, so that pages
    listing them need not digest 24,000 results one by one: the month as one object
    (:meth:`PublicView.rated_month`) at once, each result when it is read (``results=False``:
    they have them already, lent by the last build of ``serve``)."""
    for month, key in keys.items():
        rated = view.rated_month(month)
        fingerprints.seed(rated, hashlib.blake2b(f"{key}/month".encode(), digest_size=16).digest())
        if results:
            rated.on_load(partial(_seed_results, fingerprints, key))


def _seed_results(fingerprints: Fingerprinter, key: str, results: list[RatedBuilding]) -> None:
    for index, rated in enumerate(results):
        fingerprints.seed(rated, hashlib.blake2b(f"{key}/{index}".encode(), digest_size=16).digest())
