"""Helpers for the site tests: fixture paths, and a walker over a built site's links and
loaded resources, as the browser would see them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from generator.model.public import PublicView

ROOT = Path(__file__).resolve().parents[2]
SITE_CONTENT = ROOT / "tests" / "fixtures" / "site-content"
SHIPPED_CONTENT = ROOT / "content"


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site (Pagefind's own files excluded)."""
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)

LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
LOADING_TAGS = {"img", "script", "source", "iframe", "video", "audio", "embed", "object", "track"}


@dataclass(frozen=True)
class Reference:
    """One URL in a page: whether the browser loads it (``load``) or the reader follows it."""

    page: Path
    tag: str
    url: str
    load: bool


class _Collector(HTMLParser):
    def __init__(self, page: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.found: list[Reference] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        rel = set(values.get("rel", "").split())
        load = tag in LOADING_TAGS or (tag == "link" and bool(rel & LOADING_RELS))
        for name in ("href", "src", "action", "poster", "data"):
            if name in values and not (tag == "link" and rel & {"canonical", "alternate"} and name == "href"
                                       and values[name].startswith("http")):
                self.found.append(Reference(self.page, tag, values[name], load or name == "src"))
        if "srcset" in values:
            for part in values["srcset"].split(","):
                self.found.append(Reference(self.page, tag, part.strip().split(" ")[0], True))
        if "style" in values:
            for url in re.findall(r"url\(([^)]*)\)", values["style"]):
                self.found.append(Reference(self.page, tag, url.strip("'\" "), True))


def references(page: Path) -> tuple[list[Reference], set[str]]:
    """Every URL in ``page`` and the ids it defines."""
    collector = _Collector(page)
    collector.feed(page.read_text(encoding="utf-8"))
    return collector.found, collector.ids


def is_external(url: str) -> bool:
    """True for anything that names a host or the server root (``data:`` is inline)."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return False
    return bool(parts.scheme or parts.netloc) or url.startswith("/")


def resolve(site: Path, ref: Reference) -> Path | None:
    """The file a relative URL points to (``None`` for in-page anchors)."""
    parts = urlsplit(ref.url)
    if not parts.path:
        return None
    target = (ref.page.parent / unquote(parts.path)).resolve()
    if ref.url.split("?")[0].split("#")[0].endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def css_urls(css: str) -> list[str]:
    """``url(...)`` and ``@import`` targets in a stylesheet."""
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    return urls + re.findall(r"@import\s+['\"]([^'\"]+)", css)


Edit = tuple[str, str, str]
"""(file under the content folder, text, replacement)."""

EDITS: list[Edit] = [
    ("activities/2026/08/2026-08-15-loudao-qingli.yml", "title: 天润小区楼道清理志愿活动", "title: 天润小区楼道大扫除"),
    ("people/chen-guoqiang.yml", "name: 陈国强", "name: 陈国栋"),
    ("communities/zaiyunqiao.yml", "    name: 天润小区", "    name: 天润家园"),
    ("ratings/2026-10/zaiyunqiao.yml", "public_review: {votes: 80, satisfied: 80}",
     "public_review: {votes: 80, satisfied: 41}"),
    ("units/caizhengju.yml", "name: 邵武市财政局", "name: 邵武市财政局机关"),
    ("groups/nuanxin.yml", "name: 暖心便民帮帮团", "name: 暖心帮帮团"),
    ("meetings/2026/2026-08-05-tianrun-yishi.yml", "title: 天润小区楼道堆物整治议事会",
     "title: 天润小区楼道堆物议事会"),
    ("wishes/2026/radio.yml", "title: 想要一台收音机", "title: 想要一台新收音机"),
    ("scoring.yml", "    max_points: 30", "    max_points: 32"),
    ("site.yml", "name: 邵武近邻党建", "name: 邵武市近邻党建"),
]


def edit_content(content: Path, edit: Edit) -> None:
    """Make ``edit`` in the content folder ``content``."""
    path = content / edit[0]
    text = path.read_text(encoding="utf-8")
    assert edit[1] in text, edit
    path.write_text(text.replace(edit[1], edit[2], 1), encoding="utf-8")


def public_parts(view: PublicView) -> dict[str, object]:
    """Everything the view offers the site, worked out."""
    return {
        "people": view.people, "activities": view.activities, "meetings": view.meetings, "wishes": view.wishes,
        "units": view.units, "groups": view.groups, "communities": view.communities,
        "rated": {m: view.rated(m) for m in view.rating_months}, "figures": view.figures(),
        "months": view.months, "honoured": {m: view.honoured_in(m) for m in view.months},
        "by_month": {m: (view.activities_in(m), view.meetings_in(m), view.month_figures(m)) for m in view.months},
    }
