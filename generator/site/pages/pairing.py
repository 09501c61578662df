"""结对共建: paired units ↔ communities, their 需求/服务清单, joint meetings and problems solved."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model.public import PublicUnit
from generator.site.context import SiteContext
from generator.site.render import GeneratedPage
from generator.site.urls import record_url

SECTION = "pairing/"


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """The pairing overview and one page per unit."""
    yield _index(ctx)
    for unit in ctx.view.units:
        yield _unit(ctx, unit)


def _index(ctx: SiteContext) -> GeneratedPage:
    joint = [m for m in ctx.view.meetings if m.kind == "联席会议"]
    solved = [(m, p) for m in joint for p in m.problems if p.status == "已解决"]
    body = ctx.render("pairing.html", SECTION, figures=ctx.view.figures()["pairing"], joint=joint,
                      solved=solved)
    return GeneratedPage(SECTION, "结对共建", body, "机关联社区，党建促治理：单位与社区结对，双向清单",
                         SECTION, in_nav=True)


def _unit(ctx: SiteContext, unit: PublicUnit) -> GeneratedPage:
    url = record_url("unit", unit.id)
    meetings = ctx.meetings_with_unit(unit.id)
    activities = ctx.activities_with("units", unit.id)
    body = ctx.render("unit.html", url, unit=unit, meetings=meetings, activities=activities)
    names = "、".join(c.name for c in unit.communities)
    return GeneratedPage(url, unit.name, body, f"{unit.name}与{names}结对共建", SECTION)
