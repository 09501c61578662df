"""Rebuilds touch only what changed: the render memo, the output writer, the search plan,
and whole builds of the fixture content before and after an edit."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from sitetools import EDITS, ROOT, edit_content

from generator.load.listing import RACY_NS
from generator.model.public import Ref
from generator.site.memo import Fingerprinter, RenderMemo, Unkeyable
from generator.site.output import Manifest, SiteOutput
from generator.site.searchindex import DELTA_LIMIT, SearchState, plan

ACTIVITY = "activities/2026/08/2026-08-15-loudao-qingli.yml"
PAGE = "activities/2026-08-15-loudao-qingli/index.html"


# -- the render memo ------------------------------------------------------------------------
def test_fingerprints_follow_values_not_objects() -> None:
    first, second = Fingerprinter(), Fingerprinter()
    ref = Ref("a", "甲")
    assert first.digest([ref, {"n": 1}]) == second.digest([Ref("a", "甲"), {"n": 1}])
    assert first.digest(ref) != first.digest(dataclasses.replace(ref, name="乙"))
    with pytest.raises(Unkeyable):
        first.digest(object())


def test_a_page_that_reads_the_whole_site_is_never_skipped() -> None:
    memo = RenderMemo({}, b"salt")
    key = memo.key("t.html", "a/", {"x": 1})
    memo.rendered("a/", key, {"thumb"})
    memo.rendered("b/", key, {"activities"})
    assert memo.keys == {"a/": key, "b/": None}
    later = RenderMemo(memo.keys, b"salt")
    assert later.unchanged("a/", later.key("t.html", "a/", {"x": 1}))
    assert not later.unchanged("a/", later.key("t.html", "a/", {"x": 2}))
    other = RenderMemo(memo.keys, b"other")  # the theme, code or settings changed
    assert not other.unchanged("a/", other.key("t.html", "a/", {"x": 1}))


# -- the output writer -------------------------------------------------------------------------
def test_site_output_writes_only_changed_files_and_removes_gone_ones(tmp_path: Path) -> None:
    first = SiteOutput(tmp_path)
    first.put("index.html", b"home")
    first.put("a/index.html", b"a")
    first.put("b/index.html", b"b")
    first.commit()
    stamp = (tmp_path / "a" / "index.html").stat().st_mtime_ns
    second = SiteOutput(tmp_path, first.manifest)
    assert second.incremental
    assert not second.put("a/index.html", b"a")
    assert second.put("index.html", b"home 2")
    second.commit()
    assert (tmp_path / "a" / "index.html").stat().st_mtime_ns == stamp
    assert (tmp_path / "index.html").read_bytes() == b"home 2"
    assert not (tmp_path / "b").exists()


def test_a_folder_emptied_behind_its_back_is_written_again(tmp_path: Path) -> None:
    first = SiteOutput(tmp_path)
    first.put("index.html", b"home")
    first.commit()
    (tmp_path / "index.html").unlink()
    again = SiteOutput(tmp_path, Manifest.load(tmp_path / "missing") or first.manifest)
    assert not again.incremental
    assert again.put("index.html", b"home")


def test_staged_changes_reach_the_site_only_on_commit(tmp_path: Path) -> None:
    site, pending = tmp_path / "site", tmp_path / "pending"
    first = SiteOutput(site)
    first.put("index.html", b"old")
    first.commit()
    staged = SiteOutput(site, first.manifest, pending)
    staged.put("index.html", b"new")
    assert (site / "index.html").read_bytes() == b"old"
    staged.commit()
    assert (site / "index.html").read_bytes() == b"new" and not pending.exists()


# -- the search plan -------------------------------------------------------------------------
def test_search_plan_indexes_changes_apart_until_they_are_many() -> None:
    assert plan(None, {"a/": "1"}).full  # type: ignore[union-attr]
    state = SearchState({"a/": ("1", "id-a"), "b/": ("2", "id-b")})
    assert plan(state, {"a/": "1", "b/": "2"}) is None
    edited = plan(state, {"a/": "1", "b/": "3", "c/": "4"})
    assert edited is not None and not edited.full
    assert edited.delta == {"b/": "3", "c/": "4"} and edited.stale_ids == ["id-b"]
    gone = plan(state, {"a/": "1"})
    assert gone is not None and gone.stale_ids == ["id-b"] and gone.delta == {}
    many = {f"p{i}/": "x" for i in range(DELTA_LIMIT + 1)}
    assert plan(state, many).full  # type: ignore[union-attr]


# -- whole builds ------------------------------------------------------------------------------
def _build(content: Path, site: Path, cache: Path, **options: object) -> None:
    from generator.commands.build import run_build

    run_build(str(content), str(site), pdf=False, config_file=str(ROOT / "mkdocs.yml"), cache_dir=str(cache),
              **options)  # type: ignore[arg-type]


def _times(site: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_a_rebuild_writes_and_indexes_only_what_changed(site_copy: Path, tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache)
    before = _times(site)
    _build(site_copy, site, cache)  # nothing changed: nothing is written
    assert _times(site) == before
    activity = site_copy / ACTIVITY
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道焕然一新", "楼道窗明几净"),
                        encoding="utf-8")
    _build(site_copy, site, cache)
    after = _times(site)
    changed = {p.relative_to(site).as_posix() for p, t in after.items() if before.get(p) != t}
    assert PAGE in changed and "窗明几净" in (site / PAGE).read_text(encoding="utf-8")
    assert not any(p.startswith("pagefind/") for p in changed)  # the main bundle stays
    assert len([p for p in changed if p.endswith(".html")]) <= 3
    delta = json.loads((site / "pagefind-delta" / "delta.json").read_text(encoding="utf-8"))
    assert delta["merge"] and len(delta["stale"]) == 1
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道窗明几净", "楼道焕然一新"),
                        encoding="utf-8")
    _build(site_copy, site, cache)  # back as it was: the page is the main bundle's again
    delta = json.loads((site / "pagefind-delta" / "delta.json").read_text(encoding="utf-8"))
    assert delta == {"merge": False, "stale": []}


@pytest.mark.slow
def test_a_clean_build_keeps_public_records_for_the_next_edit(site_copy: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``--clean`` reads no kept public record but keeps its own: the next build after an
    edit makes public only what the edit touched."""
    from generator.model.public import PublicView
    from generator.site import publiccache

    views: list[PublicView] = []
    lend = publiccache.lend
    monkeypatch.setattr(publiccache, "lend", lambda view, cache_dir: (views.append(view), lend(view, cache_dir))[1])
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache, clean=True)
    assert not views[-1].stored_digests and views[-1].kept
    activity = site_copy / ACTIVITY
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道焕然一新", "楼道窗明几净"),
                        encoding="utf-8")
    _build(site_copy, site, cache)
    view = views[-1]
    made = [key[0] for key in view.kept if key[0] in publiccache.KINDS and key not in view.from_store]
    assert "activities" in made and len(made) <= 3 < len(view.from_store), made
    assert "窗明几净" in (site / PAGE).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_rebuild_keeps_the_sections_an_edit_cannot_touch(site_copy: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """`jinlin build` after an edit does not generate again a section whose tables did not
    change (kept in the cache folder), and reads only the months of 星级 results its pages
    show; the site is then that of a clean build."""
    import generator.site.plugin as plugin
    from generator.site import ratedcache, sections
    from generator.site.pages import activities

    kept: list[list[str]] = []
    generate = plugin.generate_pages
    monkeypatch.setattr(plugin, "generate_pages",
                        lambda ctx, sections: (generate(ctx, sections), kept.append(sections.kept))[0])
    read: list[set[str]] = []  # months of results read from the store, by build
    load_month = ratedcache._load_month
    monkeypatch.setattr(ratedcache, "_load_month", lambda file, count: (
        found := load_month(file, count), read[-1].update(r.score.month for r in found or []))[0])
    opened: list[str] = []  # kept sections read
    load_section = sections.load_pickle
    monkeypatch.setattr(sections, "load_pickle", lambda path, default: (opened.append(path.stem),
                                                                         load_section(path, default))[1])
    made: list[str] = []  # activity pages made (the others come back as the last build kept them)
    make_activity = activities._activity
    monkeypatch.setattr(activities, "_activity", lambda ctx, a: (made.append(a.id), make_activity(ctx, a))[1])
    site, cache = tmp_path / "site", tmp_path / "cache"
    read.append(set())
    _build(site_copy, site, cache)
    assert kept[-1] == [] and read[-1] == set()
    activity = site_copy / ACTIVITY
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道焕然一新", "楼道窗明几净"),
                        encoding="utf-8")
    read.append(set())
    opened.clear()
    _build(site_copy, site, cache)
    assert "stars" in kept[-1] and "activities" not in kept[-1]
    assert read[-1] == {"2026-10"}  # the home page's month; 2026-09 is keyed without being read
    assert set(opened) - {"index"} == set(kept[-1])  # not the sections made again
    assert made[-1:] == ["2026-08-15-loudao-qingli"] and len(made) == len(set(made)) + 1  # once more: the edited one
    assert _files(site) == _clean_site(site_copy, tmp_path / "clean-1")
    rating = site_copy / "ratings/2026-10/zaiyunqiao.yml"
    rating.write_text(rating.read_text(encoding="utf-8").replace("satisfied: 80}", "satisfied: 41}", 1),
                      encoding="utf-8")
    read.append(set())
    _build(site_copy, site, cache)
    assert "activities" in kept[-1] and "stars" not in kept[-1]
    assert read[-1] == {"2026-09"}  # for the 星级 pages; 2026-10 is scored again
    assert _files(site) == _clean_site(site_copy, tmp_path / "clean-2")


