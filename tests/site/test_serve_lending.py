"""``serve`` redoes only what an edit can have changed: the public view lends unchanged
records to the next build, sections whose inputs did not change are not generated again,
bulletin previews are kept by their inputs. Each must give exactly what a fresh build gives.

The edits below touch every kind of record the sections and the view depend on; after
each, the lent view equals a fresh one, every section's ``READS`` holds, and the site
``serve`` keeps equals a clean ``jinlin build`` of the same content byte for byte."""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sitetools import EDITS, ROOT, Edit, edit_content, public_parts

from generator.load.session import ContentSession
from generator.model.public import PublicView
from generator.site.context import SiteContext


def _views(content: Path) -> Iterator[tuple[Edit, PublicView, PublicView, PublicView]]:
    """After each edit: (the edit, the view before it, the view lent by it, a fresh view)."""
    session = ContentSession(None)
    before = PublicView(session.require(content)[0])
    public_parts(before)
    for edit in EDITS:
        edit_content(content, edit)
        loaded, _ = session.require(content)
        lent = PublicView(loaded, before)
        yield edit, before, lent, PublicView(loaded)
        public_parts(lent)
        lent.forget_previous()
        before = lent


def test_a_lent_view_equals_a_fresh_one_after_every_kind_of_edit(site_copy: Path) -> None:
    for edit, _before, lent, fresh in _views(site_copy):
        assert public_parts(lent) == public_parts(fresh), edit
        assert lent.changed, edit


def test_unchanged_records_are_lent_not_made_again(site_copy: Path) -> None:
    views = _views(site_copy)
    edit, before, lent, _ = next(views)  # one activity's title
    assert lent.changed == {"activities"}
    old = {a.id: a for a in before.activities}
    shared = [a for a in lent.activities if a is old[a.id]]
    assert len(shared) == len(old) - 1
    assert all(p is q for p, q in zip(lent.people, before.people, strict=True))
    assert lent.rated(lent.rating_months[-1])[0] is before.rated(before.rating_months[-1])[0]
    edit, before, lent, _ = next(views)  # a person's name: activities naming them are made again
    assert lent.changed == {"people"}
    renamed = [a for a in lent.activities if any(r.name == "陈国栋" for r in a.people)]
    assert renamed and all(a is not b for a in renamed for b in before.activities)


def _section_output(module: object, view: PublicView, cache: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    ctx = SiteContext.create(view, cache)
    pages = {p.url: str(p.body) for p in module.pages(ctx)}  # type: ignore[attr-defined]
    return pages, {path: bytes(data) for path, data in ctx.files.items()}


def _modules() -> tuple[object, ...]:
    from generator.site.pages import section_modules

    return section_modules()


def test_every_section_reads_only_what_it_declares(site_copy: Path, tmp_path: Path) -> None:
    """Changing a table a section does not declare leaves its pages and files as they were
    (and each edit does change some section: the check can fail)."""
    assert any(hasattr(m, "READS") for m in _modules()), "no section declares what it reads"
    for edit, before, lent, _ in _views(site_copy):
        outputs = {m: (_section_output(m, before, tmp_path), _section_output(m, lent, tmp_path)) for m in _modules()}
        assert any(old != new for old, new in outputs.values()) or edit[0] == "site.yml", edit
        for module, (old, new) in outputs.items():
            if hasattr(module, "READS") and not lent.changed & module.READS:  # type: ignore[attr-defined]
                assert old == new, (module.__name__, edit)  # type: ignore[attr-defined]


class _Serve:
    """``jinlin serve``'s builds in this process: the plugin in serve mode, building dirty
    into one folder again and again, as MkDocs' live-reload server does."""

    def __init__(self, content: Path) -> None:
        from mkdocs.config import load_config

        os.environ["JINLIN_CONTENT"] = str(content)
        self.site = Path(tempfile.mkdtemp(prefix="jinlin-serve-test-"))
        self._load: Callable[[], object] = lambda: load_config(config_file=str(ROOT / "mkdocs.yml"),
                                                              site_dir=str(self.site))
        config = self._load()
        config.plugins.on_startup(command="serve", dirty=True)  # type: ignore[attr-defined]
        self.plugin = config.plugins["jinlin"]  # type: ignore[attr-defined]
        self.build(config)

    def build(self, config: object = None) -> None:
        from mkdocs.commands.build import build

        from generator.site.publish import search_settled

        build(config or self._load(), dirty=True)  # type: ignore[arg-type]
        search_settled(self.site)  # as the reader finds the site a moment later


@pytest.mark.slow
def test_serve_rebuilds_give_the_site_a_clean_build_gives(site_copy: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.commands.build import run_build
    from generator.site.publish import forget

    monkeypatch.setenv("JINLIN_CONTENT", str(site_copy))
    serve = _Serve(site_copy)
    kept: list[str] = []
    try:
        for number, edit in enumerate(EDITS):
            edit_content(site_copy, edit)
            serve.build()
            kept += serve.plugin.sections_kept
            # MkDocs keeps one plugin instance per process: build afresh once serve is done
            shutil.copytree(site_copy, tmp_path / f"content-{number}")
            shutil.copytree(serve.site, tmp_path / f"served-{number}")
    finally:
        forget(serve.site)
        shutil.rmtree(serve.site, ignore_errors=True)
    assert "stars" in kept and "activities" in kept
    skip = ("pagefind", "pagefind-delta", "sitemap.xml.gz")
    for number, edit in enumerate(EDITS):
        served, fresh = tmp_path / f"served-{number}", tmp_path / f"fresh-{number}"
        run_build(str(tmp_path / f"content-{number}"), str(fresh), pdf=False, config_file=str(ROOT / "mkdocs.yml"),
                  cache_dir=str(tmp_path / "cache"), clean=True)
        served_files = {p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_file()}
        built = {p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file()}
        assert {f for f in served_files if not f.startswith(skip)} == {f for f in built if not f.startswith(skip)}, edit
        for name in sorted(built):
            if not name.startswith(skip):
                assert (served / name).read_bytes() == (fresh / name).read_bytes(), (edit, name)


def test_dataclass_pages_keep_their_fields_when_replayed() -> None:
    from generator.site.render import GeneratedPage
    from generator.site.sections import bodiless

    page = GeneratedPage("a/", "标题", "<p>正文</p>", "说明", "a/", True, "img.jpg", {"k": 1})
    copy = bodiless(page)
    assert copy.body == "" and dataclasses.replace(copy, body=page.body) == page


def test_a_kept_section_comes_back_from_its_file_as_it_was() -> None:
    """A section keeps its pages' fields as tuples on disk; read back, every field is in
    its place (no two fields of the page below are equal)."""
    import pickle

    from generator.site.render import GeneratedPage
    from generator.site.sections import Section

    page = GeneratedPage("a/", "标题", "正文", "说明", "a/section/", True, "img.jpg", {"k": 1})
    section = Section(b"salt", [page], ["data/a.csv"], ["a.jpg"], {"activities": b"d"}, {"a/": "key"})
    again = pickle.loads(pickle.dumps(section, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == section and [dataclasses.asdict(p) for p in again.pages] == [dataclasses.asdict(page)]
