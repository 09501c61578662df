"""Vector shapes for certificates and plaques: stars and frame corners, as inline SVG.

Stars are polygons, never font glyphs: a glyph would depend on the font's ★ and on
fontconfig's fallback, a polygon prints the same everywhere. Each star is one ten-corner
polygon (what the tests count in the PDF) with five lighter three-corner facets on top, the
relief of a stamped gold star.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

UNIT = 100
"""Each star sits in a 100 × 100 box of the SVG's own units."""
GAP = 16
INNER = math.sin(math.radians(18)) / math.sin(math.radians(54))
"""Inner radius of a regular five-pointed star, as a share of the outer radius."""


def star_points(cx: float, cy: float, radius: float) -> list[tuple[float, float]]:
    """The ten corners of a regular star pointing up, outer and inner alternating."""
    corners = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * INNER
        angle = math.radians(-90 + 36 * i)
        corners.append((round(cx + r * math.cos(angle), 2), round(cy + r * math.sin(angle), 2)))
    return corners


def star_row(count: int, fill: str, light: str, edge: str, label: str) -> Markup:
    """``count`` stars side by side as one inline ``<svg>`` (colours are CSS values, so
    CMYK in the print edition); ``label`` is its accessible name."""
    width = count * UNIT + (count - 1) * GAP
    shapes = "".join(_star(i * (UNIT + GAP) + UNIT / 2, UNIT / 2 + 2, fill, light, edge)
                     for i in range(count))
    return Markup(
        f'<svg class="stars" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {UNIT + 4}" aria-label="{escape(label)}">{shapes}</svg>'
    )


def _star(cx: float, cy: float, fill: str, light: str, edge: str) -> str:
    corners = star_points(cx, cy, UNIT / 2)
    outline = _polygon(corners, f'fill="{fill}" stroke="{edge}" stroke-width="1.6" '
                                f'stroke-linejoin="miter"')
    facets = "".join(_polygon([(cx, cy), corners[i], corners[(i + 1) % 10]], f'fill="{light}"')
                     for i in range(0, 10, 2))
    return outline + facets


def _polygon(corners: list[tuple[float, float]], paint: str) -> str:
    points = " ".join(f"{x:g},{y:g}" for x, y in corners)
    return f'<polygon points="{points}" {paint}/>'


CORNER = (
    "M2,58 V2 H58 M9,50 V9 H50 M16,16 H34 V34 H16 Z "
    "M22,22 H28 V28 H22 Z M2,66 V74 M66,2 H74"
)
"""A 回纹 (fret) corner in an 80 × 80 box: two brackets, a square in a square, two ticks."""
_FLIPS = {"tl": "", "tr": "matrix(-1 0 0 1 80 0)", "bl": "matrix(1 0 0 -1 0 80)",
          "br": "matrix(-1 0 0 -1 80 80)"}


def corner(position: str, colour: str) -> Markup:
    """A frame corner ornament for ``position`` (``tl``, ``tr``, ``bl`` or ``br``)."""
    flip = _FLIPS[position]
    group = f' transform="{flip}"' if flip else ""
    return Markup(
        f'<svg class="corner corner--{position}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 80 80" aria-hidden="true"><g{group}><path d="{CORNER}" fill="none" '
        f'stroke="{colour}" stroke-width="3" stroke-linecap="square"/></g></svg>'
    )
