"""City-scale bulletins: above the limits in digest.Limits a section prints its summary.

The demo content (``jinlin demo --scale small``) has the shape of a city month at a
twentieth of the size; with the limits lowered to match, every summary is exercised, and
one such month is rendered and read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from pdfread import MONTH as FIXTURE_MONTH
from pdfread import pdftotext, squeeze
from pypdf import PdfReader

from generator.demo import run_demo
from generator.model.public import PublicView, RatedBuilding, Ref
from generator.model.ratings import BuildingScore
from generator.print.bulletin import Bulletin, build_bulletin
from generator.print.data import bulletin_json
from generator.print.digest import CITY_LIMITS, LIMITS, Limits, limits_for, rating_digest, share_out, shortlist
from generator.print.editions import ARCHIVE
from generator.print.html import document_html
from generator.print.pdf import RenderJob, render_job
from generator.project import require_content

MONTH = "2026-11"
"""The small demo's busier month: 33 activities, 24 rated buildings, 7 议事 meetings."""
TIGHT = Limits(rated_in_full=10, five_star_names=1, top_buildings=3, activity_titles=5,
               toc_highlights=2, honours_in_full=2, wish_lines=3, meetings_in_full=2,
               meeting_titles=2, pairing_lines=3)
"""Limits a twentieth of the real ones, for a content folder a twentieth of a city."""


@pytest.fixture(scope="module")
def demo_view(tmp_path_factory: pytest.TempPathFactory) -> PublicView:
    root = tmp_path_factory.mktemp("demo") / "content"
    run_demo("small", root, seed=1)
    content, _ = require_content(root)
    return PublicView(content)


@pytest.fixture(scope="module")
def city_like(demo_view: PublicView) -> Bulletin:
    return build_bulletin(demo_view, MONTH, limits=TIGHT)


@pytest.fixture(scope="module")
def city_like_pdf(city_like: Bulletin, demo_view: PublicView, tmp_path_factory: pytest.TempPathFactory) -> Path:
    html = document_html(city_like, ARCHIVE, demo_view.site.fonts, lambda photo: None)
    target = tmp_path_factory.mktemp("city-like") / "city-like.pdf"
    result = render_job(RenderJob(html=html, target=str(target), pdf_variant="pdf/a-3b",
                                  id_prefix=city_like.id_prefix, date=city_like.date, document_id="test",
                                  attachment_name="data.json", attachment=bulletin_json(city_like).encode()))
    assert result.warnings == ()
    return target


def test_a_street_office_month_is_printed_in_full(print_view: PublicView) -> None:
    b = build_bulletin(print_view, FIXTURE_MONTH)
    d = b.digest
    assert d.activities is None and d.ratings is None
    assert d.toc_highlights == b.highlights
    assert len(d.honours.in_full) == len(b.honoured) and d.honours.named == ()
    assert d.wishes.rest == 0 and d.solved.rest == 0 and d.list_items.rest == 0
    assert not d.deliberations.summarised and d.deliberations.in_full == b.deliberations
    assert not d.joint_meetings.summarised and d.joint_meetings.in_full == b.pairing.meetings


def test_the_demo_lists_in_full_at_the_default_limits(demo_view: PublicView) -> None:
    d = build_bulletin(demo_view, MONTH).digest
    assert d.activities is None and d.ratings is None


def test_the_default_limits_are_those_documented() -> None:
    assert (LIMITS.rated_in_full, LIMITS.activity_titles) == (40, 60)


def test_share_out_gives_every_group_its_turn_before_any_gets_more() -> None:
    items = ["a1", "a2", "a3", "b1", "c1", "c2"]
    chosen = share_out(items, lambda item: item[0], 4)
    assert sorted(items[i] for i in chosen) == ["a1", "a2", "b1", "c1"]
    assert share_out(items, lambda item: item[0], 99) == set(range(6))
    assert shortlist(items, 2).shown == ("a1", "a2") and shortlist(items, 2).rest == 4


