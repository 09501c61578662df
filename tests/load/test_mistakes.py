"""Each kind of staff mistake comes back in Chinese at its exact file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

from generator.errors import Problem
from generator.project import load_content
from tests.conftest import run_jinlin

ACTIVITY = "activities/2026/10/2026-10-10-loudao-qingli.yml"


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(root: Path) -> list[Problem]:
    _, problems = load_content(root, "content")
    return [p for p in problems if p.is_error]


def _line_of(root: Path, relative: str, needle: str) -> int:
    lines = (root / relative).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_fixture_is_clean(mini_content: Path) -> None:
    assert _errors(mini_content) == []


def test_chinese_style_date(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, "date: 2026-10-10", "date: 11月3日")
    [error] = _errors(mini_content)
    assert error.path == f"content/{ACTIVITY}"
    assert error.line == _line_of(mini_content, ACTIVITY, "11月3日")
    assert error.field == "date" and "YYYY-MM-DD" in error.message and "11月3日" in error.message


def test_misspelt_field_suggests_the_right_one(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, "summary:", "sumary:")
    errors = _errors(mini_content)
    unknown = next(e for e in errors if "不认识的字段" in e.message)
    assert unknown.line == _line_of(mini_content, ACTIVITY, "sumary:")
    assert unknown.column == 1 and "summary" in unknown.message
    assert any("缺少必填字段“summary”" in e.message for e in errors)


def test_words_in_a_number_field(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, "participants: 20", "participants: 二十人")
    [error] = _errors(mini_content)
    assert error.line == _line_of(mini_content, ACTIVITY, "二十人")
    assert error.field == "participants" and "整数" in error.message and error.value == "二十人"


def test_negative_count(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, "beneficiaries: 60", "beneficiaries: -5")
    [error] = _errors(mini_content)
    assert error.field == "beneficiaries" and "不能小于 0" in error.message


def test_duplicate_field(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, "participants: 20", "participants: 20\nparticipants: 30")
    [error] = _errors(mini_content)
    assert error.line == _line_of(mini_content, ACTIVITY, "participants: 30")
    assert "重复" in error.message


def test_reference_to_missing_record_says_did_you_mean(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, "people: [lin-xiaofang]", "people: [lin-xiaofan]")
    [error] = _errors(mini_content)
    assert error.line == _line_of(mini_content, ACTIVITY, "lin-xiaofan]")
    assert error.field == "people[0]" and "lin-xiaofang" in error.message


def test_missing_building_in_estate(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, 'building: "1"', 'building: "9"')
    [error] = _errors(mini_content)
    assert error.field == "building" and "天润小区没有编号为“9”的楼栋" in error.message


def test_closed_set_lists_the_choices(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, "type: 环境整治", "type: 打扫卫生")
    [error] = _errors(mini_content)
    assert "只能填" in error.message and "环境整治" in error.message


def test_gbk_record(mini_content: Path) -> None:
    path = mini_content / ACTIVITY
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    errors = _errors(mini_content)
    assert any(e.path.endswith(ACTIVITY) and "GBK" in e.message for e in errors)


def test_broken_record_is_not_reported_again_as_missing(mini_content: Path) -> None:
    _edit(mini_content, "people/lin-xiaofang.yml", "political_status: 党员", "political_status: 团员")
    errors = _errors(mini_content)
    assert [e.path for e in errors] == ["content/people/lin-xiaofang.yml"]


def test_file_in_the_wrong_place_is_not_ignored(mini_content: Path) -> None:
    (mini_content / "activities/2026/10/notes.yaml").write_text("a: 1\n", encoding="utf-8")
    (mini_content / "activities/2026/Oct.yml").write_text("a: 1\n", encoding="utf-8")
    errors = _errors(mini_content)
    assert {e.path.rsplit("/", 1)[-1] for e in errors} == {"notes.yaml", "Oct.yml"}


def test_date_must_match_file_name(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, "date: 2026-10-10", "date: 2026-10-11")
    [error] = _errors(mini_content)
    assert error.field == "date" and "文件名" in error.message


def test_wish_timeline_out_of_order(mini_content: Path) -> None:
    _edit(mini_content, "wishes/2026/shouyinji.yml", "{status: 发布, date: 2026-10-03}",
          "{status: 完成, date: 2026-10-03}")
    errors = _errors(mini_content)
    assert any("状态顺序不对" in e.message for e in errors)


def test_rating_with_unknown_criterion_and_excess_points(mini_content: Path) -> None:
    sheet = "ratings/2026-10/tianrun-demo.yml"
    _edit(mini_content, sheet, "{corridor: 30, frontage: 20,", "{coridor: 30, frontage: 25,")
    messages = [e.message for e in _errors(mini_content)]
    assert any("没有指标“coridor”" in m and "corridor" in m for m in messages)
    assert any("门前三包落实”得分应在 0 到 20 之间" in m for m in messages)
    assert any("缺少指标得分：楼道卫生保洁" in m for m in messages)


PLANTED = [
    # (file, old, new, text expected in the message, line needle)
    (ACTIVITY, "date: 2026-10-10", "date: 10月10日", "YYYY-MM-DD", "10月10日"),
    (ACTIVITY, "participants: 20", "participants: 二十", "整数", "二十"),
    ("people/lin-xiaofang.yml", "service_hours:", "servce_hours:", "service_hours", "servce_hours"),
    ("units/caizhengju.yml", "members_reported: 12", "members_reported: 12\nmembers_reported: 13",
     "重复", "members_reported: 13"),
    ("groups/nuanxin.yml", "members: [lin-xiaofang]", "members: [lin-xiaofang, wang-wu]",
     "wang-wu", "wang-wu"),
    ("meetings/2026/2026-10-08-huanjing.yml", "venue: 红色会客厅", "venue: 会客厅", "只能填", "venue:"),
    ("wishes/2026/shouyinji.yml", "category: 生活物资", "category: [生活物资", "YAML", "category"),
]


def test_planted_mistakes_all_come_back_in_one_run(mini_content: Path) -> None:
    for relative, old, new, _, _ in PLANTED:
        _edit(mini_content, relative, old, new)
    (mini_content / "communities/gbk.yml").write_bytes("name: 西门社区\n".encode("gbk"))
    result = run_jinlin("check", "--content", str(mini_content))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    for relative, _, _, expected, needle in PLANTED:
        line = _line_of(mini_content, relative, needle)
        prefix = f"{mini_content}/{relative}:{line}:"
        assert any(out.startswith(prefix) and expected in out for out in lines), (prefix, lines)
    assert any("gbk.yml:1:" in out and "GBK" in out for out in lines)
    assert all(": 错误: " in out or ": 警告: " in out for out in lines)


def test_json_format(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, "participants: 20", "participants: 二十")
    result = run_jinlin("check", "--content", str(mini_content), "--format", "json")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["errors"] == 1
    [problem] = [p for p in payload["problems"] if p["severity"] == "error"]
    assert problem["field"] == "participants" and problem["value"] == "二十"


def test_exit_codes(mini_content: Path) -> None:
    assert run_jinlin("check", "--content", str(mini_content)).returncode == 0
    assert run_jinlin("check", "--bogus").returncode == 2
    missing = run_jinlin("check", "--content", str(mini_content / "nope"))
    assert missing.returncode == 1 and "找不到内容文件夹" in missing.stdout


def test_photo_paths_cannot_climb_out(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, "highlight: true", "highlight: true\nphotos:\n"
          "  - {file: ../../etc/passwd, consent: true}\n"
          "  - {file: /etc/passwd, consent: true}\n"
          "  - {file: 'https://evil.example/x.jpg', consent: true}\n")
    errors = _errors(mini_content)
    by_field = {e.field: e for e in errors}
    assert set(by_field) == {f"photos[{i}].file" for i in range(3)}, by_field
    assert "“..”" in by_field["photos[0].file"].message
    assert "绝对路径" in by_field["photos[1].file"].message and "网址" in by_field["photos[2].file"].message
    assert by_field["photos[0].file"].line == _line_of(mini_content, ACTIVITY, "../../etc/passwd")


def test_photo_files_must_exist_inside_media(mini_content: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.jpg").write_bytes(b"x")
    (mini_content / "media/link.jpg").symlink_to(tmp_path / "outside.jpg")
    _edit(mini_content, ACTIVITY, "highlight: true", "highlight: true\nphotos:\n"
          "  - {file: missing.jpg, consent: true}\n"
          "  - {file: link.jpg, consent: true}\n"
          "  - {file: a.jpg, consent: true}\n")
    errors = _errors(mini_content)
    by_field = {e.field: e.message for e in errors}
    assert set(by_field) == {"photos[0].file", "photos[1].file"}, by_field
    assert "找不到照片文件 media/missing.jpg" in by_field["photos[0].file"]
    assert "之外" in by_field["photos[1].file"]


def test_bare_number_building_id_is_accepted(mini_content: Path) -> None:
    _edit(mini_content, ACTIVITY, 'building: "1"', "building: 1")
    assert _errors(mini_content) == []
