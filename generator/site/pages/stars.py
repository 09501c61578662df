"""星级楼栋: the monthly leaderboard, per community, one page per building, the rules."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from generator.model.public import RatedBuilding, RatedMonth
from generator.site import charts
from generator.site.context import SiteContext
from generator.site.pages.paging import paginate
from generator.site.render import GeneratedPage, month_cn
from generator.site.urls import record_url

SECTION = "stars/"
PER_PAGE = 100
"""Buildings per page of a month's leaderboard: a phone shows 100 rows at once well."""
TOP = 20
"""Buildings of the latest month on the section's first page (the rest: the month's pages)."""
READS = frozenset({"ratings", "scoring", "communities", "people", "site"})
"""What these pages are made from (see :mod:`generator.site.sections`): the sheets and
rules, and the organisation (names, and the 楼栋长 shown with each community's buildings)."""


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """Leaderboards by month and community, building histories and the public rules."""
    by_month = ctx.rated
    yield _index(ctx, by_month)
    for month, rated in by_month.items():
        yield from _month(ctx, month, rated)
    yield from _communities(ctx, by_month)
    for history in _histories(by_month).values():
        yield _building(ctx, history)
    yield _rules(ctx)


def latest_month(ctx: SiteContext) -> str:
    """The newest month with rating sheets ('' if none)."""
    return ctx.view.rating_months[-1] if ctx.view.rating_months else ""


def distribution(rated: Sequence[RatedBuilding]) -> charts.Chart:
    """Star counts of one month's buildings, as a chart."""
    month = rated[0].score.month if rated else ""
    counts = Counter(r.score.stars for r in rated)
    return charts.star_distribution(month_cn(month) if month else "", dict(counts))


def _index(ctx: SiteContext, by_month: dict[str, RatedMonth]) -> GeneratedPage:
    month = latest_month(ctx)
    rated = by_month.get(month, [])
    body = ctx.render("stars.html", SECTION, month=month, rated=rated[:TOP], count=len(rated),
                      months=sorted(by_month, reverse=True), chart=distribution(rated),
                      communities=ctx.view.communities)
    return GeneratedPage(SECTION, "星级楼栋", body, "星级楼栋月度评比：评委团抽查加大众评审", SECTION, in_nav=True)


def _month(ctx: SiteContext, month: str, rated: RatedMonth) -> Iterator[GeneratedPage]:
    """The month's buildings by score, :data:`PER_PAGE` to a page (a city rates 2,000)."""
    title = f"{month_cn(month)}星级楼栋榜"
    chart = distribution(rated)
    for chunk, pager in paginate(rated, f"stars/{month}/", PER_PAGE):
        shown = title if pager.number == 1 else f"{title}（第 {pager.number} 页）"
        body = ctx.render("stars_month.html", pager.url, title=shown, month=month, rated=chunk, chart=chart,
                          pager=pager, count=len(rated), per_page=PER_PAGE,
                          first_rank=(pager.number - 1) * PER_PAGE + 1)
        yield GeneratedPage(pager.url, shown, body, f"{month_cn(month)}各楼栋得分与星级", SECTION)


def _communities(ctx: SiteContext, by_month: dict[str, RatedMonth]) -> Iterator[GeneratedPage]:
    grouped: dict[str, dict[str, RatedMonth]] = defaultdict(dict)
    for month, rated in sorted(by_month.items(), reverse=True):
        for r in rated:
            grouped[r.community.id].setdefault(month, []).append(r)
    for community in ctx.view.communities:
        url = f"stars/community/{community.id}/"
        title = f"{community.name}星级楼栋"
        body = ctx.render("stars_community.html", url, title=title, community=community,
                          months=grouped.get(community.id, {}))
        yield GeneratedPage(url, title, body, f"{community.name}各楼栋每月星级", SECTION)


def _histories(by_month: dict[str, RatedMonth]) -> dict[str, RatedMonth]:
    """Each building's results, newest month first."""
    histories: dict[str, RatedMonth] = defaultdict(list)
    for month in sorted(by_month, reverse=True):
        for r in by_month[month]:
            histories[r.page_id].append(r)
    return histories


def _building(ctx: SiteContext, history: list[RatedBuilding]) -> GeneratedPage:
    latest = history[0]
    url = record_url("building", latest.page_id)
    title = f"{latest.estate.name}{latest.building.name}"
    body = ctx.render("building.html", url, title=title, latest=latest, history=history,
                      rules=ctx.view.scoring)
    description = f"{latest.community.name}{title}：{month_cn(latest.score.month)}{latest.score.stars} 星"
    return GeneratedPage(url, title, body, description, SECTION)


def _rules(ctx: SiteContext) -> GeneratedPage:
    url = "stars/rules/"
    rules = ctx.view.scoring
    body = ctx.render("stars_rules.html", url, rules=rules)
    return GeneratedPage(url, rules.title, body, "星级楼栋考核细则：指标、否决事项和星级标准", SECTION)
