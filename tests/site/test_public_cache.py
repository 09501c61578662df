"""``jinlin build`` after an edit lends public records kept on the disk by the last build
(:mod:`generator.site.publiccache`): only those whose record and whose every input are
unchanged, and each with the digest page keys use. After every kind of edit the view
equals a fresh one; loads are new sessions, as in a new process (no record is the same
object as before)."""

from __future__ import annotations

import os
from pathlib import Path

from sitetools import EDITS, edit_content, public_parts

from generator.load.session import ContentSession
from generator.model.public import PublicView
from generator.site import publiccache
from generator.site.background import load_pickle
from generator.site.memo import Fingerprinter
from generator.site.opendata import datasets


def _view(content: Path, cache: Path, data: list[bytes] | None = None) -> tuple[PublicView, Fingerprinter]:
    """A build's view in a new process: loaded afresh, lent what ``cache`` keeps, worked
    out (and its open data into ``data``), and kept in ``cache`` again (as the plugin does
    after the pages are made)."""
    loaded, _ = ContentSession(None).require(content)
    view = PublicView(loaded)
    kept = publiccache.lend(view, cache)
    fingerprints = Fingerprinter(known=view.stored_digests)
    view.digest_with(fingerprints.of_record)
    public_parts(view)
    if data is not None:
        data.extend(f() for table in datasets(view) for f in (table.csv_bytes, table.json_bytes))
    publiccache.save(view, fingerprints, kept)
    return view, fingerprints


def _fresh(content: Path) -> PublicView:
    return PublicView(ContentSession(None).require(content)[0])


def test_a_view_lent_from_the_disk_equals_a_fresh_one_after_every_kind_of_edit(site_copy: Path,
                                                                                tmp_path: Path) -> None:
    first, _ = _view(site_copy, tmp_path)
    assert not first.stored_digests  # nothing kept yet
    assert {kind for kind, _ in first.kept} == set(publiccache.KINDS) - {"ratings"}
    again, _ = _view(site_copy, tmp_path)
    assert len(again.stored_digests) == len(again.kept)  # nothing changed: every record lent
    for edit in EDITS:
        edit_content(site_copy, edit)
        lent, _ = _view(site_copy, tmp_path)
        assert public_parts(lent) == public_parts(_fresh(site_copy)), edit
        expected = _made_from(edit[0].split("/")[0].removesuffix(".yml"))
        # a meeting or wish linking to an edited activity shows its title: made again too
        linked = {"meetings", "wishes"} if "activities" in expected else set()
        assert expected <= _made_again(lent) <= expected | linked, edit
        for record, digest in lent.stored_digests.values():  # the kept digest is the record's own
            assert Fingerprinter().of_record(record) == digest, edit


def _made_again(view: PublicView) -> set[str]:
    """Kinds of which the view made some public record anew (instead of lending it)."""
    return {kind for (kind, _), record in view.kept.items() if id(record) not in view.stored_digests}


def _made_from(table: str) -> set[str]:
    """Kinds of public record made from the table or settings file ``table``."""
    return {kind for kind, sources in publiccache.MADE_FROM.items()
            if kind != "ratings" and (kind == table or table in sources)}


def test_only_what_an_edit_touches_is_made_again(site_copy: Path, tmp_path: Path) -> None:
    _view(site_copy, tmp_path)
    files = sorted(publiccache.folder(tmp_path).iterdir())
    for file in files:
        os.utime(file, ns=(0, 0))
    edit_content(site_copy, EDITS[0])  # one activity's title
    lent, _ = _view(site_copy, tmp_path)
    written = [f for f in publiccache.folder(tmp_path).iterdir() if f not in files or f.stat().st_mtime_ns]
    held = [kind for file in written for kind, _ in load_pickle(file, {})]
    assert 0 < held.count("activities") < len(lent.activities), held  # not every activity written again
    made = {key[0]: record for key, record in lent.kept.items() if id(record) not in lent.stored_digests}
    assert len(made) == 2 and len(lent.kept) > 10  # that activity and the meeting linking to it
    assert made["activities"].title == "天润小区楼道大扫除"
    assert any(link.id == made["activities"].id for link in made["meetings"].activities)


