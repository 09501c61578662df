"""工作简报: the archive of monthly PDFs and an HTML preview of each issue."""

from __future__ import annotations

from collections.abc import Iterator

from generator.site.context import SiteContext
from generator.site.render import GeneratedPage, month_cn
from generator.site.urls import record_url

SECTION = "bulletins/"


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """The archive page and one preview page per month."""
    archive = ctx.bulletins
    body = ctx.render("bulletins.html", SECTION, entries=archive.entries,
                      title=ctx.view.site.bulletin.title)
    yield GeneratedPage(SECTION, "工作简报", body, f"{ctx.view.site.bulletin.title}：每月一期，可在线阅读和下载",
                        SECTION, in_nav=True)
    for entry in archive.entries:
        url = record_url("bulletin", entry.month)
        title = entry.title or f"{ctx.view.site.bulletin.title}（{month_cn(entry.month)}）"
        preview = ctx.bulletin_preview(entry.month)
        activities = ctx.view.activities_in(entry.month)
        body = ctx.render("bulletin.html", url, entry=entry, title=title, preview=preview,
                          activities=activities)
        yield GeneratedPage(url, title, body, f"{month_cn(entry.month)}近邻党建工作简报", SECTION)