def _files(site: Path) -> dict[str, bytes]:
    """A built site's files (not Pagefind's bundles, whose names differ from run to run, nor
    the compressed sitemap, whose gzip header holds the build time)."""
    skip = ("pagefind", "pagefind-delta", "sitemap.xml.gz")
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith(skip)}


def _clean_site(content: Path, work: Path) -> dict[str, bytes]:
    _build(content, work / "site", work / "cache", clean=True)
    return _files(work / "site")


def test_changed_open_data_is_made_while_the_pages_are_indexed(site_copy: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A generated file whose inputs changed is made after the pages are collected (when
    Pagefind starts indexing them), not before; one whose inputs did not is not made."""
    from generator.site import opendata, publish

    events: list[str] = []
    collect, csv_bytes = publish.Publisher.collect, opendata.Dataset.csv_bytes
    monkeypatch.setattr(publish.Publisher, "collect",
                        lambda self, *a, **k: (collect(self, *a, **k), events.append("collected"))[0])
    monkeypatch.setattr(opendata.Dataset, "csv_bytes",
                        lambda self: (events.append(f"made {self.name}"), csv_bytes(self))[1])
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache)
    assert events[0] == "collected" and "made activities" in events
    activity = site_copy / ACTIVITY
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道焕然一新", "楼道窗明几净"),
                        encoding="utf-8")
    events.clear()
    _build(site_copy, site, cache)
    assert events == ["collected", "made activities"]
    assert "窗明几净" in (site / "data" / "activities.csv").read_text(encoding="utf-8-sig")


def test_an_edit_rewrites_the_file_of_the_pages_it_changed(site_copy: Path, tmp_path: Path) -> None:
    """Pages kept by record are kept in sixteen files: an edited activity rewrites the file
    of its page (and of the people whose pages list it), not all of them."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache)
    files = sorted(cache.glob("*/record-pages/*.pickle"))
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in files}  # each write replaces the file
    assert len(files) == 16
    activity = site_copy / ACTIVITY
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道焕然一新", "楼道窗明几净"),
                        encoding="utf-8")
    _build(site_copy, site, cache)
    changed = [p for p in files if (p.stat().st_ino, p.stat().st_mtime_ns) != before[p]]
    assert 1 <= len(changed) <= 3, changed
    assert _files(site) == _clean_site(site_copy, tmp_path / "clean")


