"""The YAML reader: positions, duplicate keys, encodings, limits."""

from __future__ import annotations

import time
from pathlib import Path

from generator.load.yamlfile import load_yaml_file, parse_yaml


def test_marks_of_nested_values_are_one_based() -> None:
    doc, problems = parse_yaml("title: x\nphotos:\n  - file: a.jpg\n    caption: 说明\n", "a.yml")
    assert not problems and doc is not None
    assert doc.mark(("photos", 0, "caption")).line == 4
    assert doc.mark(("photos", 0, "caption"), prefer_key=True).column == 5
    assert doc.mark(("missing", "deeper")).line == 1


def test_duplicate_key_is_reported_at_the_second_one_and_first_value_kept() -> None:
    doc, problems = parse_yaml("title: 一\nsummary: s\ntitle: 二\n", "a.yml")
    assert doc is not None and doc.data["title"] == "一"
    [problem] = problems
    assert (problem.line, problem.column) == (3, 1)
    assert "重复" in problem.message and "第 1 行" in problem.message


def test_syntax_slip_points_at_its_line() -> None:
    _, problems = parse_yaml("title: 好\ndate: 2026-10-01\n  type: 志愿服务\n", "a.yml")
    [problem] = problems
    assert problem.line == 3
    assert problem.message.startswith("YAML 格式错误")


def test_tab_indentation_is_explained() -> None:
    _, problems = parse_yaml("a:\n\tb: 1\n", "a.yml")
    assert problems and problems[0].line == 2


def test_gbk_file_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_bytes("title: 楼道清理\n".encode("gbk"))
    doc, problems = load_yaml_file(path, "content/a.yml")
    assert doc is None
    [problem] = problems
    assert "GBK" in problem.message and "UTF-8" in problem.message
    assert problem.path == "content/a.yml" and problem.line == 1


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_bytes(b"\xef\xbb\xbf" + "title: 楼道\n".encode())
    doc, problems = load_yaml_file(path, "a.yml")
    assert not problems and doc is not None and doc.data == {"title": "楼道"}


def test_alias_bomb_is_refused_at_once() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    doc, problems = parse_yaml("\n".join(lines) + "\n", "bomb.yml")
    assert time.perf_counter() - started < 1.0
    assert doc is None and "别名" in problems[0].message


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    path.write_text("a: " + "x" * (3 * 1024 * 1024) + "\n", encoding="utf-8")
    doc, problems = load_yaml_file(path, "big.yml")
    assert doc is None and "文件过大" in problems[0].message


def test_empty_file_is_an_error() -> None:
    doc, problems = parse_yaml("# 只有注释\n", "a.yml")
    assert doc is None and problems[0].message == "文件是空的"


def test_a_date_that_does_not_exist() -> None:
    _, problems = parse_yaml("title: 好\ndate: 2026-11-31\n", "a.yml")
    [problem] = problems
    assert (problem.line, problem.column) == (2, 7) and "2026-11-31" in problem.message and "不存在" in problem.message
