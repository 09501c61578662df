"""What every page generator receives: the public view, the renderer and the helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from generator.model.public import PublicActivity, PublicMeeting, PublicPhoto, PublicView, RatedMonth
from generator.site.bulletins import BulletinArchive, build_archive
from generator.site.markdowncache import Remembered
from generator.site.media import MediaLibrary, WebPhoto
from generator.site.memo import DeferredBody, DeferredFile, PendingFile, RenderMemo, Unkeyable, Watched
from generator.site.render import THEME_DIR, GeneratedPage, Renderer

if TYPE_CHECKING:
    from markupsafe import Markup

    from generator.site.recordpages import RecordPages


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
    memo: RenderMemo | None = None
    """Set by the plugin: bodies whose inputs did not change are not rendered."""
    previews: Remembered | None = None
    """Set by the plugin: bulletin previews of earlier builds, by the digest of their inputs."""
    preview_salt: str = ""
    """What every preview depends on besides its inputs (the print templates)."""
    record_pages: RecordPages | None = None
    """Set by the plugin: pages made one per record by the last build (see :meth:`record_page`)."""

    @classmethod
    def create(cls, view: PublicView, cache_dir: Path, theme_dir: Path = THEME_DIR,
               bulletins: BulletinArchive | None = None) -> SiteContext:
        """A context with a media cache under ``cache_dir`` and one Jinja environment;
        without ``bulletins`` the archive lists the months (no PDFs rendered)."""
        media = MediaLibrary(view.content.media_root, cache_dir / "media")
        renderer = Renderer(theme_dir, {"site": view.site}, cache_dir / "jinja")
        return cls(view, media, renderer, bulletins or build_archive(view, None))

    def bulletin_preview(self, month: str) -> Markup | None:
        """The month's bulletin as HTML (see :meth:`BulletinArchive.preview`), made again
        only when what it is made from changed since a build that kept it."""
        archive = self.bulletins
        if self.previews is None or archive.module is None:
            return archive.preview(self.view, month)
        key = self.digested((self._preview_shared, archive.module.preview_inputs(self.view, month)))
        if not isinstance(key, str):
            return archive.preview(self.view, month)
        found = self.previews.get(key)
        if found is None:
            made = archive.preview(self.view, month)
            self.previews[key] = found = "" if made is None else str(made)
        return archive.kept_preview(found)

    @cached_property
    def _preview_shared(self) -> object:
        assert self.bulletins.module is not None
        return self.digested((self.preview_salt, self.bulletins.module.preview_shared_inputs(self.view)))

    def photos(self, photos: Iterable[PublicPhoto]) -> list[WebPhoto]:
        """Web variants of the publishable photos that exist on disk."""
        found = (self.media.photo(p.file, p.caption) for p in photos)
        return [p for p in found if p is not None]

    def thumb(self, activity: PublicActivity) -> WebPhoto | None:
        """The first photo of an activity, for cards."""
        return self._thumbs.get(activity.id)

    @cached_property
    def rated(self) -> dict[str, RatedMonth]:
        """星级楼栋 results by month (oldest first), for the 星级 pages: each month as one
        object, keyed by its digest (see :func:`~generator.site.ratedcache.seed`)."""
        return {month: self.view.rated_month(month) for month in self.view.rating_months}

    @cached_property
    def rated_pages(self) -> set[str]:
        """Page ids of every building that has a 星级 page (without reading the results)."""
        return {page for month in self.view.rating_months for page in self.view.rated_month(month).page_ids}

    def activities_with(self, kind: str, ident: str) -> list[PublicActivity]:
        """Activities (newest first) organised by the unit or group ``ident`` (``kind``
        ``units`` or ``groups``): one pass over the activities, not one per unit."""
        return self._activities_by[kind].get(ident, [])

    def meetings_with_unit(self, ident: str) -> list[PublicMeeting]:
        """Meetings (newest first) that the paired unit ``ident`` attended."""
        return self._meetings_by_unit.get(ident, [])

    @cached_property
    def _activities_by(self) -> dict[str, dict[str, list[PublicActivity]]]:
        found: dict[str, dict[str, list[PublicActivity]]] = {"units": {}, "groups": {}}
        for a in self.view.activities:
            for kind, by in found.items():
                for ident in dict.fromkeys(r.id for r in getattr(a, kind)):
                    by.setdefault(ident, []).append(a)
        return found

    @cached_property
    def _meetings_by_unit(self) -> dict[str, list[PublicMeeting]]:
        found: dict[str, list[PublicMeeting]] = {}
        for m in self.view.meetings:
            for ident in dict.fromkeys(r.id for r in m.units):
                found.setdefault(ident, []).append(m)
        return found

    @cached_property
    def _thumbs(self) -> dict[str, WebPhoto | None]:
        # only activities with a photo are asked (most have none; thumb() finds no entry)
        return {a.id: next(iter(self.photos(a.photos[:1])), None) for a in self.view.activities if a.photos}

    def render(self, template: str, here: str, **context: object) -> str:
        """Render a page body, with the context itself available as ``ctx``; with a
        :attr:`memo`, an unchanged body comes back as a :class:`DeferredBody`."""
        if self.memo is None:
            return self.renderer.render(template, here, ctx=self, view=self.view, **context)
        key = self.memo.key(template, here, context)
        if self.memo.unchanged(here, key):
            return DeferredBody(key or "", lambda: self._watched(template, here, context, None))
        return self._watched(template, here, context, key)

    def record_page(self, url: str, inputs: object, make: Callable[[], GeneratedPage]) -> GeneratedPage:
        """``make()``: the page at ``url``, made from ``inputs`` alone besides what every
        page depends on (a public record, say, with the lists its page shows). With
        :attr:`record_pages`, the last build's page when it was made from inputs of the
        same digest and the site holds it under the body key it would get again: it is
        neither made nor keyed (see :mod:`generator.site.recordpages`)."""
        kept, memo = self.record_pages, self.memo
        if kept is None or memo is None:
            return make()
        try:
            digest = memo.fingerprints.digest(inputs)
        except Unkeyable:
            return make()
        entry = kept.previous.get(url)
        if entry is not None and entry[0] == digest and entry[1] == memo.previous.get(url):
            memo.keys[url] = entry[1]
            for photo in entry[8]:
                self.media.photo(photo, "")
            kept.now[url] = entry
            _, key, title, description, section, in_nav, image, meta, _ = entry
            body = DeferredBody(key, lambda: _made_body(make()))
            return GeneratedPage(url, title, body, description, section, in_nav, image, dict(meta))
        files, asked, self.media.asked = len(self.files), self.media.asked, []
        try:
            page = make()
        finally:
            photos, self.media.asked = tuple(self.media.asked), asked
        key = memo.keys.get(url)
        if key is not None and page.url == url and len(self.files) == files:
            kept.now[url] = (digest, key, page.title, page.description, page.section, page.in_nav, page.image,
                             dict(page.meta), photos)
        return page

    def file(self, path: str, make: Callable[[], bytes], *inputs: object) -> None:
        """Add the generated file ``path`` made by ``make`` from ``inputs``; with a
        :attr:`memo` and the same inputs as last time, it is not made again, and with
        other inputs it is made when it is written (see :class:`PendingFile`)."""
        if self.memo is None:
            self.files[path] = make()
            return
        key = self.memo.key("file", path, {"inputs": inputs})
        if self.memo.unchanged(path, key):
            self.files[path] = DeferredFile(key or "", make)
            return
        self.files[path] = PendingFile(make)
        if key is not None:
            self.memo.rendered(path, key, set())

    def digested(self, value: object) -> object:
        """``value`` as the render memo keys it (its digest, in hex), to pass as the input of
        several files or pages without walking it again; ``value`` itself without a memo."""
        if self.memo is None:
            return value
        try:
            return self.memo.fingerprints.digest(value).hex()
        except Unkeyable:
            return value

    def _watched(self, template: str, here: str, context: dict[str, object], key: str | None) -> str:
        touched: set[str] = set()
        body = self.renderer.render(template, here, ctx=Watched(self, touched),
                                    view=Watched(self.view, touched), **context)
        if self.memo is not None and key is not None:
            self.memo.rendered(here, key, touched)
        return body


def _made_body(page: GeneratedPage) -> str:
    """The body of a page made again after all (itself deferred when its key held)."""
    body = page.body
    return body.render() if isinstance(body, DeferredBody) else body
