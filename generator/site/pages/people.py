"""人物: honour rolls (最美党员、最美群众 …) by month and one profile per public person."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import partial

from generator.model.public import PublicActivity, PublicHonour, PublicPerson
from generator.site.context import SiteContext
from generator.site.media import WebPhoto
from generator.site.pages.paging import paginate
from generator.site.render import GeneratedPage, month_cn
from generator.site.urls import record_url

SECTION = "people/"


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """The honour-roll index, one roll per month, the list of everyone, one page each."""
    months = honour_months(ctx)
    yield _index(ctx, months)
    for month in months:
        yield _roll(ctx, month)
    yield from _everyone(ctx)
    joined = _activities_by_person(ctx)
    for person in ctx.view.people:  # each made from the person and the activities shown
        shown = joined.get(person.id, [])
        yield ctx.record_page(record_url("person", person.id), (person, shown), partial(_profile, ctx, person, shown))


def honour_months(ctx: SiteContext) -> list[str]:
    """Months with at least one honour for a public person, newest first."""
    return sorted({h.month for p in ctx.view.people for h in p.honours}, reverse=True)


def latest_honours(ctx: SiteContext, limit: int) -> list[tuple[PublicPerson, PublicHonour, WebPhoto | None]]:
    """The newest honours (whole months, newest first) up to ``limit``, with portraits."""
    found: list[tuple[PublicPerson, PublicHonour, WebPhoto | None]] = []
    for month in honour_months(ctx):
        if len(found) >= limit:
            break
        found.extend((p, h, portrait(ctx, p)) for p, h in ctx.view.honoured_in(month))
    return found[:limit]


def _index(ctx: SiteContext, months: list[str]) -> GeneratedPage:
    latest = months[0] if months else ""
    rolls = _grouped_roll(ctx, latest) if latest else {}
    body = ctx.render("people.html", SECTION, latest=latest, rolls=rolls, months=months,
                      count=len(ctx.view.people))
    return GeneratedPage(SECTION, "人物", body, "最美党员、最美群众和身边的好邻居", SECTION, in_nav=True)


def _grouped_roll(ctx: SiteContext, month: str) -> dict[str, list]:
    rolls: dict[str, list] = defaultdict(list)
    for person, honour in ctx.view.honoured_in(month):
        rolls[honour.title].append((person, honour, portrait(ctx, person)))
    return dict(rolls)


def _roll(ctx: SiteContext, month: str) -> GeneratedPage:
    url = f"people/honours/{month}/"
    title = f"{month_cn(month)}光荣榜"
    body = ctx.render("honour_roll.html", url, title=title, month=month, rolls=_grouped_roll(ctx, month))
    return GeneratedPage(url, title, body, f"{month_cn(month)}评选的最美党员、最美群众", SECTION)


def _everyone(ctx: SiteContext) -> Iterator[GeneratedPage]:
    for chunk, pager in paginate(ctx.view.people, "people/all/", ctx.page_size * 2):
        title = "全部人物" if pager.number == 1 else f"全部人物（第 {pager.number} 页）"
        body = ctx.render("people_all.html", pager.url, title=title, people=chunk, pager=pager)
        yield GeneratedPage(pager.url, title, body, "本站公开介绍的全部人物", SECTION)


def _profile(ctx: SiteContext, person: PublicPerson, joined: list[PublicActivity]) -> GeneratedPage:
    url = record_url("person", person.id)
    photo = portrait(ctx, person)
    body = ctx.render("person.html", url, p=person, portrait=photo, joined=joined)
    honours = "、".join(f"{month_cn(h.month)}{h.title}" for h in person.honours)
    description = f"{person.place.label}{person.political_status}{person.name}" + (f"，{honours}" if honours else "")
    image = photo.large.url if photo else ""
    return GeneratedPage(url, person.name, body, description, SECTION, image=image)


def portrait(ctx: SiteContext, person: PublicPerson) -> WebPhoto | None:
    """The person's photo (only present with consent), as web variants."""
    return next(iter(ctx.photos([person.photo] if person.photo else [])), None)


def _activities_by_person(ctx: SiteContext) -> dict[str, list[PublicActivity]]:
    joined: dict[str, list[PublicActivity]] = defaultdict(list)
    for activity in ctx.view.activities:
        for ref in activity.people:
            joined[ref.id].append(activity)
    return joined
