"""The load cache: reused when files are unchanged, never when they changed."""

from __future__ import annotations

from pathlib import Path

from generator.project import load_content

ACTIVITY = "activities/2026/10/2026-10-10-loudao-qingli.yml"


def _title(root: Path, cache_dir: Path) -> str:
    content, problems = load_content(root, cache_dir=cache_dir)
    assert content is not None, problems
    return next(a.title for a in content.activities.values() if a.id.endswith("loudao-qingli"))


def test_an_edit_is_seen_even_straight_after_a_cached_load(mini_content: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    assert _title(mini_content, cache_dir) == "天润小区楼道清理"
    path = mini_content / ACTIVITY
    # same length, same second: only the bytes tell the two versions apart
    path.write_text(path.read_text(encoding="utf-8").replace("楼道清理", "楼道整治"), encoding="utf-8")
    assert _title(mini_content, cache_dir) == "天润小区楼道整治"
    assert _title(mini_content, cache_dir) == "天润小区楼道整治"  # each load is a new session
    assert [p.name for p in cache_dir.iterdir()] and not list(cache_dir.rglob("*.tmp"))


def test_a_damaged_cache_file_is_ignored(mini_content: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    _title(mini_content, cache_dir)
    for cached in cache_dir.rglob("*"):
        if cached.is_file():
            cached.write_bytes(cached.read_bytes()[:100])
    assert _title(mini_content, cache_dir) == "天润小区楼道清理"


def test_problems_come_back_from_the_cache_too(mini_content: Path, tmp_path: Path) -> None:
    path = mini_content / ACTIVITY
    path.write_text(path.read_text(encoding="utf-8") + "participants: 3\n", encoding="utf-8")
    first = load_content(mini_content, cache_dir=tmp_path)[1]
    second = load_content(mini_content, cache_dir=tmp_path)[1]
    assert [p.format() for p in first] == [p.format() for p in second]
    assert any("重复" in p.message for p in second)