def test_a_page_kept_by_its_record_still_publishes_its_photos(site_copy: Path, tmp_path: Path) -> None:
    """A page that comes back as the last build made it (its record unchanged) still asks
    for its photos: a photo only it shows stays in the site after another record's edit."""
    from PIL import Image

    with Image.open(site_copy / "media/2026/09/corridor.jpg") as image:
        image.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(site_copy / "media/2026/09/only-here.jpg")
    zhongqiu = site_copy / "activities/2026/09/2026-09-10-zhongqiu.yml"
    text = zhongqiu.read_text(encoding="utf-8")
    first = "  - {file: 2026/09/feast.jpg, caption: 百家宴, consent: true}\n"  # the first photo is the card's too
    added = "  - {file: 2026/09/only-here.jpg, caption: 只在这里, consent: true}\n"
    zhongqiu.write_text(text.replace(first, first + added), encoding="utf-8")
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache)
    page = (site / "activities/2026-09-10-zhongqiu/index.html").read_text(encoding="utf-8")
    shown = {p.name for p in (site / "media").iterdir()}
    only = {name for name in shown if name.split("-")[0] in page} - {
        name for name in shown if name.split("-")[0] in (site / "index.html").read_text(encoding="utf-8")}
    assert only  # the variants of the new photo
    activity = site_copy / ACTIVITY
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道焕然一新", "楼道窗明几净"),
                        encoding="utf-8")
    _build(site_copy, site, cache)
    assert only <= {p.name for p in (site / "media").iterdir()}
    assert _files(site) == _clean_site(site_copy, tmp_path / "clean")


