"""SVG charts: numbers drawn, labels escaped, the same data as a table and a sentence."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.site import charts

SVG = "{http://www.w3.org/2000/svg}"


def test_bar_chart_is_valid_svg_with_one_bar_per_row() -> None:
    chart = charts.activities_per_month([("2026-08", 2), ("2026-09", 3)])
    root = ET.fromstring(str(chart.svg))
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 2
    assert int(bars[1].get("width")) > int(bars[0].get("width"))
    assert root.get("role") == "img"
    assert "26年9月 3场" in root.find(f"{SVG}title").text


def test_labels_are_escaped() -> None:
    chart = charts.Chart("x", "<t>", "个", [("<script>", 1)])
    svg = str(chart.svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)


def test_zero_values_draw_no_bar_and_empty_chart_says_so() -> None:
    chart = charts.wish_progress({"征集": 0, "完成": 4})
    root = ET.fromstring(str(chart.svg))
    assert [r.get("width") for r in root.findall(f"{SVG}rect")][0] == "0"
    assert charts.Chart("e", "空", "个", []).summary == "暂无数据"


def test_star_distribution_lists_every_level() -> None:
    chart = charts.star_distribution("2026年10月", {5: 1, 4: 2, 0: 1})
    assert [label for label, _ in chart.rows] == ["5 星", "4 星", "3 星", "2 星", "1 星", "未评星"]
    assert dict(chart.rows)["4 星"] == 2
