"""What the theme's ``main.html`` gets besides MkDocs' own variables (``jinlin.*``).

The section menu is the same on every page of a given depth and section, so it is built
once per (depth, section) instead of 22 ``|url`` filter calls on each of 5,000 pages.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from generator.site.urls import SECTIONS, Linker


@dataclass
class ThemeHelpers:
    """``jinlin`` in the theme: site settings, asset version and the section menu."""

    site: Any
    version: str = ""
    sections: tuple[tuple[str, str], ...] = SECTIONS
    sitemap: list[str] = field(default_factory=list)
    """Addresses of the pages the plugin renders itself (MkDocs lists its own in ``pages``)."""
    _menus: dict[tuple[str, str, bool], Markup] = field(default_factory=dict, repr=False)

    @property
    def police_code(self) -> str:
        """The digits of the 公安备案号 (for the look-up link)."""
        return re.sub(r"\D", "", getattr(self.site, "police_record", "") or "")

    def section_of(self, here: str) -> str:
        """The menu entry a page belongs to (longest matching prefix; '' is the home page)."""
        matches = [url for _, url in self.sections if url and here.startswith(url)]
        return max(matches, key=len, default="" if here == "" else "-")

    def menu_items(self, here: str) -> Markup:
        """``<li>`` links of every section, relative to ``here``; the current section is
        marked ``aria-current="page"`` on its own page and ``"true"`` below it."""
        section = self.section_of(here)
        key = (Linker(here).root, section, here == section)
        if key not in self._menus:
            self._menus[key] = Markup("").join(self._item(here, title, url, section) for title, url in self.sections)
        return self._menus[key]

    def sitemap_entries(self, lastmod: str) -> Markup:
        """The ``<url>`` entries of :attr:`sitemap`, made in one pass (the template's loop
        over a city's 10,000 addresses took a tenth of a second of every build)."""
        if not self.sitemap:
            return Markup("")
        head, tail = "\n    <url>\n         <loc>", f"</loc>\n         <lastmod>{escape(lastmod)}</lastmod>\n    </url>"
        # escaped as one string and joined in one call (an address holds no line break)
        locs = str(escape("\n".join(self.sitemap))).split("\n")
        return Markup(head + (tail + head).join(locs) + tail)

    @staticmethod
    def _item(here: str, title: str, url: str, section: str) -> Markup:
        current = "" if url != section else Markup(' aria-current="{}"').format("page" if here == url else "true")
        return Markup('<li><a href="{}"{}>{}</a></li>').format(Linker(here).to(url), current, title)


def asset_version(theme_dir: Path) -> str:
    """A short hash of the stylesheet and scripts: browsers refetch them when they change."""
    digest = hashlib.blake2b(digest_size=4)
    for name in ("site.css", "site.js", "search.js"):
        path = theme_dir / "assets" / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()



