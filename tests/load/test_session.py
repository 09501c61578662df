"""Incremental loads give exactly what a full load gives, edit after edit.

Each step edits real files in a copy of the fixture content, then compares the content
and problems of (a) a long-lived :class:`ContentSession` (what ``serve`` keeps), (b) a new
session on the same disk cache (the next ``jinlin check``) with (c) a fresh load with an
empty cache and (d) the plain pipeline (``load_tree`` + ``check_references``, no reuse).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.errors import Problem
from generator.load.tree import load_tree
from generator.model.content import Content
from generator.model.references import check_references
from generator.project import ContentSession, load_content

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
ACTIVITY = "activities/2026/10/2026-10-10-loudao-qingli.yml"
TABLES = {"communities": "community", "units": "unit", "groups": "group", "people": "person",
          "meetings": "meeting", "activities": "activity", "ratings": "rating", "wishes": "wish"}


def _plain_load(root: Path) -> tuple[Content | None, list[Problem]]:
    """The pipeline without any reuse: what every load must equal."""
    tree = load_tree(root, "content")
    problems = list(tree.problems)
    site, scoring = tree.records["site"].get("site"), tree.records["scoring"].get("scoring")
    if site is None or scoring is None:
        return None, sorted(problems, key=Problem.sort_key)
    content = Content(root=root, site=site, scoring=scoring,  # type: ignore[arg-type]
                      **{table: tree.records[kind] for table, kind in TABLES.items()})  # type: ignore[arg-type]
    if "figures" in tree.records["figures"]:
        content.figures = tree.records["figures"]["figures"]  # type: ignore[assignment]
    problems.extend(check_references(content, tree.failed))
    return content, sorted(problems, key=Problem.sort_key)


def _dump(content: Content | None) -> Any:
    if content is None:
        return None
    dumped: dict[str, Any] = {name: getattr(content, name).model_dump() for name in ("site", "scoring", "figures")}
    for table in TABLES:
        dumped[table] = [(key, r.id, r._source.path, r.model_dump()) for key, r in getattr(content, table).items()]
    return dumped


class Checker:
    """Loads ``root`` every way after each edit and asserts they all agree."""

    def __init__(self, root: Path, work: Path) -> None:
        self.root, self.work = root, work
        self.session = ContentSession(work / "cache")
        self.fresh = 0

    def check(self) -> list[Problem]:
        expected = _plain_load(self.root)
        self.fresh += 1
        loads = {
            "serve session": self.session.load(self.root, "content"),
            "next process": ContentSession(self.work / "cache").load(self.root, "content"),
            "empty cache": load_content(self.root, "content", cache_dir=self.work / f"fresh-{self.fresh}"),
        }
        for name, (content, problems) in loads.items():
            assert [p.format() for p in problems] == [p.format() for p in expected[1]], name
            assert problems == expected[1], name  # values and severities too
            assert _dump(content) == _dump(expected[0]), name
        return expected[1]


@pytest.fixture
def checker(tmp_path: Path) -> Checker:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return Checker(root, tmp_path)


def _edit(root: Path, relative: str, change: Callable[[str], str]) -> None:
    path = root / relative
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def _messages(problems: list[Problem]) -> str:
    return "\n".join(p.format() for p in problems)


def test_a_series_of_edits_gives_what_a_full_load_gives(checker: Checker) -> None:
    root = checker.root
    assert "重复" not in _messages(checker.check())
    # same length, same clock tick: only the bytes tell the versions apart
    before = (root / ACTIVITY).stat()
    _edit(root, ACTIVITY, lambda t: t.replace("楼道清理", "楼道整治"))
    os.utime(root / ACTIVITY, ns=(before.st_atime_ns, before.st_mtime_ns))
    checker.check()
    assert checker.session.load(root, "content")[0].activities["2026-10-10-loudao-qingli"].title == "天润小区楼道整治"
    _edit(root, ACTIVITY, lambda t: t.replace("date: 2026-10-10", "date: 2026-13-10"))
    assert "2026-13-10" in _messages(checker.check())
    _edit(root, ACTIVITY, lambda t: t.replace("date: 2026-13-10", "date: 2026-10-10"))
    assert "2026-13-10" not in _messages(checker.check())
    (root / "people/lin-xiaofang.yml").unlink()
    assert "找不到编号为“lin-xiaofang”的人物" in _messages(checker.check())
    _copy_into(root, ACTIVITY, "activities/2026/11")  # the same id in the wrong month's folder
    assert "重复" in _messages(checker.check())
    _edit(root, "scoring.yml", lambda t: t.replace("max_points: 30", "max_points: 10"))
    assert "得分应在 0 到 10 之间" in _messages(checker.check())
    _rename_community(root, "tianrun-demo", "tianrun-new")
    assert "tianrun-demo" in _messages(checker.check())


def _copy_into(root: Path, relative: str, folder: str) -> None:
    (root / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(root / relative, root / folder / Path(relative).name)


def _rename_community(root: Path, old: str, new: str) -> None:
    os.rename(root / f"communities/{old}.yml", root / f"communities/{new}.yml")


def test_files_that_come_and_go_and_break_and_heal(checker: Checker) -> None:
    root = checker.root
    checker.check()
    (root / "notes.txt").write_text("草稿", encoding="utf-8")
    (root / "activities/2026/10/wrong name.yml").write_text("title: x\n", encoding="utf-8")
    _edit(root, "groups/nuanxin.yml", lambda t: t + "\n  bad: [\n")
    checker.check()
    _edit(root, "groups/nuanxin.yml", lambda t: t.replace("\n  bad: [\n", ""))
    (root / "notes.txt").unlink()
    (root / "activities/2026/10/wrong name.yml").unlink()
    checker.check()
    new = root / "activities/2026/10/2026-10-21-xin-huodong.yml"
    new.write_text((root / ACTIVITY).read_text(encoding="utf-8").replace("2026-10-10", "2026-10-21")
                   .replace("meeting: 2026-10-08-huanjing", "meeting: 2026-10-09-meiyou"), encoding="utf-8")
    assert "2026-10-09-meiyou" in _messages(checker.check())
    _edit(root, "meetings/2026/2026-10-08-huanjing.yml", lambda t: t.replace("date: 2026-10-08", "date: 2026-10-28"))
    checker.check()
    (root / "site.yml").rename(root / "site.yml.bak")
    assert checker.session.load(root, "content")[0] is None
    checker.check()
    (root / "site.yml.bak").rename(root / "site.yml")
    checker.check()


def test_a_photo_added_to_media_is_seen_without_any_record_changing(checker: Checker) -> None:
    root = checker.root
    _edit(root, ACTIVITY, lambda t: t + "photos:\n  - file: a.jpg\n  - file: later.jpg\n")
    assert "找不到照片文件 media/later.jpg" in _messages(checker.check())
    shutil.copy(root / "media/a.jpg", root / "media/later.jpg")
    assert "找不到照片文件" not in _messages(checker.check())
    (root / "media/a.jpg").unlink()
    assert "找不到照片文件 media/a.jpg" in _messages(checker.check())


def test_a_damaged_or_foreign_cache_is_ignored(checker: Checker) -> None:
    checker.check()
    for stored in (checker.work / "cache").rglob("*"):
        if stored.is_file():
            stored.write_bytes(stored.read_bytes()[:50])
    checker.check()
    assert not list((checker.work / "cache").rglob("*.tmp"))


def test_a_stat_taken_just_after_a_write_is_not_trusted(tmp_path: Path) -> None:
    from generator.load.listing import list_content, trusted

    (tmp_path / "site.yml").write_text("name: x\n", encoding="utf-8")
    listing = list_content(str(tmp_path))
    stat = listing.records["site.yml"]
    # written within the same tick as a later rewrite could be: hash it next time
    assert not trusted(stat, listing.taken_ns)
    assert trusted(stat, listing.taken_ns + 3_000_000_000)
