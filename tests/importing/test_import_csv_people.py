"""People from CSV files in the encodings Excel saves (UTF-8 with/without BOM, GBK) and from .xlsx."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.importing import run_import
from generator.importing import SheetError
from generator.importing.problems import ImportUsageError
from generator.project import load_content
from tests.importing.helpers import write_csv, write_xlsx

HEADERS = ["姓名", "性别", "政治面貌", "社区", "小区", "楼栋", "身份", "志愿服务时长",
           "荣誉称号", "评选月份", "颁奖词", "本人同意公开", "联系电话"]
ROWS = [
    ["陈志明", "男", "党员", "载云桥社区", "天润小区", "2号楼", "楼栋长、志愿者", "36.5",
     "最美志愿者", "2026年10月", "风雨无阻为邻居代买药品。", "是", "13912345678"],
    ["欧阳娜娜", "女", "群众", "载云桥社区", None, None, "志愿者", "10", None, None, None, "否", None],
]


def _check_people(content_dir: Path) -> None:
    content, problems = load_content(content_dir)
    assert content is not None and not [p for p in problems if p.is_error]
    chen = content.people["chen-zhiming"]
    assert (chen.gender, chen.political_status, chen.estate, chen.building) == ("男", "党员", "tianrun", "2")
    assert chen.roles == ["楼栋长", "志愿者"] and chen.service_hours == 36.5 and chen.consent is True
    assert (chen.honours[0].title, chen.honours[0].month) == ("最美志愿者", "2026-10")
    assert chen.phone == "13912345678"
    nana = content.people["ouyang-nana"]
    assert nana.consent is False and nana.honours == [] and nana.estate is None


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_in_each_encoding(tmp_path: Path, mini_content: Path, encoding: str) -> None:
    sheet = write_csv(tmp_path / "人物.csv", [HEADERS, *ROWS], encoding)
    run_import("person", str(sheet), str(mini_content), False)
    _check_people(mini_content)


def test_xlsx_with_a_phone_number_cell(tmp_path: Path, mini_content: Path) -> None:
    rows = [HEADERS, [*ROWS[0][:12], 13912345678], ROWS[1]]
    run_import("person", str(write_xlsx(tmp_path / "人物.xlsx", rows)), str(mini_content), False)
    _check_people(mini_content)
    text = (mini_content / "people/chen-zhiming.yml").read_text(encoding="utf-8")
    assert "phone: '13912345678'" in text and "roles: [楼栋长, 志愿者]" in text


def test_bad_cells_in_a_gbk_csv(tmp_path: Path, mini_content: Path) -> None:
    rows = [
        HEADERS,
        ["陈志明", "男性", "党员", "载云桥社区", "天润小区", "9号楼", "楼栋长", "三十", None, None, None, "是", None],
        ["欧阳娜娜", "女", None, "载云桥社区", None, None, "志愿者", "10", "最美志愿者", "十月", None, "也许", None],
    ]
    sheet = write_csv(tmp_path / "人物.csv", rows, "gbk")
    with pytest.raises(SheetError) as excinfo:
        run_import("person", str(sheet), str(mini_content), False)
    found = [p.format() for p in excinfo.value.problems]
    assert found == [
        "人物.csv:2:B: 错误: 列“性别”：“男性”不是可选的值，只能填：男、女，您是不是想写“男”？",
        "人物.csv:2:F: 错误: 列“楼栋”：天润小区没有楼栋“9号楼”（现有：1号楼、2号楼、3号楼）",
        "人物.csv:2:H: 错误: 列“志愿服务时长”：应填数字（只写阿拉伯数字），实际是“三十”",
        "人物.csv:3:C: 错误: 列“政治面貌”：必填，不能空着",
        "人物.csv:3:J: 错误: 列“评选月份”：月份格式不对：“十月”，请写成 2026-11",
        "人物.csv:3:L: 错误: 列“本人同意公开”：应填“是”或“否”，实际是“也许”",
    ]
    assert not (mini_content / "people/chen-zhiming.yml").exists()


def test_model_checks_on_a_row(tmp_path: Path, mini_content: Path) -> None:
    """An honour without its citation: the model's "missing field" lands on the 颁奖词 cell."""
    rows = [HEADERS, [*ROWS[0][:10], None, *ROWS[0][11:]]]
    sheet = write_csv(tmp_path / "人物.csv", rows, "utf-8")
    with pytest.raises(SheetError) as excinfo:
        run_import("person", str(sheet), str(mini_content), False)
    [problem] = excinfo.value.problems
    assert problem.format().startswith("人物.csv:2:K: 错误: 列“颁奖词”：缺少必填字段“citation”")


def test_not_a_spreadsheet(tmp_path: Path, mini_content: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportUsageError, match="另存为"):
        run_import("person", str(tmp_path / "old.xls"), str(mini_content), False)
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ImportUsageError, match="无法读取 Excel 文件"):
        run_import("person", str(tmp_path / "broken.xlsx"), str(mini_content), False)
