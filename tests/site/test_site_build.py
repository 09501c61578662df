"""Whole builds: every record published, no broken link, nothing loaded from another host,
nothing private leaked, and a failed or interrupted build leaves the old site as it was."""

from __future__ import annotations

import datetime
import gzip
import hashlib
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from sitetools import ROOT, SHIPPED_CONTENT, SITE_CONTENT, css_urls, html_pages, is_external, references, resolve

from generator.errors import ContentError
from generator.model.public import PublicView
from generator.project import require_content
from generator.site.urls import record_url

pytestmark = pytest.mark.slow

SECRETS = ("13800001234", "13912345678", "13700001111", "陈秀英", "李明", "天润小区1号楼301", "赵隐名")


def _tree(site: Path, *, search: bool = True) -> dict[str, str]:
    """File → hash; ``search=False`` leaves out Pagefind's bundle, whose chunk names vary per run."""
    return {str(p.relative_to(site)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and (search or "pagefind" not in p.parts)}


def _record_urls(view: PublicView) -> list[str]:
    return (
        [record_url("activity", a.id) for a in view.activities]
        + [record_url("person", p.id) for p in view.people]
        + [record_url("wish", w.id) for w in view.wishes]
        + [record_url("meeting", m.id) for m in view.meetings]
        + [record_url("community", c.id) for c in view.communities]
        + [record_url("unit", u.id) for u in view.units]
        + [record_url("group", g.id) for g in view.groups]
        + [record_url("building", r.page_id) for m in view.rating_months for r in view.rated(m)]
        + [f"activities/month/{m}/" for m in {a.month for a in view.activities}]
        + [f"stars/{m}/" for m in view.rating_months]
    )


@pytest.mark.parametrize("which", ["built_site", "shipped_site"])
def test_every_record_is_published(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    content, _ = require_content(SITE_CONTENT if which == "built_site" else SHIPPED_CONTENT)
    view = PublicView(content)
    missing = [url for url in _record_urls(view) if not (site / url / "index.html").is_file()]
    assert not missing
    for activity in view.activities:
        html = (site / record_url("activity", activity.id) / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{activity.title}</h1>" in html.replace("&#34;", '"') or activity.title[:4] in html


@pytest.mark.parametrize("which", ["built_site", "shipped_site"])
def test_no_broken_internal_link_and_no_load_from_another_host(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    broken, foreign = [], []
    for page in html_pages(site):
        found, ids = references(page)
        for ref in found:
            if ref.url.startswith(("mailto:", "tel:")):
                continue
            if is_external(ref.url):
                if ref.load or ref.tag != "a":
                    foreign.append((str(page.relative_to(site)), ref.tag, ref.url))
                continue
            target = resolve(site, ref)
            if target is None:
                anchor = ref.url.lstrip("#")
                if anchor and anchor not in ids:
                    broken.append((str(page.relative_to(site)), ref.url))
            elif not target.is_file():
                broken.append((str(page.relative_to(site)), ref.url))
    assert not broken
    assert not foreign
    for css in site.rglob("*.css"):
        assert not [u for u in css_urls(css.read_text(encoding="utf-8")) if is_external(u)], css


def test_pages_have_head_fields_and_footer(built_site: Path) -> None:
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in html
        assert 'name="viewport"' in html and "<title>" in html and 'name="description" content="' in html
        assert 'href="https://beian.miit.gov.cn/"' in html and "闽公网安备" in html
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://jinlin.example.cn/">' in home
    assert 'property="og:image" content="https://jinlin.example.cn/media/' in home


def test_nothing_private_is_published(built_site: Path) -> None:
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".csv", ".json", ".xml"}:
            text = path.read_text(encoding="utf-8-sig")
            assert not [s for s in SECRETS if s in text], path


def test_published_photos_are_variants_without_exif(built_site: Path) -> None:
    photos = list((built_site / "media").glob("*.jpg"))
    assert photos
    assert not list(built_site.rglob("corridor.jpg")) and not list(built_site.rglob("kids*"))
    for photo in photos:
        with Image.open(photo) as image:
            assert not image.getexif(), photo


def test_search_index_feed_open_data_and_pdfs(built_site: Path) -> None:
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert list((built_site / "pagefind").glob("pagefind.zh*"))  # indexed as Chinese
    assert (built_site / "feed.xml").read_bytes().startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert (built_site / "data" / "activities.csv").is_file()
    pdfs = sorted((built_site / "bulletins").glob("*.pdf"))
    assert pdfs and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    archive = (built_site / "bulletins" / "index.html").read_text(encoding="utf-8")
    assert all(p.name in archive for p in pdfs)


def test_the_compressed_sitemap_is_the_sitemap_dated_to_the_build_day(built_site: Path) -> None:
    """``sitemap.xml.gz`` holds ``sitemap.xml`` and, in its header, the start of the build
    day (two builds of one day give the same file), not the second of the build."""
    packed = (built_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == (built_site / "sitemap.xml").read_bytes()
    stamp = datetime.datetime.fromtimestamp(struct.unpack("<I", packed[4:8])[0])
    built = datetime.datetime.fromtimestamp((built_site / "sitemap.xml.gz").stat().st_mtime)
    assert (stamp.hour, stamp.minute, stamp.second) == (0, 0, 0)
    assert stamp.date() in {built.date(), (built - datetime.timedelta(days=1)).date()}  # built at midnight
    assert packed[10:22] == b"sitemap.xml\x00"  # the name MkDocs gives it


def test_the_sitemap_lists_every_page_once_with_the_build_day(built_site: Path) -> None:
    from xml.etree import ElementTree

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring((built_site / "sitemap.xml").read_bytes())
    entries = [(u.findtext("s:loc", namespaces=ns), u.findtext("s:lastmod", namespaces=ns))
               for u in root.findall("s:url", ns)]
    locs = [loc for loc, _ in entries]
    assert len(locs) == len(set(locs))
    base = locs[0][: locs[0].index("/", len("https://"))] + "/"
    pages = {p.relative_to(built_site).parent.as_posix() + "/" for p in built_site.rglob("index.html")}
    assert {loc.removeprefix(base) for loc in locs} == {p.removeprefix("./") for p in pages}
    built = datetime.datetime.fromtimestamp((built_site / "sitemap.xml").stat().st_mtime).date()
    assert {lastmod for _, lastmod in entries} <= {built.isoformat(), (built - datetime.timedelta(days=1)).isoformat()}


def test_theme_templates_are_kept_compiled(built_site: Path, site_cache: Path) -> None:
    """MkDocs' environment (main.html, the sitemap) keeps its compiled templates in the
    cache folder, apart from the page bodies' (it is set up by MkDocs, not by jinlin)."""
    kept = list(site_cache.rglob("jinja-theme-*/__jinja2_*.cache"))
    assert len(kept) >= 2, kept


def test_record_pages_stay_out_of_the_menu(built_site: Path) -> None:
    html = (built_site / "activities" / "2026-08-15-loudao-qingli" / "index.html").read_text(encoding="utf-8")
    menu = html.split('<ul class="bar wrap">')[1].split("</ul>")[0]
    assert menu.count("<li>") == 11 and "楼道清理" not in menu


def test_mkdocs_build_gives_the_same_site(built_site: Path, site_cache: Path, tmp_path: Path) -> None:
    env = {**os.environ, "JINLIN_CONTENT": str(SITE_CONTENT), "JINLIN_CACHE": str(site_cache)}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "m")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert _tree(tmp_path / "m", search=False) == _tree(built_site, search=False)
    assert (tmp_path / "m" / "pagefind" / "pagefind.js").is_file()


def test_a_second_build_into_another_folder_writes_everything(built_site: Path, site_cache: Path,
                                                              tmp_path: Path) -> None:
    """The cache remembers what it wrote per site folder: a new folder gets a whole site."""
    from generator.commands.build import run_build

    run_build(str(SITE_CONTENT), str(tmp_path / "again"), config_file=str(ROOT / "mkdocs.yml"),
              cache_dir=str(site_cache))
    assert _tree(tmp_path / "again", search=False) == _tree(built_site, search=False)


def _jinlin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_invalid_content_stops_the_build_in_chinese(site_copy: Path, tmp_path: Path) -> None:
    activity = site_copy / "activities/2026/08/2026-08-15-loudao-qingli.yml"
    activity.write_text(activity.read_text(encoding="utf-8").replace("type: 环境整治", "type: 不存在的类型"),
                        encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("旧网站", encoding="utf-8")
    result = _jinlin("build", "--content", str(site_copy), "--site-dir", str(site), "--no-pdf")
    assert result.returncode == 1
    assert "2026-08-15-loudao-qingli.yml:3:7:" in result.stderr and "错误" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "旧网站"
    assert [p.name for p in tmp_path.iterdir()] == ["content", "site"]


def test_mkdocs_build_reports_content_errors_cleanly(site_copy: Path, tmp_path: Path) -> None:
    (site_copy / "groups" / "nuanxin.yml").write_text("name: 帮帮团\nfocus: 乱填\n", encoding="utf-8")
    env = {**os.environ, "JINLIN_CONTENT": str(site_copy), "JINLIN_CACHE": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "out")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "groups/nuanxin.yml:2:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.mark.parametrize("clean", [False, True], ids=["changes-only", "clean"])
@pytest.mark.parametrize("failure", [RuntimeError("磁盘满了"), KeyboardInterrupt()])
def test_failed_or_interrupted_build_keeps_the_old_site(failure: BaseException, clean: bool, site_copy: Path,
                                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.commands.build import run_build

    site, cache = tmp_path / "site", tmp_path / "cache"
    run_build(str(site_copy), str(site), pdf=False, config_file=str(ROOT / "mkdocs.yml"), cache_dir=str(cache))
    before = _tree(site)
    activity = site_copy / "activities/2026/08/2026-08-15-loudao-qingli.yml"
    activity.write_text(activity.read_text(encoding="utf-8").replace("焕然一新", "窗明几净"), encoding="utf-8")

    def fail(indexing: object) -> None:  # Pagefind ran; the pages of the new site are written
        raise failure

    monkeypatch.setattr("generator.site.searchindex.Indexing.wait", fail)
    with pytest.raises(type(failure)):
        run_build(str(site_copy), str(site), pdf=False, config_file=str(ROOT / "mkdocs.yml"),
                  cache_dir=str(cache), clean=clean)
    assert _tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "content", "site"]


def test_run_build_checks_content_first(site_copy: Path, tmp_path: Path) -> None:
    from generator.commands.build import run_build

    (site_copy / "site.yml").unlink()
    with pytest.raises(ContentError) as caught:
        run_build(str(site_copy), str(tmp_path / "site"), config_file=str(ROOT / "mkdocs.yml"))
    assert any("site.yml" in p.format() for p in caught.value.problems)
    assert not (tmp_path / "site").exists()
