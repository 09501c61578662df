"""Sections whose inputs did not change are not generated again.

A page module may declare ``READS``: the content tables and settings its pages are made
from (besides what every page depends on: the theme, jinlin's code, the site settings
and the photos, which the render memo's salt covers). A section is kept with the digests
of the files of those tables; when the next build finds the same digests and the same
salt, and the site still holds the section's pages as they were published, the section's
pages, files and photos are those of the last build: its pages come back deferred, as
unchanged pages do, without walking 2,000 building histories to find out. ``serve``
keeps sections in memory; ``jinlin build`` in the cache folder
(:class:`KeptSections`, :func:`keep_sections`), so that an edited activity does not make the 星级
pages again.

Should a kept page be needed after all (its file gone from the site folder, say), the
section is generated again. A test holds every ``READS`` to what the pages really read
(changing any other table leaves the section's output as it was).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from generator.site.background import load_pickle, save_pickle
from generator.site.context import SiteContext
from generator.site.memo import DeferredBody, DeferredFile, PendingFile
from generator.site.render import GeneratedPage


@dataclass
class Section:
    """What one section made in a build: under which salt and from which files (the
    digest of each table it reads), its pages without bodies, files and photos, and the
    keys its pages and files were published under."""

    salt: bytes
    pages: list[GeneratedPage]
    files: list[str]
    photos: list[str]
    inputs: dict[str, bytes] = field(default_factory=dict)
    keys: dict[str, str | None] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, object]:
        # kept with each page's fields as a tuple: the activities' 5,600 pages pickle in
        # half the time (a section is written after every build that made it)
        return {**self.__dict__, "pages": [_page_fields(p) for p in self.pages]}

    def __setstate__(self, state: dict[str, object]) -> None:
        pages = state["pages"]
        assert isinstance(pages, list)
        self.__dict__.update(state, pages=[GeneratedPage(*fields) for fields in pages])


@dataclass
class SectionMemo:
    """Sections of the last build by module name, and this build's."""

    previous: dict[str, Section] | KeptSections = field(default_factory=dict)
    now: dict[str, Section] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    """Names of the sections this build did not generate (for tests and the curious)."""

    def pages(self, module: ModuleType, ctx: SiteContext) -> list[GeneratedPage]:
        """The pages of ``module``: the last build's when what it reads did not change."""
        name = module.__name__.rsplit(".", 1)[-1]
        reads: frozenset[str] | None = getattr(module, "READS", None)
        salt = ctx.memo.salt if ctx.memo is not None else b""
        inputs = _inputs(ctx, reads)
        earlier = self._earlier(name, salt, inputs)
        if earlier is not None and ctx.memo is not None and _published(earlier, ctx.memo.previous):
            self.kept.append(name)
            self.now[name] = earlier
            return _replay(earlier, module, ctx)
        photos_before = set(ctx.media.used)
        files_before = set(ctx.files)
        pages = list(module.pages(ctx))
        if inputs is not None:
            self.now[name] = Section(salt, [bodiless(p) for p in pages],
                                     [f for f in ctx.files if f not in files_before],
                                     [f for f in ctx.media.used if f not in photos_before], inputs)
        return pages

    def _earlier(self, name: str, salt: bytes, inputs: dict[str, bytes] | None) -> Section | None:
        """The last build's section ``name`` if it was made under ``salt`` from ``inputs``."""
        if inputs is None:
            return None
        if isinstance(self.previous, KeptSections):
            return self.previous.get(name, salt, inputs)
        found = self.previous.get(name)
        return found if found is not None and (found.salt, found.inputs) == (salt, inputs) else None

    def settle(self, keys: dict[str, str | None]) -> list[str]:
        """Note the keys this build published (``keys``, its render memo's) in the sections
        it generated; returns their names."""
        made = [name for name in self.now if name not in self.kept]
        for name in made:
            section = self.now[name]
            section.keys = {url: keys.get(url) for url in [*(p.url for p in section.pages), *section.files]}
        return made


def _inputs(ctx: SiteContext, reads: frozenset[str] | None) -> dict[str, bytes] | None:
    """The digests of the tables a section reads (``None``: it declares none, or a table
    has records without a file digest, which no build can keep)."""
    if reads is None:
        return None
    found = {table: ctx.view.source_digest(table) for table in sorted(reads)}
    return None if any(d is None for d in found.values()) else found  # type: ignore[return-value]


def _published(section: Section, published: dict[str, str | None]) -> bool:
    """True if the site holds the section's pages and files as they were made (a build
    that kept a section and then failed before publishing must not be trusted)."""
    if not section.keys and (section.pages or section.files):
        return False
    return all(url in published and published[url] == key for url, key in section.keys.items())


class KeptSections:
    """The sections kept by the last ``jinlin build``, each read only when asked for under
    the salt and inputs it was kept with: an edited activity does not read the activity
    section's 5,000 pages only to make them again. An index holds each one's salt and inputs."""

    def __init__(self, cache_dir: Path) -> None:
        self.folder = _folder(cache_dir)
        self.index: dict[str, tuple[bytes, dict[str, bytes]]] = load_pickle(self.folder / "index.pickle", {})

    def get(self, name: str, salt: bytes, inputs: dict[str, bytes]) -> Section | None:
        if self.index.get(name) != (salt, inputs):
            return None
        section = load_pickle(self.folder / f"{name}.pickle", _NONE)
        return section if section is not _NONE and (section.salt, section.inputs) == (salt, inputs) else None


_NONE = Section(b"", [], [], [])


def keep_sections(memo: SectionMemo, cache_dir: Path, names: list[str]) -> None:
    """Keep the sections ``names`` (generated by this build; best effort), then the index
    of what every kept section was made under."""
    if not names:
        return
    folder = _folder(cache_dir)
    # the index as this build read it (a build that read none keeps only its own sections)
    index = dict(memo.previous.index) if isinstance(memo.previous, KeptSections) else {}
    for name in names:
        section = memo.now[name]
        save_pickle(folder / f"{name}.pickle", section)
        index[name] = (section.salt, section.inputs)
    save_pickle(folder / "index.pickle", index)


def _folder(cache_dir: Path) -> Path:
    return cache_dir / "sections"


def bodiless(page: GeneratedPage) -> GeneratedPage:
    """``page`` without its body (what a section keeps; ``dataclasses.replace`` costs
    ten times as much, for 10,000 pages a build)."""
    return GeneratedPage(page.url, page.title, "", page.description, page.section, page.in_nav, page.image,
                         page.meta)


def _page_fields(page: GeneratedPage) -> tuple[object, ...]:
    """A page's fields in order (``dataclasses.astuple`` copies them deeply)."""
    return (page.url, page.title, page.body, page.description, page.section, page.in_nav, page.image, page.meta)


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
        return data.make() if isinstance(data, DeferredFile | PendingFile) else data


Generate = Callable[[ModuleType, SiteContext], list[GeneratedPage]]
