"""Page generators, one module per section; each has ``pages(ctx)`` yielding pages."""

from __future__ import annotations

from types import ModuleType

from generator.site.context import SiteContext
from generator.site.render import GeneratedPage
from generator.site.sections import SectionMemo


def section_modules() -> tuple[ModuleType, ...]:
    """The page modules, in section order."""
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

    return (home, activities, stars, wishes, meetings, people, organisation, pairing, groups,
            bulletins, opendata, search, handbook)


def generate_pages(ctx: SiteContext, sections: SectionMemo | None = None) -> list[GeneratedPage]:
    """Every page of the site, in section order (files go into ``ctx.files``); with
    ``sections`` (``serve``), sections whose inputs did not change are not generated again."""
    if sections is None:
        return [page for module in section_modules() for page in module.pages(ctx)]
    return [page for module in section_modules() for page in sections.pages(module, ctx)]
