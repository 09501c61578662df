"""Page generators, one module per section; each has ``pages(ctx)`` yielding pages."""

from __future__ import annotations

from generator.site.context import SiteContext
from generator.site.render import GeneratedPage


def generate_pages(ctx: SiteContext) -> list[GeneratedPage]:
    """Every page of the site, in section order (files go into ``ctx.files``)."""
    from generator.site.pages import (
        activities,
        bulletins,
        groups,
        handbook,
        home,
        meetings,
        opendata,
        organisation,
        pairing,
        people,
        search,
        stars,
        wishes,
    )

    modules = (home, activities, stars, wishes, meetings, people, organisation, pairing, groups,
               bulletins, opendata, search, handbook)
    return [page for module in modules for page in module.pages(ctx)]
