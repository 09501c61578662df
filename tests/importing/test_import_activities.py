"""Activities from a real .xlsx: names resolved, dates normalised, every bad cell at ROW:COLUMN."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator.commands.importing import run_import
from generator.importing import SheetError
from generator.project import load_content
from tests.conftest import run_jinlin
from tests.importing.helpers import record_files, write_xlsx

HEADERS = ["标题", "活动日期", "活动类型", "社区", "小区", "楼栋", "参与人数", "活动内容", "参与人物", "结对单位",
           "编号"]
GOOD = ["重阳节走访慰问高龄老人", dt.datetime(2026, 10, 25), "走访慰问", "载云桥社区", "天润小区", "3号楼", 12,
        "党员志愿者走访慰问高龄老人。\n送上重阳糕和慰问品。", "林晓芳", "财政局", "chongyang"]
NONE = [None, None, None]


def _sheet(tmp_path: Path, *rows: list[object], headers: list[str] = HEADERS) -> Path:
    return write_xlsx(tmp_path / "活动登记表.xlsx", [headers, *rows])


def _import(sheet: Path, content: Path, dry_run: bool = False) -> None:
    run_import("activity", str(sheet), str(content), dry_run)


def _errors(excinfo: pytest.ExceptionInfo[SheetError]) -> list[str]:
    return [p.format() for p in excinfo.value.problems if p.is_error]


def test_rows_become_records_that_pass_check(tmp_path: Path, mini_content: Path) -> None:
    rows = [
        GOOD,
        ["楼道清理", 46322, "环境整治", "tianrun-demo", "tianrun", "1", 20, "清理楼道杂物，张贴消防提示。",
         "lin-xiaofang", None, None],
        ["垃圾分类宣传", "2026年10月30日", "宣传教育", "载云桥", None, "2栋", "30", "入户宣传垃圾分类知识。",
         None, None, "fenlei"],
        ["消防演练", "2026/11/3", "宣传教育", "载云桥社区", "天润", None, None, "全体楼栋长参加消防演练。",
         None, None, "yanlian"],
    ]
    before = record_files(mini_content)
    _import(_sheet(tmp_path, *rows), mini_content)
    added = record_files(mini_content) - before
    assert added == {
        "activities/2026/10/2026-10-25-chongyang.yml", "activities/2026/10/2026-10-27-lou-dao-qing-li.yml",
        "activities/2026/10/2026-10-30-fenlei.yml", "activities/2026/11/2026-11-03-yanlian.yml",
    }
    content, problems = load_content(mini_content)
    assert content is not None and not [p for p in problems if p.is_error]
    first = content.activities["2026-10-25-chongyang"]
    assert (first.community, first.estate, first.building) == ("tianrun-demo", "tianrun", "3")
    assert first.people == ["lin-xiaofang"] and first.organisers.units == ["caizhengju"]
    assert first.summary == "党员志愿者走访慰问高龄老人。\n送上重阳糕和慰问品。"
    inferred = content.activities["2026-10-30-fenlei"]
    assert (inferred.estate, inferred.building, inferred.participants) == ("tianrun", "2", 30)


def test_written_yaml_is_readable_and_says_where_it_came_from(tmp_path: Path, mini_content: Path) -> None:
    _import(_sheet(tmp_path, GOOD), mini_content)
    text = (mini_content / "activities/2026/10/2026-10-25-chongyang.yml").read_text(encoding="utf-8")
    assert text.startswith("# 由 活动登记表.xlsx 第 2 行导入")
    assert "title: 重阳节走访慰问高龄老人\n" in text and "date: 2026-10-25\n" in text
    assert "building: '3'" in text and "summary: |" in text and "\\u" not in text
    assert yaml.safe_load(text)["people"] == ["lin-xiaofang"]


def test_every_bad_cell_reported_at_once_and_nothing_written(tmp_path: Path, mini_content: Path) -> None:
    rows = [
        GOOD,
        ["楼道清理", "2026/13/45", "环境整治", "载云桥社区", "天润小区", None, 5, "清理楼道。", *NONE],
        ["楼道清理二", "2026-10-12", "环境整治", "载云桥社区", "天润小区", None, "二十人", "清理楼道。", *NONE],
        ["楼道清理三", "2026-10-12", "环境整治", "载云乔社区", "天润小区", "1号楼", 5, "清理楼道。", *NONE],
        [None, "2026-10-12", "环境整治", "载云桥社区", "天润小区", None, 5, "清理楼道。", *NONE],
    ]
    before = record_files(mini_content)
    result = run_jinlin("import", "activity", str(_sheet(tmp_path, *rows)), "--content", str(mini_content))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [
        "活动登记表.xlsx:3:B: 错误: 列“活动日期”：日期“2026/13/45”不存在，请检查月份和日",
        "活动登记表.xlsx:4:G: 错误: 列“参与人数”：应填整数（只写阿拉伯数字），实际是“二十人”",
        "活动登记表.xlsx:5:D: 错误: 列“社区”：找不到社区“载云乔社区”，您是不是想写“载云桥社区”？",
        "活动登记表.xlsx:6:A: 错误: 列“标题”：必填，不能空着",
        "错误：表格有 4 处错误，没有写入任何文件。请改正后重新导入。",
    ]
    assert record_files(mini_content) == before


def test_problems_found_by_the_checks_point_at_the_cell(tmp_path: Path, mini_content: Path) -> None:
    headers = [*HEADERS, "受益人数", "议事会议", "照片"]
    rows = [
        [GOOD[0], "2026-10-05", *GOOD[2:10], "early", None, "天润小区十月议事会", None],
        [*GOOD[:10], "minus", -5, None, None],
        [*GOOD[:10], "photo", None, None, "2026/10/missing.jpg"],
    ]
    with pytest.raises(SheetError) as excinfo:
        _import(_sheet(tmp_path, *rows, headers=headers), mini_content)
    errors = _errors(excinfo)
    assert len(errors) == 3
    assert errors[0].startswith("活动登记表.xlsx:2:M: 错误: 列“议事会议”：活动日期早于它所依据的会议（2026-10-08）")
    assert errors[1].startswith("活动登记表.xlsx:3:L: 错误: 列“受益人数”：不能小于 0")
    assert errors[2].startswith("活动登记表.xlsx:4:N: 错误: 列“照片”：找不到照片文件 media/2026/10/missing.jpg")
    assert not (mini_content / "activities/2026/10/2026-10-25-early.yml").exists()


def test_an_existing_record_is_never_overwritten(tmp_path: Path, mini_content: Path) -> None:
    sheet = _sheet(tmp_path, GOOD)
    _import(sheet, mini_content)
    target = mini_content / "activities/2026/10/2026-10-25-chongyang.yml"
    target.write_text(target.read_text(encoding="utf-8") + "# 手工修改\n", encoding="utf-8")
    with pytest.raises(SheetError) as excinfo:
        _import(sheet, mini_content)
    [error] = _errors(excinfo)
    expected = "活动登记表.xlsx:2:K: 错误: 列“编号”：文件 activities/2026/10/2026-10-25-chongyang.yml 已存在"
    assert error.startswith(expected)
    assert target.read_text(encoding="utf-8").endswith("# 手工修改\n")


def test_two_rows_for_one_file(tmp_path: Path, mini_content: Path) -> None:
    with pytest.raises(SheetError) as excinfo:
        _import(_sheet(tmp_path, GOOD, GOOD), mini_content)
    [error] = _errors(excinfo)
    assert error.startswith("活动登记表.xlsx:3:K: 错误: 列“编号”：与第 2 行要写出同一个文件")


def test_dry_run_lists_and_writes_nothing(tmp_path: Path, mini_content: Path) -> None:
    before = record_files(mini_content)
    result = run_jinlin("import", "activity", str(_sheet(tmp_path, GOOD)), "--content", str(mini_content), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "试运行" in result.stdout and "activities/2026/10/2026-10-25-chongyang.yml（第 2 行）" in result.stdout
    assert record_files(mini_content) == before


def test_ambiguous_name_lists_the_candidates(tmp_path: Path, mini_content: Path) -> None:
    twin = (mini_content / "people/lin-xiaofang.yml").read_text(encoding="utf-8")
    (mini_content / "people/lin-xiaofang-2.yml").write_text(twin.replace("phone: \"13800001111\"\n", ""),
                                                           encoding="utf-8")
    with pytest.raises(SheetError) as excinfo:
        _import(_sheet(tmp_path, GOOD), mini_content)
    [error] = _errors(excinfo)
    assert error.startswith("活动登记表.xlsx:2:I: 错误: 列“参与人物”：有 2 个人物都叫“林晓芳”")
    assert "lin-xiaofang（" in error and "lin-xiaofang-2（" in error and "请改填编号" in error


def test_english_headers_and_a_title_row_above(tmp_path: Path, mini_content: Path) -> None:
    rows = [["2026年10月活动登记表"], ["title", "date", "type", "community", "summary", "序号"],
            ["楼道清理", "2026-10-12", "环境整治", "载云桥社区", "清理楼道杂物。", 1]]
    write_xlsx(tmp_path / "english.xlsx", rows)
    _import(tmp_path / "english.xlsx", mini_content)
    assert (mini_content / "activities/2026/10/2026-10-12-lou-dao-qing-li.yml").is_file()


def test_unknown_and_missing_columns(tmp_path: Path, mini_content: Path) -> None:
    rows = [["标题", "活动日其", "活动类型", "社区"], ["楼道清理", "2026-10-12", "环境整治", "载云桥社区"]]
    write_xlsx(tmp_path / "cols.xlsx", rows)
    with pytest.raises(SheetError) as excinfo:
        _import(tmp_path / "cols.xlsx", mini_content)
    assert _errors(excinfo) == [
        "cols.xlsx:1: 错误: 缺少必填列“活动日期”",
        "cols.xlsx:1: 错误: 缺少必填列“活动内容”",
        "cols.xlsx:1:B: 错误: 不认识的列“活动日其”，您是不是想写“活动日期”？（不需要导入的列请删除）",
    ]


def test_unknown_kind_is_a_usage_error(tmp_path: Path, mini_content: Path) -> None:
    result = run_jinlin("import", "banana", str(_sheet(tmp_path, GOOD)), "--content", str(mini_content))
    assert result.returncode == 2
    assert "不能导入“banana”" in result.stderr and "activity（活动）" in result.stderr


def test_a_cell_without_a_header(tmp_path: Path, mini_content: Path) -> None:
    with pytest.raises(SheetError) as excinfo:
        _import(_sheet(tmp_path, [*GOOD, None, "多写的一格"]), mini_content)
    [error] = _errors(excinfo)
    assert error == "活动登记表.xlsx:2:M: 错误: 这一格所在的列没有表头，内容无法导入：请补上表头或删去这一格"


def test_last_english_word_of_a_nested_field(tmp_path: Path, mini_content: Path) -> None:
    rows = [["title", "date", "type", "community", "summary", "branch", "groups"],
            ["楼道清理", "2026-10-12", "环境整治", "载云桥社区", "清理楼道杂物。", "天润小区党支部", "暖心便民帮帮团"]]
    _import(write_xlsx(tmp_path / "nested.xlsx", rows), mini_content)
    content, _ = load_content(mini_content)
    assert content is not None
    organisers = content.activities["2026-10-12-lou-dao-qing-li"].organisers
    assert (organisers.branch, organisers.groups) == ("天润小区党支部", ["nuanxin"])


def test_a_building_is_not_judged_when_its_estate_is_wrong(tmp_path: Path, mini_content: Path) -> None:
    with pytest.raises(SheetError) as excinfo:
        _import(_sheet(tmp_path, [*GOOD[:4], "天闰小区", "9号楼", *GOOD[6:]]), mini_content)
    assert _errors(excinfo) == ["活动登记表.xlsx:2:E: 错误: 列“小区”：找不到小区“天闰小区”，您是不是想写“天润小区”？"]
