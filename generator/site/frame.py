"""Whole pages: a generated body inside the theme's ``main.html``, rendered by the plugin.

MkDocs' own per-page work (reading a source file, Markdown, the table of contents, the
page events) costs as much as bare MkDocs for the same number of pages, and jinlin's
bodies are HTML already. So, as Material's blog plugin does for its archive pages, the
plugin renders its pages itself — with MkDocs' Jinja environment (``on_env``) and the
same template and context variables MkDocs would use — and MkDocs builds the rest.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import mkdocs
from markupsafe import escape
from mkdocs import utils

from generator.site.render import GeneratedPage

TEMPLATE = "main.html"


@dataclass
class FramePage:
    """The attributes of :class:`mkdocs.structure.pages.Page` that ``main.html`` reads."""

    url: str
    title: str
    content: str
    meta: dict[str, Any] = field(default_factory=dict)
    canonical_url: str | None = None
    abs_url: str | None = None
    is_homepage: bool = False
    is_page: bool = True
    toc: tuple[()] = ()

    @classmethod
    def of(cls, page: GeneratedPage, site_url: str | None) -> FramePage:
        meta = {"title": page.title, "description": page.description, "image": page.image, **page.meta}
        if not site_url:
            return cls(page.url, page.title, page.body, meta, is_homepage=page.url == "")
        base, path = _site_base(site_url)  # page URLs are relative paths: joining is appending
        return cls(page.url, page.title, page.body, meta, base + page.url, path + page.url,
                   is_homepage=page.url == "")


@lru_cache(maxsize=4)
def _site_base(site_url: str) -> tuple[str, str]:
    """``site_url`` ending in ``/``, and its path (what ``urljoin``/``urlsplit`` gave per page)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base, urlsplit(base).path


class FrameRenderer:
    """Renders :class:`GeneratedPage` objects into complete HTML documents."""

    def __init__(self, env: Any, config: Any, nav: Any = None, files: Any = None) -> None:
        self.template = env.get_template(TEMPLATE)
        self.site_url: str | None = config.site_url or None
        self.config = config
        # what MkDocs' get_context() computes for every page, computed once
        self._token = secrets.token_hex(6)
        self._shapes: dict[tuple[object, ...], Shape | None] = {}
        self.base = {
            "nav": nav, "pages": files.documentation_pages() if files is not None else [],
            "mkdocs_version": mkdocs.__version__, "build_date_utc": utils.get_build_datetime(),
            "config": config,
        }

    def render(self, page: GeneratedPage) -> str:
        """The complete HTML document of ``page``."""
        frame = FramePage.of(page, self.site_url)
        key = _shape_key(frame)
        shape = self._shapes.get(key)
        if shape is not None and shape.trusted:
            return shape.fill(frame)
        whole = self._render(frame)
        if key not in self._shapes:
            self._shapes[key] = Shape.of(self._render(_sentinel_frame(frame, self._token)), self._token)
        shape = self._shapes[key]
        if shape is not None and not shape.check(frame, whole):
            self._shapes[key] = None  # this theme puts more of the page in its frame: render every page
        return whole

    def _render(self, frame: FramePage) -> str:
        context = dict(self.base)
        context.update(
            page=frame, base_url=utils.get_relative_url(".", frame.url),
            extra_css=[utils.normalize_url(path, frame) for path in self.config.extra_css],  # type: ignore[arg-type]
            extra_javascript=[utils.normalize_url(str(path), frame)  # type: ignore[arg-type]
                              for path in self.config.extra_javascript],
        )
        return self.template.render(context)


_FILLED = ("title", "canonical_url", "abs_url")
_FILLED_META = ("title", "description", "image")
CHECKS = 2
"""Pages of one shape rendered in full and compared before the shape is trusted."""


@dataclass
class Shape:
    """``main.html`` rendered once for pages of one kind (same folder, section, meta
    keys), with sentinels where each page's own text goes; filled in per page.

    Rendering ``main.html`` 10,000 times was a third of a city build. Everything in the
    frame that differs between two pages of a folder is one of the sentinel fields
    (title, description, image, addresses, body); links and menus depend only on the
    folder. A shape is trusted after :data:`CHECKS` pages filled from it equal their full
    render byte for byte; a theme whose frame shows anything else (``page.url`` itself,
    a filtered title) fails that check and is rendered page by page.
    """

    before: str
    after: str
    token: str
    checked: int = 0

    @classmethod
    def of(cls, rendered: str, token: str) -> Shape | None:
        parts = rendered.split(_sentinel(token, "content"))
        return cls(parts[0], parts[1], token) if len(parts) == 2 else None

    @property
    def trusted(self) -> bool:
        return self.checked >= CHECKS

    def check(self, frame: FramePage, whole: str) -> bool:
        if self.fill(frame) != whole:
            return False
        self.checked += 1
        return True

    def fill(self, frame: FramePage) -> str:
        before, after = self.before, self.after
        for name, value in _fields(frame):
            if value:
                mark, text = _sentinel(self.token, name), str(escape(value))
                before, after = before.replace(mark, text), after.replace(mark, text)
        return before + frame.content + after


def _fields(frame: FramePage) -> list[tuple[str, Any]]:
    return ([(name, getattr(frame, name)) for name in _FILLED]
            + [(f"meta-{name}", frame.meta.get(name)) for name in _FILLED_META])


def _sentinel(token: str, name: str) -> str:
    return f"jinlin{token}{name.replace('-', '')}x"


def _sentinel_frame(frame: FramePage, token: str) -> FramePage:
    meta = dict(frame.meta)
    for name in _FILLED_META:
        if meta.get(name):
            meta[name] = _sentinel(token, f"meta-{name}")
    fields = {name: _sentinel(token, name) if getattr(frame, name) else getattr(frame, name) for name in _FILLED}
    return replace(frame, content=_sentinel(token, "content"), meta=meta, **fields)


def _shape_key(frame: FramePage) -> tuple[object, ...]:
    """Pages that share a frame shape: same folder (relative links), same address kind,
    the same meta keys set (and the same values for any other meta)."""
    folder = frame.url.rstrip("/").rpartition("/")[0]
    meta = tuple(sorted((k, bool(v) if k in _FILLED_META else repr(v)) for k, v in frame.meta.items()))
    return (folder, frame.url.count("/"), frame.is_homepage, bool(frame.title),
            frame.canonical_url is not None, frame.abs_url is not None, meta)
