"""组织体系: the five-level grid per community and the city totals (derived and declared)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from generator.model.public import PublicCommunity, PublicGroup, PublicUnit
from generator.site.context import SiteContext
from generator.site.render import GeneratedPage
from generator.site.urls import record_url

SECTION = "organisation/"
READS = frozenset({"communities", "people", "units", "groups", "ratings", "scoring", "figures", "site"})
"""What these pages are made from (see :mod:`generator.site.sections`): the grid and its
leaders, the paired units and 帮帮团, the buildings with a 星级 page and the declared
figures; no activity, meeting or wish."""
LEVELS = ("社区党委", "小区（片区）党支部", "楼栋党小组", "党员中心户", "楼栋长")


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """City totals and one page per community."""
    yield _index(ctx)
    members = _by_community(ctx)
    for community in ctx.view.communities:
        yield _community(ctx, community, *members.get(community.id, ([], [])))


def _index(ctx: SiteContext) -> GeneratedPage:
    figures = ctx.view.figures()
    body = ctx.render("organisation.html", SECTION, grid=figures["grid"], declared=figures["declared"],
                      levels=LEVELS)
    description = "社区党委—小区（片区）党支部—楼栋党小组—党员中心户—楼栋长五级网格"
    return GeneratedPage(SECTION, "组织体系", body, description, SECTION, in_nav=True)


def _by_community(ctx: SiteContext) -> dict[str, tuple[list[PublicUnit], list[PublicGroup]]]:
    """Paired units and 帮帮团 of every community, in one pass (not one per community)."""
    found: dict[str, tuple[list[PublicUnit], list[PublicGroup]]] = defaultdict(lambda: ([], []))
    for u in ctx.view.units:
        for community in dict.fromkeys(r.id for r in u.communities):
            found[community][0].append(u)
    for g in ctx.view.groups:
        found[g.place.community.id][1].append(g)
    return found


def _community(ctx: SiteContext, c: PublicCommunity, units: list[PublicUnit],
               groups: list[PublicGroup]) -> GeneratedPage:
    url = record_url("community", c.id)
    rated = ctx.rated_pages
    rated_here = [page_id for e in c.estates for b in e.buildings
                  if (page_id := f"{c.id}-{e.id}-{b.id}") in rated]
    body = ctx.render("community.html", url, c=c, units=units, groups=groups, rated_pages=rated_here)
    description = f"{c.street}{c.name}：{len(c.estates)} 个小区，{c.households} 户"
    return GeneratedPage(url, c.name, body, description, SECTION)
