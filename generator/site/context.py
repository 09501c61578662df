"""What every page generator receives: the public view, the renderer and the helpers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.model.public import PublicActivity, PublicPhoto, PublicView, RatedBuilding
from generator.site.bulletins import BulletinArchive, build_archive
from generator.site.media import MediaLibrary, WebPhoto
from generator.site.render import THEME_DIR, Renderer


@dataclass
class SiteContext:
    """One build's shared state. Generators read the view and add pages and files."""

    view: PublicView
    media: MediaLibrary
    renderer: Renderer
    bulletins: BulletinArchive
    page_size: int = 24
    files: dict[str, bytes] = field(default_factory=dict)
    """Extra files by root-relative URL (feeds, open data): written into the site."""

    @classmethod
    def create(cls, view: PublicView, cache_dir: Path, theme_dir: Path = THEME_DIR,
               bulletins: BulletinArchive | None = None) -> SiteContext:
        """A context with a media cache under ``cache_dir`` and one Jinja environment;
        without ``bulletins`` the archive lists the months (no PDFs rendered)."""
        media = MediaLibrary(view.content.media_root, cache_dir / "media")
        renderer = Renderer(theme_dir, {"site": view.site}, cache_dir / "jinja")
        return cls(view, media, renderer, bulletins or build_archive(view, None))

    def photos(self, photos: Iterable[PublicPhoto]) -> list[WebPhoto]:
        """Web variants of the publishable photos that exist on disk."""
        found = (self.media.photo(p.file, p.caption) for p in photos)
        return [p for p in found if p is not None]

    def thumb(self, activity: PublicActivity) -> WebPhoto | None:
        """The first photo of an activity, for cards."""
        return self._thumbs.get(activity.id)

    @cached_property
    def rated(self) -> dict[str, list[RatedBuilding]]:
        """星级楼栋 results by month (oldest first), computed once per build."""
        return {month: self.view.rated(month) for month in self.view.rating_months}

    @cached_property
    def rated_pages(self) -> set[str]:
        """Page ids of every building that has a 星级 page."""
        return {r.page_id for rated in self.rated.values() for r in rated}

    @cached_property
    def _thumbs(self) -> dict[str, WebPhoto | None]:
        return {a.id: next(iter(self.photos(a.photos[:1])), None) for a in self.view.activities}

    def render(self, template: str, here: str, **context: object) -> str:
        """Render a page body, with the context itself available as ``ctx``."""
        return self.renderer.render(template, here, ctx=self, view=self.view, **context)
