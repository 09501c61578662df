"""搜索 (Pagefind, run after the build) and the Atom feed."""

from __future__ import annotations

from collections.abc import Iterator

from generator.site.context import SiteContext
from generator.site.feed import atom_feed
from generator.site.render import GeneratedPage

URL = "search/"


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """The search page; the feed file is added alongside."""
    base = str(ctx.view.site.base_url or "")
    ctx.files["feed.xml"] = atom_feed(ctx.view, base)
    body = ctx.render("search.html", URL)
    yield GeneratedPage(URL, "搜索", body, "搜索活动、人物、心愿和会议", "", meta={"scripts": ["assets/search.js"]})
