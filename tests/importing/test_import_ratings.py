"""星级楼栋 sheets: one row per building per inspection → ratings/<YYYY-MM>/<社区>.yml."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.commands.importing import run_import
from generator.importing import SheetError
from generator.model.ratings import month_scores
from generator.project import load_content
from tests.conftest import FIXTURES
from tests.importing.helpers import write_csv, write_xlsx

HEADERS = ["社区", "小区", "楼栋", "抽查日期", "楼道卫生保洁", "门前三包落实", "高空抛物少", "矛盾纠纷少", "垃圾分类",
           "扣分", "扣分原因", "扣分指标", "一票否决", "评委", "大众评审有效票", "满意票"]
# the inspections of tests/fixtures/mini/ratings/2026-10/tianrun-demo.yml, as a 评委团 writes them
TIANRUN = ["载云桥社区", "天润小区"]
NO_DEDUCTION = [None, None, None, None]
ROWS = [
    [*TIANRUN, "1号楼", "2026/10/5", 30, 20, 20, 15, 15, *NO_DEDUCTION, "社区工作人员、业委会主任", 50, 48],
    [*TIANRUN, "1号楼", "2026/10/15", 28, 19, 20, 15, 14, *NO_DEDUCTION, None, None, None],
    [*TIANRUN, "1号楼", "2026年10月25日", 29, 20, 20, 14, 15, 2, "楼道堆放纸箱", "楼道卫生保洁", None, None, 50, 48],
    ["载云桥社区", "天润", "2栋", dt.datetime(2026, 10, 5), 25, 16, 18, 12, 12, *NO_DEDUCTION, None, 40, 30],
    ["载云桥社区", "天润", "2栋", dt.datetime(2026, 10, 15), 24, 17, 17, 13, 11, *NO_DEDUCTION, None, None, None],
    ["载云桥社区", "天润", "2栋", dt.datetime(2026, 10, 25), 26, 16, 19, 12, 12, None, None, None,
     "楼道堆放杂物堵塞消防通道经劝导拒不整改", None, None, None],
    ["tianrun-demo", None, "3", "2026-10-06", 27, 18, 18, 13, 13, *NO_DEDUCTION, None, 0, 0],
]


@pytest.fixture
def unrated(mini_content: Path) -> Path:
    shutil.rmtree(mini_content / "ratings")
    return mini_content


def _import(sheet: Path, content: Path) -> None:
    run_import("rating", str(sheet), str(content), False)


@pytest.mark.parametrize("form", ["xlsx", "gbk-csv"])
def test_sheet_gives_the_same_scores_as_the_hand_written_file(tmp_path: Path, unrated: Path, form: str) -> None:
    if form == "xlsx":
        sheet = write_xlsx(tmp_path / "十月评星.xlsx", [HEADERS, *ROWS])
    else:
        sheet = write_csv(tmp_path / "十月评星.csv", [HEADERS, *ROWS], "gbk")
    _import(sheet, unrated)
    imported, problems = load_content(unrated)
    original, _ = load_content(FIXTURES / "mini")
    assert imported is not None and original is not None
    assert not [p for p in problems if p.is_error]
    assert month_scores(imported, "2026-10") == month_scores(original, "2026-10")
    text = (unrated / "ratings/2026-10/tianrun-demo.yml").read_text(encoding="utf-8")
    assert text.startswith(f"# 由 {sheet.name} 第 2–8 行导入")
    assert "scores: {corridor: 30, frontage: 20, high-throw: 20, disputes: 15, sorting: 15}" in text


def test_bad_rating_cells(tmp_path: Path, unrated: Path) -> None:
    rows = [
        ROWS[0],
        [*ROWS[1][:4], None, *ROWS[1][5:]],                       # 楼道卫生保洁 left empty
        [*ROWS[2][:4], "满分", *ROWS[2][5:]],                      # words in a score
        ["载云桥社区", "天润小区", "5号楼", *ROWS[3][3:]],            # no such building
        [*ROWS[4][:4], 35, *ROWS[4][5:]],                         # above the criterion's full marks
        [*ROWS[0][:14], 51, 48],                                  # a second, different vote count
    ]
    with pytest.raises(SheetError) as excinfo:
        _import(write_xlsx(tmp_path / "评星.xlsx", [HEADERS, *rows]), unrated)
    errors = [p.format() for p in excinfo.value.problems if p.is_error]
    assert errors == [
        "评星.xlsx:3:E: 错误: 列“楼道卫生保洁”：缺少“楼道卫生保洁”得分",
        "评星.xlsx:4:E: 错误: 列“楼道卫生保洁”：应填数字（只写阿拉伯数字），实际是“满分”",
        "评星.xlsx:5:C: 错误: 列“楼栋”：天润小区没有楼栋“5号楼”（现有：1号楼、2号楼、3号楼）",
        "评星.xlsx:6:E: 错误: 列“楼道卫生保洁”：“楼道卫生保洁”得分应在 0 到 30 之间"
        "（字段 buildings[1].inspections[0].scores.corridor）",
        "评星.xlsx:7:O: 错误: 列“大众评审有效票”：同一楼栋本月的大众评审票数填了两次且不一致（另见第 2 行）",
    ]
    assert not (unrated / "ratings").exists()


def test_a_month_that_already_has_a_sheet(tmp_path: Path, mini_content: Path) -> None:
    with pytest.raises(SheetError) as excinfo:
        _import(write_xlsx(tmp_path / "评星.xlsx", [HEADERS, *ROWS]), mini_content)
    [error] = [p.format() for p in excinfo.value.problems if p.is_error]
    assert error.startswith("评星.xlsx:2:A: 错误: 列“社区”：文件 ratings/2026-10/tianrun-demo.yml 已存在")


def test_votes_only_row_and_two_months(tmp_path: Path, unrated: Path) -> None:
    rows = [
        ["载云桥社区", "天润小区", "1号楼", "2026/10/5", 30, 20, 20, 15, 15, *[None] * 5, None, None],
        ["载云桥社区", "天润小区", "1号楼", None, *[None] * 10, 50, 48],
        ["载云桥社区", "天润小区", "1号楼", "2026/11/5", 30, 20, 20, 15, 15, *[None] * 5, None, None],
    ]
    with pytest.raises(SheetError) as excinfo:
        _import(write_xlsx(tmp_path / "评星.xlsx", [HEADERS, *rows]), unrated)
    [error] = [p.format() for p in excinfo.value.problems if p.is_error]
    assert error == "评星.xlsx:3:D: 错误: 列“抽查日期”：请填写抽查日期（无法判断这一行属于哪个月）"
    _import(write_xlsx(tmp_path / "评星2.xlsx", [HEADERS, rows[0], rows[1]]), unrated)
    content, _ = load_content(unrated)
    assert content is not None
    [sheet] = content.ratings_in("2026-10")
    assert sheet.buildings[0].public_review is not None and sheet.buildings[0].public_review.votes == 50
