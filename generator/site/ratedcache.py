"""星级楼栋 results kept between builds.

Scoring every building of every month is seconds of work at city scale, and an edit to
an activity changes none of it. Each month's results are kept under a digest of what
they are computed from — that month's rating sheets, the scoring rules and the
organisation (names of communities, 小区 and 楼栋) — in a file named after the model
code that computes them; a month whose inputs changed is scored again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from pathlib import Path

from pydantic import BaseModel

from generator.model.base import source_of
from generator.model.public import MADE_FROM, PublicView, RatedBuilding, Ref
from generator.model.ratings import BuildingScore
from generator.site.background import save_pickle
from generator.site.freshness import folder_digest
from generator.site.memo import Fingerprinter

Store = dict[str, list[RatedBuilding]]
Flat = tuple[tuple[object, ...], tuple[str, str], tuple[str, str], tuple[str, str]]
"""A :class:`RatedBuilding` as plain tuples: unpickling 24,000 dataclasses took over a
second, making them again from tuples a tenth of that."""


def store_path(cache_dir: Path) -> Path:
    """The store's file, named after the model code (scoring rules live there)."""
    import generator.model

    code = folder_digest(Path(generator.model.__file__).parent, by_bytes=True).hex()[:16]
    return cache_dir / f"rated-{code}.pickle"


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
    kept = {key: [_flat(r) for r in view.rated(month)] for month, key in keys.items()}
    save_pickle(path, kept)
    for old in path.parent.glob("rated-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def _flat(rated: RatedBuilding) -> Flat:
    # a shallow tuple: BuildingScore holds only plain values (astuple deep-copied every
    # one of them, seconds at city scale)
    return (tuple(getattr(rated.score, name) for name in _SCORE_FIELDS), (rated.community.id, rated.community.name),
            (rated.estate.id, rated.estate.name), (rated.building.id, rated.building.name))


_SCORE_FIELDS = tuple(f.name for f in dataclasses.fields(BuildingScore))


def _load(path: Path) -> Store:
    try:
        with path.open("rb") as source:
            found = pickle.load(source)
        refs: dict[tuple[str, str], Ref] = {}

        def ref(pair: tuple[str, str]) -> Ref:
            return refs.get(pair) or refs.setdefault(pair, Ref(*pair))

        return {key: [RatedBuilding(BuildingScore(*score), ref(c), ref(e), ref(b))  # type: ignore[arg-type]
                      for score, c, e, b in flats] for key, flats in found.items()}
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
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
