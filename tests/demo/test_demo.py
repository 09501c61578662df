"""``jinlin demo``: the small demo is valid content, reproducible, and never overwrites."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import get_args

import pytest

from generator.demo import run_demo
from generator.errors import JinlinError
from generator.model.content import Content
from generator.model.events import ActivityType, WishStatus
from generator.project import load_content
from tests.conftest import run_jinlin


def tree_digest(root: Path) -> str:
    """One hash over every file's relative path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "content"
    run_demo("small", out, 1)
    return out


@pytest.fixture(scope="module")
def content(small: Path) -> Content:
    loaded, problems = load_content(small)
    assert [p.format() for p in problems] == []  # no errors, and no warnings either
    assert loaded is not None
    return loaded


def test_small_demo_has_the_expected_counts(content: Content) -> None:
    assert len(content.communities) == 2
    estates = [e for c in content.communities.values() for e in c.estates]
    assert len(estates) == 5
    assert sum(len(e.buildings) for e in estates) == 24
    assert len(content.activities) == 60
    assert len(content.people) == 30
    assert len(content.wishes) == 15
    kinds = [m.kind for m in content.meetings.values()]
    assert (kinds.count("议事"), kinds.count("联席会议")) == (8, 2)
    assert len(content.units) == 6
    assert len(content.groups) == 8
    assert content.months() == ["2026-10", "2026-11"]


def test_every_building_is_rated_every_month_three_times(content: Content) -> None:
    assert len(content.ratings) == 2 * 2
    for sheet in content.ratings.values():
        grid = content.communities[sheet.community]
        expected = sorted((e.id, b.id) for e in grid.estates for b in e.buildings)
        assert sorted((b.estate, b.building) for b in sheet.buildings) == expected
        assert all(len(b.inspections) == 3 for b in sheet.buildings)


def test_every_type_and_status_occurs(content: Content) -> None:
    assert {a.type for a in content.activities.values()} == set(get_args(ActivityType))
    assert {w.status for w in content.wishes.values()} == set(get_args(WishStatus))


def test_references_are_used(content: Content) -> None:
    activities = list(content.activities.values())
    assert any(a.meeting for a in activities)
    assert any(a.organisers.units for a in activities)
    assert any(a.organisers.groups for a in activities)
    assert any(a.people for a in activities)
    assert any(a.building for a in activities)
    assert any("楼道" in a.summary for a in activities)  # something for search to find


def test_same_seed_gives_the_same_bytes(small: Path, tmp_path: Path) -> None:
    run_demo("small", tmp_path / "again", 1)
    assert tree_digest(tmp_path / "again") == tree_digest(small)


def test_another_seed_gives_other_content(small: Path, tmp_path: Path) -> None:
    run_demo("small", tmp_path / "other", 2)
    assert tree_digest(tmp_path / "other") != tree_digest(small)


def test_a_folder_with_files_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "content"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(JinlinError, match="不是空的"):
        run_demo("small", out, 1)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]  # no staging folder left


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    out = tmp_path / "content"
    out.mkdir()
    run_demo("small", out, 3)
    assert (out / "site.yml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_a_failed_run_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("generator.demo.tree.write_demo", broken)
    with pytest.raises(OSError):
        run_demo("small", tmp_path / "content", 1)
    assert list(tmp_path.iterdir()) == []


def test_unknown_scale_is_refused(tmp_path: Path) -> None:
    with pytest.raises(JinlinError, match="未知的规模"):
        run_demo("galaxy", tmp_path / "content", 1)


def test_the_cli_writes_and_refuses(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    done = run_jinlin("demo", "--scale", "small", "--out", str(out), "--seed", "5")
    assert done.returncode == 0, done.stderr
    assert run_jinlin("check", "--content", str(out)).returncode == 0
    again = run_jinlin("demo", "--scale", "small", "--out", str(out))
    assert again.returncode == 1
    assert "不是空的" in again.stderr and "Traceback" not in again.stderr


def test_several_cities_share_one_folder(tmp_path: Path) -> None:
    from generator.demo.tree import write_demo
    from generator.demo.world import Scale

    write_demo(Scale(2, 2, 3, 9, 1, 12, 8, 5, 2, 1, 4), tmp_path, 7)
    loaded, problems = load_content(tmp_path)
    assert [p.format() for p in problems] == []
    assert loaded is not None
    prefixes = sorted({ident.split("-")[0] for ident in loaded.communities})
    assert prefixes == ["qingxi", "yunchuan"]
    assert all(ident.startswith(("qingxi-", "yunchuan-")) for ident in [*loaded.units, *loaded.people])
    assert len(loaded.activities) == 24 and loaded.site.city == "青山省"
