"""``jinlin review YYYY-MM`` on a copy of the mini fixture: what will be published, what is missing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.commands.review import format_review, review_month
from generator.project import load_content
from tests.conftest import run_jinlin

RATING = "ratings/2026-10/tianrun-demo.yml"
PERSON = "people/lin-xiaofang.yml"
WISH = "wishes/2026/shouyinji.yml"


def _line(root: Path, relative: str, needle: str) -> int:
    lines = (root / relative).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _review(root: Path, month: str, today: dt.date) -> list[str]:
    content, _ = load_content(root, "content")
    assert content is not None
    return review_month(content, month, today).gaps


def test_month_preview_from_the_command_line(mini_content: Path) -> None:
    result = run_jinlin("review", "2026-10", "--content", str(mini_content))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for expected in (
        "2026年10月将发布的内容", "活动（2 项）", "  10-10 天润小区楼道清理（简报全文刊登）",
        "  10-20 为独居老人送上收音机",
        "会议（1 次）", "  10-08 天润小区十月议事会（议事）",
        "微心愿（1 个有进展）", "  想要一台收音机：征集 10-01、发布 10-03、认领 10-05、完成 10-20",
        "荣誉（1 人次）", "  最美党员：林晓芳",
        "星级楼栋（3 个楼栋评分）", "  天润小区 1号楼：★★★★★（97.1 分，抽查 3 次）",
        "  天润小区 2号楼：一票否决，不得星（楼道堆放杂物堵塞消防通道经劝导拒不整改）",
        "看起来不完整的地方（6 处）",
    ):
        assert expected in out.splitlines(), expected
    root = str(mini_content)
    building_3 = _line(mini_content, RATING, 'building: "3"')
    assert f"  {root}/{RATING}:{building_3}: 天润小区 3号楼本月只有 1 次抽查，细则要求 3 次" in out
    activity = "activities/2026/10/2026-10-10-loudao-qingli.yml"
    assert f"  {root}/{activity}:2: 活动“天润小区楼道清理”没有照片" in out
    summary = _line(mini_content, activity, "summary:")
    assert f"  {root}/{activity}:{summary}: 活动“天润小区楼道清理”的内容只有 12 个字，请补充" in out
    honour = _line(mini_content, PERSON, "- title: 最美党员")
    assert f"  {root}/{PERSON}:{honour}: 林晓芳获评“最美党员”，还没有照片" in out


def test_honour_without_consent(mini_content: Path) -> None:
    _edit(mini_content, PERSON, "consent: true", "consent: false")
    gaps = _review(mini_content, "2026-10", dt.date(2026, 11, 26))
    honour = _line(mini_content, PERSON, "- title: 最美党员")
    assert (f"content/{PERSON}:{honour}: 林晓芳获评“最美党员”，但本人未同意公开照片和故事（consent），"
            "网站和简报中只显示姓名和称号") in gaps


def test_claimed_wish_not_completed_after_30_days(mini_content: Path) -> None:
    _edit(mini_content, WISH, "  - {status: 完成, date: 2026-10-20}\n", "")
    _edit(mini_content, "activities/2026/10/2026-10-20-song-shouyinji.yml", "wish: shouyinji\n", "")
    claim = _line(mini_content, WISH, "status: 认领")
    late = f"content/{WISH}:{claim}: 微心愿“想要一台收音机”于 2026-10-05 认领，31 天仍未完成"
    assert late in _review(mini_content, "2026-11", dt.date(2026, 11, 5))
    assert not [g for g in _review(mini_content, "2026-11", dt.date(2026, 11, 4)) if "认领" in g]
    # reviewing October later: the end of October is the reference, 26 days after the claim
    assert not [g for g in _review(mini_content, "2026-10", dt.date(2027, 1, 1)) if "认领" in g]


def test_building_missing_from_the_month(mini_content: Path) -> None:
    text = (mini_content / RATING).read_text(encoding="utf-8")
    (mini_content / RATING).write_text(text[: text.index('  - building: "3"')], encoding="utf-8")
    gaps = _review(mini_content, "2026-10", dt.date(2026, 11, 26))
    community = "communities/tianrun-demo.yml"
    line = _line(mini_content, community, 'id: "3"')
    assert f"content/{community}:{line}: 天润小区 3号楼本月没有评分记录（content/{RATING} 中没有这个楼栋）" in gaps


def test_quiet_month_and_bad_month(mini_content: Path) -> None:
    content, _ = load_content(mini_content, "content")
    assert content is not None
    text = format_review(review_month(content, "2026-12", dt.date(2026, 12, 31)))
    assert "活动（0 项）" in text and "没有发现不完整的地方。" in text
    result = run_jinlin("review", "2026-13", "--content", str(mini_content))
    assert result.returncode == 2 and "YYYY-MM" in result.stderr
