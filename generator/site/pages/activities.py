"""活动: one page per activity, and listings by month, by community and by type."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from functools import partial

from generator.model.public import PublicActivity
from generator.site.context import SiteContext
from generator.site.pages.paging import paginate
from generator.site.render import GeneratedPage, month_cn
from generator.site.urls import record_url, type_slug

SECTION = "activities/"
READS = frozenset({"activities", "meetings", "wishes", "communities", "units", "groups", "people", "site"})
"""What these pages are made from (see :mod:`generator.site.sections`): every table an
activity's public record refers to, and the communities the listings are grouped by."""


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """Every activity page and every activity listing."""
    yield _index(ctx)
    for activity in ctx.view.activities:  # each made from its record alone: kept by it
        yield ctx.record_page(record_url("activity", activity.id), activity, partial(_activity, ctx, activity))
    yield from _grouped(ctx)


def _index(ctx: SiteContext) -> GeneratedPage:
    view = ctx.view
    months = Counter(a.month for a in view.activities)
    types = Counter(a.type for a in view.activities)
    # by id: a community's ref hashes all its fields, 5,000 times
    counted = Counter(a.place.community.id for a in view.activities)
    refs = {a.place.community.id: a.place.community for a in view.activities}
    body = ctx.render(
        "activities.html", SECTION, latest=view.activities[: ctx.page_size],
        months=sorted(months.items(), reverse=True), types=types.most_common(),
        communities=[(refs[ident], count) for ident, count in sorted(counted.items())],
    )
    return GeneratedPage(SECTION, "活动", body, f"{view.site.city}各社区近邻党建活动", SECTION, in_nav=True)


def _activity(ctx: SiteContext, a: PublicActivity) -> GeneratedPage:
    url = record_url("activity", a.id)
    photos = ctx.photos(a.photos)
    body = ctx.render("activity.html", url, a=a, photos=photos)
    image = photos[0].large.url if photos else ""
    description = f"{a.date.year}年{a.date.month}月{a.date.day}日，{a.place.label}：{a.summary_text}"
    return GeneratedPage(url, a.title, body, description[:150], SECTION, image=image)


def _grouped(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """Listings: each month, each community, each type (newest first, paginated)."""
    by_month: dict[str, list[PublicActivity]] = defaultdict(list)
    by_type: dict[str, list[PublicActivity]] = defaultdict(list)
    by_community: dict[str, list[PublicActivity]] = defaultdict(list)
    for a in ctx.view.activities:
        by_month[a.month].append(a)
        by_type[a.type].append(a)
        by_community[a.place.community.id].append(a)
    for month, items in by_month.items():
        yield from _listing(ctx, f"activities/month/{month}/", f"{month_cn(month)}的活动", items)
    for kind, items in by_type.items():
        yield from _listing(ctx, f"activities/type/{type_slug(kind)}/", f"{kind}活动", items)
    for community in ctx.view.communities:
        items = by_community.get(community.id, [])
        yield from _listing(ctx, f"activities/community/{community.id}/", f"{community.name}的活动", items)


def _listing(ctx: SiteContext, base: str, title: str,
             items: Sequence[PublicActivity]) -> Iterator[GeneratedPage]:
    for chunk, pager in paginate(items, base, ctx.page_size):
        shown = title if pager.number == 1 else f"{title}（第 {pager.number} 页）"
        body = ctx.render("activity_list.html", pager.url, title=shown, activities=chunk,
                          pager=pager, count=len(items))
        yield GeneratedPage(pager.url, shown, body, f"{title}，共 {len(items)} 场", SECTION)
