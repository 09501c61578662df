"""Writing records: atomic, never over an existing file, all or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.problems import ImportUsageError
from generator.importing.writer import row_span, write_all, write_new


def test_write_new_refuses_a_file_that_appeared(tmp_path: Path) -> None:
    target = tmp_path / "people" / "lin.yml"
    write_new(target, "name: 林\n")
    with pytest.raises(ImportUsageError, match="没有写入任何文件"):
        write_new(target, "name: 另一个人\n")
    assert target.read_text(encoding="utf-8") == "name: 林\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["lin.yml"]  # no temporary file left


def test_write_all_is_all_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "b.yml").write_text("name: 已有\n", encoding="utf-8")
    with pytest.raises(ImportUsageError):
        write_all(tmp_path, {"people/a.yml": "name: 甲\n", "people/b.yml": "name: 乙\n"})
    assert sorted(p.name for p in (tmp_path / "people").iterdir()) == ["b.yml"]
    assert (tmp_path / "people" / "b.yml").read_text(encoding="utf-8") == "name: 已有\n"


def test_row_spans() -> None:
    assert (row_span([3]), row_span([4, 2, 3]), row_span([2, 5, 9])) == ("3", "2–4", "2、5、9")
