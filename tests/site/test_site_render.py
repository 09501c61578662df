"""Rendering helpers and escaping: user text never becomes markup by accident."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from generator.model.public import PublicView
from generator.site.render import date_cn, month_cn, number, stars


def test_chinese_dates_and_numbers() -> None:
    assert date_cn(dt.date(2026, 8, 5)) == "2026年8月5日"
    assert month_cn("2026-10") == "2026年10月"
    assert number(12345) == "12,345"
    assert number(120.5) == "120.5"


def test_stars_have_a_spoken_label() -> None:
    html = str(stars(4))
    assert "★★★★☆" in html and 'aria-label="4 星"' in html
    assert 'aria-label="未评星"' in str(stars(0))


def test_activity_page_escapes_titles_and_keeps_sanitised_summary(site_view: PublicView, tmp_path) -> None:
    from generator.site.context import SiteContext

    ctx = SiteContext.create(site_view, tmp_path)
    activity = replace(site_view.activities[0], title="<b>楼道</b>&")
    html = ctx.render("activity.html", f"activities/{activity.id}/", a=activity, photos=[])
    assert "&lt;b&gt;楼道&lt;/b&gt;&amp;" in html
    assert "<script" not in html  # the fixture's summary contains a <script> tag
    assert re.search(r'href="\.\./\.\./activities/month/2026-10/"', html)
