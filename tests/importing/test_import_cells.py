"""Cell values as Excel, WPS and people write them → the values records hold."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.importing import cells
from generator.importing.problems import CellError

NOV_3 = dt.date(2026, 11, 3)


@pytest.mark.parametrize("value", [
    dt.datetime(2026, 11, 3), NOV_3, 46329, 46329.0, "46329", "2026/11/3", "2026-11-03", "2026-11-3",
    "2026.11.03", "2026年11月3日", "2026 年 11 月 3 日", "２０２６／１１／３", "2026/11/3 0:00", 20261103, "20261103",
])
def test_dates_in_every_form_excel_writes(value: object) -> None:
    assert cells.parse_date(value) == NOV_3


@pytest.mark.parametrize(("value", "message"), [
    ("2026/2/30", "日期“2026/2/30”不存在"),
    ("11月3日", "还缺少年份"),
    ("下周三", "日期格式不对：“下周三”"),
    (3, "日期格式不对"),
])
def test_bad_dates_say_why(value: object, message: str) -> None:
    with pytest.raises(CellError, match=message):
        cells.parse_date(value)


def test_numbers() -> None:
    assert cells.parse_int(12) == 12 and cells.parse_int(12.0) == 12 and cells.parse_int(" １,２00 ") == 1200
    assert cells.parse_float("12.5") == 12.5 and cells.parse_float(30.0) == 30
    assert isinstance(cells.parse_float(30.0), int)
    for bad, message in (("二十人", "应填整数"), ("12.5", "不能有小数"), ("12人", "应填整数"), (True, "应填整数")):
        with pytest.raises(CellError, match=message):
            cells.parse_int(bad)


def test_yes_and_no() -> None:
    assert [cells.parse_bool(v) for v in ("是", "√", "TRUE", "Y", 1, "同意")] == [True] * 6
    assert [cells.parse_bool(v) for v in ("否", "×", "false", "n", 0, "未同意")] == [False] * 6
    with pytest.raises(CellError, match="应填“是”或“否”"):
        cells.parse_bool("也许")


def test_lists_split_at_chinese_and_english_separators() -> None:
    expected = ["林晓芳", "陈桂兰", "张三", "李四", "王五", "赵六", "钱七"]
    assert cells.split_list("林晓芳、陈桂兰,张三，李四；王五;赵六\n钱七") == expected
    assert cells.split_list("  ") == []


def test_text_of_numbers_and_dates() -> None:
    assert cells.as_text(13800001111.0) == "13800001111" and cells.as_text(3) == "3"
    assert cells.as_text(dt.datetime(2026, 11, 3)) == "2026-11-03"
    assert cells.as_text("第一行  \r\n第二行") == "第一行\n第二行"


def test_months_and_choices() -> None:
    assert cells.parse_month("2026年11月") == "2026-11" == cells.parse_month(dt.datetime(2026, 11, 1))
    assert cells.parse_choice("是", ("是", "否")) == "是"
    with pytest.raises(CellError, match="只能填：走访慰问、环境整治，您是不是想写“走访慰问”"):
        cells.parse_choice("走访慰向", ("走访慰问", "环境整治"))
