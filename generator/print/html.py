"""Bulletin HTML from the Jinja templates in ``templates/print/``.

The same partials make the PDF (a whole document, CSS inlined so that the HTML alone
decides the output) and the fragment the web site shows on its 工作简报 page.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.model.public import PublicPhoto
from generator.model.settings import FontSettings
from generator.print.bulletin import Bulletin
from generator.print.chart import bar_chart
from generator.print.editions import ARCHIVE, Edition, cmyk_profile
from generator.templatecache import KeptBytecode

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates" / "print"

PhotoSource = Callable[[PublicPhoto], "str | None"]


@lru_cache(maxsize=1)
@functools.cache
def environment() -> jinja2.Environment:
    """The print templates' environment (autoescaping everything; one per process, so
    that templates are compiled once: Jinja still notices a template edited on disk)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        # compiled templates kept in the system's temporary folder, keyed by their source
        # (compiling them took a fifth of a second per process)
        bytecode_cache=KeptBytecode(),
    )
    env.filters.update(cn_date=cn_date, cn_day=cn_day, cn_number=cn_number, stars=stars,
                       number=number, css_string=css_string)
    return env


def document_html(bulletin: Bulletin, edition: Edition, fonts: FontSettings,
                  photo_src: PhotoSource) -> str:
    """The whole HTML document WeasyPrint prints for ``edition``."""
    css = (TEMPLATE_DIR / "bulletin.css").read_text(encoding="utf-8")
    profile = cmyk_profile().as_uri() if edition.pdf_variant.startswith("pdf/x") else ""
    return environment().get_template("bulletin.html.j2").render(
        b=bulletin, edition=edition, palette=edition.palette, fonts=fonts, css=Markup(css),
        cmyk_profile=profile, photo_src=photo_src, chart=_chart(bulletin, edition, fonts),
        created=w3c_date(bulletin.date), preview=False, lv=0,
    )


def fragment_html(bulletin: Bulletin, fonts: FontSettings, photo_src: PhotoSource) -> str:
    """The bulletin's body (masthead, 要目, sections, 版记) as an HTML fragment; headings
    start at ``<h2>`` so that the web page keeps its own ``<h1>``."""
    return environment().get_template("_preview.html.j2").render(
        b=bulletin, edition=ARCHIVE, palette=ARCHIVE.palette, fonts=fonts, photo_src=photo_src,
        chart=_chart(bulletin, ARCHIVE, fonts), preview=True, lv=1,
    )


def _chart(bulletin: Bulletin, edition: Edition, fonts: FontSettings) -> Markup:
    return bar_chart(bulletin.activity_types, "场", edition.palette, "本月各类活动场次", fonts.sans)


def w3c_date(date: dt.date) -> str:
    """Midnight of ``date`` in Asia/Shanghai, as the ``dcterms`` metadata wants it."""
    return f"{date.isoformat()}T00:00:00+08:00"


def cn_date(date: dt.date) -> str:
    """``2026年10月31日`` (Arabic numerals, as GB/T 9704 writes dates)."""
    return f"{date.year}年{date.month}月{date.day}日"


def cn_day(date: dt.date) -> str:
    """``10月15日``."""
    return f"{date.month}月{date.day}日"


def cn_number(value: int) -> str:
    """Chinese numerals for headings: 1 → 一, 12 → 十二, 23 → 二十三 (1–99)."""
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(value, 10)
    if value < 10:
        return digits[value]
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def css_string(value: str) -> Markup:
    """``value`` as a quoted CSS string, safe inside ``<style>`` (where HTML escapes do not
    apply): quotes, backslashes, angle brackets and line breaks become CSS escapes."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>&\n\r' else c for c in value)
    return Markup(f'"{escaped}"')


def stars(count: int) -> str:
    """``★★★☆☆`` for 3 of 5 stars; ``—`` for none."""
    return "★" * count + "☆" * (5 - count) if count else "—"


def number(value: float) -> str:
    """Figures without a trailing ``.0``."""
    return f"{value:g}" if isinstance(value, float) else str(value)
