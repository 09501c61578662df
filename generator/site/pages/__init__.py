"""Page generators, one module per section; each has ``pages(ctx)`` yielding pages."""

from __future__ import annotations

from generator.site.context import SiteContext
from generator.site.render import GeneratedPage
from generator.site.sections import SectionMemo


def generate_pages(ctx: SiteContext, sections: SectionMemo | None = None) -> list[GeneratedPage]:
    """Every page of the site, in section order (files go into ``ctx.files``); with
    ``sections`` (``serve``), sections whose inputs did not change are not generated again."""
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
    if sections is None:
        return [page for module in modules for page in module.pages(ctx)]
    return [page for module in modules for page in sections.pages(module, ctx)]
