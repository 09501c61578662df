"""帮帮团: 暖心便民、同心济困、热心乐民、爱心调解 groups and what they did."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model.public import PublicGroup, PublicWish
from generator.site.context import SiteContext
from generator.site.render import GeneratedPage
from generator.site.urls import record_url

SECTION = "groups/"


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """The list of groups and one page per group."""
    body = ctx.render("groups.html", SECTION, groups=ctx.view.groups)
    yield GeneratedPage(SECTION, "帮帮团", body, "暖心便民、同心济困、热心乐民、爱心调解帮帮团",
                        SECTION, in_nav=True)
    helped = _wishes_by_group(ctx.view.wishes)
    for group in ctx.view.groups:
        yield _group(ctx, group, helped.get(group.id, []))


def _wishes_by_group(wishes: list[PublicWish]) -> dict[str, list[PublicWish]]:
    """Wishes a group took part in, by group (one pass: a province has 1,500 groups and
    6,000 wishes, and a pass per group was quadratic)."""
    found: dict[str, list[PublicWish]] = {}
    for w in wishes:
        for group in dict.fromkeys(s.by_ref[1].id for s in w.timeline if s.by_ref and s.by_ref[0] == "group"):
            found.setdefault(group, []).append(w)
    return found


def _group(ctx: SiteContext, g: PublicGroup, wishes: list[PublicWish]) -> GeneratedPage:
    url = record_url("group", g.id)
    activities = ctx.activities_with("groups", g.id)
    body = ctx.render("group.html", url, g=g, activities=activities, wishes=wishes)
    return GeneratedPage(url, g.name, body, f"{g.place.label}{g.name}：{g.mission}"[:150], SECTION)
