"""Page generation without MkDocs: every record kind has its pages, URLs are unique."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.public import PublicView
from generator.site.context import SiteContext
from generator.site.pages import generate_pages
from generator.site.render import GeneratedPage
from generator.site.urls import SECTIONS, record_url


@pytest.fixture(scope="module")
def generated(site_view: PublicView, tmp_path_factory: pytest.TempPathFactory) -> dict[str, GeneratedPage]:
    ctx = SiteContext.create(site_view, tmp_path_factory.mktemp("pages-cache"))
    pages = generate_pages(ctx)
    urls = [p.url for p in pages]
    assert len(urls) == len(set(urls)), "two pages at the same address"
    return {p.url: p for p in pages}


def test_every_record_has_a_page(site_view: PublicView, generated: dict[str, GeneratedPage]) -> None:
    expected = (
        [record_url("activity", a.id) for a in site_view.activities]
        + [record_url("person", p.id) for p in site_view.people]
        + [record_url("wish", w.id) for w in site_view.wishes]
        + [record_url("meeting", m.id) for m in site_view.meetings]
        + [record_url("community", c.id) for c in site_view.communities]
        + [record_url("unit", u.id) for u in site_view.units]
        + [record_url("group", g.id) for g in site_view.groups]
        + [record_url("building", r.page_id) for m in site_view.rating_months for r in site_view.rated(m)]
    )
    assert not [url for url in expected if url not in generated]


def test_sections_are_the_only_nav_pages(generated: dict[str, GeneratedPage]) -> None:
    assert sorted(p.url for p in generated.values() if p.in_nav) == sorted(url for _, url in SECTIONS)


def test_non_public_people_have_no_page_and_are_not_named(generated: dict[str, GeneratedPage]) -> None:
    assert "people/zhao-hidden/" not in generated
    assert not [p.url for p in generated.values() if "赵隐名" in p.body]


def test_story_and_photo_need_consent(generated: dict[str, GeneratedPage]) -> None:
    no_consent = generated["people/wu-meilan/"].body
    assert "只有同意后才公开" not in no_consent and "portrait" not in no_consent
    assert "谁家有难处他都知道" in generated["people/chen-guoqiang/"].body


def test_photos_without_consent_are_not_shown(generated: dict[str, GeneratedPage]) -> None:
    body = generated["activities/2026-08-15-loudao-qingli/"].body
    assert body.count("<figure") == 1  # the children's photo lacks a guardian's consent
    assert "<figure" not in generated["activities/2026-09-18-shoufu-zoufang/"].body


def test_wish_shows_masked_wisher_and_steps(generated: dict[str, GeneratedPage]) -> None:
    body = generated["wishes/radio/"].body
    assert "陈**" in body and "陈秀英" not in body
    assert body.count('class="done"') == 5
    assert "../../groups/nuanxin/" in body


def test_meeting_links_decisions_to_activities(generated: dict[str, GeneratedPage]) -> None:
    body = generated["meetings/2026-08-05-tianrun-yishi/"].body
    assert "八月中旬开展楼道清理志愿活动" in body
    assert "../../activities/2026-08-15-loudao-qingli/" in body


def test_building_page_shows_criteria_and_history(generated: dict[str, GeneratedPage]) -> None:
    body = generated["stars/building/zaiyunqiao-tianrun-b1/"].body
    assert "楼道卫生保洁" in body and "2026年9月" in body and "2026年10月" in body
    vetoed = generated["stars/building/zaiyunqiao-tianrun-b3/"].body
    assert "一票否决" in vetoed and "未评星" in vetoed


def test_listings_paginate(site_view: PublicView, tmp_path: Path) -> None:
    ctx = SiteContext.create(site_view, tmp_path)
    ctx.page_size = 2
    urls = {p.url for p in generate_pages(ctx)}
    assert {"activities/month/2026-09/page/2/", "activities/community/zaiyunqiao/page/3/"} <= urls
    assert "activities/month/2026-09/page/3/" not in urls


def test_home_page_has_every_block(generated: dict[str, GeneratedPage]) -> None:
    body = generated[""].body
    for heading in ("近邻党建成效", "最新活动", "星级楼栋", "身边榜样", "心愿墙", "每月活动", "工作简报"):
        assert heading in body, heading


def test_a_month_of_ratings_is_split_over_pages_and_ranks_run_on(site_view: PublicView, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A city rates 2,000 buildings a month: the month's list comes 100 to a page (here 2),
    ranks continuing from page to page; the section's first page shows the top only."""
    import re

    from generator.site.pages import stars

    monkeypatch.setattr(stars, "PER_PAGE", 2)
    monkeypatch.setattr(stars, "TOP", 1)
    month = site_view.rating_months[-1]
    rated = site_view.rated(month)
    assert len(rated) > 2
    ctx = SiteContext.create(site_view, tmp_path)
    pages = {p.url: str(p.body) for p in stars.pages(ctx)}
    ranks = [re.findall(r'<td class="rank">(\d+)</td>', pages[url]) for url in sorted(pages)
             if url.startswith(f"stars/{month}/")]
    assert [r for page in ranks for r in page] == [str(n) for n in range(1, len(rated) + 1)]
    assert len(ranks) == (len(rated) + 1) // 2 and f"stars/{month}/page/2/" in pages
    index = pages["stars/"]
    assert index.count('<td class="rank">') == 1
    assert f"全部 {len(rated)} 栋楼" in index and 'rel="next"' in pages[f"stars/{month}/"]


def test_a_building_line_has_no_stray_separator(site_view: PublicView, tmp_path: Path) -> None:
    """党员中心户, 楼栋长 and 户数 are joined by “ · ” only between what is there."""
    import dataclasses
    import re

    from generator.site.pages import organisation

    community = site_view.communities[0]
    estate = community.estates[0]
    bare = dataclasses.replace(estate.buildings[0], center_households=0, leader=None, households=40)
    changed = dataclasses.replace(community, estates=(dataclasses.replace(estate, buildings=(bare,)),))
    ctx = SiteContext.create(site_view, tmp_path)
    body = str(organisation._community(ctx, changed, [], []).body)
    assert "<small>40 户</small>" in body
    assert not re.search(r"<small>\s*·", body)
