"""``jinlin new``: the right path, a template that loads cleanly, never an overwrite."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli
from generator.commands.new import NewRecordError, slug_from_title, today_in_china, write_new_file
from generator.model.kinds import KINDS_BY_NAME
from generator.project import load_content

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "editor-content"

# kind as typed, title, expected path below content/
CASES = [
    ("activity", "邻里汇文艺晚会", "activities/2026/11/2026-11-26-lin-li-hui-wen-yi-wan-hui.yml"),
    ("活动", "Summer Fair 2026!", "activities/2026/11/2026-11-26-summer-fair-2026.yml"),
    ("会议", "十一月议事会", "meetings/2026/2026-11-26-shi-yi-yue-yi-shi-hui.yml"),
    ("wish", "想要一台收音机", "wishes/2026/xiang-yao-yi-tai-shou-yin-ji.yml"),
    ("人物", "陈秀英", "people/chen-xiu-ying.yml"),
    ("unit", "邵武市财政局", "units/shao-wu-shi-cai-zheng-ju.yml"),
    ("帮帮团", "暖心便民帮帮团", "groups/nuan-xin-bian-min-bang-bang-tuan.yml"),
    ("社区", "载云桥社区", "communities/zai-yun-qiao-she-qu.yml"),
    ("星级楼栋评分", "", "ratings/2026-11/heping.yml"),
]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def jinlin(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command line, in a fresh interpreter."""
    command = [sys.executable, "-m", "generator.cli", *args]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def new(content: Path, kind: str, title: str = "", date: str = "2026-11-26") -> subprocess.CompletedProcess[str]:
    return jinlin("new", kind, "--title", title, "--date", date, "--content", str(content))


def errors_in(content: Path) -> list[str]:
    loaded, problems = load_content(content)
    assert loaded is not None
    return [p.format() for p in problems if p.is_error]


@pytest.mark.parametrize(("kind", "title", "relative"), CASES, ids=[c[2].split("/")[0] for c in CASES])
def test_new_writes_a_valid_template_and_never_overwrites(
    content: Path, kind: str, title: str, relative: str
) -> None:
    result = new(content, kind, title)
    assert result.returncode == 0, result.stderr
    target = content / relative
    assert target.is_file(), sorted(p.relative_to(content).as_posix() for p in content.rglob("*.yml"))
    assert relative in result.stdout
    assert errors_in(content) == []
    first = target.read_bytes()

    # the second run in-process: the real CLI was exercised above, this keeps the suite fast
    args = ["new", kind, "--title", title, "--date", "2026-11-26", "--content", str(content)]
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 1
    assert "文件已存在" in again.output and relative in again.output
    assert target.read_bytes() == first
    assert not [p for p in content.rglob("*") if p.name.startswith(".new-")], "temporary file left"


@pytest.mark.parametrize("kind", sorted(k for k in KINDS_BY_NAME if not KINDS_BY_NAME[k].single))
def test_template_describes_every_field(content: Path, kind: str) -> None:
    """Generated from the model: every field is there, under its own description."""
    title = "" if kind == "rating" else "示例标题"
    args = ["new", kind, "--title", title, "--date", "2026-03-05", "--content", str(content)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    shown = result.output.splitlines()[0].split("：", 1)[1]
    text = Path(shown).read_text(encoding="utf-8")
    for name, info in KINDS_BY_NAME[kind].model.model_fields.items():
        assert f"\n{name}:" in text, f"{name} missing"
        assert f"\n# {info.description}" in text, f"description of {name} missing"
    assert text.startswith("# ") and text.endswith("\n") and "\r" not in text
    assert isinstance(yaml.safe_load(text), dict)


@pytest.mark.parametrize("kind", ["activity", "rating", "wish"])
def test_new_adds_no_error_to_the_shipped_content(shipped_copy: Path, kind: str) -> None:
    """The sample content is still being written: only errors the new file brings count."""
    before = errors_in(shipped_copy)
    title = "" if kind == "rating" else "新记录检查"
    args = ["new", kind, "--title", title, "--date", "2027-01-15", "--content", str(shipped_copy)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert errors_in(shipped_copy) == before


def test_unknown_kind_exits_2_and_lists_the_kinds(content: Path) -> None:
    result = jinlin("new", "庆典", "--title", "x", "--content", str(content))
    assert result.returncode == 2
    assert "不认识的记录类别“庆典”" in result.stderr
    for kind in ("activity（活动）", "person（人物）", "rating（星级楼栋评分）", "wish（微心愿）"):
        assert kind in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "code", "message"), [
    (["new", "site"], 2, "只有一个文件 site.yml"),
    (["new", "活动", "--title", "晚会", "--date", "2026-02-30"], 2, "日期“2026-02-30”不对"),
    (["new", "活动", "--title", "晚会", "--date", "2026年11月1日"], 2, "应写成 YYYY-MM-DD"),
    (["new", "活动"], 2, "请用 --title"),
    (["new", "活动", "--title", "！！"], 2, "无法从“！！”生成编号"),
    (["new", "活动", "--title", "晚" * 70], 2, "最多 60 个字"),
    (["new", "rating", "--title", "南门社区"], 2, "heping（和平社区）"),
    (["new", "rating", "--title", "beimen"], 1, "还没有填写小区和楼栋"),
])
def test_mistakes_are_refused_in_chinese(content: Path, args: list[str], code: int, message: str) -> None:
    before = sorted(p for p in content.rglob("*"))
    result = CliRunner().invoke(cli, [*args, "--content", str(content)])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert sorted(p for p in content.rglob("*")) == before, "nothing may be written"


