"""心愿墙: every 微心愿 grouped by status with the wall's progress, one page per wish."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from generator.model.events import WISH_STATUS_ORDER
from generator.model.public import PublicWish
from generator.site import charts
from generator.site.context import SiteContext
from generator.site.render import GeneratedPage
from generator.site.urls import record_url

SECTION = "wishes/"

STATUS_NOTES = {
    "征集": "正在收集", "核实": "正在核实", "发布": "等待认领", "认领": "已被认领，正在实现", "完成": "已经点亮",
}


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """The wall and one page per wish."""
    yield _wall(ctx)
    for wish in ctx.view.wishes:  # each made from its record alone: kept by it
        yield ctx.record_page(record_url("wish", wish.id), wish, partial(_wish, ctx, wish))


def progress_percent(progress: dict[str, int]) -> int:
    """Share of wishes already done, in whole percent."""
    total = sum(progress.values())
    return round(progress.get("完成", 0) * 100 / total) if total else 0


def _wall(ctx: SiteContext) -> GeneratedPage:
    progress = ctx.view.wish_progress()
    columns = [(s, STATUS_NOTES.get(s, ""), [w for w in ctx.view.wishes if w.status == s])
               for s in reversed(WISH_STATUS_ORDER)]
    body = ctx.render("wishes.html", SECTION, columns=columns, progress=progress,
                      percent=progress_percent(progress), chart=charts.wish_progress(progress))
    return GeneratedPage(SECTION, "心愿墙", body, "点亮微心愿：居民的小小心愿，由党员、单位和帮帮团认领实现",
                         SECTION, in_nav=True)


def _wish(ctx: SiteContext, wish: PublicWish) -> GeneratedPage:
    url = record_url("wish", wish.id)
    photos = ctx.photos(wish.photos)
    body = ctx.render("wish.html", url, w=wish, photos=photos, order=WISH_STATUS_ORDER)
    description = f"{wish.place.label}{wish.wisher}的微心愿：{wish.title}（{wish.status}）"
    return GeneratedPage(url, wish.title, body, description, SECTION,
                         image=photos[0].large.url if photos else "")
