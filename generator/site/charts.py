"""Static SVG charts made at build time, each paired with a table saying the same.

Horizontal bars only: on a phone a label, a bar and a number per row stay readable,
and the table (in ``<details>``) is the text equivalent for screen readers and print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.site.render import number

WIDTH = 320  # viewBox units: on a phone one unit is about one CSS pixel
ROW = 34
LABEL_WIDTH = 84
VALUE_WIDTH = 48


@dataclass(frozen=True)
class Chart:
    """A bar chart: title, unit and labelled values, rendered as SVG plus a table."""

    ident: str
    title: str
    unit: str
    rows: Sequence[tuple[str, float]]

    @property
    def svg(self) -> Markup:
        """The chart as inline SVG (no external font, no script)."""
        height = ROW * max(len(self.rows), 1) + 8
        parts = [
            f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="{self.ident}-t" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{self.ident}-t">{escape(self.title)}：{escape(self.summary)}</title>',
        ]
        parts.extend(self._row(i, label, value) for i, (label, value) in enumerate(self.rows))
        parts.append("</svg>")
        return Markup("".join(parts))  # noqa: S704 - numbers and escaped labels only

    @property
    def summary(self) -> str:
        """The data in one sentence (the SVG's accessible name)."""
        return "，".join(f"{label} {number(value)}{self.unit}" for label, value in self.rows) or "暂无数据"

    def _row(self, index: int, label: str, value: float) -> str:
        top = 4 + index * ROW
        peak = max((v for _, v in self.rows), default=0) or 1
        span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
        bar = max(round(span * value / peak), 2 if value else 0)
        middle = top + ROW / 2
        return (
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" dominant-baseline="middle" '
            f'class="chart-label">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{top + 5}" width="{bar}" height="{ROW - 10}" rx="3" class="chart-bar"/>'
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{middle}" dominant-baseline="middle" '
            f'class="chart-value">{number(value)}</text>'
        )


def activities_per_month(counts: Sequence[tuple[str, int]]) -> Chart:
    """Activities per month (labels ``2026年8月`` shortened to ``26年8月``)."""
    rows = [(f"{m[2:4]}年{int(m[5:])}月", n) for m, n in counts]
    return Chart("chart-months", "每月开展活动场数", "场", rows)


def star_distribution(month_label: str, counts: dict[int, int]) -> Chart:
    """How many buildings earned each number of stars in one month."""
    rows = [(f"{s} 星" if s else "未评星", counts.get(s, 0)) for s in range(5, -1, -1)]
    return Chart("chart-stars", f"{month_label}星级楼栋分布", "栋", rows)


def wish_progress(progress: dict[str, int]) -> Chart:
    """Wishes at each step of the flow."""
    return Chart("chart-wishes", "微心愿进度", "个", list(progress.items()))
