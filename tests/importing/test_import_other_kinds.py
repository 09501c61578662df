"""Wishes (timeline from date columns), paired units and meetings from real .xlsx files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.commands.importing import run_import
from generator.importing import SheetError
from generator.project import load_content
from tests.importing.helpers import write_xlsx

WISH_HEADERS = ["心愿", "类别", "心愿人", "心愿人性别", "联系电话", "困难类别", "社区", "小区", "楼栋",
                "征集日期", "发布日期", "认领日期", "认领人", "完成日期", "编号"]


def _loaded(content_dir: Path):  # type: ignore[no-untyped-def]
    content, problems = load_content(content_dir)
    assert content is not None and not [p for p in problems if p.is_error], [p.format() for p in problems]
    return content


def test_wishes_with_their_timeline(tmp_path: Path, mini_content: Path) -> None:
    rows = [
        WISH_HEADERS,
        ["想要一个助行器", "生活物资", "王秀英", "女", 13700003333, "高龄、独居", "载云桥社区", "天润小区", "3号楼",
         dt.datetime(2026, 10, 2), "2026/10/4", "2026/10/6", "暖心便民帮帮团", "2026/10/9", "zhuxingqi"],
        ["希望有人教我用手机", "陪伴", "李建国", "男", None, None, "载云桥社区", None, None,
         "2026-11-01", "2026-11-02", "2026-11-03", "王阿姨", None, None],
    ]
    run_import("wish", str(write_xlsx(tmp_path / "心愿墙.xlsx", rows)), str(mini_content), False)
    content = _loaded(mini_content)
    done = content.wishes["zhuxingqi"]
    assert [(s.status, s.date.isoformat()) for s in done.timeline] == [
        ("征集", "2026-10-02"), ("发布", "2026-10-04"), ("认领", "2026-10-06"), ("完成", "2026-10-09")]
    assert done.timeline[2].by_group == "nuanxin" and done.wisher.phone == "13700003333"
    assert done.wisher.hardship == ["高龄", "独居"] and done.building == "3"
    claimed = content.wishes["xi-wang-you-ren-jiao-wo-yong-shou-ji"]
    assert claimed.status == "认领" and claimed.timeline[-1].by_name == "王阿姨"
    assert (mini_content / "wishes/2026/zhuxingqi.yml").is_file()


def test_wish_steps_out_of_order_point_at_the_date(tmp_path: Path, mini_content: Path) -> None:
    rows = [WISH_HEADERS, ["想要一个助行器", "生活物资", "王秀英", "女", None, None, "载云桥社区", None, None,
                           "2026/10/2", "2026/10/8", "2026/10/6", "林晓芳", None, None]]
    with pytest.raises(SheetError) as excinfo:
        run_import("wish", str(write_xlsx(tmp_path / "心愿墙.xlsx", rows)), str(mini_content), False)
    [error] = [p.format() for p in excinfo.value.problems if p.is_error]
    assert error == "心愿墙.xlsx:2:L: 错误: 列“认领日期”：日期早于上一步（字段 timeline[2].date）"


def test_units(tmp_path: Path, mini_content: Path) -> None:
    rows = [["单位名称", "单位类型", "结对社区", "报到党员人数", "联络电话"],
            ["邵武市教育局", "机关", "载云桥社区", 8, "0599-6301234"],
            ["国网邵武供电公司", "国企", "载云桥社区", 3, None]]
    sheet = write_xlsx(tmp_path / "单位.xlsx", rows)
    with pytest.raises(SheetError) as excinfo:
        run_import("unit", str(sheet), str(mini_content), False)
    [error] = [p.format() for p in excinfo.value.problems]
    assert error.startswith("单位.xlsx:3:B: 错误: 列“单位类型”：“国企”不是可选的值，只能填：机关、企业、事业单位")
    rows[2][1] = "企业"
    run_import("unit", str(write_xlsx(tmp_path / "单位2.xlsx", rows)), str(mini_content), False)
    unit = _loaded(mini_content).units["shao-wu-shi-jiao-yu-ju"]
    assert unit.communities == ["tianrun-demo"] and unit.contact_phone == "0599-6301234"


def test_meetings(tmp_path: Path, mini_content: Path) -> None:
    rows = [["会议名称", "会议类别", "会议日期", "社区", "小区", "参会人数", "议题", "决定", "参会单位"],
            ["天润小区十一月议事会", "议事", "2026/11/6", "载云桥社区", "天润小区", 15,
             "楼道杂物、纸箱多；电动车充电难", "组织楼道清理\n申请安装充电桩", "财政局"]]
    run_import("meeting", str(write_xlsx(tmp_path / "会议.xlsx", rows)), str(mini_content), False)
    meeting = _loaded(mini_content).meetings["2026-11-06-tian-run-xiao-qu-shi-yi-yue-yi-shi-hui"]
    assert meeting.issues == ["楼道杂物、纸箱多", "电动车充电难"]
    assert [d.text for d in meeting.decisions] == ["组织楼道清理", "申请安装充电桩"]
    assert meeting.units == ["caizhengju"] and meeting.estate == "tianrun"
