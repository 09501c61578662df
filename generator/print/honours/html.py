"""Certificate and plaque HTML from ``templates/print/certificate*`` and ``plaque*``.

Both are print-edition documents only (PDF/X-4, CMYK, 3 mm bleed with crop marks, like the
bulletin's print edition): they are handed over or hung up, never published.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import jinja2
from markupsafe import Markup

from generator.model.settings import FontSettings
from generator.print.editions import cmyk_profile
from generator.print.honours.records import MonthHonours
from generator.print.honours.shapes import corner, star_row
from generator.print.html import TEMPLATE_DIR, css_string, w3c_date


@dataclass(frozen=True)
class HonoursPalette:
    """The colours of certificates and plaques, as CSS values (CMYK for print)."""

    red: str
    gold: str
    light_gold: str
    dark_gold: str
    cream: str
    black: str
    grey: str


PALETTE = HonoursPalette(
    red="device-cmyk(0 0.95 0.9 0.12)", gold="device-cmyk(0 0.3 0.85 0.08)",
    light_gold="device-cmyk(0 0.12 0.6 0)", dark_gold="device-cmyk(0 0.45 1 0.3)",
    cream="device-cmyk(0 0.03 0.12 0)", black="device-cmyk(0 0 0 1)",
    grey="device-cmyk(0 0 0 0.45)",
)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """This renderer's own environment over the print templates (autoescaping)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(css_string=css_string)
    env.globals.update(corner=corner, citation_size=citation_size, name_size=name_size,
                       building_size=building_size, place_size=place_size,
                       criteria_size=criteria_size, compact=compact)
    return env


def certificates_html(honours: MonthHonours, fonts: FontSettings) -> str:
    """The month's 荣誉证书, one A4 landscape page each."""
    return _render("certificate.html.j2", "certificate.css", honours, fonts)


def plaques_html(honours: MonthHonours, fonts: FontSettings) -> str:
    """The month's 星级楼栋 plaques, one A4 portrait page each."""
    stars = {n: star_row(n, PALETTE.gold, PALETTE.light_gold, PALETTE.dark_gold, f"{n}颗星")
             for n in {p.stars for p in honours.plaques}}
    return _render("plaque.html.j2", "plaque.css", honours, fonts, stars=stars)


def _render(template: str, stylesheet: str, honours: MonthHonours, fonts: FontSettings,
            **extra: object) -> str:
    css = (TEMPLATE_DIR / stylesheet).read_text(encoding="utf-8")
    return environment().get_template(template).render(
        h=honours, palette=PALETTE, fonts=fonts, css=Markup(css),
        cmyk_profile=cmyk_profile().as_uri(), created=w3c_date(honours.date), **extra,
    )


def citation_size(text: str) -> float:
    """Point size of a citation: smaller for longer text, so that every certificate keeps
    to one page (400 characters, the most a citation may have, fit at 12 pt)."""
    return _fit(len(text), ((60, 20), (120, 18), (200, 16), (280, 14)), 12)


def name_size(name: str) -> float:
    """Point size of the recipient's name (names may have up to 20 characters)."""
    return _fit(len(name), ((6, 30), (12, 24)), 18)


def building_size(name: str, compact: bool = False) -> float:
    """Point size of the building's name on a plaque (up to 30 characters; one line of the
    161 mm measure holds 5 characters at 84 pt, 21 at 20 pt); at most 56 pt on a compact
    plaque."""
    size = _fit(len(name), ((5, 84), (7, 60), (10, 40), (15, 28), (21, 20)), 14)
    return min(size, 56) if compact else size


def place_size(text: str) -> float:
    """Point size of the plaque's 社区 · 小区 line (each name up to 30 characters)."""
    return _fit(len(text), ((16, 22), (26, 17)), 13)


def criteria_size(names: tuple[str, ...]) -> float:
    """Point size of the criteria met, by how much there is to list."""
    return _fit(sum(len(name) + 2 for name in names), ((40, 17), (80, 15), (140, 13)), 11)


def compact(names: tuple[str, ...]) -> bool:
    """Whether a plaque lists so many criteria that its title, stars and building shrink."""
    return criteria_size(names) <= 13


def _fit(length: int, steps: tuple[tuple[int, float], ...], smallest: float) -> float:
    return next((size for limit, size in steps if length <= limit), smallest)
