"""The load cache: reused when files are unchanged, never when they changed."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from generator.model.base import StoredList
from generator.model.privacy import masked_content
from generator.model.ratings import month_scores
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


RATINGS = "ratings/2026-10/tianrun-demo.yml"


def _sheets(root: Path, cache_dir: Path) -> dict[str, Any]:
    content, problems = load_content(root, cache_dir=cache_dir)
    assert content is not None, problems
    return content  # type: ignore[return-value]


def test_stored_inspections_are_read_only_when_asked_for(mini_content: Path, tmp_path: Path) -> None:
    """A rating sheet from the store holds its buildings as stored bytes until something
    reads them; read, they equal, dump and score as the freshly validated ones."""
    fresh = _sheets(mini_content, tmp_path)  # validated from the files (and stored)
    stored = _sheets(mini_content, tmp_path)  # a new session: restored from the store
    for key, sheet in stored.ratings.items():
        assert isinstance(sheet.buildings, StoredList) and not sheet.buildings.restored, key
        assert not isinstance(fresh.ratings[key].buildings, StoredList)
    masked_content(stored)  # making the view's copy needs none of them (no numbers in the files)
    assert not any(s.buildings.restored for s in stored.ratings.values())
    for key, sheet in stored.ratings.items():
        assert sheet.__dict__ == fresh.ratings[key].__dict__  # the fields (``==`` compares ``_source`` too)
        assert sheet.model_dump() == fresh.ratings[key].model_dump()
        assert sheet.model_dump_json() == fresh.ratings[key].model_dump_json()
        assert sheet.buildings.restored
    assert month_scores(stored, "2026-10") == month_scores(fresh, "2026-10")
    again = pickle.loads(pickle.dumps(stored.ratings[next(iter(stored.ratings))]))
    assert again.buildings == fresh.ratings[next(iter(stored.ratings))].buildings


def test_a_number_in_a_stored_inspection_is_still_masked(mini_content: Path, tmp_path: Path) -> None:
    path = mini_content / RATINGS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{date: 2026-10-06,", "{note: 联系13812345678, date: 2026-10-06,", 1),
                    encoding="utf-8")
    _sheets(mini_content, tmp_path)
    stored = _sheets(mini_content, tmp_path)
    sheet = next(s for s in stored.ratings.values() if s.id == "tianrun-demo")
    assert isinstance(sheet.buildings, StoredList)
    public = masked_content(stored).ratings[next(k for k, s in stored.ratings.items() if s is sheet)]
    notes = [i.note for b in public.buildings for i in b.inspections if i.note]
    assert notes == ["联系138****5678"]
    assert any("13812345678" in i.note for b in sheet.buildings for i in b.inspections)  # the record itself is kept


def test_damaged_stored_inspections_make_the_store_read_the_files_again(mini_content: Path, tmp_path: Path) -> None:
    """The inspections are read from the store only later, when a damaged byte could no
    longer fall back on the files: the store checks them when it is read instead."""
    _sheets(mini_content, tmp_path)
    damaged = 0
    for shard in tmp_path.rglob("shard-*"):
        data = shard.read_bytes()
        stored = pickle.loads(data)
        for raw in stored[1].values():
            record = raw[4]
            if record is not None and isinstance(record[1]["__dict__"].get("buildings"), StoredList):
                inner = record[1]["__dict__"]["buildings"]._data
                middle = data.find(inner) + len(inner) // 2
                shard.write_bytes(data[:middle] + bytes(8) + data[middle + 8:])
                damaged += 1
                break
    assert damaged
    content = _sheets(mini_content, tmp_path)
    assert month_scores(content, "2026-10") == month_scores(_sheets(mini_content, tmp_path / "fresh"), "2026-10")
