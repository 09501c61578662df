"""Whole pages: a generated body inside the theme's ``main.html``, rendered by the plugin.

MkDocs' own per-page work (reading a source file, Markdown, the table of contents, the
page events) costs as much as bare MkDocs for the same number of pages, and jinlin's
bodies are HTML already. So, as Material's blog plugin does for its archive pages, the
plugin renders its pages itself — with MkDocs' Jinja environment (``on_env``) and the
same template and context variables MkDocs would use — and MkDocs builds the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import mkdocs
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
        self.base = {
            "nav": nav, "pages": files.documentation_pages() if files is not None else [],
            "mkdocs_version": mkdocs.__version__, "build_date_utc": utils.get_build_datetime(),
            "config": config,
        }

    def render(self, page: GeneratedPage) -> str:
        """The complete HTML document of ``page``."""
        frame = FramePage.of(page, self.site_url)
        context = dict(self.base)
        context.update(
            page=frame, base_url=utils.get_relative_url(".", page.url),
            extra_css=[utils.normalize_url(path, frame) for path in self.config.extra_css],  # type: ignore[arg-type]
            extra_javascript=[utils.normalize_url(str(path), frame)  # type: ignore[arg-type]
                              for path in self.config.extra_javascript],
        )
        return self.template.render(context)