def _rated(community: str, building: int, score: float, stars: int, vetoed: bool = False) -> RatedBuilding:
    s = BuildingScore("2026-11", community, "e", str(building), 3, score, None, score, stars, vetoed,
                      ("高空抛物伤人",) if vetoed else (), ())
    return RatedBuilding(s, Ref(community, f"{community}社区"), Ref("e", "兰亭小区"),
                         Ref(str(building), f"{building}栋"))


def test_rating_digest_counts_per_community_and_names_the_best() -> None:
    ratings = [_rated("b", 1, 99, 5), _rated("a", 2, 98, 5), _rated("a", 3, 97, 5), _rated("b", 4, 91, 4),
               _rated("a", 5, 96, 0, vetoed=True), _rated("b", 6, 50, 0)]
    assert rating_digest(ratings, (5, 4, 3), {}, Limits(rated_in_full=6)) is None
    d = rating_digest(ratings, (3, 5, 4), {"a": 0, "b": 1},
                      Limits(rated_in_full=5, five_star_names=2, top_buildings=5))
    assert d is not None and d.star_levels == (5, 4, 3)
    assert (d.total, d.starred, d.unstarred, d.vetoed) == (6, 4, 2, 1)
    assert [(c.community, c.stars, c.unstarred, c.vetoed) for c in d.communities] == [
        ("a社区", (2, 0, 0), 1, 1), ("b社区", (1, 1, 0), 1, 0)]
    assert [r.building.name for r in d.top] == ["1栋", "2栋", "3栋", "4栋"], "no unstarred building in the top"
    assert (d.five_star_total, d.five_star_shown) == (3, 2)
    assert [(c, [(e.estate, e.buildings) for e in estates]) for c, estates in d.five_star] == [
        ("a社区", [("兰亭小区", ("2栋",))]), ("b社区", [("兰亭小区", ("1栋",))])]


def test_city_scale_digest_of_the_demo_month(city_like: Bulletin) -> None:
    d = city_like.digest
    assert d.activities is not None and d.activities.total == len(city_like.others)
    assert sum(c.count for c in d.activities.communities) == len(city_like.others)
    assert sum(len(c.titles) for c in d.activities.communities) == TIGHT.activity_titles
    assert d.ratings is not None and d.ratings.total == len(city_like.ratings) == 24
    assert d.toc_highlights == () and len(city_like.highlights) > TIGHT.toc_highlights
    assert len(d.honours.in_full) == 2 and sum(len(n) for _, n in d.honours.named) == len(city_like.honoured) - 2
    assert len(d.wishes.shown) == 3 and d.wishes.total == len(city_like.wishes.moved)
    g = d.deliberations
    assert g.summarised and len(g.in_full) == 2 and g.total == len(city_like.deliberations)
    assert [o.meeting.date for o in g.in_full] == sorted(o.meeting.date for o in g.in_full)
    most = max(len(o.activities) for o in city_like.deliberations)
    assert max(len(o.activities) for o in g.in_full) == most, "the meetings that led to most are chosen"


def test_city_scale_pdf_prints_summaries_and_every_highlight(city_like: Bulletin, city_like_pdf: Path) -> None:
    text = squeeze(pdftotext(city_like_pdf))
    for a in city_like.highlights:
        assert squeeze(a.title) in text
    d = city_like.digest
    assert d.activities is not None and d.ratings is not None
    assert f"（共{len(city_like.others)}项）" in text and f"其余{d.activities.rest}项活动" in text
    for line in d.activities.communities:
        assert f"{line.community}（{line.count}项）" in text
    assert f"对{d.ratings.total}个楼栋进行评定，{d.ratings.starred}个楼栋获评星级" in text
    assert "各社区星级楼栋数" in text and "本月得分前三名" in text and "五星级楼栋名单" in text
    assert "★" not in text, "no row per building at city scale"
    assert f"本月还有{d.wishes.rest}个微心愿有新进展" in text and "其他议事协商会议" in text
    toc = squeeze(pdftotext(city_like_pdf, page=1)).split("本期要目", 1)[1]
    assert city_like.highlights[0].title not in toc.split("二、")[0]