def test_a_record_gone_from_the_view_leaves_its_kept_file(site_copy: Path, tmp_path: Path) -> None:
    """A file read by a build that holds a record the view no longer has (its activity was
    deleted) is written again without it; files with nothing made or gone are not written."""
    from generator.site.background import save_pickle

    _view(site_copy, tmp_path)
    files = sorted(publiccache.folder(tmp_path).glob("activities-*.pickle"))
    held = files[0]
    records = load_pickle(held, {})
    gone = ("activities", held.stem.rsplit("-", 1)[1] + "0" * 31)  # a key of that file
    assert publiccache._file(gone) == held.stem and gone not in records
    save_pickle(held, {**records, gone: next(iter(records.values()))})
    for file in files:
        os.utime(file, ns=(0, 0))
    _view(site_copy, tmp_path)  # nothing changed: every record lent, the gone one dropped
    assert set(load_pickle(held, {})) == set(records)
    assert [f for f in files if f.stat().st_mtime_ns] == [held]


def test_an_edit_makes_one_run_of_open_data_again(site_copy: Path, tmp_path: Path,
                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Open-data lines are kept by runs of rows: an edited activity makes its run again and
    the files equal those of a view made afresh."""
    from generator.site import opendata

    monkeypatch.setattr(opendata, "RUN", 2)
    _view(site_copy, tmp_path, [])
    edit_content(site_copy, EDITS[0])  # one activity's title
    data: list[bytes] = []
    lent, _ = _view(site_copy, tmp_path, data)
    runs = [key for key in lent.kept if key[0] == "open-data-run/activities"]
    made = [key for key in runs if key not in lent.from_store]
    assert len(runs) == -(-len(lent.activities) // 2) > 2 and len(made) == 1, (len(runs), made)
    fresh = _fresh(site_copy)
    assert data == [f() for table in datasets(fresh) for f in (table.csv_bytes, table.json_bytes)]
    assert "天润小区楼道大扫除" in data[0].decode("utf-8-sig")


def test_other_code_lends_nothing(site_copy: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Neither public records nor what was derived from them (an open-data row is made
    by site code from a record whose digest may not change with that code)."""
    _view(site_copy, tmp_path, [])
    monkeypatch.setattr(publiccache, "code", lambda cache_dir: b"other rules")
    lent, _ = _view(site_copy, tmp_path, [])
    assert not lent.stored_digests and not lent.from_store
    assert any(kind.startswith("open-data") for kind, _ in lent.kept)


def test_a_copied_file_is_its_own_record(site_copy: Path, tmp_path: Path) -> None:
    """Two files with the same bytes are two records (the id is the file name)."""
    source = site_copy / EDITS[0][0]
    _view(site_copy, tmp_path)
    source.with_name("2026-08-15-loudao-qingli-2.yml").write_bytes(source.read_bytes())
    lent, _ = _view(site_copy, tmp_path)
    assert public_parts(lent) == public_parts(_fresh(site_copy))
    assert len({a.id for a in lent.activities}) == len(lent.activities)


def test_open_data_rows_of_lent_records_are_kept_too(site_copy: Path, tmp_path: Path,
                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The rows of open data made from lent records come from the disk too, by runs of
    rows, and the files are those of a fresh view (after an edit as well)."""
    from generator.site import opendata

    monkeypatch.setattr(opendata, "RUN", 2)
    fresh: list[bytes] = []
    for table in datasets(_fresh(site_copy)):
        fresh += [table.csv_bytes(), table.json_bytes()]
    for build in range(2):  # kept, then lent
        data: list[bytes] = []
        view, _ = _view(site_copy, tmp_path, data)
        assert data == fresh, build
    runs = {key for key in view.kept if key[0] == "open-data-run/activities"}
    assert len(runs) == -(-len(view.activities) // 2) and runs <= view.from_store
    edit_content(site_copy, EDITS[0])
    data = []
    view, _ = _view(site_copy, tmp_path, data)
    assert data == [f() for t in datasets(_fresh(site_copy)) for f in (t.csv_bytes, t.json_bytes)]
    assert data != fresh
    lent = {key for key in view.kept if key[0] == "open-data-run/activities"} & view.from_store
    assert len(lent) == len(runs) - 1  # all but the edited activity's run


def test_what_is_kept_is_named_after_the_loader_too(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Public records and 星级 results are made from parsed records: another loader (its
    code, pydantic's or PyYAML's version) must not find what this one made."""
    import generator.load.store as store
    from generator.site import ratedcache

    before = publiccache.code(tmp_path), ratedcache.store_path(tmp_path)
    monkeypatch.setattr(store, "code_version", lambda: "another loader")
    assert publiccache.code(tmp_path) != before[0]
    assert ratedcache.store_path(tmp_path) != before[1]
