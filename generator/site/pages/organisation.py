"""组织体系: the five-level grid per community and the city totals (derived and declared)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model.public import PublicCommunity
from generator.site.context import SiteContext
from generator.site.render import GeneratedPage
from generator.site.urls import record_url

SECTION = "organisation/"
LEVELS = ("社区党委", "小区（片区）党支部", "楼栋党小组", "党员中心户", "楼栋长")


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """City totals and one page per community."""
    yield _index(ctx)
    for community in ctx.view.communities:
        yield _community(ctx, community)


def _index(ctx: SiteContext) -> GeneratedPage:
    figures = ctx.view.figures()
    body = ctx.render("organisation.html", SECTION, grid=figures["grid"], declared=figures["declared"],
                      levels=LEVELS)
    description = "社区党委—小区（片区）党支部—楼栋党小组—党员中心户—楼栋长五级网格"
    return GeneratedPage(SECTION, "组织体系", body, description, SECTION, in_nav=True)


def _community(ctx: SiteContext, c: PublicCommunity) -> GeneratedPage:
    url = record_url("community", c.id)
    units = [u for u in ctx.view.units if any(r.id == c.id for r in u.communities)]
    groups = [g for g in ctx.view.groups if g.place.community.id == c.id]
    body = ctx.render("community.html", url, c=c, units=units, groups=groups)
    description = f"{c.street}{c.name}：{len(c.estates)} 个小区，{c.households} 户"
    return GeneratedPage(url, c.name, body, description, SECTION)