def test_the_attachment_keeps_what_the_pages_summarise(city_like: Bulletin, city_like_pdf: Path) -> None:
    [(_, [data])] = PdfReader(city_like_pdf).attachments.items()
    payload = json.loads(data)
    assert len(payload["star_buildings"]) == len(city_like.ratings)
    assert {a["title"] for a in payload["activities"]} == {a.title for a in city_like.activities}
    assert payload["date"] == dt.date(2026, 11, 30).isoformat()


def test_highlights_can_be_capped_and_the_rest_are_listed(demo_view: PublicView) -> None:
    every = build_bulletin(demo_view, MONTH)
    assert every.digest.highlights == every.highlights and LIMITS.highlights_in_full is None
    capped = build_bulletin(demo_view, MONTH, limits=Limits(highlights_in_full=1)).digest
    assert len(capped.highlights) == 1 and capped.highlights[0] in every.highlights
    assert len(capped.listed) == len(every.activities) - 1
    assert [a.date for a in capped.listed] == sorted(a.date for a in capped.listed)


def test_a_month_larger_than_a_street_office_gets_the_city_limits() -> None:
    assert limits_for(LIMITS.activity_titles) is LIMITS
    assert limits_for(LIMITS.activity_titles + 1) is CITY_LIMITS
    assert CITY_LIMITS.highlights_in_full is not None and CITY_LIMITS.star_table_rows == 0


def test_a_street_office_month_names_no_web_site_in_its_contents(archive_pdf: Path) -> None:
    assert "完整记录见网站" not in squeeze(pdftotext(archive_pdf, page=1))


@pytest.fixture(scope="module")
def city_pdf_text(demo_view: PublicView, tmp_path_factory: pytest.TempPathFactory) -> tuple[Bulletin, str]:
    """The demo month with the city's way of printing star counts (no table)."""
    b = build_bulletin(demo_view, MONTH, limits=dataclasses.replace(TIGHT, star_table_rows=1))
    html = document_html(b, ARCHIVE, demo_view.site.fonts, lambda photo: None)
    target = tmp_path_factory.mktemp("city") / "city.pdf"
    render_job(RenderJob(html=html, target=str(target), pdf_variant="pdf/a-3b", id_prefix=b.id_prefix,
                         date=b.date, document_id="test"))
    return b, pdftotext(target)


def test_city_star_counts_are_one_line_per_community_with_the_totals(city_pdf_text: tuple[Bulletin, str]) -> None:
    b, text = city_pdf_text
    d = b.digest.ratings
    assert d is not None and not d.table and len(d.communities) > 1
    flat = squeeze(text)
    for c in d.communities:
        assert f"{c.community}{c.total - c.unstarred}个（{c.total}个）" in flat
    assert "各社区各星级楼栋数见网站“星级楼栋”栏目" in flat
    assert "未评星" not in flat, "no table header"


def test_a_summarised_bulletin_says_where_the_full_record_is(city_pdf_text: tuple[Bulletin, str]) -> None:
    b, text = city_pdf_text
    assert b.digest.summarised and b.site_url == "https://jinlin.example.cn/"
    first_page = squeeze(text.split("\f")[0])
    assert "本期各栏目摘要刊发，完整记录见网站（https://jinlin.example.cn/）" in first_page


def test_city_activity_titles_are_listed_by_date(city_like: Bulletin) -> None:
    d = city_like.digest.activities
    assert d is not None and len(d.titles) == TIGHT.activity_titles
    assert [a.date for a in d.titles] == sorted(a.date for a in d.titles)
