"""Page bodies from Jinja templates in ``templates/site/pages/``.

One :class:`Renderer` (one Jinja environment) per build. Templates autoescape; the only
values inserted unescaped are the ``*_html`` Markup fields made by ``render_markdown`` and
SVG charts built here from numbers and escaped labels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.site.urls import Linker
from generator.templatecache import KeptBytecode

THEME_DIR = Path(__file__).resolve().parents[2] / "templates" / "site"
"""The packaged-with-the-repo theme; ``mkdocs.yml`` points ``theme.custom_dir`` here."""


@dataclass
class GeneratedPage:
    """One page of the site: where it lives, its head fields and its HTML body."""

    url: str
    title: str
    body: str
    description: str = ""
    section: str = ""
    in_nav: bool = False
    image: str = ""
    """Root-relative URL of a photo for share cards (``og:image``)."""
    meta: dict[str, Any] = field(default_factory=dict)


class Renderer:
    """Renders page bodies; the Jinja environment is created once and reused."""

    def __init__(self, theme_dir: Path = THEME_DIR, globals_: dict[str, Any] | None = None,
                 bytecode_dir: Path | None = None) -> None:
        # compiled templates survive between builds (~1 s saved)
        cache = KeptBytecode(bytecode_dir) if bytecode_dir is not None else None
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(theme_dir)),
            bytecode_cache=cache,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        self.env.filters.update(FILTERS)
        self.env.globals.update(globals_ or {})

    def render(self, template: str, here: str, **context: Any) -> str:
        """Render ``pages/<template>`` for the page at root-relative URL ``here``."""
        return self.env.get_template(f"pages/{template}").render(u=Linker(here), here=here, **context)


def date_cn(value: dt.date | None) -> str:
    """``2026年8月15日``."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def month_cn(month: str) -> str:
    """``2026-08`` → ``2026年8月``."""
    year, number = month.split("-")
    return f"{year}年{int(number)}月"


def number(value: float) -> str:
    """Thousands separated, no trailing ``.0``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


@lru_cache(maxsize=64)  # thousands of leaderboard rows use a handful of values
def stars(count: int, out_of: int = 5) -> Markup:
    """Filled and empty stars with a spoken equivalent (``4 星``)."""
    shown = "★" * count + "☆" * (out_of - count)
    label = f"{count} 星" if count else "未评星"
    return Markup('<span class="stars" role="img" aria-label="{}">{}</span>').format(label, shown)


def first_line(text: str, limit: int = 80) -> str:
    """A one-line excerpt of plain text."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


FILTERS: dict[str, Any] = {
    "date_cn": date_cn, "month_cn": month_cn, "number": number, "stars": stars,
    "first_line": first_line, "e": escape,
}
