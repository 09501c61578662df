"""星级 results kept between builds (:mod:`generator.site.ratedcache`): each month in a file
of its own, read only when its results are asked for; a month whose inputs changed, or
whose file is damaged or missing, is scored again. Each view is loaded by a new session,
as in a new process (no record is the same object as before)."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from generator.load.session import ContentSession
from generator.model.public import PublicView, RatedMonth
from generator.site import ratedcache
from generator.site.memo import Fingerprinter


def _view(content: Path) -> PublicView:
    return PublicView(ContentSession(None).require(content)[0])


def _primed(content: Path, store: Path) -> tuple[PublicView, ratedcache.Store, dict[str, str]]:
    view = _view(content)
    return (view, *ratedcache.prime(view, store))


def _kept(content: Path, store: Path) -> dict[str, str]:
    """Build once: score every month and keep them; the months' keys."""
    view, index, keys = _primed(content, store)
    assert index == {}
    ratedcache.save(view, store, index, keys)
    assert set(index) == set(keys.values())
    return keys


def test_months_are_read_only_when_asked_for_and_equal_fresh_scores(site_copy: Path, tmp_path: Path) -> None:
    store = tmp_path / "rated"
    keys = _kept(site_copy, store)
    view, _, again = _primed(site_copy, store)
    fresh = _view(site_copy)
    assert again == keys and len(keys) == len(fresh.rating_months) == 2
    fingerprints = Fingerprinter()
    ratedcache.seed(view, keys, fingerprints)
    for month in fresh.rating_months:
        stored, scored = view.rated_month(month), fresh.rated(month)
        assert not stored.loaded
        assert len(stored) == len(scored) > 0
        assert stored.page_ids == {r.page_id for r in scored}
        fingerprints.digest((month, stored))  # keyed by its digest
        assert not stored.loaded
        assert view.rated(month) == scored and stored.loaded
        assert view.rated_month(month) is stored
        first = hashlib.blake2b(f"{keys[month]}/0".encode(), digest_size=16).digest()
        assert fingerprints.of_record(stored[0]) == first  # each result got its digest when read
        assert pickle.loads(pickle.dumps(stored)) == RatedMonth(scored)


def test_a_month_without_a_digest_is_keyed_by_its_results(site_copy: Path, tmp_path: Path) -> None:
    store = tmp_path / "rated"
    _kept(site_copy, store)
    view, fresh = _primed(site_copy, store)[0], _view(site_copy)
    for month in fresh.rating_months:
        assert Fingerprinter().digest(view.rated_month(month)) == Fingerprinter().digest(fresh.rated_month(month))
    month = fresh.rating_months[0]
    changed = RatedMonth(fresh.rated(month)[1:])  # one result fewer
    assert Fingerprinter().digest(changed) != Fingerprinter().digest(fresh.rated_month(month))


def test_a_damaged_or_missing_month_is_scored_again(site_copy: Path, tmp_path: Path) -> None:
    store = tmp_path / "rated"
    keys = _kept(site_copy, store)
    fresh = _view(site_copy)
    first, second = (store / f"{keys[m]}.pickle" for m in fresh.rating_months)
    first.write_bytes(first.read_bytes()[:-40])  # cut short
    second.write_bytes(pickle.dumps(fresh.rated(fresh.rating_months[1])[:1]))  # readable, too few
    view = _primed(site_copy, store)[0]
    for month in fresh.rating_months:
        assert view.rated(month) == fresh.rated(month)
    first.unlink()
    view = _primed(site_copy, store)[0]
    assert view.rated(fresh.rating_months[0]) == fresh.rated(fresh.rating_months[0])


def test_an_edited_sheet_scores_its_month_again_and_the_old_month_is_forgotten(site_copy: Path,
                                                                               tmp_path: Path) -> None:
    store = tmp_path / "rated"
    old = _kept(site_copy, store)
    sheet = site_copy / "ratings/2026-10/zaiyunqiao.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("satisfied: 80}", "satisfied: 41}", 1),
                     encoding="utf-8")
    view, index, keys = _primed(site_copy, store)
    assert keys["2026-09"] == old["2026-09"] and keys["2026-10"] != old["2026-10"]
    assert not view.rated_month("2026-09").loaded
    assert view.rated("2026-10") == _view(site_copy).rated("2026-10")
    ratedcache.save(view, store, index, keys)
    assert not view.rated_month("2026-09").loaded  # kept already: not read to be kept again
    assert set(index) == set(keys.values())
    assert {p.stem for p in store.glob("*.pickle")} == {*keys.values(), "index"}
    view = _primed(site_copy, store)[0]
    assert view.rated("2026-10") == _view(site_copy).rated("2026-10")


def test_stores_of_other_code_are_removed(site_copy: Path, tmp_path: Path) -> None:
    store = tmp_path / "rated-3-0123456789abcdef"
    (tmp_path / "rated-2-0123456789abcdef.pickle").write_bytes(b"old")
    (tmp_path / "rated-3-fedcba9876543210").mkdir()
    _kept(site_copy, store)
    assert [p.name for p in tmp_path.glob("rated-*")] == [store.name]
