"""``serve``: sections whose inputs did not change are not generated again.

A page module may declare ``READS``: the content tables and settings its pages are made
from (besides what every page depends on: the theme, jinlin's code, the site settings
and the photos, which the render memo's salt covers). When the public view was lent by
the last build and none of those changed (:attr:`PublicView.changed`), the section's
pages, files and photos are those of the last build: its pages come back deferred, as
unchanged pages do, without walking 2,000 building histories to find out.

Should a kept page be needed after all (its file gone from the site folder, say), the
section is generated again. A test holds every ``READS`` to what the pages really read
(changing any other table leaves the section's output as it was).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from generator.site.context import SiteContext
from generator.site.memo import DeferredBody, DeferredFile
from generator.site.render import GeneratedPage


@dataclass
class Section:
    """What one section made in a build (with the salt it was made under)."""

    salt: bytes
    pages: list[GeneratedPage]
    files: list[str]
    photos: list[str]


@dataclass
class SectionMemo:
    """Sections of the last build by module name, and this build's."""

    previous: dict[str, Section] = field(default_factory=dict)
    now: dict[str, Section] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    """Names of the sections this build did not generate (for tests and the curious)."""

    def pages(self, module: ModuleType, ctx: SiteContext) -> list[GeneratedPage]:
        """The pages of ``module``: the last build's when what it reads did not change."""
        name = module.__name__.rsplit(".", 1)[-1]
        reads: frozenset[str] | None = getattr(module, "READS", None)
        salt = ctx.memo.salt if ctx.memo is not None else b""
        earlier = self.previous.get(name)
        if (reads is not None and earlier is not None and ctx.memo is not None and earlier.salt == salt
                and ctx.view.lent_from_previous and not ctx.view.changed & reads):
            self.kept.append(name)
            self.now[name] = earlier
            return _replay(earlier, module, ctx)
        photos_before = set(ctx.media.used)
        files_before = set(ctx.files)
        pages = list(module.pages(ctx))
        if reads is not None:
            self.now[name] = Section(salt, [bodiless(p) for p in pages],
                                     [f for f in ctx.files if f not in files_before],
                                     [f for f in ctx.media.used if f not in photos_before])
        return pages


def bodiless(page: GeneratedPage) -> GeneratedPage:
    """``page`` without its body (what a section keeps; ``dataclasses.replace`` costs
    ten times as much, for 10,000 pages a build)."""
    return GeneratedPage(page.url, page.title, "", page.description, page.section, page.in_nav, page.image,
                         page.meta)


def _replay(section: Section, module: ModuleType, ctx: SiteContext) -> list[GeneratedPage]:
    """``section``'s pages and files as unchanged ones (made again only if needed)."""
    assert ctx.memo is not None
    memo = ctx.memo
    for file in section.photos:
        ctx.media.photo(file, "")
    again = _Again(module, ctx)
    for path in section.files:
        memo.keys[path] = memo.previous.get(path)
        ctx.files[path] = DeferredFile(memo.previous.get(path) or "", lambda path=path: again.file(path))
    pages = []
    for page in section.pages:
        memo.keys[page.url] = key = memo.previous.get(page.url)
        body = DeferredBody(key or "", lambda url=page.url: again.body(url))
        pages.append(GeneratedPage(page.url, page.title, body, page.description, page.section, page.in_nav,
                                   page.image, page.meta))
    return pages


class _Again:
    """The section generated again, once, for a kept page or file that is needed after all."""

    def __init__(self, module: ModuleType, ctx: SiteContext) -> None:
        self._module = module
        self._ctx = ctx
        self._pages: dict[str, GeneratedPage] | None = None
        self._files: dict[str, bytes] = {}

    def _made(self) -> dict[str, GeneratedPage]:
        if self._pages is None:
            files = dict(self._ctx.files)
            self._pages = {p.url: p for p in self._module.pages(self._ctx)}
            self._files = {path: data for path, data in self._ctx.files.items() if files.get(path) is not data}
            self._ctx.files.update(files)  # the replayed entries stay in place
        return self._pages

    def body(self, url: str) -> str:
        body = self._made()[url].body
        return body.render() if isinstance(body, DeferredBody) else body

    def file(self, path: str) -> bytes:
        self._made()
        data = self._files.get(path, self._ctx.files.get(path, b""))
        return data.make() if isinstance(data, DeferredFile) else data


Generate = Callable[[ModuleType, SiteContext], list[GeneratedPage]]
