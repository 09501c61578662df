"""星级楼栋 results kept between builds.

Scoring every building of every month is seconds of work at city scale, and an edit to
an activity changes none of it. Each month's results are kept under a digest of what
they are computed from — that month's rating sheets, the scoring rules and the
organisation (names of communities, 小区 and 楼栋) — in a file named after the code that
reads and scores them; a month whose inputs changed is scored again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel

from generator.model.base import source_of
from generator.model.public import MADE_FROM, PublicView, RatedBuilding
from generator.site.background import load_pickle, save_pickle
from generator.site.memo import Fingerprinter

Store = dict[str, list[RatedBuilding]]
FORMAT = 2
"""Of the store's file: the results themselves (1: as plain tuples, when unpickling 24,000
dataclasses with the collector running took a second; it no longer runs then)."""


def store_path(cache_dir: Path) -> Path:
    """The store's file, named after the code that reads the rating sheets and scores them
    (the loader and the models, as the content store names them)."""
    from generator.load.store import code_version

    return cache_dir / f"rated-{FORMAT}-{code_version()[:16]}.pickle"


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
    """Hand the view every month's results from the store whose inputs are unchanged;
    return (the store, the keys of this view's months) for :func:`save`. ``kept`` is what
    the last build of this process returned (``serve``): its store is not read from disk
    again, and its keys hold while the view's ratings, rules and organisation are the very
    records the last view had (the view then has the results already)."""
    if kept is not None and not view.changed & MADE_FROM["ratings"]:
        return kept[1], kept[2]
    store = kept[1] if kept is not None else _load(path)
    keys = {month: month_key(view, month) for month in view.rating_months}
    for month, key in keys.items():
        if key in store:
            view.remember_rated(month, store[key])
    return store, keys


def save(view: PublicView, path: Path, store: Store, keys: dict[str, str]) -> None:
    """Keep this build's months (computed by now: the site showed them all)."""
    if set(keys.values()) == set(store):
        return
    save_pickle(path, {key: view.rated(month) for month, key in keys.items()})
    for old in path.parent.glob("rated-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def _load(path: Path) -> Store:
    found = load_pickle(path, {})
    if all(type(v) is list and all(type(r) is RatedBuilding for r in v[:1]) for v in found.values()):
        return found  # type: ignore[no-any-return]
    return {}


def seed(view: PublicView, keys: dict[str, str], fingerprints: Fingerprinter, *, results: bool = True,
         lists: dict[str, list[RatedBuilding]] | None = None) -> None:
    """Give each month's results their digests from the month's key, so that pages
    listing them need not digest 24,000 results one by one (``results=False``: they have
    them already, lent by the last build of ``serve``); ``lists`` (a month's results as
    the site's pages list them, unchanged during the build) get one digest each."""
    for month, key in keys.items():
        if results:
            for index, rated in enumerate(view.rated(month)):
                fingerprints.seed(rated, hashlib.blake2b(f"{key}/{index}".encode(), digest_size=16).digest())
        if lists is not None and month in lists:
            fingerprints.seed(lists[month], hashlib.blake2b(f"{key}/list".encode(), digest_size=16).digest())