def test_a_page_comes_back_only_from_the_same_inputs_under_the_key_the_site_holds(site_view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """:meth:`SiteContext.record_page`: a kept page is used only for inputs of the same
    digest whose page the site holds under the kept body key; a page that read the whole
    site, or added a file, is not kept."""
    from generator.site.context import SiteContext
    from generator.site.recordpages import RecordPages
    from generator.site.render import GeneratedPage

    first, second = site_view.activities[:2]
    made: list[str] = []

    def page(ctx: SiteContext, a: object, url: str, *, whole_site: bool = False, file: bool = False) -> GeneratedPage:
        made.append(url)
        body = ctx.render("activity.html", url, a=a, photos=[]) if not whole_site else ctx.render(
            "activities.html", url, latest=[], months=[], types=[], communities=[])
        if file:
            ctx.files[f"{url}x.txt"] = b"x"
        return GeneratedPage(url, "标题", body, "说明", "activities/")

    def build(previous_keys: dict[str, str | None], kept: RecordPages) -> tuple[SiteContext, list[GeneratedPage]]:
        ctx = SiteContext.create(site_view, tmp_path)
        ctx.memo, ctx.record_pages = RenderMemo(previous_keys, b"salt"), kept
        pages = [ctx.record_page("a/", first, lambda: page(ctx, first, "a/")),
                 ctx.record_page("b/", second, lambda: page(ctx, second, "b/", file=True)),
                 ctx.record_page("c/", first, lambda: page(ctx, first, "c/", whole_site=True))]
        return ctx, pages

    ctx, _ = build({}, RecordPages(b"salt"))
    assert made == ["a/", "b/", "c/"] and set(ctx.record_pages.now) == {"a/"}  # type: ignore[union-attr]
    keys, entries = dict(ctx.memo.keys), ctx.record_pages.now  # type: ignore[union-attr]
    made.clear()
    again, pages = build(keys, RecordPages(b"salt", entries))
    assert made == ["b/", "c/"] and again.memo.keys["a/"] == keys["a/"]  # type: ignore[union-attr]
    assert pages[0].title == "标题" and pages[0].body.render() == str(build({}, RecordPages(b"salt"))[1][0].body)
    made.clear()
    build({**keys, "a/": "another key"}, RecordPages(b"salt", entries))  # the site holds another page
    assert made[0] == "a/"
    made.clear()
    build(keys, RecordPages(b"salt", {"a/": (b"other digest", *entries["a/"][1:])}))
    assert made[0] == "a/"


def test_marshalled_caches_come_back_only_as_written(tmp_path: Path) -> None:
    """The published state and the inputs seen are marshalled: read back exactly, and
    anything else (another type, another Python's file, damaged bytes) reads as missing."""
    import marshal

    from generator.site.background import load_marshal, save_marshal

    path = tmp_path / "state.marshal"
    state = {"a/": ("body", "frame", None), "b/": (None, "frame", "source")}
    save_marshal(path, state)
    assert load_marshal(path, {}) == state and load_marshal(path, ()) == ()
    good = path.read_bytes()
    path.write_bytes(marshal.dumps(("jinlin 3.99 4", state)))  # as another Python wrote it
    assert load_marshal(path, {}) == {}
    for damaged in (b"", b"n", b"not a pickle", good[:len(good) // 2]):
        path.write_bytes(damaged)
        assert load_marshal(path, {}) == {}, damaged
    assert load_marshal(tmp_path / "missing", {}) == {}


DAMAGEABLE = {
    "published state": "published/*/published.marshal", "pages kept by record": "record-pages/*.pickle",
    "section index": "sections/index.pickle", "sections": "sections/[!i]*.pickle",
    "public records": "public/*.pickle", "星级 index": "rated-*/index.pickle", "星级 months": "rated-*/[!i]*.pickle",
    "Markdown": "markdown-*.pickle", "previews": "bulletin-previews.pickle", "inputs seen": "inputs-seen.marshal",
    "compiled templates": "jinja*/__jinja2_*.cache",
}
REPAIRED = {"published state", "pages kept by record", "section index", "sections", "星级 index", "星级 months",
            "inputs seen"}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(DAMAGEABLE))
def test_a_damaged_cache_costs_time_not_a_wrong_site(kind: str, site_copy: Path, tmp_path: Path) -> None:
    """One kind of kept file at a time (the others intact, so they are trusted) cut short or
    replaced by other bytes: the next build after edits to an activity and a rating sheet
    gives the site of a clean build. Files that build reads are kept good again (others,
    such as compiled templates of unchanged pages, when they are next needed)."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache)
    damaged = sorted(cache.glob("*/" + DAMAGEABLE[kind]))
    assert damaged, kind
    for number, path in enumerate(damaged):
        data = path.read_bytes()
        path.write_bytes(data[:20] if number % 2 else b"not a pickle")  # cut short, or other bytes
    for edit in (EDITS[0], EDITS[3]):  # an activity, a rating sheet of the newest month
        edit_content(site_copy, edit)
    _build(site_copy, site, cache)
    assert _files(site) == _clean_site(site_copy, tmp_path / "clean")
    if kind in REPAIRED:
        assert all(p.read_bytes() != b"not a pickle" for p in cache.glob("*/" + DAMAGEABLE[kind])), kind


def test_a_kept_section_needs_every_page_published() -> None:
    """A page the site does not hold (published without a key, or gone) is not taken as
    published by a kept section."""
    from generator.site.render import GeneratedPage
    from generator.site.sections import Section, _published

    page = GeneratedPage("stars/a/", "A", "", "", "stars/")
    section = Section(b"salt", [page], [], [], {"ratings": b"x"}, {"stars/a/": None})
    assert not _published(section, {})
    assert _published(section, {"stars/a/": None})
    section.keys = {"stars/a/": "k"}
    assert _published(section, {"stars/a/": "k"}) and not _published(section, {"stars/a/": "other"})


def test_a_cache_that_cannot_be_kept_does_not_fail_the_build(site_copy: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from generator.site import publiccache

    def broken(*args: object) -> None:
        raise RuntimeError("磁盘坏了")

    monkeypatch.setattr(publiccache, "save", broken)
    _build(site_copy, tmp_path / "site", tmp_path / "cache")
    assert (tmp_path / "site" / PAGE).is_file()
    assert "警告：缓存没能保存（网站不受影响，下次生成会慢一些）：RuntimeError: 磁盘坏了" in capsys.readouterr().err


@pytest.mark.slow
def test_a_kept_section_older_than_the_site_is_not_trusted(site_copy: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that published and stopped before keeping its sections (killed, say) leaves
    sections older than the site: they must not stand for the pages it published."""
    import generator.site.plugin as plugin

    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache)
    rating = site_copy / "ratings/2026-10/zaiyunqiao.yml"
    before = rating.read_text(encoding="utf-8")
    rating.write_text(before.replace("satisfied: 80}", "satisfied: 41}", 1), encoding="utf-8")
    keep = plugin.keep_sections
    monkeypatch.setattr(plugin, "keep_sections", lambda *args: None)
    _build(site_copy, site, cache)  # published, sections not kept
    monkeypatch.setattr(plugin, "keep_sections", keep)
    rating.write_text(before, encoding="utf-8")  # back to what the kept sections were made from
    _build(site_copy, site, cache)
    _build(site_copy, tmp_path / "fresh", tmp_path / "fresh-cache", clean=True)
    for page in (tmp_path / "fresh" / "stars").rglob("*.html"):
        assert page.read_bytes() == (site / page.relative_to(tmp_path / "fresh")).read_bytes(), page


@pytest.mark.slow
def test_a_clean_build_gives_the_same_site_as_rebuilds(site_copy: Path, tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache)
    activity = site_copy / ACTIVITY
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道焕然一新", "楼道窗明几净"),
                        encoding="utf-8")
    _build(site_copy, site, cache)
    _build(site_copy, tmp_path / "fresh", cache, clean=True)
    skip = ("pagefind", "pagefind-delta", "sitemap.xml.gz")  # the gzip header holds the build time
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    fresh = {p.relative_to(tmp_path / "fresh").as_posix() for p in (tmp_path / "fresh").rglob("*") if p.is_file()}
    assert {f for f in files if not f.startswith(skip)} == {f for f in fresh if not f.startswith(skip)}
    for name in files:
        if not name.startswith(skip):
            assert (site / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name


def test_an_edit_keeps_the_published_sitemap_and_a_new_page_or_day_makes_it_again(
        site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs makes ``sitemap.xml`` only when its pages, address, day or theme change: an
    edited activity leaves the published one (and its ``.gz``) as they are."""
    import datetime
    import gzip

    from mkdocs.commands import build as mkdocs_build

    rendered: list[str] = []
    original = mkdocs_build._build_theme_template
    monkeypatch.setattr(mkdocs_build, "_build_theme_template",
                        lambda name, *rest: (rendered.append(name), original(name, *rest))[1])
    site, cache = tmp_path / "site", tmp_path / "cache"
    sitemap = site / "sitemap.xml"
    activity = site_copy / ACTIVITY
    _build(site_copy, site, cache)
    assert "sitemap.xml" in rendered
    # the first update of a site learns what MkDocs wrote into it (a whole build swaps the folder in)
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道焕然一新", "楼道整洁"), encoding="utf-8")
    _build(site_copy, site, cache)
    before, stamps = sitemap.read_bytes(), _times(site)
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道整洁", "楼道窗明几净"), encoding="utf-8")
    rendered.clear()
    _build(site_copy, site, cache)
    assert "sitemap.xml" not in rendered and "窗明几净" in (site / PAGE).read_text(encoding="utf-8")
    assert all(_times(site)[site / name] == stamps[site / name] for name in ("sitemap.xml", "sitemap.xml.gz"))
    assert sitemap.read_bytes() == before
    added = activity.with_name("2026-08-15-loudao-qingli-2.yml")
    added.write_text(activity.read_text(encoding="utf-8"), encoding="utf-8")
    _build(site_copy, site, cache)  # one more page
    assert "sitemap.xml" in rendered and b"/activities/2026-08-15-loudao-qingli-2/</loc>" in sitemap.read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == sitemap.read_bytes()
    tomorrow = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(tomorrow.timestamp())))
    rendered.clear()
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道窗明几净", "楼道焕然一新"),
                        encoding="utf-8")
    _build(site_copy, site, cache)  # another day
    assert "sitemap.xml" in rendered and f"<lastmod>{tomorrow:%Y-%m-%d}</lastmod>".encode() in sitemap.read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == sitemap.read_bytes()


@pytest.mark.slow
@pytest.mark.browser
def test_search_after_an_edit_finds_the_new_text_once(site_copy: Path, tmp_path: Path) -> None:
    """The changed page comes from the small second bundle; its old entry in the main
    bundle is dropped, so the page is listed once."""
    playwright = pytest.importorskip("playwright.sync_api")
    from generator.benchmarks.search import ARGS, CHROMIUM, serve_folder

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian 的 chromium 未安装（/usr/bin/chromium）")
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache)
    activity = site_copy / ACTIVITY
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道焕然一新", "楼道窗明几净"),
                        encoding="utf-8")
    _build(site_copy, site, cache)
    with serve_folder(site) as base, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        try:
            for query in ("窗明几净", "楼道清理"):
                page.goto(f"{base}search/?q={query}")
                page.wait_for_function("/找到|没有/.test(document.querySelector('#search-status').textContent)",
                                       timeout=20_000)
                page.wait_for_timeout(300)
                titles = page.locator("#search-results li a").all_inner_texts()
                assert titles.count("天润小区楼道清理志愿活动") == 1, (query, titles)
        finally:
            browser.close()


def test_fingerprint_trusts_unchanged_files_and_sees_every_edit(tmp_path: Path) -> None:
    """Recorded digests stand for files whose size, times and inode did not change; an edit
    that keeps the size and puts the old modification time back is still seen (ctime)."""
    import os
    import time

    from generator.site import freshness

    content, known = tmp_path / "content", tmp_path / "cache" / "seen.pickle"
    (content / "activities").mkdir(parents=True)
    record = content / "activities" / "a.yml"
    record.write_text("title: 楼道清理\n", encoding="utf-8")
    old = time.time_ns() - 10 * RACY_NS
    os.utime(record, ns=(old, old))

    def digest() -> str:
        return freshness.fingerprint(content, config_file=tmp_path / "mkdocs.yml", theme_dir=tmp_path / "t",
                                     docs_dir=tmp_path / "d", options={}, known_file=known)

    first = digest()
    assert known.is_file() and digest() == first
    record.write_text("title: 楼道清扫\n", encoding="utf-8")  # same size
    os.utime(record, ns=(old, old))
    assert digest() != first


def test_the_fingerprint_takes_the_content_as_the_loader_lists_it(tmp_path: Path) -> None:
    """Records, other files the loader meets and photos under media/ are in the
    fingerprint; hidden files and editor backups, which the loader skips, are not."""
    from generator.site import freshness

    content = tmp_path / "content"
    (content / "activities").mkdir(parents=True)
    (content / "media" / "2026").mkdir(parents=True)
    (content / "activities" / "a.yml").write_text("title: 楼道清理\n", encoding="utf-8")
    (content / "media" / "2026" / "a.jpg").write_bytes(b"jpeg")

    def digest() -> str:
        return freshness.fingerprint(content, config_file=tmp_path / "mkdocs.yml", theme_dir=tmp_path / "t",
                                     docs_dir=tmp_path / "d", options={})

    seen = {digest()}
    for path, data in (("activities/b.yml", "title: 新的\n"), ("notes.txt", "x"), ("media/2026/a.jpg", "jpg2"),
                       ("media/2026/b.jpg", "b")):
        (content / path).write_bytes(data.encode())
        now = digest()
        assert now not in seen and now == digest(), path
        seen.add(now)
    before = digest()
    for path in (".DS_Store", "activities/.a.yml.swp", "activities/a.yml~"):
        (content / path).write_text("x", encoding="utf-8")
    assert digest() == before
    from generator.load.listing import list_content

    listed = list_content(str(content))
    (content / "activities" / "b.yml").unlink()  # gone between the listing and the fingerprint
    assert freshness.fingerprint(content, config_file=tmp_path / "mkdocs.yml", theme_dir=tmp_path / "t",
                                 docs_dir=tmp_path / "d", options={}, listing=listed) != before


def test_a_build_lists_the_content_once(site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.load import files, listing
    from generator.site import freshness

    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(site_copy, site, cache)
    walks: list[str] = []
    list_content = listing.list_content
    counted = lambda root: (walks.append(root), list_content(root))[1]  # noqa: E731
    for module in (listing, files, freshness):
        monkeypatch.setattr(module, "list_content", counted, raising=False)
    activity = site_copy / ACTIVITY
    activity.write_text(activity.read_text(encoding="utf-8").replace("楼道焕然一新", "楼道窗明几净"),
                        encoding="utf-8")
    _build(site_copy, site, cache)
    assert len(walks) == 1 and "窗明几净" in (site / PAGE).read_text(encoding="utf-8")


def test_a_build_without_recorded_digests_takes_the_loaders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean build has no recorded digests: record files whose stat is still the one the
    content loader stored are not read again, and the fingerprint is the same as reading
    them; a file edited since is read."""
    import builtins
    import shutil

    from generator.load import listing
    from generator.load.session import ContentSession
    from generator.load.store import stored_digests
    from generator.site import freshness

    monkeypatch.setattr(listing, "RACY_NS", 0)  # files written a moment ago count as settled
    content, cache = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", content)
    ContentSession(cache).load(content, "content")

    def stored() -> dict[str, tuple[tuple[int, int, int, int], bytes]]:
        return stored_digests(cache, content, "content")

    records = {str(content / relative) for relative in stored()}
    assert len(records) >= 10, "the loader stored every record file it read"
    opened: list[str] = []

    def spy(path: object, *args: object, **kwargs: object) -> object:
        opened.append(str(path))
        return builtins.open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(freshness, "open", spy, raising=False)

    def digest(**options: object) -> str:
        return freshness.fingerprint(content, config_file=tmp_path / "mkdocs.yml", theme_dir=tmp_path / "t",
                                     docs_dir=tmp_path / "d", options={}, **options)  # type: ignore[arg-type]

    plain = digest()
    assert records <= set(opened)
    opened.clear()
    assert digest(stored=stored) == plain
    assert not records & set(opened), "no record file the loader knows is read again"
    edited = sorted((content / "activities").rglob("*.yml"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# 改过\n", encoding="utf-8")
    opened.clear()
    assert digest(stored=stored) == digest() != plain
    assert str(edited) in opened


def test_sources_left_by_an_unfinished_build_are_not_trusted(tmp_path: Path) -> None:
    """A build stopped after writing search sources (Ctrl+C) left files newer than what
    was remembered: the next build compares every file instead of trusting the digests."""
    from generator.site.searchindex import SearchSources

    folder = tmp_path / "sources"
    first = SearchSources(folder, None)
    key = first.put("a/", b"<main>old</main>")
    first.flush()
    first.finished()
    known = {"a/": key}
    assert SearchSources(folder, known).trusted
    stopped = SearchSources(folder, known)
    stopped.put("a/", b"<main>new</main>")
    stopped.flush()  # ... and the build stops here: nothing remembered
    again = SearchSources(folder, known)
    assert not again.trusted
    again.put("a/", b"<main>old</main>")  # the page as it is: must be written back
    again.flush()
    assert (folder / "a" / "index.html").read_bytes() == b"<main>old</main>"
