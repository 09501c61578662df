"""议事厅: meetings (议事 and 党建联席会议) → their decisions → the activities they led to."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from generator.model.public import PublicMeeting
from generator.site.context import SiteContext
from generator.site.render import GeneratedPage, date_cn
from generator.site.urls import record_url

SECTION = "meetings/"


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """The meeting list and one page per meeting."""
    yield _index(ctx)
    for meeting in ctx.view.meetings:  # each made from its record alone: kept by it
        yield ctx.record_page(record_url("meeting", meeting.id), meeting, partial(_meeting, ctx, meeting))


def _index(ctx: SiteContext) -> GeneratedPage:
    meetings = ctx.view.meetings
    deliberations = [m for m in meetings if m.kind == "议事"]
    joint = [m for m in meetings if m.kind != "议事"]
    body = ctx.render("meetings.html", SECTION, deliberations=deliberations, joint=joint)
    return GeneratedPage(SECTION, "议事厅", body, "红色会客厅、邻里议事厅：居民的事居民商量着办",
                         SECTION, in_nav=True)


def _meeting(ctx: SiteContext, m: PublicMeeting) -> GeneratedPage:
    url = record_url("meeting", m.id)
    photos = ctx.photos(m.photos)
    body = ctx.render("meeting.html", url, m=m, photos=photos)
    where = m.place.label if m.place else m.venue
    description = f"{date_cn(m.date)}，{where}{m.kind}：{m.title}，形成决定 {len(m.decisions)} 项"
    return GeneratedPage(url, m.title, body, description, SECTION,
                         image=photos[0].large.url if photos else "")
