"""首页: key figures, latest activities, this month's star buildings, model people, the
wish wall's progress and the latest bulletin."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from generator.site import charts
from generator.site.context import SiteContext
from generator.site.pages import people, stars, wishes
from generator.site.render import GeneratedPage

HOME_FIGURES = ("activities", "participants", "deliberations", "wishes-done")


def pages(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """The home page."""
    view = ctx.view
    work = {f.id: f for f in view.figures()["work"]}
    month = stars.latest_month(ctx)
    top = [r for r in (view.rated(month) if month else []) if r.score.stars][:6]  # one month is read
    honoured = people.latest_honours(ctx, 6)
    progress = view.wish_progress()
    body = ctx.render(
        "home.html", "", figures=[work[i] for i in HOME_FIGURES if i in work],
        grid={f.id: f for f in view.figures()["grid"]}, latest=view.activities[:6],
        star_month=month, top=top, honoured=honoured,
        honour_month=honoured[0][1].month if honoured else "",
        progress=progress, percent=wishes.progress_percent(progress),
        bulletin=ctx.bulletins.latest, months_chart=_months_chart(ctx),
    )
    first = next((ctx.thumb(a) for a in view.activities if ctx.thumb(a)), None)
    yield GeneratedPage("", view.site.name, body, view.site.description, "", in_nav=True,
                        image=first.large.url if first else "")


def _months_chart(ctx: SiteContext) -> charts.Chart:
    counts = Counter(a.month for a in ctx.view.activities)
    return charts.activities_per_month(sorted(counts.items())[-12:])
