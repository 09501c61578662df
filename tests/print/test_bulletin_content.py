"""What one month's bulletin holds, and the HTML preview the web site shows."""

from __future__ import annotations

import pytest
from pdfread import MONTH, PRINT_CONTENT

from generator.model.public import PublicView
from generator.print.bulletin import build_bulletin
from generator.print.bulletins import bulletin_preview_html
from generator.print.chart import bar_chart
from generator.print.editions import PRINT
from generator.project import require_content


def test_sections_in_order_and_numbered(print_view: PublicView) -> None:
    b = build_bulletin(print_view, MONTH)
    assert [s.heading for s in b.sections] == [
        "一、工作动态", "二、星级楼栋", "三、最美人物", "四、微心愿", "五、议事成果", "六、结对共建",
        "七、本月数据",
    ]


def test_quiet_month_has_only_its_sections(print_view: PublicView) -> None:
    b = build_bulletin(print_view, "2025-12")
    assert [s.title for s in b.sections] == ["工作动态", "本月数据"]
    assert [a.title for a in b.others] == ["冬至邻里包饺子"] and not b.highlights


def test_wishes_are_shown_as_they_stood_at_the_end_of_the_month(print_view: PublicView) -> None:
    b = build_bulletin(print_view, MONTH)
    moved = {line.wish.title: line.step.status for line in b.wishes.moved}
    # 学习用品 was claimed on 2026-11-03: in October it was still 发布
    assert moved == {"孩子想要一套学习用品": "发布", "想要一台收音机": "完成"}
    assert dict(b.wishes.progress) == {"征集": 0, "核实": 0, "发布": 1, "认领": 0, "完成": 1}


def test_meetings_lead_to_decisions_and_activities(print_view: PublicView) -> None:
    b = build_bulletin(print_view, MONTH)
    [outcome] = b.deliberations
    assert len(outcome.meeting.decisions) == 2
    assert [a.title for a in outcome.activities] == ["天润小区楼道堆物集中清理"]
    assert [o.meeting.kind for o in b.pairing.meetings] == ["联席会议"]
    assert [p.text for p in b.pairing.solved] == ["天润小区楼道照明损坏"]
    assert len(b.pairing.items) == 3


def test_only_public_people_are_honoured(print_view: PublicView) -> None:
    b = build_bulletin(print_view, MONTH)
    assert {p.name for p, _ in b.honoured} == {"陈国强", "林秀英"}


def test_a_month_without_content_has_no_bulletin(print_view: PublicView) -> None:
    with pytest.raises(LookupError):
        build_bulletin(print_view, "2026-11")


def test_preview_uses_the_same_content_and_escapes_text() -> None:
    content, _ = require_content(PRINT_CONTENT)
    activity = next(a for a in content.activities.values() if a.title == "帮帮团义务理发")
    activity.title = "<script>alert(1)</script>理发"
    html = bulletin_preview_html(PublicView(content), MONTH, media_url="/media/")
    assert html.lstrip().startswith('<article class="bulletin bulletin-preview" lang="zh-CN"')
    assert "近邻党建工作简报" in html and "第2期" in html and "总第7期" in html
    assert "<h1" not in html and '<h2 class="masthead__title">' in html and "style=" not in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'src="/media/2026/10/loudao.jpg"' in html
    assert "<svg" in html and "139****1234" in html and "13905991234" not in html
    assert "郑秘密" not in html and "张桂兰" not in html


def test_chart_paints_everything_in_the_edition_colours() -> None:
    svg = str(bar_chart((("环境整治", 3), ("志愿服务", 1)), "场", PRINT.palette, "图", "Noto Sans CJK SC"))
    assert svg.count("<rect") == 2 and svg.count("<text") == 4
    assert svg.count('fill="device-cmyk(0 0.8 0.8 0)"') == 2
    assert svg.count('fill="device-cmyk(0 0 0 1)"') == 4
    assert ">3场<" in svg and ">1场<" in svg