def test_rating_title_names_the_community(content: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "评分", "--title", "和平社区", "--date", "2026-12-01",
                                      "--content", str(content)])
    assert result.exit_code == 0, result.output
    sheet = yaml.safe_load((content / "ratings/2026-12/heping.yml").read_text(encoding="utf-8"))
    assert [b["building"] for b in sheet["buildings"]] == ["1", "2"]
    assert len(sheet["buildings"][0]["inspections"]) == 2, "as many as scoring.yml requires"
    assert sheet["buildings"][0]["inspections"][0]["scores"] == {"corridor": 0, "sorting": 0}
    assert errors_in(content) == []


def test_without_communities_the_user_is_told_what_to_do_first(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "c", ignore=shutil.ignore_patterns("communities"))
    result = CliRunner().invoke(cli, ["new", "人物", "--title", "张三", "--content", str(tmp_path / "c")])
    assert result.exit_code == 1
    assert "请先新建社区" in result.output


def test_date_defaults_to_today_in_shanghai(content: Path) -> None:
    before = today_in_china()
    result = CliRunner().invoke(cli, ["new", "activity", "--title", "今日活动", "--content", str(content)])
    after = today_in_china()
    assert result.exit_code == 0, result.output
    names = {f"{d:%Y/%m}/{d.isoformat()}-jin-ri-huo-dong.yml" for d in (before, after)}
    assert any((content / "activities" / name).is_file() for name in names)
    utc_now = dt.datetime.now(dt.UTC)
    assert before in {(utc_now + dt.timedelta(hours=h)).date() for h in (7, 8, 9)}


@pytest.mark.parametrize(("title", "slug"), [
    ("邻里汇文艺晚会", "lin-li-hui-wen-yi-wan-hui"),
    ("3号楼楼道灯维修", "3-hao-lou-lou-dao-deng-wei-xiu"),
    ("Café  Gala — 2026", "cafe-gala-2026"),
    ("ＡＢＣ１２社区", "abc12-she-qu"),
    ("绿色家园", "lv-se-jia-yuan"),
    ("。。。", ""),
])
def test_slug_from_title(title: str, slug: str) -> None:
    assert slug_from_title(title) == slug


def test_long_titles_are_cut_at_a_syllable() -> None:
    slug = slug_from_title("近邻党建红色会客厅一月一主题议事协商暨楼道微改造推进会")
    assert slug == "jin-lin-dang-jian-hong-se-hui-ke-ting-yi"  # 40 characters, whole syllables
    assert slug_from_title("近邻党建红色会客厅一月一主题议事协商暨楼道") == slug
    assert slug_from_title("x" * 55) == "x" * 40


def test_write_new_file_refuses_a_file_that_appeared(tmp_path: Path) -> None:
    target = tmp_path / "people" / "a.yml"
    target.parent.mkdir()
    target.write_text("name: 原来的\n", encoding="utf-8")
    with pytest.raises(NewRecordError, match="文件已存在"):
        write_new_file(target, "name: 新的\n", "people/a.yml")
    assert target.read_text(encoding="utf-8") == "name: 原来的\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.yml"]
