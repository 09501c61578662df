"""帮帮团: 暖心便民、同心济困、热心乐民、爱心调解 groups and what they did."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model.public import PublicGroup
from generator.site.context import SiteContext
from generator.site.render import GeneratedPage
from generator.site.urls import record_url

SECTION = "groups/"


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """The list of groups and one page per group."""
    body = ctx.render("groups.html", SECTION, groups=ctx.view.groups)
    yield GeneratedPage(SECTION, "帮帮团", body, "暖心便民、同心济困、热心乐民、爱心调解帮帮团",
                        SECTION, in_nav=True)
    for group in ctx.view.groups:
        yield _group(ctx, group)


def _group(ctx: SiteContext, g: PublicGroup) -> GeneratedPage:
    url = record_url("group", g.id)
    activities = ctx.activities_with("groups", g.id)
    wishes = [w for w in ctx.view.wishes
              if any(s.by_ref and s.by_ref[0] == "group" and s.by_ref[1].id == g.id for s in w.timeline)]
    body = ctx.render("group.html", url, g=g, activities=activities, wishes=wishes)
    return GeneratedPage(url, g.name, body, f"{g.place.label}{g.name}：{g.mission}"[:150], SECTION)
