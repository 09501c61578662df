"""A small horizontal bar chart as inline SVG (no JavaScript, no external files).

Colours come from the edition's palette and are written on every shape and text: an SVG
element without a fill would be painted in RGB black, which a PDF/X file must not contain.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.print.editions import Palette

WIDTH = 560
ROW = 34
LABEL_WIDTH = 112
VALUE_WIDTH = 64


def bar_chart(bars: tuple[tuple[str, int], ...], unit: str, palette: Palette,
              title: str, font: str) -> Markup:
    """``bars`` as (label, value) rows, longest bar = the largest value; empty if no bars."""
    if not bars:
        return Markup("")
    height = ROW * len(bars) + 8
    largest = max(value for _, value in bars) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows = [_row(i, label, value, value / largest * room, unit, palette) for i, (label, value) in enumerate(bars)]
    return Markup(
        f'<svg class="bulletin-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="{escape(font)}" font-size="15" aria-label="{escape(title)}">'
        f'<title>{escape(title)}</title>'
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height}" '
        f'stroke="{palette.black}" stroke-width="1"/>'
        + "".join(rows) + "</svg>"
    )


def _row(index: int, label: str, value: int, length: float, unit: str, palette: Palette) -> str:
    top = index * ROW + 6
    middle = top + 16
    return (
        f'<text x="{LABEL_WIDTH - 8}" y="{middle + 5}" text-anchor="end" fill="{palette.black}">'
        f"{escape(label)}</text>"
        f'<rect x="{LABEL_WIDTH}" y="{top + 4}" width="{max(length, 2):.1f}" height="24" '
        f'fill="{palette.red}"/>'
        f'<text x="{LABEL_WIDTH + length + 8:.1f}" y="{middle + 5}" fill="{palette.black}">'
        f"{value}{escape(unit)}</text>"
    )
