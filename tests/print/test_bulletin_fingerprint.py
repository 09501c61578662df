"""After a run, the folder is checked against its key by sizes and times, read again only
when a file changed (or was modified too recently for its time to tell)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from pdfread import PRINT_CONTENT

from generator.print import fingerprint
from generator.print.fingerprint import folder_key, read_folder, still_same

RECORD = Path("activities/2026/10/2026-10-28-lifa.yml")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(PRINT_CONTENT, content)
    old = 1_600_000_000_000_000_000  # long before the run: times can be trusted
    for path in content.rglob("*"):
        os.utime(path, ns=(old, old))
    return content


@pytest.fixture
def recomputed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = fingerprint.folder_key

    def counted(content_dir: Path, editions: object) -> str:
        calls.append(1)
        return real(content_dir, editions)  # type: ignore[arg-type]

    monkeypatch.setattr(fingerprint, "folder_key", counted)
    # jinlin's own files may have been checked out a moment ago (their times would then
    # be too recent to trust): these tests are about the content folder
    monkeypatch.setattr(fingerprint, "CODE", ())
    # the copy was just made: its change times are new, which no utime can set back; read
    # the folder as if it were a few seconds later (edits in a test still change the stat)
    later = time.time_ns() + 3_000_000_000
    monkeypatch.setattr(fingerprint, "time", SimpleNamespace(time_ns=lambda: later))
    return calls


def test_the_state_carries_the_folder_key(folder: Path) -> None:
    assert read_folder(folder, ["archive"]).key == folder_key(folder, ["archive"])
    assert read_folder(folder, ["archive"]).key != folder_key(folder, ["archive", "print"])


def test_an_untouched_folder_is_not_read_again(folder: Path, recomputed: list[int]) -> None:
    state = read_folder(folder, ["archive"])
    assert still_same(state) and recomputed == []


def test_an_edit_is_seen(folder: Path, recomputed: list[int]) -> None:
    state = read_folder(folder, ["archive"])
    record = folder / RECORD
    record.write_text(record.read_text(encoding="utf-8").replace("义务理发", "义务修鞋"), encoding="utf-8")
    assert not still_same(state) and recomputed == [1]


def test_an_edit_that_keeps_size_and_time_is_seen_in_a_recent_file(folder: Path, recomputed: list[int]) -> None:
    record = folder / RECORD
    record.write_text(record.read_text(encoding="utf-8"), encoding="utf-8")  # modified just now
    state = read_folder(folder, ["archive"])
    stat = record.stat()
    record.write_text(record.read_text(encoding="utf-8").replace("义务理发", "义务修鞋"), encoding="utf-8")
    os.utime(record, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # within one tick of the clock
    assert not still_same(state) and recomputed == [1]


def test_a_touched_file_with_the_same_bytes_keeps_the_key(folder: Path, recomputed: list[int]) -> None:
    state = read_folder(folder, ["archive"])
    (folder / RECORD).touch()
    assert still_same(state) and recomputed == [1]


def test_a_new_file_is_seen(folder: Path) -> None:
    state = read_folder(folder, ["archive"])
    (folder / "media" / "new.txt").write_text("x", encoding="utf-8")
    assert not still_same(state)
